//! The lossless XML document: the file's text owned once, a compact arena of nodes and
//! attributes with byte spans into it, and text patches as the only way to change it. Printing an
//! unedited document returns the input bytes exactly; every patch returns its exact inverse.

mod arena;
mod attrs;
mod build;
mod edit;
pub mod encoding;
mod error;
pub mod limits;
mod node;
mod parallel;
mod parse;
mod position;
mod read;
mod style;
pub mod text;

use std::sync::OnceLock;

pub use build::NewElement;
pub use edit::{EditError, Patch};
pub use encoding::Encoding;
pub use error::{Location, ParseError};
pub use node::{NodeId, NodeKind};
pub use read::{AttrRef, Children};
pub use style::Style;

use arena::Arena;
use node::{Attr, Node};
use position::LineIndex;

/// A parsed configuration file that prints back byte-for-byte.
#[derive(Debug)]
pub struct Document {
    text: String,
    encoding: Encoding,
    nodes: Arena<Node>,
    attrs: Arena<Attr>,
    root: u32,
    lines: OnceLock<LineIndex>,
    location_queries: std::sync::atomic::AtomicU32,
    style: OnceLock<Style>,
}

impl Clone for Document {
    fn clone(&self) -> Self {
        Document {
            text: self.text.clone(),
            encoding: self.encoding,
            nodes: self.nodes.clone(),
            attrs: self.attrs.clone(),
            root: self.root,
            lines: OnceLock::new(),
            location_queries: Default::default(),
            style: OnceLock::new(),
        }
    }
}

impl Document {
    /// Parses raw file bytes (UTF-8 with or without BOM, or UTF-16), taking ownership so that a
    /// UTF-8 file is never copied.
    pub fn parse(bytes: Vec<u8>) -> Result<Document, ParseError> {
        if encoding::is_utf16(&bytes) {
            let (text, encoding) = encoding::decode(&bytes)?;
            return Document::from_text(text, encoding);
        }
        checked_utf8(&bytes)?;
        // Validated again by std (safe; about 0.2 ms on 12 MB): no unsafe code in the model.
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = e.utf8_error().valid_up_to();
            encoding::not_utf8(e.as_bytes(), valid)
        })?;
        let parsed = parse::parse_checked(&text)?;
        Ok(Document::from_parsed(text, Encoding::Utf8, parsed))
    }

    /// Checks that bytes in any supported encoding parse, without keeping the document (UTF-8
    /// input is checked in place, not copied; ASCII input is not validated twice).
    pub fn parse_str_checked(bytes: &[u8]) -> Result<(), ParseError> {
        if encoding::is_utf16(bytes) {
            return Document::parse(bytes.to_vec()).map(|_| ());
        }
        // The characters were checked; this pass parses without building the arena.
        parse::check_checked(checked_utf8(bytes)?)
    }

    /// Checks the characters of UTF-8 text (no control characters, no U+FFFE/U+FFFF), the part
    /// of [`Document::parse_str_checked`] that is not the markup. Separate from
    /// [`Document::check_markup`] so that the two can run on different threads: the text parses
    /// exactly when both pass, and the characters' error is the one a parse would report.
    pub fn check_characters(text: &str) -> Result<(), ParseError> {
        parse::check_characters(text)
    }

    /// Checks the markup of UTF-8 text without building the arena (see
    /// [`Document::check_characters`] for the other half of a full check).
    pub fn check_markup(text: &str) -> Result<(), ParseError> {
        parse::check_checked(text)
    }

    /// Parses UTF-8 text.
    pub fn parse_str(text: &str) -> Result<Document, ParseError> {
        Document::from_text(text.to_owned(), Encoding::Utf8)
    }

    fn from_text(text: String, encoding: Encoding) -> Result<Document, ParseError> {
        let parsed = parse::parse(&text)?;
        Ok(Document::from_parsed(text, encoding, parsed))
    }

    fn from_parsed(text: String, encoding: Encoding, parsed: parse::Parsed) -> Document {
        Document {
            text,
            encoding,
            nodes: parsed.nodes,
            attrs: parsed.attrs,
            root: parsed.root,
            lines: OnceLock::new(),
            location_queries: Default::default(),
            style: OnceLock::new(),
        }
    }

    /// The decoded text (a UTF-8 byte-order mark stays in it as U+FEFF).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The bytes to write: the text in the file's own encoding.
    pub fn to_bytes(&self) -> Vec<u8> {
        encoding::encode(&self.text, self.encoding)
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The root element.
    pub fn root(&self) -> NodeId {
        NodeId(self.root)
    }

    /// Number of nodes (elements, comments, text, …) in the arena.
    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// 1-based line and column of a byte offset.
    pub fn location(&self, offset: usize) -> Location {
        self.lines
            .get_or_init(|| LineIndex::new(&self.text))
            .location(&self.text, offset)
    }

    /// Where a node starts.
    pub fn node_location(&self, id: NodeId) -> Location {
        self.location(self.node(id).start as usize)
    }

    /// The formatting conventions of this file, detected once.
    pub fn style(&self) -> &Style {
        self.style.get_or_init(|| style::detect(self))
    }

    fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }
}

impl Document {
    /// Replaces the text without re-parsing, so tests can check that a save refuses a
    /// document that does not parse (no public edit can produce one).
    #[cfg(test)]
    pub(crate) fn replace_text_unchecked(&mut self, text: &str) {
        self.text = text.to_owned();
    }
}

/// The bytes as UTF-8 text, after one pass that refuses characters XML forbids and finds out
/// whether the text is ASCII; only non-ASCII text is validated as UTF-8 again.
fn checked_utf8(bytes: &[u8]) -> Result<&str, ParseError> {
    if parse::check_bytes(bytes)? {
        return std::str::from_utf8(bytes).map_err(|e| encoding::not_utf8(bytes, e.valid_up_to()));
    }
    // `check_bytes` found every byte after an optional byte-order mark to be ASCII; std's check
    // of ASCII is a fast scan.
    std::str::from_utf8(bytes).map_err(|e| encoding::not_utf8(bytes, e.valid_up_to()))
}

#[cfg(test)]
mod tests;
