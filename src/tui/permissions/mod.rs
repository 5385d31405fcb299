//! The Permissions view: the ACL of a site's, application's, virtual directory's or folder's
//! path as a table (principal, rights, what it applies to, inherited or explicit); its explicit
//! entries added, changed and removed, each through a review with the before/after ACL and the
//! icacls command; the changes made here undone (`z`); and the grant-pool-identity wizard.
//! Reading and changing ACLs runs processes, so each is a job (`job`); this module only changes
//! state and returns effects.

mod dialog;
pub mod entries;
mod entry;
mod grant;
pub mod job;
mod render;
mod review;
mod target;

use std::path::PathBuf;

use crate::host::acl::{Acl, AclChange, AclOperation, Flavor, InheritFlag, RemoveWhich, Undo};

use super::action::Action;
use super::app::{App, Focus, Level, View};
use super::msg::{DialogResult, Effect};

pub use dialog::{AclDialog, Front, Step};
pub use entry::EntryForm;
pub use grant::{GrantForm, LOCAL_GROUP};
pub use job::{AclJob, AclReport};
pub use render::draw;
pub use review::{AclReview, ReviewAction};
pub use target::{AclTarget, owning_app};

/// What the view knows of the path's ACL.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum AclState {
    #[default]
    Reading,
    Shown {
        acl: Acl,
        is_dir: bool,
    },
    Failed(String),
}

/// A change made from here, and how to put the ACL it replaced back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedAcl {
    /// The path as the change named it.
    pub path: PathBuf,
    pub description: String,
    pub undo: Undo,
    /// The ACL it restores.
    pub before: Acl,
}

/// The view's state: what it shows, the selection, and the session's undo list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PermissionsPane {
    pub target: Option<AclTarget>,
    pub acl: AclState,
    pub selected: usize,
    pub offset: usize,
    /// Where Esc goes.
    pub back_to: Option<View>,
    /// Changes made from the TUI this session, oldest first.
    pub undo: Vec<SavedAcl>,
    /// Where previous ACLs are saved (default: the backup folder).
    pub undo_dir: Option<PathBuf>,
    /// The back end that read the ACL (`icacls`, `POSIX ACLs (getfacl/setfacl)`).
    pub backend: Option<&'static str>,
}

impl PermissionsPane {
    pub fn undo_dir(&self) -> PathBuf {
        self.undo_dir
            .clone()
            .unwrap_or_else(crate::host::paths::backup_dir)
    }

    pub fn entries(&self) -> &[crate::host::acl::Ace] {
        match &self.acl {
            AclState::Shown { acl, .. } => &acl.entries,
            _ => &[],
        }
    }

    pub fn selected_entry(&self) -> Option<&crate::host::acl::Ace> {
        self.entries().get(self.selected)
    }

    fn is_dir(&self) -> bool {
        matches!(self.acl, AclState::Shown { is_dir: true, .. })
    }

    /// The newest change made here that can still be undone.
    fn last_saved(&self) -> Option<&SavedAcl> {
        let path = &self.target.as_ref()?.path;
        self.undo.iter().rev().find(|s| &s.path == path)
    }
}

/// Shows the Permissions view of `target` and reads its ACL.
pub fn open(app: &mut App, target: AclTarget) -> Vec<Effect> {
    let pane = &mut app.permissions;
    if app.view != View::Permissions {
        pane.back_to = Some(app.view.clone());
    }
    let path = target.path.clone();
    pane.target = Some(target);
    pane.acl = AclState::Reading;
    pane.selected = 0;
    pane.offset = 0;
    app.view = View::Permissions;
    app.focus = Focus::Main;
    app.details_open = false;
    vec![Effect::Acl(AclJob::Read { path })]
}

/// `:permissions PATH`.
pub fn open_typed(app: &mut App, text: &str) -> Vec<Effect> {
    match target::typed(app, text) {
        Ok(target) => open(app, target),
        Err(why) => {
            app.set_status(Level::Warning, format!("Permissions: {why}"));
            Vec::new()
        }
    }
}

/// The path typed after `:permissions` (or `:perm`), if the palette query is that command.
pub fn typed_path(query: &str) -> Option<&str> {
    let query = query.trim_start();
    ["permissions ", "perm "].iter().find_map(|command| {
        query
            .get(..command.len())
            .filter(|head| head.eq_ignore_ascii_case(command))
            .map(|_| query[command.len()..].trim())
            .filter(|path| !path.is_empty())
    })
}

/// The actions the view and its wizard answer; `None` leaves the action to the main screen.
pub fn dispatch(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    match action {
        Action::Permissions => return Some(open_selected(app)),
        Action::GrantPoolIdentity => return Some(grant_pool_identity(app)),
        _ => {}
    }
    if app.view != View::Permissions {
        return None;
    }
    // z means the ACL's undo wherever the focus is while the view is shown.
    if action == Action::Undo {
        return Some(undo(app));
    }
    if app.focus != Focus::Main {
        return None;
    }
    let pane = &mut app.permissions;
    let len = pane.entries().len();
    let page = (app.height as isize - 10).max(1);
    let step = |delta: isize, selected: usize| -> usize {
        (selected as isize + delta).clamp(0, len.saturating_sub(1) as isize) as usize
    };
    match action {
        Action::Up => pane.selected = step(-1, pane.selected),
        Action::Down => pane.selected = step(1, pane.selected),
        Action::PageUp => pane.selected = step(-page, pane.selected),
        Action::PageDown => pane.selected = step(page, pane.selected),
        Action::Top => pane.selected = 0,
        Action::Bottom => pane.selected = len.saturating_sub(1),
        Action::Add => add(app),
        Action::Edit | Action::Open => change(app),
        Action::Remove => return Some(remove(app)),
        Action::Refresh => return Some(refresh(app)),
        Action::Back => {
            let to = app.permissions.back_to.take().unwrap_or(View::Sites);
            return Some(super::update::show(app, to));
        }
        _ => return None,
    }
    Some(Vec::new())
}

/// `p`: the view of the selection's path.
fn open_selected(app: &mut App) -> Vec<Effect> {
    match target::selected(app) {
        Ok(target) => open(app, target),
        Err(why) => {
            app.set_status(Level::Info, format!("Permissions: {why}"));
            Vec::new()
        }
    }
}

fn refresh(app: &mut App) -> Vec<Effect> {
    let Some(target) = &app.permissions.target else {
        return Vec::new();
    };
    let path = target.path.clone();
    app.permissions.acl = AclState::Reading;
    vec![Effect::Acl(AclJob::Read { path })]
}

/// Whether the ACL is on screen (changes start from it); says why not.
fn shown(app: &mut App) -> Option<(PathBuf, bool)> {
    let pane = &app.permissions;
    match (&pane.acl, &pane.target) {
        (AclState::Shown { is_dir, .. }, Some(target)) => Some((target.path.clone(), *is_dir)),
        (AclState::Failed(_), _) => {
            app.set_status(Level::Info, "the ACL could not be read: r reads it again");
            None
        }
        _ => {
            app.set_status(Level::Info, "the ACL is still being read");
            None
        }
    }
}

/// `a`: a new entry.
fn add(app: &mut App) {
    let Some((path, is_dir)) = shown(app) else {
        return;
    };
    let entry = EntryForm::add(path, is_dir, Flavor::native());
    app.dialogs
        .push(Box::new(AclDialog::entry("Add permission entry", entry)));
}

/// `e` / Enter: the selected entry's rights and inheritance.
fn change(app: &mut App) {
    let Some((path, is_dir)) = shown(app) else {
        return;
    };
    let Some(ace) = app.permissions.selected_entry().cloned() else {
        app.set_status(Level::Info, "no entry selected: a adds one");
        return;
    };
    match EntryForm::change(path, &ace, is_dir, Flavor::native()) {
        Ok(entry) => {
            app.dialogs
                .push(Box::new(AclDialog::entry("Change permission entry", entry)));
        }
        Err(why) => app.set_status(Level::Info, format!("{}: {why}", ace.principal)),
    }
}

/// `d`: removes the selected entry's principal (its grants, or its denials). On POSIX an
/// inheritable entry was copied to everything below when it was granted, so it is removed
/// from there too.
fn remove(app: &mut App) -> Vec<Effect> {
    let Some((path, is_dir)) = shown(app) else {
        return Vec::new();
    };
    let Some(ace) = app.permissions.selected_entry().cloned() else {
        app.set_status(Level::Info, "no entry selected");
        return Vec::new();
    };
    if let Some(why) = entries::not_editable(&ace) {
        app.set_status(Level::Info, format!("{}: {why}", ace.principal));
        return Vec::new();
    }
    let inheritable = ace.has(InheritFlag::ObjectInherit) || ace.has(InheritFlag::ContainerInherit);
    let change = AclChange {
        path,
        operation: AclOperation::Remove {
            principals: vec![ace.principal.clone()],
            which: if ace.deny {
                RemoveWhich::Denied
            } else {
                RemoveWhich::Granted
            },
        },
        recursive: Flavor::native() == Flavor::Posix && is_dir && inheritable,
    };
    let dialog = AclDialog::direct("Remove permission entry", change);
    let id = app.dialogs.push(Box::new(dialog.clone()));
    dialog.check(id)
}

/// `z`: a review that puts back the ACL saved before the last change made to this path.
fn undo(app: &mut App) -> Vec<Effect> {
    let Some(saved) = app.permissions.last_saved().cloned() else {
        app.set_status(
            Level::Info,
            "nothing to undo here: no permission of this path was changed in this session",
        );
        return Vec::new();
    };
    let AclState::Shown { acl, .. } = &app.permissions.acl else {
        app.set_status(Level::Info, "the ACL is still being read");
        return Vec::new();
    };
    let review = AclReview::of_undo(saved.undo, &saved.description, acl.clone(), saved.before);
    app.dialogs.push(Box::new(AclDialog::review(review)));
    Vec::new()
}

/// `P` / `:grant`: the grant-pool-identity wizard for the selection's application, over the
/// Permissions view of its folder (which then shows the result).
fn grant_pool_identity(app: &mut App) -> Vec<Effect> {
    let target = match target::selected(app) {
        Ok(target) => target,
        Err(_) => {
            app.set_status(
                Level::Info,
                "Grant pool identity: select a site or application (or open the Permissions view of its folder)",
            );
            return Vec::new();
        }
    };
    match GrantForm::new(app, &target, Flavor::native()) {
        Ok(wizard) => {
            let same = app.view == View::Permissions
                && app.permissions.target.as_ref().map(|t| &t.path) == Some(&target.path);
            let effects = if same { Vec::new() } else { open(app, target) };
            app.dialogs.push(Box::new(AclDialog::grant(wizard)));
            effects
        }
        Err(why) => {
            app.set_status(Level::Info, format!("Grant pool identity: {why}"));
            Vec::new()
        }
    }
}

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
            effects.extend(super::dialog::on_result(
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
            super::dialog::on_result(app, dialog, DialogResult::Saved(answer))
        }
    }
}

/// A change was applied: the view shows the path it changed (its ACL read back; read again
/// when the view was elsewhere), and the change joins the undo list.
fn applied_ok(
    app: &mut App,
    change: &AclChange,
    applied: crate::host::acl::Applied,
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
