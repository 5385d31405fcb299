//! Effective values with their origin: explicit on the element → the defaults element
//! (`siteDefaults`, `applicationDefaults`, `virtualDirectoryDefaults`,
//! `applicationPoolDefaults`, per site then per section) → the schema default.

use std::borrow::Cow;

use serde::Serialize;

use crate::model::doc::{Document, Location, NodeId};
use crate::model::schema::{AttributeSchema, ElementSchema};
use crate::model::validate::is_encrypted;

use super::error::ModelError;
use super::suggest::closest;

/// Where an effective value came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Origin {
    /// Written on the element itself.
    Explicit { line: u32, column: u32 },
    /// Inherited from a defaults element (`siteDefaults`, …).
    Defaults {
        element: String,
        line: u32,
        column: u32,
    },
    /// The schema's default value.
    Schema,
    /// Nobody sets it and the schema has no default.
    Unset,
}

impl Origin {
    fn at(location: Location) -> Origin {
        Origin::Explicit {
            line: location.line,
            column: location.column,
        }
    }

    pub fn is_inherited(&self) -> bool {
        !matches!(self, Origin::Explicit { .. })
    }

    /// Short label: `explicit (line 12)`, `siteDefaults (line 40)`, `schema default`, `unset`.
    pub fn label(&self) -> String {
        match self {
            Origin::Explicit { line, .. } => format!("explicit, line {line}"),
            Origin::Defaults { element, line, .. } => {
                format!("inherited from {element}, line {line}")
            }
            Origin::Schema => String::from("schema default"),
            Origin::Unset => String::from("not set"),
        }
    }
}

/// A value as IIS would use it, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Effective {
    pub key: String,
    /// `None` when unset.
    pub value: Option<String>,
    pub origin: Origin,
    /// The value is an `[enc:…:enc]` blob, kept untouched.
    pub encrypted: bool,
}

impl Effective {
    /// The value, or "" when unset.
    pub fn text(&self) -> &str {
        self.value.as_deref().unwrap_or("")
    }

    /// For display: encrypted values are never shown.
    pub fn display(&self) -> Cow<'_, str> {
        if self.encrypted {
            Cow::Borrowed("(encrypted)")
        } else {
            Cow::Borrowed(self.text())
        }
    }
}

/// The schema and the defaults elements that apply to one object.
pub struct Resolver<'a> {
    pub doc: &'a Document,
    pub item: &'a ElementSchema,
    pub node: NodeId,
    /// Defaults elements in the order they are consulted, with their labels.
    pub chain: Vec<(NodeId, String)>,
    /// For error messages: `site "Default Web Site"`.
    pub object: String,
}

impl<'a> Resolver<'a> {
    /// The attribute schema for a dotted key, or an unknown-key error with suggestions.
    pub fn attribute(&self, key: &str) -> Result<(Vec<&'a str>, &'a AttributeSchema), ModelError> {
        let parts: Vec<&str> = key.split('.').collect();
        let (last, elements) = parts.split_last().ok_or_else(|| self.unknown(key))?;
        let element = self
            .item
            .element_path(elements)
            .ok_or_else(|| self.unknown(key))?;
        let attr = element.attribute(last).ok_or_else(|| self.unknown(key))?;
        let item: &'a ElementSchema = self.item;
        // Re-borrow the path parts from the schema so they live as long as 'a.
        let mut path = Vec::with_capacity(elements.len());
        let mut schema = item;
        for name in elements {
            let child = schema.element(name).ok_or_else(|| self.unknown(key))?;
            path.push(child.name.as_str());
            schema = child;
        }
        Ok((path, attr))
    }

    fn unknown(&self, key: &str) -> ModelError {
        let keys = self.item.keys();
        ModelError::UnknownKey {
            key: key.to_owned(),
            object: self.object.clone(),
            suggestions: closest(key, &keys, 5),
        }
    }

    /// The effective value of a dotted key.
    pub fn get(&self, key: &str) -> Result<Effective, ModelError> {
        let (path, attr) = self.attribute(key)?;
        let lookup = |node: NodeId| {
            let element = self.doc.descend(node, &path)?;
            self.doc.attr(element, &attr.name)
        };
        let found = |value: Cow<'_, str>, origin: Origin| Effective {
            key: key.to_owned(),
            encrypted: is_encrypted(&value),
            value: Some(value.into_owned()),
            origin,
        };
        if let Some(a) = lookup(self.node) {
            return Ok(found(a.value(), Origin::at(a.location())));
        }
        for (defaults, label) in &self.chain {
            if let Some(a) = lookup(*defaults) {
                let at = a.location();
                return Ok(found(
                    a.value(),
                    Origin::Defaults {
                        element: label.clone(),
                        line: at.line,
                        column: at.column,
                    },
                ));
            }
        }
        Ok(match &attr.default {
            Some(default) => found(Cow::Borrowed(default), Origin::Schema),
            None => Effective {
                key: key.to_owned(),
                value: None,
                origin: Origin::Unset,
                encrypted: false,
            },
        })
    }

    /// Every key of the object with its effective value.
    pub fn all(&self) -> Vec<Effective> {
        self.item
            .keys()
            .iter()
            .filter_map(|k| self.get(k).ok())
            .collect()
    }
}
