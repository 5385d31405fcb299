//! The runtime side of effects. A change (apply, undo, redo) is prepared on a copy of the
//! document between frames and saved by a job on tokio's blocking pool, so a save to a slow share
//! never holds up the keyboard; folder reads, runtime state and control (start, stop,
//! recycle) and the configuration's check run there too. Every result comes back to `update`
//! as a [`Msg`].

use std::path::Path;

use tokio::sync::mpsc::UnboundedSender;

use crate::host::runtime;
use crate::model::schema::SchemaSet;
use crate::model::store::{HistoryEntry, SaveJob, Step, Store, unified_diff};

use super::app::App;
use super::dialog::DialogId;
use super::host_job::{HostJob, JobContext};
use super::msg::{DialogResult, Effect, FolderEntry, Msg};
use super::problems::check_job;
use super::subscription::Tasks;

/// Performs effects and posts their results.
#[derive(Clone)]
pub struct Runner {
    pub tx: UnboundedSender<Msg>,
    /// The subscriptions' running streams.
    pub tasks: Tasks,
}

impl Runner {
    pub fn new(tx: UnboundedSender<Msg>) -> Runner {
        Runner {
            tx,
            tasks: Tasks::default(),
        }
    }

    pub fn run(&self, app: &mut App, effect: Effect) {
        let msg = match effect {
            Effect::Apply { conn, op, dialog } => {
                let prepared = prepare(app, conn, |store, schema| {
                    let mut doc = store.document().clone();
                    let change = op.run(&mut doc, schema).map_err(|e| e.to_string())?;
                    let summary = change.summary.join("; ");
                    let job = store.save_job(doc).map_err(|e| e.to_string())?;
                    Ok((
                        job,
                        Step::Change(HistoryEntry::from_change(&change)),
                        summary,
                    ))
                });
                self.start(conn, dialog, prepared)
            }
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
            Effect::Undo { conn } | Effect::Redo { conn } => {
                let undo = matches!(effect, Effect::Undo { .. });
                let prepared = prepare(app, conn, |store, _| {
                    let job = if undo {
                        store.undo_job()
                    } else {
                        store.redo_job()
                    };
                    match job.map_err(|e| e.to_string())? {
                        Some((job, step)) => {
                            let verb = if undo { "undid" } else { "redid" };
                            let summary = format!("{verb}: {}", step.description());
                            Ok((job, step, summary))
                        }
                        None => Err(format!("nothing to {}", if undo { "undo" } else { "redo" })),
                    }
                });
                self.start(conn, None, prepared)
            }
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
                        let (doc, schema, states, version, tx) = (
                            store.document().clone(),
                            app.schema.clone(),
                            c.states.clone(),
                            c.doc_version,
                            self.tx.clone(),
                        );
                        tokio::task::spawn_blocking(move || {
                            let checked = check_job(&doc, &schema, states.as_ref());
                            let _ = tx.send(Msg::Problems {
                                conn,
                                version,
                                checked: Box::new(checked),
                            });
                        });
                    }
                }
                None
            }
            Effect::Control { conn, control } => {
                let machine = app.conns.get(conn).is_some_and(|c| c.is_machine());
                let tx = self.tx.clone();
                tokio::task::spawn_blocking(move || {
                    let result = runtime::for_connection(machine).control(&control);
                    let _ = tx.send(Msg::Controlled {
                        conn,
                        control,
                        result,
                    });
                });
                None
            }
            Effect::Subscribe {
                topic,
                generation,
                source,
            } => {
                self.tasks.start(topic, generation, source, self.tx.clone());
                None
            }
            Effect::Unsubscribe { topic } => {
                self.tasks.stop(&topic);
                None
            }
            Effect::Acl(job) => {
                super::permissions::job::spawn(job, self.tx.clone());
                None
            }
            Effect::SaveText { path, text } => {
                let tx = self.tx.clone();
                run_blocking(Box::new(move || {
                    let _ = tx.send(super::aspnetcore::runner::save_text(&path, &text));
                }));
                None
            }
            Effect::WebConfig(effect) => {
                super::aspnetcore::runner::run(app, effect, &self.tx, run_blocking)
            }
            Effect::Host { dialog, job } => {
                self.host(app, dialog, job);
                None
            }
        };
        if let Some(msg) = msg {
            let _ = self.tx.send(msg);
        }
    }
}

/// A save job ready to run, its history step and what it does.
type Prepared = Result<(SaveJob, Step, String), String>;

/// Prepares a change on a connection's store (on a copy of its document; the store is not
/// changed until the job's result is filed). One save per file at a time.
fn prepare(
    app: &mut App,
    conn: usize,
    build: impl FnOnce(&mut Store, &SchemaSet) -> Prepared,
) -> Prepared {
    let App { conns, schema, .. } = app;
    let c = conns
        .get_mut(conn)
        .ok_or_else(|| String::from("no such connection"))?;
    if c.saving {
        return Err(String::from(
            "a save of this file is still running; try again when it has finished",
        ));
    }
    let store = c
        .store
        .as_mut()
        .ok_or_else(|| String::from("this configuration could not be opened"))?;
    let prepared = build(store, schema)?;
    c.saving = true;
    Ok(prepared)
}

impl Runner {
    /// Runs a prepared save on the blocking pool; its outcome comes back as [`Msg::Saved`].
    fn start(&self, conn: usize, dialog: Option<DialogId>, prepared: Prepared) -> Option<Msg> {
        match prepared {
            Ok((job, step, summary)) => {
                let tx = self.tx.clone();
                let run = move || {
                    let outcome = Box::new(job.run());
                    let _ = tx.send(Msg::Saved {
                        conn,
                        dialog,
                        summary,
                        outcome,
                        step,
                    });
                };
                match tokio::runtime::Handle::try_current() {
                    Ok(handle) => {
                        handle.spawn_blocking(run);
                    }
                    // Tests drive the runner without a runtime: save on this thread.
                    Err(_) => run(),
                }
                None
            }
            Err(why) => Some(Msg::Applied {
                conn,
                result: Err(why),
                dialog,
            }),
        }
    }
}

/// Runs work on the blocking pool, or here when there is no runtime (headless tests).
fn run_blocking(work: Box<dyn FnOnce() + Send>) {
    match tokio::runtime::Handle::try_current() {
        Ok(handle) => {
            handle.spawn_blocking(work);
        }
        Err(_) => work(),
    }
}

impl Runner {
    /// Runs a dialog's machine work on the blocking pool (on this thread in tests without a
    /// runtime); the answer goes back to the dialog.
    fn host(&self, app: &App, dialog: DialogId, job: HostJob) {
        let doc = match &job {
            HostJob::InProcessApps { conn } => app
                .conns
                .get(*conn)
                .and_then(|c| c.store.as_ref())
                .map(|s| s.document().clone()),
            _ => None,
        };
        let cx = JobContext {
            schema: app.schema.clone(),
            doc,
        };
        let tx = self.tx.clone();
        run_blocking(Box::new(move || {
            let result = DialogResult::Host(job.run(&cx));
            let _ = tx.send(Msg::ToDialog { dialog, result });
        }));
    }
}

/// A folder's entries, folders first, each group by name.
fn list_folder(path: &Path) -> Result<Vec<FolderEntry>, String> {
    let entries =
        std::fs::read_dir(path).map_err(|e| crate::model::store::describe_io(&e, path))?;
    let mut out: Vec<FolderEntry> = entries
        .flatten()
        .map(|entry| {
            // Through a symbolic link or junction to what it names (a linked folder is a
            // folder to open; Convert checks where it leads); a broken link stays a file.
            let meta = std::fs::metadata(entry.path())
                .or_else(|_| entry.metadata())
                .ok();
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
