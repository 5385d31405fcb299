//! The compact records the document keeps per node and per attribute: byte offsets into the
//! one owned text, never copies of it. Whitespace between nodes is not stored as nodes; it is
//! the gap between neighbouring spans and is printed verbatim like every other byte.

/// Index of a node in its document. Index 0 is the document itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub(crate) u32);

impl NodeId {
    pub const DOCUMENT: NodeId = NodeId(0);
    pub(crate) const NONE: u32 = u32::MAX;

    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Document,
    Element,
    /// Character data that is not only whitespace (whitespace-only text is a gap).
    Text,
    Comment,
    CData,
    ProcessingInstruction,
    /// The `<?xml …?>` declaration.
    Declaration,
    DocType,
}

/// One node: its byte span and tree links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Node {
    /// Offset of the first byte (`<` for markup).
    pub start: u32,
    /// Offset just past the last byte (past `>` of the end tag for elements).
    pub end: u32,
    /// Elements: offset just past the `>` of the start tag (equals `end` when self-closing).
    pub start_tag_end: u32,
    pub parent: u32,
    pub first_child: u32,
    pub last_child: u32,
    pub next_sibling: u32,
    pub attr_start: u32,
    pub attr_count: u32,
    pub name_len: u16,
    pub kind: NodeKind,
    pub self_closing: bool,
}

impl Node {
    pub fn new(kind: NodeKind, start: u32, end: u32, parent: u32) -> Self {
        Node {
            start,
            end,
            start_tag_end: end,
            parent,
            first_child: NodeId::NONE,
            last_child: NodeId::NONE,
            next_sibling: NodeId::NONE,
            attr_start: 0,
            attr_count: 0,
            name_len: 0,
            kind,
            self_closing: false,
        }
    }
}

/// One attribute: where its name and value sit, and its quote character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Attr {
    pub name_start: u32,
    pub value_start: u32,
    pub value_len: u32,
    pub name_len: u16,
    pub quote: u8,
}

impl Attr {
    pub fn name_range(&self) -> std::ops::Range<usize> {
        self.name_start as usize..self.name_start as usize + self.name_len as usize
    }

    pub fn value_range(&self) -> std::ops::Range<usize> {
        self.value_start as usize..(self.value_start + self.value_len) as usize
    }

    /// From the first byte of the name to just past the closing quote.
    pub fn full_range(&self) -> std::ops::Range<usize> {
        self.name_start as usize..(self.value_start + self.value_len) as usize + 1
    }
}
