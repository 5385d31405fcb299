//! Add Application (`n` on a site's applications, `:add app`), as IIS Manager's dialog: the
//! site, alias, physical path (Tab completes; a missing folder is offered to be created), the
//! pool (the site's by default; a fuzzy list of pools with CLR and pipeline) and preload. It
//! saves what `iistui add app` saves (and `set app … preloadEnabled=true` when ticked).

use crate::model::apphost::{
    AppHost, Setting, Target, app_id, application_overlap, trim_trailing_separator,
};
use crate::tui::app::{App, View};
use crate::tui::form::{Choice, Field, FieldKind, Form};
use crate::tui::msg::Effect;
use crate::tui::op::ModelOp;

use super::DialogId;
use super::basic_form::{path_field, pool_field};
use super::commit::Job;
use super::review::Review;
use super::wizard::{Spec, Wizard, check_alias, review_of};

/// The Add Application wizard.
pub type AddApp = Wizard<AppSpec>;

/// What Add Application adds to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppSpec {
    pub conn: usize,
}

/// `/alias` from what was typed (`api`, `/api`, `shop\api`).
pub fn virtual_path(alias: &str) -> String {
    let alias = alias.trim().replace('\\', "/");
    if alias.starts_with('/') {
        alias
    } else {
        format!("/{alias}")
    }
}

/// The sites of a connection, for the site field.
fn site_choices(host: &AppHost<'_>) -> Vec<Choice> {
    host.sites()
        .iter()
        .map(|s| {
            Choice::new(s.name().into_owned()).with_detail(
                s.app_pool_name()
                    .map(|p| format!("pool {p}"))
                    .unwrap_or_default(),
            )
        })
        .collect()
}

/// The site the main screen points at (the Applications list's, or the selected site).
pub fn current_site(app: &App) -> Option<String> {
    match &app.view {
        View::Apps { site: Some(site) } => Some(site.clone()),
        View::Sites => app.selected_name(),
        View::Apps { site: None } => app
            .selected_name()
            .and_then(|id| id.split('/').next().map(str::to_owned)),
        View::Vdirs { app: id } => id.split('/').next().map(str::to_owned),
        _ => None,
    }
}

/// Opens the wizard for the site the screen points at (or the first).
pub fn open(app: &mut App) -> Vec<Effect> {
    let conn = app.current;
    let Some(host) = app.conns.get(conn).and_then(|c| c.host(&app.schema)) else {
        return Vec::new();
    };
    let sites = site_choices(&host);
    let site = current_site(app)
        .or_else(|| sites.first().map(|c| c.value.clone()))
        .unwrap_or_default();
    let pool = host
        .site(&site)
        .ok()
        .and_then(|s| s.app_pool_name())
        .unwrap_or_default();
    let fields = vec![
        Field::new("site", "Site", FieldKind::Enum(sites))
            .value(site)
            .required()
            .help("Space or type to choose the site"),
        Field::new("alias", "Alias", FieldKind::Text)
            .required()
            .help("the application's path under the site, e.g. api or shop/api"),
        path_field(""),
        pool_field(app, conn, &pool),
        Field::new("preload", "Preload enabled", FieldKind::Bool)
            .value("false")
            .help("warm the application up when its pool starts"),
    ];
    let id: DialogId = app.dialogs.next_id();
    let (wizard, effects) = AddApp::open(app, AppSpec { conn }, fields, id);
    app.dialogs.push(Box::new(wizard));
    effects
}

impl Spec for AppSpec {
    fn title(&self) -> String {
        String::from("Add Application")
    }

    fn notes(&self, form: &Form) -> Vec<(String, bool)> {
        let id = app_id(&form.text("site"), &virtual_path(&form.text("alias")));
        vec![(
            format!("Adds application {id} with its root virtual directory."),
            false,
        )]
    }

    fn check(&mut self, form: &mut Form, app: &App, changed: Option<&str>) {
        let Some(host) = app.conns.get(self.conn).and_then(|c| c.host(&app.schema)) else {
            return;
        };
        let site = host.find_site(&form.text("site"));
        if changed == Some("site") {
            // An untouched pool follows the site, as IIS Manager's default does.
            let pool = site.as_ref().and_then(|s| s.app_pool_name());
            if let (Some(field), Some(pool)) = (form.field_mut("pool"), pool) {
                if !field.changed() {
                    field.input.set(pool.clone());
                    field.initial = pool;
                    field.check();
                }
            }
        }
        if !changed.is_none_or(|c| c == "alias" || c == "site") {
            return;
        }
        check_alias(form, "the site's root application exists already", |path| {
            application_overlap(&site?, path).map(|e| e.to_string())
        });
    }

    fn review(&self, form: &Form, app: &App) -> Result<(Review, Vec<Job>), String> {
        let site = form.text("site");
        let path = virtual_path(&form.text("alias"));
        let pool = form
            .field("pool")
            .filter(|f| f.changed())
            .map(|f| f.text().to_owned());
        let mut op = ModelOp::AddApplication {
            site: site.clone(),
            path: path.clone(),
            physical_path: trim_trailing_separator(&form.text("path")).to_owned(),
            pool,
        };
        if form.text("preload") == "true" {
            let preload = Setting::Set {
                key: String::from("preloadEnabled"),
                value: String::from("true"),
            };
            let id = app_id(&site, &path);
            op = ModelOp::Batch {
                title: format!("Add application \"{id}\""),
                verb: "Add",
                ops: vec![
                    op,
                    ModelOp::Settings(vec![(Target::Application(id), vec![preload])]),
                ],
            };
        }
        review_of(app, self.conn, op)
    }

    fn conn(&self) -> usize {
        self.conn
    }
}
