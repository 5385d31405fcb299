//! Builds the node arena from quick-xml's event stream. quick-xml finds the markup; this file
//! records spans, lexes attributes itself (for exact name/value/quote spans) and enforces what
//! quick-xml leaves to the caller: one root, nothing but comments and whitespace around it,
//! known entity references, legal characters, every element closed by end of file, and the
//! node and attribute limits of `limits` (counted in check-only runs too, so that a check
//! refuses what a parse refuses).

use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::arena::Arena;
use super::attrs::lex_attributes;
use super::encoding::not_utf8;
use super::error::ParseError;
use super::limits::{MAX_ATTRIBUTES, MAX_NODES, too_many_nodes};
use super::node::{Attr, Node, NodeId, NodeKind};
use super::position::location_of;
use super::text::check_references;

/// The arena produced by a successful parse.
pub(crate) struct Parsed {
    pub nodes: Arena<Node>,
    pub attrs: Arena<Attr>,
    pub root: u32,
}

/// What part of a document a builder parses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A whole document.
    Whole,
    /// The first part of a document: elements may still be open at its end.
    Prefix,
    /// The rest of a document: it may close elements opened before it.
    Suffix,
}

/// What a builder produced: the arena plus, for partial parses, what crosses the cut.
pub(crate) struct Fragment {
    pub nodes: Vec<Node>,
    pub attrs: Vec<Attr>,
    pub root: u32,
    /// Prefix: elements still open at the cut, outermost first.
    pub open: Vec<u32>,
    /// Suffix: end tags that close elements opened before the cut (name range, end offset).
    pub closes: Vec<(usize, usize, usize)>,
    /// Suffix: top-level nodes, grouped by how many of those end tags came before them.
    pub groups: Vec<Vec<u32>>,
    /// Nodes and attributes counted against the limits (kept or not).
    pub counted_nodes: usize,
    pub counted_attrs: usize,
}

pub(crate) struct Builder<'t> {
    text: &'t str,
    mode: Mode,
    /// Only check: keep nodes for open elements, nothing else (saving's re-parse).
    check_only: bool,
    nodes: Vec<Node>,
    attrs: Vec<Attr>,
    stack: Vec<u32>,
    root: u32,
    root_closed: bool,
    /// Start of a run of consecutive text/reference events not yet recorded.
    pending_text: Option<usize>,
    closes: Vec<(usize, usize, usize)>,
    groups: Vec<Vec<u32>>,
    counted_nodes: usize,
    counted_attrs: usize,
}

/// Parses `text` (which may start with a U+FEFF byte-order mark).
pub(crate) fn parse(text: &str) -> Result<Parsed, ParseError> {
    check_characters(text)?;
    parse_checked(text)
}

/// Parses text whose characters [`check_bytes`] has already accepted. Large documents are parsed
/// in two halves on two threads when a safe cut is found; anything unusual falls back to one
/// sequential pass, which gives the exact same arena (and the exact error).
pub(crate) fn parse_checked(text: &str) -> Result<Parsed, ParseError> {
    if text.len() >= u32::MAX as usize {
        return Err(ParseError::new(
            location_of(text, 0),
            "file is too large (4 GiB or more)",
        ));
    }
    if text.len() >= super::parallel::MIN_LEN {
        if let Some(parsed) = super::parallel::parse_in_two(text, None) {
            return Ok(parsed);
        }
    }
    parse_sequential(text)
}

/// Checks that `text` parses, without building the arena (one thread, little memory).
#[cfg(test)]
pub(crate) fn check(text: &str) -> Result<(), ParseError> {
    check_characters(text)?;
    check_checked(text)
}

/// [`check`] for text whose characters [`check_bytes`] has already accepted. Large documents
/// are checked in two halves on two threads; any doubt re-checks sequentially.
pub(crate) fn check_checked(text: &str) -> Result<(), ParseError> {
    if text.len() >= super::parallel::MIN_LEN && super::parallel::check_in_two(text, None) {
        return Ok(());
    }
    let base = if text.starts_with('\u{feff}') { 3 } else { 0 };
    run_with(text, base, text.len(), Mode::Whole, 0, true).map(|_| ())
}

/// Check-only run of a part of the text.
pub(crate) fn check_part(
    text: &str,
    from: usize,
    to: usize,
    mode: Mode,
) -> Result<Fragment, ParseError> {
    run_with(text, from, to, mode, 0, true)
}

/// One sequential pass over the whole text.
pub(crate) fn parse_sequential(text: &str) -> Result<Parsed, ParseError> {
    let base = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let fragment = run(text, base, text.len(), Mode::Whole, text.len())?;
    Ok(Parsed {
        nodes: fragment.nodes.into(),
        attrs: fragment.attrs.into(),
        root: fragment.root,
    })
}

/// Parses `text[from..to]` in the given mode; offsets stay absolute. `sized_for` is how many
/// bytes of document the arena should have room for.
pub(crate) fn run(
    text: &str,
    from: usize,
    to: usize,
    mode: Mode,
    sized_for: usize,
) -> Result<Fragment, ParseError> {
    run_with(text, from, to, mode, sized_for, false)
}

fn run_with(
    text: &str,
    from: usize,
    to: usize,
    mode: Mode,
    sized_for: usize,
    check_only: bool,
) -> Result<Fragment, ParseError> {
    let len = sized_for;
    // Typical configuration files have a node per ~100 bytes and an attribute per ~70; the
    // vectors grow beyond that if needed (never beyond the limits).
    let mut builder = Builder {
        text,
        mode,
        check_only,
        nodes: Vec::with_capacity((len / 96).min(MAX_NODES) + 16),
        attrs: Vec::with_capacity((len / 64).min(MAX_ATTRIBUTES) + 16),
        stack: Vec::with_capacity(32),
        root: NodeId::NONE,
        root_closed: false,
        pending_text: None,
        closes: Vec::new(),
        groups: vec![Vec::new()],
        counted_nodes: 0,
        counted_attrs: 0,
    };
    builder.nodes.push(Node::new(
        NodeKind::Document,
        0,
        text.len() as u32,
        NodeId::NONE,
    ));

    let mut reader = Reader::from_str(&text[from..to]);
    reader.config_mut().allow_dangling_amp = true;
    reader.config_mut().allow_unmatched_ends = mode == Mode::Suffix;
    loop {
        let start = from + reader.buffer_position() as usize;
        let event = reader.read_event();
        let end = from + reader.buffer_position() as usize;
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
                let at = from + reader.error_position() as usize;
                return Err(builder.xml_error(err, at));
            }
        }
    }
    builder.flush_text(to)?;
    builder.finish()
}

/// Refuses control characters XML does not allow (typical of binary files), and U+FFFE/U+FFFF.
pub(crate) fn check_characters(text: &str) -> Result<(), ParseError> {
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

    /// Counts one more node (kept or not) against [`MAX_NODES`]; `at` is where it starts.
    #[inline]
    fn count_node(&mut self, at: usize) -> Result<(), ParseError> {
        self.counted_nodes += 1;
        if self.counted_nodes > MAX_NODES {
            return Err(self.error(at, too_many_nodes()));
        }
        Ok(())
    }

    fn parent(&self) -> u32 {
        self.stack.last().copied().unwrap_or(0)
    }

    /// Records a node that cannot have children (not needed when only checking).
    fn push_leaf(&mut self, node: Node) -> Result<(), ParseError> {
        self.count_node(node.start as usize)?;
        if self.check_only {
            self.note_unstored();
        } else {
            self.push(node);
        }
        Ok(())
    }

    /// Check mode stores no leaves, but a suffix must still know something sat at its top level
    /// (after the root closed, that is junk).
    fn note_unstored(&mut self) {
        if self.mode == Mode::Suffix && self.stack.is_empty() {
            if let Some(group) = self.groups.last_mut() {
                group.push(NodeId::NONE);
            }
        }
    }

    fn push(&mut self, mut node: Node) -> u32 {
        let id = self.nodes.len() as u32;
        let parent = self.parent();
        node.parent = parent;
        self.nodes.push(node);
        if self.check_only {
            // Only open elements are kept; there are no sibling links to maintain.
            if self.mode == Mode::Suffix && parent == 0 {
                if let Some(group) = self.groups.last_mut() {
                    group.push(id);
                }
            }
            return id;
        }
        let last = self.nodes[parent as usize].last_child;
        if last == NodeId::NONE {
            self.nodes[parent as usize].first_child = id;
        } else {
            self.nodes[last as usize].next_sibling = id;
        }
        self.nodes[parent as usize].last_child = id;
        if self.mode == Mode::Suffix && parent == 0 {
            if let Some(group) = self.groups.last_mut() {
                group.push(id);
            }
        }
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
        if self.stack.is_empty() && self.mode != Mode::Suffix {
            let msg = if self.root == NodeId::NONE {
                "text is not allowed before the root element"
            } else {
                "junk after the root element: text is not allowed after it"
            };
            return Err(self.error(first, msg));
        }
        check_references(raw).map_err(|(at, msg)| self.error(start + at, msg))?;
        self.count_node(first)?;
        if self.check_only {
            self.note_unstored();
        } else {
            self.push(Node::new(NodeKind::Text, start as u32, end as u32, 0));
        }
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
                if self.stack.is_empty() && self.mode == Mode::Suffix {
                    // Closes an element opened before the cut; later top-level nodes belong
                    // to its parent.
                    // Counted like a node: a stray end tag costs memory here, though only the
                    // stitching (or the sequential parse) can tell that it is stray.
                    self.count_node(start)?;
                    let raw = &self.text[start + 2..end - 1];
                    let name_len = raw.trim_end().len();
                    self.closes.push((start + 2, name_len, end));
                    self.groups.push(Vec::new());
                    return Ok(());
                }
                let Some(id) = self.stack.pop() else {
                    let name = self.text[start + 2..end - 1].trim();
                    return Err(self.error(
                        start,
                        format!("end tag </{name}> has no matching start tag"),
                    ));
                };
                self.nodes[id as usize].end = end as u32;
                if self.check_only {
                    // Closed: its children are gone already; the element goes too.
                    self.nodes.truncate(id as usize);
                }
                if self.stack.is_empty() {
                    self.root_closed = true;
                }
            }
            Event::Decl(_) => {
                let at_start = start == 0 || (start == 3 && self.text.starts_with('\u{feff}'));
                if !at_start || self.nodes.len() > 1 {
                    return Err(self.error(start, "the XML declaration <?xml …?> is only allowed at the very start of the file"));
                }
                self.push_leaf(Node::new(
                    NodeKind::Declaration,
                    start as u32,
                    end as u32,
                    0,
                ))?;
            }
            Event::Comment(_) => {
                self.push_leaf(Node::new(NodeKind::Comment, start as u32, end as u32, 0))?;
            }
            Event::PI(_) => {
                self.push_leaf(Node::new(
                    NodeKind::ProcessingInstruction,
                    start as u32,
                    end as u32,
                    0,
                ))?;
            }
            Event::CData(_) => {
                if top_level && self.mode != Mode::Suffix {
                    return Err(self.error(start, "CDATA is not allowed outside the root element"));
                }
                self.push_leaf(Node::new(NodeKind::CData, start as u32, end as u32, 0))?;
            }
            Event::DocType(_) => {
                if !top_level || self.root != NodeId::NONE || self.mode == Mode::Suffix {
                    return Err(
                        self.error(start, "a DOCTYPE is only allowed before the root element")
                    );
                }
                self.push_leaf(Node::new(NodeKind::DocType, start as u32, end as u32, 0))?;
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
        self.count_node(start)?;
        if self.stack.is_empty() && self.mode != Mode::Suffix {
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
            MAX_ATTRIBUTES - self.counted_attrs,
        )
        .map_err(|(at, msg)| self.error(at, msg))?;
        self.counted_attrs += attr_count as usize;
        let mut node = Node::new(NodeKind::Element, start as u32, end as u32, 0);
        node.start_tag_end = end as u32;
        node.name_len = name_len;
        node.attr_start = attr_start;
        node.attr_count = attr_count;
        node.self_closing = self_closing;
        if self.check_only {
            self.attrs.truncate(attr_start as usize);
            if self_closing {
                self.note_unstored();
                if self.stack.is_empty() {
                    self.root_closed = true;
                }
                return Ok(());
            }
        }
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
                    let quote = match syntax {
                        SyntaxError::UnclosedSingleQuotedAttributeValue => '\'',
                        _ => '"',
                    };
                    // Nothing after the opening quote closed it, so it is the last one.
                    if let Some(open) = self.text[at..].rfind(quote).map(|q| at + q) {
                        return self.error(
                            open,
                            format!("attribute value opened by this {quote} is not closed (missing closing {quote})"),
                        );
                    }
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

    fn finish(self) -> Result<Fragment, ParseError> {
        let unclosed = match self.mode {
            Mode::Prefix => None,
            Mode::Whole | Mode::Suffix => self.stack.last(),
        };
        if let Some(open) = unclosed {
            let node = &self.nodes[*open as usize];
            let name = &self.text
                [node.start as usize + 1..node.start as usize + 1 + node.name_len as usize];
            let opened = location_of(self.text, node.start as usize);
            return Err(self.error(
                self.text.len(),
                format!("unexpected end of file: <{name}> opened at {opened} is not closed (is the file truncated?)"),
            ));
        }
        if self.root == NodeId::NONE && self.mode != Mode::Suffix {
            let blank = self.text.trim_start_matches('\u{feff}').trim().is_empty();
            let msg = if blank {
                "file is empty (no root element)"
            } else {
                "no root element"
            };
            return Err(self.error(self.text.len(), msg));
        }
        Ok(Fragment {
            nodes: self.nodes,
            attrs: self.attrs,
            root: self.root,
            open: self.stack,
            closes: self.closes,
            groups: self.groups,
            counted_nodes: self.counted_nodes,
            counted_attrs: self.counted_attrs,
        })
    }
}
