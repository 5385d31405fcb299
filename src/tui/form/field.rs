//! One form field: a label, a help line, a typed kind (text, password, path, number with range,
//! time span, yes/no, one of a list, flags), the value as the text that would be written, and the
//! error or warning its checks found. Checks run on every change.

use crate::model::schema::{AttributeSchema, TimeSpan};

use super::text::TextInput;

/// One value of an enum or flags field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// What is written (`Integrated`, `v4.0`, ``).
    pub value: String,
    /// What is shown (`No Managed Code` for an empty runtime version).
    pub label: String,
    /// A dim note beside it (a pool's runtime and pipeline, say).
    pub detail: String,
}

impl Choice {
    pub fn new(value: impl Into<String>) -> Choice {
        let value = value.into();
        Choice {
            label: value.clone(),
            value,
            detail: String::new(),
        }
    }

    pub fn labelled(value: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice {
            value: value.into(),
            label: label.into(),
            detail: String::new(),
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Choice {
        self.detail = detail.into();
        self
    }
}

/// What a field holds and how it is edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    /// Shown masked; the value is what was typed.
    Password,
    /// A folder or file path; Tab completes folder names.
    Path,
    /// A whole number in a range (inclusive).
    Number {
        min: i128,
        max: i128,
    },
    /// `hh:mm:ss`, `[d.]hh:mm:ss`, or `20m`, `1h30m`, `2d`.
    TimeSpan,
    /// `true` / `false`.
    Bool,
    /// One of a list (picker with type-to-filter).
    Enum(Vec<Choice>),
    /// Any of a list, written comma-separated.
    Flags(Vec<Choice>),
}

impl FieldKind {
    /// Whether the value is typed (a text cursor) rather than picked.
    pub fn is_typed(&self) -> bool {
        matches!(
            self,
            FieldKind::Text
                | FieldKind::Password
                | FieldKind::Path
                | FieldKind::Number { .. }
                | FieldKind::TimeSpan
        )
    }

    pub fn choices(&self) -> &[Choice] {
        match self {
            FieldKind::Enum(choices) | FieldKind::Flags(choices) => choices,
            _ => &[],
        }
    }
}

/// One field of a form.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The owner's name for it (an attribute path, `name`, `binding.2.port`).
    pub key: String,
    pub label: String,
    pub help: String,
    pub kind: FieldKind,
    pub input: TextInput,
    /// The value the form opened with (to tell a changed field).
    pub initial: String,
    /// An empty value is refused.
    pub required: bool,
    /// The schema of the attribute it edits: values are checked exactly as `iistui set` does.
    pub schema: Option<AttributeSchema>,
    /// Set by the checks: the value is refused, with the rule it breaks.
    pub error: Option<String>,
    /// Set by the owner: the value is allowed but risky.
    pub warning: Option<String>,
    /// Why the field cannot be changed here (shown instead of a cursor).
    pub disabled: Option<String>,
    /// Values offered for a typed field (F4 lists them); any other value may be typed.
    pub suggestions: Vec<Choice>,
}

impl Field {
    pub fn new(key: impl Into<String>, label: impl Into<String>, kind: FieldKind) -> Field {
        Field {
            key: key.into(),
            label: label.into(),
            help: String::new(),
            kind,
            input: TextInput::default(),
            initial: String::new(),
            required: false,
            schema: None,
            error: None,
            warning: None,
            disabled: None,
            suggestions: Vec::new(),
        }
    }

    /// Values to offer in a typed field (an IP address field offers this machine's).
    pub fn suggest(mut self, suggestions: Vec<Choice>) -> Field {
        self.suggestions = suggestions;
        self
    }

    /// The choices its list shows: an enum's or flags' values, or a typed field's suggestions.
    pub fn choices(&self) -> &[Choice] {
        match &self.kind {
            FieldKind::Enum(choices) | FieldKind::Flags(choices) => choices,
            _ => &self.suggestions,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Field {
        self.help = help.into();
        self
    }

    pub fn value(mut self, value: impl Into<String>) -> Field {
        let value = value.into();
        self.input.set(value.clone());
        self.initial = value;
        self
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn schema(mut self, schema: AttributeSchema) -> Field {
        self.schema = Some(schema);
        self
    }

    pub fn disabled(mut self, why: impl Into<String>) -> Field {
        self.disabled = Some(why.into());
        self
    }

    pub fn text(&self) -> &str {
        self.input.text()
    }

    pub fn changed(&self) -> bool {
        self.input.text() != self.initial
    }

    /// What the field shows: the value, masked for passwords, the label of a choice.
    pub fn shown(&self) -> String {
        let text = self.input.text();
        match &self.kind {
            FieldKind::Password => "•".repeat(text.chars().count()),
            FieldKind::Enum(choices) => choices
                .iter()
                .find(|c| c.value.eq_ignore_ascii_case(text))
                .map_or_else(|| text.to_owned(), |c| c.label.clone()),
            FieldKind::Bool => String::from(if text.eq_ignore_ascii_case("true") {
                "[x] yes"
            } else {
                "[ ] no"
            }),
            _ => text.to_owned(),
        }
    }

    /// Runs the field's own checks (required, kind, range, schema), setting `error`.
    pub fn check(&mut self) {
        self.error = self.problem();
    }

    fn problem(&self) -> Option<String> {
        let text = self.input.text().trim();
        if text.is_empty() {
            return self.required.then(|| String::from("required"));
        }
        if let Some(schema) = &self.schema {
            if let Err(why) = schema.canonical(text) {
                return Some(why);
            }
        }
        match &self.kind {
            FieldKind::Number { min, max } => match text.parse::<i128>() {
                Ok(n) if n < *min || n > *max => {
                    Some(format!("must be a whole number from {min} to {max}"))
                }
                Ok(_) => None,
                Err(_) => Some(format!("must be a whole number from {min} to {max}")),
            },
            // The schema's check above reads a time span as `iistui set` does (20m, 1h30m,
            // hh:mm:ss; whole seconds or minutes where the attribute is stored that way).
            FieldKind::TimeSpan if self.schema.is_some() => None,
            FieldKind::TimeSpan => TimeSpan::parse_input(text).err(),
            FieldKind::Enum(choices) => {
                (!choices.iter().any(|c| c.value.eq_ignore_ascii_case(text))).then(|| {
                    let names: Vec<&str> = choices.iter().map(|c| c.label.as_str()).collect();
                    format!("must be one of: {}", names.join(", "))
                })
            }
            FieldKind::Flags(choices) => text
                .split(',')
                .map(str::trim)
                .find(|flag| !choices.iter().any(|c| c.value.eq_ignore_ascii_case(flag)))
                .map(|flag| format!("\"{flag}\" is not one of the flags")),
            FieldKind::Bool => (!text.eq_ignore_ascii_case("true")
                && !text.eq_ignore_ascii_case("false"))
            .then(|| String::from("must be true or false")),
            FieldKind::Text | FieldKind::Password | FieldKind::Path => None,
        }
    }

    /// Steps an enum (or yes/no) field to the previous or next value.
    pub fn step_choice(&mut self, forward: bool) -> bool {
        let values: Vec<String> = match &self.kind {
            FieldKind::Bool => vec![String::from("false"), String::from("true")],
            FieldKind::Enum(choices) => choices.iter().map(|c| c.value.clone()).collect(),
            _ => return false,
        };
        if values.is_empty() {
            return false;
        }
        let now = values
            .iter()
            .position(|v| v.eq_ignore_ascii_case(self.input.text()));
        let next = match (now, forward) {
            (Some(i), true) => (i + 1) % values.len(),
            (Some(i), false) => (i + values.len() - 1) % values.len(),
            (None, _) => 0,
        };
        self.input.set(values[next].clone());
        true
    }

    /// The flags currently ticked.
    pub fn flags(&self) -> Vec<String> {
        self.input
            .text()
            .split(',')
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_time_spans_and_choices_are_checked() {
        let mut port =
            Field::new("port", "Port", FieldKind::Number { min: 1, max: 65535 }).value("99999");
        port.check();
        assert_eq!(
            port.error.as_deref(),
            Some("must be a whole number from 1 to 65535")
        );
        port.input.set("443");
        port.check();
        assert_eq!(port.error, None);

        let mut idle = Field::new("idle", "Idle", FieldKind::TimeSpan).value("soon");
        idle.check();
        assert!(idle.error.is_some());
        for typed in ["00:20:00", "20m", "1h30m", "2d"] {
            idle.input.set(typed);
            idle.check();
            assert_eq!(idle.error, None, "{typed}");
        }
        idle.input.set("20");
        idle.check();
        assert!(
            idle.error
                .as_deref()
                .is_some_and(|e| e.contains("ambiguous"))
        );

        let mut mode = Field::new(
            "mode",
            "Pipeline",
            FieldKind::Enum(vec![Choice::new("Integrated"), Choice::new("Classic")]),
        )
        .value("integrated");
        mode.check();
        assert_eq!(mode.error, None);
        assert_eq!(mode.shown(), "Integrated");
        mode.step_choice(true);
        assert_eq!(mode.text(), "Classic");
        mode.step_choice(true);
        assert_eq!(mode.text(), "Integrated");

        let mut name = Field::new("name", "Name", FieldKind::Text).required();
        name.check();
        assert_eq!(name.error.as_deref(), Some("required"));
    }

    #[test]
    fn passwords_are_masked_and_booleans_read_as_boxes() {
        let secret = Field::new("p", "Password", FieldKind::Password).value("hunter2");
        assert_eq!(secret.shown(), "•••••••");
        let mut flag = Field::new("b", "Enabled", FieldKind::Bool).value("false");
        assert_eq!(flag.shown(), "[ ] no");
        flag.step_choice(true);
        assert_eq!((flag.text(), flag.shown().as_str()), ("true", "[x] yes"));
    }
}
