//! The runtime side of effects. Store operations (apply + save, undo, redo, reload) run against
//! the app's stores between frames; folder reads, runtime state and validation run on tokio's
//! blocking pool. Every result comes back to `update` as a [`Msg`].

use std::path::Path;

use tokio::sync::mpsc::UnboundedSender;

use crate::host::runtime;
use crate::model::store::{StoreError, unified_diff};
use crate::model::validate::validate;

use super::app::App;
use super::dialog::DialogId;
use super::msg::{DialogResult, Effect, FolderEntry, Msg};
use super::op::ModelOp;

/// Performs effects and posts their results.
#[derive(Clone)]
pub struct Runner {
    pub tx: UnboundedSender<Msg>,
}

impl Runner {
    pub fn run(&self, app: &mut App, effect: Effect) {
        let msg = match effect {
            Effect::Apply { conn, op, dialog } => Some(apply(app, conn, &op, dialog)),
            Effect::ListFolders {
                dialog,
                field,
                path,
            } => {
                let tx = self.tx.clone();
                tokio::task::spawn_blocking(move || {
                    let names = folder_names(&path);
                    let _ = tx.send(Msg::ToDialog {
                        dialog,
                        result: DialogResult::Folders { field, names },
                    });
                });
                None
            }
            Effect::Undo { conn } => Some(history(app, conn, true)),
            Effect::Redo { conn } => Some(history(app, conn, false)),
            Effect::Reload { conn } => {
                let result = match app.conns.get_mut(conn).and_then(|c| c.store.as_mut()) {
                    Some(store) => store.reload().map_err(|e| e.to_string()),
                    None => Err(String::from("this configuration could not be opened")),
                };
                Some(Msg::Reloaded { conn, result })
            }
            Effect::DiskDiff { conn } => {
                app.conns
                    .get(conn)
                    .and_then(|c| c.store.as_ref())
                    .map(|store| {
                        let text = match std::fs::read(store.path()) {
                            Ok(bytes) => {
                                let disk = String::from_utf8_lossy(&bytes);
                                let diff =
                                    unified_diff(store.document().text(), &disk, store.path());
                                if diff.is_empty() {
                                    String::from(
                                        "The file on disk has the same content as the loaded one.",
                                    )
                                } else {
                                    diff
                                }
                            }
                            Err(e) => format!("cannot read {}: {e}", store.path().display()),
                        };
                        Msg::Show {
                            title: String::from("Loaded (−) vs on disk (+)"),
                            text,
                        }
                    })
            }
            Effect::ListFolder(path) => {
                let tx = self.tx.clone();
                tokio::task::spawn_blocking(move || {
                    let result = list_folder(&path);
                    let _ = tx.send(Msg::FolderListed { path, result });
                });
                None
            }
            Effect::LoadStates { conn } => {
                let machine = app.conns.get(conn).is_some_and(|c| c.is_machine());
                let tx = self.tx.clone();
                tokio::task::spawn_blocking(move || {
                    let result = runtime::for_connection(machine).states();
                    let _ = tx.send(Msg::States { conn, result });
                });
                None
            }
            Effect::Validate { conn } => {
                if let Some(c) = app.conns.get(conn) {
                    if let Some(store) = &c.store {
                        let (doc, schema, version, tx) = (
                            store.document().clone(),
                            app.schema.clone(),
                            c.doc_version,
                            self.tx.clone(),
                        );
                        tokio::task::spawn_blocking(move || {
                            let findings = validate(&doc, &schema);
                            let _ = tx.send(Msg::Problems {
                                conn,
                                version,
                                findings,
                            });
                        });
                    }
                }
                None
            }
            Effect::CheckDisk => {
                for (conn, c) in app.conns.iter().enumerate() {
                    let Some(store) = &c.store else { continue };
                    if c.disk_changed {
                        continue;
                    }
                    let mtime = std::fs::metadata(store.path())
                        .and_then(|m| m.modified())
                        .ok();
                    if mtime != store.loaded_mtime() && store.changed_on_disk().unwrap_or(true) {
                        let _ = self.tx.send(Msg::DiskChanged { conn });
                    }
                }
                None
            }
        };
        if let Some(msg) = msg {
            let _ = self.tx.send(msg);
        }
    }
}

/// Runs a model operation, saves it, and records it for undo. A refused save rolls back.
fn apply(app: &mut App, conn: usize, op: &ModelOp, dialog: Option<DialogId>) -> Msg {
    let App { conns, schema, .. } = app;
    let Some(store) = conns.get_mut(conn).and_then(|c| c.store.as_mut()) else {
        return failed(conn, "this configuration could not be opened", dialog);
    };
    let change = match op.run(store.document_mut(), schema) {
        Ok(change) => change,
        Err(err) => {
            return failed(conn, err, dialog);
        }
    };
    match store.save() {
        Ok(report) => {
            store.record(&change);
            let summary = change.summary.join("; ");
            Msg::Applied {
                conn,
                result: Ok((summary, report.backup.display().to_string())),
                dialog,
            }
        }
        Err(err) => {
            let _ = store.document_mut().apply_all(&change.inverse);
            saved_error(conn, err, dialog)
        }
    }
}

/// A refused or failed change, reported in the status line.
fn failed(conn: usize, why: impl ToString, dialog: Option<DialogId>) -> Msg {
    Msg::Applied {
        conn,
        result: Err(why.to_string()),
        dialog,
    }
}

fn saved_error(conn: usize, err: StoreError, dialog: Option<DialogId>) -> Msg {
    match err {
        StoreError::Conflict { .. } => Msg::Conflict { conn, dialog },
        other => failed(conn, other, dialog),
    }
}

/// Undo (or redo) the last change and save it; a refused save puts the change back.
fn history(app: &mut App, conn: usize, undo: bool) -> Msg {
    let Some(store) = app.conns.get_mut(conn).and_then(|c| c.store.as_mut()) else {
        return failed(conn, "this configuration could not be opened", None);
    };
    let step = if undo { store.undo() } else { store.redo() };
    let description = match step {
        Ok(Some(description)) => description,
        Ok(None) => {
            return failed(
                conn,
                format!("nothing to {}", if undo { "undo" } else { "redo" }),
                None,
            );
        }
        Err(err) => {
            return failed(conn, err, None);
        }
    };
    match store.save() {
        Ok(report) => {
            let verb = if undo { "undid" } else { "redid" };
            Msg::Applied {
                conn,
                result: Ok((
                    format!("{verb}: {description}"),
                    report.backup.display().to_string(),
                )),
                dialog: None,
            }
        }
        Err(err) => {
            let _ = if undo { store.redo() } else { store.undo() };
            saved_error(conn, err, None)
        }
    }
}

/// A folder's entries, folders first, each group by name.
fn list_folder(path: &Path) -> Result<Vec<FolderEntry>, String> {
    let entries =
        std::fs::read_dir(path).map_err(|e| crate::model::store::describe_io(&e, path))?;
    let mut out: Vec<FolderEntry> = entries
        .flatten()
        .map(|entry| {
            let meta = entry.metadata().ok();
            let is_dir = meta.as_ref().is_some_and(|m| m.is_dir());
            let size = meta.filter(|m| m.is_file()).map(|m| m.len());
            (
                entry.file_name().to_string_lossy().into_owned(),
                is_dir,
                size,
            )
        })
        .collect();
    out.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| a.0.to_lowercase().cmp(&b.0.to_lowercase()))
    });
    Ok(out)
}

/// The names of the folders in the folder a path field names (the part before its last
/// separator), for Tab completion. A configured path (`%SystemDrive%\\sites`) is looked up where
/// it lives on this machine.
fn folder_names(typed: &str) -> Result<Vec<String>, String> {
    let cut = typed.rfind(['\\', '/']).map_or(0, |i| i + 1);
    let dir = &typed[..cut];
    let local = crate::host::paths::local_path(if dir.is_empty() { "." } else { dir })
        .ok_or_else(|| format!("{dir} is not on this machine"))?;
    let entries =
        std::fs::read_dir(&local).map_err(|e| crate::model::store::describe_io(&e, &local))?;
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()) || e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort_by_key(|n| n.to_lowercase());
    Ok(names)
}
