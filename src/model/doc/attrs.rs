//! Lexes the attributes inside one start tag, recording the span of every name and value and
//! the quote character, and refusing what XML forbids (duplicates, unquoted values, `<`, bad
//! references, missing whitespace between attributes).

use super::node::Attr;
use super::text::check_references;

/// A lexing failure: byte offset (absolute) and message.
pub(crate) type LexError = (usize, String);

/// Lexes `text[from..to]` (everything after the element name up to `>` or `/>`), appending to
/// `out`. Returns the number of attributes found.
pub(crate) fn lex_attributes(
    text: &str,
    from: usize,
    to: usize,
    out: &mut Vec<Attr>,
) -> Result<u16, LexError> {
    let bytes = text.as_bytes();
    let first = out.len();
    let mut i = from;
    loop {
        let ws_start = i;
        while i < to && is_ws(bytes[i]) {
            i += 1;
        }
        if i >= to {
            break;
        }
        if i == ws_start {
            return Err((i, String::from("expected whitespace before attribute name")));
        }
        let name_start = i;
        while i < to
            && !is_ws(bytes[i])
            && !matches!(bytes[i], b'=' | b'"' | b'\'' | b'<' | b'>' | b'/')
        {
            i += 1;
        }
        if i == name_start {
            return Err((
                i,
                format!("unexpected character '{}' in tag", char_at(text, i)),
            ));
        }
        let name = &text[name_start..i];
        while i < to && is_ws(bytes[i]) {
            i += 1;
        }
        if i >= to || bytes[i] != b'=' {
            return Err((
                name_start,
                format!("attribute '{name}' has no value (expected '=\"…\"')"),
            ));
        }
        i += 1;
        while i < to && is_ws(bytes[i]) {
            i += 1;
        }
        if i >= to || !matches!(bytes[i], b'"' | b'\'') {
            return Err((
                i.min(to),
                format!("value of attribute '{name}' must be quoted"),
            ));
        }
        let quote = bytes[i];
        let value_start = i + 1;
        let value_end = match text[value_start..to].bytes().position(|b| b == quote) {
            Some(p) => value_start + p,
            None => return Err((i, format!("value of attribute '{name}' is not closed"))),
        };
        let value = &text[value_start..value_end];
        if let Some(lt) = value.find('<') {
            return Err((
                value_start + lt,
                format!("'<' is not allowed in the value of attribute '{name}' (write &lt;)"),
            ));
        }
        check_references(value).map_err(|(at, msg)| (value_start + at, msg))?;
        if out[first..].iter().any(|a| &text[a.name_range()] == name) {
            return Err((name_start, format!("duplicate attribute '{name}'")));
        }
        if name.len() > u16::MAX as usize {
            return Err((name_start, String::from("attribute name is too long")));
        }
        out.push(Attr {
            name_start: name_start as u32,
            value_start: value_start as u32,
            value_len: (value_end - value_start) as u32,
            name_len: name.len() as u16,
            quote,
        });
        i = value_end + 1;
    }
    let count = out.len() - first;
    u16::try_from(count).map_err(|_| (from, String::from("too many attributes on one element")))
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}
