//! What the ACL jobs report: a read fills the view; an applied change is shown as read back
//! and joins the undo list; an undo leaves it; the dialog that asked hears how it went.

use crate::host::acl::{AclChange, Applied};
use crate::tui::app::{App, Level, View};
use crate::tui::msg::{DialogResult, Effect};

use super::{AclReport, AclState, AclTarget, SavedAcl, open};

/// An ACL job's report.
pub fn on_report(app: &mut App, report: AclReport) -> Vec<Effect> {
    match report {
        AclReport::Read {
            path,
            backend,
            result,
        } => {
            let pane = &mut app.permissions;
            if pane.target.as_ref().map(|t| &t.path) == Some(&path) {
                pane.backend = Some(backend);
                pane.acl = match result {
                    Ok((acl, is_dir)) => AclState::Shown { acl, is_dir },
                    Err(why) => AclState::Failed(why),
                };
                pane.selected = pane.selected.min(pane.entries().len().saturating_sub(1));
            }
            Vec::new()
        }
        AclReport::Applied {
            dialog,
            change,
            result,
        } => {
            app.busy = app.busy.saturating_sub(1);
            let (answer, mut effects) = match result {
                Ok(applied) => applied_ok(app, &change, *applied),
                Err(why) => {
                    app.set_status(Level::Error, why.clone());
                    (Err(why), Vec::new())
                }
            };
            effects.extend(crate::tui::dialog::on_result(
                app,
                dialog,
                DialogResult::Saved(answer),
            ));
            effects
        }
        AclReport::Undone {
            dialog,
            undo,
            result,
        } => {
            app.busy = app.busy.saturating_sub(1);
            let answer = match result {
                Ok(acl) => {
                    let pane = &mut app.permissions;
                    let at = pane.undo.iter().rposition(|s| s.undo == undo);
                    let saved = at.map(|i| pane.undo.remove(i));
                    let description = saved
                        .as_ref()
                        .map_or_else(String::new, |s| s.description.clone());
                    if let (Some(saved), Some(target)) = (&saved, &pane.target) {
                        if saved.path == target.path {
                            let is_dir = pane.is_dir();
                            pane.acl = AclState::Shown { acl, is_dir };
                        }
                    }
                    let text = format!("undid: {description} · the previous ACL is back");
                    app.set_status(Level::Success, text.clone());
                    Ok(text)
                }
                Err(why) => {
                    app.set_status(Level::Error, why.clone());
                    Err(why)
                }
            };
            crate::tui::dialog::on_result(app, dialog, DialogResult::Saved(answer))
        }
    }
}

/// A change was applied: the view shows the path it changed (its ACL read back; read again
/// when the view was elsewhere), and the change joins the undo list.
fn applied_ok(
    app: &mut App,
    change: &AclChange,
    applied: Applied,
) -> (Result<String, String>, Vec<Effect>) {
    let description = change.describe();
    let mut effects = Vec::new();
    let same_path = app.permissions.target.as_ref().map(|t| &t.path) == Some(&change.path);
    if app.view != View::Permissions || !same_path {
        let target = match &app.permissions.target {
            Some(target) => target.at(change.path.clone()),
            None => AclTarget {
                conn: app.current,
                path: change.path.clone(),
                configured: None,
                object: None,
                app: None,
            },
        };
        effects = open(app, target);
    } else {
        let is_dir = app.permissions.is_dir();
        app.permissions.acl = AclState::Shown {
            acl: applied.after.clone(),
            is_dir,
        };
    }
    match applied.undo {
        Some(undo) => {
            app.permissions.undo.push(SavedAcl {
                path: change.path.clone(),
                description: description.clone(),
                undo,
                before: applied.preview.before,
            });
            app.set_status(
                Level::Success,
                format!("{description} · z in the Permissions view undoes"),
            );
        }
        None => app.set_status(
            Level::Info,
            format!("nothing changed: the ACL already says this ({description})"),
        ),
    }
    (Ok(description), effects)
}
