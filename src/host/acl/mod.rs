//! File and folder permissions in icacls' vocabulary: the grammar (principals, rights,
//! inheritance flags, grant/deny/remove, `/T`, `/inheritance`), icacls' listing parsed and
//! printed back, a pool's identity, the grant-pool-identity proposal, and two back ends behind
//! [`AclBackend`]: icacls on Windows, POSIX ACLs (getfacl/setfacl) elsewhere. Tools run as
//! argument vectors through a [`Runner`]; nothing here renders.

mod ace;
mod backend;
mod change;
mod effective;
mod error;
mod exact;
mod icacls;
mod identity;
mod listing;
mod perms;
pub mod posix;
mod principal;
mod proposal;
mod rights;
mod runner;
mod simulate;

#[cfg(test)]
mod tests;

use std::path::Path;

pub use ace::{Ace, AceSpec, InheritFlag, flags_text};
pub use backend::{AclBackend, Applied, Preview, Undo};
pub use change::{AclChange, AclOperation, InheritanceMode, RemoveWhich};
pub use effective::windows_can_read;
pub use error::AclError;
pub use exact::ExactPaths;
pub use icacls::{Icacls, system_icacls};
pub use identity::{IdentityType, PoolIdentity};
pub use listing::{Acl, Listing, Summary};
pub use perms::Perms;
pub use posix::PosixAcls;
pub use principal::Principal;
pub use proposal::{Flavor, GrantProposal, WRITABLE_FOLDERS, propose_pool_grant};
pub use rights::{Right, RightKind, RightToken, Rights};
pub use runner::{Invocation, Runner, SystemRunner, ToolOutput};

/// The back end for this machine: icacls on Windows, POSIX ACLs elsewhere.
pub fn for_this_machine() -> Box<dyn AclBackend + Send + Sync> {
    if cfg!(windows) {
        Box::new(ExactPaths(Icacls::new(SystemRunner, &system_icacls())))
    } else {
        Box::new(ExactPaths(PosixAcls::new(SystemRunner)))
    }
}

/// Whether `principal` (a pool's identity) can read `path` on this machine: for diagnostics
/// ("the pool identity has no read access to the site folder").
pub fn pool_identity_can_read(path: &Path, principal: &Principal) -> Result<bool, AclError> {
    for_this_machine().can_read(path, principal)
}
