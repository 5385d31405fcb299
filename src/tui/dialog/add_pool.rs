//! Add Application Pool (`n` on Application Pools, `:add pool`), as IIS Manager's dialog: name,
//! .NET CLR version (v4.0, v2.0, No Managed Code), managed pipeline mode, identity (a specific
//! user with its password), and "start immediately" where IIS can be started from here. The
//! values start as a new pool would inherit them (`applicationPoolDefaults`, then the schema);
//! only what is changed is written, as `iistui add apppool` (and `set apppool` for a specific
//! user's name and password) would.

use std::borrow::Cow;

use crate::host::runtime::Control;
use crate::model::apphost::{
    AppHost, NewAppPool, ObjectLabel, Resolver, Setting, Target, check_new_pool_name,
};
use crate::tui::app::App;
use crate::tui::form::{Choice, Field, FieldKind, Form};
use crate::tui::op::ModelOp;

use super::DialogId;
use super::commit::Job;
use super::review::Review;
use super::wizard::{Spec, Wizard, review_of, start_field};

/// The Add Application Pool wizard.
pub type AddPool = Wizard<PoolSpec>;

/// What Add Application Pool adds to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolSpec {
    pub conn: usize,
}

const SPECIFIC_USER: &str = "SpecificUser";

/// What a new pool inherits for `key` (from `applicationPoolDefaults`, else the schema).
pub fn pool_default(host: &AppHost<'_>, key: &str) -> String {
    let Ok(item) = host.pool_schema() else {
        return String::new();
    };
    let node = host.defaults().app_pool.or(host.pools_section());
    let value = match node {
        Some(node) => Resolver {
            doc: host.doc,
            item,
            node,
            object: ObjectLabel::Section("applicationPoolDefaults"),
        }
        .value(key)
        .ok()
        .flatten()
        .map(Cow::into_owned),
        None => None,
    };
    value.unwrap_or_default()
}

/// The CLR versions IIS Manager offers.
pub fn runtime_choices() -> Vec<Choice> {
    vec![
        Choice::labelled("v4.0", ".NET CLR Version v4.0.30319"),
        Choice::labelled("v2.0", ".NET CLR Version v2.0.50727"),
        Choice::labelled("", "No Managed Code").with_detail("ASP.NET Core, static files"),
    ]
}

/// Opens the wizard (and asks whether IIS can be started here).
pub fn open(app: &mut App) -> Vec<super::super::msg::Effect> {
    let conn = app.current;
    let Some(host) = app.conns.get(conn).and_then(|c| c.host(&app.schema)) else {
        return Vec::new();
    };
    let default = |key: &str| pool_default(&host, key);
    let fields = vec![
        Field::new("name", "Name", FieldKind::Text)
            .required()
            .help("up to 64 characters; | < > & \" are refused"),
        Field::new(
            "runtime",
            ".NET CLR version",
            FieldKind::Enum(runtime_choices()),
        )
        .value(default("managedRuntimeVersion"))
        .help("No Managed Code: ASP.NET Core and static sites"),
        Field::new(
            "pipeline",
            "Managed pipeline mode",
            FieldKind::Enum(vec![Choice::new("Integrated"), Choice::new("Classic")]),
        )
        .value(default("managedPipelineMode"))
        .help("Classic only for old ASP.NET applications"),
        Field::new(
            "identity",
            "Identity",
            FieldKind::Enum(vec![
                Choice::new("ApplicationPoolIdentity").with_detail("a virtual account per pool"),
                Choice::new("NetworkService"),
                Choice::new("LocalService"),
                Choice::new("LocalSystem").with_detail("full control of the machine"),
                Choice::labelled(SPECIFIC_USER, "Specific user").with_detail("a name and password"),
            ]),
        )
        .value(default("processModel.identityType"))
        .help("who the worker process runs as"),
        Field::new("user", "User name", FieldKind::Text).help("DOMAIN\\user or MACHINE\\user"),
        Field::new("password", "Password", FieldKind::Password).help("the user's password"),
        Field::new(AUTO_START, "Start with IIS", FieldKind::Bool)
            .value("true")
            .help("autoStart: no writes autoStart=\"false\" (IIS Manager's \"Start immediately\")"),
        start_field("Start now"),
    ];
    let id: DialogId = app.dialogs.next_id();
    let (wizard, effects) = AddPool::open(app, PoolSpec { conn }, fields, id);
    app.dialogs.push(Box::new(wizard));
    effects
}

/// The field for `autoStart` (whether WAS starts the pool), apart from starting it now.
const AUTO_START: &str = "autostart";

fn specific(form: &Form) -> bool {
    form.field("identity")
        .is_some_and(|f| f.text().eq_ignore_ascii_case(SPECIFIC_USER))
}

impl PoolSpec {
    fn pool(&self, form: &Form) -> NewAppPool {
        let changed = |key: &str| {
            form.field(key)
                .filter(|f| f.changed())
                .map(|f| f.text().to_owned())
        };
        NewAppPool {
            name: form.text("name"),
            runtime: changed("runtime"),
            pipeline: changed("pipeline"),
            identity: changed("identity"),
            auto_start: changed(AUTO_START).map(|v| v == "true"),
        }
    }
}

impl Spec for PoolSpec {
    fn title(&self) -> String {
        String::from("Add Application Pool")
    }

    fn notes(&self, _form: &Form) -> Vec<(String, bool)> {
        vec![(
            String::from("Values not changed here are inherited from applicationPoolDefaults."),
            false,
        )]
    }

    fn check(&mut self, form: &mut Form, app: &App, changed: Option<&str>) {
        let specific = specific(form);
        for key in ["user", "password"] {
            if let Some(field) = form.field_mut(key) {
                field.disabled = (!specific).then(|| String::from("only with Specific user"));
                field.error = (specific && field.text().trim().is_empty())
                    .then(|| String::from("required for a specific user"));
            }
        }
        if changed.is_some_and(|c| c != "name") {
            return;
        }
        let name = form.text("name");
        let error = if name.is_empty() {
            None
        } else if let Err(e) = check_new_pool_name(&name) {
            Some(e.to_string())
        } else {
            app.conns
                .get(self.conn)
                .and_then(|c| c.host(&app.schema))
                .and_then(|h| h.find_app_pool(&name).map(|p| p.name().into_owned()))
                .map(|existing| format!("an application pool named \"{existing}\" already exists"))
        };
        if let Some(field) = form.field_mut("name") {
            field.error = field.error.take().or(error);
        }
    }

    fn review(&self, form: &Form, app: &App) -> Result<(Review, Vec<Job>), String> {
        let pool = self.pool(form);
        let name = pool.name.clone();
        let mut op = ModelOp::AddAppPool(pool);
        if specific(form) {
            let set = |key: &str, value: String| Setting::Set {
                key: key.to_owned(),
                value,
            };
            let user = vec![
                set("processModel.identityType", String::from(SPECIFIC_USER)),
                set("processModel.userName", form.text("user")),
                set(
                    "processModel.password",
                    form.field("password")
                        .map(|f| f.text().to_owned())
                        .unwrap_or_default(),
                ),
            ];
            // The identity is in `add apppool` already when it was changed to SpecificUser.
            let user = if form.field("identity").is_some_and(|f| f.changed()) {
                user.into_iter().skip(1).collect()
            } else {
                user
            };
            op = ModelOp::Batch {
                title: format!("Add application pool \"{name}\""),
                verb: "Add",
                ops: vec![op, ModelOp::Settings(vec![(Target::AppPool(name), user)])],
            };
        }
        review_of(app, self.conn, op)
    }

    fn start(&self, form: &Form) -> Option<Control> {
        Some(Control::StartAppPool(form.text("name")))
    }

    fn conn(&self) -> usize {
        self.conn
    }
}
