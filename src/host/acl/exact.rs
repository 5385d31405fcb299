//! A back end that refuses paths it cannot name exactly: icacls, getfacl and setfacl are given
//! text, and a path that is not valid Unicode would reach them as a lossy copy, which can name
//! another file (`/srv/\xff` read as `/srv/�`, a folder an attacker may have made).

use std::path::Path;

use super::{AclBackend, AclChange, AclError, Applied, Preview, Principal, Undo};
use crate::host::terminal_text::escape;

/// Wraps a back end; every path goes through [`exact`] first.
pub struct ExactPaths<B>(pub B);

/// `path` as the exact text the tools are given, or the refusal.
pub fn exact(path: &Path) -> Result<&str, AclError> {
    path.to_str().ok_or_else(|| AclError::Io {
        path: escape(&path.to_string_lossy()).into_owned(),
        reason: String::from(
            "its name is not valid Unicode, so it cannot be handed to the ACL tools exactly (a lossy copy could name another file); nothing was read or changed",
        ),
    })
}

impl<B: AclBackend> AclBackend for ExactPaths<B> {
    fn name(&self) -> &'static str {
        self.0.name()
    }

    fn read(&self, path: &Path) -> Result<super::Acl, AclError> {
        exact(path)?;
        self.0.read(path)
    }

    fn preview(&self, change: &AclChange) -> Result<Preview, AclError> {
        exact(&change.path)?;
        self.0.preview(change)
    }

    fn apply(&self, change: &AclChange, undo_dir: &Path) -> Result<Applied, AclError> {
        exact(&change.path)?;
        exact(undo_dir)?;
        self.0.apply(change, undo_dir)
    }

    fn undo(&self, undo: &Undo) -> Result<super::Acl, AclError> {
        exact(&undo.path)?;
        exact(&undo.saved)?;
        self.0.undo(undo)
    }

    fn can_read(&self, path: &Path, principal: &Principal) -> Result<bool, AclError> {
        exact(path)?;
        self.0.can_read(path, principal)
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    use super::*;

    #[test]
    fn a_path_that_is_not_unicode_is_refused_before_any_tool_runs() {
        let dir = tempfile::tempdir().expect("tempdir");
        let odd = dir.path().join(OsStr::from_bytes(b"\xff\xfe"));
        std::fs::create_dir(&odd).expect("mkdir");
        // The folder a lossy copy of the name would reach.
        std::fs::create_dir(dir.path().join("\u{fffd}\u{fffd}")).expect("mkdir decoy");
        let backend = ExactPaths(super::super::PosixAcls::new(super::super::SystemRunner));
        let err = backend.read(&odd).expect_err("refused");
        assert!(err.to_string().contains("not valid Unicode"), "{err}");
        assert!(backend.read(dir.path()).is_ok(), "a plain path is read");
    }
}
