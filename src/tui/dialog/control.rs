//! Stop or recycle, asked first with Cancel focused: what it interrupts, the appcmd command it
//! runs, and Cancel / Stop (or Recycle). Confirming runs the control as an effect; its result
//! comes back to the status line.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::host::runtime::Control;
use crate::host::shell_quote::Shell;
use crate::host::terminal_text::escape;
use crate::tui::action::Layer;
use crate::tui::app::{App, Level};
use crate::tui::control::run;
use crate::tui::keymap::Key;

use super::chrome::{centered, frame_block};
use super::{Answer, Buttons, Cx, Dialog, Outcome};

/// A stop or recycle awaiting confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmControl {
    pub conn: usize,
    pub control: Control,
    pub buttons: Buttons,
}

impl ConfirmControl {
    pub fn new(conn: usize, control: Control) -> ConfirmControl {
        let verb = if control.verb() == "recycle" {
            "Recycle"
        } else {
            "Stop"
        };
        ConfirmControl {
            conn,
            buttons: Buttons::new(&["Cancel", verb]),
            control,
        }
    }

    /// What the control interrupts, in one sentence.
    fn consequence(&self) -> &'static str {
        match &self.control {
            Control::StopAppPool(_) => {
                "Its worker processes end, and its applications answer 503 until it is started again."
            }
            Control::RecycleAppPool(_) => {
                "A new worker process starts; the old one finishes its requests and ends (in-process state such as sessions is lost)."
            }
            _ => "The site stops answering requests on its bindings until it is started again.",
        }
    }
}

impl Dialog for ConfirmControl {
    fn layer(&self) -> Layer {
        Layer::Confirm
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        let action = cx.app.keymap.action(Layer::Confirm, &Key::from_event(key));
        match self.buttons.answer(action) {
            Answer::Pressed(1) => Outcome::Finish(run(cx.app, self.conn, self.control.clone())),
            Answer::Cancel | Answer::Pressed(_) => {
                cx.app
                    .set_status(Level::Info, "cancelled: nothing was changed");
                Outcome::Close
            }
            Answer::Pending => Outcome::Stay,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, app: &App, _active: bool) {
        let theme = &app.theme;
        let rect = centered(area, 76, 10);
        frame.render_widget(Clear, rect);
        let command = Shell::native().command_line("appcmd", &self.control.appcmd_args());
        let lines = vec![
            Line::from(Span::styled(
                format!("{}?", escape(&self.control.to_string())),
                theme.warning(),
            )),
            Line::from(Span::styled(self.consequence(), theme.text())),
            Line::from(""),
            Line::from(vec![
                Span::styled("Runs: ", theme.dim()),
                Span::styled(escape(&command).into_owned(), theme.accent()),
            ]),
            Line::from(""),
            self.buttons.line(theme),
        ];
        let title = if self.control.verb() == "recycle" {
            "Recycle"
        } else {
            "Stop"
        };
        frame.render_widget(
            Paragraph::new(lines)
                .block(frame_block(theme, title))
                .wrap(Wrap { trim: false }),
            rect,
        );
    }

    fn holds_input(&self) -> bool {
        true
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
