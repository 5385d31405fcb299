//! Opening the wizards from the main screen: `n` adds to the focused list (a website, an
//! application, a virtual directory or an application pool), `C` removes an application with
//! its virtual directories (files kept), after a review whose default button is Cancel and
//! whose summary is the model's: what goes with it, and what its URLs serve afterwards.

use crate::model::apphost::app_id;
use crate::tui::action::Action;
use crate::tui::app::{App, Focus, Level, View};
use crate::tui::msg::Effect;
use crate::tui::op::ModelOp;
use crate::tui::tree::TreeKey;

use super::review::Review;
use super::{Buttons, add_app, add_pool, add_vdir};

/// `n`: the Add wizard of the focused list.
pub fn add_new(app: &mut App) -> Vec<Effect> {
    match &app.view {
        View::Sites => crate::tui::update::dispatch(app, Action::AddWebsite),
        View::Pools => add_pool::open(app),
        View::Apps { .. } => add_app::open(app),
        View::Vdirs { .. } => add_vdir::open(app),
        _ => {
            app.set_status(
                Level::Info,
                "n adds to the Sites, Application Pools, Applications or Virtual Directories list; c converts a folder into an application",
            );
            Vec::new()
        }
    }
}

/// `C` on an application: its review ("Remove application", Cancel focused).
pub fn remove_application(app: &mut App) {
    let id = match (&app.view, app.focus) {
        (_, Focus::Tree) => match app.tree.selected_key() {
            Some(TreeKey::App(_, site, path)) if path != "/" => Some(app_id(site, path)),
            _ => None,
        },
        (View::Apps { .. }, Focus::Main) => app.selected_name(),
        _ => None,
    };
    let Some(id) = id else {
        app.set_status(
            Level::Info,
            "Remove application: select an application (not a site's root) in the Applications list or the tree",
        );
        return;
    };
    let op = ModelOp::DeleteApplication(id.clone());
    match Review::preview(app, app.current, &op) {
        Ok(mut review) => {
            review.title = format!("Remove application \"{id}\"");
            review.buttons = Buttons::new(&["Cancel", "Remove"]);
            app.dialogs.push(Box::new(review));
        }
        Err(why) => app.set_status(Level::Error, format!("Remove application: {why}")),
    }
}
