//! Starting the TUI from the command line's options: which connections to open (and the
//! saved ones from settings.toml, or the demo server when nothing is found), the theme, the
//! keymap and the schema, then the event loop.

use crate::host::connection::{Connection, ConnectionKind, Request, resolve_all};
use crate::host::{demo, paths, schema as host_schema};
use crate::model::store::StoreOptions;

use super::app::Level;
use super::keymap::Keymap;
use super::settings::Settings;
use super::theme::Theme;
use super::{build_app_with, event_loop};

/// How the TUI was asked to start.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    pub request: Request,
    pub readonly: bool,
    /// `--theme NAME`.
    pub theme: Option<String>,
    pub store: StoreOptions,
}

/// A connection's read-only flag and colour from the saved settings.
type ConnectionLook = (bool, Option<String>);

fn connections(
    launch: &Launch,
    settings: &Settings,
) -> Result<(Vec<Connection>, Vec<ConnectionLook>), String> {
    let mut list = resolve_all(&launch.request).map_err(|e| e.to_string())?;
    let mut extra: Vec<ConnectionLook> = vec![(false, None); list.len()];
    for saved in &settings.connections {
        if list.iter().any(|c| c.path == saved.path) {
            continue;
        }
        let label = saved
            .label
            .clone()
            .unwrap_or_else(|| saved.path.display().to_string());
        list.push(Connection {
            path: saved.path.clone(),
            kind: ConnectionKind::File,
            label,
            notes: Vec::new(),
        });
        extra.push((saved.read_only, saved.color.clone()));
    }
    if list.is_empty() {
        let (path, note) = demo::prepare(launch.request.reset)
            .map_err(|e| format!("cannot prepare the demo server: {e}"))?;
        let mut notes = vec![String::from(
            "no IIS configuration was found on this machine, so the demo server opened",
        )];
        notes.extend(note);
        list.push(Connection {
            path,
            kind: ConnectionKind::Demo,
            label: String::from("WEB01"),
            notes,
        });
        extra.push((false, None));
    }
    Ok((list, extra))
}

fn theme(launch: &Launch, settings: &Settings, problems: &mut Vec<String>) -> Theme {
    let dir = paths::config_dir().join("themes");
    let name = launch
        .theme
        .clone()
        .or_else(|| settings.theme.clone())
        .unwrap_or_else(|| String::from("default"));
    let theme = Theme::load(&name, &dir).unwrap_or_else(|e| {
        problems.push(e);
        Theme::default_theme()
    });
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        theme.without_color()
    } else {
        theme
    }
}

/// Opens the TUI; returns the exit code, or why it could not start.
pub fn run(launch: &Launch) -> Result<u8, String> {
    let config_dir = paths::config_dir();
    let (settings, settings_error) = Settings::load(&config_dir);
    let mut problems: Vec<String> = settings_error.into_iter().collect();
    let (list, extra) = connections(launch, &settings)?;
    let theme = theme(launch, &settings, &mut problems);
    let keymap = Keymap::load(&config_dir).unwrap_or_else(|e| {
        problems.push(e);
        Keymap::defaults()
    });
    let (schema, schema_problems) = host_schema::for_this_machine();
    problems.extend(schema_problems);
    let mut app = build_app_with(
        &list,
        launch.readonly,
        launch.store.clone(),
        schema,
        keymap,
        theme,
    );
    if let Some(lines) = settings.logs.lines {
        app.logs = super::logview::LogView::new(lines.clamp(100, 10_000_000));
    }
    match settings.health.clone().checked() {
        Ok(health) => app.health.settings = health,
        Err(why) => problems.push(format!(
            "{}: {why}",
            config_dir.join("settings.toml").display()
        )),
    }
    for (conn, (read_only, color)) in app.conns.iter_mut().zip(extra) {
        conn.read_only |= read_only;
        conn.color = color;
    }
    if let Some(problem) = problems.first() {
        app.set_status(Level::Warning, problem.clone());
    } else if let Some(note) = app.conns.first().and_then(|c| c.notes.first()) {
        app.set_status(Level::Info, note.clone());
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    runtime
        .block_on(event_loop(app))
        .map_err(|e| format!("terminal error: {e}"))?;
    Ok(0)
}
