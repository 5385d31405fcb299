//! Edits as byte-range text patches. Each edit operation (set/add/remove attribute, insert or
//! remove an element, replace text) is planned as one [`Patch`] that copies the formatting of
//! its neighbours; applying a patch returns its exact inverse. A patch whose result would not
//! parse is refused and the document is left unchanged.

use std::borrow::Cow;

use super::Document;
use super::build::{NewElement, Render};
use super::error::ParseError;
use super::node::{NodeId, NodeKind};
use super::parse;
use super::text::{check_references, escape_attr, escape_text};

/// Replace `old` at byte `offset` with `new`. The inverse swaps `old` and `new`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Patch {
    pub offset: usize,
    pub old: String,
    pub new: String,
}

impl Patch {
    pub fn inverse(&self) -> Patch {
        Patch {
            offset: self.offset,
            old: self.new.clone(),
            new: self.old.clone(),
        }
    }
}

/// Why an edit could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("the edit would leave the file unparseable: {0}")]
    WouldNotParse(ParseError),
    #[error("the document changed: expected {expected:?} at byte {offset}")]
    Stale { offset: usize, expected: String },
    #[error("<{element}> has no attribute '{attribute}'")]
    NoSuchAttribute { element: String, attribute: String },
    #[error("<{0}> has child elements; its text cannot be replaced")]
    HasChildElements(String),
    #[error("the root element cannot be removed")]
    RootElement,
    #[error("'{0}' is not a valid XML name")]
    InvalidName(String),
    #[error("node is not an element")]
    NotAnElement,
}

impl Document {
    /// Applies a patch and returns its inverse. The text is re-parsed unless the patch only
    /// changes the inside of one attribute value with properly escaped text.
    pub fn apply(&mut self, patch: &Patch) -> Result<Patch, EditError> {
        let end = patch.offset + patch.old.len();
        if end > self.text.len()
            || !self.text.is_char_boundary(patch.offset)
            || !self.text.is_char_boundary(end)
            || self.text[patch.offset..end] != patch.old
        {
            return Err(EditError::Stale {
                offset: patch.offset,
                expected: patch.old.clone(),
            });
        }
        if self.value_patch_is_safe(patch) {
            self.text.replace_range(patch.offset..end, &patch.new);
            self.shift(
                patch.offset,
                end,
                patch.new.len() as i64 - patch.old.len() as i64,
            );
        } else {
            let mut text = String::with_capacity(self.text.len() + patch.new.len());
            text.push_str(&self.text[..patch.offset]);
            text.push_str(&patch.new);
            text.push_str(&self.text[end..]);
            let parsed = parse::parse(&text).map_err(EditError::WouldNotParse)?;
            self.text = text;
            self.nodes = parsed.nodes;
            self.attrs = parsed.attrs;
            self.root = parsed.root;
        }
        self.lines = Default::default();
        self.location_queries = Default::default();
        self.style = Default::default();
        Ok(patch.inverse())
    }

    /// Applies patches in order; on failure the ones already applied are rolled back.
    pub fn apply_all(&mut self, patches: &[Patch]) -> Result<Vec<Patch>, EditError> {
        let mut inverses = Vec::with_capacity(patches.len());
        for patch in patches {
            match self.apply(patch) {
                Ok(inverse) => inverses.push(inverse),
                Err(err) => {
                    for undo in inverses.iter().rev() {
                        // Rolling back exact inverses of patches we just made cannot fail.
                        let _ = self.apply(undo);
                    }
                    return Err(err);
                }
            }
        }
        inverses.reverse();
        Ok(inverses)
    }

    fn value_patch_is_safe(&self, patch: &Patch) -> bool {
        let end = (patch.offset + patch.old.len()) as u32;
        let offset = patch.offset as u32;
        let index = self.attrs.partition_point(|a| a.value_start <= offset);
        let Some(attr) = index.checked_sub(1).map(|i| &self.attrs[i]) else {
            return false;
        };
        let inside = attr.value_start <= offset && end <= attr.value_start + attr.value_len;
        inside
            && !patch.new.bytes().any(|b| {
                b == attr.quote || b == b'<' || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            })
            && !patch.new.contains(['\u{FFFE}', '\u{FFFF}'])
            && !patch.new.contains('&')
            && check_references(&patch.new).is_ok()
    }

    /// Moves every recorded position at or past the replaced bytes by `delta`. Nodes and
    /// attributes are in document order, so only those from the first one past the patch
    /// move wholesale; before it, only the nodes that contain the patch (the chain of parents
    /// of the last node that starts before it) and the attributes that end at or after it can
    /// be touched.
    fn shift(&mut self, offset: usize, end: usize, delta: i64) {
        let (offset, end) = (offset as u32, end as u32);
        let threshold = end.max(offset + 1);
        let moved = |pos: &mut u32| {
            if *pos >= threshold {
                *pos = (*pos as i64 + delta) as u32;
            }
        };
        let first_node = self.nodes.partition_point(|n| n.start < threshold);
        for node in self.nodes.iter_mut_from(first_node) {
            moved(&mut node.start);
            moved(&mut node.end);
            moved(&mut node.start_tag_end);
        }
        let mut containing = first_node.checked_sub(1).map_or(NodeId::NONE, |i| i as u32);
        while let Some(node) = self.nodes.get_mut(containing as usize) {
            moved(&mut node.end);
            moved(&mut node.start_tag_end);
            containing = node.parent;
        }
        let first_attr = self.attrs.partition_point(|a| a.name_start < threshold);
        for attr in self.attrs.iter_mut_from(first_attr) {
            moved(&mut attr.name_start);
            moved(&mut attr.value_start);
        }
        for attr in self.attrs.iter_mut_until(first_attr).rev() {
            let value_end = attr.value_start + attr.value_len;
            if value_end < offset {
                break;
            }
            if attr.value_start <= offset && end <= value_end {
                attr.value_len = (attr.value_len as i64 + delta) as u32;
            }
            moved(&mut attr.value_start);
        }
    }

    // ----- planning: each returns the patch without applying it -----

    /// Patch that sets `name` to `value` on an element, adding the attribute if absent.
    pub fn plan_set_attribute(
        &self,
        element: NodeId,
        name: &str,
        value: &str,
    ) -> Result<Patch, EditError> {
        self.require_element(element)?;
        if !is_xml_name(name) {
            return Err(EditError::InvalidName(name.to_owned()));
        }
        if let Some(attr) = self.attr(element, name) {
            let escaped = escape_attr(value, attr.quote());
            let range = attr.value_range();
            return Ok(Patch {
                offset: range.start,
                old: self.text[range].to_owned(),
                new: escaped.into_owned(),
            });
        }
        let quote = self.quote_near(element);
        let escaped = escape_attr(value, quote);
        let attrs: Vec<_> = self.attrs(element).collect();
        let (at, separator) = match attrs.last() {
            Some(last) => {
                let at = last.full_range().end;
                let tag_start = self.node(element).start as usize;
                let multi_line = self.text[tag_start..last.name_range().start].contains('\n');
                let separator = match (multi_line, self.line_indent(last.name_range().start)) {
                    (true, Some(indent)) => Cow::Owned(format!(
                        "{}{indent}",
                        self.newline_before(last.name_range().start)
                    )),
                    _ => Cow::Borrowed(" "),
                };
                (at, separator)
            }
            None => (
                self.node(element).start as usize + 1 + self.name(element).len(),
                Cow::Borrowed(" "),
            ),
        };
        Ok(Patch {
            offset: at,
            old: String::new(),
            new: format!("{separator}{name}={quote}{escaped}{quote}"),
        })
    }

    /// Patch that removes an attribute together with the whitespace before it.
    pub fn plan_remove_attribute(&self, element: NodeId, name: &str) -> Result<Patch, EditError> {
        self.require_element(element)?;
        let attrs: Vec<_> = self.attrs(element).collect();
        let Some(index) = attrs.iter().position(|a| a.name() == name) else {
            return Err(EditError::NoSuchAttribute {
                element: self.name(element).to_owned(),
                attribute: name.to_owned(),
            });
        };
        let from = match index {
            0 => self.node(element).start as usize + 1 + self.name(element).len(),
            i => attrs[i - 1].full_range().end,
        };
        let to = attrs[index].full_range().end;
        Ok(Patch {
            offset: from,
            old: self.text[from..to].to_owned(),
            new: String::new(),
        })
    }

    /// Patch that inserts `new` as the `index`-th child element of `parent` (counting child
    /// elements only; `index` = count appends), indented like its siblings.
    pub fn plan_insert_element(
        &self,
        parent: NodeId,
        index: usize,
        new: &NewElement,
    ) -> Result<Patch, EditError> {
        self.require_element(parent)?;
        let siblings: Vec<NodeId> = self.elements(parent).collect();
        let style = self.style();
        let quote = siblings
            .iter()
            .find_map(|s| self.attrs(*s).next().map(|a| a.quote()))
            .unwrap_or(style.quote);
        let render = |newline: &'static str| Render {
            indent_unit: &style.indent_unit,
            newline: if newline.is_empty() {
                style.newline
            } else {
                newline
            },
            quote,
            self_close_space: self.self_close_space_near(parent),
        };
        let node = self.node(parent);
        let parent_indent = self.line_indent(node.start as usize).unwrap_or("");
        let child_indent = format!("{parent_indent}{}", style.indent_unit);

        if node.self_closing {
            let close = self.text[..node.end as usize - 2]
                .trim_end_matches([' ', '\t', '\r', '\n'])
                .len();
            let newline = style.newline;
            let body = new.render(&child_indent, &render(newline));
            let name = self.name(parent);
            return Ok(Patch {
                offset: close,
                old: self.text[close..node.end as usize].to_owned(),
                new: format!(">{newline}{child_indent}{body}{newline}{parent_indent}</{name}>"),
            });
        }
        if !siblings.is_empty() {
            let before = index < siblings.len();
            let anchor = siblings[index.min(siblings.len() - 1)];
            let anchor_start = self.node(anchor).start as usize;
            let newline = self.newline_before(anchor_start);
            return Ok(match self.line_indent(anchor_start) {
                Some(indent) if before => Patch {
                    offset: anchor_start,
                    old: String::new(),
                    new: format!("{}{newline}{indent}", new.render(indent, &render(newline))),
                },
                Some(indent) => Patch {
                    offset: self.node(anchor).end as usize,
                    old: String::new(),
                    new: format!("{newline}{indent}{}", new.render(indent, &render(newline))),
                },
                None => Patch {
                    offset: if before {
                        anchor_start
                    } else {
                        self.node(anchor).end as usize
                    },
                    old: String::new(),
                    new: new.render(parent_indent, &render("")),
                },
            });
        }
        let inner = self.inner_range(parent);
        let newline = style.newline;
        let body = new.render(&child_indent, &render(newline));
        let last_other = self.children(parent).last();
        match last_other {
            None => Ok(Patch {
                offset: inner.start,
                old: self.text[inner.clone()].to_owned(),
                new: format!("{newline}{child_indent}{body}{newline}{parent_indent}"),
            }),
            Some(_) if self.text[inner.clone()].trim().is_empty() => Ok(Patch {
                offset: inner.start,
                old: self.text[inner].to_owned(),
                new: format!("{newline}{child_indent}{body}{newline}{parent_indent}"),
            }),
            Some(anchor) => {
                let indent = self
                    .line_indent(self.node(anchor).start as usize)
                    .unwrap_or(&child_indent)
                    .to_owned();
                let body = new.render(&indent, &render(newline));
                Ok(Patch {
                    offset: self.node(anchor).end as usize,
                    old: String::new(),
                    new: format!("{newline}{indent}{body}"),
                })
            }
        }
    }

    /// Patch that removes an element; when it sits alone on its line the whole line goes.
    pub fn plan_remove_element(&self, element: NodeId) -> Result<Patch, EditError> {
        self.require_element(element)?;
        if element.0 == self.root {
            return Err(EditError::RootElement);
        }
        let node = self.node(element);
        let (mut from, mut to) = (node.start as usize, node.end as usize);
        if let Some(indent) = self.line_indent(from) {
            let rest = &self.text[to..];
            let trailing = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            let after = &rest[trailing..];
            let newline = if after.starts_with("\r\n") {
                2
            } else if after.starts_with('\n') {
                1
            } else {
                0
            };
            if newline > 0 {
                from -= indent.len();
                to += trailing + newline;
            }
        }
        Ok(Patch {
            offset: from,
            old: self.text[from..to].to_owned(),
            new: String::new(),
        })
    }

    /// Patch that replaces the text content of an element without child elements.
    pub fn plan_set_text(&self, element: NodeId, text: &str) -> Result<Patch, EditError> {
        self.require_element(element)?;
        if self.elements(element).next().is_some() {
            return Err(EditError::HasChildElements(self.name(element).to_owned()));
        }
        let node = self.node(element);
        let escaped = escape_text(text);
        if node.self_closing {
            let close = self.text[..node.end as usize - 2]
                .trim_end_matches([' ', '\t', '\r', '\n'])
                .len();
            let name = self.name(element);
            return Ok(Patch {
                offset: close,
                old: self.text[close..node.end as usize].to_owned(),
                new: format!(">{escaped}</{name}>"),
            });
        }
        let inner = self.inner_range(element);
        Ok(Patch {
            offset: inner.start,
            old: self.text[inner].to_owned(),
            new: escaped.into_owned(),
        })
    }

    // ----- convenience: plan + apply, returning the inverse -----

    pub fn set_attribute(
        &mut self,
        element: NodeId,
        name: &str,
        value: &str,
    ) -> Result<Patch, EditError> {
        let patch = self.plan_set_attribute(element, name, value)?;
        self.apply(&patch)
    }

    pub fn remove_attribute(&mut self, element: NodeId, name: &str) -> Result<Patch, EditError> {
        let patch = self.plan_remove_attribute(element, name)?;
        self.apply(&patch)
    }

    pub fn insert_element(
        &mut self,
        parent: NodeId,
        index: usize,
        new: &NewElement,
    ) -> Result<Patch, EditError> {
        let patch = self.plan_insert_element(parent, index, new)?;
        self.apply(&patch)
    }

    pub fn remove_element(&mut self, element: NodeId) -> Result<Patch, EditError> {
        let patch = self.plan_remove_element(element)?;
        self.apply(&patch)
    }

    pub fn set_text(&mut self, element: NodeId, text: &str) -> Result<Patch, EditError> {
        let patch = self.plan_set_text(element, text)?;
        self.apply(&patch)
    }

    // ----- neighbourhood style -----

    fn require_element(&self, id: NodeId) -> Result<(), EditError> {
        if id.index() < self.nodes.len() && self.node(id).kind == NodeKind::Element {
            Ok(())
        } else {
            Err(EditError::NotAnElement)
        }
    }

    /// The newline that ends the line before `offset` (the file's style if none).
    fn newline_before(&self, offset: usize) -> &'static str {
        let before = &self.text[..offset];
        match before.rfind('\n') {
            Some(p) if p > 0 && before.as_bytes()[p - 1] == b'\r' => "\r\n",
            Some(_) => "\n",
            None => self.style().newline,
        }
    }

    fn quote_near(&self, element: NodeId) -> char {
        let sibling_quote = |id: NodeId| self.attrs(id).next().map(|a| a.quote());
        sibling_quote(element)
            .or_else(|| {
                self.parent(element)
                    .and_then(|p| self.elements(p).find_map(sibling_quote))
            })
            .unwrap_or(self.style().quote)
    }

    fn self_close_space_near(&self, parent: NodeId) -> bool {
        let spaced = |id: NodeId| {
            let end = self.node(id).end as usize;
            self.text[..end - 2].ends_with([' ', '\t', '\n'])
        };
        let mut nearby = self.elements(parent).chain(
            self.elements(parent)
                .flat_map(|s| self.elements(s).collect::<Vec<_>>()),
        );
        match nearby.find(|id| self.node(*id).self_closing) {
            Some(id) => spaced(id),
            None => self.style().self_close_space,
        }
    }
}

/// Whether `name` can be written as an XML attribute or element name.
pub fn is_xml_name(name: &str) -> bool {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if c.is_alphabetic() || c == '_' || c == ':' => {}
        _ => return false,
    }
    chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | ':' | '-' | '.'))
}
