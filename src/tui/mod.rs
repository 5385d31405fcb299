//! The terminal UI: IIS Manager laid out for a terminal, driven like k9s. One tokio channel of
//! messages feeds the pure `update`, whose effects the runtime performs; frames are drawn only
//! when something changed, at most one per ~16 ms.

pub mod action;
pub mod advanced;
pub mod app;
pub mod connection;
pub mod dialog;
pub mod effect;
pub mod form;
pub mod keymap;
pub mod list;
pub mod msg;
pub mod op;
pub mod rows;
pub mod settings;
pub mod subscription;
mod terminal;
pub mod theme;
pub mod tree;
pub mod update;
pub mod view;

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event};
use tokio::sync::mpsc;

use crate::cli::connection::{Connection, ConnectionKind, resolve_all};
use crate::cli::{CliError, GlobalArgs};
use crate::host::{demo, paths};
use crate::model::schema::SchemaSet;
use crate::model::store::StoreOptions;

use app::{App, Level};
use connection::Conn;
use effect::Runner;
use keymap::Keymap;
use msg::{Effect, Msg};
use settings::Settings;
use theme::Theme;

const FRAME: Duration = Duration::from_millis(16);

/// Builds the app state for connections (used by `run`, tests and benchmarks).
pub fn build_app(
    connections: &[Connection],
    read_only: bool,
    schema: SchemaSet,
    keymap: Keymap,
    theme: Theme,
) -> App {
    build_app_with(
        connections,
        read_only,
        StoreOptions::default(),
        schema,
        keymap,
        theme,
    )
}

/// [`build_app`] with the options files are opened and saved with (`--force`, `--max-size`).
pub fn build_app_with(
    connections: &[Connection],
    read_only: bool,
    options: StoreOptions,
    schema: SchemaSet,
    keymap: Keymap,
    theme: Theme,
) -> App {
    let conns = connections
        .iter()
        .map(|c| Conn::open(c, read_only, options, &schema))
        .collect();
    App::new(conns, schema, keymap, theme)
}

/// A connection's read-only flag and colour from the saved settings.
type ConnectionLook = (bool, Option<String>);

fn connections(
    global: &GlobalArgs,
    settings: &Settings,
) -> Result<(Vec<Connection>, Vec<ConnectionLook>), CliError> {
    let mut list = resolve_all(global)?;
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
        let (path, note) = demo::prepare(global.reset)
            .map_err(|e| CliError::usage(format!("cannot prepare the demo server: {e}")))?;
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

fn theme(global: &GlobalArgs, settings: &Settings, problems: &mut Vec<String>) -> Theme {
    let dir = paths::config_dir().join("themes");
    let name = global
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

/// Opens the TUI; returns the exit code.
pub fn run(global: &GlobalArgs) -> Result<u8, CliError> {
    let config_dir = paths::config_dir();
    let (settings, settings_error) = Settings::load(&config_dir);
    let mut problems: Vec<String> = settings_error.into_iter().collect();
    let (list, extra) = connections(global, &settings)?;
    let theme = theme(global, &settings, &mut problems);
    let keymap = Keymap::load(&config_dir).unwrap_or_else(|e| {
        problems.push(e);
        Keymap::defaults()
    });
    let mut app = build_app_with(
        &list,
        global.readonly,
        global.store_options(),
        SchemaSet::for_this_machine(),
        keymap,
        theme,
    );
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
        .map_err(|e| CliError::usage(format!("cannot start the runtime: {e}")))?;
    runtime
        .block_on(event_loop(app))
        .map_err(|e| CliError::usage(format!("terminal error: {e}")))?;
    Ok(0)
}

fn spawn_input(tx: mpsc::UnboundedSender<Msg>) {
    std::thread::spawn(move || {
        loop {
            let msg = match event::read() {
                Ok(Event::Key(key)) => Msg::Key(key),
                Ok(Event::Paste(text)) => Msg::Paste(text),
                Ok(Event::Resize(width, height)) => Msg::Resize(width, height),
                Ok(_) => continue,
                Err(_) => break,
            };
            if tx.send(msg).is_err() {
                break;
            }
        }
    });
}


fn drain(app: &mut App, rx: &mut mpsc::UnboundedReceiver<Msg>, runner: &Runner) {
    while let Ok(msg) = rx.try_recv() {
        for effect in update::update(app, msg) {
            runner.run(app, effect);
        }
    }
}

async fn event_loop(mut app: App) -> std::io::Result<()> {
    let mut guard = terminal::TerminalGuard::new()?;
    let (tx, mut rx) = mpsc::unbounded_channel();
    let runner = Runner::new(tx.clone());
    spawn_input(tx);
    let size = guard.terminal.size()?;
    app.width = size.width;
    app.height = size.height;
    app.prepare();
    guard.terminal.draw(|frame| view::draw(frame, &mut app))?;
    let mut last_draw = Instant::now();
    for conn in 0..app.conns.len() {
        runner.run(&mut app, Effect::LoadStates { conn });
        runner.run(&mut app, Effect::Validate { conn });
        if let Some(watch) = app.watch_config(conn) {
            runner.run(&mut app, watch);
        }
    }
    app.redraw = false;
    while let Some(msg) = rx.recv().await {
        for effect in update::update(&mut app, msg) {
            runner.run(&mut app, effect);
        }
        drain(&mut app, &mut rx, &runner);
        if app.quit {
            break;
        }
        if app.redraw {
            let since = last_draw.elapsed();
            if since < FRAME {
                tokio::time::sleep(FRAME - since).await;
                drain(&mut app, &mut rx, &runner);
                if app.quit {
                    break;
                }
            }
            if app.clear {
                guard.repaint()?;
                app.clear = false;
            }
            app.prepare();
            guard.terminal.draw(|frame| view::draw(frame, &mut app))?;
            last_draw = Instant::now();
            app.redraw = false;
        }
    }
    drop(guard);
    Ok(())
}
