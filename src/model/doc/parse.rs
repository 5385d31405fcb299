//! Builds the node arena from quick-xml's event stream. quick-xml finds the markup; this file
//! records spans, lexes attributes itself (for exact name/value/quote spans) and enforces what
//! quick-xml leaves to the caller: one root, nothing but comments and whitespace around it,
//! known entity references, legal characters, and every element closed by end of file.

use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::attrs::lex_attributes;
use super::encoding::not_utf8;
use super::error::ParseError;
use super::node::{Attr, Node, NodeId, NodeKind};
use super::position::location_of;
use super::text::check_references;

/// The arena produced by a successful parse.
pub(crate) struct Parsed {
    pub nodes: Vec<Node>,
    pub attrs: Vec<Attr>,
    pub root: u32,
}

struct Builder<'t> {
    text: &'t str,
    nodes: Vec<Node>,
    attrs: Vec<Attr>,
    stack: Vec<u32>,
    root: u32,
    root_closed: bool,
    /// Start of a run of consecutive text/reference events not yet recorded.
    pending_text: Option<usize>,
}

/// Parses `text` (which may start with a U+FEFF byte-order mark).
pub(crate) fn parse(text: &str) -> Result<Parsed, ParseError> {
    check_characters(text)?;
    parse_checked(text)
}

/// Parses text whose characters [`check_bytes`] has already accepted.
pub(crate) fn parse_checked(text: &str) -> Result<Parsed, ParseError> {
    if text.len() >= u32::MAX as usize {
        return Err(ParseError::new(
            location_of(text, 0),
            "file is too large (4 GiB or more)",
        ));
    }
    let base = if text.starts_with('\u{feff}') { 3 } else { 0 };
    // Typical configuration files have a node per ~100 bytes and an attribute per ~70; the
    // vectors grow beyond that if needed.
    let mut builder = Builder {
        text,
        nodes: Vec::with_capacity(text.len() / 96 + 16),
        attrs: Vec::with_capacity(text.len() / 64 + 16),
        stack: Vec::with_capacity(32),
        root: NodeId::NONE,
        root_closed: false,
        pending_text: None,
    };
    builder.nodes.push(Node::new(
        NodeKind::Document,
        0,
        text.len() as u32,
        NodeId::NONE,
    ));

    let mut reader = Reader::from_str(&text[base..]);
    reader.config_mut().allow_dangling_amp = true;
    loop {
        let start = base + reader.buffer_position() as usize;
        let event = reader.read_event();
        let end = base + reader.buffer_position() as usize;
        match event {
            Ok(Event::Eof) => break,
            Ok(Event::Text(_)) | Ok(Event::GeneralRef(_)) => {
                builder.pending_text.get_or_insert(start);
            }
            Ok(event) => {
                builder.flush_text(start)?;
                builder.markup(event, start, end)?;
            }
            Err(err) => {
                let at = base + reader.error_position() as usize;
                return Err(builder.xml_error(err, at));
            }
        }
    }
    builder.flush_text(text.len())?;
    builder.finish()
}

/// Refuses control characters XML does not allow (typical of binary files), and U+FFFE/U+FFFF.
fn check_characters(text: &str) -> Result<(), ParseError> {
    check_bytes(text.as_bytes()).map(|_| ())
}

/// The character check on raw bytes (before UTF-8 validation). Returns whether any byte after a
/// leading UTF-8 byte-order mark is non-ASCII.
pub(crate) fn check_bytes(bytes: &[u8]) -> Result<bool, ParseError> {
    // A problem is reported where it is; if the bytes before it are not UTF-8, that comes first.
    let text_before =
        |at: usize| std::str::from_utf8(&bytes[..at]).map_err(|e| not_utf8(bytes, e.valid_up_to()));
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let offset = bytes.len() - body.len();
    let bad = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r');
    // Branch-free per chunk so the compiler vectorises it; locate only when a chunk is dirty.
    let mut non_ascii = false;
    for (index, chunk) in body.chunks(64).enumerate() {
        let (any_bad, any_high) = chunk
            .iter()
            .fold((false, false), |(b, h), c| (b | bad(*c), h | (*c >= 0x80)));
        non_ascii |= any_high;
        if any_bad {
            let at = offset + index * 64 + chunk.iter().position(|b| bad(*b)).unwrap_or(0);
            return Err(ParseError::new(
                location_of(text_before(at)?, at),
                format!(
                    "invalid character U+{:04X} (control characters are not allowed in XML; is this a binary file?)",
                    bytes[at]
                ),
            ));
        }
    }
    // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8 (impossible in ASCII text).
    if non_ascii {
        for at in memchr::memmem::find_iter(bytes, b"\xEF\xBF") {
            if let Some(&last @ (0xBE | 0xBF)) = bytes.get(at + 2) {
                let code = if last == 0xBE { 0xFFFE } else { 0xFFFF };
                return Err(ParseError::new(
                    location_of(text_before(at)?, at),
                    format!("invalid character U+{code:04X}"),
                ));
            }
        }
    }
    Ok(non_ascii)
}

/// Whether a stretch of text is only XML whitespace (or a byte-order mark).
fn is_blank(text: &str) -> bool {
    text.bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
        || text
            .trim_start_matches('\u{feff}')
            .trim_matches([' ', '\t', '\r', '\n'])
            .is_empty()
}

impl<'t> Builder<'t> {
    fn error(&self, at: usize, message: impl Into<String>) -> ParseError {
        ParseError::new(location_of(self.text, at), message)
    }

    fn parent(&self) -> u32 {
        self.stack.last().copied().unwrap_or(0)
    }

    fn push(&mut self, mut node: Node) -> u32 {
        let id = self.nodes.len() as u32;
        let parent = self.parent();
        node.parent = parent;
        self.nodes.push(node);
        let last = self.nodes[parent as usize].last_child;
        if last == NodeId::NONE {
            self.nodes[parent as usize].first_child = id;
        } else {
            self.nodes[last as usize].next_sibling = id;
        }
        self.nodes[parent as usize].last_child = id;
        id
    }

    #[inline]
    fn flush_text(&mut self, end: usize) -> Result<(), ParseError> {
        let Some(start) = self.pending_text.take() else {
            return Ok(());
        };
        let raw = &self.text[start..end];
        if is_blank(raw) {
            return Ok(());
        }
        let content = raw.trim_start_matches(['\u{feff}']);
        let first = start + (raw.len() - content.trim_start_matches([' ', '\t', '\r', '\n']).len());
        if self.stack.is_empty() {
            let msg = if self.root == NodeId::NONE {
                "text is not allowed before the root element"
            } else {
                "junk after the root element: text is not allowed after it"
            };
            return Err(self.error(first, msg));
        }
        check_references(raw).map_err(|(at, msg)| self.error(start + at, msg))?;
        self.push(Node::new(NodeKind::Text, start as u32, end as u32, 0));
        Ok(())
    }

    fn markup(&mut self, event: Event<'_>, start: usize, end: usize) -> Result<(), ParseError> {
        let top_level = self.stack.is_empty();
        match event {
            Event::Start(tag) | Event::Empty(tag) => {
                let self_closing = self.text.as_bytes()[end - 2] == b'/';
                self.element(tag.name().as_ref().len(), start, end, self_closing)?;
            }
            Event::End(_) => {
                let Some(id) = self.stack.pop() else {
                    let name = self.text[start + 2..end - 1].trim();
                    return Err(self.error(
                        start,
                        format!("end tag </{name}> has no matching start tag"),
                    ));
                };
                self.nodes[id as usize].end = end as u32;
                if self.stack.is_empty() {
                    self.root_closed = true;
                }
            }
            Event::Decl(_) => {
                let at_start = start == 0 || (start == 3 && self.text.starts_with('\u{feff}'));
                if !at_start || self.nodes.len() > 1 {
                    return Err(self.error(start, "the XML declaration <?xml …?> is only allowed at the very start of the file"));
                }
                self.push(Node::new(
                    NodeKind::Declaration,
                    start as u32,
                    end as u32,
                    0,
                ));
            }
            Event::Comment(_) => {
                self.push(Node::new(NodeKind::Comment, start as u32, end as u32, 0));
            }
            Event::PI(_) => {
                self.push(Node::new(
                    NodeKind::ProcessingInstruction,
                    start as u32,
                    end as u32,
                    0,
                ));
            }
            Event::CData(_) => {
                if top_level {
                    return Err(self.error(start, "CDATA is not allowed outside the root element"));
                }
                self.push(Node::new(NodeKind::CData, start as u32, end as u32, 0));
            }
            Event::DocType(_) => {
                if !top_level || self.root != NodeId::NONE {
                    return Err(
                        self.error(start, "a DOCTYPE is only allowed before the root element")
                    );
                }
                self.push(Node::new(NodeKind::DocType, start as u32, end as u32, 0));
            }
            Event::Text(_) | Event::GeneralRef(_) | Event::Eof => {}
        }
        Ok(())
    }

    fn element(
        &mut self,
        name_len: usize,
        start: usize,
        end: usize,
        self_closing: bool,
    ) -> Result<(), ParseError> {
        if name_len == 0 {
            return Err(self.error(start, "expected an element name after '<'"));
        }
        if self.stack.is_empty() {
            if self.root_closed {
                let name = &self.text[start + 1..start + 1 + name_len];
                return Err(self.error(
                    start,
                    format!("junk after the root element: a second root element <{name}>"),
                ));
            }
            self.root = self.nodes.len() as u32;
        }
        let name_len =
            u16::try_from(name_len).map_err(|_| self.error(start, "element name is too long"))?;
        let attr_start = self.attrs.len() as u32;
        let attrs_end = if self_closing { end - 2 } else { end - 1 };
        let attr_count = lex_attributes(
            self.text,
            start + 1 + name_len as usize,
            attrs_end,
            &mut self.attrs,
        )
        .map_err(|(at, msg)| self.error(at, msg))?;
        let mut node = Node::new(NodeKind::Element, start as u32, end as u32, 0);
        node.start_tag_end = end as u32;
        node.name_len = name_len;
        node.attr_start = attr_start;
        node.attr_count = attr_count;
        node.self_closing = self_closing;
        let id = self.push(node);
        if self_closing {
            if self.stack.is_empty() {
                self.root_closed = true;
            }
        } else {
            self.stack.push(id);
        }
        Ok(())
    }

    fn xml_error(&self, err: XmlError, at: usize) -> ParseError {
        let message = match err {
            XmlError::Syntax(syntax) => match syntax {
                SyntaxError::InvalidBangMarkup => {
                    "invalid markup after '<!' (expected a comment, CDATA or DOCTYPE)".into()
                }
                SyntaxError::UnclosedPI => {
                    "processing instruction is not closed (missing '?>')".into()
                }
                SyntaxError::UnclosedXmlDecl => {
                    "XML declaration is not closed (missing '?>')".into()
                }
                SyntaxError::UnclosedComment => "comment is not closed (missing '-->')".into(),
                SyntaxError::UnclosedDoctype => "DOCTYPE is not closed".into(),
                SyntaxError::UnclosedCData => "CDATA section is not closed (missing ']]>')".into(),
                SyntaxError::UnclosedTag => {
                    "tag is not closed (missing '>'; is the file truncated?)".into()
                }
                SyntaxError::UnclosedSingleQuotedAttributeValue
                | SyntaxError::UnclosedDoubleQuotedAttributeValue => {
                    "attribute value is not closed (missing quote)".into()
                }
            },
            XmlError::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
                let opened = self
                    .stack
                    .last()
                    .map(|id| {
                        format!(
                            " opened at {}",
                            location_of(self.text, self.nodes[*id as usize].start as usize)
                        )
                    })
                    .unwrap_or_default();
                format!("end tag </{found}> does not match <{expected}>{opened}")
            }
            XmlError::IllFormed(IllFormedError::UnmatchedEndTag(name)) => {
                format!("end tag </{name}> has no matching start tag")
            }
            XmlError::IllFormed(IllFormedError::MissingDeclVersion(_)) => {
                "XML declaration has no version".into()
            }
            XmlError::IllFormed(IllFormedError::UnknownVersion) => {
                "XML declaration has an unknown version".into()
            }
            other => other.to_string(),
        };
        self.error(at, message)
    }

    fn finish(self) -> Result<Parsed, ParseError> {
        if let Some(open) = self.stack.last() {
            let node = &self.nodes[*open as usize];
            let name = &self.text
                [node.start as usize + 1..node.start as usize + 1 + node.name_len as usize];
            let opened = location_of(self.text, node.start as usize);
            return Err(self.error(
                self.text.len(),
                format!("unexpected end of file: <{name}> opened at {opened} is not closed (is the file truncated?)"),
            ));
        }
        if self.root == NodeId::NONE {
            let blank = self.text.trim_start_matches('\u{feff}').trim().is_empty();
            let msg = if blank {
                "file is empty (no root element)"
            } else {
                "no root element"
            };
            return Err(self.error(self.text.len(), msg));
        }
        Ok(Parsed {
            nodes: self.nodes,
            attrs: self.attrs,
            root: self.root,
        })
    }
}
