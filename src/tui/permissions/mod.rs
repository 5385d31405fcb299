//! The Permissions view: the ACL of a site's, application's, virtual directory's or folder's
//! path as a table (principal, rights, what it applies to, inherited or explicit); its explicit
//! entries added, changed and removed, each through a review with the before/after ACL and the
//! icacls command; the changes made here undone (`z`); and the grant-pool-identity wizard.
//! Reading and changing ACLs runs processes, so each is a job (`job`); this module only changes
//! state and returns effects.

mod actions;
mod dialog;
mod dialog_draw;
pub mod entries;
mod entry;
mod grant;
pub mod job;
mod render;
mod report;
mod review;
mod target;

use std::path::PathBuf;

use crate::host::acl::{Acl, Undo};

use super::app::{App, Focus, Level, View};
use super::msg::Effect;

pub use actions::dispatch;
pub use report::on_report;

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
