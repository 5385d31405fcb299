//! The `iistui` binary: parses the command line and runs the CLI subcommand, or the TUI when
//! there is none. Errors are printed without a backtrace and exit non-zero.

use std::process::ExitCode;

use clap::Parser;

use iistui::cli::{self, Args};

fn main() -> ExitCode {
    let args = Args::parse();
    let result = match args.command {
        Some(command) => cli::run(command, &args.global),
        None => iistui::tui::run(&args.global),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            eprintln!("iistui: {err}");
            ExitCode::from(err.code)
        }
    }
}
