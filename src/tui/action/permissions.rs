//! The actions of permissions: opening the Permissions view and the grant-pool-identity wizard
//! from the main screen, and the keys of the view itself (add, change, remove an entry, undo,
//! re-read).

use super::{Action, ActionInfo, Layer, hinted, info, mutating};

pub(super) const PERMISSIONS: &[ActionInfo] = &[
    info(
        Layer::Global,
        Action::Permissions,
        "permissions",
        "Permissions",
        "The ACL of the selected site's, application's, virtual directory's or folder's path (:permissions PATH for any path)",
        &["p"],
    ),
    mutating(info(
        Layer::Global,
        Action::GrantPoolIdentity,
        "grant-pool-identity",
        "Grant pool identity",
        "Grant the application pool's identity access to the selected site's or application's folder (icacls /grant)",
        &["P"],
    )),
    hinted(mutating(info(
        Layer::Permissions,
        Action::Add,
        "add",
        "Add",
        "Add an entry: principal, rights, inheritance (icacls /grant or /deny)",
        &["a", "insert"],
    ))),
    hinted(mutating(info(
        Layer::Permissions,
        Action::Edit,
        "change",
        "Change",
        "Change the rights and inheritance of the selected explicit entry (icacls /grant:r)",
        &["e", "enter"],
    ))),
    hinted(mutating(info(
        Layer::Permissions,
        Action::Remove,
        "remove",
        "Remove",
        "Remove the selected explicit entry (icacls /remove:g or /remove:d)",
        &["d", "delete"],
    ))),
    hinted(mutating(info(
        Layer::Permissions,
        Action::Undo,
        "undo",
        "Undo",
        "Restore the ACL this path had before the last change made here",
        &["z"],
    ))),
    hinted(mutating(info(
        Layer::Permissions,
        Action::GrantPoolIdentity,
        "grant-pool-identity",
        "Grant pool",
        "Grant the application pool's identity access to this folder",
        &["P"],
    ))),
    hinted(info(
        Layer::Permissions,
        Action::Refresh,
        "refresh",
        "Re-read",
        "Read the ACL again",
        &["r"],
    )),
];
