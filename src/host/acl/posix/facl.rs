//! The text `getfacl` prints and `setfacl --restore` reads: `# file:` / `# owner:` / `# group:`
//! / `# flags:` comments, `user::rwx`, `user:alice:r-x`, `mask::r-x`, `default:…` entries, a
//! blank line after each file; names escaped as `\ooo` and `\\`. Parsed, printed back, and shown
//! as an icacls-style ACL (default entries as `(OI)(CI)(IO)`).

use crate::host::acl::ace::{Ace, InheritFlag};
use crate::host::acl::error::AclError;
use crate::host::acl::listing::Acl;
use crate::host::acl::perms::Perms;
use crate::host::acl::principal::Principal;
use crate::host::acl::rights::Rights;

/// Who a POSIX ACL entry is for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Tag {
    /// `user::` — the file's owner.
    Owner,
    /// `user:NAME:`
    User(String),
    /// `group::` — the file's owning group.
    OwningGroup,
    /// `group:NAME:`
    Group(String),
    /// `mask::` — the most any named user or group (and the owning group) gets.
    Mask,
    /// `other::`
    Other,
}

impl Tag {
    /// The principal shown for this tag: `user:alice`, `group:users`, or `OWNER@`, `GROUP@`,
    /// `MASK@`, `EVERYONE@` for the entries without a name.
    pub fn principal(&self) -> String {
        match self {
            Tag::Owner => String::from("OWNER@"),
            Tag::User(name) => format!("user:{name}"),
            Tag::OwningGroup => String::from("GROUP@"),
            Tag::Group(name) => format!("group:{name}"),
            Tag::Mask => String::from("MASK@"),
            Tag::Other => String::from("EVERYONE@"),
        }
    }

    /// Named users, the owning group and named groups: the entries the mask limits.
    pub fn in_group_class(&self) -> bool {
        matches!(self, Tag::User(_) | Tag::OwningGroup | Tag::Group(_))
    }

    fn text(&self) -> String {
        match self {
            Tag::Owner => String::from("user:"),
            Tag::User(name) => format!("user:{}", escape(name, true)),
            Tag::OwningGroup => String::from("group:"),
            Tag::Group(name) => format!("group:{}", escape(name, true)),
            Tag::Mask => String::from("mask:"),
            Tag::Other => String::from("other:"),
        }
    }
}

/// One entry: `user:alice:r-x`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub tag: Tag,
    pub perms: Perms,
}

/// The ACL of one file as getfacl prints it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FileAcl {
    pub path: String,
    pub owner: Option<String>,
    pub group: Option<String>,
    /// `# flags: -s-` (setuid, setgid, sticky), kept so a restore does not clear them.
    pub flags: Option<String>,
    pub access: Vec<Entry>,
    pub default: Vec<Entry>,
}

impl FileAcl {
    /// Parses getfacl's output for one or more files.
    pub fn parse_all(text: &str) -> Result<Vec<FileAcl>, AclError> {
        let bad = |line: &str, why: &str| AclError::Output {
            program: String::from("getfacl"),
            reason: format!("{why}: {line:?}"),
        };
        let mut out = Vec::new();
        let mut current: Option<FileAcl> = None;
        for line in text.lines() {
            if line.is_empty() {
                out.extend(current.take());
                continue;
            }
            if let Some(path) = line.strip_prefix("# file: ") {
                out.extend(current.take());
                current = Some(FileAcl {
                    path: unescape(path).ok_or_else(|| bad(line, "a name that is not UTF-8"))?,
                    ..FileAcl::default()
                });
                continue;
            }
            let acl = current
                .as_mut()
                .ok_or_else(|| bad(line, "an entry before any # file: line"))?;
            if let Some(owner) = line.strip_prefix("# owner: ") {
                acl.owner = unescape(owner);
            } else if let Some(group) = line.strip_prefix("# group: ") {
                acl.group = unescape(group);
            } else if let Some(flags) = line.strip_prefix("# flags: ") {
                acl.flags = Some(flags.to_owned());
            } else if line.starts_with('#') {
                continue;
            } else {
                let (default, entry) = match line.strip_prefix("default:") {
                    Some(rest) => (true, rest),
                    None => (false, line),
                };
                let entry = parse_entry(entry).ok_or_else(|| bad(line, "not an ACL entry"))?;
                if default {
                    acl.default.push(entry);
                } else {
                    acl.access.push(entry);
                }
            }
        }
        out.extend(current);
        Ok(out)
    }

    /// getfacl's text for this file (with owner and group), ending in a blank line.
    pub fn print(&self) -> String {
        self.print_with(true)
    }

    /// The text `setfacl --restore` is fed: no owner or group lines (so a restore never changes
    /// ownership), the flags kept (a restore without them clears setgid and sticky bits).
    pub fn restore_text(&self) -> String {
        self.print_with(false)
    }

    fn print_with(&self, ownership: bool) -> String {
        let mut out = format!("# file: {}\n", escape(&self.path, false));
        if ownership {
            if let Some(owner) = &self.owner {
                out.push_str(&format!("# owner: {}\n", escape(owner, true)));
            }
            if let Some(group) = &self.group {
                out.push_str(&format!("# group: {}\n", escape(group, true)));
            }
        }
        if let Some(flags) = &self.flags {
            out.push_str(&format!("# flags: {flags}\n"));
        }
        for entry in &self.access {
            out.push_str(&format!("{}:{}\n", entry.tag.text(), entry.perms));
        }
        for entry in &self.default {
            out.push_str(&format!("default:{}:{}\n", entry.tag.text(), entry.perms));
        }
        out.push('\n');
        out
    }

    /// The ACL as the rest of iistui shows it: access entries plain, default entries with
    /// `(OI)(CI)(IO)`, and an entry that is the same in both shown once with `(OI)(CI)`.
    pub fn to_acl(&self) -> Acl {
        let mut entries = Vec::new();
        let mut shown_default = vec![false; self.default.len()];
        for entry in &self.access {
            let twin = self
                .default
                .iter()
                .position(|d| d.tag == entry.tag && d.perms == entry.perms);
            let mut flags = Vec::new();
            if let Some(i) = twin {
                shown_default[i] = true;
                flags = vec![InheritFlag::ObjectInherit, InheritFlag::ContainerInherit];
            }
            entries.push(ace(&entry.tag, flags, entry.perms));
        }
        for (entry, shown) in self.default.iter().zip(shown_default) {
            if !shown {
                let flags = vec![
                    InheritFlag::ObjectInherit,
                    InheritFlag::ContainerInherit,
                    InheritFlag::InheritOnly,
                ];
                entries.push(ace(&entry.tag, flags, entry.perms));
            }
        }
        Acl {
            path: self.path.clone(),
            entries,
            owner: self.owner.clone(),
            group: self.group.clone(),
        }
    }
}

fn ace(tag: &Tag, flags: Vec<InheritFlag>, perms: Perms) -> Ace {
    Ace {
        principal: Principal::listed(&tag.principal()),
        flags,
        deny: false,
        rights: Rights::Posix(perms),
    }
}

fn parse_entry(text: &str) -> Option<Entry> {
    let mut parts = text.splitn(3, ':');
    let (kind, name, perms) = (parts.next()?, parts.next()?, parts.next()?);
    let perms = Perms::parse(perms.split_whitespace().next()?)?;
    let name = unescape(name)?;
    let tag = match (kind, name.is_empty()) {
        ("user", true) => Tag::Owner,
        ("user", false) => Tag::User(name),
        ("group", true) => Tag::OwningGroup,
        ("group", false) => Tag::Group(name),
        ("mask", true) => Tag::Mask,
        ("other", true) => Tag::Other,
        _ => return None,
    };
    Some(Entry { tag, perms })
}

/// getfacl's escaping: `\\` for a backslash and `\ooo` for control characters (and, in names,
/// whitespace).
fn escape(text: &str, name: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            c if c.is_ascii_control() || (name && c.is_whitespace() && c.is_ascii()) => {
                out.push_str(&format!("\\{:03o}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// Undoes [`escape`] (on bytes, so escaped multi-byte characters decode); `None` when the
/// result is not UTF-8.
fn unescape(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            if bytes.get(i + 1) == Some(&b'\\') {
                out.push(b'\\');
                i += 2;
                continue;
            }
            let octal = bytes
                .get(i + 1..i + 4)
                .filter(|d| d.iter().all(|b| (b'0'..=b'7').contains(b)));
            if let Some(digits) = octal {
                let value = digits
                    .iter()
                    .fold(0u32, |acc, d| acc * 8 + u32::from(d - b'0'));
                out.push(u8::try_from(value).ok()?);
                i += 4;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# file: /srv/site\n# owner: root\n# group: www-data\n# flags: -s-\nuser::rwx\nuser:alice:r-x\ngroup::r-x\ngroup:users:r-x\nmask::r-x\nother::---\ndefault:user::rwx\ndefault:group::r-x\ndefault:group:users:r-x\ndefault:mask::r-x\ndefault:other::---\n\n# file: /srv/site/new\\012line \\\\x\n# owner: root\n# group: root\nuser::rw-\ngroup::r--\nother::r--\n\n";

    #[test]
    fn getfacl_text_round_trips() {
        let acls = FileAcl::parse_all(SAMPLE).expect("parse");
        assert_eq!(acls.len(), 2);
        assert_eq!(acls[0].flags.as_deref(), Some("-s-"));
        assert_eq!(acls[0].group.as_deref(), Some("www-data"));
        assert_eq!(acls[0].access[1].tag, Tag::User(String::from("alice")));
        assert_eq!(acls[1].path, "/srv/site/new\nline \\x");
        let printed: String = acls.iter().map(FileAcl::print).collect();
        assert_eq!(printed, SAMPLE);
    }

    #[test]
    fn restore_text_has_no_ownership_lines_but_keeps_flags() {
        let acls = FileAcl::parse_all(SAMPLE).expect("parse");
        let text = acls[0].restore_text();
        assert!(!text.contains("# owner") && !text.contains("# group"));
        assert!(text.contains("# flags: -s-\n"));
    }

    #[test]
    fn effective_comments_and_escaped_names_are_read() {
        let text = "# file: x\nuser::rw-\nuser:john\\040smith:rwx\t#effective:r--\ngroup::r--\nmask::r--\nother::r--\n";
        let acl = &FileAcl::parse_all(text).expect("parse")[0];
        assert_eq!(acl.access[1].tag, Tag::User(String::from("john smith")));
        assert_eq!(acl.access[1].perms, Perms(7));
        assert!(acl.print().contains("user:john\\040smith:rwx\n"));
    }

    #[test]
    fn the_icacls_view_merges_twin_default_entries() {
        let acls = FileAcl::parse_all(SAMPLE).expect("parse");
        let listing = acls[0].to_acl().listing();
        assert_eq!(
            listing,
            "/srv/site OWNER@:(OI)(CI)(rwx)\n          user:alice:(r-x)\n          GROUP@:(OI)(CI)(r-x)\n          group:users:(OI)(CI)(r-x)\n          MASK@:(OI)(CI)(r-x)\n          EVERYONE@:(OI)(CI)(---)\n"
        );
    }

    #[test]
    fn garbage_is_an_error_not_a_guess() {
        assert!(FileAcl::parse_all("user::rwx\n").is_err());
        assert!(FileAcl::parse_all("# file: x\nuser::rwz\n").is_err());
        assert!(FileAcl::parse_all("# file: x\nbogus:a:rwx\n").is_err());
        assert!(FileAcl::parse_all("# file: \\377\n").is_err());
    }
}
