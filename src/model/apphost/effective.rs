//! Effective values with their origin: explicit on the element → the defaults element
//! (`siteDefaults`, `applicationDefaults`, `virtualDirectoryDefaults`,
//! `applicationPoolDefaults`, per site then per section) → the schema default.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

use crate::model::doc::{AttrRef, Document, Location, NodeId};
use crate::model::schema::{AttributeSchema, ElementSchema};
use crate::model::validate::is_encrypted;

use super::application::{Application, VirtualDirectory};
use super::apppool::AppPool;
use super::error::ModelError;
use super::site::Site;
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

    /// For a settings list: `(not set)`, `""` for an empty value, else [`Effective::display`].
    pub fn shown(&self) -> Cow<'_, str> {
        match self.value.as_deref() {
            None => Cow::Borrowed("(not set)"),
            Some("") => Cow::Borrowed("\"\""),
            Some(_) => self.display(),
        }
    }
}

/// A found attribute with the label of the defaults element it came from (`None`: explicit),
/// and the attribute's schema.
type Found<'a> = (Option<(AttrRef<'a>, Option<String>)>, &'a AttributeSchema);

/// The schema and the defaults elements that apply to one object.
pub struct Resolver<'a> {
    pub doc: &'a Document,
    pub item: &'a ElementSchema,
    pub node: NodeId,
    /// For messages: `site "Default Web Site"` (formatted only when needed).
    pub object: ObjectLabel<'a>,
}

/// The object a resolver belongs to, formatted on demand.
#[derive(Clone, Copy)]
pub enum ObjectLabel<'a> {
    Site(Site<'a>),
    AppPool(AppPool<'a>),
    Application(Application<'a>),
    VirtualDirectory(VirtualDirectory<'a>),
    Section(&'static str),
}

impl ObjectLabel<'_> {
    /// The defaults elements consulted after the object itself, in order, with their labels.
    /// Computed only when a value is not explicit.
    pub fn defaults_chain(&self) -> Vec<(NodeId, String)> {
        match self {
            ObjectLabel::Site(site) => site.defaults_chain(),
            ObjectLabel::AppPool(pool) => pool.defaults_chain(),
            ObjectLabel::Application(app) => app.defaults_chain(),
            ObjectLabel::VirtualDirectory(vdir) => vdir.defaults_chain(),
            ObjectLabel::Section(_) => Vec::new(),
        }
    }
}

impl fmt::Display for ObjectLabel<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ObjectLabel::Site(site) => write!(f, "site \"{}\"", site.name()),
            ObjectLabel::AppPool(pool) => write!(f, "application pool \"{}\"", pool.name()),
            ObjectLabel::Application(app) => write!(f, "application \"{}\"", app.id()),
            ObjectLabel::VirtualDirectory(vdir) => write!(f, "virtual directory \"{}\"", vdir.id()),
            ObjectLabel::Section(name) => f.write_str(name),
        }
    }
}

impl<'a> Resolver<'a> {
    /// The attribute schema for a dotted key, or an unknown-key error with suggestions.
    pub fn attribute(&self, key: &str) -> Result<(Vec<&'a str>, &'a AttributeSchema), ModelError> {
        if !key.contains('.') {
            // Most keys are attributes of the element itself: no path to allocate.
            return self
                .item
                .attribute(key)
                .map(|attr| (Vec::new(), attr))
                .ok_or_else(|| self.unknown(key));
        }
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
            object: self.object.to_string(),
            suggestions: closest(key, &keys, 5),
        }
    }

    /// Where a key's value is found: the attribute and which defaults element (index into
    /// `chain`) it came from, or the schema attribute for its default.
    fn find(&self, key: &str) -> Result<Found<'a>, ModelError> {
        let (path, attr) = self.attribute(key)?;
        let lookup = |node: NodeId| {
            let element = self.doc.descend(node, &path)?;
            self.doc.attr(element, &attr.name)
        };
        if let Some(a) = lookup(self.node) {
            return Ok((Some((a, None)), attr));
        }
        for (defaults, label) in self.object.defaults_chain() {
            if let Some(a) = lookup(defaults) {
                return Ok((Some((a, Some(label))), attr));
            }
        }
        Ok((None, attr))
    }

    /// The effective value of a dotted key, with its origin (line and column included).
    pub fn get(&self, key: &str) -> Result<Effective, ModelError> {
        let (found, attr) = self.find(key)?;
        let effective = |value: Cow<'_, str>, origin: Origin| Effective {
            key: key.to_owned(),
            encrypted: is_encrypted(&value),
            value: Some(value.into_owned()),
            origin,
        };
        Ok(match found {
            Some((a, None)) => effective(a.value(), Origin::at(a.location())),
            Some((a, Some(label))) => {
                let at = a.location();
                effective(
                    a.value(),
                    Origin::Defaults {
                        element: label,
                        line: at.line,
                        column: at.column,
                    },
                )
            }
            None => match &attr.default {
                Some(default) => effective(Cow::Borrowed(default), Origin::Schema),
                None => Effective {
                    key: key.to_owned(),
                    value: None,
                    origin: Origin::Unset,
                    encrypted: false,
                },
            },
        })
    }

    /// The effective value and where it came from, without locating it in the file:
    /// `(value, explicit?, "explicit" | defaults element | "schema default" | "not set")`.
    pub fn peek(&self, key: &str) -> Result<(Option<Cow<'a, str>>, bool, String), ModelError> {
        let (found, attr) = self.find(key)?;
        Ok(match found {
            Some((a, None)) => (Some(a.value()), true, String::from("explicit")),
            Some((a, Some(label))) => (Some(a.value()), false, format!("inherited from {label}")),
            None => match &attr.default {
                Some(default) => (
                    Some(Cow::Borrowed(default.as_str())),
                    false,
                    String::from("schema default"),
                ),
                None => (None, false, String::from("not set")),
            },
        })
    }

    /// Only the effective value (no origin): cheap enough for listing 10,000 objects.
    pub fn value(&self, key: &str) -> Result<Option<Cow<'a, str>>, ModelError> {
        let (found, attr) = self.find(key)?;
        Ok(match found {
            Some((a, _)) => Some(a.value()),
            None => attr.default.as_deref().map(Cow::Borrowed),
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
