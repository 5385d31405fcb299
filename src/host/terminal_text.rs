//! Text made safe for a terminal. Every string that came from a file, a path or the command line
//! goes through [`escape`] before the CLI prints it or the TUI draws it: control characters
//! (C0 with CR/LF/TAB, DEL, C1), bidi controls and invisible format characters (the list in
//! `model::invisible`) become visible escapes (`\n`, `\t`, `\x1b`, `\u{202e}`), so a name cannot
//! forge a row, move the cursor, retitle the window or reverse what follows it. Clean text is
//! borrowed, not copied (lists of 10,000 rows pass through here). JSON gets the same treatment
//! in JSON's own escapes ([`escape_json`]), so it stays valid JSON with the same values.

use std::borrow::Cow;
use std::fmt::Write;

use crate::model::invisible::is_invisible;

/// Index of the first character of `text` that `hidden` picks.
fn first(text: &str, hidden: impl Fn(char) -> bool) -> Option<usize> {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return None;
    }
    text.char_indices()
        .find(|(_, c)| hidden(*c))
        .map(|(i, _)| i)
}

/// `text` with each character `hidden` picks written by `write`; borrowed when there is none.
fn rewrite(
    text: &str,
    hidden: impl Fn(char) -> bool,
    write: impl Fn(&mut String, char),
) -> Cow<'_, str> {
    let Some(start) = first(text, &hidden) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..start]);
    for c in text[start..].chars() {
        if hidden(c) {
            write(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\0'..='\u{1f}' | '\u{7f}' => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        _ => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// `text` with every control, bidi and invisible format character shown as a visible escape.
pub fn escape(text: &str) -> Cow<'_, str> {
    rewrite(text, is_invisible, push_escaped)
}

/// Multi-line text (a diff, a file excerpt) escaped line by line: the line breaks stay (a
/// `\r\n` ending counts as one), everything else invisible is escaped.
pub fn escape_lines(text: &str) -> Cow<'_, str> {
    let lines = || {
        text.split_inclusive('\n')
            .map(|line| match line.strip_suffix('\n') {
                Some(body) => (body.strip_suffix('\r').unwrap_or(body), true),
                None => (line, false),
            })
    };
    if lines().all(|(body, _)| first(body, is_invisible).is_none()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (body, newline) in lines() {
        out.push_str(&escape(body));
        if newline {
            out.push('\n');
        }
    }
    Cow::Owned(out)
}

/// Serialized JSON with the invisible characters its serializer leaves raw (DEL, C1, bidi and
/// format characters; serde already escapes C0) written as `\uXXXX` escapes. They can only occur
/// inside strings, so the result is valid JSON with the same values.
pub fn escape_json(json: &str) -> Cow<'_, str> {
    rewrite(
        json,
        |c| c >= ' ' && is_invisible(c),
        |out, c| {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        for text in [
            "Default Web Site",
            "café",
            "C:\\inetpub\\wwwroot",
            "",
            "中文 😀",
        ] {
            assert!(matches!(escape(text), Cow::Borrowed(_)), "{text}");
            assert!(matches!(escape_json(text), Cow::Borrowed(_)), "{text}");
        }
        assert!(matches!(escape_lines("a\r\nb\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn controls_and_bidi_become_visible_escapes() {
        assert_eq!(
            escape("lf\nSITE \"fake\"\r\t\u{1b}]0;x\u{7}\u{7f}"),
            "lf\\nSITE \"fake\"\\r\\t\\x1b]0;x\\x07\\x7f"
        );
        assert_eq!(
            escape("evil\u{202e}gpj.exe\u{9b}\u{200d}\u{feff}\u{2028}\u{2066}"),
            "evil\\u{202e}gpj.exe\\u{9b}\\u{200d}\\u{feff}\\u{2028}\\u{2066}"
        );
        assert_eq!(escape("é\u{0}"), "é\\x00");
    }

    #[test]
    fn every_invisible_character_is_gone_from_the_output() {
        let all: String = (0..=0x10ffff_u32).filter_map(char::from_u32).collect();
        let escaped = escape(&all);
        assert!(!escaped.chars().any(is_invisible));
        let lines = escape_lines(&all);
        assert!(!lines.chars().any(|c| is_invisible(c) && c != '\n'));
    }

    #[test]
    fn lines_keep_their_breaks() {
        assert_eq!(
            escape_lines("-a\u{202e}\r\n+b\x1b[2J\n"),
            "-a\\u{202e}\n+b\\x1b[2J\n"
        );
        assert_eq!(escape_lines("a\rb\r\n"), "a\\rb\n");
        assert_eq!(escape_lines("a\r"), "a\\r");
    }

    #[test]
    fn json_stays_json_with_the_same_values() {
        let value = serde_json::json!({"name": "a\u{202e}b\u{7f}\u{85}\u{e0041}\n\"", "n": 1});
        for json in [
            serde_json::to_string(&value).expect("json"),
            serde_json::to_string_pretty(&value).expect("json"),
        ] {
            let safe = escape_json(&json);
            assert!(
                !safe.chars().any(|c| is_invisible(c) && c != '\n'),
                "{safe}"
            );
            assert!(
                safe.contains("\\u202e") && safe.contains("\\udb40\\udc41"),
                "{safe}"
            );
            let back: serde_json::Value = serde_json::from_str(&safe).expect("still JSON");
            assert_eq!(back, value);
        }
    }
}
