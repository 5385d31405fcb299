//! The appcmd-like CLI over the model: `list`, `get`, `set`, `add`, `delete`, `validate`, and
//! `acl` for file permissions. Each
//! mutating command calls the same model function as the TUI and saves through the safe store.

mod acl;
pub mod args;
mod aspnetcore;
mod check;
pub mod error;
mod get;
mod list;
mod logs;
mod mutate;
mod output;
pub mod stdio;
mod validate;

pub use args::{Args, Command, GlobalArgs};
pub use error::CliError;

use crate::host::runtime;
use crate::host::shell_quote::{CommandLine, Shell};
use crate::model::apphost::{AppHost, SetOptions, Target};
use crate::model::schema::SchemaSet;
use crate::model::store::Store;

use crate::host::connection::{self, ConnectionKind};
use args::{ObjectKind, SetKind};

fn target(kind: ObjectKind, id: &str) -> Target {
    match kind {
        ObjectKind::Site => Target::Site(id.to_owned()),
        ObjectKind::Apppool => Target::AppPool(id.to_owned()),
        ObjectKind::App => Target::Application(if id.contains('/') {
            id.to_owned()
        } else {
            format!("{id}/")
        }),
        ObjectKind::Vdir => Target::VirtualDirectory(id.to_owned()),
        ObjectKind::Aspnetcore => Target::AspNetCore,
    }
}

/// This machine's IIS schema; files that failed to load are said on standard error.
pub(crate) fn machine_schema() -> SchemaSet {
    let (schema, problems) = crate::host::schema::for_this_machine();
    for problem in &problems {
        stdio::note("iistui", problem);
    }
    schema
}

/// Runs a subcommand; returns the process exit code.
pub fn run(command: Command, global: &GlobalArgs) -> Result<u8, CliError> {
    let command = match command {
        Command::Acl { action } => return acl::run(action, global),
        other => other,
    };
    if let Command::Validate {
        files,
        schema,
        json,
    } = &command
    {
        return validate::run(files, schema, *json, global.store_options().max_size);
    }
    let connection = connection::resolve_one(&global.request())?;
    for note in &connection.notes {
        stdio::note("note", note);
    }
    let options = global.store_options();
    // A writing command takes the save lock before loading, so that no other iistui can save
    // between its load and its save (which would make its save a refused conflict).
    let mut store = if command.writes() && !global.readonly {
        Store::open_locked(&connection.path, options, &mut |note| {
            stdio::note("iistui", note)
        })?
    } else {
        Store::open_with(&connection.path, options)?
    };
    store.set_read_only(global.readonly);
    let schema = machine_schema();
    match command {
        Command::List { kind, site, json } => {
            let states = runtime::for_connection(connection.kind == ConnectionKind::Machine)
                .states()
                .ok();
            let host = AppHost::new(store.document(), &schema);
            for note in host.sections_elsewhere() {
                stdio::note("note", &note);
            }
            list::run(host, kind, site.as_deref(), json, states.as_ref())?;
        }
        Command::Get {
            kind: ObjectKind::Aspnetcore,
            id,
            key,
            ..
        } => aspnetcore::get(&store, &schema, &id, key.as_deref())?,
        Command::Set {
            kind: SetKind::Aspnetcore,
            id,
            pairs,
            dry_run,
        } => aspnetcore::set(&store, &schema, global, &id, &pairs, dry_run)?,
        Command::Get {
            kind,
            id,
            key,
            json,
        } => {
            get::run(
                AppHost::new(store.document(), &schema),
                &target(kind, &id),
                key.as_deref(),
                json,
            )?;
        }
        Command::Set {
            kind,
            id,
            pairs,
            dry_run,
        } => match kind.object() {
            Some(object) => {
                let options = SetOptions {
                    force: global.force,
                };
                let target = target(object, &id);
                mutate::set(&mut store, &schema, &target, &pairs, options, dry_run)?
            }
            None => mutate::set_binding(&mut store, &schema, &id, &pairs, dry_run)?,
        },
        Command::Add { what } => mutate::add(&mut store, &schema, what)?,
        Command::Delete {
            kind,
            id,
            binding,
            dry_run,
        } => mutate::delete(&mut store, &schema, kind, &id, binding.as_deref(), dry_run)?,
        Command::Check { json, severity } => {
            let machine = connection.kind == ConnectionKind::Machine;
            // Fix commands name the configuration this check read, so that they paste.
            let start = CommandLine::new(Shell::native(), "iistui");
            let start = match connection.kind {
                ConnectionKind::Machine => start,
                ConnectionKind::Demo => start.word("--demo"),
                _ => start.path_option("--config", connection.path.as_os_str()),
            };
            return check::run(store.document(), &schema, machine, json, severity, &start);
        }
        Command::Logs {
            apps,
            follow,
            lines,
            w3c,
            list,
            summary,
        } => {
            let request = logs::LogsRequest {
                apps,
                follow,
                lines,
                w3c,
                list,
                summary,
            };
            return logs::run(AppHost::new(store.document(), &schema), &request, global);
        }
        Command::Validate { .. } | Command::Acl { .. } => {}
    }
    // The process exits next: the OS reclaims a 10,000-site document faster than freeing it
    // (the store's save lock, if any, was released by the save).
    #[allow(clippy::mem_forget)]
    std::mem::forget(store);
    Ok(0)
}
