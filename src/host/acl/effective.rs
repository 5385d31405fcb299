//! Whether a Windows account can read a path, from its listed ACL: the entries that apply to the
//! path itself for the account or a group every such account is in (Everyone, Users,
//! Authenticated Users, and IIS_IUSRS for a worker process identity); a matching deny of read
//! wins over any grant. Domain group memberships are not known here, so only these are counted.

use super::listing::Acl;
use super::principal::Principal;

/// The groups an account is in without asking a domain controller.
fn implicit_groups(principal: &Principal) -> Vec<Principal> {
    let mut groups: Vec<Principal> = [
        "Everyone",
        "BUILTIN\\Users",
        "NT AUTHORITY\\Authenticated Users",
    ]
    .into_iter()
    .map(Principal::listed)
    .collect();
    // IIS adds IIS_IUSRS to every worker process token (pool identities and the service
    // accounts a pool can run as).
    let worker = principal.app_pool().is_some()
        || matches!(
            principal.well_known_sid(),
            Some("S-1-5-18" | "S-1-5-19" | "S-1-5-20")
        );
    if worker {
        groups.push(Principal::listed("BUILTIN\\IIS_IUSRS"));
    }
    if principal.well_known_sid() == Some("S-1-5-18") {
        groups.push(Principal::listed("BUILTIN\\Administrators"));
    }
    groups
}

/// Whether `principal` can read the path whose ACL this is.
pub fn windows_can_read(acl: &Acl, principal: &Principal) -> bool {
    let mut identities = implicit_groups(principal);
    identities.push(principal.clone());
    let applies = |ace: &&super::ace::Ace| {
        ace.applies_here() && identities.iter().any(|p| p.same_account(&ace.principal))
    };
    let matching: Vec<_> = acl.entries.iter().filter(applies).collect();
    if matching.iter().any(|a| a.deny && a.rights.allows_read()) {
        return false;
    }
    matching.iter().any(|a| !a.deny && a.rights.allows_read())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::acl::listing::Listing;

    fn acl(entries: &[&str]) -> Acl {
        let pad = " ".repeat("C:\\s ".len());
        let text: String = entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                if i == 0 {
                    format!("C:\\s {e}\n")
                } else {
                    format!("{pad}{e}\n")
                }
            })
            .collect();
        Listing::parse(&text, Some("C:\\s")).acls.remove(0)
    }

    fn pool() -> Principal {
        Principal::parse("IIS AppPool\\Shop").expect("p")
    }

    #[test]
    fn the_pool_reads_through_itself_or_a_group_it_is_in() {
        assert!(windows_can_read(
            &acl(&["IIS APPPOOL\\Shop:(OI)(CI)(RX)"]),
            &pool()
        ));
        assert!(windows_can_read(
            &acl(&["BUILTIN\\IIS_IUSRS:(I)(OI)(CI)(RX)"]),
            &pool()
        ));
        assert!(windows_can_read(
            &acl(&["VORDEFINIERT\\Benutzer:(I)(RX)"]),
            &pool()
        ));
        assert!(windows_can_read(&acl(&["Everyone:(R)"]), &pool()));
    }

    #[test]
    fn no_entry_inherit_only_or_a_deny_means_no() {
        assert!(!windows_can_read(
            &acl(&["BUILTIN\\Administrators:(OI)(CI)(F)"]),
            &pool()
        ));
        assert!(!windows_can_read(
            &acl(&["IIS APPPOOL\\Shop:(OI)(CI)(IO)(RX)"]),
            &pool()
        ));
        assert!(!windows_can_read(&acl(&["IIS APPPOOL\\Shop:(W)"]), &pool()));
        assert!(!windows_can_read(
            &acl(&["IIS APPPOOL\\Blog:(RX)"]),
            &pool()
        ));
        assert!(!windows_can_read(
            &acl(&["BUILTIN\\IIS_IUSRS:(DENY)(RX)", "IIS APPPOOL\\Shop:(F)"]),
            &pool()
        ));
        // IIS_IUSRS is for worker processes, not any user.
        let alice = Principal::parse("CONTOSO\\alice").expect("p");
        assert!(!windows_can_read(
            &acl(&["BUILTIN\\IIS_IUSRS:(RX)"]),
            &alice
        ));
    }
}
