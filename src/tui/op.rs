//! The model operations the TUI performs, as data: each calls exactly the model function the CLI
//! calls (so a site added here and by `iistui add site` produce the same bytes), describes
//! itself, and names its equivalent CLI command for the review page.

use crate::model::apphost::{self, Change, ModelError, NewSite, Setting, Target};
use crate::model::doc::Document;
use crate::model::schema::SchemaSet;

/// A change to a configuration, to be previewed, confirmed and saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelOp {
    DeleteSite(String),
    DeleteAppPool(String),
    DeleteApplication(String),
    DeleteVirtualDirectory(String),
    AddSite(NewSite),
    /// Advanced Settings: settings for one or more objects, saved together.
    Settings(Vec<(Target, Vec<Setting>)>),
}

/// The CLI's word for a target's kind and its id.
fn target_words(target: &Target) -> (&'static str, &str) {
    match target {
        Target::Site(name) => ("site", name),
        Target::AppPool(name) => ("apppool", name),
        Target::Application(id) => ("app", id),
        Target::VirtualDirectory(id) => ("vdir", id),
    }
}

fn quote(arg: &str) -> String {
    if arg.is_empty() || arg.contains([' ', '"', '\'', '*', '$', '&', '|', ';', '\\']) {
        format!("\"{}\"", arg.replace('"', "\\\""))
    } else {
        arg.to_owned()
    }
}

impl ModelOp {
    pub fn run(&self, doc: &mut Document, schema: &SchemaSet) -> Result<Change, ModelError> {
        match self {
            ModelOp::DeleteSite(name) => apphost::delete_site(doc, schema, name),
            ModelOp::DeleteAppPool(name) => apphost::delete_app_pool(doc, schema, name),
            ModelOp::DeleteApplication(id) => apphost::delete_application(doc, schema, id),
            ModelOp::DeleteVirtualDirectory(id) => {
                apphost::delete_virtual_directory(doc, schema, id)
            }
            ModelOp::AddSite(site) => apphost::add_site(doc, schema, site),
            ModelOp::Settings(edits) => Change::record(doc, |doc, change| {
                for (target, settings) in edits {
                    change.extend(apphost::apply_settings(doc, schema, target, settings)?);
                }
                Ok(())
            }),
        }
    }

    /// `Delete site "contoso.com"`
    pub fn title(&self) -> String {
        match self {
            ModelOp::DeleteSite(name) => format!("Delete site \"{name}\""),
            ModelOp::DeleteAppPool(name) => format!("Delete application pool \"{name}\""),
            ModelOp::DeleteApplication(id) => format!("Delete application \"{id}\""),
            ModelOp::DeleteVirtualDirectory(id) => format!("Delete virtual directory \"{id}\""),
            ModelOp::AddSite(site) => format!("Add website \"{}\"", site.name),
            ModelOp::Settings(edits) => match edits.as_slice() {
                [(target, _)] => {
                    let (kind, id) = target_words(target);
                    format!("Change settings of {kind} \"{id}\"")
                }
                _ => format!("Change settings of {} objects", edits.len()),
            },
        }
    }

    /// The label of the confirm button.
    pub fn verb(&self) -> &'static str {
        match self {
            ModelOp::AddSite(_) => "Add",
            ModelOp::Settings(_) => "Save",
            _ => "Delete",
        }
    }

    /// The equivalent `iistui` command line.
    pub fn cli(&self) -> String {
        match self {
            ModelOp::DeleteSite(name) => format!("iistui delete site {}", quote(name)),
            ModelOp::DeleteAppPool(name) => format!("iistui delete apppool {}", quote(name)),
            ModelOp::DeleteApplication(id) => format!("iistui delete app {}", quote(id)),
            ModelOp::DeleteVirtualDirectory(id) => format!("iistui delete vdir {}", quote(id)),
            ModelOp::AddSite(site) => {
                let mut cmd = format!(
                    "iistui add site --name {} --physical-path {}",
                    quote(&site.name),
                    quote(&site.physical_path)
                );
                for binding in &site.bindings {
                    cmd.push_str(&format!(" --binding {}", quote(&binding.spec())));
                }
                if let Some(pool) = &site.app_pool {
                    cmd.push_str(&format!(" --apppool {}", quote(pool)));
                }
                cmd
            }
            ModelOp::Settings(edits) => edits
                .iter()
                .map(|(target, settings)| {
                    let (kind, id) = target_words(target);
                    let mut cmd = format!("iistui set {kind} {}", quote(id));
                    for setting in settings {
                        cmd.push(' ');
                        cmd.push_str(&quote(&setting.to_string()));
                    }
                    cmd
                })
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::apphost::Binding;

    #[test]
    fn cli_equivalents_quote_what_shells_need() {
        let site = NewSite {
            name: String::from("Shop"),
            physical_path: String::from("C:\\sites\\shop"),
            bindings: vec![Binding::parse_spec("http/*:80:shop.example").expect("binding")],
            app_pool: None,
            id: None,
        };
        assert_eq!(
            ModelOp::AddSite(site).cli(),
            "iistui add site --name Shop --physical-path \"C:\\sites\\shop\" --binding \"http/*:80:shop.example\""
        );
        assert_eq!(
            ModelOp::DeleteSite(String::from("Default Web Site")).cli(),
            "iistui delete site \"Default Web Site\""
        );
    }
}
