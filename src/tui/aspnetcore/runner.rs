//! The runtime's side of the ASP.NET Core settings: a change is prepared on a copy of the
//! web.config's document (exactly `apply_settings` on `Target::AspNetCore`, as the CLI) and
//! saved by a job on the blocking pool; after a save that turned stdout logging on, the log
//! folder is created. `app_offline.htm` is written or removed there too, and the log view's
//! saved text.

use std::path::Path;

use tokio::sync::mpsc::UnboundedSender;

use crate::host::aspnetcore::{ensure_stdout_folder, set_offline};
use crate::model::apphost::{Target, apply_settings};
use crate::model::store::{HistoryEntry, Step};

use super::super::app::{App, Level};
use super::super::msg::{DialogResult, Msg};
use super::{WebConfigEffect, WebConfigSaved};

/// Performs one effect; a message to post at once, if any.
pub fn run(
    app: &mut App,
    effect: WebConfigEffect,
    tx: &UnboundedSender<Msg>,
    run_blocking: fn(Box<dyn FnOnce() + Send>),
) -> Option<Msg> {
    match effect {
        WebConfigEffect::Save {
            file,
            settings,
            dialog,
            stdout_folder,
        } => {
            let prepared = (|| {
                let schema = &app.schema;
                let open = app
                    .web_configs
                    .get_mut(&file)
                    .ok_or_else(|| String::from("the web.config is not open"))?;
                if open.saving {
                    return Err(String::from(
                        "a save of this web.config is still running; try again when it has finished",
                    ));
                }
                let mut doc = open.store.document().clone();
                let change = apply_settings(&mut doc, schema, &Target::AspNetCore, &settings)
                    .map_err(|e| e.to_string())?;
                let job = open.store.save_job(doc).map_err(|e| e.to_string())?;
                open.saving = true;
                Ok((
                    job,
                    Step::Change(HistoryEntry::from_change(&change)),
                    change.summary.join("; "),
                ))
            })();
            let (job, step, summary) = match prepared {
                Ok(prepared) => prepared,
                Err(why) => {
                    return Some(Msg::WebConfigSaved(Box::new(WebConfigSaved {
                        file,
                        dialog,
                        summary: String::new(),
                        result: Err(why),
                        folder_note: None,
                    })));
                }
            };
            let tx = tx.clone();
            run_blocking(Box::new(move || {
                let outcome = job.run();
                let folder_note = match (&outcome.result, stdout_folder) {
                    (Ok(_), Some((folder, configured))) => {
                        match ensure_stdout_folder(&folder, &configured) {
                            Ok(Some(made)) => Some(format!("created {}", made.display())),
                            Ok(None) => None,
                            Err(why) => Some(format!("warning: {why}")),
                        }
                    }
                    _ => None,
                };
                let _ = tx.send(Msg::WebConfigSaved(Box::new(WebConfigSaved {
                    file,
                    dialog,
                    summary,
                    result: Ok((Box::new(outcome), step)),
                    folder_note,
                })));
            }));
            None
        }
        WebConfigEffect::Undo { file, dialog } => {
            let prepared = match app.web_configs.get_mut(&file) {
                None => Err(String::from("the web.config is not open")),
                Some(open) if open.saving => {
                    Err(String::from("a save of this web.config is still running"))
                }
                Some(open) => match open.store.undo_job() {
                    Ok(Some((job, step))) => {
                        open.saving = true;
                        Ok((job, step))
                    }
                    Ok(None) => Err(String::from("nothing to undo in this web.config")),
                    Err(e) => Err(e.to_string()),
                },
            };
            match prepared {
                Err(why) => Some(Msg::WebConfigSaved(Box::new(WebConfigSaved {
                    file,
                    dialog,
                    summary: String::new(),
                    result: Err(why),
                    folder_note: None,
                }))),
                Ok((job, step)) => {
                    let summary = format!("undid: {}", step.description());
                    let tx = tx.clone();
                    run_blocking(Box::new(move || {
                        let outcome = job.run();
                        let _ = tx.send(Msg::WebConfigSaved(Box::new(WebConfigSaved {
                            file,
                            dialog,
                            summary,
                            result: Ok((Box::new(outcome), step)),
                            folder_note: None,
                        })));
                    }));
                    None
                }
            }
        }
        WebConfigEffect::Offline {
            folder,
            message,
            dialog,
        } => {
            let tx = tx.clone();
            run_blocking(Box::new(move || {
                let result = set_offline(&folder, message.as_deref());
                let (level, text) = match &result {
                    Ok(done) => (Level::Success, done.clone()),
                    Err(why) => (Level::Error, why.clone()),
                };
                let _ = tx.send(Msg::Notice { level, text });
                if let Some(dialog) = dialog {
                    let _ = tx.send(Msg::ToDialog {
                        dialog,
                        result: DialogResult::Saved(result),
                    });
                }
            }));
            None
        }
    }
}

/// Writes the log view's text to a new file (never over an existing one).
pub fn save_text(path: &Path, text: &str) -> Msg {
    use std::io::Write;
    let result = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut file| {
            file.write_all(text.as_bytes())?;
            file.sync_all()
        });
    let lines = text.lines().count();
    match result {
        Ok(()) => Msg::Notice {
            level: Level::Success,
            text: format!("saved {lines} lines to {}", path.display()),
        },
        Err(e) => Msg::Notice {
            level: Level::Error,
            text: format!("cannot save to {}: {e}", path.display()),
        },
    }
}
