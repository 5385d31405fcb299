//! How the Permissions view shows an entry: its rights in icacls' terms and in words, what it
//! applies to (`(OI)(CI)` → this folder, subfolders and files), inherited or explicit, and
//! whether it can be changed here (and if not, why).

use crate::host::acl::{Ace, InheritFlag, Perms, Right, RightKind, RightToken, Rights};

/// The simple rights a picker offers, strongest first, with their words.
pub const SIMPLE_RIGHTS: &[(Right, &str)] = &[
    (Right::Full, "full control"),
    (Right::Modify, "modify"),
    (Right::ReadExecute, "read & execute"),
    (Right::Read, "read"),
    (Right::Write, "write"),
    (Right::Delete, "delete"),
];

/// `RX`, `M,DC`, `r-x`, with `DENY ` in front of a deny entry.
pub fn rights_text(ace: &Ace) -> String {
    let rights = ace.rights.listing();
    if ace.deny {
        format!("DENY {rights}")
    } else {
        rights
    }
}

/// The rights in words: `read & execute`, `read, write`, `special (RD,WD)`.
pub fn rights_words(rights: &Rights) -> String {
    match rights {
        Rights::Posix(perms) => {
            let words: Vec<&str> = [
                (Perms::R, "read"),
                (Perms::W, "write"),
                (Perms::X, "execute"),
            ]
            .into_iter()
            .filter(|(bit, _)| perms.has(*bit))
            .map(|(_, word)| word)
            .collect();
            if words.is_empty() {
                String::from("no access")
            } else {
                words.join(", ")
            }
        }
        Rights::Windows(tokens) => match tokens.as_slice() {
            [RightToken::Known(Right::NoAccess)] => String::from("no access"),
            [RightToken::Known(right)] if right.kind() == RightKind::Simple => SIMPLE_RIGHTS
                .iter()
                .find(|(r, _)| r == right)
                .map_or_else(|| right.command_name().to_owned(), |(_, w)| (*w).to_owned()),
            _ => format!("special ({})", rights.listing()),
        },
    }
}

/// The inheritance flags other than `(I)`: `(OI)(CI)`, or `—` for none.
pub fn flags_codes(ace: &Ace) -> String {
    let codes: String = ace
        .flags
        .iter()
        .filter(|f| **f != InheritFlag::Inherited)
        .map(|f| format!("({})", f.code()))
        .collect();
    if codes.is_empty() {
        String::from("—")
    } else {
        codes
    }
}

/// What an entry applies to, as Explorer's security dialog says it.
pub fn applies_to(ace: &Ace, is_dir: bool) -> String {
    let oi = ace.has(InheritFlag::ObjectInherit);
    let ci = ace.has(InheritFlag::ContainerInherit);
    let here = ace.applies_here();
    let what = match (here, ci, oi) {
        (true, false, false) if is_dir => "this folder only",
        (true, false, false) => "this file",
        (true, true, true) => "this folder, subfolders and files",
        (true, true, false) => "this folder and subfolders",
        (true, false, true) => "this folder and files",
        (false, true, true) => "subfolders and files only",
        (false, true, false) => "subfolders only",
        (false, false, true) => "files only",
        (false, false, false) => "nothing (inherit-only without inheritance)",
    };
    if ace.has(InheritFlag::NoPropagate) && (oi || ci) {
        format!("{what}, one level")
    } else {
        what.to_owned()
    }
}

/// `inherited` or `explicit`.
pub fn source(ace: &Ace) -> &'static str {
    if ace.inherited() {
        "inherited"
    } else {
        "explicit"
    }
}

/// Why an entry cannot be changed or removed here, if so.
pub fn not_editable(ace: &Ace) -> Option<String> {
    if ace.inherited() {
        return Some(String::from(
            "inherited from the parent folder: change it there",
        ));
    }
    if matches!(ace.rights, Rights::Posix(_)) && ace.principal.as_str().ends_with('@') {
        return Some(String::from(
            "the owner, owning group, mask and others are the file's mode bits (chmod), not entries of its ACL",
        ));
    }
    None
}

/// The simple right a picker starts on for an entry's rights (`rwx` → M), or `None` when they
/// are a list no single right names.
pub fn simple_right(rights: &Rights) -> Option<Right> {
    match rights {
        Rights::Posix(perms) => match perms.0 {
            7 => Some(Right::Modify),
            5 => Some(Right::ReadExecute),
            4 => Some(Right::Read),
            2 => Some(Right::Write),
            _ => None,
        },
        Rights::Windows(tokens) => match tokens.as_slice() {
            [RightToken::Known(right)] if SIMPLE_RIGHTS.iter().any(|(r, _)| r == right) => {
                Some(*right)
            }
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ace(text: &str) -> Ace {
        Ace::parse_listing(text).expect(text)
    }

    #[test]
    fn entries_read_as_explorer_says_them() {
        let pool = ace(r"IIS APPPOOL\Shop:(OI)(CI)(RX)");
        assert_eq!(rights_text(&pool), "RX");
        assert_eq!(rights_words(&pool.rights), "read & execute");
        assert_eq!(flags_codes(&pool), "(OI)(CI)");
        assert_eq!(applies_to(&pool, true), "this folder, subfolders and files");
        assert_eq!(source(&pool), "explicit");
        assert_eq!(not_editable(&pool), None);
        assert_eq!(simple_right(&pool.rights), Some(Right::ReadExecute));

        let users = ace(r"BUILTIN\Users:(I)(OI)(CI)(IO)(GR,GE)");
        assert_eq!(flags_codes(&users), "(OI)(CI)(IO)");
        assert_eq!(applies_to(&users, true), "subfolders and files only");
        assert_eq!(rights_words(&users.rights), "special (GR,GE)");
        assert_eq!(source(&users), "inherited");
        assert!(not_editable(&users).is_some_and(|w| w.contains("inherited")));
        assert_eq!(simple_right(&users.rights), None);

        let deny = ace(r"CONTOSO\bob:(DENY)(W)");
        assert_eq!(rights_text(&deny), "DENY W");
        assert_eq!(applies_to(&deny, false), "this file");
        assert_eq!(flags_codes(&deny), "—");

        let one_level = ace(r"X\y:(CI)(NP)(M)");
        assert_eq!(
            applies_to(&one_level, true),
            "this folder and subfolders, one level"
        );
    }

    #[test]
    fn posix_entries_name_their_bits_and_mode_entries_are_not_edited() {
        let group = ace("group:www-data:(OI)(CI)(r-x)");
        assert_eq!(rights_words(&group.rights), "read, execute");
        assert_eq!(simple_right(&group.rights), Some(Right::ReadExecute));
        assert_eq!(not_editable(&group), None);
        let owner = ace("OWNER@:(OI)(CI)(rwx)");
        assert!(not_editable(&owner).is_some_and(|w| w.contains("chmod")));
        assert_eq!(simple_right(&owner.rights), Some(Right::Modify));
        assert_eq!(rights_words(&ace("EVERYONE@:(---)").rights), "no access");
    }
}
