//! Lexes the attributes inside one start tag, recording the span of every name and value and
//! the quote character, and refusing what XML forbids (duplicates, unquoted values, `<`, bad
//! references, missing whitespace between attributes). Works on bytes with a class table: this
//! loop runs for every attribute of a 10,000-site file.

use super::node::Attr;
use super::text::check_references;

/// A lexing failure: byte offset (absolute) and message.
pub(crate) type LexError = (usize, String);

const WS: u8 = 1;
/// Bytes that end an attribute name.
const STOP: u8 = 2;

static CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    table[b' ' as usize] = WS | STOP;
    table[b'\t' as usize] = WS | STOP;
    table[b'\r' as usize] = WS | STOP;
    table[b'\n' as usize] = WS | STOP;
    table[b'=' as usize] = STOP;
    table[b'"' as usize] = STOP;
    table[b'\'' as usize] = STOP;
    table[b'<' as usize] = STOP;
    table[b'>' as usize] = STOP;
    table[b'/' as usize] = STOP;
    table
};

fn skip_ws(bytes: &[u8], mut i: usize, to: usize) -> usize {
    while i < to && CLASS[bytes[i] as usize] & WS != 0 {
        i += 1;
    }
    i
}

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
        i = skip_ws(bytes, i, to);
        if i >= to {
            break;
        }
        if i == ws_start {
            return Err((i, String::from("expected whitespace before attribute name")));
        }
        let name_start = i;
        while i < to && CLASS[bytes[i] as usize] & STOP == 0 {
            i += 1;
        }
        if i == name_start {
            let c = text.get(i..).and_then(|s| s.chars().next()).unwrap_or(' ');
            return Err((i, format!("unexpected character '{c}' in tag")));
        }
        let name = &bytes[name_start..i];
        i = skip_ws(bytes, i, to);
        if i >= to || bytes[i] != b'=' {
            return Err((
                name_start,
                format!(
                    "attribute '{}' has no value (expected '=\"…\"')",
                    lossy(name)
                ),
            ));
        }
        i = skip_ws(bytes, i + 1, to);
        if i >= to || !matches!(bytes[i], b'"' | b'\'') {
            return Err((
                i.min(to),
                format!("value of attribute '{}' must be quoted", lossy(name)),
            ));
        }
        let quote = bytes[i];
        let value_start = i + 1;
        let value_end = match memchr::memchr(quote, &bytes[value_start..to]) {
            Some(p) => value_start + p,
            None => {
                return Err((
                    i,
                    format!("value of attribute '{}' is not closed", lossy(name)),
                ));
            }
        };
        let value = &bytes[value_start..value_end];
        if let Some(special) = memchr::memchr2(b'<', b'&', value) {
            if let Some(lt) = memchr::memchr(b'<', &value[special..]) {
                return Err((
                    value_start + special + lt,
                    format!(
                        "'<' is not allowed in the value of attribute '{}' (write &lt;)",
                        lossy(name)
                    ),
                ));
            }
            check_references(&text[value_start..value_end])
                .map_err(|(at, msg)| (value_start + at, msg))?;
        }
        if out[first..]
            .iter()
            .any(|a| a.name_len as usize == name.len() && &bytes[a.name_range()] == name)
        {
            return Err((name_start, format!("duplicate attribute '{}'", lossy(name))));
        }
        let name_len = u16::try_from(name.len())
            .map_err(|_| (name_start, String::from("attribute name is too long")))?;
        out.push(Attr {
            name_start: name_start as u32,
            value_start: value_start as u32,
            value_len: (value_end - value_start) as u32,
            name_len,
            quote,
        });
        i = value_end + 1;
    }
    let count = out.len() - first;
    u16::try_from(count).map_err(|_| (from, String::from("too many attributes on one element")))
}

fn lossy(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}
