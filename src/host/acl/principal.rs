//! Principals as icacls writes them: `DOMAIN\user`, `BUILTIN\IIS_IUSRS`, `IIS AppPool\<pool>`,
//! `*S-1-5-…` SIDs (and the bare `S-1-…` a listing shows when a SID has no name), names with
//! spaces, localized names of the well-known accounts; and on POSIX `user:NAME`, `group:NAME`.

use std::fmt;

use super::error::AclError;

/// A principal exactly as written or listed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Principal(String);

/// Well-known accounts: SID, English name, and names localized Windows lists them under.
const WELL_KNOWN: &[(&str, &str, &[&str])] = &[
    ("S-1-1-0", "Everyone", &["Jeder", "Tout le monde", "Todos"]),
    (
        "S-1-3-0",
        "CREATOR OWNER",
        &["ERSTELLER-BESITZER", "CREATEUR PROPRIETAIRE"],
    ),
    (
        "S-1-5-11",
        "NT AUTHORITY\\Authenticated Users",
        &[
            "NT-AUTORITÄT\\Authentifizierte Benutzer",
            "AUTORITE NT\\Utilisateurs authentifiés",
        ],
    ),
    (
        "S-1-5-18",
        "NT AUTHORITY\\SYSTEM",
        &["NT-AUTORITÄT\\SYSTEM", "AUTORITE NT\\Système"],
    ),
    (
        "S-1-5-19",
        "NT AUTHORITY\\LOCAL SERVICE",
        &["NT-AUTORITÄT\\LOKALER DIENST", "AUTORITE NT\\SERVICE LOCAL"],
    ),
    (
        "S-1-5-20",
        "NT AUTHORITY\\NETWORK SERVICE",
        &[
            "NT-AUTORITÄT\\NETZWERKDIENST",
            "AUTORITE NT\\SERVICE RÉSEAU",
        ],
    ),
    (
        "S-1-5-17",
        "NT AUTHORITY\\IUSR",
        &["NT-AUTORITÄT\\IUSR", "AUTORITE NT\\IUSR"],
    ),
    (
        "S-1-5-32-544",
        "BUILTIN\\Administrators",
        &["VORDEFINIERT\\Administratoren", "BUILTIN\\Administrateurs"],
    ),
    (
        "S-1-5-32-545",
        "BUILTIN\\Users",
        &["VORDEFINIERT\\Benutzer", "BUILTIN\\Utilisateurs"],
    ),
    (
        "S-1-5-32-568",
        "BUILTIN\\IIS_IUSRS",
        &["VORDEFINIERT\\IIS_IUSRS"],
    ),
];

/// Domains a listing's principal may start with whose names contain spaces.
pub(crate) const AUTHORITIES: &[&str] = &[
    "NT AUTHORITY\\",
    "NT SERVICE\\",
    "IIS APPPOOL\\",
    "APPLICATION PACKAGE AUTHORITY\\",
    "Mandatory Label\\",
    "Window Manager\\",
    "Font Driver Host\\",
    "NT VIRTUAL MACHINE\\",
    "BUILTIN\\",
];

impl Principal {
    /// Checks a principal's text: not empty, no control characters, no surrounding spaces.
    pub fn parse(text: &str) -> Result<Principal, AclError> {
        if text.trim().is_empty() {
            return Err(AclError::Syntax(String::from("the principal is empty")));
        }
        if text.chars().any(char::is_control) {
            return Err(AclError::Syntax(format!(
                "the principal {text:?} contains a control character"
            )));
        }
        if text.trim() != text {
            return Err(AclError::Syntax(format!(
                "the principal {text:?} starts or ends with a space"
            )));
        }
        Ok(Principal(text.to_owned()))
    }

    /// A principal read from a tool's listing (already checked by that tool).
    pub(crate) fn listed(text: &str) -> Principal {
        Principal(text.to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The SID of `*S-1-…` (as written on a command line) or `S-1-…` (as listed).
    pub fn sid(&self) -> Option<&str> {
        let text = self.0.strip_prefix('*').unwrap_or(&self.0);
        let upper = text.get(..4)?;
        (upper.eq_ignore_ascii_case("S-1-")).then_some(text)
    }

    /// `(Some("NT AUTHORITY"), "SYSTEM")`, `(None, "Everyone")`.
    pub fn split(&self) -> (Option<&str>, &str) {
        match self.0.split_once('\\') {
            Some((domain, name)) => (Some(domain), name),
            None => (None, &self.0),
        }
    }

    /// `IIS AppPool\<pool>` (listed `IIS APPPOOL\<pool>`): the pool's virtual account.
    pub fn app_pool(&self) -> Option<&str> {
        match self.split() {
            (Some(domain), name) if domain.eq_ignore_ascii_case("IIS AppPool") => Some(name),
            _ => None,
        }
    }

    /// A Windows-only principal: a SID, or a name with a domain other than `.` (this machine).
    pub fn is_windows_account(&self) -> bool {
        self.sid().is_some() || matches!(self.split(), (Some(domain), _) if domain != ".")
    }

    /// The SID of a well-known account named by any of its names, or by its SID.
    pub fn well_known_sid(&self) -> Option<&'static str> {
        let text = self.0.as_str();
        WELL_KNOWN
            .iter()
            .find(|(sid, english, local)| {
                self.sid().is_some_and(|s| s.eq_ignore_ascii_case(sid))
                    || same_account_name(text, english)
                    || local.iter().any(|l| same_account_name(text, l))
            })
            .map(|w| w.0)
    }

    /// Whether two principals name the same account, as far as text can tell: the same name
    /// ignoring case (`IIS AppPool` = `IIS APPPOOL`), the same SID, the same well-known account
    /// under another language's name, or a name without a domain against the same name with one.
    pub fn same_account(&self, other: &Principal) -> bool {
        if same_account_name(&self.0, &other.0) {
            return true;
        }
        if let (Some(a), Some(b)) = (self.well_known_sid(), other.well_known_sid()) {
            return a == b;
        }
        if let (Some(a), Some(b)) = (self.sid(), other.sid()) {
            return a.eq_ignore_ascii_case(b);
        }
        false
    }
}

/// Names compared as Windows compares account names: case-insensitively, and a name without a
/// domain (or with `.`) matches the same name under any domain.
fn same_account_name(a: &str, b: &str) -> bool {
    let strip = |s: &str| s.strip_prefix(".\\").unwrap_or(s).to_owned();
    let (a, b) = (strip(a), strip(b));
    if a.to_lowercase() == b.to_lowercase() {
        return true;
    }
    let name = |s: &str| s.rsplit('\\').next().unwrap_or(s).to_lowercase();
    (!a.contains('\\') || !b.contains('\\')) && name(&a) == name(&b)
}

impl fmt::Display for Principal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Principal {
        Principal::parse(text).expect("principal")
    }

    #[test]
    fn principals_of_every_documented_shape_parse() {
        for text in [
            r"DOMAIN\user",
            r"BUILTIN\IIS_IUSRS",
            r"IIS AppPool\DefaultAppPool",
            "*S-1-5-32-545",
            r"NT AUTHORITY\Authenticated Users",
            r"CONTOSO\Web Admins (Tier 1)",
            "Everyone",
            r"NT-AUTORITÄT\SYSTEM",
            "user:alice",
            r".\users",
        ] {
            assert_eq!(p(text).as_str(), text);
        }
        for bad in ["", "  ", " alice", "alice ", "a\nb", "a\u{7}b"] {
            assert!(Principal::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn sids_domains_and_pools_are_recognised() {
        assert_eq!(p("*S-1-5-32-545").sid(), Some("S-1-5-32-545"));
        assert_eq!(p("S-1-5-21-1-2-3-1001").sid(), Some("S-1-5-21-1-2-3-1001"));
        assert_eq!(p("Everyone").sid(), None);
        assert_eq!(p(r"IIS AppPool\Shop").app_pool(), Some("Shop"));
        assert_eq!(p(r"IIS APPPOOL\Shop").app_pool(), Some("Shop"));
        assert_eq!(p(r"BUILTIN\Users").app_pool(), None);
        assert!(p(r"BUILTIN\IIS_IUSRS").is_windows_account());
        assert!(p("*S-1-1-0").is_windows_account());
        assert!(!p(r".\users").is_windows_account());
        assert!(!p("group:users").is_windows_account());
    }

    #[test]
    fn the_same_account_under_other_spellings_matches() {
        let same = [
            (r"IIS AppPool\Shop", r"IIS APPPOOL\Shop"),
            ("Everyone", "Jeder"),
            ("*S-1-1-0", "Everyone"),
            (r"BUILTIN\Users", r"VORDEFINIERT\Benutzer"),
            (r"BUILTIN\Users", "Users"),
            ("*S-1-5-21-1-2-3-1001", "S-1-5-21-1-2-3-1001"),
            (r"NT AUTHORITY\SYSTEM", r"AUTORITE NT\Système"),
            (r".\alice", r"WEB01\alice"),
        ];
        for (a, b) in same {
            assert!(p(a).same_account(&p(b)), "{a} = {b}");
            assert!(p(b).same_account(&p(a)), "{b} = {a}");
        }
        let different = [
            (r"BUILTIN\Users", r"BUILTIN\IIS_IUSRS"),
            (r"CONTOSO\alice", r"FABRIKAM\alice"),
            ("Everyone", r"NT AUTHORITY\Authenticated Users"),
            (r"IIS AppPool\Shop", r"IIS AppPool\Blog"),
        ];
        for (a, b) in different {
            assert!(!p(a).same_account(&p(b)), "{a} != {b}");
        }
    }
}
