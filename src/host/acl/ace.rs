//! Access control entries: inheritance flags `(OI)(CI)(IO)(NP)(I)`, an entry as a listing shows
//! it (`PRINCIPAL:(I)(OI)(CI)(DENY)(RX)`), and the `PRINCIPAL:(OI)(CI)RX` argument of
//! `/grant` and `/deny`.

use super::error::AclError;
use super::principal::Principal;
use super::rights::Rights;

/// An inheritance flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InheritFlag {
    /// `(I)`: inherited from the parent folder.
    Inherited,
    /// `(OI)`: files in the folder inherit it.
    ObjectInherit,
    /// `(CI)`: subfolders inherit it.
    ContainerInherit,
    /// `(NP)`: inherited one level only.
    NoPropagate,
    /// `(IO)`: applies to what inherits it, not to the folder itself.
    InheritOnly,
}

impl InheritFlag {
    /// In the order icacls lists them.
    pub const ALL: [InheritFlag; 5] = [
        InheritFlag::Inherited,
        InheritFlag::ObjectInherit,
        InheritFlag::ContainerInherit,
        InheritFlag::NoPropagate,
        InheritFlag::InheritOnly,
    ];

    pub fn parse(token: &str) -> Option<InheritFlag> {
        InheritFlag::ALL
            .into_iter()
            .find(|f| f.code().eq_ignore_ascii_case(token))
    }

    /// `OI`, `CI`, …
    pub fn code(self) -> &'static str {
        match self {
            InheritFlag::Inherited => "I",
            InheritFlag::ObjectInherit => "OI",
            InheritFlag::ContainerInherit => "CI",
            InheritFlag::NoPropagate => "NP",
            InheritFlag::InheritOnly => "IO",
        }
    }

    /// Plain words for a table or a picker.
    pub fn meaning(self) -> &'static str {
        match self {
            InheritFlag::Inherited => "inherited from the parent folder",
            InheritFlag::ObjectInherit => "files inherit it",
            InheritFlag::ContainerInherit => "subfolders inherit it",
            InheritFlag::NoPropagate => "one level only",
            InheritFlag::InheritOnly => "not this folder, only what inherits it",
        }
    }
}

/// `(OI)(CI)` from flags.
pub fn flags_text(flags: &[InheritFlag]) -> String {
    flags.iter().map(|f| format!("({})", f.code())).collect()
}

/// One entry of an ACL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ace {
    pub principal: Principal,
    /// In the order listed.
    pub flags: Vec<InheritFlag>,
    pub deny: bool,
    pub rights: Rights,
}

impl Ace {
    pub fn has(&self, flag: InheritFlag) -> bool {
        self.flags.contains(&flag)
    }

    /// Inherited from the parent (`(I)`), as opposed to explicit.
    pub fn inherited(&self) -> bool {
        self.has(InheritFlag::Inherited)
    }

    /// Applies to the object itself (not `(IO)`).
    pub fn applies_here(&self) -> bool {
        !self.has(InheritFlag::InheritOnly)
    }

    /// `PRINCIPAL:(I)(OI)(CI)(DENY)(RX)`, as a listing shows it.
    pub fn listing(&self) -> String {
        format!(
            "{}:{}{}({})",
            self.principal,
            flags_text(&self.flags),
            if self.deny { "(DENY)" } else { "" },
            self.rights.listing()
        )
    }

    /// Reads the part of a listing line after the path: `PRINCIPAL:(…)(…)`. The principal ends at
    /// the last `:` followed only by parenthesised groups (Windows names cannot hold a `:`).
    pub fn parse_listing(text: &str) -> Option<Ace> {
        let (principal, groups) = split_groups(text)?;
        let (rights, flag_groups) = groups.split_last()?;
        let mut flags = Vec::new();
        let mut deny = false;
        for group in flag_groups {
            if group.eq_ignore_ascii_case("DENY") {
                deny = true;
            } else {
                flags.push(InheritFlag::parse(group)?);
            }
        }
        if InheritFlag::parse(rights).is_some() || rights.eq_ignore_ascii_case("DENY") {
            return None;
        }
        Some(Ace {
            principal: Principal::listed(principal),
            flags,
            deny,
            rights: Rights::parse_group(rights),
        })
    }
}

/// Splits `PRINCIPAL:(a)(b)(c)` at the last `:` that is followed only by groups.
fn split_groups(text: &str) -> Option<(&str, Vec<&str>)> {
    let colon = text.rfind(':')?;
    let (principal, rest) = (&text[..colon], &text[colon + 1..]);
    if principal.is_empty() || rest.is_empty() {
        return None;
    }
    let mut groups = Vec::new();
    let mut rest = rest;
    while !rest.is_empty() {
        let inner = rest.strip_prefix('(')?;
        let close = inner.find(')')?;
        let group = &inner[..close];
        if group.is_empty() || group.contains('(') {
            return None;
        }
        groups.push(group);
        rest = &inner[close + 1..];
    }
    Some((principal, groups))
}

/// The argument of `/grant` or `/deny`: `PRINCIPAL:(OI)(CI)RX`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AceSpec {
    pub principal: Principal,
    pub flags: Vec<InheritFlag>,
    pub rights: Rights,
}

impl AceSpec {
    pub fn new(principal: Principal, flags: Vec<InheritFlag>, rights: Rights) -> AceSpec {
        AceSpec {
            principal,
            flags,
            rights,
        }
    }

    /// Reads `PRINCIPAL:(OI)(CI)RX`, `PRINCIPAL:(OI)(CI)(RD,WD)`, `PRINCIPAL:F`; the principal
    /// is everything before the last `:` (so `user:alice:RX` names `user:alice`).
    pub fn parse(text: &str) -> Result<AceSpec, AclError> {
        let (principal, perm) = text.rsplit_once(':').ok_or_else(|| {
            AclError::Syntax(format!(
                "\"{text}\" is not PRINCIPAL:RIGHTS (for example \"IIS AppPool\\Shop:(OI)(CI)RX\")"
            ))
        })?;
        let principal = Principal::parse(principal)?;
        let mut flags = Vec::new();
        let mut rest = perm;
        while let Some(inner) = rest.strip_prefix('(') {
            let Some(close) = inner.find(')') else { break };
            let Some(flag) = InheritFlag::parse(&inner[..close]) else {
                break;
            };
            if flags.contains(&flag) {
                return Err(AclError::Syntax(format!(
                    "({}) is given twice in \"{perm}\"",
                    flag.code()
                )));
            }
            flags.push(flag);
            rest = &inner[close + 1..];
        }
        if flags.contains(&InheritFlag::Inherited) {
            return Err(AclError::Syntax(String::from(
                "(I) marks an entry inherited from the parent folder; it cannot be granted",
            )));
        }
        let rights = Rights::parse_command(rest)?;
        Ok(AceSpec {
            principal,
            flags,
            rights,
        })
    }

    /// `PRINCIPAL:(OI)(CI)RX`, as icacls takes it.
    pub fn command(&self) -> String {
        format!(
            "{}:{}{}",
            self.principal,
            flags_text(&self.flags),
            self.rights.command()
        )
    }

    pub fn has(&self, flag: InheritFlag) -> bool {
        self.flags.contains(&flag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_entries_parse_and_print_back() {
        for text in [
            r"NT AUTHORITY\SYSTEM:(OI)(CI)(F)",
            r"BUILTIN\Users:(I)(OI)(CI)(IO)(GR,GE)",
            r"BUILTIN\IIS_IUSRS:(OI)(CI)(DENY)(RX)",
            r"Victor\employee2:(OI)(CI)(DENY)(Rc,RD,REA,X,RA)",
            r"CONTOSO\Web Admins (Tier 1):(OI)(CI)(M)",
            r"Mandatory Label\High Mandatory Level:(OI)(NP)(IO)(NW)",
            "S-1-15-3-65536-1:(S,RD,X)",
            "user:alice:(OI)(CI)(r-x)",
            r"NT-AUTORITÄT\SYSTEM:(I)(F)",
        ] {
            let ace = Ace::parse_listing(text).expect(text);
            assert_eq!(ace.listing(), text);
        }
        let ace = Ace::parse_listing(r"BUILTIN\Users:(I)(OI)(CI)(IO)(GR,GE)").expect("ace");
        assert!(ace.inherited() && !ace.applies_here() && !ace.deny);
        assert_eq!(ace.principal.as_str(), r"BUILTIN\Users");
        let deny = Ace::parse_listing(r"X\y:(I)(DENY)(RX)").expect("deny");
        assert!(deny.deny && deny.inherited());
    }

    #[test]
    fn lines_that_are_not_entries_are_refused() {
        for text in [
            r"C:\nope: The system cannot find the file specified.",
            r"processed file: C:\sites\shop",
            "Everyone:(OI)(CI)",
            "Everyone:(OI)(CI)(DENY)",
            ":(F)",
            "Everyone:F",
            "Everyone:(F) ",
            "Everyone:(F)x",
        ] {
            assert_eq!(Ace::parse_listing(text), None, "{text}");
        }
    }

    #[test]
    fn grant_arguments_parse_and_print_as_icacls_takes_them() {
        for (given, command) in [
            (
                r"IIS AppPool\DefaultAppPool:(OI)(CI)RX",
                r"IIS AppPool\DefaultAppPool:(OI)(CI)RX",
            ),
            (
                r"IIS AppPool\DefaultAppPool:F",
                r"IIS AppPool\DefaultAppPool:F",
            ),
            ("*S-1-5-32-545:(oi)(ci)(rx)", "*S-1-5-32-545:(OI)(CI)RX"),
            ("User1:(d,wdac)", "User1:(D,WDAC)"),
            (
                r"DOMAIN\user:(CI)(IO)(RD,WD,AD)",
                r"DOMAIN\user:(CI)(IO)(RD,WD,AD)",
            ),
            ("user:alice:(OI)(CI)RX", "user:alice:(OI)(CI)RX"),
            (
                r"CONTOSO\Web Admins (Tier 1):(NP)M",
                r"CONTOSO\Web Admins (Tier 1):(NP)M",
            ),
        ] {
            let spec = AceSpec::parse(given).expect(given);
            assert_eq!(spec.command(), command);
            assert_eq!(AceSpec::parse(&spec.command()), Ok(spec));
        }
        let spec = AceSpec::parse("user:alice:(OI)(CI)RX").expect("spec");
        assert_eq!(spec.principal.as_str(), "user:alice");
        assert!(spec.has(InheritFlag::ObjectInherit) && spec.has(InheritFlag::ContainerInherit));
    }

    #[test]
    fn bad_grant_arguments_say_what_is_wrong() {
        for (given, says) in [
            ("alice", "PRINCIPAL:RIGHTS"),
            (":RX", "empty"),
            ("alice:", "no rights"),
            ("alice:(OI)(OI)RX", "twice"),
            ("alice:(I)RX", "inherited"),
            ("alice:(OI)(CI)", "no rights"),
            ("alice:(XX)RX", "unknown right"),
            ("alice:RD", "specific right"),
        ] {
            let err = AceSpec::parse(given).expect_err(given);
            assert!(err.to_string().contains(says), "{given}: {err}");
        }
    }
}
