//! The read-only file viewer (Enter on a file in a folder listing): web.config and other XML
//! coloured, logs with their headers dim, anything else as text. The file is read in the
//! background (regular files only, at most [`VIEW_LIMIT`] bytes: the end of a log, the start of
//! anything else), every character escaped before it is drawn. Scrolls with the Confirm
//! layer's keys; Esc or Enter closes it.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::model::store::human_size;
use crate::tui::action::Layer;
use crate::tui::app::App;
use crate::tui::host_job::{FileText, HostAnswer, HostJob, VIEW_LIMIT};
use crate::tui::keymap::Key;
use crate::tui::msg::{DialogResult, Effect};

use super::chrome::{clamp_scroll, frame_block, large, text_key};
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
    pub scroll: usize,
}

/// Opens the viewer on `path` and asks for the file.
pub fn open(app: &mut App, path: PathBuf) -> Vec<Effect> {
    let id = app.dialogs.next_id();
    app.dialogs.push(Box::new(Viewer {
        path: path.clone(),
        shown: Shown::Loading,
        scroll: 0,
    }));
    vec![Effect::Host {
        dialog: id,
        job: HostJob::ReadFile(path),
    }]
}

impl Viewer {
    fn line_count(&self) -> usize {
        match &self.shown {
            Shown::Loaded(file) => file.text.lines().count(),
            _ => 1,
        }
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

    fn on_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        let page = (cx.app.height as usize).saturating_sub(4).max(1);
        let lines = self.line_count();
        let action = cx.app.keymap.action(Layer::Confirm, &Key::from_event(key));
        if text_key(&mut self.scroll, action, lines, page) {
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
                        self.scroll = file.text.lines().count();
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
        let height = rect.height.saturating_sub(2) as usize;
        let lines: Vec<Line> = match &self.shown {
            Shown::Loading => vec![Line::from(Span::styled("reading…", theme.dim()))],
            Shown::Failed(why) => vec![Line::from(Span::styled(
                crate::host::terminal_text::escape(why).into_owned(),
                theme.error(),
            ))],
            Shown::Loaded(file) => {
                let syntax = Syntax::of(&self.path.to_string_lossy());
                let total = file.text.lines().count();
                let scroll = clamp_scroll(self.scroll, total, height);
                // Colour from the top so a comment opened above the window is known; draw
                // only the window.
                let mut in_comment = false;
                file.text
                    .lines()
                    .enumerate()
                    .take(scroll + height)
                    .filter_map(|(n, line)| {
                        let coloured = colour_line(line, syntax, theme, &mut in_comment);
                        (n >= scroll).then_some(coloured)
                    })
                    .collect()
            }
        };
        frame.render_widget(
            Paragraph::new(lines).block(frame_block(theme, &self.title())),
            rect,
        );
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
