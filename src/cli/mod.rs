//! The appcmd-like CLI over the model: `list`, `get`, `set`, `add`, `delete`, `validate`. Each
//! mutating command calls the same model function as the TUI and saves through the safe store.

pub mod args;
pub mod connection;
pub mod error;
mod get;
mod list;
mod mutate;
mod output;
pub mod stdio;
mod validate;

pub use args::{Args, Command, GlobalArgs};
pub use error::CliError;

use crate::host::runtime;
use crate::model::apphost::{AppHost, Target};
use crate::model::schema::SchemaSet;
use crate::model::store::Store;

use args::ObjectKind;
use connection::ConnectionKind;

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
    }
}

/// Runs a subcommand; returns the process exit code.
pub fn run(command: Command, global: &GlobalArgs) -> Result<u8, CliError> {
    if let Command::Validate {
        files,
        schema,
        json,
    } = &command
    {
        return validate::run(files, schema, *json);
    }
    let connection = connection::resolve_one(global)?;
    for note in &connection.notes {
        stdio::note("note", note);
    }
    let mut store = Store::open(&connection.path)?;
    store.set_read_only(global.readonly);
    let schema = SchemaSet::for_this_machine();
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
                mutate::set(&mut store, &schema, &target(object, &id), &pairs, dry_run)?
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
        Command::Validate { .. } => {}
    }
    // The process exits next: the OS reclaims a 10,000-site document faster than freeing it.
    std::mem::forget(store);
    Ok(0)
}
