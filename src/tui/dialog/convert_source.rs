//! Where Convert to Application starts from: the folder, virtual directory, application or site
//! the screen points at (a folder listing's row, a tree node, a list row), turned into the
//! site, the virtual path and configured folder the new application goes under, and that
//! folder on this machine (the root a picked folder may not leave).

use std::path::{Path, PathBuf};

use crate::host::paths::local_path;
use crate::model::apphost::{AppHost, app_id};
use crate::tui::app::{App, Focus, View};
use crate::tui::tree::TreeKey;

/// The place a folder is picked under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base {
    pub site: String,
    /// Virtual path of the folder `root` is (`/`, `/media`, `/hr/forms`).
    pub path: String,
    /// `root` as configured (`%SystemDrive%\sites\shop`).
    pub physical: String,
    /// The folder on this machine.
    pub root: PathBuf,
    /// The application the new one would sit in (`Site/path`) and its folder here.
    pub parent_app: String,
    pub parent_folder: Option<PathBuf>,
}

/// A virtual directory to turn into an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VdirSource {
    /// `Site/app/vdir`
    pub id: String,
    pub site: String,
    /// The application's virtual path it will have.
    pub path: String,
    pub physical: String,
    pub user: Option<String>,
    pub password: Option<String>,
    pub parent_app: String,
    pub parent_folder: Option<PathBuf>,
}

/// What Convert starts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A folder under `base`, given relative to it (empty: to be picked).
    Folder {
        base: Base,
        folder: String,
    },
    Vdir(VdirSource),
}

/// `/a` + `/b` → `/a/b`; `/` + `/b` → `/b`.
pub fn join_virtual(a: &str, b: &str) -> String {
    match (a.trim_end_matches('/'), b.trim_start_matches('/')) {
        ("", "") => String::from("/"),
        (a, "") => a.to_owned(),
        (a, b) => format!("{a}/{b}"),
    }
}

fn root_folder(host: &AppHost<'_>, id: &str) -> Option<PathBuf> {
    host.application(id)
        .ok()?
        .root_virtual_directory()
        .and_then(|v| v.physical_path_text())
        .and_then(|p| local_path(&p))
}

/// The base of an application (its root virtual directory).
fn app_base(host: &AppHost<'_>, id: &str) -> Result<Base, String> {
    let application = host.application(id).map_err(|e| e.to_string())?;
    let physical = application
        .root_virtual_directory()
        .and_then(|v| v.physical_path_text())
        .ok_or_else(|| format!("application \"{id}\" has no physical path"))?;
    let root = local_path(&physical)
        .ok_or_else(|| format!("{physical} is not a folder on this machine"))?;
    Ok(Base {
        site: application.site_name().into_owned(),
        path: application.path().into_owned(),
        physical,
        parent_folder: Some(root.clone()),
        root,
        parent_app: application.id(),
    })
}

/// The virtual directory whose folder holds `folder` (the deepest), as a base.
fn folder_base(host: &AppHost<'_>, folder: &Path) -> Option<Base> {
    let mut best: Option<(usize, Base)> = None;
    for site in host.sites() {
        for application in site.applications() {
            for vdir in application.virtual_directories() {
                let Some(physical) = vdir.physical_path_text() else {
                    continue;
                };
                let Some(root) = local_path(&physical) else {
                    continue;
                };
                let depth = root.components().count();
                if !folder.starts_with(&root) || best.as_ref().is_some_and(|(d, _)| *d >= depth) {
                    continue;
                }
                let app_path = application.path().into_owned();
                best = Some((
                    depth,
                    Base {
                        site: site.name().into_owned(),
                        path: join_virtual(&app_path, &vdir.path()),
                        physical,
                        root,
                        parent_app: application.id(),
                        parent_folder: root_folder(host, &application.id()),
                    },
                ));
            }
        }
    }
    best.map(|(_, base)| base)
}

/// A folder on this machine as a source (its base and its path under it).
pub fn from_folder(host: &AppHost<'_>, folder: &Path) -> Result<Source, String> {
    let base = folder_base(host, folder).ok_or_else(|| {
        format!(
            "{} is not inside any site's folder in this configuration",
            folder.display()
        )
    })?;
    let rel = folder
        .strip_prefix(&base.root)
        .map(|r| r.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    if rel.is_empty() {
        return Err(String::from(
            "this is the folder of an application or virtual directory already; pick a folder inside it",
        ));
    }
    Ok(Source::Folder { base, folder: rel })
}

/// A virtual directory (`Site/app/vdir`) as a source.
pub fn from_vdir(host: &AppHost<'_>, id: &str) -> Result<Source, String> {
    let vdir = host.virtual_directory(id).map_err(|e| e.to_string())?;
    if vdir.path() == "/" {
        return Err(format!(
            "\"{}\" is the root virtual directory of an application already",
            vdir.id()
        ));
    }
    let app_path = vdir.application_path().into_owned();
    let site = id.split('/').next().unwrap_or_default().to_owned();
    let parent_app = app_id(&site, &app_path);
    let text = |key: &str| {
        vdir.get(key)
            .ok()
            .filter(|e| !e.origin.is_inherited())
            .and_then(|e| e.value)
            .filter(|v| !v.is_empty())
    };
    Ok(Source::Vdir(VdirSource {
        id: vdir.id(),
        path: join_virtual(&app_path, &vdir.path()),
        physical: vdir.physical_path_text().unwrap_or_default(),
        user: text("userName"),
        password: text("password"),
        parent_folder: root_folder(host, &parent_app),
        parent_app,
        site,
    }))
}

/// What the screen points at, as a source.
pub fn from_screen(app: &App) -> Result<Source, String> {
    let host = app
        .conn()
        .and_then(|c| c.host(&app.schema))
        .ok_or("this configuration could not be opened")?;
    if app.focus == Focus::Tree {
        return match app.tree.selected_key() {
            Some(TreeKey::Folder(_, path)) => from_folder(&host, path),
            Some(TreeKey::Vdir(_, site, app_path, vdir)) => {
                let id = format!(
                    "{site}{}",
                    join_virtual(app_path, vdir).trim_end_matches('/')
                );
                from_vdir(&host, &id)
            }
            Some(TreeKey::Site(_, site)) => site_source(&host, site),
            Some(TreeKey::App(_, site, path)) => app_source(&host, &app_id(site, path)),
            _ => Err(String::from(
                "select a folder, virtual directory, application or site",
            )),
        };
    }
    let selected = app.selected_name();
    match (&app.view, selected) {
        (View::Folder { path }, Some(name)) => {
            let folder = path.join(&name);
            match app.lists.folder_rows.iter().find(|r| r.name == name) {
                Some(row) if !row.is_dir => Err(format!("{name} is a file; select a folder")),
                _ => from_folder(&host, &folder),
            }
        }
        (View::Folder { path }, None) => from_folder(&host, path),
        (View::Vdirs { .. }, Some(id)) => from_vdir(&host, &id),
        (View::Apps { .. }, Some(id)) => app_source(&host, &id),
        (View::Sites, Some(site)) => site_source(&host, &site),
        _ => Err(String::from(
            "select a folder, virtual directory, application or site",
        )),
    }
}

fn site_source(host: &AppHost<'_>, site: &str) -> Result<Source, String> {
    app_source(host, &app_id(site, "/"))
}

fn app_source(host: &AppHost<'_>, id: &str) -> Result<Source, String> {
    Ok(Source::Folder {
        base: app_base(host, id)?,
        folder: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn virtual_paths_join_without_doubled_slashes() {
        assert_eq!(join_virtual("/", "/"), "/");
        assert_eq!(join_virtual("/", "/media"), "/media");
        assert_eq!(join_virtual("/hr", "/"), "/hr");
        assert_eq!(join_virtual("/hr", "/forms"), "/hr/forms");
        assert_eq!(join_virtual("/hr", "a/b"), "/hr/a/b");
    }
}
