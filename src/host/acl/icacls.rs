//! The Windows back end: `icacls.exe` run with argument vectors, its listing parsed, its errors
//! passed on verbatim with the exit code; the previous ACL saved with `/save` and put back with
//! `/restore`. The command construction is plain code over a [`Runner`], so it is tested on any
//! system with recorded outputs; only the choice of this back end is Windows-only.

use std::path::Path;

use super::backend::{AclBackend, Applied, Preview, Undo, failure_with_undo, restore, undo_file};
use super::change::AclChange;
use super::error::AclError;
use super::listing::{Acl, Listing};
use super::principal::Principal;
use super::rights::Rights;
use super::runner::{Invocation, Runner};
use super::simulate;

/// The icacls back end.
pub struct Icacls<R: Runner> {
    pub runner: R,
    /// `%SystemRoot%\System32\icacls.exe` on Windows (not looked up on PATH).
    pub program: String,
}

impl<R: Runner> Icacls<R> {
    pub fn new(runner: R, program: &str) -> Self {
        Icacls {
            runner,
            program: program.to_owned(),
        }
    }

    /// Runs icacls; its output as text. icacls writes a redirected listing in the console's
    /// code page: ASCII reads the same in all of them, other characters only where that code
    /// page is UTF-8 (65001); elsewhere they show as U+FFFD. Changes never depend on it: they
    /// pass the principal as the user wrote it.
    fn run(&self, args: Vec<String>) -> Result<String, AclError> {
        let output = self.runner.run(&Invocation::new(&self.program, args))?;
        if !output.success() {
            return Err(output.failure("icacls"));
        }
        Ok(output.stdout_text())
    }

    fn path_arg(path: &Path) -> Result<String, AclError> {
        let text = path.to_string_lossy().into_owned();
        if text.starts_with('/') {
            // icacls would take it for an option.
            return Err(AclError::Syntax(format!(
                "{text}: icacls reads a leading / as an option; write the path with backslashes"
            )));
        }
        Ok(text)
    }

    fn check(change: &AclChange) -> Result<(), AclError> {
        Self::path_arg(&change.path)?;
        let specs = match &change.operation {
            super::change::AclOperation::Grant { entries, .. }
            | super::change::AclOperation::Deny { entries } => entries.as_slice(),
            _ => &[],
        };
        for spec in specs {
            if let Rights::Posix(perms) = spec.rights {
                return Err(AclError::Syntax(format!(
                    "({perms}) is POSIX notation; icacls takes N F M RX R W D, or a list such as (RD,WD)"
                )));
            }
        }
        Ok(())
    }
}

/// The folder `/restore` is run in for a path, by Windows' rules on any system: `C:\a\b` →
/// `C:\a`, `C:\a` → `C:\`, `site` → `.`; `None` for a drive root.
fn windows_parent(path: &str) -> Option<String> {
    let trimmed = path.trim_end_matches(['\\', '/']);
    if trimmed.is_empty() || (trimmed.len() == 2 && trimmed.ends_with(':')) {
        return None;
    }
    match trimmed.rfind(['\\', '/']) {
        Some(0) => Some(String::from("\\")),
        Some(at) if trimmed[..at].ends_with(':') => Some(format!("{}\\", &trimmed[..at])),
        Some(at) => Some(trimmed[..at].to_owned()),
        None => Some(String::from(".")),
    }
}

/// `%SystemRoot%\System32\icacls.exe`, or plain `icacls.exe` when SystemRoot is not set.
pub fn system_icacls() -> String {
    match std::env::var("SystemRoot") {
        Ok(root) if !root.is_empty() => format!("{root}\\System32\\icacls.exe"),
        _ => String::from("icacls.exe"),
    }
}

impl<R: Runner> AclBackend for Icacls<R> {
    fn name(&self) -> &'static str {
        "icacls"
    }

    fn read(&self, path: &Path) -> Result<Acl, AclError> {
        let arg = Self::path_arg(path)?;
        let text = self.run(vec![arg.clone()])?;
        let listing = Listing::parse(&text, Some(&arg));
        listing
            .acls
            .into_iter()
            .next()
            .ok_or_else(|| AclError::Output {
                program: String::from("icacls"),
                reason: format!("no entries listed for {arg}: {}", text.trim()),
            })
    }

    fn preview(&self, change: &AclChange) -> Result<Preview, AclError> {
        Self::check(change)?;
        let before = self.read(&change.path)?;
        let after = simulate::expected(&before, change);
        let mut notes = vec![String::from(
            "the ACL after is what icacls is expected to do; it is read back once it has run",
        )];
        if change.recursive {
            notes.push(String::from(
                "/T: the same change is made to every file and folder below the path",
            ));
        }
        Ok(Preview {
            change: change.clone(),
            before,
            after,
            icacls_args: change.icacls_args(),
            runs: Invocation::new(&self.program, change.icacls_args()),
            files: None,
            notes,
        })
    }

    fn apply(&self, change: &AclChange, undo_dir: &Path) -> Result<Applied, AclError> {
        let path_arg = Self::path_arg(&change.path)?;
        let parent = windows_parent(&path_arg).ok_or_else(|| {
            AclError::Unsupported(format!(
                "{path_arg} has no parent folder, so its ACL could not be restored with icacls /restore"
            ))
        })?;
        let preview = self.preview(change)?;
        // Save what is there now; a failed save stops before anything changes.
        let saved = undo_file(undo_dir, ".icacls")?;
        let mut save = vec![
            path_arg.clone(),
            String::from("/save"),
            saved.display().to_string(),
        ];
        if change.recursive {
            save.push(String::from("/T"));
        }
        self.run(save)?;
        let undo = Undo {
            path: change.path.clone(),
            restore: Invocation::new(
                &self.program,
                vec![
                    parent.clone(),
                    String::from("/restore"),
                    saved.display().to_string(),
                ],
            ),
            saved,
        };
        let output = self.runner.run(&preview.runs)?;
        if !output.success() {
            return Err(failure_with_undo(&output, "icacls", &undo));
        }
        let after = self.read(&change.path)?;
        Ok(Applied {
            preview,
            after,
            undo: Some(undo),
            output: output.said(),
        })
    }

    fn undo(&self, undo: &Undo) -> Result<Acl, AclError> {
        restore(&self.runner, undo, "icacls")?;
        self.read(&undo.path)
    }

    fn can_read(&self, path: &Path, principal: &Principal) -> Result<bool, AclError> {
        Ok(super::effective::windows_can_read(
            &self.read(path)?,
            principal,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restore_runs_in_the_parent_folder_by_windows_rules() {
        for (path, parent) in [
            (r"C:\sites\shop", Some(r"C:\sites")),
            (r"C:\sites\shop\", Some(r"C:\sites")),
            (r"C:\sites", Some(r"C:\")),
            ("shop", Some(".")),
            (r"\\server\share\site", Some(r"\\server\share")),
            (r"C:\", None),
            ("C:", None),
        ] {
            assert_eq!(windows_parent(path).as_deref(), parent, "{path}");
        }
    }
}
