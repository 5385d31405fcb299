//! The Connections tree: connection → Application Pools, Sites → site → applications → virtual
//! directories → physical folders (read from disk lazily). The visible items are flattened into
//! a vector when expansion or the document changes; drawing shows only the window on screen.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::host::paths::local_path;
use crate::model::apphost::app_id;
use crate::model::schema::SchemaSet;

use super::connection::Conn;

/// Identity of a tree node (stable across re-parses: names, not node ids).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TreeKey {
    Conn(usize),
    Pools(usize),
    Sites(usize),
    Site(usize, String),
    /// Site and application path.
    App(usize, String, String),
    /// Site, application path and virtual directory path.
    Vdir(usize, String, String, String),
    /// A physical folder below a virtual directory.
    Folder(usize, PathBuf),
}

impl TreeKey {
    pub fn conn(&self) -> usize {
        match self {
            TreeKey::Conn(c)
            | TreeKey::Pools(c)
            | TreeKey::Sites(c)
            | TreeKey::Site(c, _)
            | TreeKey::App(c, ..)
            | TreeKey::Vdir(c, ..)
            | TreeKey::Folder(c, _) => *c,
        }
    }
}

/// What kind of node, for its icon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TreeKind {
    Connection,
    Pools,
    Sites,
    Site,
    App,
    Vdir,
    Folder,
}

/// One visible line of the tree.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeItem {
    pub key: TreeKey,
    pub depth: u16,
    pub label: String,
    pub kind: TreeKind,
    pub expandable: bool,
    pub expanded: bool,
}

/// A folder's subfolders as read from disk.
#[derive(Debug, Clone, PartialEq)]
pub enum FolderListing {
    Loading,
    Loaded(Vec<(String, bool, Option<u64>)>),
    Failed(String),
}

/// Expansion, selection and the flattened items.
#[derive(Debug, Clone, Default)]
pub struct TreeState {
    pub expanded: HashSet<TreeKey>,
    pub selected: usize,
    pub offset: usize,
    pub items: Vec<TreeItem>,
}

/// Where a virtual directory (or folder) is on this machine, if it is.
pub fn folder_of(key: &TreeKey, conns: &[Conn], schema: &SchemaSet) -> Option<PathBuf> {
    match key {
        TreeKey::Vdir(c, site, app, vdir) => {
            let host = conns.get(*c)?.host(schema)?;
            let application = host.application(&app_id(site, app)).ok()?;
            let vdir = application
                .virtual_directories()
                .into_iter()
                .find(|v| v.path() == vdir.as_str())?;
            local_path(&vdir.physical_path_text()?)
        }
        TreeKey::Folder(_, path) => Some(path.clone()),
        _ => None,
    }
}

impl TreeState {
    /// Recomputes the visible items.
    pub fn rebuild(
        &mut self,
        conns: &[Conn],
        schema: &SchemaSet,
        folders: &HashMap<PathBuf, FolderListing>,
    ) {
        let mut items = Vec::new();
        for (c, conn) in conns.iter().enumerate() {
            let key = TreeKey::Conn(c);
            let expanded = self.expanded.contains(&key);
            let label = if conn.is_demo() {
                format!("{} (DEMO)", conn.label)
            } else {
                conn.label.clone()
            };
            items.push(TreeItem {
                key,
                depth: 0,
                label,
                kind: TreeKind::Connection,
                expandable: conn.store.is_some(),
                expanded,
            });
            if !expanded || conn.store.is_none() {
                continue;
            }
            let pools_key = TreeKey::Pools(c);
            items.push(TreeItem {
                label: format!("Application Pools ({})", conn.rows.pools.len()),
                key: pools_key,
                depth: 1,
                kind: TreeKind::Pools,
                expandable: false,
                expanded: false,
            });
            let sites_key = TreeKey::Sites(c);
            let sites_expanded = self.expanded.contains(&sites_key);
            items.push(TreeItem {
                label: format!("Sites ({})", conn.rows.sites.len()),
                key: sites_key,
                depth: 1,
                kind: TreeKind::Sites,
                expandable: !conn.rows.sites.is_empty(),
                expanded: sites_expanded,
            });
            if !sites_expanded {
                continue;
            }
            for site in &conn.rows.sites {
                let site_key = TreeKey::Site(c, site.name.clone());
                let open = self.expanded.contains(&site_key);
                items.push(TreeItem {
                    label: site.name.clone(),
                    key: site_key,
                    depth: 2,
                    kind: TreeKind::Site,
                    expandable: site.applications > 0,
                    expanded: open,
                });
                if open {
                    self.push_apps(&mut items, conns, schema, folders, c, &site.name);
                }
            }
        }
        self.items = items;
        if self.selected >= self.items.len() {
            self.selected = self.items.len().saturating_sub(1);
        }
    }

    fn push_apps(
        &self,
        items: &mut Vec<TreeItem>,
        conns: &[Conn],
        schema: &SchemaSet,
        folders: &HashMap<PathBuf, FolderListing>,
        c: usize,
        site: &str,
    ) {
        let Some(host) = conns[c].host(schema) else {
            return;
        };
        let Ok(site_view) = host.site(site) else {
            return;
        };
        for app in site_view.applications() {
            let path = app.path().into_owned();
            let key = TreeKey::App(c, site.to_owned(), path.clone());
            let open = self.expanded.contains(&key);
            let vdirs = app.virtual_directories();
            items.push(TreeItem {
                label: path.clone(),
                key,
                depth: 3,
                kind: TreeKind::App,
                expandable: !vdirs.is_empty(),
                expanded: open,
            });
            if !open {
                continue;
            }
            for vdir in vdirs {
                let vpath = vdir.path().into_owned();
                let key = TreeKey::Vdir(c, site.to_owned(), path.clone(), vpath.clone());
                let open = self.expanded.contains(&key);
                let local = vdir
                    .physical_path_text()
                    .and_then(|p| local_path(&p))
                    .filter(|p| p.is_dir());
                items.push(TreeItem {
                    label: vpath,
                    key: key.clone(),
                    depth: 4,
                    kind: TreeKind::Vdir,
                    expandable: local.is_some(),
                    expanded: open,
                });
                if let (true, Some(dir)) = (open, local) {
                    self.push_folders(items, folders, c, &dir, 5);
                }
            }
        }
    }

    fn push_folders(
        &self,
        items: &mut Vec<TreeItem>,
        folders: &HashMap<PathBuf, FolderListing>,
        c: usize,
        dir: &PathBuf,
        depth: u16,
    ) {
        match folders.get(dir) {
            Some(FolderListing::Loaded(entries)) => {
                for (name, is_dir, _) in entries.iter().filter(|e| e.1) {
                    let _ = is_dir;
                    let path = dir.join(name);
                    let key = TreeKey::Folder(c, path.clone());
                    let open = self.expanded.contains(&key);
                    items.push(TreeItem {
                        label: name.clone(),
                        key,
                        depth,
                        kind: TreeKind::Folder,
                        expandable: true,
                        expanded: open,
                    });
                    if open {
                        self.push_folders(items, folders, c, &path, depth + 1);
                    }
                }
            }
            Some(FolderListing::Failed(why)) => items.push(TreeItem {
                label: format!("(cannot read: {why})"),
                key: TreeKey::Folder(c, dir.join("\u{0}error")),
                depth,
                kind: TreeKind::Folder,
                expandable: false,
                expanded: false,
            }),
            _ => items.push(TreeItem {
                label: String::from("(reading…)"),
                key: TreeKey::Folder(c, dir.join("\u{0}loading")),
                depth,
                kind: TreeKind::Folder,
                expandable: false,
                expanded: false,
            }),
        }
    }

    pub fn selected_key(&self) -> Option<&TreeKey> {
        self.items.get(self.selected).map(|i| &i.key)
    }

    /// Selects the item with this key, if visible.
    pub fn select(&mut self, key: &TreeKey) -> bool {
        match self.items.iter().position(|i| &i.key == key) {
            Some(pos) => {
                self.selected = pos;
                true
            }
            None => false,
        }
    }

    pub fn scroll_into_view(&mut self, height: usize) {
        if height > 0 {
            self.offset = super::list::scroll_window(self.selected, self.offset, height);
        }
    }
}
