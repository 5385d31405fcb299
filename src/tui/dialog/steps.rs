//! What the form dialogs (Add Website, Basic Settings, a binding) share: their steps (the
//! form, the "Discard what you typed?" question, the review page) with the keys and results of
//! the last two, Tab completion answers, and the box a form is drawn in.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::tui::action::{Action, Layer};
use crate::tui::app::{App, Level};
use crate::tui::form::{Form, FormEvent, form_rows, render_form};
use crate::tui::keymap::{Key, Keymap};
use crate::tui::msg::{DialogResult, Effect};
use crate::tui::theme::Theme;

use super::chrome::{centered, frame_block};
use super::review::{Review, ReviewEvent};
use super::{Buttons, Cx, Outcome};

/// The steps of a form dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Form,
    /// Esc on a form with input: discard it?
    Discard(Buttons),
    Review(Box<Review>),
}

/// What a key did to the "Discard what you typed?" question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscardAnswer {
    /// A button moved, or the key means nothing here.
    Stay,
    /// Back to the form, everything still typed.
    KeepEditing,
    /// Drop what was typed.
    Drop,
}

/// The buttons of the question, "Keep editing" focused.
pub fn discard_buttons() -> Buttons {
    Buttons::new(&["Keep editing", "Discard"])
}

/// Handles a key on the question (Confirm layer).
pub fn discard_key(buttons: &mut Buttons, key: &KeyEvent, keymap: &Keymap) -> DiscardAnswer {
    match keymap.action(Layer::Confirm, &Key::from_event(key)) {
        Some(Action::Press) if buttons.focus == 1 => DiscardAnswer::Drop,
        Some(Action::Press | Action::Cancel) => DiscardAnswer::KeepEditing,
        Some(step) => {
            buttons.step(step);
            DiscardAnswer::Stay
        }
        None => DiscardAnswer::Stay,
    }
}

/// The question as the line under a form.
pub fn discard_line<'a>(buttons: &Buttons, theme: &Theme) -> Line<'a> {
    let mut line = Line::from(Span::styled("Discard what you typed?  ", theme.warning()));
    line.spans.extend(buttons.line(theme).spans);
    line
}

/// What a key did on a review page held by a dialog.
#[derive(Debug)]
pub enum ReviewStep {
    Stay,
    /// Esc or Cancel: back to the form (or list) it came from.
    Back,
    /// Confirmed: the save is running.
    Save(Vec<Effect>),
}

/// Handles a key on a review page held by a dialog.
pub fn review_key(review: &mut Review, key: &KeyEvent, cx: &mut Cx) -> ReviewStep {
    let page = review.page(cx.app);
    match review.handle(key, &cx.app.keymap, page) {
        ReviewEvent::None => ReviewStep::Stay,
        ReviewEvent::Back => ReviewStep::Back,
        ReviewEvent::Save => ReviewStep::Save(review.save_effect(cx.app, cx.id)),
    }
}

impl Step {
    /// The keymap layer of the step.
    pub fn layer(&self) -> Layer {
        match self {
            Step::Form => Layer::Form,
            Step::Discard(_) | Step::Review(_) => Layer::Confirm,
        }
    }

    /// The layer the hint bar shows (a form's open choice list shows the Picker layer).
    pub fn hint_layer(&self, form: &Form) -> Layer {
        match self {
            Step::Form if form.picker.is_some() => Layer::Picker,
            _ => self.layer(),
        }
    }

    /// Keys on the question and the review; `None` on the form, whose keys are the owner's.
    pub fn key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Option<Outcome> {
        let outcome = match self {
            Step::Form => return None,
            Step::Discard(buttons) => match discard_key(buttons, key, &cx.app.keymap) {
                DiscardAnswer::Drop => Outcome::Close,
                DiscardAnswer::KeepEditing => {
                    *self = Step::Form;
                    Outcome::Stay
                }
                DiscardAnswer::Stay => Outcome::Stay,
            },
            Step::Review(review) => match review_key(review, key, cx) {
                ReviewStep::Stay => Outcome::Stay,
                ReviewStep::Back => {
                    *self = Step::Form;
                    Outcome::Stay
                }
                ReviewStep::Save(effects) => Outcome::Run(effects),
            },
        };
        Some(outcome)
    }

    /// Esc on the form: close, or ask first when something was typed.
    pub fn cancel(&mut self, form: &Form) -> Outcome {
        if form.changed() {
            *self = Step::Discard(discard_buttons());
            Outcome::Stay
        } else {
            Outcome::Close
        }
    }

    /// A save result for the review: the dialog closes once the change is saved.
    pub fn result(&mut self, result: &DialogResult) -> Outcome {
        match self {
            Step::Review(review) => {
                if review.saved(result) {
                    Outcome::Close
                } else {
                    Outcome::Stay
                }
            }
            _ => Outcome::Stay,
        }
    }
}

/// The folder names for a Tab completion arrived: completes the field (an unreadable folder
/// completes nothing and moves on).
pub fn complete(form: &mut Form, field: usize, names: Result<Vec<String>, String>) -> FormEvent {
    form.complete(field, &names.unwrap_or_default())
}

/// On a submit: whether the form still has errors. If so the first one gets the focus, every
/// error shows, and the status line says how many fields to fix.
pub fn has_errors(form: &mut Form, app: &mut App) -> bool {
    if !form.focus_first_error() {
        return false;
    }
    let n = form.fields.iter().filter(|f| f.error.is_some()).count();
    app.set_status(
        Level::Warning,
        format!(
            "{n} field{} to fix before the review",
            if n == 1 { "" } else { "s" }
        ),
    );
    true
}

/// Rows a form needs drawn in a box `width` columns wide: its fields with what is said under
/// them (wrapped), and `chrome` for the frame, notes and buttons.
pub fn form_height(form: &Form, width: u16, chrome: u16) -> u16 {
    form_rows(form, width.saturating_sub(2)) + chrome
}

/// What a form box shows besides the fields.
pub struct FormBox<'a> {
    pub title: &'a str,
    /// The most the box may be wide.
    pub width: u16,
    /// Lines under the fields (wrapped).
    pub note: Vec<Line<'a>>,
    /// The last line: the discard question or a hint.
    pub foot: Line<'a>,
}

/// Draws a form in a centred box: title, the fields (a cursor when `editing`), notes, foot.
pub fn draw_form_box(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    form: &Form,
    editing: bool,
    parts: FormBox<'_>,
) {
    let theme = &app.theme;
    let width = area.width.saturating_sub(4).min(parts.width);
    let note_rows: u16 = parts
        .note
        .iter()
        .map(|line| wrapped_rows(&line.to_string(), width.saturating_sub(2) as usize))
        .sum();
    let height = form_height(form, width, note_rows + 4);
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    let block = frame_block(theme, parts.title);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [fields, note, foot] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(note_rows),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(parts.note).wrap(Wrap { trim: true }), note);
    frame.render_widget(Paragraph::new(parts.foot), foot);
    // Last: an open choice list may reach over the notes below the fields.
    render_form(frame, fields, form, theme, editing);
}

/// The foot of a form dialog on `step`: the discard question, or `hint`.
pub fn foot_line<'a>(step: &Step, theme: &Theme, hint: &'a str) -> Line<'a> {
    match step {
        Step::Discard(buttons) => discard_line(buttons, theme),
        _ => Line::from(Span::styled(hint, theme.dim())),
    }
}

/// Rows `text` takes when wrapped at word boundaries to `width` columns.
pub fn wrapped_rows(text: &str, width: usize) -> u16 {
    let width = width.max(1);
    let mut rows = 1u16;
    let mut used = 0usize;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if used > 0 && used + 1 + len > width {
            rows += 1;
            used = 0;
        }
        used += if used > 0 { 1 + len } else { len };
        while used > width {
            rows += 1;
            used -= width;
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_take_the_rows_their_words_wrap_to() {
        assert_eq!(wrapped_rows("", 10), 1);
        assert_eq!(wrapped_rows("one two", 7), 1);
        assert_eq!(wrapped_rows("one two three", 7), 2);
        assert_eq!(wrapped_rows("abcdefghijklmnop", 8), 2);
    }
}
