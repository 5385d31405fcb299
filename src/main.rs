//! The `iistui` binary: parses the command line and runs the CLI subcommand, or the TUI when
//! there is none. Errors are printed without a backtrace and exit non-zero.

use std::process::ExitCode;

use clap::Parser;

use iistui::cli::{self, Args};

fn main() -> ExitCode {
    ignore_file_size_signal();
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

/// Under `ulimit -f` a write past the limit raises SIGXFSZ, which kills the process with no
/// message. With a handler installed (it only sets a flag nobody reads) the write fails with
/// EFBIG instead, and the save reports it like any other write error, leaving the original as it
/// was.
#[cfg(unix)]
fn ignore_file_size_signal() {
    let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let _ = signal_hook::flag::register(signal_hook::consts::SIGXFSZ, flag);
}

#[cfg(not(unix))]
fn ignore_file_size_signal() {}
