//! `o` in the log view: every log file of the view's apps, newest first, to read an older one
//! (a recycle's earlier process, yesterday's requests) or to go back to following the newest.
//! Picking a file starts the tail again on it alone; it is not switched away from when a newer
//! file appears, and the header says so.

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::host::logs::Ring;
use crate::host::terminal_text::escape;
use crate::model::store::human_size;
use crate::tui::action::{Action, Layer};
use crate::tui::app::{App, Level};
use crate::tui::dialog::chrome::{centered, frame_block};
use crate::tui::dialog::{Cx, Dialog, Outcome};
use crate::tui::keymap::Key;
use crate::tui::log_tail::Backlog;
use crate::tui::msg::Effect;
use crate::tui::view::fit::fit_cell;

use super::LogView;
use super::render::date_text;

/// One row of the list: a source's newest (following) or one of its files.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    source: usize,
    /// `None`: follow the newest file, switching to newer ones.
    file: Option<PathBuf>,
    text: String,
    detail: String,
    /// What the source reads now.
    current: bool,
}

/// The list of log files to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogFiles {
    rows: Vec<Row>,
    highlighted: usize,
}

impl LogFiles {
    /// The files of the view's sources; `None` when there are none to pick from.
    pub fn new(view: &LogView) -> Option<LogFiles> {
        let mut rows = Vec::new();
        for (index, source) in view.sources.iter().enumerate() {
            let files = source.files();
            if files.is_empty() {
                continue;
            }
            let prefix = if view.prefixed() {
                format!("[{}] ", source.label)
            } else {
                String::new()
            };
            rows.push(Row {
                source: index,
                file: None,
                text: format!("{prefix}the newest (follows a recycle's new file)"),
                detail: String::new(),
                current: source.pinned.is_none(),
            });
            for file in files {
                let pid = file.pid.map(|p| format!("  pid {p}")).unwrap_or_default();
                rows.push(Row {
                    source: index,
                    current: source.pinned.as_ref() == Some(&file.path),
                    file: Some(file.path.clone()),
                    text: format!("{prefix}{}", file.name),
                    detail: format!(
                        "{}  {}{pid}",
                        human_size(file.size),
                        date_text(file.modified)
                    ),
                });
            }
        }
        let highlighted = rows.iter().position(|r| r.current).unwrap_or(0);
        (!rows.is_empty()).then_some(LogFiles { rows, highlighted })
    }
}

/// `o`: the list of the view's log files, or why there is none.
pub fn open(app: &mut App) -> Vec<Effect> {
    match LogFiles::new(&app.logs) {
        Some(dialog) => {
            app.dialogs.push(Box::new(dialog));
        }
        None => app.set_status(Level::Info, "Logs: no log files here to choose from"),
    }
    Vec::new()
}

/// Reads `file` (or the newest, following) for `source`, from a fresh buffer.
pub fn read(app: &mut App, source: usize, file: Option<PathBuf>) -> Vec<Effect> {
    let Some(log) = app.logs.sources.get_mut(source) else {
        return Vec::new();
    };
    let status = match &file {
        Some(path) => format!(
            "Logs: reading {} only; o, then its first row, follows the newest again",
            super::file_name(path)
        ),
        None => String::from("Logs: following the newest file again"),
    };
    log.pinned = file;
    let view = &mut app.logs;
    // Every source is read again from the start of its window: counts begin afresh.
    for source in &mut view.sources {
        source.file = None;
        if let Some(summary) = source.summary.as_mut() {
            *summary = Default::default();
        }
    }
    view.ring = Ring::new(view.ring.capacity());
    view.backlog = Backlog::default();
    view.follow = true;
    view.top = 0;
    app.set_status(Level::Info, status);
    super::start(app)
}

impl Dialog for LogFiles {
    fn layer(&self) -> Layer {
        Layer::Picker
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        match cx.app.keymap.action(Layer::Picker, &Key::from_event(key)) {
            Some(Action::Up) => self.highlighted = self.highlighted.saturating_sub(1),
            Some(Action::Down) => {
                self.highlighted = (self.highlighted + 1).min(self.rows.len().saturating_sub(1))
            }
            Some(Action::Choose | Action::Toggle) => {
                let Some(row) = self.rows.get(self.highlighted) else {
                    return Outcome::Close;
                };
                return Outcome::Finish(read(cx.app, row.source, row.file.clone()));
            }
            Some(Action::Cancel) => return Outcome::Close,
            _ => {}
        }
        Outcome::Stay
    }

    fn render(&self, frame: &mut Frame, area: Rect, app: &App, _active: bool) {
        let theme = &app.theme;
        let widest = self
            .rows
            .iter()
            .map(|r| r.text.chars().count())
            .max()
            .unwrap_or(0);
        let detail_width = self
            .rows
            .iter()
            .map(|r| r.detail.chars().count() + 2)
            .max()
            .unwrap_or(0);
        // As wide as its rows (the frame, the marker, name, details), within the screen.
        let wanted = (widest + detail_width + 4).max(60) as u16;
        let width = area.width.saturating_sub(4).min(wanted);
        let room = area.height.saturating_sub(4).max(3);
        let height = (self.rows.len() as u16).min(room) + 3;
        let rect = centered(area, width, height);
        frame.render_widget(Clear, rect);
        let block = frame_block(theme, "Log files — Enter reads the highlighted one");
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let rows = inner.height.saturating_sub(1) as usize;
        let offset = self.highlighted.saturating_sub(rows.saturating_sub(1));
        let text_width = widest
            .min((inner.width as usize).saturating_sub(2 + detail_width))
            .max(12);
        let mut lines: Vec<Line> = self
            .rows
            .iter()
            .enumerate()
            .skip(offset)
            .take(rows)
            .map(|(i, row)| {
                let style = if i == self.highlighted {
                    theme.selection(true)
                } else if row.file.is_none() {
                    theme.accent()
                } else {
                    theme.text()
                };
                Line::from(vec![
                    Span::styled(if row.current { "▸ " } else { "  " }, theme.key()),
                    Span::styled(fit_cell(&escape(&row.text), text_width), style),
                    Span::styled(format!("  {}", row.detail), theme.dim()),
                ])
            })
            .collect();
        lines.push(Line::from(Span::styled(
            "↑/↓ move · Enter reads it · Esc keeps what is read now",
            theme.dim(),
        )));
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
