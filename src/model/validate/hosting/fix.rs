//! The fix of a problem as data: a sentence for the admin, and where the fix is a configuration
//! change, the change itself, which the TUI applies with one key (through the same model
//! functions as the CLI) and which names its equivalent `iistui` command.

use serde::Serialize;
use serde::ser::SerializeStruct;

use crate::model::apphost::{self, Change, ModelError, NewAppPool, Target};
use crate::model::doc::Document;
use crate::model::schema::SchemaSet;
use crate::model::webconfig::find_aspnetcore;

/// How to fix a problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What to do, in one sentence.
    pub text: String,
    /// The configuration change that does it, when it is one.
    pub change: Option<ConfigChange>,
}

impl Fix {
    /// A fix the admin carries out by hand (deploy files, create a folder, pick a host name).
    pub fn manual(text: impl Into<String>) -> Fix {
        Fix {
            text: text.into(),
            change: None,
        }
    }

    /// A fix that is a configuration change.
    pub fn change(text: impl Into<String>, change: ConfigChange) -> Fix {
        Fix {
            text: text.into(),
            change: Some(change),
        }
    }
}

/// A configuration change that fixes a problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigChange {
    /// `iistui set <kind> <id> key=value` in applicationHost.config.
    Set {
        target: Target,
        key: String,
        value: String,
    },
    /// `iistui add apppool --name <name>`.
    AddAppPool { name: String },
    /// `iistui delete apppool <name>`.
    DeleteAppPool { name: String },
    /// An attribute of the `<aspNetCore>` element of an application's web.config (no CLI
    /// command edits web.configs yet).
    AspNetCore {
        /// The web.config, as a path on this machine.
        web_config: String,
        attribute: String,
        value: String,
    },
}

fn target_kind_and_id(target: &Target) -> (&'static str, &str) {
    match target {
        Target::Site(id) => ("site", id),
        Target::AppPool(id) => ("apppool", id),
        Target::Application(id) => ("app", id),
        Target::VirtualDirectory(id) => ("vdir", id),
        Target::AspNetCore => ("aspnetcore", "."),
    }
}

impl ConfigChange {
    /// The equivalent `iistui` argument vector, when there is one (quote it for the shell it
    /// is shown for).
    pub fn argv(&self) -> Option<Vec<String>> {
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        match self {
            ConfigChange::Set { target, key, value } => {
                let (kind, id) = target_kind_and_id(target);
                Some(words(&[
                    "iistui",
                    "set",
                    kind,
                    id,
                    &format!("{key}={value}"),
                ]))
            }
            ConfigChange::AddAppPool { name } => {
                Some(words(&["iistui", "add", "apppool", "--name", name]))
            }
            ConfigChange::DeleteAppPool { name } => {
                Some(words(&["iistui", "delete", "apppool", name]))
            }
            ConfigChange::AspNetCore { .. } => None,
        }
    }

    /// Whether it changes applicationHost.config (else the web.config it names).
    pub fn is_apphost(&self) -> bool {
        !matches!(self, ConfigChange::AspNetCore { .. })
    }

    /// Applies it to the document it concerns (applicationHost.config, or for
    /// [`ConfigChange::AspNetCore`] the web.config it names), as the CLI would.
    pub fn apply(&self, doc: &mut Document, schema: &SchemaSet) -> Result<Change, ModelError> {
        match self {
            ConfigChange::Set { target, key, value } => {
                apphost::set_keys(doc, schema, target, &[(key.clone(), value.clone())])
            }
            ConfigChange::AddAppPool { name } => apphost::add_app_pool(
                doc,
                schema,
                &NewAppPool {
                    name: name.clone(),
                    ..NewAppPool::default()
                },
            ),
            ConfigChange::DeleteAppPool { name } => apphost::delete_app_pool(doc, schema, name),
            ConfigChange::AspNetCore {
                attribute, value, ..
            } => Change::record(doc, |doc, change| {
                let node = find_aspnetcore(doc, schema)
                    .map(|a| a.node)
                    .ok_or_else(|| {
                        ModelError::MissingSection(String::from("system.webServer/aspNetCore"))
                    })?;
                let patch = doc.plan_set_attribute(node, attribute, value)?;
                change.apply(doc, patch)?;
                change.note(format!("set aspNetCore {attribute}=\"{value}\""));
                Ok(())
            }),
        }
    }
}

impl Serialize for Fix {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Fix", 4)?;
        s.serialize_field("text", &self.text)?;
        s.serialize_field("configChange", &self.change.is_some())?;
        s.serialize_field(
            "command",
            &self.change.as_ref().and_then(ConfigChange::argv),
        )?;
        let web_config = match &self.change {
            Some(ConfigChange::AspNetCore { web_config, .. }) => Some(web_config),
            _ => None,
        };
        s.serialize_field("webConfig", &web_config)?;
        s.end()
    }
}
