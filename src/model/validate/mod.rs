//! Checks a configuration document against the schema: values by type and validator, required
//! attributes, duplicate collection keys, unrecognized attributes and elements (sections the
//! loaded schema does not describe are skipped: not ours to judge), then the IIS-level checks of
//! `semantic` for applicationHost.config.

pub mod hosting;
mod semantic;

use std::collections::HashMap;

use crate::model::doc::{Document, Location, NodeId};
use crate::model::schema::{CollectionSchema, ElementSchema, SchemaSet};

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

struct Checker<'a> {
    doc: &'a Document,
    schema: &'a SchemaSet,
    findings: Vec<Finding>,
}

/// Validates a document; findings are in document order.
pub fn validate(doc: &Document, schema: &SchemaSet) -> Vec<Finding> {
    let mut checker = Checker {
        doc,
        schema,
        findings: Vec::new(),
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
    checker.findings
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
                    if let Err(why) = attr_schema.parse_value(&value) {
                        self.push_at(
                            attr.location(),
                            Severity::Error,
                            here,
                            format!("invalid value \"{value}\": {why}"),
                        );
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
            let value = if attr.case_sensitive {
                value.into_owned()
            } else {
                value.to_lowercase()
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
mod tests {
    use super::*;

    fn findings(xml: &str) -> Vec<String> {
        let doc = Document::parse_str(xml).expect("parses");
        validate(&doc, &SchemaSet::bundled())
            .into_iter()
            .map(|f| format!("{}:{:?}:{}: {}", f.location, f.severity, f.place, f.message))
            .collect()
    }

    #[test]
    fn sections_moved_with_config_source_must_be_empty() {
        let moved = "<configuration>\n  <system.applicationHost>\n    <sites configSource=\"sites.config\" />\n  </system.applicationHost>\n</configuration>";
        assert_eq!(
            findings(moved),
            [
                "3:5:Warning:system.applicationHost/sites: the section is kept in \"sites.config\" (configSource); that file is not checked"
            ]
        );
        let both = moved.replace(
            "<sites configSource=\"sites.config\" />",
            "<sites configSource=\"sites.config\"><siteDefaults /></sites>",
        );
        assert_eq!(
            findings(&both),
            [
                "3:5:Error:system.applicationHost/sites: the section has configSource=\"sites.config\" and content here too; IIS refuses a section that has both"
            ]
        );
    }

    #[test]
    fn reports_values_keys_and_unknowns() {
        let xml = r#"<configuration>
  <system.applicationHost>
    <applicationPools>
      <add name="A" startMode="Sometimes" queueLength="5" />
      <add name="a" bogus="1">
        <processModel idleTimeout="00:00:30" />
      </add>
      <remove name="A" />
      <add name="A|B" />
    </applicationPools>
    <sites>
      <site name="x" id="1"><limits connectionTimeout="banana" /></site>
      <site name="X" id="2" />
      <site name="y.tbd" id="2"><application path="/"><virtualDirectory path="/" password="[enc:AesProvider:abc:enc]" /></application></site>
    </sites>
  </system.applicationHost>
  <location path="x"><system.webServer><aspNetCore processPath="dotnet" hostingModel="sideways" /></system.webServer></location>
</configuration>"#;
        let got = findings(xml);
        let expect = [
            "4:21:Error:system.applicationHost/applicationPools/add[A]/@startMode: invalid value \"Sometimes\": must be one of: OnDemand, AlwaysRunning",
            "4:43:Error:system.applicationHost/applicationPools/add[A]/@queueLength: invalid value \"5\": must be between 10 and 65535",
            "5:7:Error:system.applicationHost/applicationPools/add[a]: duplicate add name \"a\" (first at 4:7)",
            "5:21:Warning:system.applicationHost/applicationPools/add[a]/@bogus: unrecognized attribute 'bogus'",
            "6:23:Error:system.applicationHost/applicationPools/add[a]/processModel/@idleTimeout: invalid value \"00:00:30\": must be a whole multiple of 60 seconds",
            "8:7:Warning:system.applicationHost/applicationPools: unrecognized element <remove> (not in the loaded schema)",
            "9:12:Error:system.applicationHost/applicationPools/add[A|B]/@name: invalid value \"A|B\": an application pool name must not contain '|' (IIS refuses | < > & and \")",
            "12:7:Error:system.applicationHost/sites/site[x]: the site has no root application (path=\"/\"); IIS cannot start it",
            "12:37:Error:system.applicationHost/sites/site[x]/limits/@connectionTimeout: invalid value \"banana\": must be a time span like hh:mm:ss or d.hh:mm:ss",
            "13:7:Error:system.applicationHost/sites/site[X]: duplicate site name \"x\" (first at 12:7)",
            "13:7:Error:system.applicationHost/sites/site[X]: the site has no root application (path=\"/\"); IIS cannot start it",
            "14:7:Error:system.applicationHost/sites/site[y.tbd]: duplicate site id \"2\" (first at 13:7)",
            "17:73:Error:system.webServer/aspNetCore/@hostingModel: invalid value \"sideways\": must be one of: InProcess, OutOfProcess",
        ];
        assert_eq!(got, expect);
    }
}
