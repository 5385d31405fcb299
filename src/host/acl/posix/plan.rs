//! What an icacls change means for POSIX ACLs, as pure functions: refuse what POSIX cannot
//! express (deny entries, inheritance switches, `(NP)`, `(OI)` or `(CI)` alone, rights without
//! a mapping), then compute each file's new ACL the way `setfacl -m`/`-x` would (default ACL
//! started from the access ACL's base entries, mask recalculated).

use crate::host::acl::ace::InheritFlag;
use crate::host::acl::change::{AclChange, AclOperation, RemoveWhich};
use crate::host::acl::error::AclError;
use crate::host::acl::perms::Perms;
use crate::host::acl::principal::Principal;

use super::facl::{Entry, FileAcl, Tag};

/// One grant in POSIX terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PosixGrant {
    pub tag: Tag,
    pub perms: Perms,
    /// An access entry (not `(IO)`).
    pub here: bool,
    /// A default entry on folders (`(OI)(CI)`).
    pub inherit: bool,
}

/// A change in POSIX terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PosixOp {
    Grant {
        replace: bool,
        grants: Vec<PosixGrant>,
    },
    Remove {
        tags: Vec<Tag>,
    },
}

/// Translates a change, resolving principals with `resolve`; refuses what POSIX cannot do.
pub fn translate(
    change: &AclChange,
    resolve: impl Fn(&Principal) -> Result<Tag, AclError>,
) -> Result<PosixOp, AclError> {
    match &change.operation {
        AclOperation::Deny { .. } => Err(AclError::Unsupported(String::from(
            "POSIX ACLs have no deny entries: remove the principal's entry (acl remove) or grant it fewer rights (acl grant with --replace)",
        ))),
        AclOperation::Inheritance(_) => Err(AclError::Unsupported(String::from(
            "POSIX ACLs have no inheritance switch: a folder's default ACL is copied to files when they are created, and existing files keep their own",
        ))),
        AclOperation::Remove {
            which: RemoveWhich::Denied,
            ..
        } => Err(AclError::Unsupported(String::from(
            "POSIX ACLs have no deny entries, so /remove:d has nothing to remove",
        ))),
        AclOperation::Remove { principals, .. } => Ok(PosixOp::Remove {
            tags: principals.iter().map(&resolve).collect::<Result<_, _>>()?,
        }),
        AclOperation::Grant { replace, entries } => {
            let mut grants = Vec::new();
            for spec in entries {
                let has = |f| spec.has(f);
                if has(InheritFlag::NoPropagate) {
                    return Err(AclError::Unsupported(String::from(
                        "POSIX ACLs have no equivalent of (NP): a default ACL is passed on to every level",
                    )));
                }
                let (oi, ci) = (
                    has(InheritFlag::ObjectInherit),
                    has(InheritFlag::ContainerInherit),
                );
                if oi != ci {
                    return Err(AclError::Unsupported(String::from(
                        "a POSIX default ACL applies to files and subfolders alike: use (OI)(CI) together, or neither",
                    )));
                }
                if has(InheritFlag::InheritOnly) && !oi {
                    return Err(AclError::Syntax(String::from(
                        "(IO) needs (OI)(CI): an inherit-only entry must be inherited by something",
                    )));
                }
                let perms = spec.rights.to_posix()?;
                grants.push(PosixGrant {
                    tag: resolve(&spec.principal)?,
                    perms,
                    here: !has(InheritFlag::InheritOnly),
                    inherit: oi && ci,
                });
            }
            Ok(PosixOp::Grant {
                replace: *replace,
                grants,
            })
        }
    }
}

/// The ACL a file has after `op` (unchanged when `op` does nothing to it).
pub fn apply(op: &PosixOp, acl: &FileAcl, is_dir: bool) -> FileAcl {
    let mut new = acl.clone();
    let (mut access_touched, mut default_touched) = (false, false);
    match op {
        PosixOp::Remove { tags } => {
            for tag in tags {
                access_touched |= remove(&mut new.access, tag);
                default_touched |= remove(&mut new.default, tag);
            }
        }
        PosixOp::Grant { replace, grants } => {
            if *replace {
                for grant in grants {
                    access_touched |= remove(&mut new.access, &grant.tag);
                    if is_dir {
                        default_touched |= remove(&mut new.default, &grant.tag);
                    }
                }
            }
            // As setfacl's `X`: execute reaches a plain file only when someone may already
            // run it (a recursive RX must not make every page and picture executable).
            let runnable = is_dir || executable(&acl.access);
            for grant in grants {
                let perms = if runnable {
                    grant.perms
                } else {
                    Perms(grant.perms.0 & !Perms::X)
                };
                if grant.here {
                    merge(&mut new.access, &grant.tag, perms);
                    access_touched = true;
                }
                if grant.inherit && is_dir {
                    if new.default.is_empty() {
                        new.default = base_entries(&new.access);
                    }
                    merge(&mut new.default, &grant.tag, grant.perms);
                    default_touched = true;
                }
            }
        }
    }
    if access_touched {
        recalculate_mask(&mut new.access);
    }
    if default_touched {
        recalculate_mask(&mut new.default);
        // A default ACL left with nothing but what a first grant starts it from is dropped,
        // so removing the last named entry leaves the folder as plain as before.
        let plain = |entries: &[Entry]| {
            entries
                .iter()
                .filter(|e| e.tag != Tag::Mask)
                .cloned()
                .collect::<Vec<_>>()
        };
        if !has_named(&new.default) && plain(&new.default) == base_entries(&new.access) {
            new.default.clear();
        }
    }
    new
}

/// Whether the owner, owning group or others may execute the file now.
fn executable(access: &[Entry]) -> bool {
    access
        .iter()
        .filter(|e| matches!(e.tag, Tag::Owner | Tag::OwningGroup | Tag::Other))
        .any(|e| e.perms.0 & Perms::X != 0)
}

fn has_named(entries: &[Entry]) -> bool {
    entries
        .iter()
        .any(|e| matches!(e.tag, Tag::User(_) | Tag::Group(_)))
}

fn rank(tag: &Tag) -> u8 {
    match tag {
        Tag::Owner => 0,
        Tag::User(_) => 1,
        Tag::OwningGroup => 2,
        Tag::Group(_) => 3,
        Tag::Mask => 4,
        Tag::Other => 5,
    }
}

/// Adds `perms` to the tag's entry, creating it in getfacl's order when absent.
fn merge(entries: &mut Vec<Entry>, tag: &Tag, perms: Perms) {
    if let Some(entry) = entries.iter_mut().find(|e| &e.tag == tag) {
        entry.perms = entry.perms.union(perms);
        return;
    }
    let at = entries
        .iter()
        .position(|e| rank(&e.tag) > rank(tag))
        .unwrap_or(entries.len());
    entries.insert(
        at,
        Entry {
            tag: tag.clone(),
            perms,
        },
    );
}

fn remove(entries: &mut Vec<Entry>, tag: &Tag) -> bool {
    let before = entries.len();
    entries.retain(|e| &e.tag != tag);
    entries.len() != before
}

/// A new default ACL starts from the access ACL's owner, owning group and other entries.
fn base_entries(access: &[Entry]) -> Vec<Entry> {
    access
        .iter()
        .filter(|e| matches!(e.tag, Tag::Owner | Tag::OwningGroup | Tag::Other))
        .cloned()
        .collect()
}

/// As `setfacl` does after `-m`/`-x`: the mask becomes the union of the group class (named
/// users, owning group, named groups); an ACL with named entries always has one. Without named
/// entries the mask goes (it would equal the owning group's entry), leaving a minimal ACL.
fn recalculate_mask(entries: &mut Vec<Entry>) {
    if !has_named(entries) {
        entries.retain(|e| e.tag != Tag::Mask);
        return;
    }
    let union = entries
        .iter()
        .filter(|e| e.tag.in_group_class())
        .fold(Perms(0), |acc, e| acc.union(e.perms));
    match entries.iter_mut().find(|e| e.tag == Tag::Mask) {
        Some(mask) => mask.perms = union,
        None => merge(entries, &Tag::Mask, union),
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::host::acl::ace::AceSpec;
    use crate::host::acl::change::InheritanceMode;

    fn resolve(p: &Principal) -> Result<Tag, AclError> {
        match p.as_str().split_once(':') {
            Some(("group", name)) => Ok(Tag::Group(name.to_owned())),
            Some(("user", name)) => Ok(Tag::User(name.to_owned())),
            _ => Err(AclError::Principal(format!("unknown {p}"))),
        }
    }

    fn change(operation: AclOperation) -> AclChange {
        AclChange {
            path: PathBuf::from("/srv/site"),
            operation,
            recursive: false,
        }
    }

    fn grant(specs: &[&str], replace: bool) -> Result<PosixOp, AclError> {
        let entries = specs
            .iter()
            .map(|s| AceSpec::parse(s).expect("spec"))
            .collect();
        translate(&change(AclOperation::Grant { replace, entries }), resolve)
    }

    fn folder() -> FileAcl {
        FileAcl::parse_all(
            "# file: /srv/site\nuser::rwx\nuser:alice:-w-\ngroup::r-x\nmask::rwx\nother::---\n",
        )
        .expect("acl")
        .remove(0)
    }

    fn text(acl: &FileAcl) -> String {
        acl.restore_text()
    }

    #[test]
    fn grant_adds_to_the_entry_and_inheritable_grants_add_a_default_acl() {
        let op = grant(&["user:alice:(OI)(CI)RX", "group:users:R"], false).expect("op");
        let new = apply(&op, &folder(), true);
        assert_eq!(
            text(&new),
            "# file: /srv/site\nuser::rwx\nuser:alice:rwx\ngroup::r-x\ngroup:users:r--\nmask::rwx\nother::---\ndefault:user::rwx\ndefault:user:alice:r-x\ndefault:group::r-x\ndefault:mask::r-x\ndefault:other::---\n\n"
        );
        // A file gets no default ACL.
        let new = apply(&op, &folder(), false);
        assert!(new.default.is_empty());
    }

    #[test]
    fn grant_replace_sets_exactly_and_drops_the_default_entry_not_asked_for() {
        let op = grant(&["user:alice:(OI)(CI)RX"], false).expect("op");
        let inheriting = apply(&op, &folder(), true);
        let op = grant(&["user:alice:R"], true).expect("op");
        let new = apply(&op, &inheriting, true);
        assert_eq!(
            text(&new),
            "# file: /srv/site\nuser::rwx\nuser:alice:r--\ngroup::r-x\nmask::r-x\nother::---\n\n",
            "the default ACL the first grant made goes with its last named entry"
        );
    }

    #[test]
    fn execute_reaches_a_plain_file_only_when_someone_may_run_it() {
        let op = grant(&["group:users:(OI)(CI)RX"], false).expect("op");
        let page =
            FileAcl::parse_all("# file: /srv/site/index.html\nuser::rw-\ngroup::r--\nother::r--\n")
                .expect("acl")
                .remove(0);
        assert!(text(&apply(&op, &page, false)).contains("group:users:r--\n"));
        let tool =
            FileAcl::parse_all("# file: /srv/site/run.sh\nuser::rwx\ngroup::r--\nother::r--\n")
                .expect("acl")
                .remove(0);
        assert!(text(&apply(&op, &tool, false)).contains("group:users:r-x\n"));
        // Folders keep execute: it is what lets the principal through them.
        assert!(text(&apply(&op, &folder(), true)).contains("group:users:r-x\n"));
    }

    #[test]
    fn inherit_only_touches_the_default_acl_only() {
        let op = grant(&["group:users:(OI)(CI)(IO)M"], false).expect("op");
        let new = apply(&op, &folder(), true);
        assert_eq!(new.access, folder().access);
        assert!(text(&new).contains("default:group:users:rwx\n"));
    }

    #[test]
    fn remove_takes_the_principal_out_of_both_acls_and_leaves_a_minimal_acl() {
        let op = grant(&["user:alice:(OI)(CI)RX"], false).expect("op");
        let inheriting = apply(&op, &folder(), true);
        let op = translate(
            &change(AclOperation::Remove {
                principals: vec![Principal::parse("user:alice").expect("p")],
                which: RemoveWhich::All,
            }),
            resolve,
        )
        .expect("op");
        let new = apply(&op, &inheriting, true);
        assert_eq!(
            text(&new),
            "# file: /srv/site\nuser::rwx\ngroup::r-x\nother::---\n\n",
            "no mask and no default ACL once no named entry is left (ls -l shows no +)"
        );
        // Removing someone who has no entry changes nothing.
        assert_eq!(apply(&op, &new, true), new);
    }

    #[test]
    fn what_posix_cannot_express_is_refused() {
        let refusals = [
            grant(&["user:alice:(NP)(OI)(CI)RX"], false),
            grant(&["user:alice:(OI)RX"], false),
            grant(&["user:alice:(CI)RX"], false),
            grant(&["user:alice:(IO)RX"], false),
            grant(&["user:alice:D"], false),
            grant(&["user:alice:(RD,WDAC)"], false),
            grant(&[r"IIS AppPool\Shop:RX"], false),
            translate(
                &change(AclOperation::Deny {
                    entries: vec![AceSpec::parse("user:alice:W").expect("spec")],
                }),
                resolve,
            ),
            translate(
                &change(AclOperation::Inheritance(InheritanceMode::Disable)),
                resolve,
            ),
            translate(
                &change(AclOperation::Remove {
                    principals: vec![Principal::parse("user:alice").expect("p")],
                    which: RemoveWhich::Denied,
                }),
                resolve,
            ),
        ];
        for (i, refused) in refusals.into_iter().enumerate() {
            assert!(refused.is_err(), "case {i} was accepted");
        }
    }
}
