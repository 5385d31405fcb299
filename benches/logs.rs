//! Lines ingested per second into the log view's ring buffer (10,000 lines kept), with the
//! filter on (only matching lines shown, their positions kept as lines arrive) and off, and
//! the whole path a tail round takes: bytes read from a file, cut into lines, and pushed.
//! Criterion reports the throughput in lines per second (elements/s).

use std::hint::black_box;
use std::time::{Duration, SystemTime};

use criterion::{Criterion, Throughput};
use iistui::host::logs::{Follow, Ring, Start, TailEvent, Tailer};

const LINES: usize = 100_000;

fn lines() -> Vec<String> {
    (0..LINES)
        .map(|n| match n % 10 {
            3 => format!("fail: Shop.Orders[0] order {n:08} failed: System.TimeoutException"),
            7 => format!("warn: Shop.Orders[0] order {n:08} slow: {} ms", n % 997),
            _ => format!(
                "info: Shop.Orders[0] order {n:08} processed in {} ms",
                n % 997
            ),
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let input = lines();
    let at = SystemTime::UNIX_EPOCH;
    let mut group = c.benchmark_group("ring");
    group.throughput(Throughput::Elements(LINES as u64));
    group.measurement_time(Duration::from_secs(4));
    group.sample_size(20);
    for (name, filter) in [("push_filter_on", "timeout"), ("push_filter_off", "")] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut ring = Ring::new(10_000);
                ring.set_filter(filter);
                for line in &input {
                    ring.push(0, at, line.as_str(), 0);
                }
                black_box(ring.visible_len())
            })
        });
    }
    group.finish();

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("stdout_20261124090011_6044.log");
    let mut text = input.join("\n");
    text.push('\n');
    std::fs::write(&path, text).expect("write");
    let mut group = c.benchmark_group("tail");
    group.throughput(Throughput::Elements(LINES as u64));
    group.measurement_time(Duration::from_secs(4));
    group.sample_size(20);
    group.bench_function("read_and_push_filter_on", |b| {
        b.iter(|| {
            let mut tail = Tailer::new(Follow::File(path.clone()), Start::Beginning);
            let mut ring = Ring::new(10_000);
            ring.set_filter("timeout");
            loop {
                for event in tail.poll(false) {
                    if let TailEvent::Lines { lines, at } = event {
                        for line in lines {
                            ring.push(0, at, line.text, line.cut);
                        }
                    }
                }
                if !tail.more {
                    break;
                }
            }
            black_box(ring.received())
        })
    });
    group.finish();
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    bench(&mut criterion);
    criterion.final_summary();
}
