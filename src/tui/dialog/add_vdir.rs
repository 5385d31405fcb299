//! Add Virtual Directory (`n` on an application's virtual directories, `:add vdir`), as IIS
//! Manager's dialog: the application, alias, physical path (Tab completes; a missing folder is
//! offered to be created), and connect-as (pass-through, or a specific user and password). It
//! saves what `iistui add vdir` saves (and `set vdir … userName=… password=…` for a user).

use crate::model::apphost::{Setting, Target, trim_trailing_separator, virtual_directory_overlap};
use crate::tui::app::{App, View};
use crate::tui::form::{Choice, Field, FieldKind, Form};
use crate::tui::msg::Effect;
use crate::tui::op::ModelOp;

use super::DialogId;
use super::add_app::virtual_path;
use super::basic_form::{check_connect_as, connect_as_fields, path_field, specific_user};
use super::commit::Job;
use super::review::Review;
use super::wizard::{Spec, Wizard, check_alias, review_of};

/// The Add Virtual Directory wizard.
pub type AddVdir = Wizard<VdirSpec>;

/// What Add Virtual Directory adds to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VdirSpec {
    pub conn: usize,
}

/// The application the screen points at: the virtual directories' application, the selected
/// application, or the selected site's root application.
fn current_app(app: &App) -> Option<String> {
    match &app.view {
        View::Vdirs { app: id } => Some(id.clone()),
        View::Apps { .. } => app.selected_name(),
        View::Sites => app.selected_name().map(|site| format!("{site}/")),
        _ => None,
    }
}

/// `Site/app` + `/alias` as the virtual directory's id.
fn vdir_id(app: &str, path: &str) -> String {
    format!("{}{path}", app.trim_end_matches('/'))
}

/// Opens the wizard for the application the screen points at (or the first).
pub fn open(app: &mut App) -> Vec<Effect> {
    let conn = app.current;
    let Some(host) = app.conns.get(conn).and_then(|c| c.host(&app.schema)) else {
        return Vec::new();
    };
    let apps: Vec<Choice> = host
        .sites()
        .iter()
        .flat_map(|s| s.applications())
        .map(|a| {
            let folder = a
                .root_virtual_directory()
                .and_then(|v| v.physical_path_text())
                .unwrap_or_default();
            Choice::new(a.id()).with_detail(folder)
        })
        .collect();
    let current = current_app(app)
        .or_else(|| apps.first().map(|c| c.value.clone()))
        .unwrap_or_default();
    let mut fields = vec![
        Field::new("app", "Application", FieldKind::Enum(apps))
            .value(current)
            .required()
            .help("Space or type to choose the application (Site/path)"),
        Field::new("alias", "Alias", FieldKind::Text)
            .required()
            .help("its path under the application, e.g. images"),
        path_field(""),
    ];
    fields.extend(connect_as_fields("", String::new(), "the user's password"));
    let id: DialogId = app.dialogs.next_id();
    let (wizard, effects) = AddVdir::open(app, VdirSpec { conn }, fields, id);
    app.dialogs.push(Box::new(wizard));
    effects
}

impl Spec for VdirSpec {
    fn title(&self) -> String {
        String::from("Add Virtual Directory")
    }

    fn notes(&self, form: &Form) -> Vec<(String, bool)> {
        let mut notes = vec![(
            format!(
                "Adds virtual directory {}.",
                vdir_id(&form.text("app"), &virtual_path(&form.text("alias")))
            ),
            false,
        )];
        if specific_user(form) {
            notes.push((
                String::from("The password is written as typed (IIS Manager would encrypt it)."),
                true,
            ));
        }
        notes
    }

    fn check(&mut self, form: &mut Form, app: &App, changed: Option<&str>) {
        check_connect_as(form, false);
        if !changed.is_none_or(|c| c == "alias" || c == "app") {
            return;
        }
        let Some(host) = app.conns.get(self.conn).and_then(|c| c.host(&app.schema)) else {
            return;
        };
        let app_id = form.text("app");
        check_alias(
            form,
            "the application's root virtual directory exists already",
            |path| {
                let application = host.application(&app_id).ok()?;
                virtual_directory_overlap(&application, path).map(|e| e.to_string())
            },
        );
    }

    fn review(&self, form: &Form, app: &App) -> Result<(Review, Vec<Job>), String> {
        let application = form.text("app");
        let path = virtual_path(&form.text("alias"));
        let mut op = ModelOp::AddVirtualDirectory {
            app: application.clone(),
            path: path.clone(),
            physical_path: trim_trailing_separator(&form.text("path")).to_owned(),
        };
        if specific_user(form) {
            let set = |key: &str, value: String| Setting::Set {
                key: key.to_owned(),
                value,
            };
            let password = form
                .field("password")
                .map(|f| f.text().to_owned())
                .unwrap_or_default();
            let id = vdir_id(&application, &path);
            op = ModelOp::Batch {
                title: format!("Add virtual directory \"{id}\""),
                verb: "Add",
                ops: vec![
                    op,
                    ModelOp::Settings(vec![(
                        Target::VirtualDirectory(id),
                        vec![
                            set("userName", form.text("user")),
                            set("password", password),
                        ],
                    )]),
                ],
            };
        }
        review_of(app, self.conn, op)
    }

    fn conn(&self) -> usize {
        self.conn
    }
}
