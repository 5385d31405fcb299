//! The keys of the Permissions view and the actions that open it: moving, add, change,
//! remove, undo, re-read, back, and the grant-pool-identity wizard. Each opens a dialog or asks
//! for a job; nothing here runs a tool.

use std::path::PathBuf;

use crate::host::acl::{AclChange, AclOperation, Flavor, InheritFlag, RemoveWhich};
use crate::tui::action::Action;
use crate::tui::app::{App, Focus, Level, View};
use crate::tui::msg::Effect;

use super::{AclDialog, AclJob, AclReview, AclState, EntryForm, GrantForm, entries, open, target};

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
            return Some(crate::tui::update::show(app, to));
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

pub(super) fn refresh(app: &mut App) -> Vec<Effect> {
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
