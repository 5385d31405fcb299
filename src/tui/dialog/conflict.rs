//! The file changed on disk since it was loaded: Cancel, Reload (drop the loaded copy) or Show
//! diff. Nothing was written when this shows.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::tui::action::Layer;
use crate::tui::app::App;
use crate::tui::keymap::Key;
use crate::tui::msg::Effect;

use super::chrome::{centered, frame_block};
use super::steps::wrapped_rows;
use super::{Answer, Buttons, Cx, Dialog, Outcome};

/// The changed-on-disk choice for one connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub conn: usize,
    pub buttons: Buttons,
}

impl Conflict {
    pub fn new(conn: usize) -> Conflict {
        Conflict {
            conn,
            buttons: Buttons::new(&["Cancel", "Reload", "Show diff"]),
        }
    }
}

impl Dialog for Conflict {
    fn layer(&self) -> Layer {
        Layer::Confirm
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        let action = cx.app.keymap.action(Layer::Confirm, &Key::from_event(key));
        match self.buttons.answer(action) {
            Answer::Pressed(1) => Outcome::Finish(vec![Effect::Reload { conn: self.conn }]),
            Answer::Pressed(2) => Outcome::Finish(vec![Effect::DiskDiff { conn: self.conn }]),
            Answer::Cancel | Answer::Pressed(_) => Outcome::Close,
            Answer::Pending => Outcome::Stay,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, app: &App, _active: bool) {
        let theme = &app.theme;
        let file = app
            .conns
            .get(self.conn)
            .map(|c| crate::host::terminal_text::escape(&c.display_path).into_owned())
            .unwrap_or_default();
        let head = format!("{file} changed on disk since it was loaded.");
        // As tall as the file's name needs (a long path wraps), so the buttons always show.
        let width = area.width.saturating_sub(4).min(76);
        let head_rows = wrapped_rows(&head, width.saturating_sub(2) as usize);
        let rect = centered(area, width, head_rows + 8);
        frame.render_widget(Clear, rect);
        let lines = vec![
            Line::from(Span::styled(head, theme.warning())),
            Line::from("Your change was not written, so nothing on disk was overwritten."),
            Line::from(""),
            Line::from(Span::styled(
                "Reload takes the file from disk (your unsaved change is dropped).",
                theme.dim(),
            )),
            Line::from(""),
            self.buttons.line(theme),
        ];
        frame.render_widget(
            Paragraph::new(lines)
                .block(frame_block(theme, "Changed on disk"))
                .wrap(Wrap { trim: false }),
            rect,
        );
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
