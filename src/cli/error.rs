//! CLI errors: a message and an exit code (1 refused or invalid, 2 usage or I/O), or the quiet
//! end of a command whose reader went away (`| head`), which exits 0 without a word.

use std::fmt;
use std::io;

use crate::model::apphost::ModelError;
use crate::model::store::StoreError;

/// An error the CLI prints (without a backtrace) before exiting non-zero.
#[derive(Debug)]
pub struct CliError {
    pub message: String,
    pub code: u8,
    /// Nothing to say: the output's reader closed the pipe (exit 0, as ripgrep does).
    pub quiet: bool,
}

impl CliError {
    pub fn usage(message: impl Into<String>) -> Self {
        CliError {
            message: message.into(),
            code: 2,
            quiet: false,
        }
    }

    pub fn refused(message: impl Into<String>) -> Self {
        CliError {
            message: message.into(),
            code: 1,
            quiet: false,
        }
    }

    /// Writing the output failed: quietly when the reader went away, else an I/O error.
    pub fn output(err: io::Error) -> Self {
        if err.kind() == io::ErrorKind::BrokenPipe {
            CliError {
                message: String::new(),
                code: 0,
                quiet: true,
            }
        } else {
            CliError::usage(format!("cannot write output: {err}"))
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
            quiet: false,
        }
    }
}

impl From<crate::host::connection::ConnectionError> for CliError {
    fn from(err: crate::host::connection::ConnectionError) -> Self {
        CliError::usage(err.0)
    }
}
