//! Cost of the health subscription, which runs every 2 s (target: ≤ 0.5% of one core when idle,
//! i.e. ≤ 10 ms of CPU per 2 s tick). Measured on the demo server's topology (its folders are
//! the repository's `assets/demo/drive-c`), on this machine's real process list:
//! - `host`: CPU, memory, swap, uptime, load and the drives of the watched folders (the health
//!   strip; what runs when the health view is closed);
//! - `processes`: the process list refresh alone;
//! - `tick+workers`: a whole tick with the processes mapped to pools/apps and the history
//!   recorded (what runs while the health view is open).
//!
//! Before the benches, the CPU time of 30 real ticks is read from the process's own CPU clock
//! (`/proc/self/stat` on Linux) and printed as a share of one core at a 2 s interval.

// Benchmarks report what they measured.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::Criterion;
use iistui::host::health::{HealthMonitor, Sampler, topology, watched_folders};
use iistui::host::paths;
use iistui::model::apphost::AppHost;
use iistui::model::doc::Document;
use iistui::model::schema::SchemaSet;

fn demo_monitor() -> HealthMonitor {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    paths::define_variable("SystemDrive", &demo.join("drive-c").to_string_lossy());
    let text = std::fs::read_to_string(demo.join("applicationHost.config")).expect("demo config");
    let doc = Document::parse_str(&text).expect("demo parses");
    let schema = SchemaSet::bundled();
    let host = AppHost::new(&doc, &schema);
    let topology = topology(host);
    let folders = watched_folders(host, &topology);
    HealthMonitor::new(topology, folders, 150)
}

/// This process's user + system CPU time in seconds (Linux), to measure real ticks.
fn own_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn measured_note() {
    let mut monitor = demo_monitor();
    monitor.tick(true);
    for (label, workers) in [("host only", false), ("host + workers", true)] {
        let Some(before) = own_cpu_seconds() else {
            println!("health: no /proc/self/stat here; see the criterion times below");
            return;
        };
        let ticks = 30;
        let wall = std::time::Instant::now();
        for _ in 0..ticks {
            black_box(monitor.tick(workers));
        }
        let cpu = own_cpu_seconds().unwrap_or(before) - before;
        let per_tick = cpu / f64::from(ticks);
        println!(
            "health ({label}): {ticks} ticks took {:.1} ms CPU ({:.2} ms per tick, {:.0} ms wall) = {:.3}% of one core at a 2 s interval",
            cpu * 1000.0,
            per_tick * 1000.0,
            wall.elapsed().as_secs_f64() * 1000.0,
            per_tick / 2.0 * 100.0
        );
    }
}

fn benches(c: &mut Criterion) {
    measured_note();
    let mut group = c.benchmark_group("health");
    group.measurement_time(Duration::from_secs(5));
    let mut monitor = demo_monitor();
    monitor.tick(true);
    group.bench_function("host", |b| b.iter(|| black_box(monitor.tick(false))));
    let mut sampler = Sampler::new(Vec::new());
    sampler.sample_processes();
    group.bench_function("processes", |b| {
        b.iter(|| black_box(sampler.sample_processes()))
    });
    group.bench_function("tick+workers", |b| b.iter(|| black_box(monitor.tick(true))));
    group.finish();
}

criterion::criterion_group!(health, benches);
criterion::criterion_main!(health);
