//! The terminal UI: IIS Manager laid out for a terminal, driven like k9s. One tokio channel of
//! messages feeds the pure `update`, whose effects the runtime performs; frames are drawn only
//! when something changed, at most one per ~16 ms.

pub mod action;
pub mod advanced;
pub mod app;
pub mod aspnetcore;
pub mod connection;
pub mod control;
pub mod dialog;
pub mod effect;
mod explore;
pub mod form;
pub mod health;
pub mod host_job;
pub mod keymap;
mod launch;
pub mod list;
pub mod log_tail;
pub mod logview;
pub mod msg;
pub mod op;
pub mod permissions;
pub mod problems;
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

use crate::host::connection::Connection;
use crate::model::schema::SchemaSet;
use crate::model::store::StoreOptions;

pub use launch::{Launch, run};

use app::App;
use connection::Conn;
use effect::Runner;
use keymap::Keymap;
use msg::{Effect, Msg};
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
        .map(|c| Conn::open(c, read_only, options.clone(), &schema))
        .collect();
    App::new(conns, schema, keymap, theme)
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
    let host = health::start_host(&mut app);
    runner.run(&mut app, host);
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
