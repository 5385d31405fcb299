//! POSIX permission bits (`r-x`) and what each icacls right maps to in them: `F`/`M` → rwx,
//! `RX` → r-x, `R` → r--, `W` → -w-; rights POSIX has no bit for map to nothing.

use std::fmt;

use super::rights::Right;

/// POSIX permission bits: read 4, write 2, execute 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Perms(pub u8);

impl Perms {
    pub const R: u8 = 4;
    pub const W: u8 = 2;
    pub const X: u8 = 1;

    /// `r-x` → 5; `None` for anything but three `r`/`-`, `w`/`-`, `x`/`-` characters.
    pub fn parse(text: &str) -> Option<Perms> {
        let b = text.as_bytes();
        if b.len() != 3 {
            return None;
        }
        let bit = |c: u8, letter: u8, value: u8| match c {
            c if c == letter => Some(value),
            b'-' => Some(0),
            _ => None,
        };
        Some(Perms(
            bit(b[0], b'r', Perms::R)? | bit(b[1], b'w', Perms::W)? | bit(b[2], b'x', Perms::X)?,
        ))
    }

    pub fn has(self, bits: u8) -> bool {
        self.0 & bits == bits
    }

    pub fn union(self, other: Perms) -> Perms {
        Perms(self.0 | other.0)
    }

    pub fn intersect(self, other: Perms) -> Perms {
        Perms(self.0 & other.0)
    }
}

impl fmt::Display for Perms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = |bit: u8, letter: char| if self.0 & bit != 0 { letter } else { '-' };
        write!(
            f,
            "{}{}{}",
            c(Perms::R, 'r'),
            c(Perms::W, 'w'),
            c(Perms::X, 'x')
        )
    }
}

/// The POSIX bits of one right; `None` where POSIX has no equivalent (delete, change
/// permissions, take ownership, …). Synchronize and reading attributes or permissions come
/// with any access on POSIX, so they add no bit.
pub(crate) fn posix_bits(right: Right) -> Option<u8> {
    let (r, w, x) = (Perms::R, Perms::W, Perms::X);
    Some(match right {
        Right::Full | Right::Modify | Right::GenericAll => r | w | x,
        Right::ReadExecute => r | x,
        Right::Read | Right::ReadData | Right::GenericRead => r,
        Right::Write | Right::WriteData | Right::AppendData | Right::GenericWrite => w,
        Right::Execute | Right::GenericExecute => x,
        Right::NoAccess
        | Right::Synchronize
        | Right::ReadAttributes
        | Right::ReadExtendedAttributes
        | Right::ReadControl => 0,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perms_parse_and_print() {
        assert_eq!(Perms::parse("r-x"), Some(Perms(5)));
        assert_eq!(
            Perms::parse("rwx").map(|p| p.to_string()),
            Some("rwx".into())
        );
        assert_eq!(Perms::parse("xwr"), None);
        assert_eq!(Perms::parse("rw"), None);
    }
}
