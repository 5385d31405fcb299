//! iistui: a terminal management console for IIS. The library holds everything; the binary in
//! `main.rs` only dispatches to the CLI or the TUI.

pub mod cli;
pub mod host;
pub mod model;
pub mod tui;
