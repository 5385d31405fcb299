//! TUI benchmarks on a generated 10,000-site configuration:
//! - build + render one frame of the sites list (target ≤ 2 ms);
//! - one filter keystroke over 10,000 sites (target ≤ 5 ms), measured as a keystroke that
//!   extends the query and one that removes it (two per iteration);
//! - the first frame of `--config big10k.config` (load + rows + render) next to the CLI's
//!   `list sites` as a process (target ≤ 1.3×);
//! - opening Advanced Settings for a pool (target ≤ 20 ms), and Add Website (which indexes
//!   every site's bindings for its checks);
//! - one keystroke in a form (Add Website's name: its rules, a site by that name, the first
//!   binding that follows it checked) plus the frame it draws (target ≤ 2 ms), and one in the binding
//!   form's host name, which checks the binding against every site's (indexed when Site
//!   Bindings opens, measured too).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use iistui::host::connection::{Connection, ConnectionKind};
use iistui::model::generate::apphost_config;
use iistui::model::schema::SchemaSet;
use iistui::tui::app::App;
use iistui::tui::keymap::Keymap;
use iistui::tui::msg::Msg;
use iistui::tui::theme::Theme;
use iistui::tui::{build_app, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn big_config() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("iistui-bench");
    std::fs::create_dir_all(&dir).expect("bench dir");
    let path = dir.join("big10000.config");
    if !path.exists() {
        std::fs::write(&path, apphost_config(10_000)).expect("write config");
    }
    path
}

fn open(path: &Path) -> App {
    let connection = Connection {
        path: path.to_path_buf(),
        kind: ConnectionKind::File,
        label: String::from("big10k"),
        notes: Vec::new(),
    };
    build_app(
        &[connection],
        false,
        SchemaSet::bundled(),
        Keymap::defaults(),
        Theme::default_theme(),
    )
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &mut App) {
    terminal.draw(|frame| view::draw(frame, app)).expect("draw");
}

fn benches(c: &mut Criterion) {
    let path = big_config();
    let mut app = open(&path);
    update::update(&mut app, key(KeyCode::Char('2')));
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");

    let mut group = c.benchmark_group("tui_10000_sites");
    group.bench_function("render_sites_frame", |b| {
        b.iter(|| {
            // A new frame: the list is rebuilt from the visible rows and drawn.
            app.redraw = true;
            draw(&mut terminal, &mut app);
        })
    });
    group.bench_function("health_strip_glance", |b| {
        // What the strip adds to every frame: counting 10,000 sites' and the pools' states.
        b.iter(|| std::hint::black_box(iistui::tui::health::strip::Glance::of(&app)))
    });
    update::update(&mut app, key(KeyCode::Char('/')));
    update::update(&mut app, key(KeyCode::Char('c')));
    update::update(&mut app, key(KeyCode::Char('u')));
    group.bench_function("filter_two_keystrokes", |b| {
        b.iter(|| {
            update::update(&mut app, key(KeyCode::Char('9')));
            update::update(&mut app, key(KeyCode::Backspace));
            black_box(app.lists.sites.len())
        })
    });
    update::update(&mut app, key(KeyCode::Esc));
    update::update(&mut app, key(KeyCode::Char('3')));
    update::update(&mut app, key(KeyCode::Char('G')));
    group.bench_function("open_advanced_settings_pool", |b| {
        b.iter(|| {
            update::update(&mut app, key(KeyCode::Char('A')));
            let open = app.dialogs.len();
            app.dialogs.clear();
            black_box(open)
        })
    });
    group.bench_function("open_add_website", |b| {
        b.iter(|| {
            update::update(&mut app, key(KeyCode::Char('a')));
            let open = app.dialogs.len();
            app.dialogs.clear();
            black_box(open)
        })
    });
    update::update(&mut app, key(KeyCode::Char('a')));
    update::update(&mut app, key(KeyCode::Char('x')));
    group.bench_function("form_keystroke_and_render", |b| {
        b.iter(|| {
            update::update(&mut app, key(KeyCode::Char('y')));
            app.redraw = true;
            draw(&mut terminal, &mut app);
            update::update(&mut app, key(KeyCode::Backspace));
            black_box(app.dialogs.len())
        })
    });
    group.bench_function("form_render_only", |b| {
        b.iter(|| {
            app.redraw = true;
            draw(&mut terminal, &mut app);
        })
    });
    group.bench_function("form_keystroke_only", |b| {
        b.iter(|| {
            update::update(&mut app, key(KeyCode::Char('y')));
            update::update(&mut app, key(KeyCode::Backspace));
        })
    });
    app.dialogs.clear();
    // Site Bindings on the first site: a host-name keystroke checks the binding against every
    // site's bindings (conflicts name the other site) and draws the form.
    update::update(&mut app, key(KeyCode::Char('2')));
    update::update(&mut app, key(KeyCode::Char('g')));
    group.bench_function("open_site_bindings", |b| {
        b.iter(|| {
            update::update(&mut app, key(KeyCode::Char('b')));
            let open = app.dialogs.len();
            app.dialogs.clear();
            black_box(open)
        })
    });
    update::update(&mut app, key(KeyCode::Char('b')));
    update::update(&mut app, key(KeyCode::Char('a')));
    for _ in 0..3 {
        update::update(&mut app, key(KeyCode::Down));
    }
    update::update(&mut app, key(KeyCode::Char('x')));
    group.bench_function("binding_host_keystroke_and_render", |b| {
        b.iter(|| {
            update::update(&mut app, key(KeyCode::Char('y')));
            app.redraw = true;
            draw(&mut terminal, &mut app);
            update::update(&mut app, key(KeyCode::Backspace));
            black_box(app.dialogs.len())
        })
    });
    app.dialogs.clear();
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("first_frame_load_and_render", |b| {
        b.iter(|| {
            let mut fresh = open(&path);
            let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
            fresh.prepare();
            draw(&mut terminal, &mut fresh);
            black_box(fresh.conns.len())
        })
    });
    let iistui = PathBuf::from(env!("CARGO_BIN_EXE_iistui"));
    group.bench_function("cli_list_sites_process", |b| {
        b.iter(|| {
            let out = Command::new(&iistui)
                .arg("--config")
                .arg(&path)
                .args(["list", "sites"])
                .output()
                .expect("list");
            assert!(out.status.success());
        })
    });
    group.finish();
}

criterion_group!(tui, benches);
criterion_main!(tui);
