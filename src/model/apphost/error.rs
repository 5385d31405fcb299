//! Why a model operation was refused: each error names the object and the rule it breaks.

use crate::model::doc::EditError;
use crate::model::wording::count;

fn did_you_mean(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean: {}?", suggestions.join(", "))
    }
}

/// ` as "Contoso" (IIS ignores case in names)` when the existing spelling differs.
fn spelled_as(kind: &str, existing: &Option<String>) -> String {
    let Some(existing) = existing else {
        return String::new();
    };
    let what = match kind {
        "application" | "virtual directory" => "paths",
        _ => "names",
    };
    format!(" as \"{existing}\" (IIS ignores case in {what})")
}

/// For `set … applicationPool=`: the suggestions, and the two ways on.
fn pool_hint(suggestions: &[String]) -> String {
    let ways = "add it first, or pass --force to write the name anyway";
    if suggestions.is_empty() {
        format!("; {ways}")
    } else {
        format!("; did you mean: {}? (or {ways})", suggestions.join(", "))
    }
}

impl ModelError {
    /// `kind` "wanted" already exists, spelled `existing` in the file (IIS compares names and
    /// paths without regard to case); the spelling is mentioned only when it differs.
    pub fn duplicate(kind: &'static str, wanted: &str, existing: &str) -> ModelError {
        ModelError::Duplicate {
            kind,
            name: wanted.to_owned(),
            existing: (existing != wanted).then(|| existing.to_owned()),
        }
    }
}

/// A refused model operation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("no {kind} named \"{name}\"{}", did_you_mean(suggestions))]
    NotFound {
        kind: &'static str,
        name: String,
        suggestions: Vec<String>,
    },
    #[error("no application pool named \"{name}\"{}", pool_hint(suggestions))]
    NoSuchPool {
        name: String,
        suggestions: Vec<String>,
    },
    #[error("{kind} \"{name}\" already exists{}", spelled_as(kind, existing))]
    Duplicate {
        kind: &'static str,
        name: String,
        /// The spelling in the file, when it differs from `name`.
        existing: Option<String>,
    },
    #[error("site ID {id} is already used by site \"{site}\"")]
    SiteIdInUse { id: String, site: String },
    #[error("binding {binding} is already used by site \"{site}\"")]
    BindingInUse { binding: String, site: String },
    #[error("invalid {kind} name \"{name}\": {rule}")]
    InvalidName {
        kind: &'static str,
        name: String,
        rule: String,
    },
    #[error("invalid value for {key}: \"{value}\" {why}")]
    InvalidValue {
        key: String,
        value: String,
        why: String,
    },
    #[error("unknown key \"{key}\" for {object}{}", did_you_mean(suggestions))]
    UnknownKey {
        key: String,
        object: String,
        suggestions: Vec<String>,
    },
    #[error("application pool \"{pool}\" is used by {}: {}; move them to another pool first", count(apps.len(), "application"), apps.join(", "))]
    PoolInUse { pool: String, apps: Vec<String> },
    #[error("\"{0}\" is the site's root application; delete the site instead")]
    RootApplication(String),
    #[error(
        "\"{0}\" is the root virtual directory of its application; delete the application instead"
    )]
    RootVirtualDirectory(String),
    /// A virtual path another application or virtual directory already serves.
    #[error("\"{path}\" {why}")]
    PathTaken { path: String, why: String },
    #[error("invalid path \"{path}\": {why}")]
    BadPath { path: String, why: String },
    #[error("invalid binding \"{spec}\": {why}")]
    BadBinding { spec: String, why: String },
    #[error("this file has no <{0}> section")]
    MissingSection(String),
    #[error(
        "{section} is kept in \"{source_file}\" (configSource), not in this file; open that file to change it (iistui does not follow configSource yet)"
    )]
    SectionElsewhere {
        section: String,
        source_file: String,
    },
    #[error("{0}")]
    Edit(#[from] EditError),
}
