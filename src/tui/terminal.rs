//! The terminal: raw mode, alternate screen and hidden cursor while iistui runs, restored on every
//! exit path: normal return, error (the guard's Drop) and panic (ratatui's panic hook).

use std::io;

use ratatui::DefaultTerminal;
use ratatui::crossterm::{cursor, execute};

/// Owns the terminal for the TUI's lifetime.
pub struct TerminalGuard {
    pub terminal: DefaultTerminal,
}

impl TerminalGuard {
    pub fn new() -> io::Result<TerminalGuard> {
        // try_init installs a panic hook that restores the terminal before the panic message.
        let terminal = ratatui::try_init()?;
        Ok(TerminalGuard { terminal })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        ratatui::restore();
        let _ = execute!(io::stdout(), cursor::Show);
    }
}
