//! One generic form: a list of typed fields, focus, an open choice list, and the keys that move
//! between fields, edit text, step or pick choices and submit. Every field is checked as the
//! user types, so all errors show at once under their fields. Owners (dialogs and wizards) add
//! checks that need the model and decide what a submit does.

mod field;
mod picker;
mod render;
mod text;

pub use field::{Choice, Field, FieldKind};
pub use picker::{Picked, Picker};
pub use render::{FORM_LABEL_WIDTH, form_rows, render_form};
pub use text::{Edited, TextInput};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Layer};
use super::keymap::{Key, Keymap};

/// A form's fields and where the keyboard is.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Form {
    pub fields: Vec<Field>,
    pub focused: usize,
    pub picker: Option<Picker>,
    /// Folder names offered by the last Tab in a path field.
    pub completions: Option<(usize, Vec<String>)>,
    /// A submit was tried: errors show under untouched fields too.
    pub submitted: bool,
}

/// What a key did to a form, for its owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormEvent {
    /// Nothing the owner needs to know (focus moved, cursor moved).
    None,
    /// A field's value changed: run the checks.
    Changed(usize),
    /// Tab in a path field: list the folder to complete the name.
    Complete(usize),
    /// Check everything and go on.
    Submit,
    /// Close (the owner asks when something was typed).
    Cancel,
}

impl Form {
    pub fn new(fields: Vec<Field>) -> Form {
        let mut form = Form {
            fields,
            ..Form::default()
        };
        form.check_all();
        form
    }

    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub fn field_mut(&mut self, key: &str) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.key == key)
    }

    /// The trimmed text of a field (empty when there is no such field).
    pub fn text(&self, key: &str) -> String {
        self.field(key)
            .map(|f| f.text().trim().to_owned())
            .unwrap_or_default()
    }

    /// Whether anything differs from what the form opened with.
    pub fn changed(&self) -> bool {
        self.fields.iter().any(Field::changed)
    }

    /// Runs every field's own checks.
    pub fn check_all(&mut self) {
        for field in &mut self.fields {
            field.check();
        }
    }

    pub fn has_errors(&self) -> bool {
        self.fields.iter().any(|f| f.error.is_some())
    }

    /// Focuses the first field with an error; returns whether there was one. From now on
    /// every error shows, typed-in or not.
    pub fn focus_first_error(&mut self) -> bool {
        self.submitted = true;
        match self.fields.iter().position(|f| f.error.is_some()) {
            Some(i) => {
                self.focused = i;
                true
            }
            None => false,
        }
    }

    fn move_focus(&mut self, forward: bool) {
        let len = self.fields.len().max(1);
        self.focused = if forward {
            (self.focused + 1) % len
        } else {
            (self.focused + len - 1) % len
        };
        self.completions = None;
    }

    /// Sets the focused field's value from outside (a choice list, a completion).
    pub fn set_value(&mut self, index: usize, value: String) -> FormEvent {
        match self.fields.get_mut(index) {
            Some(field) => {
                field.input.set(value);
                field.check();
                FormEvent::Changed(index)
            }
            None => FormEvent::None,
        }
    }

    /// Pasted text goes into the focused typed field.
    pub fn paste(&mut self, text: &str) -> FormEvent {
        let index = self.focused;
        match self.fields.get_mut(index) {
            Some(field) if field.kind.is_typed() && field.disabled.is_none() => {
                field.input.paste(text);
                field.check();
                FormEvent::Changed(index)
            }
            _ => FormEvent::None,
        }
    }

    /// The folder listing for a Tab completion arrived: complete the common prefix of the
    /// matching folder names, or list them; with nothing to complete, Tab moves on.
    pub fn complete(&mut self, index: usize, folders: &[String]) -> FormEvent {
        let Some(field) = self.fields.get(index) else {
            return FormEvent::None;
        };
        let text = field.text().to_owned();
        let cut = text.rfind(['\\', '/']).map_or(0, |i| i + 1);
        let (dir, partial) = text.split_at(cut);
        let separator = if text.contains('\\') || !text.contains('/') && text.contains(':') {
            '\\'
        } else {
            '/'
        };
        let lower = partial.to_lowercase();
        let matches: Vec<&String> = folders
            .iter()
            .filter(|f| f.to_lowercase().starts_with(&lower))
            .collect();
        match matches.as_slice() {
            [] => {
                self.move_focus(true);
                FormEvent::None
            }
            [one] => self.set_value(index, format!("{dir}{one}{separator}")),
            many => {
                let common = common_prefix(many);
                self.completions = Some((index, many.iter().map(|s| (*s).clone()).collect()));
                if common.chars().count() > partial.chars().count() {
                    self.set_value(index, format!("{dir}{common}"))
                } else {
                    FormEvent::None
                }
            }
        }
    }

    /// Handles a key.
    pub fn on_key(&mut self, key: &KeyEvent, keymap: &Keymap) -> FormEvent {
        let index = self.focused;
        if let Some(picker) = self.picker.as_mut() {
            let choices = self
                .fields
                .get(picker.field)
                .map(|f| f.choices().to_vec())
                .unwrap_or_default();
            return match picker.on_key(key, keymap, &choices) {
                Picked::Stay => FormEvent::None,
                Picked::Close(value) => {
                    let field = picker.field;
                    self.picker = None;
                    match value {
                        Some(value) => self.set_value(field, value),
                        None => FormEvent::None,
                    }
                }
            };
        }
        let Some(field) = self.fields.get_mut(index) else {
            return FormEvent::None;
        };
        let pressed = Key::from_event(key);
        let enabled = field.disabled.is_none();
        if field.kind.is_typed()
            && enabled
            && (keymap.action(Layer::Input, &pressed).is_some() || is_text(key))
        {
            return match field.input.on_key(key, keymap) {
                Edited::Changed => {
                    field.check();
                    self.completions = None;
                    FormEvent::Changed(index)
                }
                _ => FormEvent::None,
            };
        }
        let is_path = matches!(field.kind, FieldKind::Path) && enabled;
        match keymap.action(Layer::Form, &pressed) {
            Some(Action::NextField)
                if is_path && key.code == KeyCode::Tab && !field.text().is_empty() =>
            {
                FormEvent::Complete(index)
            }
            Some(Action::NextField) => {
                self.move_focus(true);
                FormEvent::None
            }
            Some(Action::PrevField) => {
                self.move_focus(false);
                FormEvent::None
            }
            Some(Action::Submit) => FormEvent::Submit,
            Some(Action::Suggest) if enabled && !field.choices().is_empty() => {
                self.picker = Some(Picker::open(index, field, ""));
                FormEvent::None
            }
            Some(Action::Press) => {
                if index + 1 < self.fields.len() {
                    self.move_focus(true);
                    FormEvent::None
                } else {
                    FormEvent::Submit
                }
            }
            Some(Action::Cancel) => FormEvent::Cancel,
            Some(Action::Toggle) if enabled => match field.kind {
                FieldKind::Bool => {
                    field.step_choice(true);
                    field.check();
                    FormEvent::Changed(index)
                }
                FieldKind::Enum(_) | FieldKind::Flags(_) => {
                    self.picker = Some(Picker::open(index, field, ""));
                    FormEvent::None
                }
                _ => FormEvent::None,
            },
            Some(action @ (Action::PrevChoice | Action::NextChoice)) if enabled => {
                if field.step_choice(action == Action::NextChoice) {
                    field.check();
                    FormEvent::Changed(index)
                } else {
                    FormEvent::None
                }
            }
            _ => {
                // Typing on a list field opens its choices, filtered by what was typed.
                if let (true, KeyCode::Char(c)) = (enabled && is_text(key), key.code) {
                    if matches!(field.kind, FieldKind::Enum(_) | FieldKind::Flags(_)) {
                        self.picker = Some(Picker::open(index, field, &c.to_string()));
                    }
                }
                FormEvent::None
            }
        }
    }
}

/// A printable character without Ctrl or Alt.
fn is_text(key: &KeyEvent) -> bool {
    matches!(key.code, KeyCode::Char(_))
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

fn common_prefix(names: &[&String]) -> String {
    let Some(first) = names.first() else {
        return String::new();
    };
    let mut prefix: Vec<char> = first.chars().collect();
    for name in &names[1..] {
        let shared = prefix
            .iter()
            .zip(name.chars())
            .take_while(|(a, b)| a.eq_ignore_ascii_case(b))
            .count();
        prefix.truncate(shared);
    }
    prefix.into_iter().collect()
}

#[cfg(test)]
mod tests;
