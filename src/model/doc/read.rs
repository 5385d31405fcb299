//! Read access to the document tree: names, children, attributes (raw and unescaped), spans
//! and text content. Everything borrows from the document; nothing is copied.

use std::borrow::Cow;
use std::ops::Range;

use super::Document;
use super::error::Location;
use super::node::{Attr, NodeId, NodeKind};
use super::text::{unescape_attr, unescape_text};

/// Iterator over the child nodes of one node, in document order.
pub struct Children<'d> {
    doc: &'d Document,
    next: u32,
}

impl Iterator for Children<'_> {
    type Item = NodeId;

    fn next(&mut self) -> Option<NodeId> {
        if self.next == NodeId::NONE {
            return None;
        }
        let id = NodeId(self.next);
        self.next = self.doc.node(id).next_sibling;
        Some(id)
    }
}

/// One attribute of an element.
#[derive(Clone, Copy)]
pub struct AttrRef<'d> {
    doc: &'d Document,
    attr: &'d Attr,
}

impl<'d> AttrRef<'d> {
    pub fn name(&self) -> &'d str {
        &self.doc.text[self.attr.name_range()]
    }

    /// The value as written in the file (references not resolved).
    pub fn raw_value(&self) -> &'d str {
        &self.doc.text[self.attr.value_range()]
    }

    /// The value as IIS reads it (references resolved, whitespace normalised).
    pub fn value(&self) -> Cow<'d, str> {
        unescape_attr(self.raw_value())
    }

    pub fn quote(&self) -> char {
        self.attr.quote as char
    }

    pub fn name_range(&self) -> Range<usize> {
        self.attr.name_range()
    }

    pub fn value_range(&self) -> Range<usize> {
        self.attr.value_range()
    }

    /// From the name to just past the closing quote.
    pub fn full_range(&self) -> Range<usize> {
        self.attr.full_range()
    }

    pub fn location(&self) -> Location {
        self.doc.location(self.attr.name_start as usize)
    }

    pub fn value_location(&self) -> Location {
        self.doc.location(self.attr.value_start as usize)
    }
}

impl Document {
    pub fn kind(&self, id: NodeId) -> NodeKind {
        self.node(id).kind
    }

    pub fn is_element(&self, id: NodeId) -> bool {
        self.node(id).kind == NodeKind::Element
    }

    /// Element name as written (empty for non-elements).
    pub fn name(&self, id: NodeId) -> &str {
        let node = self.node(id);
        let start = node.start as usize + 1;
        &self.text[start..start + node.name_len as usize]
    }

    /// Whether an element has this name; compares lengths first so that scanning thousands
    /// of siblings for a differently named one rarely touches the text.
    pub fn name_is(&self, id: NodeId, name: &str) -> bool {
        let node = self.node(id);
        node.name_len as usize == name.len() && self.name(id) == name
    }

    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        let parent = self.node(id).parent;
        (parent != NodeId::NONE).then_some(NodeId(parent))
    }

    /// All child nodes (elements, text, comments, …).
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            doc: self,
            next: self.node(id).first_child,
        }
    }

    /// Child elements only.
    pub fn elements(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.children(id).filter(|c| self.is_element(*c))
    }

    /// Child elements from the last one backwards (walks the arena, which is in document order,
    /// so the last few children of a 10,000-child section are found without visiting the rest).
    pub fn elements_rev(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        let last = self.node(id).last_child;
        let start = if last == NodeId::NONE { id.0 } else { last };
        (id.0 + 1..=start)
            .rev()
            .map(NodeId)
            .filter(move |n| self.node(*n).parent == id.0 && self.is_element(*n))
    }

    /// Child elements with the given name.
    pub fn elements_named<'a>(
        &'a self,
        id: NodeId,
        name: &'a str,
    ) -> impl Iterator<Item = NodeId> + 'a {
        self.elements(id).filter(move |c| self.name_is(*c, name))
    }

    /// First child element with the given name.
    pub fn child(&self, id: NodeId, name: &str) -> Option<NodeId> {
        self.elements_named(id, name).next()
    }

    /// Follows a path of child element names (`["system.applicationHost", "sites"]`).
    pub fn descend(&self, from: NodeId, path: &[&str]) -> Option<NodeId> {
        path.iter()
            .try_fold(from, |node, name| self.child(node, name))
    }

    pub fn attrs(&self, id: NodeId) -> impl ExactSizeIterator<Item = AttrRef<'_>> + '_ {
        let node = self.node(id);
        let range = node.attr_start as usize..node.attr_start as usize + node.attr_count as usize;
        self.attrs
            .run(range)
            .iter()
            .map(move |attr| AttrRef { doc: self, attr })
    }

    pub fn attr(&self, id: NodeId, name: &str) -> Option<AttrRef<'_>> {
        // Lengths first, then bytes: this is the hottest lookup when listing 10,000 sites.
        let bytes = self.text.as_bytes();
        self.attrs(id).find(|a| {
            a.attr.name_len as usize == name.len() && &bytes[a.attr.name_range()] == name.as_bytes()
        })
    }

    /// Unescaped value of an attribute, if present.
    pub fn attr_value(&self, id: NodeId, name: &str) -> Option<Cow<'_, str>> {
        self.attr(id, name).map(|a| a.value())
    }

    /// The node's whole byte range in the text.
    pub fn span(&self, id: NodeId) -> Range<usize> {
        let node = self.node(id);
        node.start as usize..node.end as usize
    }

    /// The element's start tag range.
    pub fn start_tag(&self, id: NodeId) -> Range<usize> {
        let node = self.node(id);
        node.start as usize..node.start_tag_end as usize
    }

    pub fn is_self_closing(&self, id: NodeId) -> bool {
        self.node(id).self_closing
    }

    /// Range between the start tag and the end tag (empty for self-closing elements).
    pub fn inner_range(&self, id: NodeId) -> Range<usize> {
        let node = self.node(id);
        let inner_start = node.start_tag_end as usize;
        if node.self_closing || node.kind != NodeKind::Element {
            return inner_start..inner_start;
        }
        let end_tag = self.text[inner_start..node.end as usize]
            .rfind('<')
            .map(|p| inner_start + p);
        inner_start..end_tag.unwrap_or(inner_start)
    }

    /// The element's text content (unescaped), or `None` when it has child elements.
    pub fn inner_text(&self, id: NodeId) -> Option<Cow<'_, str>> {
        if self.elements(id).next().is_some() {
            return None;
        }
        let raw = &self.text[self.inner_range(id)];
        if self
            .children(id)
            .any(|c| matches!(self.kind(c), NodeKind::Comment | NodeKind::CData))
        {
            let mut out = String::new();
            for child in self.children(id) {
                match self.kind(child) {
                    NodeKind::Text => out.push_str(&unescape_text(&self.text[self.span(child)])),
                    NodeKind::CData => {
                        let span = self.span(child);
                        out.push_str(&self.text[span.start + 9..span.end - 3]);
                    }
                    _ => {}
                }
            }
            return Some(Cow::Owned(out));
        }
        Some(unescape_text(raw))
    }

    /// The whitespace that precedes `offset` on its line, if only whitespace precedes it.
    pub fn line_indent(&self, offset: usize) -> Option<&str> {
        // Back over spaces and tabs only: an element after other text on its line (thousands
        // on one line) is answered at once, not by a walk to the line's start each time.
        let bytes = self.text.as_bytes();
        let mut start = offset.min(bytes.len());
        while start > 0 && matches!(bytes[start - 1], b' ' | b'\t') {
            start -= 1;
        }
        let at_line_start = start == 0
            || bytes[start - 1] == b'\n'
            || (start == 3 && self.text.starts_with('\u{feff}'));
        at_line_start.then(|| &self.text[start..offset])
    }

    /// Elements anywhere below `id` (pre-order), `id` excluded.
    pub fn descendants(&self, id: NodeId) -> Vec<NodeId> {
        let mut out = Vec::new();
        let mut stack: Vec<NodeId> = self.elements(id).collect();
        stack.reverse();
        while let Some(node) = stack.pop() {
            out.push(node);
            let first = stack.len();
            stack.extend(self.elements(node));
            stack[first..].reverse();
        }
        out
    }
}
