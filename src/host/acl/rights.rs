//! icacls rights: the simple rights `N F M RX R W D`, the specific rights `(RD,WD,AD,…)`, the
//! integrity-label policies `NW NR NX`, their access-mask bits, icacls' own way of naming a mask
//! (`(M,DC)`, `(RX,W)`, `(Rc,RD,X)`), and what they map to in POSIX bits.

use super::error::AclError;
use super::perms::{Perms, posix_bits};

/// One right as icacls names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Right {
    NoAccess,
    Full,
    Modify,
    ReadExecute,
    Read,
    Write,
    Delete,
    DeleteSpecific,
    ReadControl,
    WriteDac,
    WriteOwner,
    Synchronize,
    AccessSystemSecurity,
    MaximumAllowed,
    GenericRead,
    GenericWrite,
    GenericExecute,
    GenericAll,
    ReadData,
    WriteData,
    AppendData,
    ReadExtendedAttributes,
    WriteExtendedAttributes,
    Execute,
    DeleteChild,
    ReadAttributes,
    WriteAttributes,
    NoWriteUp,
    NoReadUp,
    NoExecuteUp,
}

/// What a right is: a simple right, a specific right, or an integrity-label policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RightKind {
    Simple,
    Specific,
    LabelPolicy,
}

/// (right, spelling on the command line, spelling in icacls' listing, access mask, kind).
/// Simple rights come first in the order icacls prefers them when it names a mask; specific
/// rights follow in the order icacls lists them.
#[rustfmt::skip]
const TABLE: &[(Right, &str, &str, u32, RightKind)] = &[
    (Right::Full, "F", "F", 0x001F_01FF, RightKind::Simple),
    (Right::Modify, "M", "M", 0x0013_01BF, RightKind::Simple),
    (Right::ReadExecute, "RX", "RX", 0x0012_00A9, RightKind::Simple),
    (Right::Read, "R", "R", 0x0012_0089, RightKind::Simple),
    (Right::Write, "W", "W", 0x0010_0116, RightKind::Simple),
    (Right::Delete, "D", "D", 0x0011_0000, RightKind::Simple),
    (Right::NoAccess, "N", "N", 0, RightKind::Simple),
    (Right::DeleteSpecific, "DE", "DE", 0x0001_0000, RightKind::Specific),
    (Right::ReadControl, "RC", "Rc", 0x0002_0000, RightKind::Specific),
    (Right::WriteDac, "WDAC", "WDAC", 0x0004_0000, RightKind::Specific),
    (Right::WriteOwner, "WO", "WO", 0x0008_0000, RightKind::Specific),
    (Right::Synchronize, "S", "S", 0x0010_0000, RightKind::Specific),
    (Right::AccessSystemSecurity, "AS", "AS", 0x0100_0000, RightKind::Specific),
    (Right::MaximumAllowed, "MA", "MA", 0x0200_0000, RightKind::Specific),
    (Right::GenericRead, "GR", "GR", 0x8000_0000, RightKind::Specific),
    (Right::GenericWrite, "GW", "GW", 0x4000_0000, RightKind::Specific),
    (Right::GenericExecute, "GE", "GE", 0x2000_0000, RightKind::Specific),
    (Right::GenericAll, "GA", "GA", 0x1000_0000, RightKind::Specific),
    (Right::ReadData, "RD", "RD", 0x0000_0001, RightKind::Specific),
    (Right::WriteData, "WD", "WD", 0x0000_0002, RightKind::Specific),
    (Right::AppendData, "AD", "AD", 0x0000_0004, RightKind::Specific),
    (Right::ReadExtendedAttributes, "REA", "REA", 0x0000_0008, RightKind::Specific),
    (Right::WriteExtendedAttributes, "WEA", "WEA", 0x0000_0010, RightKind::Specific),
    (Right::Execute, "X", "X", 0x0000_0020, RightKind::Specific),
    (Right::DeleteChild, "DC", "DC", 0x0000_0040, RightKind::Specific),
    (Right::ReadAttributes, "RA", "RA", 0x0000_0080, RightKind::Specific),
    (Right::WriteAttributes, "WA", "WA", 0x0000_0100, RightKind::Specific),
    (Right::NoWriteUp, "NW", "NW", 0, RightKind::LabelPolicy),
    (Right::NoReadUp, "NR", "NR", 0, RightKind::LabelPolicy),
    (Right::NoExecuteUp, "NX", "NX", 0, RightKind::LabelPolicy),
];

fn row(right: Right) -> &'static (Right, &'static str, &'static str, u32, RightKind) {
    // Every variant has a row (the table test checks it); Full's row is a harmless fallback.
    TABLE.iter().find(|r| r.0 == right).unwrap_or(&TABLE[0])
}

impl Right {
    /// Reads one token, case-insensitively (`rx`, `Rc`, `WDAC`); `D` is the simple delete right.
    pub fn parse(token: &str) -> Option<Right> {
        TABLE
            .iter()
            .find(|r| r.1.eq_ignore_ascii_case(token) || r.2.eq_ignore_ascii_case(token))
            .map(|r| r.0)
    }

    /// The spelling icacls accepts on its command line (`RC`).
    pub fn command_name(self) -> &'static str {
        row(self).1
    }

    /// The spelling icacls prints in a listing (`Rc`).
    pub fn listing_name(self) -> &'static str {
        row(self).2
    }

    pub fn mask(self) -> u32 {
        row(self).3
    }

    pub fn kind(self) -> RightKind {
        row(self).4
    }
}

/// A token of a rights group: a known right, or one this version does not know (kept as read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RightToken {
    Known(Right),
    Unknown(String),
}

/// The rights of one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rights {
    /// icacls tokens in the order they were written or listed.
    Windows(Vec<RightToken>),
    /// POSIX permission bits (what the POSIX back end reads).
    Posix(Perms),
}

impl Rights {
    pub fn simple(right: Right) -> Rights {
        Rights::Windows(vec![RightToken::Known(right)])
    }

    /// Reads the inside of a listing's rights group: `F`, `RX,W`, `Rc,RD,X`, or `r-x`.
    pub fn parse_group(inner: &str) -> Rights {
        if let Some(perms) = Perms::parse(inner) {
            return Rights::Posix(perms);
        }
        Rights::Windows(
            inner
                .split(',')
                .map(|t| match Right::parse(t.trim()) {
                    Some(right) => RightToken::Known(right),
                    None => RightToken::Unknown(t.to_owned()),
                })
                .collect(),
        )
    }

    /// Reads rights as given on a command line: one simple right (`RX`), a list in parentheses
    /// (`(RD,WD)`, simple rights allowed inside), or POSIX bits (`r-x`, `(r-x)`).
    pub fn parse_command(text: &str) -> Result<Rights, AclError> {
        let inner = text
            .strip_prefix('(')
            .and_then(|t| t.strip_suffix(')'))
            .unwrap_or(text);
        if let Some(perms) = Perms::parse(inner) {
            return Ok(Rights::Posix(perms));
        }
        let hint = "rights are one of N F M RX R W D, or a list in parentheses such as (RD,WD,AD)";
        if inner.is_empty() {
            return Err(AclError::Syntax(format!("no rights given: {hint}")));
        }
        if inner.len() == text.len() && inner.contains(',') {
            return Err(AclError::Syntax(format!(
                "a list of rights goes in parentheses: ({inner})"
            )));
        }
        let mut tokens = Vec::new();
        for token in inner.split(',') {
            let right = Right::parse(token.trim())
                .filter(|r| r.kind() != RightKind::LabelPolicy)
                .ok_or_else(|| AclError::Syntax(format!("unknown right \"{token}\": {hint}")))?;
            if inner.len() == text.len() && right.kind() != RightKind::Simple {
                return Err(AclError::Syntax(format!(
                    "{} is a specific right: write it in parentheses, ({})",
                    right.command_name(),
                    right.command_name()
                )));
            }
            tokens.push(RightToken::Known(right));
        }
        Ok(Rights::Windows(tokens))
    }

    /// Names a mask as icacls does: the largest simple rights it contains, then the specific
    /// rights left over (`0x1301FF` → `M,DC`; `0` → `N`).
    pub fn from_mask(mask: u32) -> Rights {
        if mask == 0 {
            return Rights::simple(Right::NoAccess);
        }
        let mut tokens = Vec::new();
        let mut covered = 0u32;
        for &(right, _, _, bits, kind) in TABLE {
            let wanted = match kind {
                RightKind::Simple => bits != 0 && mask & bits == bits && covered & bits != bits,
                RightKind::Specific => mask & bits != 0 && covered & bits == 0,
                RightKind::LabelPolicy => false,
            };
            if wanted {
                tokens.push(RightToken::Known(right));
                covered |= bits;
            }
        }
        Rights::Windows(tokens)
    }

    /// The access mask, when every token is a known access right.
    pub fn mask(&self) -> Option<u32> {
        match self {
            Rights::Windows(tokens) => tokens.iter().try_fold(0u32, |acc, t| match t {
                RightToken::Known(r) if r.kind() != RightKind::LabelPolicy => Some(acc | r.mask()),
                _ => None,
            }),
            Rights::Posix(_) => None,
        }
    }

    /// Whether these rights let their holder read a file's data or list a folder.
    pub fn allows_read(&self) -> bool {
        match self {
            Rights::Posix(perms) => perms.has(Perms::R),
            Rights::Windows(tokens) => tokens.iter().any(|t| {
                matches!(t, RightToken::Known(r) if r.kind() != RightKind::LabelPolicy
                    && r.mask() & (0x1 | 0x8000_0000 | 0x1000_0000) != 0)
            }),
        }
    }

    /// What a listing shows inside the parentheses: `RX,W`, `Rc,RD`, or `r-x`.
    pub fn listing(&self) -> String {
        match self {
            Rights::Posix(perms) => perms.to_string(),
            Rights::Windows(tokens) => tokens
                .iter()
                .map(|t| match t {
                    RightToken::Known(r) => r.listing_name(),
                    RightToken::Unknown(s) => s.as_str(),
                })
                .collect::<Vec<_>>()
                .join(","),
        }
    }

    /// The form for an icacls argument: a lone simple right bare (`RX`), anything else in
    /// parentheses with icacls' command spellings (`(RD,RC)`).
    pub fn command(&self) -> String {
        match self {
            Rights::Posix(perms) => format!("({perms})"),
            Rights::Windows(tokens) => match tokens.as_slice() {
                [RightToken::Known(r)] if r.kind() == RightKind::Simple => {
                    r.command_name().to_owned()
                }
                _ => format!(
                    "({})",
                    tokens
                        .iter()
                        .map(|t| match t {
                            RightToken::Known(r) => r.command_name(),
                            RightToken::Unknown(s) => s.as_str(),
                        })
                        .collect::<Vec<_>>()
                        .join(",")
                ),
            },
        }
    }

    /// The POSIX bits these rights map to, or why they have none: `F`/`M` → rwx, `RX` → r-x,
    /// `R` → r--, `W` → -w-, `N` → ---; specific rights by their read, write or execute part.
    pub fn to_posix(&self) -> Result<Perms, AclError> {
        let tokens = match self {
            Rights::Posix(perms) => return Ok(*perms),
            Rights::Windows(tokens) => tokens,
        };
        let mut perms = Perms(0);
        let mut unmapped = Vec::new();
        for token in tokens {
            let bits = match token {
                RightToken::Known(right) => posix_bits(*right),
                RightToken::Unknown(_) => None,
            };
            match bits {
                Some(bits) => perms.0 |= bits,
                None => unmapped.push(match token {
                    RightToken::Known(r) => r.command_name().to_owned(),
                    RightToken::Unknown(s) => s.clone(),
                }),
            }
        }
        if unmapped.is_empty() {
            Ok(perms)
        } else {
            Err(AclError::Unsupported(format!(
                "POSIX ACLs have no equivalent of {}: they know read (RD, R), write (WD, AD, W) and execute (X); use those, or RX, R, W, M or F",
                unmapped.join(", ")
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(mask: u32) -> String {
        Rights::from_mask(mask).listing()
    }

    #[test]
    fn every_right_has_one_row() {
        for &(right, command, listing, _, _) in TABLE {
            assert_eq!(TABLE.iter().filter(|r| r.0 == right).count(), 1);
            assert_eq!(Right::parse(command), Some(right));
            assert_eq!(Right::parse(listing), Some(right));
            assert_eq!(Right::parse(&command.to_lowercase()), Some(right));
        }
    }

    #[test]
    fn masks_are_named_as_icacls_names_them() {
        // Each pair is a mask and the text real icacls listings print for it.
        let table = [
            (0x001F_01FF, "F"),
            (0x0013_01BF, "M"),
            (0x0012_00A9, "RX"),
            (0x0012_0089, "R"),
            (0x0010_0116, "W"),
            (0, "N"),
            (0x0013_01BF | 0x40, "M,DC"),
            (0x0013_01BF | 0x40 | 0x0008_0000, "M,WO,DC"),
            (0x0012_00A9 | 0x0010_0116, "RX,W"),
            (0x0012_00A9 | 0x0008_0000, "RX,WO"),
            (0x0012_00A9 | 0x40, "RX,DC"),
            (0x0008_0000 | 0x0010_0000, "WO,S"),
            (0x0010_0021, "S,RD,X"),
            (0x0002_00A9, "Rc,RD,REA,X,RA"),
            (0x0000_0116, "WD,AD,WEA,WA"),
            (
                0x0001_0000 | 0x0004_0000 | 0x0008_0000 | 0x2 | 0x40,
                "DE,WDAC,WO,WD,DC",
            ),
            (0x8000_0000 | 0x2000_0000, "GR,GE"),
            (0x4, "AD"),
        ];
        for (mask, text) in table {
            assert_eq!(listed(mask), text, "mask {mask:#x}");
            assert_eq!(Rights::parse_group(text).mask(), Some(mask), "{text}");
        }
    }

    #[test]
    fn command_rights_are_bare_simple_rights_or_lists_in_parentheses() {
        assert_eq!(
            Rights::parse_command("RX").map(|r| r.command()),
            Ok(String::from("RX"))
        );
        assert_eq!(
            Rights::parse_command("(rd,wd,ad)").map(|r| r.command()),
            Ok(String::from("(RD,WD,AD)"))
        );
        assert_eq!(
            Rights::parse_command("(F)").map(|r| r.command()),
            Ok(String::from("F"))
        );
        assert_eq!(
            Rights::parse_command("(W,D)").map(|r| r.command()),
            Ok(String::from("(W,D)"))
        );
        assert_eq!(
            Rights::parse_command("(Rc,S)").map(|r| r.command()),
            Ok(String::from("(RC,S)"))
        );
        for bad in ["", "()", "RXW", "RD", "RD,WD", "(RD,XX)", "(NW)", "(RD,)"] {
            assert!(Rights::parse_command(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn posix_mapping_follows_the_issue_and_refuses_the_rest() {
        let posix = |t: &str| {
            Rights::parse_command(t)
                .and_then(|r| r.to_posix())
                .map(|p| p.to_string())
        };
        assert_eq!(posix("F"), Ok(String::from("rwx")));
        assert_eq!(posix("M"), Ok(String::from("rwx")));
        assert_eq!(posix("RX"), Ok(String::from("r-x")));
        assert_eq!(posix("R"), Ok(String::from("r--")));
        assert_eq!(posix("W"), Ok(String::from("-w-")));
        assert_eq!(posix("N"), Ok(String::from("---")));
        assert_eq!(posix("(RD,X,S,RA)"), Ok(String::from("r-x")));
        assert_eq!(posix("(r-x)"), Ok(String::from("r-x")));
        for refused in ["D", "(WDAC)", "(RD,WO)", "(DE)", "(DC)"] {
            let err = posix(refused).expect_err(refused);
            assert!(err.to_string().contains("no equivalent"), "{err}");
        }
    }

    #[test]
    fn read_access_is_read_data_or_generic_read() {
        for (text, reads) in [
            ("RX", true),
            ("M,DC", true),
            ("GR,GE", true),
            ("W", false),
            ("N", false),
            ("WD,AD,WEA,WA", false),
            ("NW", false),
            ("r--", true),
            ("-wx", false),
        ] {
            assert_eq!(Rights::parse_group(text).allows_read(), reads, "{text}");
        }
    }
}
