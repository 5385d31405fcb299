//! Quoting a command line for the shell it will be pasted into (POSIX single quotes, or
//! PowerShell), and escaping text for a terminal (control and bidi characters made visible).
// TODO(lead): use the shared quoting helper (branch h-output) once it lands, and drop this file.

use std::fmt::Write as _;

/// The shell a command line is shown for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shell {
    Posix,
    PowerShell,
}

impl Shell {
    /// PowerShell on Windows, a POSIX shell elsewhere.
    pub fn native() -> Shell {
        if cfg!(windows) {
            Shell::PowerShell
        } else {
            Shell::Posix
        }
    }

    /// One argument, quoted when it needs it.
    pub fn quote(self, arg: &str) -> String {
        match self {
            Shell::Posix => quote_posix(arg),
            Shell::PowerShell => quote_powershell(arg),
        }
    }

    /// A program and its arguments as one line to copy.
    pub fn command_line<S: AsRef<str>>(self, program: &str, args: &[S]) -> String {
        let mut line = self.quote(program);
        for arg in args {
            line.push(' ');
            line.push_str(&self.quote(arg.as_ref()));
        }
        line
    }
}

/// Bidirectional-text controls that can make a line read differently from what it runs.
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi(c)
}

fn quote_posix(arg: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "@%+=:,./-_".contains(c);
    if !arg.is_empty() && arg.chars().all(plain) {
        return arg.to_owned();
    }
    if arg.chars().any(is_unsafe) {
        // $'…' (bash, zsh, ksh): the only quoting that can spell a control character visibly.
        let mut out = String::from("$'");
        for c in arg.chars() {
            match c {
                '\'' => out.push_str("\\'"),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                c if is_unsafe(c) && (c as u32) < 0x80 => {
                    let _ = write!(out, "\\x{:02x}", c as u32);
                }
                c if is_unsafe(c) => {
                    let _ = write!(out, "\\u{:04x}", c as u32);
                }
                c => out.push(c),
            }
        }
        out.push('\'');
        return out;
    }
    format!("'{}'", arg.replace('\'', r"'\''"))
}

fn quote_powershell(arg: &str) -> String {
    // No `,`: PowerShell reads `a,b` as an array.
    let plain = |c: char| c.is_ascii_alphanumeric() || "%+=:./-_\\".contains(c);
    if !arg.is_empty() && arg.chars().all(plain) && !arg.starts_with('-') {
        return arg.to_owned();
    }
    if arg.chars().any(is_unsafe) {
        // A double-quoted string, where a backtick spells what cannot be shown.
        let mut out = String::from("\"");
        for c in arg.chars() {
            match c {
                '`' | '$' | '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' => {
                    out.push('`');
                    out.push(c);
                }
                '\n' => out.push_str("`n"),
                '\r' => out.push_str("`r"),
                '\t' => out.push_str("`t"),
                '\0' => out.push_str("`0"),
                c if is_unsafe(c) => {
                    let _ = write!(out, "`u{{{:x}}}", c as u32);
                }
                c => out.push(c),
            }
        }
        out.push('"');
        return out;
    }
    // Single quotes: only a quote (straight or curly) needs doubling.
    let mut out = String::from("'");
    for c in arg.chars() {
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}') {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// Text from a file, a path or a tool, safe to print: control and bidi characters become
/// visible escapes (`\n`, `\u{202e}`).
// TODO(lead): use the shared escape helper (branch h-output) once it lands.
pub fn escape_for_terminal(text: &str) -> String {
    if !text.chars().any(is_unsafe) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posix_quoting() {
        let q = |s| Shell::Posix.quote(s);
        assert_eq!(q("/srv/site"), "/srv/site");
        assert_eq!(q("group:users:(OI)(CI)RX"), "'group:users:(OI)(CI)RX'");
        assert_eq!(q("it's"), r"'it'\''s'");
        assert_eq!(q(""), "''");
        assert_eq!(q("a\nb"), r"$'a\nb'");
        assert_eq!(q("x\u{202e}y'"), r"$'x\u202ey\''");
        assert_eq!(q("$(rm -rf /)"), "'$(rm -rf /)'");
        assert_eq!(q("\u{9b}"), r"$'\u009b'");
    }

    #[test]
    fn powershell_quoting() {
        let q = |s| Shell::PowerShell.quote(s);
        assert_eq!(q(r"C:\sites\shop"), r"C:\sites\shop");
        assert_eq!(q("/grant"), "/grant");
        assert_eq!(
            q(r"IIS AppPool\Shop:(OI)(CI)RX"),
            r"'IIS AppPool\Shop:(OI)(CI)RX'"
        );
        assert_eq!(q("it's"), "'it''s'");
        assert_eq!(q("it\u{2019}s"), "'it\u{2019}\u{2019}s'");
        assert_eq!(q("$env:x"), "'$env:x'");
        assert_eq!(q("-x"), "'-x'");
        assert_eq!(q("a,b"), "'a,b'");
        assert_eq!(q("a\nb$"), "\"a`nb`$\"");
        assert_eq!(q("a\u{202e}b"), "\"a`u{202e}b\"");
    }

    #[test]
    fn terminal_text_shows_controls_and_bidi_as_escapes() {
        assert_eq!(escape_for_terminal("plain text"), "plain text");
        assert_eq!(escape_for_terminal("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape_for_terminal("x\ny"), "x\\ny");
        assert_eq!(escape_for_terminal("abc\u{202e}def"), "abc\\u{202e}def");
        assert_eq!(escape_for_terminal("\u{9b}"), "\\u{9b}");
    }
}
