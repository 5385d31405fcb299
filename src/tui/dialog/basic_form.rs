//! What Basic Settings edits for each kind of object, as IIS Manager's dialogs do: a site's
//! name, pool and physical path; an application's pool and physical path; a virtual
//! directory's physical path and connect-as user; a pool's name, .NET CLR version, pipeline
//! mode and start mode. Builds the form from the effective values, checks it with the model's
//! rules as it is typed, and turns what changed into `set` arguments, target by target.

use crate::model::apphost::{AppHost, ModelError, check_new_pool_name, check_new_site_name};
use crate::model::invisible::{describe, find_invisible};
use crate::tui::app::App;
use crate::tui::form::{Choice, Field, FieldKind, Form};

/// The kinds of object Basic Settings edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BasicKind {
    Site,
    Application,
    VirtualDirectory,
    AppPool,
}

impl BasicKind {
    pub fn noun(self) -> &'static str {
        match self {
            BasicKind::Site => "site",
            BasicKind::Application => "application",
            BasicKind::VirtualDirectory => "virtual directory",
            BasicKind::AppPool => "application pool",
        }
    }
}

/// The object edited and what its fields write to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub kind: BasicKind,
    /// Site or pool name, application or virtual directory id (`Site/app`).
    pub object: String,
    /// The application whose `applicationPool` the pool field sets (a site's root one).
    pub app: Option<String>,
    /// The virtual directory whose `physicalPath` the path field sets (the root one).
    pub vdir: Option<String>,
    /// The virtual directory has its own `userName` / `password` attributes.
    pub own_user: bool,
    pub own_password: bool,
    /// The effective user comes from a defaults element.
    pub inherited_user: bool,
    /// The password the file holds is encrypted.
    pub encrypted_password: bool,
    /// Applications that use the pool (a pool they use keeps its name).
    pub pool_apps: Vec<String>,
}

/// The connect-as choices of a virtual directory.
const PASS_THROUGH: &str = "";
const SPECIFIC_USER: &str = "user";

pub(super) fn pool_field(app: &App, conn: usize, current: &str) -> Field {
    let mut choices: Vec<Choice> = app
        .conns
        .get(conn)
        .map(|c| {
            c.rows
                .pools
                .iter()
                .map(|p| {
                    Choice::new(p.name.clone())
                        .with_detail(format!("{} · {}", p.runtime, p.pipeline))
                })
                .collect()
        })
        .unwrap_or_default();
    if !current.is_empty()
        && !choices
            .iter()
            .any(|c| c.value.eq_ignore_ascii_case(current))
    {
        choices.push(Choice::new(current).with_detail("not defined in this file"));
    }
    Field::new("pool", "Application pool", FieldKind::Enum(choices))
        .value(current)
        .required()
        .help("Space or type: the pools, with CLR and pipeline")
}

pub(super) fn path_field(current: &str) -> Field {
    Field::new("path", "Physical path", FieldKind::Path)
        .value(current)
        .required()
        .help("Tab completes folder names; %VARS% are kept")
}

fn enum_field(key: &str, label: &str, choices: Vec<Choice>, current: &str, help: &str) -> Field {
    let mut choices = choices;
    if !choices
        .iter()
        .any(|c| c.value.eq_ignore_ascii_case(current))
    {
        choices.push(Choice::new(current).with_detail("as the file has it"));
    }
    Field::new(key, label, FieldKind::Enum(choices))
        .value(current)
        .help(help)
}

/// The subject and its form fields, read from the connection's document.
pub fn build(
    app: &App,
    conn: usize,
    kind: BasicKind,
    object: &str,
) -> Result<(Subject, Vec<Field>), String> {
    let store = app
        .conns
        .get(conn)
        .and_then(|c| c.store.as_ref())
        .ok_or("this configuration could not be opened")?;
    let host = AppHost::new(store.document(), &app.schema);
    let text = |e: Result<crate::model::apphost::Effective, ModelError>| {
        e.ok().and_then(|e| e.value).unwrap_or_default()
    };
    let mut subject = Subject {
        kind,
        object: object.to_owned(),
        app: None,
        vdir: None,
        own_user: false,
        own_password: false,
        inherited_user: false,
        encrypted_password: false,
        pool_apps: Vec::new(),
    };
    let fields = match kind {
        BasicKind::Site | BasicKind::Application => {
            let application = match kind {
                BasicKind::Site => {
                    let site = host.site(object).map_err(|e| e.to_string())?;
                    subject.object = site.name().into_owned();
                    site.root_application()
                        .ok_or_else(|| format!("site \"{object}\" has no root application"))?
                }
                _ => host.application(object).map_err(|e| e.to_string())?,
            };
            let vdir = application
                .root_virtual_directory()
                .ok_or_else(|| format!("\"{}\" has no root virtual directory", application.id()))?;
            subject.app = Some(application.id());
            subject.vdir = Some(vdir.id());
            let mut fields = Vec::new();
            if kind == BasicKind::Site {
                fields.push(
                    Field::new("name", "Site name", FieldKind::Text)
                        .value(subject.object.clone())
                        .required()
                        .help("apps, bindings and <location> paths follow it"),
                );
            } else {
                subject.object = application.id();
            }
            fields.push(pool_field(app, conn, &text(application.app_pool())));
            fields.push(path_field(&vdir.physical_path_text().unwrap_or_default()));
            fields
        }
        BasicKind::VirtualDirectory => {
            let vdir = host.virtual_directory(object).map_err(|e| e.to_string())?;
            subject.object = vdir.id();
            subject.vdir = Some(vdir.id());
            let user = vdir.get("userName").ok();
            let password = vdir.get("password").ok();
            subject.own_user = user.as_ref().is_some_and(|u| !u.origin.is_inherited());
            subject.own_password = password.as_ref().is_some_and(|p| !p.origin.is_inherited());
            subject.encrypted_password = password.as_ref().is_some_and(|p| p.encrypted);
            let user_name = user.and_then(|u| u.value).unwrap_or_default();
            subject.inherited_user = !subject.own_user && !user_name.is_empty();
            let has_password = password.is_some_and(|p| !p.text().is_empty());
            let connect = if user_name.is_empty() {
                PASS_THROUGH
            } else {
                SPECIFIC_USER
            };
            let password_help = match (has_password, subject.encrypted_password) {
                (true, true) => "encrypted in the file; kept unless you type a new one",
                (true, false) => "set; kept unless you type a new one",
                _ => "the user's password",
            };
            let mut fields = vec![path_field(&vdir.physical_path_text().unwrap_or_default())];
            fields.extend(connect_as_fields(connect, user_name, password_help));
            fields
        }
        BasicKind::AppPool => {
            let pool = host.app_pool(object).map_err(|e| e.to_string())?;
            subject.object = pool.name().into_owned();
            subject.pool_apps = host.applications_using_pool(&subject.object);
            vec![
                Field::new("name", "Name", FieldKind::Text)
                    .value(subject.object.clone())
                    .required()
                    .help("up to 64 characters; not while apps use it"),
                enum_field(
                    "runtime",
                    ".NET CLR version",
                    vec![
                        Choice::labelled("v4.0", ".NET CLR Version v4.0.30319"),
                        Choice::labelled("v2.0", ".NET CLR Version v2.0.50727"),
                        Choice::labelled("", "No Managed Code"),
                    ],
                    &text(pool.get("managedRuntimeVersion")),
                    "No Managed Code: ASP.NET Core, static files",
                ),
                enum_field(
                    "pipeline",
                    "Managed pipeline mode",
                    vec![Choice::new("Integrated"), Choice::new("Classic")],
                    &text(pool.get("managedPipelineMode")),
                    "Classic only for old ASP.NET applications",
                ),
                enum_field(
                    "start",
                    "Start mode",
                    vec![
                        Choice::new("OnDemand").with_detail("starts on the first request"),
                        Choice::new("AlwaysRunning").with_detail("starts with IIS"),
                    ],
                    &text(pool.get("startMode")),
                    "AlwaysRunning starts it with IIS, not on demand",
                ),
            ]
        }
    };
    Ok((subject, fields))
}

/// A virtual directory's connect-as fields: pass-through or a specific user, its name and
/// password.
pub(super) fn connect_as_fields(connect: &str, user: String, password_help: &str) -> Vec<Field> {
    vec![
        Field::new(
            "connect",
            "Connect as",
            FieldKind::Enum(vec![
                Choice::labelled(PASS_THROUGH, "Pass-through authentication")
                    .with_detail("the application user (pool identity)"),
                Choice::labelled(SPECIFIC_USER, "Specific user")
                    .with_detail("a user name and password"),
            ]),
        )
        .value(connect)
        .help("who opens the folder (a share needs a user)"),
        Field::new("user", "User name", FieldKind::Text)
            .value(user)
            .help("DOMAIN\\user or MACHINE\\user"),
        Field::new("password", "Password", FieldKind::Password).help(password_help),
    ]
}

/// Whether the connect-as choice is a specific user.
pub fn specific_user(form: &Form) -> bool {
    form.field("connect")
        .is_some_and(|f| f.text() == SPECIFIC_USER)
}

/// Enables the user and password fields only for a specific user.
pub fn follow_connect_as(form: &mut Form) {
    let specific = specific_user(form);
    for key in ["user", "password"] {
        if let Some(field) = form.field_mut(key) {
            field.disabled = (!specific).then(|| String::from("only with Specific user"));
            if !specific {
                field.error = None;
            }
        }
    }
}

/// The model's checks of the fields that need more than their own rules. `changed` is the
/// key of the field that changed (`None`: all).
pub fn check(subject: &Subject, form: &mut Form, host: &AppHost<'_>, changed: Option<&str>) {
    let wants = |key: &str| changed.is_none_or(|c| c == key);
    if wants("name") {
        let name = form.text("name");
        let error = match subject.kind {
            BasicKind::Site => site_name_error(subject, host, &name),
            BasicKind::AppPool => pool_name_error(subject, host, &name),
            _ => None,
        };
        if let Some(field) = form.field_mut("name") {
            field.error = field.error.take().or(error);
        }
    }
    if wants("path") {
        // A relative path is refused under the field as it is typed, as in the wizards.
        super::wizard::check_path_field(form);
    }
    if subject.kind == BasicKind::VirtualDirectory
        && (wants("connect") || wants("user") || wants("password"))
    {
        check_connect_as(form, subject.own_password);
    }
}

/// The connect-as fields' checks: a specific user needs a name without invisible characters
/// and a password (unless the file already has one, `has_password`).
pub(super) fn check_connect_as(form: &mut Form, has_password: bool) {
    follow_connect_as(form);
    if specific_user(form) {
        let user = form.text("user");
        let user_error = if user.is_empty() {
            Some(String::from("required for a specific user"))
        } else {
            find_invisible(&user).map(|c| format!("cannot contain {}", describe(c)))
        };
        let password_missing = form.text("password").is_empty() && !has_password;
        if let Some(field) = form.field_mut("user") {
            field.error = user_error;
        }
        if let Some(field) = form.field_mut("password") {
            field.error =
                password_missing.then(|| String::from("required: type the password of this user"));
        }
    }
}

fn site_name_error(subject: &Subject, host: &AppHost<'_>, name: &str) -> Option<String> {
    if name.is_empty() {
        return None;
    }
    if let Err(e) = check_new_site_name(name) {
        return Some(e.to_string());
    }
    host.find_site(name)
        .filter(|s| !s.name().eq_ignore_ascii_case(&subject.object))
        .map(|s| format!("a site named \"{}\" already exists", s.name()))
}

fn pool_name_error(subject: &Subject, host: &AppHost<'_>, name: &str) -> Option<String> {
    if name.is_empty() || name == subject.object {
        return None;
    }
    if let Err(e) = check_new_pool_name(name) {
        return Some(e.to_string());
    }
    if !subject.pool_apps.is_empty() && !name.eq_ignore_ascii_case(&subject.object) {
        return Some(
            ModelError::PoolInUse {
                pool: subject.object.clone(),
                apps: subject.pool_apps.clone(),
            }
            .to_string(),
        );
    }
    host.find_app_pool(name)
        .filter(|p| !p.name().eq_ignore_ascii_case(&subject.object))
        .map(|p| format!("an application pool named \"{}\" already exists", p.name()))
}
