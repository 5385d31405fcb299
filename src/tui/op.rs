//! The model operations the TUI performs, as data: each calls exactly the model function the CLI
//! calls (so a site added here and by `iistui add site` produce the same bytes), describes
//! itself, and names its equivalent CLI command for the review page, quoted for the shell it
//! will be pasted into and naming the same configuration, so that pasted it changes exactly the
//! object the dialog shows.

mod site_cli;

use std::path::Path;

use crate::host::shell_quote::{CommandLine, Shell};
use crate::host::terminal_text::escape;
use crate::model::apphost::{
    self, Binding, Change, DEFAULT_CERTIFICATE_STORE, MASK, ModelError, NewAppPool, NewSite,
    Setting, Target,
};
use crate::model::doc::Document;
use crate::model::schema::SchemaSet;
use crate::model::validate::hosting::ConfigChange;
use crate::model::validate::is_encrypted;

/// How the shown command names the configuration the TUI has open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigArg<'a> {
    /// The machine's own IIS: what the CLI opens without options.
    Machine,
    /// The bundled demo server: `--demo`.
    Demo,
    /// Any other file: `--config PATH`.
    File(&'a Path),
}

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
    /// Bindings: a new binding of a site (`add binding`).
    AddBinding {
        site: String,
        binding: Binding,
    },
    /// Bindings: one binding changed in place (`set binding SITE BINDING KEY=VALUE…`).
    EditBinding {
        site: String,
        binding: String,
        settings: Vec<Setting>,
    },
    /// Bindings: one binding removed (`delete binding SITE BINDING`).
    RemoveBinding {
        site: String,
        binding: String,
    },
    /// Add Application and Convert to Application (`add app`); `pool` `None` is the site's.
    AddApplication {
        site: String,
        path: String,
        physical_path: String,
        pool: Option<String>,
    },
    /// Add Virtual Directory (`add vdir`) to an application (`Site/app`).
    AddVirtualDirectory {
        app: String,
        path: String,
        physical_path: String,
    },
    /// Add Application Pool (`add apppool`).
    AddAppPool(NewAppPool),
    /// A wizard whose fields take more than one command: the operations run in order and are
    /// saved as one change; the CLI equivalent is one command per operation.
    Batch {
        title: String,
        verb: &'static str,
        ops: Vec<ModelOp>,
    },
    /// Something done outside this configuration that the change's summary (and so its undo)
    /// says; shown as a comment in the CLI equivalent. Changes nothing.
    Note(String),
    /// The fix of a problem `iistui check` found (`text` says what it does), when it is a
    /// change to applicationHost.config.
    Fix {
        text: String,
        change: ConfigChange,
    },
}

impl<'a> ConfigArg<'a> {
    /// `iistui` and the option naming this configuration, for `shell`.
    pub fn command(self, shell: Shell) -> CommandLine {
        let cmd = CommandLine::new(shell, "iistui");
        match self {
            ConfigArg::Machine => cmd,
            ConfigArg::Demo => cmd.word("--demo"),
            ConfigArg::File(path) => cmd.path_option("--config", path.as_os_str()),
        }
    }

    /// How the command names a connection of `kind` opened from `path`.
    pub fn of(kind: crate::host::connection::ConnectionKind, path: &'a Path) -> ConfigArg<'a> {
        use crate::host::connection::ConnectionKind;
        match kind {
            ConnectionKind::Machine => ConfigArg::Machine,
            ConnectionKind::Demo => ConfigArg::Demo,
            _ => ConfigArg::File(path),
        }
    }
}

/// Whether a setting sets a password in clear text (an `[enc:…:enc]` value is shown as it is).
fn is_clear_secret(setting: &Setting) -> bool {
    matches!(setting, Setting::Set { key, value }
        if key.eq_ignore_ascii_case("password") && !value.is_empty() && !is_encrypted(value))
}

/// A setting as the shown command spells it: a clear-text password as `password=********`.
fn shown_setting(setting: &Setting) -> String {
    match setting {
        Setting::Set { key, .. } if is_clear_secret(setting) => format!("{key}={MASK}"),
        other => other.to_string(),
    }
}

/// A diff (or any configuration text) with clear-text `password="…"` values shown as
/// `********` (`[enc:…:enc]` values stay as they are).
pub fn mask_passwords(text: &str) -> String {
    const ATTR: &str = "password=\"";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(ATTR) {
        let (head, tail) = rest.split_at(at + ATTR.len());
        out.push_str(head);
        // Only an attribute named password (after a space), not text ending in "password=".
        if !rest[..at].ends_with(char::is_whitespace) {
            rest = tail;
            continue;
        }
        let end = tail.find('"').unwrap_or(tail.len());
        let value = &tail[..end];
        out.push_str(if value.is_empty() || is_encrypted(value) {
            value
        } else {
            MASK
        });
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// The CLI's word for a target's kind and its id.
fn target_words(target: &Target) -> (&'static str, &str) {
    match target {
        Target::Site(name) => ("site", name),
        Target::AppPool(name) => ("apppool", name),
        Target::Application(id) => ("app", id),
        Target::VirtualDirectory(id) => ("vdir", id),
        Target::AspNetCore => ("aspnetcore", "."),
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
            ModelOp::AddSite(site) => {
                // What `add site` cannot say (https bindings with other certificates or
                // flags than the first) is added after it, as the CLI lines do.
                let (site, more) = site_cli::split(site);
                Change::record(doc, |doc, change| {
                    change.extend(apphost::add_site(doc, schema, &site)?);
                    for binding in &more {
                        change.extend(apphost::add_binding(doc, schema, &site.name, binding)?);
                    }
                    Ok(())
                })
            }
            ModelOp::AddApplication {
                site,
                path,
                physical_path,
                pool,
            } => apphost::add_application(doc, schema, site, path, physical_path, pool.as_deref()),
            ModelOp::AddVirtualDirectory {
                app,
                path,
                physical_path,
            } => apphost::add_virtual_directory(doc, schema, app, path, physical_path),
            ModelOp::AddAppPool(pool) => apphost::add_app_pool(doc, schema, pool),
            ModelOp::Batch { ops, .. } => Change::record(doc, |doc, change| {
                for op in ops {
                    change.extend(op.run(doc, schema)?);
                }
                Ok(())
            }),
            ModelOp::AddBinding { site, binding } => {
                apphost::add_binding(doc, schema, site, binding)
            }
            ModelOp::EditBinding {
                site,
                binding,
                settings,
            } => apphost::edit_binding(doc, schema, site, binding, settings),
            ModelOp::RemoveBinding { site, binding } => {
                apphost::remove_binding(doc, schema, site, binding)
            }
            ModelOp::Settings(edits) => Change::record(doc, |doc, change| {
                for (target, settings) in edits {
                    change.extend(apphost::apply_settings(doc, schema, target, settings)?);
                }
                if edits
                    .iter()
                    .any(|(_, settings)| settings.iter().any(is_clear_secret))
                {
                    change.warn(format!(
                        "the password is not shown: the \"Same as\" command has {MASK} in its place (type the password there to run it); it is saved as typed"
                    ));
                }
                Ok(())
            }),
            ModelOp::Note(text) => Change::record(doc, |_, change| {
                change.note(text.clone());
                Ok(())
            }),
            // A web.config fix has no document here: refused, never applied elsewhere.
            ModelOp::Fix {
                change: ConfigChange::AspNetCore { web_config, .. },
                ..
            } => Err(ModelError::InvalidValue {
                key: String::from("fix"),
                value: web_config.clone(),
                why: String::from("changes that web.config, not this configuration"),
            }),
            ModelOp::Fix { change, .. } => change.apply(doc, schema),
        }
    }

    /// The physical paths the operation points new objects at (for the host's missing-folder
    /// warning in the review).
    pub fn physical_paths(&self) -> Vec<&str> {
        match self {
            ModelOp::AddSite(site) => vec![site.physical_path.as_str()],
            ModelOp::AddApplication { physical_path, .. }
            | ModelOp::AddVirtualDirectory { physical_path, .. } => vec![physical_path.as_str()],
            ModelOp::Batch { ops, .. } => ops.iter().flat_map(ModelOp::physical_paths).collect(),
            _ => Vec::new(),
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
            ModelOp::Fix { text, .. } => format!("Fix: {text}"),
            ModelOp::AddBinding { site, binding } => {
                format!("Add binding {} to site \"{site}\"", binding.spec())
            }
            ModelOp::EditBinding { site, binding, .. } => {
                format!("Change binding {binding} of site \"{site}\"")
            }
            ModelOp::RemoveBinding { site, binding } => {
                format!("Remove binding {binding} from site \"{site}\"")
            }
            ModelOp::AddApplication { site, path, .. } => {
                format!("Add application \"{site}{path}\"")
            }
            ModelOp::AddVirtualDirectory { app, path, .. } => {
                format!(
                    "Add virtual directory \"{}{path}\"",
                    app.trim_end_matches('/')
                )
            }
            ModelOp::AddAppPool(pool) => format!("Add application pool \"{}\"", pool.name),
            ModelOp::Batch { title, .. } => title.clone(),
            ModelOp::Note(text) => text.clone(),
        }
    }

    /// The label of the confirm button.
    pub fn verb(&self) -> &'static str {
        match self {
            ModelOp::AddSite(_)
            | ModelOp::AddBinding { .. }
            | ModelOp::AddApplication { .. }
            | ModelOp::AddVirtualDirectory { .. }
            | ModelOp::AddAppPool(_) => "Add",
            ModelOp::Batch { verb, .. } => verb,
            ModelOp::Settings(_) | ModelOp::EditBinding { .. } => "Save",
            ModelOp::RemoveBinding { .. } => "Remove",
            ModelOp::Fix { .. } | ModelOp::Note(_) => "Apply",
            _ => "Delete",
        }
    }

    /// The equivalent `iistui` command line(s), for `shell` (one per line).
    pub fn cli(&self, shell: Shell, config: ConfigArg<'_>) -> String {
        let start = || config.command(shell);
        if let ModelOp::Batch { ops, .. } = self {
            return ops
                .iter()
                .map(|op| op.cli(shell, config))
                .collect::<Vec<_>>()
                .join("\n");
        }
        if let ModelOp::AddSite(site) = self {
            return site_cli::cli(site, start);
        }
        if let ModelOp::Settings(edits) = self {
            return edits
                .iter()
                .map(|(target, settings)| {
                    let (kind, id) = target_words(target);
                    let args: Vec<String> = settings.iter().map(shown_setting).collect();
                    let mut operands = vec![id];
                    operands.extend(args.iter().map(String::as_str));
                    start().word("set").word(kind).operands(&operands).finish()
                })
                .collect::<Vec<_>>()
                .join("\n");
        }
        if let ModelOp::Note(text) = self {
            // A comment in every shell the line is shown for; escaped so that nothing in a
            // path ends the comment.
            return format!("# {}", escape(text));
        }
        self.cli_with(start())
    }

    /// The command of a one-command operation, after `cmd` (`iistui` and the config option).
    fn cli_with(&self, mut cmd: CommandLine) -> String {
        if let Some(line) = site_cli::add_cli(self, cmd.clone()) {
            return line;
        }
        let delete = |cmd: CommandLine, kind: &str, id: &str| {
            cmd.word("delete").word(kind).operands(&[id]).finish()
        };
        match self {
            ModelOp::DeleteSite(name) => delete(cmd, "site", name),
            ModelOp::DeleteAppPool(name) => delete(cmd, "apppool", name),
            ModelOp::DeleteApplication(id) => delete(cmd, "app", id),
            ModelOp::DeleteVirtualDirectory(id) => delete(cmd, "vdir", id),
            ModelOp::AddBinding { site, binding } => {
                cmd = cmd.word("add").word("binding").option("--site", site);
                if let Some(hash) = &binding.certificate_hash {
                    cmd = cmd.option("--certificate", hash);
                }
                if let Some(store) = binding.certificate_store_name.as_deref().filter(|s| {
                    binding.certificate_hash.is_none() || *s != DEFAULT_CERTIFICATE_STORE
                }) {
                    cmd = cmd.option("--certificate-store", store);
                }
                if let Some(flags) = &binding.ssl_flags {
                    cmd = cmd.option("--ssl-flags", flags);
                }
                cmd.operands(&[&binding.spec()]).finish()
            }
            ModelOp::EditBinding {
                site,
                binding,
                settings,
            } => {
                let args: Vec<String> = settings.iter().map(Setting::to_string).collect();
                let mut operands = vec![site.as_str(), binding.as_str()];
                operands.extend(args.iter().map(String::as_str));
                cmd.word("set").word("binding").operands(&operands).finish()
            }
            ModelOp::RemoveBinding { site, binding } => cmd
                .word("delete")
                .word("binding")
                .operands(&[site, binding])
                .finish(),
            ModelOp::Settings(_)
            | ModelOp::AddSite(_)
            | ModelOp::AddApplication { .. }
            | ModelOp::AddVirtualDirectory { .. }
            | ModelOp::AddAppPool(_)
            | ModelOp::Note(_)
            | ModelOp::Batch { .. } => String::new(),
            ModelOp::Fix { change, .. } => match change {
                ConfigChange::Set { target, key, value } => {
                    let (kind, id) = target_words(target);
                    let setting = format!("{key}={value}");
                    cmd.word("set")
                        .word(kind)
                        .operands(&[id, &setting])
                        .finish()
                }
                ConfigChange::AddAppPool { name } => cmd
                    .word("add")
                    .word("apppool")
                    .option("--name", name)
                    .finish(),
                ConfigChange::DeleteAppPool { name } => delete(cmd, "apppool", name),
                ConfigChange::AspNetCore { .. } => String::new(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::apphost::Binding;

    #[test]
    fn passwords_are_masked_where_shown_but_encrypted_values_stay() {
        let diff = "+ <virtualDirectory path=\"/a\" userName=\"u\" password=\"s3&amp;cret\" />\n- <x password=\"[enc:P:abc:enc]\" y=\"password=\" />";
        assert_eq!(
            mask_passwords(diff),
            "+ <virtualDirectory path=\"/a\" userName=\"u\" password=\"********\" />\n- <x password=\"[enc:P:abc:enc]\" y=\"password=\" />"
        );
        let op = ModelOp::Settings(vec![(
            Target::VirtualDirectory(String::from("intranet/assets")),
            vec![
                Setting::Set {
                    key: String::from("userName"),
                    value: String::from("CORP\\svc"),
                },
                Setting::Set {
                    key: String::from("password"),
                    value: String::from("s3cret"),
                },
            ],
        )]);
        let shown = op.cli(Shell::Posix, ConfigArg::Demo);
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.ends_with(" 'password=********'"), "{shown}");
    }

    #[test]
    fn cli_equivalents_quote_what_shells_need() {
        let site = NewSite {
            name: String::from("Shop"),
            physical_path: String::from("C:\\sites\\shop"),
            bindings: vec![Binding::parse_spec("http/*:80:shop.example").expect("binding")],
            app_pool: None,
            id: None,
        };
        let op = ModelOp::AddSite(site);
        assert_eq!(
            op.cli(Shell::Posix, ConfigArg::Machine),
            "iistui add site --name Shop --physical-path 'C:\\sites\\shop' --binding 'http/*:80:shop.example'"
        );
        assert_eq!(
            op.cli(Shell::PowerShell, ConfigArg::Demo),
            "iistui --demo add site --name Shop --physical-path C:\\sites\\shop --binding 'http/*:80:shop.example'"
        );
        let delete = ModelOp::DeleteSite(String::from("sh$(touch PWNED)`id`"));
        assert_eq!(
            delete.cli(Shell::Posix, ConfigArg::File(Path::new("/srv/it's.config"))),
            "iistui --config '/srv/it'\\''s.config' delete site 'sh$(touch PWNED)`id`'"
        );
        assert_eq!(
            delete.cli(Shell::PowerShell, ConfigArg::Machine),
            "iistui delete site 'sh$(touch PWNED)`id`'"
        );
    }
}
