//! What Basic Settings saves: the fields that changed, as `set` arguments per target (the
//! root application's pool, its root virtual directory's path, a virtual directory's user, a
//! pool's runtime settings), in the order they are applied, a rename last so the other
//! targets still find the object by its old name.

use crate::model::apphost::{Setting, Target};
use crate::tui::form::Form;

use super::basic_form::{BasicKind, Subject, specific_user};

fn set(key: &str, value: String) -> Setting {
    Setting::Set {
        key: key.to_owned(),
        value,
    }
}

fn reset(key: &str) -> Setting {
    Setting::Reset {
        key: key.to_owned(),
    }
}

/// What changed, as `set` arguments per target, in the order they are applied (a rename last,
/// so the other targets still find the object by its old name).
pub fn settings(subject: &Subject, form: &Form) -> Vec<(Target, Vec<Setting>)> {
    let changed = |key: &str| form.field(key).is_some_and(|f| f.changed());
    let mut edits: Vec<(Target, Vec<Setting>)> = Vec::new();
    let mut push =
        |target: Target, setting: Setting| match edits.iter_mut().find(|(t, _)| *t == target) {
            Some((_, list)) => list.push(setting),
            None => edits.push((target, vec![setting])),
        };
    if let (Some(app), true) = (&subject.app, changed("pool")) {
        push(
            Target::Application(app.clone()),
            set("applicationPool", form.text("pool")),
        );
    }
    if let (Some(vdir), true) = (&subject.vdir, changed("path")) {
        push(
            Target::VirtualDirectory(vdir.clone()),
            set("physicalPath", form.text("path")),
        );
    }
    if subject.kind == BasicKind::VirtualDirectory {
        let vdir = Target::VirtualDirectory(subject.object.clone());
        if specific_user(form) {
            if changed("user") || changed("connect") {
                push(vdir.clone(), set("userName", form.text("user")));
            }
            // An untouched password field keeps the one in the file (encrypted or not).
            let typed = form.field("password").map(|f| f.text()).unwrap_or_default();
            if !typed.is_empty() {
                push(vdir, set("password", typed.to_owned()));
            }
        } else if changed("connect") {
            if subject.own_user {
                push(vdir.clone(), reset("userName"));
            }
            if subject.own_password {
                push(vdir.clone(), reset("password"));
            }
            if subject.inherited_user {
                // A user from virtualDirectoryDefaults would still apply: override it.
                push(vdir, set("userName", String::new()));
            }
        }
    }
    if subject.kind == BasicKind::AppPool {
        let pool = Target::AppPool(subject.object.clone());
        for (field, key) in [
            ("runtime", "managedRuntimeVersion"),
            ("pipeline", "managedPipelineMode"),
            ("start", "startMode"),
        ] {
            if changed(field) {
                let value = form
                    .field(field)
                    .map(|f| f.text().to_owned())
                    .unwrap_or_default();
                push(pool.clone(), set(key, value));
            }
        }
    }
    if changed("name") {
        let target = match subject.kind {
            BasicKind::AppPool => Target::AppPool(subject.object.clone()),
            _ => Target::Site(subject.object.clone()),
        };
        push(target, set("name", form.text("name")));
    }
    edits
}
