//! The Problems view (`!`, `:problems`): what `iistui check` finds in the connection's
//! configuration and on this machine, one problem per row with its rule, severity, object and
//! message, and below the selected one its fix. `f` applies a fix that is a change to
//! applicationHost.config through the review page and the save job, like every other change;
//! a fix to a web.config or one done by hand is said as such, never pretended. Enter goes to the
//! problem's object in its list. The check runs off the event loop ([`check_job`]), after every
//! load and save.

use crate::host::check::{CheckReport, check_this_machine};
use crate::host::health::{topology, watched_folders};
use crate::host::runtime::RuntimeStates;
use crate::host::shell_quote::Shell;
use crate::model::apphost::AppHost;
use crate::model::doc::Document;
use crate::model::schema::SchemaSet;
use crate::model::validate::hosting::{ConfigChange, ObjectRef, Problem};

use super::app::{App, Level, View};
use super::dialog::Review;
use super::health::Watch;
use super::msg::Effect;
use super::op::{ConfigArg, ModelOp};
use super::update::show;

/// A check's result: the report, and what the health streams watch for this configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub report: CheckReport,
    pub watch: Watch,
}

/// Runs `iistui check` on a copy of a document (on the blocking pool: it reads folders,
/// web.config files and the stdout log folders), and resolves the pools' and applications'
/// folders for the health streams.
pub fn check_job(doc: &Document, schema: &SchemaSet, states: Option<&RuntimeStates>) -> Checked {
    let host = AppHost::new(doc, schema);
    let report = check_this_machine(host, states);
    let topology = topology(host);
    let folders = watched_folders(host, &topology);
    Checked {
        report,
        watch: Watch { topology, folders },
    }
}

/// The Problems view's selection and scroll.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProblemsView {
    pub selected: usize,
    pub offset: usize,
}

/// The current connection's problems (empty until the check has run).
pub fn problems(app: &App) -> &[Problem] {
    app.conn()
        .and_then(|c| c.problems.as_ref())
        .map_or(&[], |r| r.problems.as_slice())
}

/// The selected problem.
pub fn selected(app: &App) -> Option<&Problem> {
    let all = problems(app);
    all.get(app.problems_view.selected.min(all.len().saturating_sub(1)))
}

/// Moves the selection by `delta` rows.
pub fn move_by(app: &mut App, delta: isize) {
    let len = problems(app).len();
    let view = &mut app.problems_view;
    view.selected = view
        .selected
        .saturating_add_signed(delta.clamp(-1_000_000, 1_000_000))
        .min(len.saturating_sub(1));
}

/// What `f` does with a problem's fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixKind {
    /// A change to applicationHost.config, with its `iistui` command.
    Config { command: String },
    /// A change to a web.config, which this view does not write; `how` says what does
    /// (ASP.NET Core settings, `N`, and `iistui set aspnetcore`).
    WebConfig {
        path: String,
        change: String,
        how: String,
    },
    /// Done by hand.
    Manual,
}

/// What writes a web.config fix: ASP.NET Core settings (`N` on the application) or
/// `iistui set aspnetcore APP key=value`, naming the open configuration.
fn web_config_how(app: &App, problem: &Problem, setting: &str) -> String {
    let ObjectRef::Application { id } = &problem.object else {
        return String::from("edit that file");
    };
    let command = app.conn().map(|c| {
        ConfigArg::of(c.kind, &c.path)
            .command(Shell::native())
            .word("set")
            .word("aspnetcore")
            .operands(&[id, setting])
            .finish()
    });
    match command {
        Some(command) => {
            format!("press N on application {id} (ASP.NET Core settings), or run: {command}")
        }
        None => format!("press N on application {id} (ASP.NET Core settings)"),
    }
}

/// How a problem's fix is applied, for the view and for `f`.
pub fn fix_kind(app: &App, problem: &Problem) -> FixKind {
    match &problem.fix.change {
        None => FixKind::Manual,
        Some(ConfigChange::AspNetCore {
            web_config,
            attribute,
            value,
        }) => FixKind::WebConfig {
            path: web_config.clone(),
            change: format!("<aspNetCore {attribute}=\"{value}\">"),
            how: web_config_how(app, problem, &format!("{attribute}={value}")),
        },
        Some(change) => {
            let op = ModelOp::Fix {
                text: problem.fix.text.clone(),
                change: change.clone(),
            };
            let command = match app.conn() {
                Some(c) => op.cli(Shell::native(), ConfigArg::of(c.kind, &c.path)),
                None => String::new(),
            };
            FixKind::Config { command }
        }
    }
}

/// `f`: the selected problem's fix, through the review page when it is a configuration change.
pub fn apply_fix(app: &mut App) -> Vec<Effect> {
    if app.view != View::Problems {
        app.set_status(
            Level::Info,
            "Apply fix: open the Problems view (! or :problems) and select a problem",
        );
        return Vec::new();
    }
    let Some(problem) = selected(app).cloned() else {
        app.set_status(Level::Info, "Apply fix: no problem is selected");
        return Vec::new();
    };
    match (fix_kind(app, &problem), problem.fix.change) {
        (FixKind::Config { .. }, Some(change)) => {
            let op = ModelOp::Fix {
                text: problem.fix.text.clone(),
                change,
            };
            let conn = app.current;
            match Review::preview(app, conn, &op) {
                Ok(review) => {
                    app.dialogs.push(Box::new(review));
                }
                Err(why) => app.set_status(Level::Error, format!("{}: {why}", problem.rule)),
            }
        }
        (FixKind::WebConfig { path, change, how }, _) => app.set_status(
            Level::Warning,
            format!(
                "{}: this fix ({change}) changes {path}, not {}: {how}",
                problem.rule,
                app.conn()
                    .and_then(|c| c.path.file_name())
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            ),
        ),
        _ => app.set_status(
            Level::Info,
            format!(
                "{}: this fix is done by hand: {}",
                problem.rule, problem.fix.text
            ),
        ),
    }
    Vec::new()
}

/// Enter: the selected problem's object, selected in its list.
pub fn open_object(app: &mut App) -> Vec<Effect> {
    let Some(object) = selected(app).map(|p| p.object.clone()) else {
        return Vec::new();
    };
    // A `validate` finding names its place: go to the site, application or pool in it.
    let object = match object {
        ObjectRef::Config { place } => {
            object_of_place(&place).unwrap_or(ObjectRef::Config { place })
        }
        other => other,
    };
    let site_of = |id: &str| id.split('/').next().unwrap_or_default().to_owned();
    match object {
        ObjectRef::Site { name } | ObjectRef::Binding { site: name, .. } => {
            let effects = show(app, View::Sites);
            app.select_named(&name);
            effects
        }
        ObjectRef::AppPool { name } => {
            let effects = show(app, View::Pools);
            app.select_named(&name);
            effects
        }
        ObjectRef::Application { id } | ObjectRef::VirtualDirectory { id } => {
            let effects = show(
                app,
                View::Apps {
                    site: Some(site_of(&id)),
                },
            );
            app.select_named(&id);
            effects
        }
        ObjectRef::File { path } => {
            app.set_status(
                Level::Info,
                format!("{path} is a file: open it in an editor (iistui does not open web.config files from here)"),
            );
            Vec::new()
        }
        ObjectRef::Server | ObjectRef::Config { .. } => {
            app.set_status(
                Level::Info,
                "this problem concerns the configuration as a whole: iistui validate shows the line",
            );
            Vec::new()
        }
    }
}

/// The object a `validate` place names (`system.applicationHost/sites/site[Shop]/application[/api]/…`,
/// `…/applicationPools/add[Shop]/…`), when it names one.
fn object_of_place(place: &str) -> Option<ObjectRef> {
    let inside = |key: &str, from: usize| -> Option<(String, usize)> {
        let start = from + place.get(from..)?.find(key)? + key.len();
        let len = place.get(start..)?.find(']')?;
        Some((place.get(start..start + len)?.to_owned(), start + len))
    };
    if let Some((site, end)) = inside("sites/site[", 0) {
        return Some(match inside("]/application[", end) {
            Some((path, _)) => ObjectRef::Application {
                id: format!("{site}/{}", path.trim_start_matches('/')),
            },
            None => ObjectRef::Site { name: site },
        });
    }
    inside("applicationPools/add[", 0).map(|(name, _)| ObjectRef::AppPool { name })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_validate_place_names_its_site_application_or_pool() {
        let app = |id: &str| ObjectRef::Application { id: id.to_owned() };
        assert_eq!(
            object_of_place("system.applicationHost/sites/site[legacy-crm]/application[/export]"),
            Some(app("legacy-crm/export"))
        );
        assert_eq!(
            object_of_place(
                "system.applicationHost/sites/site[Default Web Site]/application[/]/virtualDirectory[/]"
            ),
            Some(app("Default Web Site/"))
        );
        assert_eq!(
            object_of_place("system.applicationHost/sites/site[Shop]/limits/@connectionTimeout"),
            Some(ObjectRef::Site {
                name: String::from("Shop")
            })
        );
        assert_eq!(
            object_of_place("system.applicationHost/applicationPools/add[Shop]/@startMode"),
            Some(ObjectRef::AppPool {
                name: String::from("Shop")
            })
        );
        assert_eq!(object_of_place("system.webServer/handlers"), None);
    }
}
