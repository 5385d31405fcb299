//! Quit although something is unfinished (a form with input, a pending review, a save in
//! progress)? Cancel has focus.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use crate::tui::action::{Action, Layer};
use crate::tui::app::App;
use crate::tui::keymap::Key;

use super::chrome::{centered, frame_block};
use super::{Buttons, Cx, Dialog, Outcome};

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
        match cx.app.keymap.action(Layer::Confirm, &Key::from_event(key)) {
            Some(Action::Cancel) => Outcome::Close,
            Some(Action::Press) => {
                cx.app.quit = self.buttons.focus == 1;
                Outcome::Close
            }
            Some(action) => {
                self.buttons.step(action);
                Outcome::Stay
            }
            None => Outcome::Stay,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, app: &App, _active: bool) {
        let rect = centered(area, 60, 6);
        frame.render_widget(Clear, rect);
        let lines = vec![
            Line::from("An operation is unfinished (a form with input, or a save in progress)."),
            Line::from(""),
            self.buttons.line(&app.theme),
        ];
        frame.render_widget(
            Paragraph::new(lines).block(frame_block(&app.theme, "Quit?")),
            rect,
        );
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
