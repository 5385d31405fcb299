//! Editing one grid row: the form field that fits its schema type (yes/no, a list, flags, a
//! number in range, a time span, a path, a password, text), and the pending change an edit
//! leaves (set, reset, collection items), turned into `set` arguments for the review.

use crate::model::apphost::Setting;
use crate::model::schema::{AttrType, AttributeSchema};
use crate::tui::form::{Choice, Field, FieldKind};

use super::catalog::known_choices;
use super::rows::GridRow;

/// A change waiting for Ctrl-S.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    Set(String),
    /// Remove the attribute: inherit again.
    Reset,
    /// Collection item additions and removals, in order.
    Items(Vec<Setting>),
}

impl Pending {
    /// The `set` arguments for a row's key.
    pub fn settings(&self, key: &str) -> Vec<Setting> {
        match self {
            Pending::Set(value) => vec![Setting::Set {
                key: key.to_owned(),
                value: value.clone(),
            }],
            Pending::Reset => vec![Setting::Reset {
                key: key.to_owned(),
            }],
            Pending::Items(items) => items.clone(),
        }
    }

    /// How the grid shows the new value.
    pub fn shown(&self, row: &GridRow) -> String {
        match self {
            Pending::Set(value) => {
                if row.schema.as_ref().is_some_and(|s| s.encrypted) {
                    String::from("(new password)")
                } else if row.spec.key == "managedRuntimeVersion" && value.is_empty() {
                    String::from("No Managed Code")
                } else if value.is_empty() {
                    String::from("\"\"")
                } else {
                    value.clone()
                }
            }
            Pending::Reset => String::from("(inherit)"),
            Pending::Items(items) => format!(
                "({} item change{})",
                items.len(),
                if items.len() == 1 { "" } else { "s" }
            ),
        }
    }
}

fn range(ty: AttrType) -> (i128, i128) {
    match ty {
        AttrType::Int => (i32::MIN as i128, i32::MAX as i128),
        AttrType::Int64 => (i64::MIN as i128, i64::MAX as i128),
        _ => (0, u32::MAX as i128),
    }
}

/// The field editing `row`, holding `current` (the pending or effective value).
pub fn field_for(row: &GridRow, current: &str) -> Field {
    field_for_schema(&row.spec.key, &row.spec.label, row.schema.clone(), current)
}

/// The field for an attribute `key` with its schema (the ASP.NET Core settings use it too).
pub fn field_for_schema(
    key: &str,
    label: &str,
    schema: Option<AttributeSchema>,
    current: &str,
) -> Field {
    let key = key.to_owned();
    let Some(schema) = schema else {
        return Field::new(key, label, FieldKind::Text).value(current);
    };
    let choices = |names: &[(String, u64)]| -> Vec<Choice> {
        names
            .iter()
            .map(|(name, _)| Choice::new(name.clone()))
            .collect()
    };
    let kind = match schema.ty {
        AttrType::Bool => FieldKind::Bool,
        AttrType::Enum => FieldKind::Enum(choices(&schema.choices)),
        AttrType::Flags => FieldKind::Flags(choices(&schema.choices)),
        AttrType::Int | AttrType::Uint | AttrType::Int64 => {
            let (min, max) = range(schema.ty);
            FieldKind::Number { min, max }
        }
        AttrType::TimeSpan => FieldKind::TimeSpan,
        AttrType::String => match known_choices(&key) {
            Some(known) => FieldKind::Enum(
                known
                    .iter()
                    .map(|(value, label)| Choice::labelled(*value, *label))
                    .collect(),
            ),
            None if schema.encrypted => FieldKind::Password,
            None if key.ends_with("physicalPath")
                || key.ends_with("directory")
                || key.ends_with("Exe") =>
            {
                FieldKind::Path
            }
            None => FieldKind::Text,
        },
    };
    let help = match &kind {
        FieldKind::Password => String::from(
            "typed in clear; IIS Manager would store it encrypted (iistui cannot encrypt off Windows)",
        ),
        FieldKind::TimeSpan => {
            String::from("hh:mm:ss, d.hh:mm:ss, or 20m, 1h30m, 2d; 00:00:00 often means off")
        }
        FieldKind::Flags(_) => String::from("Space opens the list; Space ticks, Enter takes"),
        _ => format!("{key} ({})", schema.ty.label()),
    };
    // Flags are written comma-separated with a space, as IIS writes them.
    let value = if matches!(kind, FieldKind::Flags(_)) {
        current
            .split(',')
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .collect::<Vec<_>>()
            .join(",")
    } else {
        current.to_owned()
    };
    Field::new(key, label, kind)
        .value(value)
        .help(help)
        .schema(schema)
}

/// The value written for a field: flags as IIS spells them (`Time, Memory`).
pub fn written(field: &Field) -> String {
    match field.kind {
        FieldKind::Flags(_) => field.flags().join(", "),
        _ => field.text().trim().to_owned(),
    }
}
