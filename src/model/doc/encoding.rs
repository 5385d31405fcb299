//! The file's byte encoding: UTF-8 with or without a byte-order mark, or UTF-16 (LE/BE).
//! Decoding keeps the UTF-8 BOM in the text (as U+FEFF) so printing is a plain copy; UTF-16 is
//! decoded for editing and re-encoded on print, and refused if it would not round-trip.

use super::error::{Location, ParseError};
use super::position::location_of;

/// How the document's text is stored on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16 { big_endian: bool, bom: bool },
}

impl Encoding {
    pub fn label(&self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16 {
                big_endian: false, ..
            } => "UTF-16LE",
            Encoding::Utf16 {
                big_endian: true, ..
            } => "UTF-16BE",
        }
    }
}

/// Whether the bytes look like UTF-16 (by BOM or by `<?` spelled in UTF-16).
pub fn is_utf16(bytes: &[u8]) -> bool {
    utf16_kind(bytes).is_some()
}

fn utf16_kind(bytes: &[u8]) -> Option<(bool, bool)> {
    match bytes {
        [0xFF, 0xFE, ..] => Some((false, true)),
        [0xFE, 0xFF, ..] => Some((true, true)),
        [b'<', 0, b'?', 0, ..] => Some((false, false)),
        [0, b'<', 0, b'?', ..] => Some((true, false)),
        _ => None,
    }
}

/// Decodes raw file bytes into text, remembering how to encode it back.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), ParseError> {
    match utf16_kind(bytes) {
        Some((big_endian, bom)) => decode_utf16(bytes, big_endian, bom),
        None => match std::str::from_utf8(bytes) {
            Ok(text) => Ok((text.to_owned(), Encoding::Utf8)),
            Err(err) => Err(not_utf8(bytes, err.valid_up_to())),
        },
    }
}

pub(crate) fn not_utf8(bytes: &[u8], valid_up_to: usize) -> ParseError {
    // The valid prefix is UTF-8 by definition, so the location can be computed on it.
    let prefix = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default();
    let declared = declared_encoding(prefix);
    let hint = match declared {
        Some(enc) if !enc.eq_ignore_ascii_case("utf-8") => {
            format!(" (the file declares encoding \"{enc}\"; only UTF-8 and UTF-16 are supported)")
        }
        _ => String::from(" (this does not look like a UTF-8 or UTF-16 text file)"),
    };
    ParseError::new(
        location_of(prefix, valid_up_to),
        format!("invalid UTF-8 byte 0x{:02X}{hint}", bytes[valid_up_to]),
    )
}

fn declared_encoding(prefix: &str) -> Option<&str> {
    let decl_end = prefix.find("?>")?;
    let decl = &prefix[..decl_end];
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next()?;
    let rest = &rest[1..];
    Some(&rest[..rest.find(quote)?])
}

fn decode_utf16(
    bytes: &[u8],
    big_endian: bool,
    bom: bool,
) -> Result<(String, Encoding), ParseError> {
    let start_loc = Location { line: 1, column: 1 };
    if bytes.len() % 2 != 0 {
        return Err(ParseError::new(
            start_loc,
            "UTF-16 file has an odd number of bytes (truncated?)",
        ));
    }
    let units = bytes.chunks_exact(2).skip(usize::from(bom)).map(|pair| {
        if big_endian {
            u16::from_be_bytes([pair[0], pair[1]])
        } else {
            u16::from_le_bytes([pair[0], pair[1]])
        }
    });
    let mut text = String::with_capacity(bytes.len() / 2 + 3);
    if bom {
        text.push('\u{feff}');
    }
    for unit in char::decode_utf16(units) {
        match unit {
            Ok(c) => text.push(c),
            Err(_) => {
                return Err(ParseError::new(
                    location_of(&text, text.len()),
                    "invalid UTF-16 (unpaired surrogate); refusing to edit a file that would not round-trip",
                ));
            }
        }
    }
    let encoding = Encoding::Utf16 { big_endian, bom };
    if encode(&text, encoding) != bytes {
        return Err(ParseError::new(
            start_loc,
            "UTF-16 file does not round-trip; refusing to edit it",
        ));
    }
    Ok((text, encoding))
}

/// Encodes text back into the bytes of its original encoding.
pub fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf16 { big_endian, .. } => {
            // A UTF-16 BOM lives in the text as U+FEFF, so it is encoded like any character.
            let mut out = Vec::with_capacity(text.len() * 2);
            for unit in text.encode_utf16() {
                let pair = if big_endian {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                };
                out.extend_from_slice(&pair);
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_round_trips_with_and_without_bom() {
        for (big_endian, bom) in [(false, true), (true, true), (false, false), (true, false)] {
            let mut text = String::new();
            if bom {
                text.push('\u{feff}');
            }
            text.push_str("<?xml version=\"1.0\" encoding=\"utf-16\"?>\r\n<a b=\"é\"/>");
            let enc = Encoding::Utf16 { big_endian, bom };
            let bytes = encode(&text, enc);
            let (decoded, detected) = decode(&bytes).expect("decodes");
            assert_eq!(decoded, text);
            assert_eq!(detected, enc);
        }
    }

    #[test]
    fn latin1_is_refused_with_location_and_hint() {
        let bytes = b"<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n<a b=\"caf\xe9\"/>";
        let err = decode(bytes).expect_err("not utf-8");
        assert_eq!(
            err.location,
            Location {
                line: 2,
                column: 10
            }
        );
        assert!(err.message.contains("iso-8859-1"), "{}", err.message);
    }
}
