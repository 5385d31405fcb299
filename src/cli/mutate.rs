//! The mutating subcommands (`set`, `add …`, `delete …`): each calls exactly the model function
//! the TUI calls, then commits through the safe store.

use crate::host::paths::missing_folder_warning;
use crate::model::apphost::{
    self, Binding, Change, ModelError, NewAppPool, NewSite, SetOptions, Target,
};
use crate::model::doc::Document;
use crate::model::schema::SchemaSet;
use crate::model::store::Store;

use super::args::{AddCommand, DeleteKind};
use super::error::CliError;
use super::output::commit;

/// Runs one model operation on the store's document and commits it.
fn apply(
    store: &mut Store,
    dry_run: bool,
    op: impl FnOnce(&mut Document) -> Result<Change, ModelError>,
) -> Result<(), CliError> {
    if store.is_read_only() && !dry_run {
        return Err(CliError::refused(format!(
            "{} is open read-only (--readonly)",
            store.path().display()
        )));
    }
    let before = if dry_run {
        store.document().text().to_owned()
    } else {
        String::new()
    };
    let change = op(store.document_mut())?;
    commit(store, &before, change, dry_run)
}

/// A new object's folder that is not on this machine gets a warning (the model does not look
/// at the file system).
fn with_folder_warning(
    change: Result<Change, ModelError>,
    physical_path: &str,
) -> Result<Change, ModelError> {
    change.map(|mut change| {
        change
            .warnings
            .extend(missing_folder_warning(physical_path));
        change
    })
}

/// What `add site`'s https options give each https binding.
struct HttpsOptions<'a> {
    certificate: Option<&'a str>,
    store: Option<&'a str>,
    ssl_flags: Option<&'a str>,
}

fn with_https_options(mut binding: Binding, https: &HttpsOptions<'_>) -> Binding {
    if !binding.protocol.eq_ignore_ascii_case("https") {
        return binding;
    }
    if let Some(hash) = https.certificate {
        binding.certificate_hash = Some(hash.to_owned());
        binding.certificate_store_name = Some(https.store.unwrap_or("My").to_owned());
    }
    binding.ssl_flags = https.ssl_flags.map(str::to_owned);
    binding
}

/// One `set` argument; a malformed one is a usage error (exit 2), as a missing `=` always was.
pub(crate) fn parse_setting(arg: &str) -> Result<apphost::Setting, CliError> {
    apphost::Setting::parse(arg).map_err(|e| CliError::usage(e.to_string()))
}

/// Splits `set`'s arguments into operands and `--dry-run` (after `--`, options arrive here
/// among the settings); other options are refused.
fn operands(pairs: &[String], dry_run: bool) -> Result<(bool, Vec<&str>), CliError> {
    let mut dry_run = dry_run;
    let mut out = Vec::new();
    for arg in pairs {
        match arg.as_str() {
            "--dry-run" => dry_run = true,
            option if option.starts_with("--") => {
                return Err(CliError::usage(format!(
                    "{option}: write options before the settings (iistui set [OPTIONS] KIND ID SETTING...)"
                )));
            }
            operand => out.push(operand),
        }
    }
    Ok((dry_run, out))
}

pub fn set(
    store: &mut Store,
    schema: &SchemaSet,
    target: &Target,
    pairs: &[String],
    options: SetOptions,
    dry_run: bool,
) -> Result<(), CliError> {
    let (dry_run, args) = operands(pairs, dry_run)?;
    let settings = args
        .iter()
        .map(|arg| parse_setting(arg))
        .collect::<Result<Vec<_>, _>>()?;
    apply(store, dry_run, |doc| {
        apphost::apply_settings_with(doc, schema, target, &settings, options)
    })
}

/// `set binding SITE BINDING SETTING...`: one binding changed in place.
pub fn set_binding(
    store: &mut Store,
    schema: &SchemaSet,
    site: &str,
    pairs: &[String],
    dry_run: bool,
) -> Result<(), CliError> {
    let (dry_run, args) = operands(pairs, dry_run)?;
    let usage = || {
        CliError::usage(
            "usage: iistui set binding SITE protocol/ip:port:host KEY=VALUE... (e.g. bindingInformation=*:8080:shop.example.com)",
        )
    };
    let (spec, rest) = args.split_first().ok_or_else(usage)?;
    if rest.is_empty() {
        return Err(usage());
    }
    let settings = rest
        .iter()
        .map(|arg| parse_setting(arg))
        .collect::<Result<Vec<_>, _>>()?;
    apply(store, dry_run, |doc| {
        apphost::edit_binding(doc, schema, site, spec, &settings)
    })
}

pub fn add(store: &mut Store, schema: &SchemaSet, what: AddCommand) -> Result<(), CliError> {
    match what {
        AddCommand::Site {
            name,
            physical_path,
            bindings,
            apppool,
            id,
            certificate,
            certificate_store,
            ssl_flags,
            dry_run,
        } => {
            let https = HttpsOptions {
                certificate: certificate.as_deref(),
                store: certificate_store.as_deref(),
                ssl_flags: ssl_flags.as_deref(),
            };
            let bindings = bindings
                .iter()
                .map(|b| Binding::parse_spec(b).map(|b| with_https_options(b, &https)))
                .collect::<Result<Vec<_>, _>>()?;
            let site = NewSite {
                name,
                physical_path,
                bindings,
                app_pool: apppool,
                id,
            };
            apply(store, dry_run, |doc| {
                with_folder_warning(apphost::add_site(doc, schema, &site), &site.physical_path)
            })
        }
        AddCommand::App {
            site,
            path,
            physical_path,
            apppool,
            dry_run,
        } => apply(store, dry_run, |doc| {
            let added = apphost::add_application(
                doc,
                schema,
                &site,
                &path,
                &physical_path,
                apppool.as_deref(),
            );
            with_folder_warning(added, &physical_path)
        }),
        AddCommand::Vdir {
            app,
            path,
            physical_path,
            dry_run,
        } => {
            let app = if app.contains('/') {
                app
            } else {
                format!("{app}/")
            };
            apply(store, dry_run, |doc| {
                let added =
                    apphost::add_virtual_directory(doc, schema, &app, &path, &physical_path);
                with_folder_warning(added, &physical_path)
            })
        }
        AddCommand::Apppool {
            name,
            runtime,
            pipeline,
            identity,
            auto_start,
            dry_run,
        } => {
            let runtime = match runtime.as_deref().map(str::to_ascii_lowercase).as_deref() {
                None => None,
                Some("none" | "" | "nomanagedcode" | "no managed code") => Some(String::new()),
                Some("v4.0" | "4.0" | "v4") => Some(String::from("v4.0")),
                Some("v2.0" | "2.0" | "v2") => Some(String::from("v2.0")),
                Some(other) => {
                    return Err(CliError::refused(format!(
                        "invalid --runtime \"{other}\": use v4.0, v2.0 or none"
                    )));
                }
            };
            let pool = NewAppPool {
                name,
                runtime,
                pipeline,
                identity,
                auto_start,
            };
            apply(store, dry_run, |doc| {
                apphost::add_app_pool(doc, schema, &pool)
            })
        }
        AddCommand::Binding {
            site,
            binding,
            certificate,
            certificate_store,
            ssl_flags,
            dry_run,
        } => {
            // Given to the model as typed: it refuses a certificate on anything but https.
            let mut binding = Binding::parse_spec(&binding)?;
            binding.certificate_hash = certificate;
            binding.certificate_store_name = certificate_store;
            binding.ssl_flags = ssl_flags;
            apply(store, dry_run, |doc| {
                apphost::add_binding(doc, schema, &site, &binding)
            })
        }
    }
}

pub fn delete(
    store: &mut Store,
    schema: &SchemaSet,
    kind: DeleteKind,
    id: &str,
    binding: Option<&str>,
    dry_run: bool,
) -> Result<(), CliError> {
    if kind != DeleteKind::Binding && binding.is_some() {
        return Err(CliError::usage(
            "only `delete binding SITE BINDING` takes a second argument",
        ));
    }
    match kind {
        DeleteKind::Site => apply(store, dry_run, |doc| apphost::delete_site(doc, schema, id)),
        DeleteKind::Apppool => apply(store, dry_run, |doc| {
            apphost::delete_app_pool(doc, schema, id)
        }),
        DeleteKind::App => apply(store, dry_run, |doc| {
            apphost::delete_application(doc, schema, id)
        }),
        DeleteKind::Vdir => apply(store, dry_run, |doc| {
            apphost::delete_virtual_directory(doc, schema, id)
        }),
        DeleteKind::Binding => {
            let spec = binding.ok_or_else(|| {
                CliError::usage("usage: iistui delete binding SITE protocol/ip:port:host")
            })?;
            apply(store, dry_run, |doc| {
                apphost::remove_binding(doc, schema, id, spec)
            })
        }
    }
}
