//! The parts of applicationHost.config around the typed objects, read and shown but never
//! rewritten: `<location path="…">` sections, `<configSections>` declarations (with
//! `overrideModeDefault`) and `<configProtectedData>` providers.

use serde::Serialize;

use crate::model::doc::{Document, Location, NodeId};

/// A `<location>` element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfigLocation {
    #[serde(skip)]
    pub node: NodeId,
    pub path: String,
    pub override_mode: Option<String>,
    pub inherit_in_child_applications: Option<String>,
    /// Section paths configured inside, e.g. `system.webServer/security/authentication`.
    pub sections: Vec<String>,
    pub location: Location,
}

/// A `<section>` declared in `<configSections>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SectionDeclaration {
    pub name: String,
    pub override_mode_default: Option<String>,
    pub allow_definition: Option<String>,
}

/// A provider in `<configProtectedData>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProtectedDataProvider {
    pub name: String,
    pub type_name: Option<String>,
    pub is_default: bool,
}

fn leaf_paths(doc: &Document, node: NodeId, prefix: &str, out: &mut Vec<String>) {
    for child in doc.elements(node) {
        let path = if prefix.is_empty() {
            doc.name(child).to_owned()
        } else {
            format!("{prefix}/{}", doc.name(child))
        };
        if doc.attrs(child).len() > 0
            || doc.elements(child).next().is_none()
            || path.matches('/').count() >= 2
        {
            out.push(path);
        } else {
            leaf_paths(doc, child, &path, out);
        }
    }
}

/// Every `<location>` under the root.
pub fn locations(doc: &Document) -> Vec<ConfigLocation> {
    doc.elements_named(doc.root(), "location")
        .map(|node| {
            let mut sections = Vec::new();
            leaf_paths(doc, node, "", &mut sections);
            ConfigLocation {
                node,
                path: doc
                    .attr_value(node, "path")
                    .map(|p| p.into_owned())
                    .unwrap_or_default(),
                override_mode: doc.attr_value(node, "overrideMode").map(|v| v.into_owned()),
                inherit_in_child_applications: doc
                    .attr_value(node, "inheritInChildApplications")
                    .map(|v| v.into_owned()),
                sections,
                location: doc.node_location(node),
            }
        })
        .collect()
}

/// The `<location>` elements whose path is the site or below it.
pub fn locations_for(doc: &Document, site: &str) -> Vec<ConfigLocation> {
    locations(doc)
        .into_iter()
        .filter(|l| {
            let path = l.path.trim_start_matches('/');
            path.eq_ignore_ascii_case(site)
                || path
                    .to_lowercase()
                    .starts_with(&format!("{}/", site.to_lowercase()))
        })
        .collect()
}

/// Every section declared in `<configSections>`, with its full path.
pub fn section_declarations(doc: &Document) -> Vec<SectionDeclaration> {
    let mut out = Vec::new();
    if let Some(sections) = doc.child(doc.root(), "configSections") {
        collect_sections(doc, sections, "", &mut out);
    }
    out
}

fn collect_sections(doc: &Document, node: NodeId, prefix: &str, out: &mut Vec<SectionDeclaration>) {
    for child in doc.elements(node) {
        let name = doc.attr_value(child, "name").unwrap_or_default();
        let path = if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}/{name}")
        };
        match doc.name(child) {
            "sectionGroup" => collect_sections(doc, child, &path, out),
            "section" => out.push(SectionDeclaration {
                name: path,
                override_mode_default: doc
                    .attr_value(child, "overrideModeDefault")
                    .map(|v| v.into_owned()),
                allow_definition: doc
                    .attr_value(child, "allowDefinition")
                    .map(|v| v.into_owned()),
            }),
            _ => {}
        }
    }
}

/// The providers of `<configProtectedData>`.
pub fn protected_data(doc: &Document) -> Vec<ProtectedDataProvider> {
    let Some(section) = doc.child(doc.root(), "configProtectedData") else {
        return Vec::new();
    };
    let default = doc
        .attr_value(section, "defaultProvider")
        .map(|v| v.into_owned());
    let Some(providers) = doc.child(section, "providers") else {
        return Vec::new();
    };
    doc.elements_named(providers, "add")
        .map(|node| {
            let name = doc
                .attr_value(node, "name")
                .map(|v| v.into_owned())
                .unwrap_or_default();
            ProtectedDataProvider {
                is_default: default.as_deref() == Some(name.as_str()),
                type_name: doc.attr_value(node, "type").map(|v| v.into_owned()),
                name,
            }
        })
        .collect()
}
