//! Render tier for the health strip (80 and 160 columns), the Health view and the Problems view
//! (80x24, 160x48) as insta snapshots, over the demo with its real check and fixed samples (a
//! sample of this machine would change every run).

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::tui::*;
use iistui::host::health::{
    AppFolder, Capacity, DriveSample, HealthReport, HostSample, Load, Owner, Usage, WorkerMap,
};
use iistui::tui::app::App;
use iistui::tui::health::Watch;
use iistui::tui::msg::{Effect, Msg};
use iistui::tui::subscription::{Event, Topic};
use iistui::tui::theme::Theme;
use ratatui::style::Modifier;

const AT: u64 = 1_790_000_000;

fn generation(effects: &[Effect], wanted: &Topic) -> u64 {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Subscribe {
                topic, generation, ..
            } if topic == wanted => Some(*generation),
            _ => None,
        })
        .expect("stream started")
}

fn host(cpu: f32, used_gib: u64) -> HostSample {
    HostSample {
        cpu_percent: cpu,
        cpu_count: 4,
        memory: Capacity {
            total_bytes: 16 << 30,
            used_bytes: used_gib << 30,
        },
        swap: Capacity {
            total_bytes: 2 << 30,
            used_bytes: 0,
        },
        uptime_secs: 3 * 86400 + 4 * 3600,
        load: Some(Load {
            one: 0.42,
            five: 0.35,
            fifteen: 0.30,
        }),
        drives: Vec::new(),
        unplaced: Vec::new(),
    }
}

/// The demo, checked, with 30 host samples in the strip's history.
fn sampled_app() -> (tempfile::TempDir, App) {
    let (dir, _path, mut app) = demo_app(Theme::default_theme());
    let host_generation = generation(&[iistui::tui::health::start_host(&mut app)], &Topic::Host);
    run_check(&mut app);
    for n in 0..30u64 {
        send(
            &mut app,
            Msg::Stream {
                topic: Topic::Host,
                generation: host_generation,
                event: Event::Host(Box::new(host(8.0 + (n % 7) as f32 * 3.0, 5 + n % 3))),
            },
        );
    }
    (dir, app)
}

fn usage(pids: &[u32], cpu: f32, mib: u64, age: u64) -> Usage {
    Usage {
        pids: pids.to_vec(),
        cpu_percent: cpu,
        memory_bytes: mib << 20,
        started: Some(AT - age),
    }
}

/// The Health view open, with 40 worker samples: the DefaultAppPool's w3wp, and contoso.com's
/// Kestrel process.
fn health_app() -> (tempfile::TempDir, App) {
    let (dir, mut app) = sampled_app();
    let mut watch: Watch = app.health.watches.get(&0).cloned().unwrap_or_default();
    let folder = PathBuf::from("/srv/iis/sites/contoso.com");
    watch.topology.apps.push(AppFolder {
        app: String::from("contoso.com/"),
        app_pool: Some(String::from("contoso.com")),
        folder: folder.clone(),
    });
    watch.folders = vec![folder.clone(), PathBuf::from("/srv/iis/logs")];
    app.health.watches.insert(0, watch);
    let effects = send(&mut app, ch('6'));
    let workers = generation(&effects, &Topic::Workers);
    for n in 0..40u64 {
        let mut usages = BTreeMap::new();
        usages.insert(
            Owner::AppPool(String::from("DefaultAppPool")),
            usage(&[4312], 1.0 + (n % 5) as f32, 180 + n, 7260),
        );
        usages.insert(
            Owner::Application(String::from("contoso.com/")),
            usage(&[5120, 5188], 12.5 - (n % 4) as f32, 96, 720),
        );
        let mut sample = host(9.0, 6);
        sample.drives = vec![DriveSample {
            mount_point: PathBuf::from("/srv"),
            total_bytes: 100 << 30,
            available_bytes: 9 << 30,
            folders: vec![folder.clone(), PathBuf::from("/srv/iis/logs")],
        }];
        send(
            &mut app,
            Msg::Stream {
                topic: Topic::Workers,
                generation: workers,
                event: Event::Workers {
                    report: Box::new(HealthReport {
                        host: sample,
                        workers: Some(WorkerMap {
                            workers: Vec::new(),
                            usage: usages,
                        }),
                    }),
                    at: AT,
                },
            },
        );
    }
    (dir, app)
}

fn top_line(app: &mut App, width: u16) -> String {
    let terminal = render(app, width, 24);
    let buffer = terminal.backend().buffer();
    (0..width)
        .map(|x| buffer[(x, 0)].symbol().to_owned())
        .collect()
}

#[test]
fn health_strip_at_80_and_160_columns() {
    let (_dir, mut app) = sampled_app();
    let narrow = top_line(&mut app, 80);
    let wide = top_line(&mut app, 160);
    insta::assert_snapshot!("strip_80", narrow);
    insta::assert_snapshot!("strip_160", wide);
    assert_eq!(narrow.chars().count(), 80, "one line at 80 columns");
    // Tighter still, the label gives way before the strip does.
    let tiny = top_line(&mut app, 60);
    assert!(tiny.contains("CPU 11%") && tiny.contains("E4"), "{tiny}");
    // Errors are drawn as errors.
    let terminal = render(&mut app, 80, 24);
    let buffer = terminal.backend().buffer();
    let x = narrow
        .find("E4")
        .map(|b| narrow[..b].chars().count())
        .expect("E4") as u16;
    assert_eq!(Some(buffer[(x, 0)].fg), app.theme.error().fg);
    assert!(buffer[(x, 0)].modifier.contains(Modifier::BOLD));
}

#[test]
fn health_view() {
    let (_dir, mut app) = health_app();
    insta::assert_snapshot!("health_80x24", render(&mut app, 80, 24).backend());
    insta::assert_snapshot!("health_160x48", render(&mut app, 160, 48).backend());
    // The drive past the disk threshold (91% used) is drawn as an error.
    let terminal = render(&mut app, 160, 48);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("5120 5188"), "{screen}");
}

#[test]
fn problems_view() {
    let (_dir, mut app) = sampled_app();
    send(&mut app, ch('!'));
    for _ in 0..5 {
        send(&mut app, ch('j'));
    }
    insta::assert_snapshot!("problems_80x24", render(&mut app, 80, 24).backend());
    insta::assert_snapshot!("problems_160x48", render(&mut app, 160, 48).backend());
}
