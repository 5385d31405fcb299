//! Helpers for the TUI tests: an app over a temp copy of the demo configuration, key messages,
//! and running effects through the real runner.

#![allow(dead_code)]

use std::path::PathBuf;

use iistui::host::connection::{Connection, ConnectionKind};
use iistui::model::schema::SchemaSet;
use iistui::tui::app::App;
use iistui::tui::effect::Runner;
use iistui::tui::keymap::Keymap;
use iistui::tui::msg::{Effect, Msg};
use iistui::tui::theme::Theme;
use iistui::tui::{build_app, update};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub const DEMO_CONFIG: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/demo/applicationHost.config"
);

/// A temp copy of the demo configuration and an app over it (stable labels and paths).
pub fn demo_app(theme: Theme) -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("applicationHost.config");
    std::fs::copy(DEMO_CONFIG, &path).expect("copy demo");
    let mut app = file_app(&path, theme);
    for conn in &mut app.conns {
        conn.display_path =
            String::from("C:\\Windows\\System32\\inetsrv\\config\\applicationHost.config");
        // The "Same as" line names the file; the store keeps the real one.
        conn.path = PathBuf::from(&conn.display_path);
        conn.state_note = Some(String::from(
            "no IIS runtime here (state needs IIS on Windows)",
        ));
        if let Some(store) = conn.store.as_mut() {
            store.set_backup_dir(dir.path().join("backups"));
        }
    }
    app.prepare();
    (dir, path, app)
}

/// An app over `path`, opened as the TUI opens a `--config` file (labelled WEB01).
pub fn file_app(path: &std::path::Path, theme: Theme) -> App {
    let connection = Connection {
        path: path.to_path_buf(),
        kind: ConnectionKind::File,
        label: String::from("WEB01"),
        notes: Vec::new(),
    };
    build_app(
        &[connection],
        false,
        SchemaSet::bundled(),
        Keymap::defaults(),
        theme,
    )
}

pub fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

pub fn ch(c: char) -> Msg {
    key(KeyCode::Char(c))
}

pub fn ctrl(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

pub fn release(c: char) -> Msg {
    let mut event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    event.kind = KeyEventKind::Release;
    Msg::Key(event)
}

/// Draws one frame of `app` at `width` x `height`.
pub fn render(
    app: &mut App,
    width: u16,
    height: u16,
) -> ratatui::Terminal<ratatui::backend::TestBackend> {
    let backend = ratatui::backend::TestBackend::new(width, height);
    let mut terminal = ratatui::Terminal::new(backend).expect("terminal");
    app.width = width;
    app.height = height;
    app.prepare();
    terminal
        .draw(|frame| iistui::tui::view::draw(frame, app))
        .expect("draw");
    terminal
}

/// Runs the configuration's check for real (as the runner does for `Effect::Validate`) and
/// hands the result to `update`.
pub fn run_check(app: &mut App) -> Vec<Effect> {
    let checked = {
        let c = &app.conns[0];
        let store = c.store.as_ref().expect("store");
        iistui::tui::problems::check_job(store.document(), &app.schema, c.states.as_ref())
    };
    let version = app.conns[0].doc_version;
    send(
        app,
        Msg::Problems {
            conn: 0,
            version,
            checked: Box::new(checked),
        },
    )
}

/// A two-thread tokio runtime for tests that run streams and background effects for real.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}

/// Sends a message, returning the effects.
pub fn send(app: &mut App, msg: Msg) -> Vec<Effect> {
    update::update(app, msg)
}

/// Types a string, key by key.
pub fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        send(app, ch(c));
    }
}

/// Sends a message and runs every effect through the real runner until things settle.
pub fn send_and_run(app: &mut App, msg: Msg) {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let runner = Runner::new(tx);
    let mut queue = vec![msg];
    while let Some(msg) = queue.pop() {
        for effect in update::update(app, msg) {
            // Background effects need a runtime; the store effects tested here do not.
            if matches!(
                effect,
                Effect::Apply { .. }
                    | Effect::Undo { .. }
                    | Effect::Redo { .. }
                    | Effect::Reload { .. }
                    | Effect::DiskDiff { .. }
            ) {
                runner.run(app, effect);
            }
        }
        while let Ok(next) = rx.try_recv() {
            queue.push(next);
        }
    }
}

/// Draws one frame of `app` at `width` x `height` on a test backend.
pub fn render_at(
    app: &mut App,
    width: u16,
    height: u16,
) -> ratatui::Terminal<ratatui::backend::TestBackend> {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))
        .expect("terminal");
    app.width = width;
    app.height = height;
    app.prepare();
    terminal
        .draw(|frame| iistui::tui::view::draw(frame, app))
        .expect("draw");
    terminal
}
