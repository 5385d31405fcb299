//! A read-only text dialog (a diff against the file on disk, the session's messages): scrolls
//! with the Confirm layer's keys, Esc or Enter closes it.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::tui::action::Layer;
use crate::tui::app::App;
use crate::tui::keymap::Key;

use super::chrome::{clamp_scroll, diff_lines, frame_block, large, text_key};
use super::{Cx, Dialog, Outcome};

/// A titled text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub title: String,
    pub text: String,
    pub scroll: usize,
}

impl Message {
    pub fn new(title: impl Into<String>, text: impl Into<String>) -> Message {
        Message {
            title: title.into(),
            text: text.into(),
            scroll: 0,
        }
    }
}

impl Dialog for Message {
    fn layer(&self) -> Layer {
        Layer::Confirm
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        let page = (cx.app.height as usize).saturating_sub(4).max(1);
        let lines = self.text.lines().count();
        let action = cx.app.keymap.action(Layer::Confirm, &Key::from_event(key));
        if text_key(&mut self.scroll, action, lines, page) {
            return Outcome::Close;
        }
        Outcome::Stay
    }

    fn render(&self, frame: &mut Frame, area: Rect, app: &App, _active: bool) {
        let rect = large(area);
        frame.render_widget(Clear, rect);
        let lines = diff_lines(&app.theme, &self.text);
        let height = rect.height.saturating_sub(2) as usize;
        let scroll = clamp_scroll(self.scroll, lines.len(), height) as u16;
        frame.render_widget(
            Paragraph::new(lines)
                .block(frame_block(&app.theme, &self.title))
                .wrap(Wrap { trim: false })
                .scroll((scroll, 0)),
            rect,
        );
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
