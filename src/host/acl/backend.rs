//! The back-end trait every ACL store implements (icacls on Windows, POSIX ACLs elsewhere), and
//! what a change goes through: a preview (before, expected after, the icacls command, what will
//! run), the applied result (re-read after), and the undo that restores the saved ACL.

use std::path::{Path, PathBuf};

use super::change::AclChange;
use super::error::AclError;
use super::listing::Acl;
use super::principal::Principal;
use super::runner::{Invocation, Runner, ToolOutput};
use crate::host::shell_quote::Shell;

/// A change before it is applied: shown in a review step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub change: AclChange,
    /// The ACL of the path now.
    pub before: Acl,
    /// The ACL of the path expected afterwards; `None` when it cannot be known beforehand
    /// (`/inheritance:e` depends on the parent).
    pub after: Option<Acl>,
    /// The icacls arguments (path first) for this change.
    pub icacls_args: Vec<String>,
    /// What will actually run (icacls itself, or setfacl).
    pub runs: Invocation,
    /// How many files' ACLs change, when known beforehand.
    pub files: Option<usize>,
    /// Things to tell the user (a file gets no default ACL, …).
    pub notes: Vec<String>,
}

impl Preview {
    /// Nothing would change (POSIX knows this exactly).
    pub fn is_empty(&self) -> bool {
        self.files == Some(0)
    }
}

/// A change that was applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub preview: Preview,
    /// The ACL read back after the change.
    pub after: Acl,
    /// How to put the previous ACL back; `None` when nothing changed.
    pub undo: Option<Undo>,
    /// What the tool printed.
    pub output: String,
}

/// The saved previous ACL of a path (and everything below it for `/T`), and how to restore it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undo {
    /// The path whose ACL was changed.
    pub path: PathBuf,
    /// The file the previous ACL is saved in (kept, so the CLI can print the restore command).
    pub saved: PathBuf,
    /// The tool run that restores it.
    pub restore: Invocation,
}

/// A store of ACLs: read, preview, apply, undo, and the question diagnostics ask.
pub trait AclBackend {
    /// `icacls` or `POSIX ACLs (getfacl/setfacl)`.
    fn name(&self) -> &'static str;
    /// The ACL of one path.
    fn read(&self, path: &Path) -> Result<Acl, AclError>;
    /// Checks a change and shows what it would do; changes nothing. What the back end cannot
    /// express is refused here.
    fn preview(&self, change: &AclChange) -> Result<Preview, AclError>;
    /// Saves the current ACL into `undo_dir`, applies the change, and reads the ACL back.
    fn apply(&self, change: &AclChange, undo_dir: &Path) -> Result<Applied, AclError>;
    /// Restores the ACL an [`Undo`] saved, and reads it back.
    fn undo(&self, undo: &Undo) -> Result<Acl, AclError>;
    /// Whether `principal` can read `path` (list it, for a folder).
    fn can_read(&self, path: &Path, principal: &Principal) -> Result<bool, AclError>;
}

/// A fresh, kept file in `dir` for a saved ACL.
pub(crate) fn undo_file(dir: &Path, suffix: &str) -> Result<PathBuf, AclError> {
    let io = |e: std::io::Error| AclError::Io {
        path: dir.display().to_string(),
        reason: format!("cannot save the current ACL for undo: {e}"),
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let file = tempfile::Builder::new()
        .prefix("acl-undo-")
        .suffix(suffix)
        .tempfile_in(dir)
        .map_err(io)?;
    let (_, path) = file.keep().map_err(|e| io(e.error))?;
    Ok(path)
}

/// A tool's failure after the previous ACL was saved: its words verbatim, and how to restore.
pub(crate) fn failure_with_undo(output: &ToolOutput, program: &str, undo: &Undo) -> AclError {
    let mut err = output.failure(program);
    if let AclError::Tool { output, .. } = &mut err {
        output.push_str(&format!(
            "\n(the previous ACL is saved in {}; restore it with: {})",
            undo.saved.display(),
            Shell::native().command_line(&undo.restore.program, &undo.restore.args)
        ));
    }
    err
}

/// Runs an undo's restore; `program` names the tool in an error.
pub(crate) fn restore(runner: &dyn Runner, undo: &Undo, program: &str) -> Result<(), AclError> {
    let output = runner.run(&undo.restore)?;
    if output.success() {
        Ok(())
    } else {
        Err(output.failure(program))
    }
}
