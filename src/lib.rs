//! iistui: a terminal management console for IIS. The library holds everything; the binary in
//! `main.rs` only dispatches to the CLI or the TUI.

// Unit tests may unwrap and print what they found.
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::print_stdout, clippy::print_stderr)
)]

pub mod cli;
pub mod host;
pub mod model;
pub mod tui;
