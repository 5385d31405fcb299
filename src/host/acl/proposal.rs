//! The grant-pool-identity wizard's logic, pure: given a pool's identity and a physical path,
//! the principal, rights (`RX`; `M` for a folder the application writes such as `App_Data` or
//! `logs`; `F` only when asked, with a warning), inheritance `(OI)(CI)`, and the icacls command.

use std::path::{Path, PathBuf};

use super::ace::{AceSpec, InheritFlag};
use super::change::{AclChange, AclOperation};
use super::error::AclError;
use super::identity::{IdentityType, PoolIdentity};
use super::rights::{Right, Rights};
use crate::host::shell_quote::Shell;

/// Folders an application writes to, which get `M` by default.
pub const WRITABLE_FOLDERS: &[&str] = &["App_Data", "logs"];

/// Which ACLs the grant is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// NTFS through icacls: `(OI)(CI)` reaches existing files by inheritance.
    Windows,
    /// POSIX ACLs: existing files get the entry only through `/T`.
    Posix,
}

impl Flavor {
    pub fn native() -> Flavor {
        if cfg!(windows) {
            Flavor::Windows
        } else {
            Flavor::Posix
        }
    }

    /// The shell a command is shown for.
    pub fn shell(self) -> Shell {
        match self {
            Flavor::Windows => Shell::PowerShell,
            Flavor::Posix => Shell::Posix,
        }
    }
}

/// What the wizard proposes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantProposal {
    pub identity: PoolIdentity,
    pub path: PathBuf,
    /// `IIS AppPool\Shop:(OI)(CI)RX`
    pub spec: AceSpec,
    /// The change to preview and apply.
    pub change: AclChange,
    /// Why these rights.
    pub reason: String,
    /// Said before applying (Full control).
    pub warning: Option<String>,
    /// The icacls command line, quoted for the flavor's shell.
    pub command_line: String,
}

/// Proposes granting `identity` access to `path`. `rights` overrides the default (`R`, `RX`,
/// `W`, `M` or `F`).
pub fn propose_pool_grant(
    identity: &PoolIdentity,
    path: &Path,
    rights: Option<Right>,
    flavor: Flavor,
) -> Result<GrantProposal, AclError> {
    if flavor == Flavor::Posix && identity.principal.is_windows_account() {
        let what = match identity.identity_type {
            IdentityType::ApplicationPoolIdentity => format!(
                "application pool \"{}\" runs as ApplicationPoolIdentity, the Windows virtual account \"{}\"",
                identity.pool, identity.principal
            ),
            other => format!(
                "application pool \"{}\" runs as {} (\"{}\"), a Windows account",
                identity.pool,
                other.name(),
                identity.principal
            ),
        };
        return Err(AclError::Principal(format!(
            "{what}, which does not exist on this system. Grant the local user or group that serves the site instead: iistui acl grant {} 'group:www-data:(OI)(CI)RX' --recursive (or set the pool's identity to SpecificUser with a local user name)",
            Shell::Posix.quote(&path.to_string_lossy())
        )));
    }
    // The last name by either separator: a Windows path is read the same on any system.
    let text = path.to_string_lossy();
    let folder = text
        .trim_end_matches(['\\', '/'])
        .rsplit(['\\', '/'])
        .next()
        .unwrap_or_default()
        .to_owned();
    let writable = WRITABLE_FOLDERS
        .iter()
        .any(|w| w.eq_ignore_ascii_case(&folder));
    let (right, reason) = match rights {
        Some(right) => (right, String::from("as asked")),
        None if writable => (
            Right::Modify,
            format!(
                "{folder} is written by the application: modify (M) lets it create, change and delete files there"
            ),
        ),
        None => (
            Right::ReadExecute,
            String::from("a site only needs to read its files: read and execute (RX)"),
        ),
    };
    if !matches!(
        right,
        Right::Read | Right::ReadExecute | Right::Write | Right::Modify | Right::Full
    ) {
        return Err(AclError::Syntax(format!(
            "the pool identity is granted R, RX, W, M or F, not {}",
            right.command_name()
        )));
    }
    let warning = (right == Right::Full).then(|| {
        String::from(
            "Full control (F) also lets the application change the folder's permissions and take ownership; modify (M) is enough for a folder it writes to",
        )
    });
    let spec = AceSpec::new(
        identity.principal.clone(),
        vec![InheritFlag::ObjectInherit, InheritFlag::ContainerInherit],
        Rights::simple(right),
    );
    let change = AclChange {
        path: path.to_path_buf(),
        operation: AclOperation::Grant {
            replace: false,
            entries: vec![spec.clone()],
        },
        recursive: flavor == Flavor::Posix,
    };
    Ok(GrantProposal {
        identity: identity.clone(),
        path: path.to_path_buf(),
        command_line: change.icacls_command_line(flavor.shell()),
        spec,
        change,
        reason,
        warning,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool(kind: &str, user: &str) -> PoolIdentity {
        PoolIdentity::new("DefaultAppPool", kind, user).expect("identity")
    }

    #[test]
    fn the_site_folder_gets_read_and_execute_for_the_pool_account() {
        let proposal = propose_pool_grant(
            &pool("ApplicationPoolIdentity", ""),
            Path::new(r"C:\sites\MyWebApp"),
            None,
            Flavor::Windows,
        )
        .expect("proposal");
        assert_eq!(
            proposal.spec.command(),
            r"IIS AppPool\DefaultAppPool:(OI)(CI)RX"
        );
        assert_eq!(
            proposal.command_line,
            r"icacls C:\sites\MyWebApp /grant 'IIS AppPool\DefaultAppPool:(OI)(CI)RX'"
        );
        assert!(!proposal.change.recursive);
        assert_eq!(proposal.warning, None);
    }

    #[test]
    fn writable_folders_get_modify_and_full_control_a_warning() {
        let identity = pool("NetworkService", "");
        let proposal = propose_pool_grant(
            &identity,
            Path::new(r"C:\sites\shop\App_Data"),
            None,
            Flavor::Windows,
        )
        .expect("proposal");
        assert_eq!(
            proposal.spec.command(),
            r"NT AUTHORITY\NETWORK SERVICE:(OI)(CI)M"
        );
        let proposal = propose_pool_grant(
            &identity,
            Path::new(r"C:\sites\shop"),
            Some(Right::Full),
            Flavor::Windows,
        )
        .expect("proposal");
        assert!(proposal.warning.is_some_and(|w| w.contains("Full control")));
        assert!(
            propose_pool_grant(
                &identity,
                Path::new("C:\\s"),
                Some(Right::Delete),
                Flavor::Windows
            )
            .is_err()
        );
    }

    #[test]
    fn on_posix_a_windows_identity_is_refused_and_a_local_user_recursed() {
        let err = propose_pool_grant(
            &pool("ApplicationPoolIdentity", ""),
            Path::new("/srv/shop"),
            None,
            Flavor::Posix,
        )
        .expect_err("refused");
        let text = err.to_string();
        assert!(text.contains("ApplicationPoolIdentity"), "{text}");
        assert!(text.contains("group:www-data"), "{text}");
        assert!(text.contains("nothing was changed"), "{text}");
        let proposal = propose_pool_grant(
            &pool("SpecificUser", "www-data"),
            Path::new("/srv/shop"),
            None,
            Flavor::Posix,
        )
        .expect("proposal");
        assert!(proposal.change.recursive);
        assert_eq!(
            proposal.command_line,
            "icacls /srv/shop /grant 'www-data:(OI)(CI)RX' /T"
        );
    }
}
