//! Modal dialogs, kept as a stack that sees keys first: help, the command palette, confirm
//! dialogs (Cancel has focus by default) with the diff of the file, messages, the
//! changed-on-disk choice, the Add Website form with its review page, and the quit question.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::op::ModelOp;

/// A single-line text input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Input {
    pub text: String,
}

impl Input {
    /// Applies an editing key; returns whether it was one.
    pub fn edit(&mut self, key: &KeyEvent) -> bool {
        match key.code {
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.text.clear()
            }
            KeyCode::Char('w') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                let trimmed = self.text.trim_end().len();
                let cut = self.text[..trimmed]
                    .rfind([' ', '/', '\\', '.'])
                    .map(|p| p + 1)
                    .unwrap_or(0);
                self.text.truncate(cut);
            }
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                self.text.push(c)
            }
            KeyCode::Backspace => {
                self.text.pop();
            }
            _ => return false,
        }
        true
    }
}

/// Which button of a dialog has focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    Cancel,
    Confirm,
    /// A third choice (e.g. Show diff).
    Other,
}

/// A confirm dialog: the change, its diff, and the equivalent command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub conn: usize,
    pub op: ModelOp,
    pub title: String,
    pub message: Vec<String>,
    pub diff: String,
    pub cli: String,
    pub focus: Button,
    pub scroll: usize,
}

/// The Add Website form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddSiteForm {
    pub conn: usize,
    /// Site name, physical path, binding, application pool.
    pub fields: [Input; 4],
    pub focused: usize,
    pub error: Option<String>,
}

pub const ADD_SITE_LABELS: [&str; 4] =
    ["Site name", "Physical path", "Binding", "Application pool"];
pub const ADD_SITE_HELP: [&str; 4] = [
    "e.g. shop.example.com",
    "e.g. C:\\inetpub\\shop",
    "protocol/ip:port:host, e.g. http/*:80:shop.example.com",
    "empty: a new pool named after the site",
];

impl AddSiteForm {
    pub fn new(conn: usize) -> AddSiteForm {
        let mut fields: [Input; 4] = Default::default();
        fields[2].text = String::from("http/*:80:");
        AddSiteForm {
            conn,
            fields,
            focused: 0,
            error: None,
        }
    }
}

/// The help overlay's search state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Help {
    pub query: Input,
    pub searching: bool,
    pub scroll: usize,
}

/// The command palette's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Palette {
    pub input: Input,
    pub selected: usize,
}

/// A modal dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Modal {
    Help(Help),
    Palette(Palette),
    Confirm(Confirm),
    Message {
        title: String,
        text: String,
        scroll: usize,
    },
    /// The file changed on disk: Reload, Show diff or Cancel.
    Conflict {
        conn: usize,
        focus: Button,
    },
    AddSite(AddSiteForm),
    /// Quit although something is unfinished?
    Quit {
        focus: Button,
    },
}

impl Modal {
    /// Whether the dialog is an unfinished operation: typed input, or a change awaiting its
    /// confirmation.
    pub fn holds_input(&self) -> bool {
        match self {
            Modal::AddSite(form) => form
                .fields
                .iter()
                .any(|f| !f.text.is_empty() && f.text != "http/*:80:"),
            Modal::Confirm(_) => true,
            _ => false,
        }
    }
}
