//! A `<site>`: name, id, bindings, applications, and its settings with their origin.

use std::borrow::Cow;

use crate::model::doc::NodeId;

use super::AppHost;
use super::application::Application;
use super::binding::{Binding, BindingSpec};
use super::effective::{Effective, ObjectLabel, Resolver};
use super::error::ModelError;

/// A view of one `<site>` element.
#[derive(Clone, Copy)]
pub struct Site<'a> {
    pub host: AppHost<'a>,
    pub node: NodeId,
}

impl<'a> Site<'a> {
    pub fn new(host: AppHost<'a>, node: NodeId) -> Self {
        Site { host, node }
    }

    pub fn name(&self) -> Cow<'a, str> {
        self.host
            .doc
            .attr_value(self.node, "name")
            .unwrap_or_default()
    }

    pub fn id(&self) -> Option<u32> {
        self.host
            .doc
            .attr_value(self.node, "id")
            .and_then(|v| v.trim().parse().ok())
    }

    pub fn bindings(&self) -> Vec<Binding> {
        let doc = self.host.doc;
        match doc.child(self.node, "bindings") {
            Some(list) => doc
                .elements_named(list, "binding")
                .map(|b| Binding::read(doc, b))
                .collect(),
            None => Vec::new(),
        }
    }

    /// Bindings in appcmd's spelling (`http/*:80:example.com`), without the parsed parts.
    pub fn binding_specs(&self) -> Vec<String> {
        self.binding_spec_parts()
            .iter()
            .map(BindingSpec::to_string)
            .collect()
    }

    /// [`Site::binding_specs`], borrowed from the document.
    pub fn binding_spec_parts(&self) -> Vec<BindingSpec<'a>> {
        let doc = self.host.doc;
        let Some(list) = doc.child(self.node, "bindings") else {
            return Vec::new();
        };
        doc.elements_named(list, "binding")
            .map(|b| BindingSpec {
                protocol: doc.attr_value(b, "protocol").unwrap_or_default(),
                information: doc.attr_value(b, "bindingInformation").unwrap_or_default(),
            })
            .collect()
    }

    pub fn application_count(&self) -> usize {
        self.host
            .doc
            .elements_named(self.node, "application")
            .count()
    }

    pub fn applications(&self) -> Vec<Application<'a>> {
        self.each_application().collect()
    }

    fn each_application(&self) -> impl Iterator<Item = Application<'a>> + 'a {
        let (host, site) = (self.host, self.node);
        host.doc
            .elements_named(site, "application")
            .map(move |node| Application::new(host, site, node))
    }

    pub fn root_application(&self) -> Option<Application<'a>> {
        self.each_application().find(|a| a.path() == "/")
    }

    /// The root application's root physical path, as written.
    pub fn physical_path(&self) -> Option<String> {
        let root = self.root_application()?;
        root.root_virtual_directory()
            .and_then(|v| v.physical_path().value)
    }

    /// The root application's effective pool name.
    pub fn app_pool_name(&self) -> Option<String> {
        self.root_application().and_then(|a| a.app_pool_name())
    }

    pub fn resolver(&self) -> Result<Resolver<'a>, ModelError> {
        Ok(Resolver {
            doc: self.host.doc,
            item: self.host.site_schema()?,
            node: self.node,
            object: ObjectLabel::Site(*self),
        })
    }

    /// The defaults elements a site's values fall back to.
    pub(crate) fn defaults_chain(&self) -> Vec<(NodeId, String)> {
        self.host
            .defaults()
            .site
            .map(|d| (d, String::from("siteDefaults")))
            .into_iter()
            .collect()
    }

    pub fn get(&self, key: &str) -> Result<Effective, ModelError> {
        self.resolver()?.get(key)
    }
}
