//! POSIX ACLs on the real file system through `getfacl`/`setfacl` argument vectors: icacls
//! changes mapped to named user and group entries (and the default ACL for `(OI)(CI)`), written
//! in one `setfacl --restore=-` run, the previous ACLs saved for undo.
//!
//! Why the tools and not a crate such as `exacl`: `exacl` links libacl, whose development files
//! are not on this machine nor installed by `.ci/run` (which installs the `acl` tools), and the
//! tools give exactly the text format undo needs (`setfacl --restore`).

mod access;
pub mod accounts;
pub mod facl;
pub mod plan;

use std::path::{Path, PathBuf};

use super::backend::{AclBackend, Applied, Preview, Undo, failure_with_undo, restore, undo_file};
use super::change::AclChange;
use super::error::AclError;
use super::listing::Acl;
use super::principal::Principal;
use super::runner::{Invocation, Runner};

use accounts::Accounts;
use facl::FileAcl;

pub use access::{Who, allows};

/// The POSIX back end.
pub struct PosixAcls<R: Runner> {
    pub runner: R,
}

impl<R: Runner> PosixAcls<R> {
    pub fn new(runner: R) -> Self {
        PosixAcls { runner }
    }

    fn accounts(&self) -> Accounts<'_> {
        Accounts {
            runner: &self.runner,
        }
    }

    /// getfacl's view of paths (`recursive`: each path and everything below it, symbolic links
    /// not followed).
    pub(crate) fn get(&self, paths: &[PathBuf], recursive: bool) -> Result<Vec<FileAcl>, AclError> {
        let mut args = vec![String::from("-p"), String::from("-E")];
        if recursive {
            args.extend([String::from("-R"), String::from("-P")]);
        }
        args.push(String::from("--"));
        args.extend(paths.iter().map(|p| p.to_string_lossy().into_owned()));
        let output = self.runner.run(&Invocation::new("getfacl", args))?;
        if !output.success() {
            return Err(output.failure("getfacl"));
        }
        FileAcl::parse_all(&output.stdout_text())
    }

    fn get_one(&self, path: &Path) -> Result<FileAcl, AclError> {
        self.get(&[path.to_path_buf()], false)?
            .into_iter()
            .next()
            .ok_or_else(|| AclError::Output {
                program: String::from("getfacl"),
                reason: format!("no ACL printed for {}", path.display()),
            })
    }

    /// The change's plan: every file's ACL before and after, only those that change.
    fn plan(&self, change: &AclChange) -> Result<Plan, AclError> {
        let path = absolute(&change.path)?;
        let top_is_dir = std::fs::metadata(&path)
            .map_err(|e| io_error(&path, e))?
            .is_dir();
        let op = plan::translate(change, |p| self.accounts().resolve(p))?;
        let mut notes = Vec::new();
        if let plan::PosixOp::Grant { grants, .. } = &op {
            if !top_is_dir && !change.recursive && grants.iter().any(|g| !g.here) {
                return Err(AclError::Unsupported(format!(
                    "an inherit-only (IO) entry applies to what a folder holds, and {} is a file",
                    path.display()
                )));
            }
            if !top_is_dir && grants.iter().any(|g| g.inherit) {
                notes.push(String::from(
                    "a file has no default ACL: (OI)(CI) only matters on folders",
                ));
            }
        }
        let files = self.get(std::slice::from_ref(&path), change.recursive)?;
        let top = files.first().cloned().ok_or_else(|| AclError::Output {
            program: String::from("getfacl"),
            reason: format!("no ACL printed for {}", path.display()),
        })?;
        let mut changed = Vec::new();
        for file in files {
            let is_dir = std::fs::symlink_metadata(&file.path)
                .map(|m| m.is_dir())
                .map_err(|e| io_error(Path::new(&file.path), e))?;
            let new = plan::apply(&op, &file, is_dir);
            if new != file {
                changed.push((file, new));
            }
        }
        Ok(Plan {
            top,
            changed,
            notes,
        })
    }
}

fn io_error(path: &Path, e: std::io::Error) -> AclError {
    AclError::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    }
}

/// The path as the file system resolves it (absolute, symbolic links followed), so getfacl
/// prints it whole and a linked site folder is changed where it really is.
fn absolute(path: &Path) -> Result<PathBuf, AclError> {
    std::fs::canonicalize(path).map_err(|e| io_error(path, e))
}

/// A change worked out file by file.
struct Plan {
    /// The path's ACL now.
    top: FileAcl,
    /// Every file whose ACL changes: before and after.
    changed: Vec<(FileAcl, FileAcl)>,
    notes: Vec<String>,
}

/// The review of a planned change: the top path before and after, the restore run.
fn preview_of(change: &AclChange, plan: &Plan) -> Preview {
    let after = plan
        .changed
        .iter()
        .find(|(old, _)| old.path == plan.top.path)
        .map(|(_, new)| new.to_acl())
        .unwrap_or_else(|| plan.top.to_acl());
    let text: String = plan
        .changed
        .iter()
        .map(|(_, new)| new.restore_text())
        .collect();
    Preview {
        change: change.clone(),
        before: plan.top.to_acl(),
        after: Some(after),
        icacls_args: change.icacls_args(),
        runs: restore_invocation(text),
        files: Some(plan.changed.len()),
        notes: plan.notes.clone(),
    }
}

fn restore_invocation(text: String) -> Invocation {
    Invocation {
        program: String::from("setfacl"),
        args: vec![String::from("--restore=-")],
        stdin: Some(text),
    }
}

impl<R: Runner> AclBackend for PosixAcls<R> {
    fn name(&self) -> &'static str {
        "POSIX ACLs (getfacl/setfacl)"
    }

    fn read(&self, path: &Path) -> Result<Acl, AclError> {
        Ok(self.get_one(&absolute(path)?)?.to_acl())
    }

    fn preview(&self, change: &AclChange) -> Result<Preview, AclError> {
        let plan = self.plan(change)?;
        Ok(preview_of(change, &plan))
    }

    fn apply(&self, change: &AclChange, undo_dir: &Path) -> Result<Applied, AclError> {
        let plan = self.plan(change)?;
        let preview = preview_of(change, &plan);
        let Plan { top, changed, .. } = plan;
        if changed.is_empty() {
            return Ok(Applied {
                after: top.to_acl(),
                preview,
                undo: None,
                output: String::new(),
            });
        }
        // Save what is there now; a failed save stops before anything changes.
        let saved = undo_file(undo_dir, ".facl")?;
        let old: String = changed.iter().map(|(old, _)| old.restore_text()).collect();
        std::fs::write(&saved, old).map_err(|e| io_error(&saved, e))?;
        // A file swapped for a symbolic link since it was read is not written through.
        for (old, _) in &changed {
            let meta = std::fs::symlink_metadata(&old.path)
                .map_err(|e| io_error(Path::new(&old.path), e))?;
            if meta.file_type().is_symlink() {
                return Err(AclError::Unsupported(format!(
                    "{} became a symbolic link while its ACL was being changed",
                    old.path
                )));
            }
        }
        let output = self.runner.run(&preview.runs)?;
        let undo = Undo {
            path: PathBuf::from(&top.path),
            restore: Invocation::new("setfacl", vec![format!("--restore={}", saved.display())]),
            saved,
        };
        if !output.success() {
            return Err(failure_with_undo(&output, "setfacl", &undo));
        }
        Ok(Applied {
            after: self.read(&undo.path)?,
            preview,
            undo: Some(undo),
            output: output.said(),
        })
    }

    fn undo(&self, undo: &Undo) -> Result<Acl, AclError> {
        restore(&self.runner, undo, "setfacl")?;
        self.read(&undo.path)
    }

    fn can_read(&self, path: &Path, principal: &Principal) -> Result<bool, AclError> {
        access::can_read(self, &absolute(path)?, principal)
    }
}
