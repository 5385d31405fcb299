//! Typed IIS views over an applicationHost.config document: sites, bindings, applications,
//! virtual directories and application pools, each a node id plus accessors (never a second
//! copy), with effective values and their origin; plus the operations that change them.

mod application;
mod apppool;
mod binding;
mod binding_index;
mod change;
mod effective;
mod error;
mod names;
mod ops_app;
mod ops_binding;
mod ops_pool;
mod ops_rename;
mod ops_set;
mod ops_site;
mod overlap;
mod physical_path;
mod removal;
mod sections;
mod serving;
mod settings;
mod site;
mod suggest;

pub use application::{Application, VirtualDirectory};
pub use apppool::AppPool;
pub use binding::{Binding, BindingSpec, split_information};
pub use binding_index::BindingIndex;
pub use change::Change;
pub use effective::{Effective, ObjectLabel, Origin, Resolver};
pub use error::ModelError;
pub use names::{check_new_pool_name, check_new_site_name, check_virtual_path};
pub use ops_app::{
    add_application, add_virtual_directory, delete_application, delete_virtual_directory,
};
pub use ops_binding::{
    BINDING_KEYS, DEFAULT_CERTIFICATE_STORE, check_certificate_hash, check_sni, check_store_name,
    checked_binding, edit_binding, sslcert_note,
};
pub use ops_pool::{NewAppPool, add_app_pool, delete_app_pool};
pub use ops_set::{MASK, SetOptions, Target, set_keys, set_keys_with};
pub use ops_site::check_binding_free;
pub use ops_site::{NewSite, add_binding, add_site, delete_site, remove_binding};
pub use overlap::{application_overlap, virtual_directory_overlap};
pub use physical_path::{
    PHYSICAL_PATH_RULE, check_physical_path, is_absolute_physical_path, trim_trailing_separator,
};
pub use sections::{
    ConfigLocation, ProtectedDataProvider, SectionDeclaration, locations, locations_for,
    protected_data, section_declarations,
};
pub use settings::{
    CollectionItem, Setting, apply_settings, apply_settings_with, collection_items,
};
pub use site::Site;
pub use suggest::closest;

use crate::model::doc::{Document, NodeId};
use crate::model::schema::{ElementSchema, SchemaSet};

/// Path of the sites section from the root.
pub const SITES: &[&str] = &["system.applicationHost", "sites"];
/// Path of the application pools section from the root.
pub const APP_POOLS: &[&str] = &["system.applicationHost", "applicationPools"];

/// An applicationHost.config document read through the schema. The sections and their
/// defaults elements are located once, so per-object lookups never rescan 10,000 siblings.
#[derive(Clone, Copy)]
pub struct AppHost<'a> {
    pub doc: &'a Document,
    pub schema: &'a SchemaSet,
    sites: Option<NodeId>,
    pools: Option<NodeId>,
    defaults: SectionDefaults,
    site_item: Option<&'a ElementSchema>,
    pool_item: Option<&'a ElementSchema>,
}

/// The section-level defaults elements.
#[derive(Clone, Copy, Default)]
pub struct SectionDefaults {
    pub site: Option<NodeId>,
    pub application: Option<NodeId>,
    pub virtual_directory: Option<NodeId>,
    pub app_pool: Option<NodeId>,
}

impl<'a> AppHost<'a> {
    pub fn new(doc: &'a Document, schema: &'a SchemaSet) -> Self {
        let sites = doc.descend(doc.root(), SITES);
        let pools = doc.descend(doc.root(), APP_POOLS);
        let mut defaults = SectionDefaults::default();
        // Defaults elements follow the items, so search from the end.
        if let Some(section) = sites {
            // The defaults follow the sites: look from the end, stopping at the last <site>;
            // scan forward only if one of them was not found there.
            let mut seen_site = false;
            let visit = |child: NodeId, defaults: &mut SectionDefaults| match doc.name(child) {
                "siteDefaults" => defaults.site = defaults.site.or(Some(child)),
                "applicationDefaults" => {
                    defaults.application = defaults.application.or(Some(child))
                }
                "virtualDirectoryDefaults" => {
                    defaults.virtual_directory = defaults.virtual_directory.or(Some(child))
                }
                _ => {}
            };
            for child in doc.elements_rev(section) {
                if doc.name_is(child, "site") {
                    seen_site = true;
                    break;
                }
                visit(child, &mut defaults);
            }
            let complete = defaults.site.is_some()
                && defaults.application.is_some()
                && defaults.virtual_directory.is_some();
            if seen_site && !complete {
                for child in doc.elements(section).filter(|c| !doc.name_is(*c, "site")) {
                    visit(child, &mut defaults);
                }
            }
        }
        if let Some(section) = pools {
            defaults.app_pool = doc
                .elements_rev(section)
                .find(|c| doc.name_is(*c, "applicationPoolDefaults"));
        }
        let site_item = collection_item(schema, "system.applicationHost/sites").ok();
        let pool_item = collection_item(schema, "system.applicationHost/applicationPools").ok();
        AppHost {
            doc,
            schema,
            sites,
            pools,
            defaults,
            site_item,
            pool_item,
        }
    }

    pub fn sites_section(&self) -> Option<NodeId> {
        self.sites
    }

    pub fn pools_section(&self) -> Option<NodeId> {
        self.pools
    }

    /// The file a section element points to with `configSource` (its content lives there,
    /// and IIS refuses a section that has both).
    pub fn config_source(&self, section: NodeId) -> Option<String> {
        self.doc
            .attr_value(section, "configSource")
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    }

    /// Plain notes for the sites and pools sections whose content is kept in another file.
    pub fn sections_elsewhere(&self) -> Vec<String> {
        [(self.sites, SITES), (self.pools, APP_POOLS)]
            .into_iter()
            .filter_map(|(section, path)| {
                let source_file = self.config_source(section?)?;
                Some(format!(
                    "{} is kept in \"{source_file}\" (configSource); its items are not in this file, so they are not shown",
                    path.join("/")
                ))
            })
            .collect()
    }

    /// The section new items go into: refused when its content is kept in another file.
    pub fn writable_section(
        &self,
        section: Option<NodeId>,
        path: &[&str],
    ) -> Result<NodeId, ModelError> {
        let section = section.ok_or_else(|| ModelError::MissingSection(path.join("/")))?;
        match self.config_source(section) {
            Some(source_file) => Err(ModelError::SectionElsewhere {
                section: path.join("/"),
                source_file,
            }),
            None => Ok(section),
        }
    }

    /// The section-level defaults elements (`siteDefaults`, …).
    pub fn defaults(&self) -> SectionDefaults {
        self.defaults
    }

    /// The schema of one `<site>` item.
    pub fn site_schema(&self) -> Result<&'a ElementSchema, ModelError> {
        self.site_item.ok_or_else(|| {
            ModelError::MissingSection(String::from("system.applicationHost/sites in the schema"))
        })
    }

    /// The schema of one `<add>` application pool item.
    pub fn pool_schema(&self) -> Result<&'a ElementSchema, ModelError> {
        self.pool_item.ok_or_else(|| {
            ModelError::MissingSection(String::from(
                "system.applicationHost/applicationPools in the schema",
            ))
        })
    }

    pub fn sites(&self) -> Vec<Site<'a>> {
        self.each_site().collect()
    }

    fn each_site(&self) -> impl Iterator<Item = Site<'a>> + 'a {
        self.each_item(self.sites, "site", Site::new)
    }

    /// The views of a section's `name` items, in file order.
    fn each_item<T: 'a>(
        &self,
        section: Option<NodeId>,
        name: &'static str,
        view: fn(AppHost<'a>, NodeId) -> T,
    ) -> impl Iterator<Item = T> + 'a {
        let host = *self;
        section.into_iter().flat_map(move |section| {
            host.doc
                .elements_named(section, name)
                .map(move |node| view(host, node))
        })
    }

    /// A site by name (case-insensitive, as IIS compares them).
    pub fn site(&self, name: &str) -> Result<Site<'a>, ModelError> {
        find_or_suggest(
            || self.each_site(),
            "site",
            name,
            |s| s.name().eq_ignore_ascii_case(name),
            |s| s.name().into_owned(),
        )
    }

    /// A site by name, without gathering suggestions on a miss (for checks while typing).
    pub fn find_site(&self, name: &str) -> Option<Site<'a>> {
        self.each_site()
            .find(|s| s.name().eq_ignore_ascii_case(name))
    }

    pub fn app_pools(&self) -> Vec<AppPool<'a>> {
        self.each_app_pool().collect()
    }

    fn each_app_pool(&self) -> impl Iterator<Item = AppPool<'a>> + 'a {
        self.each_item(self.pools, "add", AppPool::new)
    }

    /// An application pool by name, without gathering suggestions on a miss (for checks while
    /// typing: a miss on 10,000 pools would rank them all).
    pub fn find_app_pool(&self, name: &str) -> Option<AppPool<'a>> {
        self.each_app_pool()
            .find(|p| p.name().eq_ignore_ascii_case(name))
    }

    /// An application pool by name (case-insensitive).
    pub fn app_pool(&self, name: &str) -> Result<AppPool<'a>, ModelError> {
        find_or_suggest(
            || self.each_app_pool(),
            "application pool",
            name,
            |p| p.name().eq_ignore_ascii_case(name),
            |p| p.name().into_owned(),
        )
    }

    /// An application by its appcmd id, `Site/path` (`Default Web Site/` is the root).
    pub fn application(&self, id: &str) -> Result<Application<'a>, ModelError> {
        let (site_name, path) = split_id(id);
        let apps = self.site(site_name)?.applications();
        find_or_suggest(
            || apps.iter().copied(),
            "application",
            id,
            |a| a.path().eq_ignore_ascii_case(&path),
            Application::id,
        )
    }

    /// A virtual directory by its appcmd id, `Site/app/vdir` (`Site/` is the root's root).
    pub fn virtual_directory(&self, id: &str) -> Result<VirtualDirectory<'a>, ModelError> {
        let (site_name, _) = split_id(id);
        let all: Vec<VirtualDirectory<'a>> = self
            .site(site_name)?
            .applications()
            .iter()
            .flat_map(|a| a.virtual_directories())
            .collect();
        let wanted = normalise_id(id);
        find_or_suggest(
            || all.iter().copied(),
            "virtual directory",
            id,
            |v| normalise_id(&v.id()).eq_ignore_ascii_case(&wanted),
            VirtualDirectory::id,
        )
    }

    /// Every application (as `Site/path`) whose effective pool is `pool`.
    pub fn applications_using_pool(&self, pool: &str) -> Vec<String> {
        self.sites()
            .iter()
            .flat_map(|s| s.applications())
            .filter(|a| {
                a.app_pool_name()
                    .is_some_and(|p| p.eq_ignore_ascii_case(pool))
            })
            .map(|a| a.id())
            .collect()
    }

    /// Every application across all sites.
    pub fn application_count(&self) -> usize {
        self.sites().iter().map(|s| s.applications().len()).sum()
    }
}

fn collection_item<'a>(
    schema: &'a SchemaSet,
    section: &str,
) -> Result<&'a ElementSchema, ModelError> {
    schema
        .section(section)
        .and_then(|s| s.collection.as_deref())
        .map(|c| &c.item)
        .ok_or_else(|| ModelError::MissingSection(format!("{section} in the schema")))
}

/// The item `matches` accepts, or a not-found error suggesting the closest `label`s. `items`
/// is walked a second time only on a miss, so finding one pool among 10,000 builds nothing.
fn find_or_suggest<T, I: Iterator<Item = T>>(
    items: impl Fn() -> I,
    kind: &'static str,
    wanted: &str,
    matches: impl Fn(&T) -> bool,
    label: impl Fn(&T) -> String,
) -> Result<T, ModelError> {
    items().find(|item| matches(item)).ok_or_else(|| {
        let labels: Vec<String> = items().map(|item| label(&item)).collect();
        ModelError::NotFound {
            kind,
            name: wanted.to_owned(),
            suggestions: closest(wanted, &labels, 3),
        }
    })
}

/// appcmd's application id: `Default Web Site/` for a root, `Default Web Site/api` otherwise.
pub fn app_id(site: &str, path: &str) -> String {
    if path == "/" {
        format!("{site}/")
    } else {
        format!("{site}{path}")
    }
}

/// `Site/a/b` → (`Site`, `/a/b`); `Site` alone → (`Site`, `/`).
pub fn split_id(id: &str) -> (&str, String) {
    match id.split_once('/') {
        Some((site, rest)) => (site, format!("/{rest}")),
        None => (id, String::from("/")),
    }
}

fn normalise_id(id: &str) -> String {
    let trimmed = id.trim_end_matches('/');
    if trimmed.contains('/') {
        trimmed.to_owned()
    } else {
        format!("{trimmed}/")
    }
}

#[cfg(test)]
mod set_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_bindings;
#[cfg(test)]
mod tests_paths;
