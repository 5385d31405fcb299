//! ACL work the Permissions view asks for, done off the event loop (the back ends run getfacl,
//! setfacl, getent or icacls): read a path's ACL, check a change, apply it, undo it. A job owns
//! its inputs and reports back as a message; a preview answers the dialog that asked.

use std::path::PathBuf;

use tokio::sync::mpsc::UnboundedSender;

use crate::host::acl::{self, Acl, AclBackend, AclChange, Applied, Undo};
use crate::tui::dialog::DialogId;
use crate::tui::msg::{DialogResult, Msg};

/// Work on this machine's ACLs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AclJob {
    /// The ACL of a path, and whether it is a folder.
    Read { path: PathBuf },
    /// What a change would do (nothing is changed), for dialog `dialog`.
    Preview { change: AclChange, dialog: DialogId },
    /// Apply a change, saving the previous ACL into `undo_dir`.
    Apply {
        change: AclChange,
        undo_dir: PathBuf,
        dialog: DialogId,
    },
    /// Put a saved ACL back.
    Undo { undo: Undo, dialog: DialogId },
}

/// What an ACL job found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AclReport {
    /// The ACL and whether the path is a folder, and which back end read it.
    Read {
        path: PathBuf,
        backend: &'static str,
        result: Result<(Acl, bool), String>,
    },
    Applied {
        dialog: DialogId,
        change: AclChange,
        result: Result<Box<Applied>, String>,
    },
    Undone {
        dialog: DialogId,
        undo: Undo,
        result: Result<Acl, String>,
    },
}

/// Runs a job with `backend`; the message to post.
pub fn run(job: AclJob, backend: &dyn AclBackend) -> Msg {
    let text = |e: acl::AclError| e.to_string();
    match job {
        AclJob::Read { path } => {
            let result = backend.read(&path).map_err(text).map(|acl| {
                let is_dir = std::fs::metadata(&path).is_ok_and(|m| m.is_dir());
                (acl, is_dir)
            });
            Msg::Acl(AclReport::Read {
                path,
                backend: backend.name(),
                result,
            })
        }
        AclJob::Preview { change, dialog } => Msg::ToDialog {
            dialog,
            result: DialogResult::AclPreview(backend.preview(&change).map(Box::new).map_err(text)),
        },
        AclJob::Apply {
            change,
            undo_dir,
            dialog,
        } => {
            let result = backend
                .apply(&change, &undo_dir)
                .map(Box::new)
                .map_err(text);
            Msg::Acl(AclReport::Applied {
                dialog,
                change,
                result,
            })
        }
        AclJob::Undo { undo, dialog } => {
            let result = backend.undo(&undo).map_err(text);
            Msg::Acl(AclReport::Undone {
                dialog,
                undo,
                result,
            })
        }
    }
}

/// Runs a job on tokio's blocking pool with this machine's back end (on this thread when
/// there is no runtime, as in tests) and posts its report.
pub fn spawn(job: AclJob, tx: UnboundedSender<Msg>) {
    let work = move || {
        let backend = acl::for_this_machine();
        let _ = tx.send(run(job, backend.as_ref()));
    };
    match tokio::runtime::Handle::try_current() {
        Ok(handle) => {
            handle.spawn_blocking(work);
        }
        Err(_) => work(),
    }
}
