//! What icacls is expected to make of an ACL, for the review step before it runs: `/grant` adds
//! rights to the principal's explicit entry with the same flags, `/grant:r` replaces its explicit
//! grants, `/deny` adds a deny entry and takes those rights out of its grants, `/remove` drops
//! its explicit entries, `/inheritance:d|r` copies or drops the inherited ones. icacls has the
//! last word: the ACL is read back after it runs.

use super::ace::{Ace, AceSpec, InheritFlag};
use super::change::{AclChange, AclOperation, InheritanceMode, RemoveWhich};
use super::listing::Acl;
use super::rights::Rights;

/// The expected ACL of the path after `change`; `None` when it cannot be told beforehand
/// (`/inheritance:e`, or rights this version does not know).
pub fn expected(before: &Acl, change: &AclChange) -> Option<Acl> {
    let mut acl = before.clone();
    match &change.operation {
        AclOperation::Grant { replace, entries } => {
            if *replace {
                for spec in entries {
                    acl.entries.retain(|a| {
                        a.inherited() || a.deny || !a.principal.same_account(&spec.principal)
                    });
                }
            }
            for spec in entries {
                add(&mut acl, spec, false)?;
            }
        }
        AclOperation::Deny { entries } => {
            for spec in entries {
                let denied = spec.rights.mask()?;
                for ace in acl.entries.iter_mut().filter(|a| {
                    !a.inherited() && !a.deny && a.principal.same_account(&spec.principal)
                }) {
                    ace.rights = Rights::from_mask(ace.rights.mask()? & !denied);
                }
                acl.entries
                    .retain(|a| a.deny || a.inherited() || a.rights.mask() != Some(0));
                add(&mut acl, spec, true)?;
            }
        }
        AclOperation::Remove { principals, which } => {
            acl.entries.retain(|a| {
                let named = principals.iter().any(|p| a.principal.same_account(p));
                let kind = match which {
                    RemoveWhich::All => true,
                    RemoveWhich::Granted => !a.deny,
                    RemoveWhich::Denied => a.deny,
                };
                a.inherited() || !(named && kind)
            });
        }
        AclOperation::Inheritance(InheritanceMode::Enable) => return None,
        AclOperation::Inheritance(InheritanceMode::Disable) => {
            for ace in &mut acl.entries {
                ace.flags.retain(|f| *f != InheritFlag::Inherited);
            }
        }
        AclOperation::Inheritance(InheritanceMode::Remove) => {
            acl.entries.retain(|a| !a.inherited());
        }
    }
    Some(acl)
}

/// Adds a spec's rights to the explicit entry of the same principal, kind and flags, or a new
/// entry where icacls keeps its kind: denials first, then grants, then inherited entries.
fn add(acl: &mut Acl, spec: &AceSpec, deny: bool) -> Option<()> {
    let mask = spec.rights.mask()?;
    let same_flags = |a: &Ace| {
        let mut x = a.flags.clone();
        let mut y = spec.flags.clone();
        x.sort_by_key(|f| f.code());
        y.sort_by_key(|f| f.code());
        x == y
    };
    if let Some(ace) = acl.entries.iter_mut().find(|a| {
        !a.inherited()
            && a.deny == deny
            && same_flags(a)
            && a.principal.same_account(&spec.principal)
    }) {
        ace.rights = Rights::from_mask(ace.rights.mask()? | mask);
        return Some(());
    }
    let at = acl
        .entries
        .iter()
        .position(|a| a.inherited() || (deny && !a.deny))
        .unwrap_or(acl.entries.len());
    let flags = InheritFlag::ALL
        .into_iter()
        .filter(|f| spec.flags.contains(f))
        .collect();
    acl.entries.insert(
        at,
        Ace {
            principal: spec.principal.clone(),
            flags,
            deny,
            rights: Rights::from_mask(mask),
        },
    );
    Some(())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::host::acl::listing::Listing;
    use crate::host::acl::principal::Principal;

    const WWWROOT: &str = "C:\\inetpub\\wwwroot BUILTIN\\IIS_IUSRS:(OI)(CI)(DENY)(W)\n                   CONTOSO\\alice:(OI)(CI)(RX)\n                   NT AUTHORITY\\SYSTEM:(I)(OI)(CI)(F)\n                   BUILTIN\\Users:(I)(OI)(CI)(RX)\n";

    fn before() -> Acl {
        Listing::parse(WWWROOT, None).acls.remove(0)
    }

    fn run(operation: AclOperation) -> Option<String> {
        let change = AclChange {
            path: PathBuf::from("C:\\inetpub\\wwwroot"),
            operation,
            recursive: false,
        };
        expected(&before(), &change).map(|a| a.listing())
    }

    fn specs(texts: &[&str]) -> Vec<AceSpec> {
        texts
            .iter()
            .map(|t| AceSpec::parse(t).expect("spec"))
            .collect()
    }

    fn lines(entries: &[&str]) -> String {
        let indent = " ".repeat("C:\\inetpub\\wwwroot ".len());
        entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                if i == 0 {
                    format!("C:\\inetpub\\wwwroot {e}\n")
                } else {
                    format!("{indent}{e}\n")
                }
            })
            .collect()
    }

    #[test]
    fn grant_merges_into_the_same_entry_or_adds_one_before_the_inherited() {
        let out = run(AclOperation::Grant {
            replace: false,
            entries: specs(&["CONTOSO\\alice:(OI)(CI)W", "IIS AppPool\\Shop:(OI)(CI)RX"]),
        });
        assert_eq!(
            out,
            Some(lines(&[
                "BUILTIN\\IIS_IUSRS:(OI)(CI)(DENY)(W)",
                "CONTOSO\\alice:(OI)(CI)(RX,W)",
                "IIS AppPool\\Shop:(OI)(CI)(RX)",
                "NT AUTHORITY\\SYSTEM:(I)(OI)(CI)(F)",
                "BUILTIN\\Users:(I)(OI)(CI)(RX)",
            ]))
        );
    }

    #[test]
    fn grant_replace_drops_the_principals_other_grants() {
        let out = run(AclOperation::Grant {
            replace: true,
            entries: specs(&["contoso\\ALICE:R"]),
        });
        assert_eq!(
            out,
            Some(lines(&[
                "BUILTIN\\IIS_IUSRS:(OI)(CI)(DENY)(W)",
                "contoso\\ALICE:(R)",
                "NT AUTHORITY\\SYSTEM:(I)(OI)(CI)(F)",
                "BUILTIN\\Users:(I)(OI)(CI)(RX)",
            ]))
        );
    }

    #[test]
    fn deny_goes_first_and_takes_the_rights_out_of_grants() {
        let out = run(AclOperation::Deny {
            entries: specs(&["CONTOSO\\alice:(OI)(CI)RX"]),
        });
        assert_eq!(
            out,
            Some(lines(&[
                "BUILTIN\\IIS_IUSRS:(OI)(CI)(DENY)(W)",
                "CONTOSO\\alice:(OI)(CI)(DENY)(RX)",
                "NT AUTHORITY\\SYSTEM:(I)(OI)(CI)(F)",
                "BUILTIN\\Users:(I)(OI)(CI)(RX)",
            ]))
        );
    }

    #[test]
    fn remove_and_inheritance() {
        let out = run(AclOperation::Remove {
            principals: vec![Principal::parse("BUILTIN\\IIS_IUSRS").expect("p")],
            which: RemoveWhich::Granted,
        });
        assert_eq!(out, Some(before().listing()));
        let out = run(AclOperation::Remove {
            principals: vec![
                Principal::parse("BUILTIN\\IIS_IUSRS").expect("p"),
                Principal::parse("BUILTIN\\Users").expect("p"),
            ],
            which: RemoveWhich::All,
        });
        assert_eq!(
            out,
            Some(lines(&[
                "CONTOSO\\alice:(OI)(CI)(RX)",
                "NT AUTHORITY\\SYSTEM:(I)(OI)(CI)(F)",
                "BUILTIN\\Users:(I)(OI)(CI)(RX)",
            ]))
        );
        let out = run(AclOperation::Inheritance(InheritanceMode::Disable));
        assert!(out.is_some_and(|t| !t.contains("(I)")));
        let out = run(AclOperation::Inheritance(InheritanceMode::Remove));
        assert_eq!(
            out,
            Some(lines(&[
                "BUILTIN\\IIS_IUSRS:(OI)(CI)(DENY)(W)",
                "CONTOSO\\alice:(OI)(CI)(RX)",
            ]))
        );
        assert_eq!(
            run(AclOperation::Inheritance(InheritanceMode::Enable)),
            None
        );
    }
}
