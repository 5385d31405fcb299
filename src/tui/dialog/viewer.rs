//! The read-only file viewer (Enter on a file in a folder listing): web.config and other XML
//! coloured, logs with their headers dim, anything else as text. The file is read in the
//! background (regular files only, at most [`VIEW_LIMIT`] bytes: the end of a log, the start of
//! anything else), every character escaped before it is drawn. Scrolls with the Confirm
//! layer's keys; long lines wrap onto rows that start with `↪`, or with `w` (the Log layer's
//! wrap key) they are cut and ←/→ scroll sideways; the frame's foot says so. Esc or Enter
//! closes it.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::model::store::human_size;
use crate::tui::action::{Action, Layer};
use crate::tui::app::App;
use crate::tui::host_job::{FileText, HostAnswer, HostJob, VIEW_LIMIT};
use crate::tui::keymap::Key;
use crate::tui::msg::{DialogResult, Effect};
use crate::tui::theme::Theme;

use super::chrome::{
    CONTINUED, clamp_scroll, dialog_area, frame_block, large, text_key, wrap_line,
};
use super::xml_colour::{Syntax, colour_line};
use super::{Cx, Dialog, Outcome};

/// What the viewer shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    Loading,
    Loaded(FileText),
    Failed(String),
}

/// The viewer of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    pub path: PathBuf,
    pub shown: Shown,
    /// The first row shown (a row of wrapped text, or a line when not wrapping).
    pub scroll: usize,
    /// Long lines wrap (the default); off, they are cut at the edge and `left` scrolls.
    pub wrap: bool,
    /// Columns scrolled past on the left while not wrapping.
    pub left: usize,
}

/// Columns ←/→ move while not wrapping.
const SIDEWAYS: usize = 8;

/// Opens the viewer on `path` and asks for the file.
pub fn open(app: &mut App, path: PathBuf) -> Vec<Effect> {
    let id = app.dialogs.next_id();
    app.dialogs.push(Box::new(Viewer {
        path: path.clone(),
        shown: Shown::Loading,
        scroll: 0,
        wrap: true,
        left: 0,
    }));
    vec![Effect::Host {
        dialog: id,
        job: HostJob::ReadFile(path),
    }]
}

impl Viewer {
    /// The text's rows in a body `width` wide: one per line, or with wrap on the rows each
    /// line takes; for each line, the row it starts on.
    fn row_starts(&self, width: usize) -> Vec<usize> {
        let Shown::Loaded(file) = &self.shown else {
            return vec![0];
        };
        let theme = Theme::default_theme();
        let marker = continued(&theme);
        let mut starts = vec![0];
        let mut at = 0;
        for line in file.text.lines() {
            at += if self.wrap {
                let plain = colour_line(line, Syntax::Plain, &theme, &mut false);
                wrap_line(plain, width, &marker).len()
            } else {
                1
            };
            starts.push(at);
        }
        starts
    }

    /// The widest line's columns (how far ←/→ can go).
    fn widest(&self) -> usize {
        match &self.shown {
            Shown::Loaded(file) => file
                .text
                .lines()
                .map(|l| colour_line(l, Syntax::Plain, &Theme::default_theme(), &mut false).width())
                .max()
                .unwrap_or(0),
            _ => 0,
        }
    }

    /// Turns wrapping on or off, keeping the line at the top in view.
    fn toggle_wrap(&mut self, width: usize) {
        let starts = self.row_starts(width);
        let line = starts
            .iter()
            .rposition(|start| *start <= self.scroll)
            .unwrap_or(0);
        self.wrap = !self.wrap;
        self.left = 0;
        self.scroll = self.row_starts(width).get(line).copied().unwrap_or(0);
    }

    fn title(&self) -> String {
        let name = self.path.display().to_string();
        match &self.shown {
            Shown::Loaded(file) if file.truncated => format!(
                "{name} — {} of {} (read-only)",
                human_size(VIEW_LIMIT),
                human_size(file.size)
            ),
            Shown::Loaded(file) => format!("{name} — {} (read-only)", human_size(file.size)),
            _ => format!("{name} (read-only)"),
        }
    }
}

impl Dialog for Viewer {
    fn layer(&self) -> Layer {
        Layer::Confirm
    }

    fn hints(&self) -> Option<Vec<(Layer, Action)>> {
        // Sideways (←/→ with wrap off) is said on the frame's edge.
        Some(vec![
            (Layer::Confirm, Action::Down),
            (Layer::Confirm, Action::PageDown),
            (Layer::Log, Action::Wrap),
            (Layer::Confirm, Action::Cancel),
        ])
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        let (width, page) = body_size(cx.app.width, cx.app.height);
        let key = Key::from_event(key);
        let keymap = &cx.app.keymap;
        let action = keymap.action(Layer::Confirm, &key);
        if action.is_none() && keymap.action(Layer::Log, &key) == Some(Action::Wrap) {
            self.toggle_wrap(width);
            return Outcome::Stay;
        }
        if !self.wrap {
            let most = self.widest().saturating_sub(width);
            match action {
                Some(Action::PrevButton) => {
                    self.left = self.left.saturating_sub(SIDEWAYS);
                    return Outcome::Stay;
                }
                Some(Action::NextButton) => {
                    self.left = (self.left + SIDEWAYS).min(most);
                    return Outcome::Stay;
                }
                _ => {}
            }
        }
        let rows = self.row_starts(width).last().copied().unwrap_or(0);
        self.scroll = clamp_scroll(self.scroll, rows, page);
        if text_key(&mut self.scroll, action, rows, page) {
            return Outcome::Close;
        }
        Outcome::Stay
    }

    fn on_result(&mut self, result: DialogResult, _cx: &mut Cx) -> Outcome {
        if let DialogResult::Host(HostAnswer::File(file)) = result {
            self.shown = match file {
                Ok(file) => {
                    // A log opens at its end, where the news is.
                    if Syntax::of(&self.path.to_string_lossy()) == Syntax::Log {
                        self.scroll = usize::MAX;
                    }
                    Shown::Loaded(file)
                }
                Err(why) => Shown::Failed(why),
            };
        }
        Outcome::Stay
    }

    fn render(&self, frame: &mut Frame, area: Rect, app: &App, _active: bool) {
        let theme = &app.theme;
        let rect = large(area);
        frame.render_widget(Clear, rect);
        let (width, height) = body_size(area.width, area.height);
        let lines: Vec<Line> = match &self.shown {
            Shown::Loading => vec![Line::from(Span::styled("reading…", theme.dim()))],
            Shown::Failed(why) => vec![Line::from(Span::styled(
                crate::host::terminal_text::escape(why).into_owned(),
                theme.error(),
            ))],
            Shown::Loaded(file) => {
                let syntax = Syntax::of(&self.path.to_string_lossy());
                let starts = self.row_starts(width);
                let total = starts.last().copied().unwrap_or(0);
                let scroll = clamp_scroll(self.scroll, total, height);
                let marker = continued(theme);
                // Colour from the top so a comment opened above the window is known; build
                // only the lines in the window.
                let mut in_comment = false;
                let mut rows = Vec::new();
                for (n, line) in file.text.lines().enumerate() {
                    let coloured = colour_line(line, syntax, theme, &mut in_comment);
                    let (start, end) = (starts[n], starts[n + 1]);
                    if end <= scroll {
                        continue;
                    }
                    if start >= scroll + height {
                        break;
                    }
                    let pieces = if self.wrap {
                        wrap_line(coloured, width, &marker)
                    } else {
                        vec![coloured]
                    };
                    rows.extend(pieces.into_iter().skip(scroll.saturating_sub(start)));
                }
                rows.truncate(height);
                rows
            }
        };
        let foot = if self.wrap {
            " ↑↓ PgUp PgDn g G scroll · w no wrap (then ←→ sideways) · Esc close "
        } else if self.left > 0 {
            " ↑↓ PgUp PgDn scroll · ←→ sideways (more on the left) · w wrap · Esc close "
        } else {
            " ↑↓ PgUp PgDn scroll · ←→ sideways · w wrap · Esc close "
        };
        let block = frame_block(theme, &self.title()).title_bottom(Span::styled(foot, theme.dim()));
        let left = if self.wrap { 0 } else { self.left };
        frame.render_widget(
            Paragraph::new(lines)
                .block(block)
                .scroll((0, u16::try_from(left).unwrap_or(u16::MAX))),
            rect,
        );
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The body of the viewer (inside the large box's frame) on a `width` × `height` screen.
fn body_size(width: u16, height: u16) -> (usize, usize) {
    let rect = large(dialog_area(Rect::new(0, 0, width, height)));
    (
        (rect.width.saturating_sub(2) as usize).max(1),
        (rect.height.saturating_sub(2) as usize).max(1),
    )
}

/// What starts a wrapped line's next row.
fn continued(theme: &Theme) -> Span<'static> {
    Span::styled(CONTINUED, theme.dim())
}
