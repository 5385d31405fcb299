//! A change to an ACL in icacls' terms — `/grant`, `/grant:r`, `/deny`, `/remove[:g|:d]`,
//! `/inheritance:e|d|r`, with or without `/T` — and its icacls argument vector and command line.

use std::path::PathBuf;

use super::ace::AceSpec;
use super::principal::Principal;
use crate::host::shell_quote::Shell;

/// Which entries of a principal `/remove` takes away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemoveWhich {
    /// `/remove`: granted and denied.
    All,
    /// `/remove:g`: granted only.
    Granted,
    /// `/remove:d`: denied only.
    Denied,
}

/// `/inheritance:e|d|r`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InheritanceMode {
    /// `e`: inherit from the parent again.
    Enable,
    /// `d`: stop inheriting, keeping copies of the inherited entries.
    Disable,
    /// `r`: stop inheriting and drop the inherited entries.
    Remove,
}

impl InheritanceMode {
    pub fn parse(text: &str) -> Option<InheritanceMode> {
        match text.to_ascii_lowercase().as_str() {
            "e" => Some(InheritanceMode::Enable),
            "d" => Some(InheritanceMode::Disable),
            "r" => Some(InheritanceMode::Remove),
            _ => None,
        }
    }

    fn letter(self) -> &'static str {
        match self {
            InheritanceMode::Enable => "e",
            InheritanceMode::Disable => "d",
            InheritanceMode::Remove => "r",
        }
    }
}

/// What to do to the ACL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AclOperation {
    /// `/grant` (added to the principal's explicit grants) or `/grant:r` (replacing them).
    Grant {
        replace: bool,
        entries: Vec<AceSpec>,
    },
    /// `/deny`.
    Deny { entries: Vec<AceSpec> },
    /// `/remove`, `/remove:g`, `/remove:d`.
    Remove {
        principals: Vec<Principal>,
        which: RemoveWhich,
    },
    /// `/inheritance:e|d|r`.
    Inheritance(InheritanceMode),
}

/// One change to the ACL of a path (and with `/T`, of everything below it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AclChange {
    pub path: PathBuf,
    pub operation: AclOperation,
    /// `/T`: the path and everything below it.
    pub recursive: bool,
}

impl AclChange {
    /// The arguments icacls takes for this change, path first: `[path, /grant, P:(OI)(CI)RX, /T]`.
    pub fn icacls_args(&self) -> Vec<String> {
        let mut args = vec![self.path.to_string_lossy().into_owned()];
        match &self.operation {
            AclOperation::Grant { replace, entries } => {
                args.push(String::from(if *replace { "/grant:r" } else { "/grant" }));
                args.extend(entries.iter().map(AceSpec::command));
            }
            AclOperation::Deny { entries } => {
                args.push(String::from("/deny"));
                args.extend(entries.iter().map(AceSpec::command));
            }
            AclOperation::Remove { principals, which } => {
                args.push(String::from(match which {
                    RemoveWhich::All => "/remove",
                    RemoveWhich::Granted => "/remove:g",
                    RemoveWhich::Denied => "/remove:d",
                }));
                args.extend(principals.iter().map(|p| p.to_string()));
            }
            AclOperation::Inheritance(mode) => {
                args.push(format!("/inheritance:{}", mode.letter()));
            }
        }
        if self.recursive {
            args.push(String::from("/T"));
        }
        args
    }

    /// `icacls 'C:\sites\shop' /grant 'IIS AppPool\Shop:(OI)(CI)RX'`, quoted for `shell`.
    pub fn icacls_command_line(&self, shell: Shell) -> String {
        shell.command_line("icacls", &self.icacls_args())
    }

    /// One line for a title or a log: `grant IIS AppPool\Shop:(OI)(CI)RX on C:\sites\shop`.
    pub fn describe(&self) -> String {
        let args = self.icacls_args();
        format!(
            "{} on {}",
            args[1..].join(" ").trim_start_matches('/'),
            self.path.display()
        )
    }

    /// The principals this change names.
    pub fn principals(&self) -> Vec<&Principal> {
        match &self.operation {
            AclOperation::Grant { entries, .. } | AclOperation::Deny { entries } => {
                entries.iter().map(|e| &e.principal).collect()
            }
            AclOperation::Remove { principals, .. } => principals.iter().collect(),
            AclOperation::Inheritance(_) => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant(path: &str, spec: &str, replace: bool, recursive: bool) -> AclChange {
        AclChange {
            path: PathBuf::from(path),
            operation: AclOperation::Grant {
                replace,
                entries: vec![AceSpec::parse(spec).expect("spec")],
            },
            recursive,
        }
    }

    #[test]
    fn argument_vectors_follow_icacls_syntax() {
        let change = grant(
            r"C:\sites\MyWebApp",
            r"IIS AppPool\DefaultAppPool:F",
            false,
            false,
        );
        assert_eq!(
            change.icacls_args(),
            [
                r"C:\sites\MyWebApp",
                "/grant",
                r"IIS AppPool\DefaultAppPool:F"
            ]
        );
        let change = grant(r"C:\s", "*S-1-5-32-545:(OI)(CI)(RX)", true, true);
        assert_eq!(
            change.icacls_args(),
            [r"C:\s", "/grant:r", "*S-1-5-32-545:(OI)(CI)RX", "/T"]
        );
        let change = AclChange {
            path: PathBuf::from(r"C:\s"),
            operation: AclOperation::Remove {
                principals: vec![Principal::parse(r"CONTOSO\alice").expect("p")],
                which: RemoveWhich::Denied,
            },
            recursive: false,
        };
        assert_eq!(
            change.icacls_args(),
            [r"C:\s", "/remove:d", r"CONTOSO\alice"]
        );
        let change = AclChange {
            path: PathBuf::from(r"C:\s"),
            operation: AclOperation::Inheritance(InheritanceMode::Remove),
            recursive: false,
        };
        assert_eq!(change.icacls_args(), [r"C:\s", "/inheritance:r"]);
    }

    #[test]
    fn command_lines_are_quoted_for_the_shell() {
        let change = grant(
            r"C:\sites\My Web App",
            r"IIS AppPool\DefaultAppPool:(OI)(CI)RX",
            false,
            false,
        );
        assert_eq!(
            change.icacls_command_line(Shell::PowerShell),
            r"icacls 'C:\sites\My Web App' /grant 'IIS AppPool\DefaultAppPool:(OI)(CI)RX'"
        );
        let change = grant("/srv/it's", "group:users:(OI)(CI)RX", false, true);
        assert_eq!(
            change.icacls_command_line(Shell::Posix),
            r"icacls '/srv/it'\''s' /grant 'group:users:(OI)(CI)RX' /T"
        );
        assert_eq!(
            change.describe(),
            "grant group:users:(OI)(CI)RX /T on /srv/it's"
        );
    }
}
