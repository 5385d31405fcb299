//! Quit although something is unfinished (a form with input, a pending review, a save in
//! progress)? Cancel has focus.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use crate::tui::action::Layer;
use crate::tui::app::App;
use crate::tui::keymap::Key;

use super::chrome::{centered, frame_block, wrap_words};
use super::{Answer, Buttons, Cx, Dialog, Outcome};

/// What the quit question says.
const QUESTION: &str = "An operation is unfinished (a form with input, or a save in progress).";

/// The quit question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quit {
    pub buttons: Buttons,
}

impl Default for Quit {
    fn default() -> Quit {
        Quit {
            buttons: Buttons::new(&["Cancel", "Quit"]),
        }
    }
}

impl Dialog for Quit {
    fn layer(&self) -> Layer {
        Layer::Confirm
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        let action = cx.app.keymap.action(Layer::Confirm, &Key::from_event(key));
        match self.buttons.answer(action) {
            Answer::Cancel => Outcome::Close,
            Answer::Pressed(button) => {
                cx.app.quit = button == 1;
                Outcome::Close
            }
            Answer::Pending => Outcome::Stay,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, app: &App, _active: bool) {
        let width = area.width.saturating_sub(4).min(60);
        let rows = wrap_words(QUESTION, width.saturating_sub(2) as usize, 0);
        let rect = centered(area, width, rows.len() as u16 + 4);
        frame.render_widget(Clear, rect);
        let mut lines: Vec<Line> = rows.into_iter().map(Line::from).collect();
        lines.push(Line::from(""));
        lines.push(self.buttons.line(&app.theme));
        frame.render_widget(
            Paragraph::new(lines).block(frame_block(&app.theme, "Quit?")),
            rect,
        );
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
