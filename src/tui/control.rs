//! Start, stop and recycle from the lists (`t` on a site or pool, `r` on a pool), through the
//! connection's runtime back end (appcmd on Windows with IIS) as an effect on the blocking pool,
//! never on the event loop. Stop and recycle ask first, with Cancel focused. Where there is no
//! IIS to control (another system, a copy of a configuration, a read-only session) the actions
//! are drawn disabled with the reason, and pressing them says it: nothing pretends to happen.

use crate::host::runtime::{Control, ControlError, ControlOutcome};

use super::action::Action;
use super::app::{App, Focus, Level, View};
use super::dialog::ConfirmControl;
use super::msg::Effect;

/// Whether an action means anything on the current screen (the hint bar leaves out those that
/// do not: Recycle on the Sites list, Start/Stop on a folder, Apply fix outside Problems).
pub fn applies(app: &App, action: Action) -> bool {
    match action {
        Action::StartStop => matches!(app.view, View::Sites | View::Pools),
        Action::Recycle => app.view == View::Pools,
        Action::ApplyFix => app.view == View::Problems,
        _ => true,
    }
}

/// Why a runtime control action cannot run for the current connection, if so.
pub fn why_disabled(app: &App, action: Action) -> Option<String> {
    if !matches!(action, Action::StartStop | Action::Recycle) {
        return None;
    }
    let conn = app.conn()?;
    if conn.is_read_only() {
        return Some(String::from("this connection is read-only"));
    }
    conn.control.as_ref().err().cloned()
}

/// `t` or `r` on the selected site or pool.
pub fn request(app: &mut App, action: Action) -> Vec<Effect> {
    let title = action.info().title;
    if let Some(why) = why_disabled(app, action) {
        app.set_status(Level::Warning, format!("{title}: {why}"));
        return Vec::new();
    }
    let selected = app.selected_name().filter(|_| app.focus == Focus::Main);
    let (Some(name), true) = (selected, applies(app, action)) else {
        let what = if action == Action::Recycle {
            "an application pool in the Application Pools list"
        } else {
            "a site or application pool in its list"
        };
        app.set_status(Level::Info, format!("{title}: select {what}"));
        return Vec::new();
    };
    let Some(conn) = app.conn() else {
        return Vec::new();
    };
    let is_site = app.view == View::Sites;
    let state = conn.states.as_ref().and_then(|s| {
        if is_site {
            s.site(&name)
        } else {
            s.app_pool(&name)
        }
        .map(str::to_owned)
    });
    let state = state.as_deref().map(str::to_ascii_lowercase);
    let control = match (action, state.as_deref(), is_site) {
        (Action::Recycle, Some("stopped"), _) => {
            app.set_status(
                Level::Info,
                format!("Recycle: application pool \"{name}\" is stopped; t starts it"),
            );
            return Vec::new();
        }
        (Action::Recycle, _, _) => Control::RecycleAppPool(name),
        (_, Some("started" | "starting"), true) => Control::StopSite(name),
        (_, Some("started" | "starting"), false) => Control::StopAppPool(name),
        (_, Some("stopped" | "stopping"), true) => Control::StartSite(name),
        (_, Some("stopped" | "stopping"), false) => Control::StartAppPool(name),
        (_, other, _) => {
            app.set_status(
                Level::Warning,
                format!(
                    "{title}: the state of \"{name}\" is {} so iistui cannot tell whether to start or stop it; it is read again in a few seconds",
                    other.map_or(String::from("not known"), |s| format!("\"{s}\""))
                ),
            );
            return Vec::new();
        }
    };
    let conn = app.current;
    if control.needs_confirmation() {
        app.dialogs
            .push(Box::new(ConfirmControl::new(conn, control)));
        return Vec::new();
    }
    run(app, conn, control)
}

/// The effect that performs a control, with the status saying it is under way.
pub fn run(app: &mut App, conn: usize, control: Control) -> Vec<Effect> {
    app.busy += 1;
    let verb = match control.verb() {
        "start" => "starting",
        "stop" => "stopping",
        _ => "recycling",
    };
    app.set_status(
        Level::Info,
        format!("{verb} {} \"{}\"…", kind(&control), control.name()),
    );
    vec![Effect::Control { conn, control }]
}

fn kind(control: &Control) -> &'static str {
    if control.object_type() == "site" {
        "site"
    } else {
        "application pool"
    }
}

/// A control finished: say how, note the state appcmd reported, read every state again and
/// check again (a stopped pool is a problem).
pub fn finished(
    app: &mut App,
    conn: usize,
    control: Control,
    result: Result<ControlOutcome, ControlError>,
) -> Vec<Effect> {
    app.busy = app.busy.saturating_sub(1);
    match result {
        Ok(outcome) => {
            let state = outcome
                .state
                .as_deref()
                .map(|s| format!(" (now {s})"))
                .unwrap_or_default();
            app.set_status(Level::Success, format!("{}{state}", outcome.message));
            let schema = &app.schema;
            if let (Some(c), Some(state)) = (app.conns.get_mut(conn), outcome.state) {
                if let Some(states) = c.states.as_mut() {
                    let map = if control.object_type() == "site" {
                        &mut states.sites
                    } else {
                        &mut states.app_pools
                    };
                    map.insert(control.name().to_lowercase(), state);
                    c.refresh_rows(schema);
                }
            }
            vec![Effect::LoadStates { conn }, Effect::Validate { conn }]
        }
        Err(error) => {
            app.set_status(Level::Error, format!("{control}: {error}"));
            Vec::new()
        }
    }
}
