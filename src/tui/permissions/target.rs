//! What the Permissions view and the grant wizard are about: a path on this machine, how the
//! configuration writes it, the object it was chosen from and the application it belongs to
//! (whose pool the grant wizard asks about). Found from the list selection, the tree selection,
//! or a typed path; pure (no file system access beyond expanding `%VARIABLES%`).

use std::path::{Path, PathBuf};

use crate::host::paths::local_path;
use crate::model::apphost::{AppHost, app_id};
use crate::tui::app::{App, Focus, View};
use crate::tui::tree::TreeKey;

/// A path whose ACL is shown or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AclTarget {
    pub conn: usize,
    /// The path on this machine.
    pub path: PathBuf,
    /// The physical path as the configuration writes it (`%SystemDrive%\sites\shop`).
    pub configured: Option<String>,
    /// What it was chosen as: `site "shop"`, `app "shop/api"`, `vdir "shop/media"`.
    pub object: Option<String>,
    /// The application (`Site/app` id) whose folder this is or is inside.
    pub app: Option<String>,
}

impl AclTarget {
    /// The same application's folder at another path (a subfolder chosen in the wizard).
    pub fn at(&self, path: PathBuf) -> AclTarget {
        if path == self.path {
            return self.clone();
        }
        AclTarget {
            path,
            configured: None,
            object: self.app.as_ref().map(|id| format!("in app \"{id}\"")),
            ..self.clone()
        }
    }
}

const WHAT: &str = "select a site, application, virtual directory or folder";

/// The target of the selection: the focused list's row, or the tree's node.
pub fn selected(app: &App) -> Result<AclTarget, String> {
    let conn = app.current;
    let host = app
        .conn()
        .and_then(|c| c.host(&app.schema))
        .ok_or("this configuration could not be opened")?;
    if app.focus == Focus::Tree {
        let key = app.tree.selected_key().ok_or(WHAT)?;
        return match key {
            TreeKey::Site(c, site) => of_site(host, *c, site),
            TreeKey::App(c, site, path) => of_app(host, *c, &app_id(site, path)),
            TreeKey::Vdir(c, site, path, vdir) => {
                let id = app_id(site, path);
                let vdir_id = if vdir == "/" {
                    id.clone()
                } else {
                    format!("{}{vdir}", id.trim_end_matches('/'))
                };
                of_vdir(host, *c, &vdir_id, &id)
            }
            TreeKey::Folder(c, path) => Ok(of_folder(host, *c, path.clone())),
            _ => Err(String::from(WHAT)),
        };
    }
    let name = app.selected_name();
    match (&app.view, name) {
        (View::Sites, Some(site)) => of_site(host, conn, &site),
        (View::Apps { .. }, Some(id)) => of_app(host, conn, &id),
        (View::Vdirs { .. }, Some(id)) => {
            let row = app
                .lists
                .vdir_rows
                .iter()
                .find(|r| r.id == id)
                .ok_or(WHAT)?;
            of_vdir(host, conn, &row.id, &row.app)
        }
        (View::Folder { path }, name) => {
            let path = match name {
                Some(name) => path.join(name),
                None => path.clone(),
            };
            Ok(of_folder(host, conn, path))
        }
        (View::Permissions, _) => app
            .permissions
            .target
            .clone()
            .ok_or_else(|| String::from(WHAT)),
        _ => Err(String::from(WHAT)),
    }
}

/// A path typed after `:permissions`, as written in a configuration or as a path here.
pub fn typed(app: &App, text: &str) -> Result<AclTarget, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(String::from(
            "give a path: :permissions C:\\sites\\shop (or /srv/shop)",
        ));
    }
    let path = local_path(text)
        .ok_or_else(|| format!("{text} is not a path on this system (another drive or a share)"))?;
    let conn = app.current;
    Ok(match app.conn().and_then(|c| c.host(&app.schema)) {
        Some(host) => AclTarget {
            configured: Some(text.to_owned()).filter(|t| Path::new(t) != path),
            ..of_folder(host, conn, path)
        },
        None => AclTarget {
            conn,
            path,
            configured: None,
            object: None,
            app: None,
        },
    })
}

fn of_site(host: AppHost<'_>, conn: usize, site: &str) -> Result<AclTarget, String> {
    let site_obj = host.site(site).map_err(|e| e.to_string())?;
    let root = site_obj
        .root_application()
        .ok_or_else(|| format!("site \"{site}\" has no root application"))?;
    let mut target = of_app(host, conn, &root.id())?;
    target.object = Some(format!("site \"{site}\""));
    Ok(target)
}

fn of_app(host: AppHost<'_>, conn: usize, id: &str) -> Result<AclTarget, String> {
    let application = host.application(id).map_err(|e| e.to_string())?;
    let written = application
        .root_virtual_directory()
        .and_then(|v| v.physical_path_text())
        .ok_or_else(|| format!("application \"{id}\" has no physical path"))?;
    Ok(AclTarget {
        conn,
        path: local(&written)?,
        configured: Some(written),
        object: Some(format!("app \"{id}\"")),
        app: Some(application.id()),
    })
}

fn of_vdir(host: AppHost<'_>, conn: usize, id: &str, app: &str) -> Result<AclTarget, String> {
    let vdir = host.virtual_directory(id).map_err(|e| e.to_string())?;
    let written = vdir
        .physical_path_text()
        .ok_or_else(|| format!("virtual directory \"{id}\" has no physical path"))?;
    Ok(AclTarget {
        conn,
        path: local(&written)?,
        configured: Some(written),
        object: Some(format!("vdir \"{id}\"")),
        app: Some(app.to_owned()),
    })
}

fn of_folder(host: AppHost<'_>, conn: usize, path: PathBuf) -> AclTarget {
    AclTarget {
        conn,
        app: owning_app(host, &path),
        path,
        configured: None,
        object: None,
    }
}

fn local(written: &str) -> Result<PathBuf, String> {
    local_path(written).ok_or_else(|| {
        format!(
            "the physical path {written} is not a path on this system (another drive or a share)"
        )
    })
}

/// The application whose folder holds `path` (the deepest one).
pub fn owning_app(host: AppHost<'_>, path: &Path) -> Option<String> {
    host.sites()
        .iter()
        .flat_map(|s| s.applications())
        .filter_map(|a| {
            let root = local_path(&a.root_virtual_directory()?.physical_path_text()?)?;
            path.starts_with(&root).then(|| (root, a.id()))
        })
        .max_by_key(|(root, _)| root.components().count())
        .map(|(_, id)| id)
}
