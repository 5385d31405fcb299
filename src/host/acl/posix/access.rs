//! Whether a local user or group can read a path under POSIX ACLs: the access check of acl(5)
//! (owner, named user, groups, other; the mask limiting the group class) on the path, and search
//! (`x`) on every folder above it.

use std::path::{Path, PathBuf};

use crate::host::acl::error::AclError;
use crate::host::acl::perms::Perms;
use crate::host::acl::principal::Principal;
use crate::host::acl::runner::Runner;

use super::PosixAcls;
use super::facl::{FileAcl, Tag};

/// Who asks for access.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// A user and the groups they are in.
    User { name: String, groups: Vec<String> },
    /// Any member of a group (who is neither the owner nor a named user).
    Group(String),
}

/// acl(5)'s access check: does `who` get all of `need` on this file?
pub fn allows(acl: &FileAcl, who: &Who, need: Perms) -> bool {
    let entry = |tag: &Tag| acl.access.iter().find(|e| &e.tag == tag).map(|e| e.perms);
    let mask = entry(&Tag::Mask).unwrap_or(Perms(7));
    let (user, groups): (Option<&str>, Vec<&str>) = match who {
        Who::User { name, groups } => (Some(name), groups.iter().map(String::as_str).collect()),
        Who::Group(group) => (None, vec![group.as_str()]),
    };
    if let Some(user) = user {
        if acl.owner.as_deref() == Some(user) {
            return entry(&Tag::Owner).is_some_and(|p| p.has(need.0));
        }
        if let Some(perms) = entry(&Tag::User(user.to_owned())) {
            return perms.intersect(mask).has(need.0);
        }
    }
    let mut group_perms = Vec::new();
    if acl.group.as_deref().is_some_and(|g| groups.contains(&g)) {
        group_perms.extend(entry(&Tag::OwningGroup));
    }
    for group in &groups {
        group_perms.extend(entry(&Tag::Group((*group).to_owned())));
    }
    if !group_perms.is_empty() {
        return group_perms.iter().any(|p| p.intersect(mask).has(need.0));
    }
    entry(&Tag::Other).is_some_and(|p| p.has(need.0))
}

/// Whether `principal` can read `path` (`r-x` on a folder, `r` on a file, `x` on every folder
/// above it). `root` always can.
pub(super) fn can_read<R: Runner>(
    backend: &PosixAcls<R>,
    path: &Path,
    principal: &Principal,
) -> Result<bool, AclError> {
    let accounts = backend.accounts();
    let who = match accounts.resolve(principal)? {
        Tag::User(name) if name == "root" => return Ok(true),
        Tag::User(name) => Who::User {
            groups: accounts.groups_of(&name)?,
            name,
        },
        Tag::Group(name) => Who::Group(name),
        _ => return Ok(false),
    };
    let is_dir = std::fs::metadata(path)
        .map_err(|e| AclError::Io {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?
        .is_dir();
    let mut paths: Vec<PathBuf> = path.ancestors().skip(1).map(Path::to_path_buf).collect();
    paths.reverse();
    paths.push(path.to_path_buf());
    let acls = backend.get(&paths, false)?;
    let (target, folders) = acls.split_last().ok_or_else(|| AclError::Output {
        program: String::from("getfacl"),
        reason: format!("no ACL printed for {}", path.display()),
    })?;
    let need = Perms(if is_dir {
        Perms::R | Perms::X
    } else {
        Perms::R
    });
    Ok(folders.iter().all(|f| allows(f, &who, Perms(Perms::X))) && allows(target, &who, need))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acl(text: &str) -> FileAcl {
        FileAcl::parse_all(&format!(
            "# file: /x\n# owner: root\n# group: staff\n{text}"
        ))
        .expect("acl")
        .remove(0)
    }

    fn user(name: &str, groups: &[&str]) -> Who {
        Who::User {
            name: name.to_owned(),
            groups: groups.iter().map(|g| (*g).to_owned()).collect(),
        }
    }

    const R: Perms = Perms(Perms::R);

    #[test]
    fn the_acl5_access_check() {
        let minimal = acl("user::rw-\ngroup::r--\nother::---\n");
        assert!(allows(&minimal, &user("root", &[]), R));
        assert!(allows(&minimal, &user("bob", &["staff"]), R));
        assert!(!allows(&minimal, &user("bob", &["users"]), R));
        assert!(allows(&minimal, &Who::Group("staff".into()), R));
        assert!(!allows(&minimal, &Who::Group("users".into()), R));

        let named =
            acl("user::rw-\nuser:alice:rwx\ngroup::---\ngroup:users:r--\nmask::-w-\nother::r--\n");
        // The mask takes r from alice and from users.
        assert!(!allows(&named, &user("alice", &[]), R));
        assert!(!allows(&named, &user("bob", &["users"]), R));
        // A group entry that matches but does not grant denies, even where other would grant.
        assert!(!allows(&named, &user("carol", &["staff"]), R));
        assert!(allows(&named, &user("dave", &["nobody"]), R));

        let unmasked =
            acl("user::rw-\nuser:alice:r--\ngroup::---\ngroup:users:r-x\nmask::r-x\nother::---\n");
        assert!(allows(&unmasked, &user("alice", &[]), R));
        assert!(allows(&unmasked, &Who::Group("users".into()), Perms(5)));
        assert!(!allows(&unmasked, &Who::Group("www-data".into()), R));
    }
}
