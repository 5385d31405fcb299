//! CLI errors: a message and an exit code (1 refused or invalid, 2 usage or I/O).

use std::fmt;

use crate::model::apphost::ModelError;
use crate::model::store::StoreError;

/// An error the CLI prints (without a backtrace) before exiting non-zero.
#[derive(Debug)]
pub struct CliError {
    pub message: String,
    pub code: u8,
}

impl CliError {
    pub fn usage(message: impl Into<String>) -> Self {
        CliError {
            message: message.into(),
            code: 2,
        }
    }

    pub fn refused(message: impl Into<String>) -> Self {
        CliError {
            message: message.into(),
            code: 1,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CliError {}

impl From<ModelError> for CliError {
    fn from(err: ModelError) -> Self {
        CliError::refused(err.to_string())
    }
}

impl From<StoreError> for CliError {
    fn from(err: StoreError) -> Self {
        let code = match err {
            StoreError::Read { .. }
            | StoreError::NotRegular { .. }
            | StoreError::TooLarge { .. }
            | StoreError::Lock { .. }
            | StoreError::Backup { .. }
            | StoreError::Write { .. } => 2,
            _ => 1,
        };
        CliError {
            message: err.to_string(),
            code,
        }
    }
}
