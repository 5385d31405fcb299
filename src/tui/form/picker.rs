//! The choice list of an enum or flags field: opens under the field, filters as you type
//! (fuzzy), Enter takes the highlighted choice (flags: the ticked ones), Space ticks a flag (on
//! a one-choice list it takes the highlighted choice), Esc closes it and keeps the value.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::crossterm::event::KeyEvent;

use crate::tui::action::{Action, Layer};
use crate::tui::keymap::{Key, Keymap};

use super::field::{Choice, Field, FieldKind};
use super::text::{Edited, TextInput};

/// An open choice list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    /// The field it belongs to.
    pub field: usize,
    pub filter: TextInput,
    /// Index into [`Picker::visible`].
    pub highlighted: usize,
    /// Flags: which choices (by index into the field's choices) are ticked.
    pub ticked: Vec<bool>,
    pub flags: bool,
}

/// What a key did to the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked {
    Stay,
    /// Close it; `Some(value)` is the new value of the field.
    Close(Option<String>),
}

impl Picker {
    /// Opens the list for a field, highlighting its current value.
    pub fn open(index: usize, field: &Field, filter: &str) -> Picker {
        let choices = field.choices();
        let flags = matches!(field.kind, FieldKind::Flags(_));
        let ticked = if flags {
            let current = field.flags();
            choices
                .iter()
                .map(|c| current.iter().any(|f| f.eq_ignore_ascii_case(&c.value)))
                .collect()
        } else {
            vec![false; choices.len()]
        };
        let mut picker = Picker {
            field: index,
            filter: TextInput::new(filter),
            highlighted: 0,
            ticked,
            flags,
        };
        if filter.is_empty() {
            let visible = picker.visible(choices);
            picker.highlighted = visible
                .iter()
                .position(|(i, _)| choices[*i].value.eq_ignore_ascii_case(field.text()))
                .unwrap_or(0);
        }
        picker
    }

    /// The choices that match the filter, best first when filtering, with matched positions
    /// in the label.
    pub fn visible(&self, choices: &[Choice]) -> Vec<(usize, Vec<usize>)> {
        let query = self.filter.text().trim();
        if query.is_empty() {
            return (0..choices.len()).map(|i| (i, Vec::new())).collect();
        }
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut scored: Vec<(i64, usize, Vec<usize>)> = choices
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                matcher
                    .fuzzy_indices(&c.label, query)
                    .or_else(|| {
                        matcher
                            .fuzzy_indices(&c.value, query)
                            .map(|(s, _)| (s, Vec::new()))
                    })
                    .map(|(score, positions)| (score, i, positions))
            })
            .collect();
        scored.sort_by_key(|(score, i, _)| (std::cmp::Reverse(*score), *i));
        scored.into_iter().map(|(_, i, p)| (i, p)).collect()
    }

    /// Handles a key for the field's choices.
    pub fn on_key(&mut self, key: &KeyEvent, keymap: &Keymap, choices: &[Choice]) -> Picked {
        let visible = self.visible(choices);
        match keymap.action(Layer::Picker, &Key::from_event(key)) {
            Some(Action::Up) => self.highlighted = self.highlighted.saturating_sub(1),
            Some(Action::Down) => {
                self.highlighted = (self.highlighted + 1).min(visible.len().saturating_sub(1))
            }
            Some(Action::Cancel) => return Picked::Close(None),
            Some(Action::Toggle) if self.flags => {
                if let Some((i, _)) = visible.get(self.highlighted) {
                    self.ticked[*i] = !self.ticked[*i];
                }
            }
            // Space on a one-choice list takes the highlighted choice, as Enter does.
            Some(Action::Toggle | Action::Choose) => {
                if self.flags {
                    let value: Vec<&str> = choices
                        .iter()
                        .zip(&self.ticked)
                        .filter(|(_, t)| **t)
                        .map(|(c, _)| c.value.as_str())
                        .collect();
                    return Picked::Close(Some(value.join(",")));
                }
                return Picked::Close(
                    visible
                        .get(self.highlighted)
                        .map(|(i, _)| choices[*i].value.clone()),
                );
            }
            _ => {
                if self.filter.on_key(key, keymap) == Edited::Changed {
                    self.highlighted = 0;
                }
            }
        }
        Picked::Stay
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn type_to_filter_then_enter_picks() {
        let field = Field::new(
            "v",
            "CLR",
            FieldKind::Enum(vec![
                Choice::new("v4.0"),
                Choice::new("v2.0"),
                Choice::labelled("", "No Managed Code"),
            ]),
        )
        .value("v4.0");
        let keymap = Keymap::defaults();
        let choices = field.choices().to_vec();
        let mut picker = Picker::open(0, &field, "");
        assert_eq!(picker.highlighted, 0);
        for c in "nomanaged".chars() {
            picker.on_key(&press(KeyCode::Char(c)), &keymap, &choices);
        }
        assert_eq!(picker.visible(&choices).len(), 1);
        assert_eq!(
            picker.on_key(&press(KeyCode::Enter), &keymap, &choices),
            Picked::Close(Some(String::new()))
        );
    }

    #[test]
    fn space_on_a_one_choice_list_takes_the_highlighted_choice() {
        let field = Field::new(
            "r",
            "Rights",
            FieldKind::Enum(vec![Choice::new("F"), Choice::new("M"), Choice::new("RX")]),
        );
        let choices = field.choices().to_vec();
        let keymap = Keymap::defaults();
        let mut picker = Picker::open(0, &field, "");
        picker.on_key(&press(KeyCode::Down), &keymap, &choices);
        picker.on_key(&press(KeyCode::Down), &keymap, &choices);
        assert_eq!(
            picker.on_key(&press(KeyCode::Char(' ')), &keymap, &choices),
            Picked::Close(Some(String::from("RX")))
        );
    }

    #[test]
    fn flags_tick_with_space() {
        let field = Field::new(
            "f",
            "Flags",
            FieldKind::Flags(vec![
                Choice::new("Time"),
                Choice::new("Requests"),
                Choice::new("Memory"),
            ]),
        )
        .value("Time");
        let keymap = Keymap::defaults();
        let choices = field.kind.choices().to_vec();
        let mut picker = Picker::open(0, &field, "");
        picker.on_key(&press(KeyCode::Down), &keymap, &choices);
        picker.on_key(&press(KeyCode::Down), &keymap, &choices);
        picker.on_key(&press(KeyCode::Char(' ')), &keymap, &choices);
        assert_eq!(
            picker.on_key(&press(KeyCode::Enter), &keymap, &choices),
            Picked::Close(Some(String::from("Time,Memory")))
        );
    }
}
