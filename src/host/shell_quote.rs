//! Command lines shown for copying (the TUI's "Same as: iistui …"), quoted for the shell they
//! will be pasted into: PowerShell on Windows, a POSIX shell elsewhere. Pasted, every argument
//! arrives exactly as written, whatever it contains (`$(…)`, backquotes, quotes, spaces, a
//! leading `-`), and the line itself stays safe to show: a control, bidi or invisible character
//! is written as an escape the shell expands (`$'\n'` in POSIX shells, `$([char]0x202E)` in
//! PowerShell), never raw.

use std::borrow::Cow;
use std::ffi::OsStr;
use std::fmt::Write;

use crate::model::invisible::is_invisible;

/// The shell a command line is quoted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shell {
    /// sh, bash, zsh, ksh: single quotes; `$'…'` (POSIX.1-2024, bash, zsh, ksh, busybox) only
    /// for text with control or invisible characters.
    Posix,
    /// PowerShell 5.1 and 7: single quotes; double quotes with `$([char]0x…)` only for text
    /// with control or invisible characters.
    PowerShell,
}

impl Shell {
    /// The shell a command shown on this machine is pasted into.
    pub fn native() -> Shell {
        if cfg!(windows) {
            Shell::PowerShell
        } else {
            Shell::Posix
        }
    }

    /// One argument, quoted when it needs to be.
    pub fn quote(self, arg: &str) -> Cow<'_, str> {
        match self {
            Shell::Posix => posix(arg),
            Shell::PowerShell => powershell(arg),
        }
    }

    /// A path or other OS string as one argument. A path that is not Unicode is written byte
    /// for byte (`$'\377'`) in a POSIX shell; PowerShell gets the lossy spelling.
    /// A program and its arguments as one line to copy.
    pub fn command_line<S: AsRef<str>>(self, program: &str, args: &[S]) -> String {
        let mut line = self.quote(program).into_owned();
        for arg in args {
            line.push(' ');
            line.push_str(&self.quote(arg.as_ref()));
        }
        line
    }

    pub fn quote_os(self, arg: &OsStr) -> Cow<'_, str> {
        if let Some(text) = arg.to_str() {
            return self.quote(text);
        }
        #[cfg(unix)]
        if self == Shell::Posix {
            use std::os::unix::ffi::OsStrExt;
            return Cow::Owned(ansi_c(arg.as_bytes()));
        }
        Cow::Owned(self.quote(&arg.to_string_lossy()).into_owned())
    }
}

/// Characters no shell treats specially anywhere in a word.
fn plain(arg: &str, extra: &[u8]) -> bool {
    !arg.is_empty()
        && arg
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-./:=".contains(&b) || extra.contains(&b))
}

/// POSIX: plain words as they are, others in single quotes (`'` written `'\''`).
fn posix(arg: &str) -> Cow<'_, str> {
    if plain(arg, b"@%+,") {
        return Cow::Borrowed(arg);
    }
    if arg.chars().any(is_invisible) {
        return Cow::Owned(ansi_c(arg.as_bytes()));
    }
    Cow::Owned(format!("'{}'", arg.replace('\'', "'\\''")))
}

/// `$'…'` with octal byte escapes for everything invisible (and for bytes that are not UTF-8);
/// octal, because `\x` may swallow a following hex digit in some shells.
fn ansi_c(bytes: &[u8]) -> String {
    let mut out = String::from("$'");
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                '\\' => out.push_str("\\\\"),
                '\'' => out.push_str("\\'"),
                c if is_invisible(c) => {
                    let mut buf = [0u8; 4];
                    for b in c.encode_utf8(&mut buf).bytes() {
                        let _ = write!(out, "\\{b:03o}");
                    }
                }
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            let _ = write!(out, "\\{b:03o}");
        }
    }
    out.push('\'');
    out
}

/// PowerShell's single-quote characters (it reads the typographic ones as quotes too).
const PS_SINGLE_QUOTES: [char; 5] = ['\'', '\u{2018}', '\u{2019}', '\u{201a}', '\u{201b}'];
/// PowerShell's double-quote characters.
const PS_DOUBLE_QUOTES: [char; 4] = ['"', '\u{201c}', '\u{201d}', '\u{201e}'];

/// PowerShell: plain words as they are, others in single quotes (quotes doubled), or in double
/// quotes with escapes when there is something invisible to spell out.
fn powershell(arg: &str) -> Cow<'_, str> {
    if plain(arg, b"\\") && arg != "--%" {
        return Cow::Borrowed(arg);
    }
    if !arg.chars().any(is_invisible) {
        let mut out = String::from("'");
        for c in arg.chars() {
            if PS_SINGLE_QUOTES.contains(&c) {
                out.push(c);
            }
            out.push(c);
        }
        out.push('\'');
        return Cow::Owned(out);
    }
    let mut out = String::from("\"");
    for c in arg.chars() {
        match c {
            '\n' => out.push_str("`n"),
            '\t' => out.push_str("`t"),
            '\r' => out.push_str("`r"),
            '`' | '$' => {
                out.push('`');
                out.push(c);
            }
            c if PS_DOUBLE_QUOTES.contains(&c) => {
                out.push('`');
                out.push(c);
            }
            c if is_invisible(c) && (c as u32) > 0xffff => {
                let _ = write!(out, "$([char]::ConvertFromUtf32(0x{:X}))", c as u32);
            }
            c if is_invisible(c) => {
                let _ = write!(out, "$([char]0x{:X})", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    Cow::Owned(out)
}

/// A command line being built for display, each argument quoted for `shell`.
#[derive(Debug, Clone)]
pub struct CommandLine {
    shell: Shell,
    text: String,
}

impl CommandLine {
    pub fn new(shell: Shell, program: &str) -> CommandLine {
        CommandLine {
            shell,
            text: shell.quote(program).into_owned(),
        }
    }

    /// A word of the command itself (`delete`, `site`, `--demo`).
    pub fn word(mut self, word: &str) -> CommandLine {
        self.text.push(' ');
        self.text.push_str(&self.shell.quote(word));
        self
    }

    /// `--name VALUE`; `--name=VALUE` when the value starts with `-` (so it is not taken for an
    /// option).
    pub fn option(mut self, name: &str, value: &str) -> CommandLine {
        self.text.push(' ');
        if value.starts_with('-') {
            self.text
                .push_str(&self.shell.quote(&format!("{name}={value}")));
        } else {
            self.text.push_str(&self.shell.quote(name));
            self.text.push(' ');
            self.text.push_str(&self.shell.quote(value));
        }
        self
    }

    /// `--name PATH` for a path (or any OS string).
    pub fn path_option(mut self, name: &str, value: &OsStr) -> CommandLine {
        if value.to_str().is_some_and(|v| v.starts_with('-')) {
            return self.option(name, value.to_str().unwrap_or_default());
        }
        self.text.push(' ');
        self.text.push_str(&self.shell.quote(name));
        self.text.push(' ');
        self.text.push_str(&self.shell.quote_os(value));
        self
    }

    /// The objects the command acts on, after `--` when one of them starts with `-`.
    pub fn operands(mut self, operands: &[&str]) -> CommandLine {
        if operands.iter().any(|o| o.starts_with('-')) {
            self.text.push_str(" --");
        }
        for operand in operands {
            self.text.push(' ');
            self.text.push_str(&self.shell.quote(operand));
        }
        self
    }

    pub fn finish(self) -> String {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posix_quotes_only_what_needs_it() {
        assert_eq!(posix("wingtiptoys"), "wingtiptoys");
        assert_eq!(posix("http/*:80:shop"), "'http/*:80:shop'");
        assert_eq!(posix("Default Web Site"), "'Default Web Site'");
        assert_eq!(posix("it's"), "'it'\\''s'");
        assert_eq!(posix("sh$(touch PWNED)`id`"), "'sh$(touch PWNED)`id`'");
        assert_eq!(posix(""), "''");
        assert_eq!(posix("C:\\sites"), "'C:\\sites'");
        assert_eq!(posix("~root"), "'~root'");
        assert_eq!(posix("a\nb"), "$'a\\nb'");
        assert_eq!(posix("x\u{1b}]0;t\u{7}'\\"), "$'x\\033]0;t\\007\\'\\\\'");
        assert_eq!(posix("a\u{202e}b"), "$'a\\342\\200\\256b'");
    }

    #[test]
    fn powershell_quotes_only_what_needs_it() {
        let ps = Shell::PowerShell;
        assert_eq!(ps.quote("C:\\inetpub\\wwwroot"), "C:\\inetpub\\wwwroot");
        assert_eq!(ps.quote("Default Web Site"), "'Default Web Site'");
        assert_eq!(ps.quote("it's"), "'it''s'");
        assert_eq!(ps.quote("it\u{2019}s"), "'it\u{2019}\u{2019}s'");
        assert_eq!(ps.quote("$(calc)`"), "'$(calc)`'");
        assert_eq!(ps.quote("a,b"), "'a,b'");
        assert_eq!(ps.quote("@x"), "'@x'");
        assert_eq!(ps.quote("--%"), "'--%'");
        assert_eq!(ps.quote(""), "''");
        assert_eq!(ps.quote("a\n$b\"`"), "\"a`n`$b`\"``\"");
        assert_eq!(
            ps.quote("a\u{202e}\u{1b}"),
            "\"a$([char]0x202E)$([char]0x1B)\""
        );
        assert_eq!(
            ps.quote("\u{e0041}"),
            "\"$([char]::ConvertFromUtf32(0xE0041))\""
        );
    }

    #[test]
    fn shown_lines_never_hold_invisible_characters() {
        for shell in [Shell::Posix, Shell::PowerShell] {
            let all: String = (0..0x3000_u32).filter_map(char::from_u32).collect();
            assert!(!shell.quote(&all).chars().any(is_invisible), "{shell:?}");
        }
    }

    #[test]
    fn options_and_operands_starting_with_a_dash_stay_values() {
        let line = CommandLine::new(Shell::Posix, "iistui")
            .word("add")
            .word("site")
            .option("--name", "-x y")
            .option("--physical-path", "D:\\s")
            .finish();
        assert_eq!(
            line,
            "iistui add site '--name=-x y' --physical-path 'D:\\s'"
        );
        let line = CommandLine::new(Shell::Posix, "iistui")
            .word("delete")
            .word("site")
            .operands(&["-rf"])
            .finish();
        assert_eq!(line, "iistui delete site -- -rf");
    }

    #[cfg(unix)]
    #[test]
    fn paths_that_are_not_unicode_are_written_byte_for_byte() {
        use std::os::unix::ffi::OsStrExt;
        let path = OsStr::from_bytes(b"/tmp/a\xffb c");
        assert_eq!(Shell::Posix.quote_os(path), "$'/tmp/a\\377b c'");
    }
}
