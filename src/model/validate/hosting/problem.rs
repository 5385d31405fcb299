//! A problem `iistui check` reports: the rule that found it, how bad it is, the object it
//! concerns, one line saying what is wrong, and the fix.

use std::fmt;

use serde::Serialize;

use crate::model::doc::Location;

use super::fix::Fix;
use super::rules::Rule;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// IIS refuses the request or the site (an error page, a site that cannot start).
    Error,
    /// Works today, but a hazard.
    Warning,
    /// Advice.
    Info,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl From<crate::model::validate::Severity> for Severity {
    fn from(severity: crate::model::validate::Severity) -> Severity {
        match severity {
            crate::model::validate::Severity::Error => Severity::Error,
            crate::model::validate::Severity::Warning => Severity::Warning,
        }
    }
}

/// The object a problem concerns, by the ids the CLI takes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ObjectRef {
    /// The configuration as a whole.
    Server,
    Site {
        name: String,
    },
    AppPool {
        name: String,
    },
    /// appcmd id, `Site/` or `Site/path`.
    Application {
        id: String,
    },
    VirtualDirectory {
        id: String,
    },
    Binding {
        site: String,
        binding: String,
    },
    /// A file on disk (a web.config).
    File {
        path: String,
    },
    /// A place in the configuration that is none of the above (a `validate` finding).
    Config {
        place: String,
    },
}

impl fmt::Display for ObjectRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ObjectRef::Server => f.write_str("server"),
            ObjectRef::Site { name } => write!(f, "site \"{name}\""),
            ObjectRef::AppPool { name } => write!(f, "apppool \"{name}\""),
            ObjectRef::Application { id } => write!(f, "app \"{id}\""),
            ObjectRef::VirtualDirectory { id } => write!(f, "vdir \"{id}\""),
            ObjectRef::Binding { site, binding } => {
                write!(f, "binding {binding} of site \"{site}\"")
            }
            ObjectRef::File { path } => write!(f, "file {path}"),
            ObjectRef::Config { place } => f.write_str(place),
        }
    }
}

/// One problem found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// `IIS0210`.
    pub rule: &'static str,
    pub severity: Severity,
    pub object: ObjectRef,
    pub message: String,
    /// Where in applicationHost.config (or the web.config the object names), when known.
    pub location: Option<Location>,
    pub fix: Fix,
}

impl Problem {
    /// A problem of `rule` with the rule's severity.
    pub fn new(rule: &Rule, object: ObjectRef, message: String, fix: Fix) -> Problem {
        Problem {
            rule: rule.id,
            severity: rule.severity,
            object,
            message,
            location: None,
            fix,
        }
    }

    pub fn at(mut self, location: Location) -> Problem {
        self.location = Some(location);
        self
    }
}
