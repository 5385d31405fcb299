//! The `iistui` binary: parses the command line and runs the CLI subcommand, or the TUI when
//! there is none. Errors are printed without a backtrace, escaped like all output, and exit
//! non-zero; output cut short by its reader (`| head`) exits 0 without a word.

use std::io::Write;
use std::process::ExitCode;

use clap::builder::Styles;
use clap::{ColorChoice, CommandFactory, FromArgMatches, Parser};

use iistui::cli::{self, Args, stdio};
use iistui::host::terminal_text::escape_lines;
use iistui::model::invisible::is_invisible;

fn main() -> ExitCode {
    ignore_file_size_signal();
    // clap quotes what was typed back in its messages (`invalid value '…'`): when that holds
    // control or bidi characters, parse without styles so the message can be shown escaped.
    let hostile = std::env::args_os().any(|a| a.to_string_lossy().chars().any(is_invisible));
    let parsed = if hostile {
        Args::command()
            .styles(Styles::plain())
            .color(ColorChoice::Never)
            .try_get_matches()
            .and_then(|m| Args::from_arg_matches(&m))
    } else {
        Args::try_parse()
    };
    let args = match parsed {
        Ok(args) => args,
        Err(err) => return command_line_error(&err, hostile),
    };
    let result = match args.command {
        Some(command) => cli::run(command, &args.global),
        None => {
            let global = &args.global;
            let launch = iistui::tui::Launch {
                request: global.request(),
                readonly: global.readonly,
                theme: global.theme.clone(),
                store: global.store_options(),
            };
            iistui::tui::run(&launch).map_err(cli::CliError::usage)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) if err.quiet => ExitCode::SUCCESS,
        Err(err) => {
            stdio::note("iistui", &err.message);
            ExitCode::from(err.code)
        }
    }
}

/// Help, version, or a refused command line: as clap prints it, or escaped (and without styles)
/// when the command line held control or bidi characters.
fn command_line_error(err: &clap::Error, hostile: bool) -> ExitCode {
    let code = u8::try_from(err.exit_code()).unwrap_or(2);
    if !hostile {
        // A closed pipe (`iistui --help | head -1`) is not worth a word.
        let _ = err.print();
        return ExitCode::from(code);
    }
    let text = err.render().ansi().to_string();
    let escaped = escape_lines(&text);
    let _ = if err.use_stderr() {
        std::io::stderr().lock().write_all(escaped.as_bytes())
    } else {
        std::io::stdout().lock().write_all(escaped.as_bytes())
    };
    ExitCode::from(code)
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
