//! `<application>` and `<virtualDirectory>` views: paths, pools, physical paths (as written and
//! expanded), with defaults from the site's and the section's defaults elements.

use std::borrow::Cow;

use crate::model::doc::NodeId;
use crate::model::schema::ElementSchema;

use super::AppHost;
use super::effective::{Effective, ObjectLabel, Resolver};
use super::error::ModelError;

/// A view of one `<application>` element of a site.
#[derive(Clone, Copy)]
pub struct Application<'a> {
    pub host: AppHost<'a>,
    pub site: NodeId,
    pub node: NodeId,
}

/// A view of one `<virtualDirectory>` element of an application.
#[derive(Clone, Copy)]
pub struct VirtualDirectory<'a> {
    pub host: AppHost<'a>,
    pub site: NodeId,
    pub application: NodeId,
    pub node: NodeId,
}

fn child_item<'a>(schema: &'a ElementSchema, what: &str) -> Result<&'a ElementSchema, ModelError> {
    schema
        .collection
        .as_deref()
        .map(|c| &c.item)
        .ok_or_else(|| ModelError::MissingSection(format!("{what} in the schema")))
}

impl<'a> Application<'a> {
    pub fn new(host: AppHost<'a>, site: NodeId, node: NodeId) -> Self {
        Application { host, site, node }
    }

    pub fn path(&self) -> Cow<'a, str> {
        self.host
            .doc
            .attr_value(self.node, "path")
            .unwrap_or_default()
    }

    pub fn site_name(&self) -> Cow<'a, str> {
        self.host
            .doc
            .attr_value(self.site, "name")
            .unwrap_or_default()
    }

    /// appcmd's id: `Default Web Site/` for the root, `Default Web Site/api` otherwise.
    pub fn id(&self) -> String {
        super::app_id(&self.site_name(), &self.path())
    }

    pub fn app_pool(&self) -> Result<Effective, ModelError> {
        self.get("applicationPool")
    }

    /// The effective pool name, without its origin (cheap enough for 10,000 sites).
    pub fn app_pool_name(&self) -> Option<String> {
        self.app_pool_name_written().map(Cow::into_owned)
    }

    /// [`Application::app_pool_name`], borrowed from the document where it can be.
    pub fn app_pool_name_written(&self) -> Option<Cow<'a, str>> {
        let value = self.resolver().ok()?.value("applicationPool").ok()??;
        (!value.is_empty()).then_some(value)
    }

    pub fn virtual_directories(&self) -> Vec<VirtualDirectory<'a>> {
        self.each_virtual_directory().collect()
    }

    fn each_virtual_directory(&self) -> impl Iterator<Item = VirtualDirectory<'a>> + 'a {
        let (host, site, application) = (self.host, self.site, self.node);
        host.doc
            .elements_named(application, "virtualDirectory")
            .map(move |node| VirtualDirectory {
                host,
                site,
                application,
                node,
            })
    }

    pub fn root_virtual_directory(&self) -> Option<VirtualDirectory<'a>> {
        self.each_virtual_directory().find(|v| v.path() == "/")
    }

    pub fn resolver(&self) -> Result<Resolver<'a>, ModelError> {
        let item = child_item(self.host.site_schema()?, "applications")?;
        Ok(Resolver {
            doc: self.host.doc,
            item,
            node: self.node,
            object: ObjectLabel::Application(*self),
        })
    }

    /// The defaults elements an application's values fall back to: the site's, then the section's.
    pub(crate) fn defaults_chain(&self) -> Vec<(NodeId, String)> {
        let mut chain = Vec::new();
        if let Some(d) = self.host.doc.child(self.site, "applicationDefaults") {
            chain.push((
                d,
                format!("site \"{}\" applicationDefaults", self.site_name()),
            ));
        }
        if let Some(d) = self.host.defaults().application {
            chain.push((d, String::from("applicationDefaults")));
        }
        chain
    }

    pub fn get(&self, key: &str) -> Result<Effective, ModelError> {
        self.resolver()?.get(key)
    }
}

impl<'a> VirtualDirectory<'a> {
    pub fn path(&self) -> Cow<'a, str> {
        self.host
            .doc
            .attr_value(self.node, "path")
            .unwrap_or_default()
    }

    pub fn application_path(&self) -> Cow<'a, str> {
        self.host
            .doc
            .attr_value(self.application, "path")
            .unwrap_or_default()
    }

    /// appcmd's id: `Site/` (root of root), `Site/app` (root of app), `Site/app/vdir`.
    pub fn id(&self) -> String {
        let site = self
            .host
            .doc
            .attr_value(self.site, "name")
            .unwrap_or_default();
        let app = self.application_path();
        let path = self.path();
        let app_part = if app == "/" { "" } else { app.as_ref() };
        let vdir_part = if path == "/" && !app_part.is_empty() {
            ""
        } else {
            path.as_ref()
        };
        format!("{site}{app_part}{vdir_part}")
    }

    /// The physical path as written (with `%VARIABLES%`), and its origin.
    pub fn physical_path(&self) -> Effective {
        self.get("physicalPath").unwrap_or_else(|_| Effective {
            key: String::from("physicalPath"),
            value: self
                .host
                .doc
                .attr_value(self.node, "physicalPath")
                .map(|v| v.into_owned()),
            origin: super::effective::Origin::Unset,
            encrypted: false,
        })
    }

    /// The physical path as written (with `%VARIABLES%`), without its origin.
    pub fn physical_path_text(&self) -> Option<String> {
        self.physical_path_written().map(Cow::into_owned)
    }

    /// [`VirtualDirectory::physical_path_text`], borrowed from the document where it can be.
    pub fn physical_path_written(&self) -> Option<Cow<'a, str>> {
        match self.resolver().and_then(|r| r.value("physicalPath")) {
            Ok(value) => value,
            Err(_) => self.host.doc.attr_value(self.node, "physicalPath"),
        }
    }

    pub fn resolver(&self) -> Result<Resolver<'a>, ModelError> {
        let app_item = child_item(self.host.site_schema()?, "applications")?;
        let item = child_item(app_item, "virtual directories")?;
        Ok(Resolver {
            doc: self.host.doc,
            item,
            node: self.node,
            object: ObjectLabel::VirtualDirectory(*self),
        })
    }

    /// The defaults elements a virtual directory's values fall back to: the application's, the
    /// site's, then the section's.
    pub(crate) fn defaults_chain(&self) -> Vec<(NodeId, String)> {
        let doc = self.host.doc;
        let mut chain = Vec::new();
        if let Some(d) = doc.child(self.application, "virtualDirectoryDefaults") {
            chain.push((d, String::from("application virtualDirectoryDefaults")));
        }
        if let Some(d) = doc.child(self.site, "virtualDirectoryDefaults") {
            chain.push((d, String::from("site virtualDirectoryDefaults")));
        }
        if let Some(d) = self.host.defaults().virtual_directory {
            chain.push((d, String::from("virtualDirectoryDefaults")));
        }
        chain
    }

    pub fn get(&self, key: &str) -> Result<Effective, ModelError> {
        self.resolver()?.get(key)
    }
}
