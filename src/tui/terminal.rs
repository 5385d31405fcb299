//! The terminal: raw mode, alternate screen, bracketed paste and hidden cursor while iistui
//! runs, restored on every exit path: normal return, error (the guard's Drop) and panic (a hook
//! chained before ratatui's own restoring hook).

use std::io;

use ratatui::DefaultTerminal;
use ratatui::backend::{Backend, ClearType};
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::{cursor, execute};

/// Owns the terminal for the TUI's lifetime.
pub struct TerminalGuard {
    pub terminal: DefaultTerminal,
}

impl TerminalGuard {
    pub fn new() -> io::Result<TerminalGuard> {
        // try_init installs a panic hook that restores the terminal before the panic message;
        // ours runs first and turns bracketed paste off.
        let terminal = ratatui::try_init()?;
        let restore = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(io::stdout(), DisableBracketedPaste);
            restore(info);
        }));
        execute!(io::stdout(), EnableBracketedPaste)?;
        Ok(TerminalGuard { terminal })
    }

    /// Ctrl-L: wipe the screen and paint every cell again. `Terminal::clear` is not used: it
    /// asks the terminal for the cursor position, and the reply would be read (and lost) by the
    /// input thread, which made ratatui give up after two seconds.
    pub fn repaint(&mut self) -> io::Result<()> {
        self.terminal.backend_mut().clear_region(ClearType::All)?;
        // An empty frame makes the previous buffer blank, so the next frame writes every cell.
        self.terminal.draw(|_| {})?;
        Ok(())
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(io::stdout(), DisableBracketedPaste);
        ratatui::restore();
        let _ = execute!(io::stdout(), cursor::Show);
    }
}
