//! Update tier for the health strip, the Health and Problems views and runtime control: keys →
//! effects → state, headless. The streams' tasks run for real where a test says so (a real
//! child process started in a site's folder is mapped to its application).

mod common;

use std::path::PathBuf;
use std::time::Duration;

use common::tui::*;
use iistui::host::health::{Capacity, HostSample};
use iistui::host::runtime::{Control, ControlError, ControlOutcome, NOT_AVAILABLE, RuntimeStates};
use iistui::tui::app::{App, Level, View};
use iistui::tui::dialog::{ConfirmControl, Review};
use iistui::tui::effect::Runner;
use iistui::tui::health;
use iistui::tui::msg::{Effect, Msg};
use iistui::tui::op::ModelOp;
use iistui::tui::problems::selected;
use iistui::tui::subscription::{Event, Source, Tasks, Topic};
use iistui::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Modifier;

fn host_sample(cpu: f32) -> HostSample {
    HostSample {
        cpu_percent: cpu,
        cpu_count: 4,
        memory: Capacity {
            total_bytes: 8 << 30,
            used_bytes: 3 << 30,
        },
        swap: Capacity::default(),
        uptime_secs: 7300,
        load: None,
        drives: Vec::new(),
        unplaced: Vec::new(),
    }
}

/// The generation of a topic's live stream, from the effect that started it.
fn generation_of(effects: &[Effect], wanted: &Topic) -> Option<u64> {
    effects.iter().find_map(|e| match e {
        Effect::Subscribe {
            topic, generation, ..
        } if topic == wanted => Some(*generation),
        _ => None,
    })
}

#[test]
fn the_host_stream_runs_always_and_the_worker_stream_only_in_the_health_view() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    // The event loop starts the host stream once, at start.
    let host = health::start_host(&mut app);
    assert!(matches!(
        host,
        Effect::Subscribe {
            topic: Topic::Host,
            source: Source::Host { every },
            ..
        } if every == Duration::from_secs(2)
    ));
    let effects = run_check(&mut app);
    assert!(effects.is_empty(), "{effects:?}");
    // 6 opens the Health view: the worker stream starts with the connection's pools.
    let effects = send(&mut app, ch('6'));
    assert_eq!(app.view, View::Health);
    let workers = effects
        .iter()
        .find_map(|e| match e {
            Effect::Subscribe {
                topic: Topic::Workers,
                source: Source::Workers { topology, .. },
                ..
            } => Some(topology.clone()),
            _ => None,
        })
        .expect("the worker stream starts with the view");
    assert!(workers.app_pools.iter().any(|p| p == "DefaultAppPool"));
    // Moving within the view starts nothing more; leaving it stops the stream.
    assert!(send(&mut app, ch('j')).is_empty());
    let effects = send(&mut app, ch('2'));
    assert!(effects.contains(&Effect::Unsubscribe {
        topic: Topic::Workers
    }));
}

#[test]
fn host_samples_fill_the_strip_and_stale_ones_are_dropped() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    let generation = generation_of(&[health::start_host(&mut app)], &Topic::Host).expect("host");
    send(
        &mut app,
        Msg::Stream {
            topic: Topic::Host,
            generation: generation + 100,
            event: Event::Host(Box::new(host_sample(55.0))),
        },
    );
    assert!(
        app.health.host.is_none(),
        "a stale stream's sample is dropped"
    );
    app.redraw = false;
    send(
        &mut app,
        Msg::Stream {
            topic: Topic::Host,
            generation,
            event: Event::Host(Box::new(host_sample(12.0))),
        },
    );
    assert_eq!(app.health.host.as_ref().map(|h| h.cpu_percent), Some(12.0));
    assert!(app.redraw, "a new CPU figure redraws the strip");
    let top = render(&mut app, 80, 24).backend().to_string();
    let first = top.lines().next().unwrap_or_default().to_owned();
    assert!(
        first.contains("CPU 12%") && first.contains("mem 38%"),
        "{first}"
    );
    assert!(first.contains("?13"), "13 sites of unknown state: {first}");
}

#[test]
fn problems_view_lists_the_check_and_f_applies_a_config_fix_like_the_cli() {
    let (dir, path, mut app) = demo_app(Theme::default_theme());
    // What the CLI writes for the same fix, on a second copy.
    let cli_copy = dir.path().join("cli.config");
    std::fs::copy(&path, &cli_copy).expect("copy");
    run_check(&mut app);
    send(&mut app, ch('!'));
    assert_eq!(app.view, View::Problems);
    let rules: Vec<&str> = iistui::tui::problems::problems(&app)
        .iter()
        .map(|p| p.rule)
        .collect();
    for rule in ["IIS0001", "IIS0104", "IIS0202", "IIS0210"] {
        assert!(rules.contains(&rule), "{rule} in {rules:?}");
    }
    // Down to the LegacyCRM autoStart problem.
    for _ in 0..rules.len() {
        if selected(&app).is_some_and(|p| p.rule == "IIS0104") {
            break;
        }
        send(&mut app, ch('j'));
    }
    let problem = selected(&app).cloned().expect("IIS0104 selected");
    assert_eq!(problem.rule, "IIS0104");
    assert!(send(&mut app, ch('f')).is_empty());
    let review = app
        .dialogs
        .top_as::<Review>()
        .expect("the fix is reviewed first");
    assert_eq!(review.buttons.focused(), "Cancel");
    assert!(
        review.diff.contains("autoStart=\"true\""),
        "{}",
        review.diff
    );
    assert!(
        review
            .cli
            .ends_with(" set apppool LegacyCRM autoStart=true"),
        "{}",
        review.cli
    );
    send(&mut app, key(KeyCode::Tab));
    let effects = send(&mut app, key(KeyCode::Enter));
    assert!(matches!(
        effects.as_slice(),
        [Effect::Apply {
            op: ModelOp::Fix { .. },
            ..
        }]
    ));
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let runner = Runner::new(tx);
    for effect in effects {
        runner.run(&mut app, effect);
    }
    while let Ok(msg) = rx.try_recv() {
        send(&mut app, msg);
    }
    assert!(app.dialogs.is_empty(), "saved: {:?}", app.status);
    assert_eq!(app.status.as_ref().map(|s| s.level), Some(Level::Success));
    // The same bytes as the command the review showed.
    assert_cmd::Command::cargo_bin("iistui")
        .expect("binary")
        .args(["--config"])
        .arg(&cli_copy)
        .args(["set", "apppool", "LegacyCRM", "autoStart=true"])
        .env("IISTUI_BACKUP_DIR", dir.path().join("cli-backups"))
        .assert()
        .success();
    assert_eq!(
        std::fs::read(&path).expect("tui"),
        std::fs::read(&cli_copy).expect("cli")
    );
    // Checked again, the problem is gone.
    run_check(&mut app);
    assert!(
        !iistui::tui::problems::problems(&app)
            .iter()
            .any(|p| p.rule == "IIS0104")
    );
}

/// A site in a temp folder whose web.config leaves stdout logging on (IIS0204, a web.config fix)
/// and whose folder is otherwise fine.
fn aspnetcore_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let site = dir.path().join("shop");
    std::fs::create_dir_all(site.join("logs")).expect("mkdir");
    std::fs::write(site.join("Shop.dll"), b"MZ").expect("dll");
    std::fs::write(
        site.join("web.config"),
        "<?xml version=\"1.0\"?>\n<configuration>\n<system.webServer>\n<handlers><add name=\"aspNetCore\" path=\"*\" verb=\"*\" modules=\"AspNetCoreModuleV2\" resourceType=\"Unspecified\" /></handlers>\n<aspNetCore processPath=\"dotnet\" arguments=\".\\Shop.dll\" stdoutLogEnabled=\"true\" stdoutLogFile=\".\\logs\\stdout\" hostingModel=\"inprocess\" />\n</system.webServer>\n</configuration>\n",
    )
    .expect("web.config");
    let config = dir.path().join("applicationHost.config");
    std::fs::write(
        &config,
        format!(
            "<configuration>\n<system.applicationHost>\n<applicationPools><add name=\"Shop\" managedRuntimeVersion=\"\" /></applicationPools>\n<sites><site name=\"Shop\" id=\"1\"><application path=\"/\" applicationPool=\"Shop\"><virtualDirectory path=\"/\" physicalPath=\"{}\" /></application><bindings><binding protocol=\"http\" bindingInformation=\"*:80:shop.example\" /></bindings></site></sites>\n</system.applicationHost>\n<system.webServer><globalModules><add name=\"AspNetCoreModuleV2\" image=\"aspnetcorev2.dll\" /></globalModules></system.webServer>\n</configuration>\n",
            site.display()
        ),
    )
    .expect("config");
    (dir, config)
}

#[test]
fn a_web_config_fix_and_a_fix_by_hand_are_said_plainly() {
    let (_dir, config) = aspnetcore_site();
    let before = std::fs::read(&config).expect("read");
    let mut app = file_app(&config, Theme::default_theme());
    run_check(&mut app);
    send(&mut app, ch('!'));
    let rules: Vec<&str> = iistui::tui::problems::problems(&app)
        .iter()
        .map(|p| p.rule)
        .collect();
    assert!(rules.contains(&"IIS0204"), "{rules:?}");
    while selected(&app).is_some_and(|p| p.rule != "IIS0204") {
        send(&mut app, ch('j'));
    }
    assert!(send(&mut app, ch('f')).is_empty());
    assert!(app.dialogs.is_empty(), "nothing pretends to apply it");
    let status = app.status.clone().expect("status");
    assert!(
        status.text.contains("web.config") && status.text.contains("stdoutLogEnabled=\"false\""),
        "{status:?}"
    );
    // It points at what does write it: ASP.NET Core settings and `set aspnetcore`.
    assert!(
        status
            .text
            .contains("press N on application Shop/ (ASP.NET Core settings)")
            && status
                .text
                .contains(" set aspnetcore Shop/ stdoutLogEnabled=false"),
        "{status:?}"
    );
    // The site's binding has a host name, so IIS0201 does not fire; a manual fix is said so.
    let (_d, _p, mut demo) = demo_app(Theme::default_theme());
    run_check(&mut demo);
    send(&mut demo, ch('!'));
    while selected(&demo).is_some_and(|p| p.fix.change.is_some()) {
        send(&mut demo, ch('j'));
    }
    send(&mut demo, ch('f'));
    let status = demo.status.clone().expect("status");
    assert!(status.text.contains("done by hand"), "{status:?}");
    assert_eq!(std::fs::read(&config).expect("read"), before);
}

#[test]
fn the_palette_opens_both_views_by_name() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    for (command, view) in [("problems", View::Problems), ("health", View::Health)] {
        send(&mut app, ch(':'));
        typed(&mut app, command);
        send(&mut app, key(KeyCode::Enter));
        assert_eq!(app.view, view, ":{command}");
    }
}

#[test]
fn enter_on_a_problem_goes_to_its_object() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    run_check(&mut app);
    send(&mut app, ch('!'));
    while selected(&app).is_some_and(|p| p.rule != "IIS0104") {
        send(&mut app, ch('j'));
    }
    send(&mut app, key(KeyCode::Enter));
    assert_eq!(app.view, View::Pools);
    assert_eq!(app.selected_name().as_deref(), Some("LegacyCRM"));
}

#[test]
fn start_stop_and_recycle_without_iis_say_why_and_do_nothing() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    send(&mut app, ch('3'));
    for key in ['t', 'r'] {
        let effects = send(&mut app, ch(key));
        assert!(effects.is_empty(), "{effects:?}");
        assert!(app.dialogs.is_empty());
        let status = app.status.clone().expect("status");
        assert!(status.text.contains(NOT_AVAILABLE), "{status:?}");
    }
    // The hint bar shows them disabled; help gives the reason.
    let terminal = render(&mut app, 160, 48);
    let buffer = terminal.backend().buffer();
    let hints: String = (0..160)
        .map(|x| buffer[(x, 47)].symbol().to_owned())
        .collect();
    let at = hints.find("t Start/Stop").expect("the hint is there") as u16;
    assert!(buffer[(at, 47)].modifier.contains(Modifier::DIM), "{hints}");
    assert!(hints.contains("r Recycle"), "{hints}");
    send(&mut app, ch('2'));
    let terminal = render(&mut app, 160, 48);
    let buffer = terminal.backend().buffer();
    let hints: String = (0..160)
        .map(|x| buffer[(x, 47)].symbol().to_owned())
        .collect();
    assert!(!hints.contains("Recycle"), "sites do not recycle: {hints}");
    let help: Vec<String> = iistui::tui::dialog::Help::default()
        .lines(&app, 400)
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    let start_stop = help
        .iter()
        .find(|l| l.contains("Start/Stop"))
        .expect("help lists Start/Stop");
    assert!(
        start_stop.contains(&format!("(unavailable here: {NOT_AVAILABLE})")),
        "{start_stop}"
    );
}

/// The demo as if IIS ran it: control possible, every pool started but LegacyCRM.
fn with_iis(app: &mut App) -> Vec<Effect> {
    let mut states = RuntimeStates::default();
    for pool in &app.conns[0].rows.pools {
        let state = if pool.name == "LegacyCRM" {
            "Stopped"
        } else {
            "Started"
        };
        states
            .app_pools
            .insert(pool.name.to_lowercase(), state.to_owned());
    }
    for site in &app.conns[0].rows.sites {
        states
            .sites
            .insert(site.name.to_lowercase(), String::from("Started"));
    }
    app.conns[0].control = Ok(());
    send(
        app,
        Msg::States {
            conn: 0,
            result: Ok(states),
        },
    )
}

fn select_pool(app: &mut App, name: &str) {
    send(app, ch('3'));
    app.prepare();
    let rows = app.conns[0].rows.pools.clone();
    app.lists.pools.select_name(&rows, name);
}

#[test]
fn where_iis_runs_stop_and_recycle_ask_first_with_cancel_focused() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    with_iis(&mut app);
    select_pool(&mut app, "DefaultAppPool");
    // Stop asks; Enter on Cancel does nothing.
    assert!(send(&mut app, ch('t')).is_empty());
    let confirm = app.dialogs.top_as::<ConfirmControl>().expect("confirm");
    assert_eq!(confirm.buttons.focused(), "Cancel");
    assert_eq!(
        confirm.control,
        Control::StopAppPool(String::from("DefaultAppPool"))
    );
    assert!(send(&mut app, key(KeyCode::Enter)).is_empty());
    assert!(app.dialogs.is_empty());
    // Tab to Stop, Enter: the control runs as an effect.
    send(&mut app, ch('t'));
    send(&mut app, key(KeyCode::Tab));
    let effects = send(&mut app, key(KeyCode::Enter));
    assert_eq!(
        effects,
        vec![Effect::Control {
            conn: 0,
            control: Control::StopAppPool(String::from("DefaultAppPool")),
        }]
    );
    assert_eq!(app.busy, 1);
    // Recycle asks too.
    send(&mut app, ch('r'));
    let confirm = app.dialogs.top_as::<ConfirmControl>().expect("confirm");
    assert_eq!(
        confirm.control,
        Control::RecycleAppPool(String::from("DefaultAppPool"))
    );
    send(&mut app, key(KeyCode::Esc));
    // Start does not ask.
    select_pool(&mut app, "LegacyCRM");
    let effects = send(&mut app, ch('t'));
    assert_eq!(
        effects,
        vec![Effect::Control {
            conn: 0,
            control: Control::StartAppPool(String::from("LegacyCRM")),
        }]
    );
    // appcmd's answer: the state is shown at once and every state is read again.
    let effects = send(
        &mut app,
        Msg::Controlled {
            conn: 0,
            control: Control::StartAppPool(String::from("LegacyCRM")),
            result: Ok(ControlOutcome {
                message: String::from("\"LegacyCRM\" successfully started."),
                state: Some(String::from("Started")),
            }),
        },
    );
    assert!(effects.contains(&Effect::LoadStates { conn: 0 }));
    assert!(effects.contains(&Effect::Validate { conn: 0 }));
    assert_eq!(
        app.conns[0]
            .states
            .as_ref()
            .and_then(|s| s.app_pool("LegacyCRM")),
        Some("Started")
    );
    let status = app.status.clone().expect("status");
    assert_eq!(status.level, Level::Success);
    assert!(status.text.contains("successfully started"), "{status:?}");
    // A refusal is said as appcmd said it.
    send(
        &mut app,
        Msg::Controlled {
            conn: 0,
            control: Control::StopAppPool(String::from("DefaultAppPool")),
            result: Err(ControlError::Failed {
                command: String::from("appcmd stop apppool /apppool.name:DefaultAppPool"),
                exit_code: Some(50),
                hresult: Some(String::from("80070005")),
                message: String::from("Access is denied."),
            }),
        },
    );
    let status = app.status.clone().expect("status");
    assert_eq!(status.level, Level::Error);
    assert!(status.text.contains("Access is denied."), "{status:?}");
    assert_eq!(app.busy, 0);
}

#[test]
fn states_are_refreshed_in_the_background_while_a_list_shows_them() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    send(&mut app, ch('3'));
    let effects = with_iis(&mut app);
    assert!(effects.contains(&Effect::Validate { conn: 0 }));
    let generation = generation_of(&effects, &Topic::RuntimeStates { conn: 0 })
        .expect("the refresh starts once states can be read");
    let mut states = app.conns[0].states.clone().expect("states");
    states
        .app_pools
        .insert(String::from("defaultapppool"), String::from("Stopped"));
    let effects = send(
        &mut app,
        Msg::Stream {
            topic: Topic::RuntimeStates { conn: 0 },
            generation,
            event: Event::States(Ok(states)),
        },
    );
    assert_eq!(effects, vec![Effect::Validate { conn: 0 }]);
    let row = app.conns[0]
        .rows
        .pools
        .iter()
        .find(|p| p.name == "DefaultAppPool")
        .expect("row");
    assert_eq!(row.state.as_deref(), Some("Stopped"));
    let effects = send(&mut app, ch('!'));
    assert!(effects.contains(&Effect::Unsubscribe {
        topic: Topic::RuntimeStates { conn: 0 }
    }));
}

#[test]
fn a_control_through_the_real_runner_reports_the_back_ends_answer() {
    let runtime = runtime();
    runtime.block_on(async {
        let (_dir, _path, mut app) = demo_app(Theme::default_theme());
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let runner = Runner::new(tx);
        app.busy = 1;
        runner.run(
            &mut app,
            Effect::Control {
                conn: 0,
                control: Control::RecycleAppPool(String::from("DefaultAppPool")),
            },
        );
        let msg = tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .expect("answered")
            .expect("message");
        if cfg!(windows) {
            return;
        }
        assert!(
            matches!(&msg, Msg::Controlled { result: Err(ControlError::Unavailable(why)), .. } if why == NOT_AVAILABLE),
            "{msg:?}"
        );
        send(&mut app, msg);
        let status = app.status.clone().expect("status");
        assert_eq!(status.level, Level::Error);
        assert!(status.text.contains(NOT_AVAILABLE), "{status:?}");
    });
}

#[cfg(unix)]
#[test]
fn the_worker_stream_maps_a_process_started_in_a_site_folder() {
    use iistui::host::health::{AppFolder, Owner, Topology};
    let runtime = runtime();
    let site = tempfile::tempdir().expect("tempdir");
    let folder = std::fs::canonicalize(site.path()).expect("canonical");
    let mut child = std::process::Command::new("sleep")
        .arg("30")
        .current_dir(&folder)
        .spawn()
        .expect("sleep");
    let pid = child.id();
    let found = runtime.block_on(async {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let tasks = Tasks::default();
        let topology = Topology {
            app_pools: vec![String::from("Shop")],
            apps: vec![AppFolder {
                app: String::from("Shop/"),
                app_pool: Some(String::from("Shop")),
                folder: folder.clone(),
            }],
        };
        tasks.start(
            Topic::Workers,
            3,
            Source::Workers {
                every: Duration::from_millis(200),
                topology,
                folders: vec![folder.clone()],
            },
            tx,
        );
        let msg = tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .expect("a sample")
            .expect("message");
        tasks.stop(&Topic::Workers);
        msg
    });
    let _ = child.kill();
    let _ = child.wait();
    let Msg::Stream {
        topic: Topic::Workers,
        generation: 3,
        event: Event::Workers { report, at },
    } = found
    else {
        panic!("{found:?}");
    };
    assert!(at > 0);
    let usage = report
        .workers
        .as_ref()
        .and_then(|w| w.usage.get(&Owner::Application(String::from("Shop/"))))
        .expect("the app has a process");
    assert!(usage.pids.contains(&pid), "{usage:?}");
    assert!(usage.memory_bytes > 0);
    assert!(
        report
            .host
            .drives
            .iter()
            .any(|d| d.folders.contains(&folder) && d.total_bytes > 0),
        "{:?}",
        report.host.drives
    );
}

#[test]
fn the_host_stream_samples_the_machine() {
    let runtime = runtime();
    let msg = runtime.block_on(async {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let tasks = Tasks::default();
        tasks.start(
            Topic::Host,
            1,
            Source::Host {
                every: Duration::from_millis(200),
            },
            tx,
        );
        let msg = tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .expect("a sample")
            .expect("message");
        tasks.stop(&Topic::Host);
        msg
    });
    let Msg::Stream {
        event: Event::Host(sample),
        ..
    } = msg
    else {
        panic!("{msg:?}");
    };
    assert!(sample.cpu_count > 0 && sample.memory.total_bytes > 0);
    assert!((0.0..=100.0).contains(&sample.cpu_percent));
}

#[test]
fn health_settings_come_from_settings_toml() {
    let text = "[health]\nevery = \"5s\"\ncpu = { warning = 10, error = 20 }\n";
    let settings: iistui::tui::settings::Settings = toml::from_str(text).expect("parses");
    let checked = settings.health.checked().expect("sensible");
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    app.health.settings = checked;
    let effects = vec![health::start_host(&mut app)];
    let generation = generation_of(&effects, &Topic::Host).expect("host");
    assert_eq!(
        effects,
        vec![Effect::Subscribe {
            topic: Topic::Host,
            generation,
            source: Source::Host {
                every: Duration::from_secs(5)
            },
        }]
    );
    // 15% is past the warning (10) and below the error (20): drawn as a warning.
    send(
        &mut app,
        Msg::Stream {
            topic: Topic::Host,
            generation,
            event: Event::Host(Box::new(host_sample(15.0))),
        },
    );
    let terminal = render(&mut app, 80, 24);
    let buffer = terminal.backend().buffer();
    let top: String = (0..80)
        .map(|x| buffer[(x, 0)].symbol().to_owned())
        .collect();
    let at = top.find("15%").expect("cpu shown") as u16;
    let x = top[..at as usize].chars().count() as u16;
    assert_eq!(Some(buffer[(x, 0)].fg), app.theme.warning().fg);
    assert!(buffer[(x, 0)].modifier.contains(Modifier::BOLD));
}
