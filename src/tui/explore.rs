//! Explore: `o` on a site, application or virtual directory opens its physical folder as a
//! listing (read in the background, like every folder view), where Enter on a file opens the
//! read-only viewer. A path on a drive or share this machine does not have says so.

use crate::host::paths::local_path;
use crate::model::apphost::app_id;

use super::app::{App, Focus, Level, View};
use super::msg::Effect;
use super::tree::TreeKey;

/// The configured physical path of what the screen points at.
fn physical_path(app: &App) -> Option<String> {
    let host = app.conn()?.host(&app.schema)?;
    let root_of = |id: &str| {
        host.application(id)
            .ok()?
            .root_virtual_directory()?
            .physical_path_text()
    };
    if app.focus == Focus::Tree {
        return match app.tree.selected_key()? {
            TreeKey::Site(_, site) => root_of(&app_id(site, "/")),
            TreeKey::App(_, site, path) => root_of(&app_id(site, path)),
            _ => None,
        };
    }
    let name = app.selected_name()?;
    match &app.view {
        View::Sites => root_of(&app_id(&name, "/")),
        View::Apps { .. } => root_of(&name),
        View::Vdirs { .. } => host.virtual_directory(&name).ok()?.physical_path_text(),
        _ => None,
    }
}

/// `o`: the physical folder of the selected site or application, as a listing.
pub fn open_physical(app: &mut App) -> Vec<Effect> {
    let Some(physical) = physical_path(app) else {
        app.set_status(
            Level::Info,
            "Explore: select a site, application or virtual directory",
        );
        return Vec::new();
    };
    match local_path(&physical) {
        Some(path) => {
            app.focus = Focus::Main;
            app.details_open = false;
            super::update::open_folder(app, path)
        }
        None => {
            app.set_status(
                Level::Info,
                format!("Explore: {physical} is not a folder on this machine"),
            );
            Vec::new()
        }
    }
}
