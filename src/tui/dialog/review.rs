//! The review (confirm) page every change goes through: what will happen, the file's diff, the
//! equivalent `iistui` command, and Cancel-first buttons. Confirming starts the save as a
//! background job; the page shows "saving…" and closes when the save reports success, or shows
//! the reason it was refused and stays, so nothing typed is lost.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::host::shell_quote::Shell;
use crate::host::terminal_text::escape;
use crate::model::store::unified_diff;
use crate::tui::action::{Action, Layer};
use crate::tui::app::{App, Level};
use crate::tui::keymap::{Key, Keymap};
use crate::tui::msg::{DialogResult, Effect};
use crate::tui::op::{ConfigArg, ModelOp};
use crate::tui::theme::Theme;

use super::chrome::{
    clamp_scroll, dialog_area, diff_rows, frame_block, large, scroll_by, wrap_words,
};
use super::{Buttons, Cx, Dialog, DialogId, Outcome};

/// Where the save of a review stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Ready,
    Saving,
    Failed(String),
}

/// A change awaiting confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub conn: usize,
    pub op: ModelOp,
    pub title: String,
    pub message: Vec<String>,
    pub diff: String,
    pub cli: String,
    pub buttons: Buttons,
    pub scroll: usize,
    pub state: SaveState,
}

/// What a key did to a review, for the dialog or wizard holding it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewEvent {
    None,
    /// Esc, or Enter on Cancel: go back (close, or a wizard's previous step).
    Back,
    /// Enter on the confirm button: save.
    Save,
}

impl Review {
    /// Runs an operation on a copy of the document to show its diff before anything is saved.
    pub fn preview(app: &App, conn: usize, op: &ModelOp) -> Result<Review, String> {
        let c = app.conns.get(conn).ok_or("no such connection")?;
        let store = c
            .store
            .as_ref()
            .ok_or("this configuration could not be opened")?;
        let mut copy = store.document().clone();
        let change = op.run(&mut copy, &app.schema).map_err(|e| e.to_string())?;
        let mut message = change.summary.clone();
        message.extend(change.warnings.iter().map(|w| format!("warning: {w}")));
        // The model does not look at the file system; the host says which new folder is missing.
        for path in op.physical_paths() {
            if let Some(warning) = crate::host::paths::missing_folder_warning(path) {
                message.push(format!("warning: {warning}"));
            }
        }
        Ok(Review {
            conn,
            title: op.title(),
            message,
            // Every review hides a password typed in clear (an encrypted value stays as it is).
            diff: crate::tui::op::mask_passwords(&unified_diff(
                store.document().text(),
                copy.text(),
                std::path::Path::new(&*escape(&c.display_path)),
            )),
            cli: op.cli(Shell::native(), ConfigArg::of(c.kind, &c.path)),
            buttons: Buttons::new(&["Cancel", op.verb()]),
            op: op.clone(),
            scroll: 0,
            state: SaveState::Ready,
        })
    }

    /// The effect that saves the change, answering dialog `id`.
    pub fn save_effect(&mut self, app: &mut App, id: DialogId) -> Vec<Effect> {
        self.state = SaveState::Saving;
        app.busy += 1;
        vec![Effect::Apply {
            conn: self.conn,
            op: self.op.clone(),
            dialog: Some(id),
        }]
    }

    /// Handles a key (Confirm layer); `page` is what [`Review::page`] measured.
    pub fn handle(&mut self, key: &KeyEvent, keymap: &Keymap, page: Page) -> ReviewEvent {
        review_key(
            keymap.action(Layer::Confirm, &Key::from_event(key)),
            &mut self.buttons,
            &mut self.scroll,
            (page.rows, page.height),
            self.state == SaveState::Saving,
        )
    }

    /// A save result arrived: `true` when the review is done.
    pub fn saved(&mut self, result: &DialogResult) -> bool {
        save_answer(&mut self.state, &mut self.buttons, result)
    }

    /// The scrolled text's rows and how many show at once in the app's terminal.
    pub fn page(&self, app: &App) -> Page {
        let areas = self.areas(dialog_area(Rect::new(0, 0, app.width, app.height)));
        Page {
            rows: self.body_lines(&app.theme, areas.body.width as usize).len(),
            height: (areas.body.height as usize).max(1),
        }
    }

    /// Where the parts of the page go in `area` (where dialogs are drawn).
    fn areas(&self, area: Rect) -> Areas {
        let rect = large(area);
        let inner = Block::bordered().inner(rect);
        // The whole command, however long its quoted path: it is there to be copied.
        let cli_rows: u16 = self
            .cli
            .lines()
            .map(|l| {
                ("Same as: ".len() + l.chars().count()).div_ceil(inner.width.max(1) as usize) as u16
            })
            .sum::<u16>()
            + 1;
        let [body, cli, state, foot] = Layout::vertical([
            Constraint::Min(1),
            Constraint::Length(cli_rows.clamp(2, 8)),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(inner);
        Areas {
            rect,
            body,
            cli,
            state,
            foot,
        }
    }

    /// What happens, then the diff: one text that scrolls, every row at most `width` columns
    /// (long messages wrap at spaces, long diff lines wrap with their gutter repeated).
    fn body_lines(&self, theme: &Theme, width: usize) -> Vec<Line<'static>> {
        let mut lines = vec![Line::from(Span::styled("When confirmed:", theme.dim()))];
        for m in &self.message {
            let style = if m.starts_with("warning") {
                theme.warning()
            } else {
                theme.text()
            };
            for row in wrap_words(&format!("  {}", escape(m)), width, 4) {
                lines.push(Line::from(Span::styled(row, style)));
            }
        }
        lines.push(Line::from(Span::styled(
            "The file changes like this (a backup is taken first):",
            theme.dim(),
        )));
        lines.extend(diff_rows(theme, &self.diff, width));
        lines
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let areas = self.areas(area);
        frame.render_widget(Clear, areas.rect);
        let block = frame_block(theme, &format!("{}?", self.title));
        frame.render_widget(block, areas.rect);
        let body = areas.body;
        let lines = self.body_lines(theme, body.width as usize);
        let scroll = clamp_scroll(self.scroll, lines.len(), body.height as usize);
        let shown: Vec<Line> = lines.into_iter().skip(scroll).collect();
        frame.render_widget(Paragraph::new(shown), body);
        let cli_lines: Vec<Line> = self
            .cli
            .lines()
            .enumerate()
            .map(|(n, command)| {
                Line::from(vec![
                    Span::styled(if n == 0 { "Same as: " } else { "         " }, theme.dim()),
                    Span::styled(escape(command).into_owned(), theme.accent()),
                ])
            })
            .collect();
        frame.render_widget(
            Paragraph::new(cli_lines).wrap(Wrap { trim: false }),
            areas.cli,
        );
        let state_line = match &self.state {
            SaveState::Ready => Line::from(""),
            SaveState::Saving => Line::from(Span::styled("saving…", theme.accent())),
            SaveState::Failed(why) => {
                Line::from(Span::styled(format!("not saved: {why}"), theme.error()))
            }
        };
        frame.render_widget(Paragraph::new(state_line), areas.state);
        frame.render_widget(Paragraph::new(self.buttons.line(theme)), areas.foot);
    }
}

/// A review's scrolled text: its rows, and how many show at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub rows: usize,
    pub height: usize,
}

/// The parts of a review page on screen.
struct Areas {
    rect: Rect,
    body: Rect,
    cli: Rect,
    state: Rect,
    foot: Rect,
}

/// A Confirm-layer action on a review page: Esc, or Enter on the first button (Cancel), goes
/// back; Enter on another confirms; the rest moves the buttons' focus or scrolls `rows.0` lines
/// of text shown `rows.1` at a time. While `busy` (saving), only scrolling.
pub fn review_key(
    action: Option<Action>,
    buttons: &mut Buttons,
    scroll: &mut usize,
    (lines, page): (usize, usize),
    busy: bool,
) -> ReviewEvent {
    if busy
        && !matches!(
            action,
            Some(Action::Up | Action::Down | Action::PageUp | Action::PageDown)
        )
    {
        return ReviewEvent::None;
    }
    match action {
        Some(Action::Cancel) => return ReviewEvent::Back,
        Some(Action::Press) => {
            return if buttons.focus == 0 {
                ReviewEvent::Back
            } else {
                ReviewEvent::Save
            };
        }
        Some(action) if !scroll_by(scroll, action, page, lines) => {
            buttons.step(action);
        }
        _ => {}
    }
    ReviewEvent::None
}

/// The answer to a review's save (or apply): `true` when it succeeded and the review is done;
/// a refusal is kept in `state` and the focus goes back to Cancel.
pub fn save_answer(state: &mut SaveState, buttons: &mut Buttons, result: &DialogResult) -> bool {
    match result {
        DialogResult::Saved(Ok(_)) => true,
        DialogResult::Saved(Err(why)) => {
            *state = SaveState::Failed(why.clone());
            buttons.focus = 0;
            false
        }
        _ => false,
    }
}

impl Dialog for Review {
    fn layer(&self) -> Layer {
        Layer::Confirm
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        let page = self.page(cx.app);
        match self.handle(key, &cx.app.keymap, page) {
            ReviewEvent::None => Outcome::Stay,
            ReviewEvent::Back => {
                cx.app
                    .set_status(Level::Info, "cancelled: nothing was changed");
                Outcome::Close
            }
            ReviewEvent::Save => Outcome::Run(self.save_effect(cx.app, cx.id)),
        }
    }

    fn on_result(&mut self, result: DialogResult, _cx: &mut Cx) -> Outcome {
        if self.saved(&result) {
            Outcome::Close
        } else {
            Outcome::Stay
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, app: &App, _active: bool) {
        self.draw(frame, area, &app.theme);
    }

    fn holds_input(&self) -> bool {
        true
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
