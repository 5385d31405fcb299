//! What the host-side rules look at, read once per check: each application's folder on this
//! machine and its web.config (only regular files, at most [`WEB_CONFIG_LIMIT`] bytes), and the
//! handlers that web.config adds, removes or clears.

use std::path::{Path, PathBuf};

use crate::host::paths::local_path;
use crate::model::apphost::AppHost;
use crate::model::doc::{Document, NodeId};

/// A web.config larger than this is not read (IIS's own limit is far lower).
pub const WEB_CONFIG_LIMIT: u64 = 16 * 1024 * 1024;

/// One application with what the machine says about it.
pub struct AppFacts {
    /// appcmd id (`Site/`, `Site/path`).
    pub id: String,
    pub site: String,
    /// Virtual path (`/`, `/admin`).
    pub path: String,
    pub pool: Option<String>,
    /// The root virtual directory's folder on this machine (`None`: a drive or share this
    /// system does not have, or no root virtual directory).
    pub folder: Option<PathBuf>,
    pub web_config: Option<WebConfig>,
}

/// An application's web.config: its path and the parsed document, or why it could not be read.
pub struct WebConfig {
    pub file: PathBuf,
    pub doc: Result<Document, String>,
}

/// One entry of a `<handlers>` collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HandlerEntry {
    Add { name: String, modules: String },
    Remove(String),
    Clear,
}

/// A `<handlers>` section of a web.config and whether sub-applications inherit it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handlers {
    pub inherited: bool,
    pub entries: Vec<HandlerEntry>,
}

impl AppFacts {
    /// The parsed web.config, when there is one that parses.
    pub fn document(&self) -> Option<&Document> {
        self.web_config.as_ref().and_then(|w| w.doc.as_ref().ok())
    }
}

/// Reads every application's folder and web.config.
pub fn gather(host: AppHost<'_>) -> Vec<AppFacts> {
    let mut out = Vec::new();
    for site in host.sites() {
        for app in site.applications() {
            let folder = app
                .root_virtual_directory()
                .and_then(|v| v.physical_path_text())
                .and_then(|p| local_path(&p));
            let web_config = folder.as_deref().and_then(read_web_config);
            out.push(AppFacts {
                id: app.id(),
                site: site.name().into_owned(),
                path: app.path().into_owned(),
                pool: app.app_pool_name(),
                folder,
                web_config,
            });
        }
    }
    out
}

/// `folder/web.config` when it is a file: parsed, or the reason it could not be.
pub fn read_web_config(folder: &Path) -> Option<WebConfig> {
    let file = folder.join("web.config");
    let meta = std::fs::metadata(&file).ok()?;
    if !meta.is_file() {
        return None;
    }
    let doc = if meta.len() > WEB_CONFIG_LIMIT {
        Err(format!(
            "it is {} bytes, more than the {WEB_CONFIG_LIMIT} iistui reads",
            meta.len()
        ))
    } else {
        std::fs::read(&file)
            .map_err(|e| e.to_string())
            .and_then(|bytes| Document::parse(bytes).map_err(|e| e.to_string()))
    };
    Some(WebConfig { file, doc })
}

/// The `<handlers>` sections of a web.config: directly under `<system.webServer>`, and in
/// `<location>` elements for the application itself (`path` empty or `.`).
pub fn handlers(doc: &Document) -> Vec<Handlers> {
    let root = doc.root();
    let mut out = Vec::new();
    let mut read = |node: NodeId, inherited: bool| {
        let entries = doc
            .elements(node)
            .filter_map(|e| {
                let name = || doc.attr_value(e, "name").unwrap_or_default().into_owned();
                match doc.name(e) {
                    "add" => Some(HandlerEntry::Add {
                        name: name(),
                        modules: doc
                            .attr_value(e, "modules")
                            .unwrap_or_default()
                            .into_owned(),
                    }),
                    "remove" => Some(HandlerEntry::Remove(name())),
                    "clear" => Some(HandlerEntry::Clear),
                    _ => None,
                }
            })
            .collect();
        out.push(Handlers { inherited, entries });
    };
    if let Some(node) = doc.descend(root, &["system.webServer", "handlers"]) {
        read(node, true);
    }
    for location in doc.elements_named(root, "location") {
        let path = doc.attr_value(location, "path").unwrap_or_default();
        if !(path.is_empty() || path == ".") {
            continue;
        }
        let inherited = !doc
            .attr_value(location, "inheritInChildApplications")
            .is_some_and(|v| v.eq_ignore_ascii_case("false"));
        if let Some(node) = doc.descend(location, &["system.webServer", "handlers"]) {
            read(node, inherited);
        }
    }
    out
}

/// Whether a handler runs the ASP.NET Core Module (`AspNetCoreModule`, `AspNetCoreModuleV2`).
pub fn is_ancm(modules: &str) -> bool {
    modules
        .trim()
        .to_ascii_lowercase()
        .starts_with("aspnetcoremodule")
}

/// A path from a web.config (`.\logs\stdout`, `C:\x`, `%HOME%\x`) on this machine, relative
/// ones against the application's folder; `None` when this system cannot resolve it.
pub fn resolve(folder: &Path, configured: &str) -> Option<PathBuf> {
    let local = local_path(configured)?;
    if local.to_string_lossy().contains('%') {
        return None;
    }
    let local: PathBuf = local
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    Some(if local.is_absolute() {
        local
    } else {
        folder.join(local)
    })
}
