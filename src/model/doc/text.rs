//! Escaping and unescaping of XML character data and attribute values, and the check that
//! every `&…;` reference in a stretch of markup is one XML knows.

use std::borrow::Cow;

/// Escapes a value for an attribute quoted with `quote` (`"` or `'`). Tabs and newlines are
/// written as character references so attribute-value normalisation cannot change them.
pub fn escape_attr(value: &str, quote: char) -> Cow<'_, str> {
    let needs = |c: char| matches!(c, '&' | '<' | '\t' | '\n' | '\r') || c == quote;
    if !value.chars().any(needs) {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '\t' => out.push_str("&#x9;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            '"' if quote == '"' => out.push_str("&quot;"),
            '\'' if quote == '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Escapes element text content.
pub fn escape_text(value: &str) -> Cow<'_, str> {
    if !value.contains(['&', '<', '>']) {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len() + 8);
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Unescapes a raw attribute value: references are resolved and literal whitespace is
/// normalised to spaces, as an XML parser (and IIS) reads it.
pub fn unescape_attr(raw: &str) -> Cow<'_, str> {
    // A byte loop: most values have none of these, and a char-set `contains` is slower.
    if !raw
        .bytes()
        .any(|b| matches!(b, b'&' | b'\t' | b'\n' | b'\r'))
    {
        return Cow::Borrowed(raw);
    }
    let normalised = raw.replace("\r\n", " ").replace(['\t', '\n', '\r'], " ");
    Cow::Owned(resolve_references(&normalised))
}

/// Unescapes raw text content (references resolved, whitespace kept).
pub fn unescape_text(raw: &str) -> Cow<'_, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    Cow::Owned(resolve_references(raw))
}

fn resolve_references(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match after
            .find(';')
            .and_then(|semi| resolve(&after[..semi]).map(|c| (semi, c)))
        {
            Some((semi, c)) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference name (between `&` and `;`) stands for.
pub fn resolve(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let code = if let Some(hex) = name.strip_prefix("#x") {
                u32::from_str_radix(hex, 16).ok()?
            } else {
                name.strip_prefix('#')?.parse::<u32>().ok()?
            };
            char::from_u32(code).filter(|c| is_xml_char(*c))
        }
    }
}

/// Whether `c` may appear in an XML 1.0 document.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Checks every `&` in `raw` starts a known reference; returns the byte offset of the first bad
/// one with a message.
pub fn check_references(raw: &str) -> Result<(), (usize, String)> {
    let mut search = 0;
    while let Some(found) = raw[search..].find('&') {
        let amp = search + found;
        let after = &raw[amp + 1..];
        let end = after.find(|c: char| {
            c == ';' || c == '&' || c == '<' || c.is_whitespace() || c == '"' || c == '\''
        });
        match end {
            Some(semi) if after.as_bytes()[semi] == b';' => {
                let name = &after[..semi];
                if resolve(name).is_none() {
                    let msg = if name.starts_with('#') {
                        format!("invalid character reference &{name};")
                    } else {
                        format!(
                            "unknown entity &{name}; (XML knows &amp; &lt; &gt; &quot; &apos; and &#N;)"
                        )
                    };
                    return Err((amp, msg));
                }
                search = amp + 1 + semi + 1;
            }
            _ => {
                return Err((
                    amp,
                    String::from("'&' must be written as &amp; (or start a reference like &lt;)"),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_and_unescape_are_inverse() {
        for value in [
            "plain",
            "a&b",
            "<x>",
            "say \"hi\"",
            "it's",
            "tab\there",
            "line\nbreak",
            "&amp;",
        ] {
            for quote in ['"', '\''] {
                let escaped = escape_attr(value, quote);
                assert!(!escaped.contains(quote), "{escaped}");
                assert_eq!(unescape_attr(&escaped), value);
            }
            assert_eq!(unescape_text(&escape_text(value)), value);
        }
    }

    #[test]
    fn references_are_checked() {
        assert!(check_references("a &amp; b &#65; &#x41;").is_ok());
        assert_eq!(check_references("x &nbsp; y").map_err(|e| e.0), Err(2));
        assert_eq!(check_references("AT&T").map_err(|e| e.0), Err(2));
        assert!(check_references("&#0;").is_err());
        assert_eq!(unescape_attr("a&#10;b\r\nc"), "a\nb c");
    }
}
