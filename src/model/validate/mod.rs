//! Checks a configuration document against the schema: values by type and validator, required
//! attributes, duplicate collection keys, unrecognized attributes and elements, template
//! placeholders left in values, then the IIS-level checks of `semantic` for
//! applicationHost.config. Sections the loaded schema does not describe are not judged, but
//! counted, so that a report can say what it did not check.

pub mod hosting;
mod placeholder;
mod pools;
mod semantic;

pub use pools::specific_user_without_name;

use std::collections::{BTreeSet, HashMap};

use crate::model::doc::{Document, Location, NodeId};
use crate::model::schema::{AttrType, CollectionSchema, ElementSchema, SchemaSet};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    pub location: Location,
    pub severity: Severity,
    /// Where in the configuration, e.g. `sites/site[Default Web Site]/limits/@connectionTimeout`.
    pub place: String,
    pub message: String,
}

/// What [`check`] found, and which sections it could not check.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// In document order.
    pub findings: Vec<Finding>,
    /// Sections in the file that the loaded schema does not describe (`system.web`,
    /// `system.webServer/rewrite`), each once, sorted: their values were not checked.
    pub unchecked_sections: Vec<String>,
}

/// Attributes the configuration system accepts on any element.
const GENERIC_ATTRIBUTES: &[&str] = &[
    "lockAttributes",
    "lockAllAttributesExcept",
    "lockElements",
    "lockAllElementsExcept",
    "lockItem",
    "configSource",
    "overrideMode",
    "allowOverride",
    "inheritInChildApplications",
];

/// Whether a value is an encrypted blob (`[enc:Provider:…:enc]`), kept as is.
pub fn is_encrypted(value: &str) -> bool {
    value.starts_with("[enc:") && value.ends_with(":enc]")
}

/// Elements directly under `<configuration>` that are not sections.
const NOT_SECTIONS: &[&str] = &["configSections", "location"];

/// Sections whose values are patterns (regular expressions, where `[abc]` is a character class),
/// not places for template placeholders.
const PATTERN_SECTIONS: &[&str] = &["system.webServer/rewrite"];

struct Checker<'a> {
    doc: &'a Document,
    schema: &'a SchemaSet,
    findings: Vec<Finding>,
    unchecked: BTreeSet<String>,
}

/// Validates a document; findings are in document order.
pub fn validate(doc: &Document, schema: &SchemaSet) -> Vec<Finding> {
    check(doc, schema).findings
}

/// Validates a document and says which sections it could not check.
pub fn check(doc: &Document, schema: &SchemaSet) -> Report {
    let mut checker = Checker {
        doc,
        schema,
        findings: Vec::new(),
        unchecked: BTreeSet::new(),
    };
    let root = doc.root();
    if doc.name(root) != "configuration" {
        checker.push(
            root,
            Severity::Error,
            doc.name(root),
            "the root element must be <configuration>".into(),
        );
    } else {
        checker.sections(root, "");
        let host = crate::model::apphost::AppHost::new(doc, schema);
        if host.sites_section().is_some() {
            checker.findings.extend(semantic::check(host));
        }
    }
    checker.findings.sort_by_key(|f| f.location);
    Report {
        findings: checker.findings,
        unchecked_sections: checker.unchecked.into_iter().collect(),
    }
}

impl Checker<'_> {
    fn push(&mut self, node: NodeId, severity: Severity, place: &str, message: String) {
        let location = self.doc.node_location(node);
        self.findings.push(Finding {
            location,
            severity,
            place: place.to_owned(),
            message,
        });
    }

    fn push_at(&mut self, location: Location, severity: Severity, place: String, message: String) {
        self.findings.push(Finding {
            location,
            severity,
            place,
            message,
        });
    }

    fn sections(&mut self, node: NodeId, prefix: &str) {
        for child in self.doc.elements(node) {
            let name = self.doc.name(child);
            if prefix.is_empty() && name == "location" {
                self.sections(child, "");
                continue;
            }
            let path = if prefix.is_empty() {
                name.to_owned()
            } else {
                format!("{prefix}/{name}")
            };
            if let Some(section) = self.schema.section(&path) {
                self.config_source(child, &path);
                self.element(child, section, &path);
            } else if self.schema.is_prefix(&path) {
                self.sections(child, &path);
            } else if !(prefix.is_empty() && NOT_SECTIONS.contains(&name)) {
                self.unchecked.insert(path);
            }
        }
    }

    fn element(&mut self, node: NodeId, schema: &ElementSchema, place: &str) {
        self.attributes(node, schema, place);
        let collection = schema.collection.as_deref();
        let mut keys = KeyTracker::default();
        for child in self.doc.elements(node) {
            let name = self.doc.name(child);
            if let Some(sub) = schema.element(name) {
                self.element(child, sub, &format!("{place}/{name}"));
                continue;
            }
            let Some(collection) = collection else {
                self.unrecognized_element(child, place);
                continue;
            };
            if collection.is_add(name) {
                let item_place = format!("{place}/{}", self.item_label(child, collection));
                self.element(child, &collection.item, &item_place);
                self.required(child, &collection.item, &item_place);
                if !collection.allow_duplicates {
                    self.track_keys(child, collection, &mut keys, &item_place);
                }
            } else if collection.remove_element.as_deref() == Some(name) {
                keys.remove(self.doc, child, collection);
            } else if collection.clear_element.as_deref() == Some(name) {
                keys = KeyTracker::default();
            } else {
                self.unrecognized_element(child, place);
            }
        }
    }

    /// A section moved to another file with `configSource` must be empty here: IIS refuses a
    /// section that has both. Its content is not checked (it is in the other file).
    fn config_source(&mut self, node: NodeId, place: &str) {
        let Some(source) = self.doc.attr_value(node, "configSource") else {
            return;
        };
        let (severity, message) = if self.doc.children(node).next().is_some() {
            (
                Severity::Error,
                format!(
                    "the section has configSource=\"{source}\" and content here too; IIS refuses a section that has both"
                ),
            )
        } else {
            (
                Severity::Warning,
                format!(
                    "the section is kept in \"{source}\" (configSource); that file is not checked"
                ),
            )
        };
        self.push(node, severity, place, message);
    }

    fn unrecognized_element(&mut self, node: NodeId, place: &str) {
        let name = self.doc.name(node).to_owned();
        self.push(
            node,
            Severity::Warning,
            place,
            format!("unrecognized element <{name}> (not in the loaded schema)"),
        );
    }

    fn item_label(&self, node: NodeId, collection: &CollectionSchema) -> String {
        let name = self.doc.name(node);
        let key = collection
            .key_attributes()
            .iter()
            .find_map(|a| self.doc.attr_value(node, &a.name));
        match key {
            Some(k) => format!("{name}[{k}]"),
            None => name.to_owned(),
        }
    }

    fn attributes(&mut self, node: NodeId, schema: &ElementSchema, place: &str) {
        for attr in self.doc.attrs(node) {
            let name = attr.name();
            if GENERIC_ATTRIBUTES.contains(&name) || name.starts_with("xmlns") || name.contains(':')
            {
                continue;
            }
            let here = format!("{place}/@{name}");
            match schema.attribute(name) {
                Some(attr_schema) => {
                    let value = attr.value();
                    if attr_schema.encrypted && is_encrypted(&value) {
                        continue;
                    }
                    match attr_schema.parse_value(&value) {
                        Err(why) => {
                            let note = match placeholder::find(&value) {
                                Some(token) => format!(" ({})", placeholder::note(token)),
                                None => String::new(),
                            };
                            self.push_at(
                                attr.location(),
                                Severity::Error,
                                here,
                                format!("invalid value \"{value}\": {why}{note}"),
                            );
                        }
                        Ok(_) => self.placeholder(attr.location(), name, &value, here),
                    }
                }
                None if !schema.allow_unrecognized_attributes => {
                    self.push_at(
                        attr.location(),
                        Severity::Warning,
                        here,
                        format!("unrecognized attribute '{name}'"),
                    );
                }
                None => {}
            }
        }
    }

    /// A well-typed string that holds a template placeholder: an error when the placeholder is
    /// the whole value (`physicalPath="[ApplicationPhysicalPath]"`), a warning inside a longer
    /// one. Bindings are judged by `semantic`; pattern sections are left alone.
    fn placeholder(&mut self, location: Location, name: &str, value: &str, place: String) {
        if name == "bindingInformation" || PATTERN_SECTIONS.iter().any(|s| place.starts_with(s)) {
            return;
        }
        let Some(token) = placeholder::find(value) else {
            return;
        };
        let severity = if placeholder::is_whole(value) {
            Severity::Error
        } else {
            Severity::Warning
        };
        let message = if severity == Severity::Error {
            placeholder::note(token)
        } else {
            format!("value \"{value}\": {}", placeholder::note(token))
        };
        self.push_at(location, severity, place, message);
    }

    fn required(&mut self, node: NodeId, schema: &ElementSchema, place: &str) {
        for attr in schema.attributes.iter().filter(|a| a.required) {
            if self.doc.attr(node, &attr.name).is_none() {
                self.push(
                    node,
                    Severity::Error,
                    place,
                    format!("missing required attribute '{}'", attr.name),
                );
            }
        }
    }

    fn track_keys(
        &mut self,
        node: NodeId,
        collection: &CollectionSchema,
        keys: &mut KeyTracker,
        place: &str,
    ) {
        for (label, key) in KeyTracker::keys_of(self.doc, node, collection) {
            let location = self.doc.node_location(node);
            if let Some(first) = keys.seen.insert((label.clone(), key.clone()), location) {
                let item = self.doc.name(node).to_owned();
                self.push(
                    node,
                    Severity::Error,
                    place,
                    format!("duplicate {item} {label} \"{key}\" (first at {first})"),
                );
            }
        }
    }
}

/// The keys seen so far in one collection, honouring `remove` and `clear`.
#[derive(Default)]
struct KeyTracker {
    seen: HashMap<(String, String), Location>,
}

impl KeyTracker {
    /// `(label, normalised key)` pairs of an item: each unique key alone, the combined key once.
    fn keys_of(
        doc: &Document,
        node: NodeId,
        collection: &CollectionSchema,
    ) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut combined_names = Vec::new();
        let mut combined_values = Vec::new();
        for attr in collection.key_attributes() {
            let Some(value) = doc.attr_value(node, &attr.name) else {
                continue;
            };
            let number = matches!(attr.ty, AttrType::Int | AttrType::Uint | AttrType::Int64)
                .then(|| value.trim().parse::<i128>().ok())
                .flatten();
            // A number key is compared as the number IIS reads (`07` is site 7 too).
            let value = match number {
                Some(number) => number.to_string(),
                None if attr.case_sensitive => value.into_owned(),
                None => value.to_lowercase(),
            };
            if attr.is_unique_key {
                out.push((attr.name.clone(), value));
            } else {
                combined_names.push(attr.name.clone());
                combined_values.push(value);
            }
        }
        if !combined_values.is_empty() {
            out.push((combined_names.join("+"), combined_values.join("|")));
        }
        out
    }

    fn remove(&mut self, doc: &Document, node: NodeId, collection: &CollectionSchema) {
        for key in KeyTracker::keys_of(doc, node, collection) {
            self.seen.remove(&key);
        }
    }
}

#[cfg(test)]
mod tests;
