//! What the health view watches for one configuration: its pools, each application's folder on
//! this machine (`%SystemDrive%` and the demo's drive expanded, symbolic links resolved), and
//! the folders whose drives' free space matters (application folders and site log folders).

use std::path::PathBuf;

use crate::host::paths::local_path;
use crate::model::apphost::AppHost;

use super::workers::{AppFolder, Topology};

/// A configured path as a folder on this machine, resolved when it exists.
fn folder(configured: &str) -> Option<PathBuf> {
    let path = local_path(configured)?;
    Some(std::fs::canonicalize(&path).unwrap_or(path))
}

/// The pools and the application folders of a configuration.
pub fn topology(host: AppHost<'_>) -> Topology {
    let mut apps = Vec::new();
    for site in host.sites() {
        for app in site.applications() {
            let Some(path) = app
                .root_virtual_directory()
                .and_then(|v| v.physical_path_text())
                .and_then(|p| folder(&p))
            else {
                continue;
            };
            apps.push(AppFolder {
                app: app.id(),
                app_pool: app.app_pool_name(),
                folder: path,
            });
        }
    }
    Topology {
        app_pools: host
            .app_pools()
            .iter()
            .map(|p| p.name().into_owned())
            .collect(),
        apps,
    }
}

/// The folders whose drives the health strip reports: every application folder and every
/// site's log folder, each once.
pub fn watched_folders(host: AppHost<'_>, topology: &Topology) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = topology.apps.iter().map(|a| a.folder.clone()).collect();
    for site in host.sites() {
        if let Some(logs) = site
            .get("logFile.directory")
            .ok()
            .and_then(|e| e.value)
            .and_then(|d| folder(&d))
        {
            folders.push(logs);
        }
    }
    folders.sort();
    folders.dedup();
    folders
}
