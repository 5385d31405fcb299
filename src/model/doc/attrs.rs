//! Lexes the attributes inside one start tag, recording the span of every name and value and
//! the quote character, and refusing what XML forbids (duplicates, unquoted values, `<`, bad
//! references, missing whitespace between attributes). Works on bytes with a class table: this
//! loop runs for every attribute of a 10,000-site file.

use std::collections::HashSet;

use super::node::Attr;
use super::text::check_references;

/// A lexing failure: byte offset (absolute) and message.
pub(crate) type LexError = (usize, String);

/// Up to this many attributes on one element a new name is compared with each earlier one (no
/// allocation, the common case); past it the names go into a hash set, so that an element with
/// 200,000 attributes is checked in linear time rather than quadratic.
const LINEAR_DUPLICATE_CHECK: usize = 16;

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
/// `out`. Returns the number of attributes found; more than `budget` is an error (the document's
/// attribute limit, less what earlier elements used).
pub(crate) fn lex_attributes(
    text: &str,
    from: usize,
    to: usize,
    out: &mut Vec<Attr>,
    budget: usize,
) -> Result<u32, LexError> {
    let bytes = text.as_bytes();
    let first = out.len();
    // Names of this element's attributes, once there are more than `LINEAR_DUPLICATE_CHECK`.
    // std's randomly keyed hasher: names come from the file, so collisions must not be craftable.
    let mut names: Option<HashSet<&[u8]>> = None;
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
        let duplicate = if out.len() - first < LINEAR_DUPLICATE_CHECK {
            out[first..]
                .iter()
                .any(|a| a.name_len as usize == name.len() && &bytes[a.name_range()] == name)
        } else {
            let names = names.get_or_insert_with(|| {
                out[first..]
                    .iter()
                    .map(|a| &bytes[a.name_range()])
                    .collect()
            });
            !names.insert(name)
        };
        if duplicate {
            return Err((name_start, format!("duplicate attribute '{}'", lossy(name))));
        }
        let name_len = u16::try_from(name.len())
            .map_err(|_| (name_start, String::from("attribute name is too long")))?;
        if out.len() - first >= budget {
            return Err((name_start, super::limits::too_many_attributes()));
        }
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
    u32::try_from(count).map_err(|_| (from, String::from("too many attributes on one element")))
}

fn lossy(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

#[cfg(test)]
mod tests {
    use crate::model::doc::Document;

    /// `<e a0="x" a1="x" …>` with `count` attributes, and attribute `copy`'s name written again
    /// in place of attribute `at`.
    fn element_with(count: usize, duplicate: Option<(usize, usize)>) -> String {
        let names: Vec<String> = (0..count)
            .map(|i| match duplicate {
                Some((copy, at)) if i == at => format!("a{copy}"),
                _ => format!("a{i}"),
            })
            .collect();
        let attrs: Vec<String> = names.iter().map(|n| format!(" {n}=\"x\"")).collect();
        format!("<e{}/>", attrs.concat())
    }

    #[test]
    fn many_attributes_on_one_element_parse_and_read() {
        // 100,000 was refused as "too many attributes on one element" after a quadratic check.
        let count = 100_000;
        let doc = Document::parse_str(&element_with(count, None)).expect("parses");
        let root = doc.root();
        assert_eq!(doc.attrs(root).len(), count);
        assert_eq!(
            doc.attr_value(root, "a99999").as_deref(),
            Some("x"),
            "the last attribute reads back"
        );
    }

    #[test]
    fn a_duplicate_is_found_at_any_position() {
        let count = 300;
        // Below, at and above the switch to the hash set, and near the end of a long list.
        let cases = [
            (0, 1),
            (3, 15),
            (0, 16),
            (15, 16),
            (2, 17),
            (16, 17),
            (0, 299),
            (298, 299),
            (150, 200),
        ];
        for (copy, at) in cases {
            let text = element_with(count, Some((copy, at)));
            let err = Document::parse_str(&text).expect_err("duplicate refused");
            assert_eq!(
                err.message,
                format!("duplicate attribute 'a{copy}'"),
                "{copy} at {at}"
            );
            // The error points at the second occurrence.
            let column = text
                .match_indices(&format!(" a{copy}=\""))
                .nth(1)
                .map(|(i, _)| i + 2)
                .expect("second occurrence");
            assert_eq!(err.location.column as usize, column, "{copy} at {at}");
        }
        // The same names without the duplicate parse.
        assert!(Document::parse_str(&element_with(count, None)).is_ok());
    }
}
