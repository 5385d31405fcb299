//! A single-line text input with a real cursor: insert anywhere, move by character, jump to
//! either end, delete a character either side, the word before the cursor or everything before
//! it, and paste. The editing keys come from the keymap's Input layer.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::tui::action::{Action, Layer};
use crate::tui::keymap::{Key, Keymap};

/// Text and a cursor (a byte offset on a character boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    cursor: usize,
}

/// What an input did with a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edited {
    /// The text changed.
    Changed,
    /// Only the cursor moved.
    Moved,
    /// Not an editing key.
    Ignored,
}

impl TextInput {
    pub fn new(text: impl Into<String>) -> TextInput {
        let text = text.into();
        TextInput {
            cursor: text.len(),
            text,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor as a character index.
    pub fn cursor_chars(&self) -> usize {
        self.text[..self.cursor].chars().count()
    }

    /// Replaces the text, cursor at the end.
    pub fn set(&mut self, text: impl Into<String>) {
        self.text = text.into();
        self.cursor = self.text.len();
    }

    pub fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    /// Inserts pasted text at the cursor (line breaks become spaces: this is one line).
    pub fn paste(&mut self, pasted: &str) {
        let clean: String = pasted
            .trim_end_matches(['\r', '\n'])
            .chars()
            .map(|c| if c == '\r' || c == '\n' { ' ' } else { c })
            .collect();
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }

    fn prev_boundary(&self, from: usize) -> usize {
        self.text[..from]
            .char_indices()
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self, from: usize) -> usize {
        self.text[from..]
            .chars()
            .next()
            .map_or(from, |c| from + c.len_utf8())
    }

    /// Where the word before `from` starts: spaces first, then up to a separator.
    fn word_start(&self, from: usize) -> usize {
        let before = &self.text[..from];
        let trimmed = before.trim_end_matches(' ');
        trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| matches!(c, ' ' | '/' | '\\' | '.' | ':' | ','))
            .map_or(0, |(i, c)| i + c.len_utf8())
    }

    /// Performs an Input-layer action.
    pub fn apply(&mut self, action: Action) -> Edited {
        let before = (self.text.len(), self.cursor);
        match action {
            Action::CursorLeft => self.cursor = self.prev_boundary(self.cursor),
            Action::CursorRight => self.cursor = self.next_boundary(self.cursor),
            Action::LineStart => self.cursor = 0,
            Action::LineEnd => self.cursor = self.text.len(),
            Action::DeleteBack => {
                let start = self.prev_boundary(self.cursor);
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            Action::DeleteForward => {
                let end = self.next_boundary(self.cursor);
                self.text.replace_range(self.cursor..end, "");
            }
            Action::DeleteWord => {
                let start = self.word_start(self.cursor);
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
            }
            Action::ClearLine => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
            }
            _ => return Edited::Ignored,
        }
        if self.text.len() != before.0 {
            Edited::Changed
        } else if self.cursor != before.1 {
            Edited::Moved
        } else {
            // A recognised key that had nothing to do (Backspace at the start).
            Edited::Moved
        }
    }

    /// Handles a key: an Input-layer action, or a printable character to insert.
    pub fn on_key(&mut self, key: &KeyEvent, keymap: &Keymap) -> Edited {
        if let Some(action) = keymap.action(Layer::Input, &Key::from_event(key)) {
            return self.apply(action);
        }
        match key.code {
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                self.insert(c);
                Edited::Changed
            }
            _ => Edited::Ignored,
        }
    }

    /// The part of the text to show in `width` columns so the cursor stays visible, and the
    /// cursor's column in it.
    pub fn window(&self, width: usize) -> (String, usize) {
        let chars: Vec<char> = self.text.chars().collect();
        let cursor = self.cursor_chars();
        let width = width.max(1);
        let start = cursor.saturating_sub(width - 1);
        let shown: String = chars.iter().skip(start).take(width).collect();
        (shown, cursor - start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keymap() -> Keymap {
        Keymap::defaults()
    }

    fn press(input: &mut TextInput, code: KeyCode, modifiers: KeyModifiers) -> Edited {
        input.on_key(&KeyEvent::new(code, modifiers), &keymap())
    }

    fn typed(input: &mut TextInput, text: &str) {
        for c in text.chars() {
            press(input, KeyCode::Char(c), KeyModifiers::NONE);
        }
    }

    #[test]
    fn inserts_anywhere_and_moves_by_character() {
        let mut input = TextInput::new("C:\\sites");
        press(&mut input, KeyCode::Home, KeyModifiers::NONE);
        typed(&mut input, "D");
        assert_eq!(input.text(), "DC:\\sites");
        press(&mut input, KeyCode::Delete, KeyModifiers::NONE);
        assert_eq!(input.text(), "D:\\sites");
        press(&mut input, KeyCode::End, KeyModifiers::NONE);
        press(&mut input, KeyCode::Left, KeyModifiers::NONE);
        typed(&mut input, "é");
        assert_eq!(input.text(), "D:\\siteés");
        press(&mut input, KeyCode::Backspace, KeyModifiers::NONE);
        press(&mut input, KeyCode::Right, KeyModifiers::NONE);
        assert_eq!((input.text(), input.cursor_chars()), ("D:\\sites", 8));
    }

    #[test]
    fn ctrl_w_and_ctrl_u_delete_before_the_cursor() {
        let mut input = TextInput::new("C:\\inetpub\\shop site");
        press(&mut input, KeyCode::Char('w'), KeyModifiers::CONTROL);
        assert_eq!(input.text(), "C:\\inetpub\\shop ");
        press(&mut input, KeyCode::Char('w'), KeyModifiers::CONTROL);
        assert_eq!(input.text(), "C:\\inetpub\\");
        press(&mut input, KeyCode::Left, KeyModifiers::NONE);
        press(&mut input, KeyCode::Char('u'), KeyModifiers::CONTROL);
        assert_eq!((input.text(), input.cursor_chars()), ("\\", 0));
        press(&mut input, KeyCode::Backspace, KeyModifiers::NONE);
        assert_eq!(input.text(), "\\");
    }

    #[test]
    fn paste_is_one_line_and_control_keys_are_not_text() {
        let mut input = TextInput::new("ab");
        press(&mut input, KeyCode::Left, KeyModifiers::NONE);
        input.paste("x\ny\n");
        assert_eq!(input.text(), "ax yb");
        assert_eq!(
            press(&mut input, KeyCode::Char('r'), KeyModifiers::CONTROL),
            Edited::Ignored
        );
        assert_eq!(input.text(), "ax yb");
    }

    #[test]
    fn window_keeps_the_cursor_visible() {
        let input = TextInput::new("0123456789");
        assert_eq!(input.window(4), (String::from("789"), 3));
        let mut start = input.clone();
        start.apply(Action::LineStart);
        assert_eq!(start.window(4), (String::from("0123"), 0));
    }
}
