//! A log written at 100,000 lines a second for 5 seconds by another process: the log view,
//! fed by its real subscription on a real runtime and drawn every 16 ms as the event loop
//! draws it, takes in every line (its count matches the file's), keeps at most its capacity
//! (and the lines in flight stay bounded: the file is the buffer), and answers keys meanwhile.
//! The writer is this test binary run again (`flood_writer`), so it is another process on
//! every platform.

// The writer reports to its parent on standard output; the test prints what it measured.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod common;

use std::io::Write;
use std::time::{Duration, Instant};

use common::logs::server;
use common::tui::*;
use iistui::host::logs::tail::{MAX_LINE, READ_BUDGET};
use iistui::tui::effect::Runner;
use iistui::tui::log_tail::BACKLOG_LIMIT;
use iistui::tui::msg::Msg;
use iistui::tui::theme::Theme;
use iistui::tui::update;

const RATE: u64 = 100_000;
const SECONDS: u64 = 5;

/// Appends `RATE` lines a second for `SECONDS` to `$IISTUI_FLOOD_FILE` (when set), in 10 ms
/// slices, and prints how many it wrote and how long it took. Run without the variable, it
/// writes a short burst to a temp file and checks it.
#[test]
fn flood_writer() {
    let (path, seconds) = match std::env::var_os("IISTUI_FLOOD_FILE") {
        Some(path) => (std::path::PathBuf::from(path), SECONDS),
        None => {
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().join("burst.log");
            let written = write_lines(&path, 0);
            let text = std::fs::read_to_string(&path).expect("read");
            assert_eq!(text.lines().count() as u64, written);
            return;
        }
    };
    let started = Instant::now();
    let written = write_lines(&path, seconds);
    println!("WROTE {written} {}", started.elapsed().as_secs_f64());
}

/// Writes for `seconds` (0: one 10 ms slice); returns the lines written.
fn write_lines(path: &std::path::Path, seconds: u64) -> u64 {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .expect("open");
    let per_slice = RATE / 100;
    let slices = (seconds * 100).max(1);
    let started = Instant::now();
    let mut n = 0u64;
    let mut buffer = String::new();
    for slice in 0..slices {
        buffer.clear();
        for _ in 0..per_slice {
            buffer.push_str(&format!(
                "info: Shop.Orders[0] order {n:08} processed in {} ms by worker {}\n",
                n % 997,
                n % 7
            ));
            n += 1;
        }
        file.write_all(buffer.as_bytes()).expect("write");
        let due = Duration::from_millis((slice + 1) * 10);
        if let Some(wait) = due.checked_sub(started.elapsed()) {
            std::thread::sleep(wait);
        }
    }
    n
}

fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn the_view_keeps_up_with_100000_lines_a_second_for_5_seconds() {
    if std::env::var_os("IISTUI_FLOOD_FILE").is_some() {
        return;
    }
    let server = server();
    let log = server.stdout_log();
    let w3c = server.w3c_log();
    let mut app = file_app(&server.config, Theme::default_theme());
    send(&mut app, ch('2'));
    let effects = send(&mut app, ch('L'));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let rss_before = rss_kib();
    let report = runtime.block_on(async move {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let runner = Runner::new(tx.clone());
        for effect in effects {
            runner.run(&mut app, effect);
        }
        // Waited for in the loop (try_wait) until it reports; a failing assertion ends the
        // test process, and the writer with its 5 s of work.
        #[allow(clippy::zombie_processes)]
        let mut writer = std::process::Command::new(std::env::current_exe().expect("exe"))
            .args(["--exact", "flood_writer", "--nocapture", "--test-threads=1"])
            .env("IISTUI_FLOOD_FILE", &log)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("writer");
        let mut keys_sent: std::collections::VecDeque<Instant> = Default::default();
        let (mut keys_answered, mut slowest_key) = (0u32, Duration::ZERO);
        let (mut most_kept, mut most_bytes, mut most_in_flight) = (0usize, 0usize, 0usize);
        let mut last_draw = Instant::now();
        let mut last_key = Instant::now();
        let mut finished: Option<(u64, f64)> = None;
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            assert!(
                Instant::now() < deadline,
                "the view did not catch up: received {} (in flight {}), writer done: {:?}, file lines {}",
                app.logs.ring.received(),
                app.logs.backlog.lines(),
                finished,
                std::fs::read(&log).map(|b| b.iter().filter(|c| **c == b'\n').count()).unwrap_or(0)
            );
            if let Ok(Some(msg)) = tokio::time::timeout(Duration::from_millis(5), rx.recv()).await {
                if matches!(msg, Msg::Key(_)) {
                    if let Some(sent) = keys_sent.pop_front() {
                        slowest_key = slowest_key.max(sent.elapsed());
                        keys_answered += 1;
                    }
                }
                for effect in update::update(&mut app, msg) {
                    runner.run(&mut app, effect);
                }
            }
            most_kept = most_kept.max(app.logs.ring.len());
            most_in_flight = most_in_flight.max(app.logs.backlog.lines());
            if last_key.elapsed() >= Duration::from_millis(100) {
                // A key through the same channel as the stream, as the terminal sends it.
                keys_sent.push_back(Instant::now());
                let _ = tx.send(ch('t'));
                last_key = Instant::now();
            }
            if last_draw.elapsed() >= Duration::from_millis(16) {
                render(&mut app, 120, 40);
                most_bytes = most_bytes.max(app.logs.ring.bytes());
                last_draw = Instant::now();
            }
            if finished.is_none() {
                if let Some(status) = writer.try_wait().expect("wait") {
                    assert!(status.success());
                    let mut out = String::new();
                    use std::io::Read;
                    writer.stdout.take().expect("stdout").read_to_string(&mut out).expect("read");
                    let at = out.find("WROTE ").expect("report");
                    let mut words = out[at..].split_whitespace().skip(1);
                    let lines: u64 = words.next().and_then(|w| w.parse().ok()).expect("lines");
                    let secs: f64 = words.next().and_then(|w| w.parse().ok()).expect("secs");
                    finished = Some((lines, secs));
                }
            }
            if let Some((written, secs)) = finished {
                // The stdout log's lines and the site's W3C log's (the view follows both).
                let in_file = [&log, &w3c]
                    .iter()
                    .map(|p| std::fs::read(p).expect("read").iter().filter(|b| **b == b'\n').count() as u64)
                    .sum::<u64>();
                if app.logs.ring.received() == in_file && keys_sent.is_empty() {
                    return (written, secs, in_file, app.logs.ring.received(), most_kept, most_bytes, most_in_flight, keys_answered, slowest_key, app.logs.ring.capacity());
                }
            }
        }
    });
    let (
        written,
        secs,
        in_file,
        received,
        most_kept,
        most_bytes,
        most_in_flight,
        keys,
        slowest,
        capacity,
    ) = report;
    eprintln!(
        "flood: wrote {written} lines in {secs:.2} s ({:.0}/s); view received {received} of {in_file}; kept at most {most_kept} lines ({most_bytes} bytes); at most {most_in_flight} lines in flight; {keys} keys, slowest answered in {slowest:?}",
        written as f64 / secs
    );
    assert!(written >= RATE * SECONDS, "the writer wrote {written}");
    assert!(
        written as f64 / secs >= RATE as f64 * 0.95,
        "the writer kept the rate: {:.0} lines/s",
        written as f64 / secs
    );
    assert_eq!(received, in_file, "every line of the file reached the view");
    assert!(most_kept <= capacity, "at most {capacity} lines kept");
    assert!(most_bytes <= capacity * MAX_LINE);
    assert!(
        most_in_flight <= BACKLOG_LIMIT + READ_BUDGET,
        "lines in flight stay bounded: {most_in_flight}"
    );
    assert!(keys >= 40, "keys were answered during the flood: {keys}");
    assert!(slowest < Duration::from_secs(1), "a key waited {slowest:?}");
    if let (Some(before), Some(after)) = (rss_before, rss_kib()) {
        assert!(
            after.saturating_sub(before) < 200 * 1024,
            "memory grew from {before} KiB to {after} KiB"
        );
    }
}
