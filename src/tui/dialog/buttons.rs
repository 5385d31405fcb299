//! A row of dialog buttons with one focused (Cancel first, by convention), moved with the
//! Confirm layer's keys and drawn as `[> Cancel <]  [  Delete  ]`.

use ratatui::text::{Line, Span};

use crate::tui::action::Action;
use crate::tui::theme::Theme;

/// What a key did to a row of buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Esc.
    Cancel,
    /// Enter on this button (0 is Cancel).
    Pressed(usize),
    /// Not answered yet (the focus may have moved).
    Pending,
}

/// Button labels and the focused one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Buttons {
    pub labels: Vec<String>,
    pub focus: usize,
}

impl Buttons {
    /// Buttons with the first one (Cancel) focused.
    pub fn new(labels: &[&str]) -> Buttons {
        Buttons {
            labels: labels.iter().map(|l| (*l).to_owned()).collect(),
            focus: 0,
        }
    }

    /// Moves the focus for NextButton / PrevButton; returns whether the action was one.
    pub fn step(&mut self, action: Action) -> bool {
        let len = self.labels.len().max(1);
        match action {
            Action::NextButton => self.focus = (self.focus + 1) % len,
            Action::PrevButton => self.focus = (self.focus + len - 1) % len,
            _ => return false,
        }
        true
    }

    /// What a Confirm-layer action does to a question's buttons: Esc cancels, Enter presses
    /// the focused button, the button keys move the focus.
    pub fn answer(&mut self, action: Option<Action>) -> Answer {
        match action {
            Some(Action::Cancel) => Answer::Cancel,
            Some(Action::Press) => Answer::Pressed(self.focus),
            Some(action) => {
                self.step(action);
                Answer::Pending
            }
            None => Answer::Pending,
        }
    }

    pub fn focused(&self) -> &str {
        self.labels.get(self.focus).map_or("", String::as_str)
    }

    pub fn line<'a>(&self, theme: &Theme) -> Line<'a> {
        let mut spans = Vec::new();
        for (i, label) in self.labels.iter().enumerate() {
            let focused = i == self.focus;
            let text = if focused {
                format!("[> {label} <]")
            } else {
                format!("[  {label}  ]")
            };
            spans.push(Span::styled(
                text,
                if focused {
                    theme.selection(true)
                } else {
                    theme.text()
                },
            ));
            spans.push(Span::raw("  "));
        }
        Line::from(spans)
    }
}
