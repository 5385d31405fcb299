//! The terminal UI (being built): for now it explains how to use the CLI.

use crate::cli::{CliError, GlobalArgs};

/// Opens the TUI.
pub fn run(_global: &GlobalArgs) -> Result<u8, CliError> {
    Err(CliError::usage(
        "the TUI is not built yet; run `iistui --help` for the CLI",
    ))
}
