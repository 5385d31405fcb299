//! Model benchmarks on generated configs of 1,000 and 10,000 sites:
//! - parse vs a bare quick-xml event scan of the same bytes (target: parse ≤ 2× scan), and the
//!   peak heap of a parse relative to the file size (target ≤ 3×), printed before the benches;
//! - parse and validate of one element with 200,000 attributes (target: < 0.5 s; the duplicate
//!   check and the column lookups were quadratic, 31 s);
//! - store load vs one `set` + save (target ≤ 1.5× a load);
//! - `iistui list sites --json` as a whole process vs a bare quick-xml scan as a process
//!   (target ≤ 2×). The bench binary re-runs itself as that scanner (IISTUI_BENCH_SCAN).

// The counting allocator that measures peak heap implements GlobalAlloc, an unsafe trait.
#![allow(unsafe_code)]
// Tests and benchmarks say what they skipped and measured.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion};
use iistui::model::apphost::{Target, set_keys};
use iistui::model::doc::Document;
use iistui::model::generate::apphost_config;
use iistui::model::schema::SchemaSet;
use iistui::model::store::Store;
use iistui::model::validate::validate;
use quick_xml::events::Event;
use quick_xml::reader::Reader;

/// Counts live and peak heap bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let live = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                - layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        } else {
            LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn bare_scan(text: &str) -> usize {
    let mut reader = Reader::from_str(text);
    let mut events = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) | Err(_) => return events,
            Ok(_) => events += 1,
        }
    }
}

fn bench_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("iistui-bench");
    std::fs::create_dir_all(&dir).expect("bench dir");
    dir
}

fn write_config(sites: usize) -> PathBuf {
    let path = bench_dir().join(format!("big{sites}.config"));
    if !path.exists() {
        std::fs::write(&path, apphost_config(sites)).expect("write config");
    }
    path
}

fn report_peak_memory() {
    for sites in [1_000, 10_000] {
        let bytes = apphost_config(sites).into_bytes();
        let size = bytes.len();
        // The input buffer becomes the document's text, so it counts towards the peak.
        let base = LIVE.load(Ordering::Relaxed) - size;
        PEAK.store(base, Ordering::Relaxed);
        let doc = Document::parse(bytes).expect("parses");
        let peak = PEAK.load(Ordering::Relaxed) - base;
        let kept = LIVE.load(Ordering::Relaxed) - base;
        black_box(&doc);
        println!(
            "peak heap during parse, {sites} sites: file {size} B, peak {peak} B = {:.2}x file size (kept {:.2}x; nodes {})",
            peak as f64 / size as f64,
            kept as f64 / size as f64,
            doc.node_count()
        );
    }
}

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    for sites in [1_000, 10_000] {
        let text = apphost_config(sites);
        group.bench_with_input(BenchmarkId::new("quick_xml_scan", sites), &text, |b, t| {
            b.iter(|| bare_scan(black_box(t)))
        });
        // Loading moves the file's buffer into the document; the copy here is setup, not parse.
        group.bench_with_input(BenchmarkId::new("document", sites), &text, |b, t| {
            b.iter_batched(
                || t.as_bytes().to_vec(),
                |bytes| Document::parse(bytes).expect("parses"),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

/// A site with `count` extra attributes, all on the `<site>` line (2.4 MB at 200,000).
fn wide_element(count: usize) -> String {
    let attrs: Vec<String> = (0..count).map(|i| format!(" a{i}=\"x\"")).collect();
    format!(
        "<configuration>\n<system.applicationHost>\n<sites>\n<site name=\"S\" id=\"1\"{}>\n<application path=\"/\"><virtualDirectory path=\"/\" physicalPath=\"C:\\x\" /></application>\n</site>\n</sites>\n</system.applicationHost>\n</configuration>\n",
        attrs.concat()
    )
}

fn wide(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_wide");
    group.sample_size(10);
    let count = 200_000;
    let text = wide_element(count);
    group.bench_with_input(
        BenchmarkId::new("one_element_attributes", count),
        &text,
        |b, t| {
            b.iter_batched(
                || t.as_bytes().to_vec(),
                |bytes| Document::parse(bytes).expect("parses"),
                BatchSize::LargeInput,
            )
        },
    );
    let schema = SchemaSet::bundled();
    let doc = Document::parse(text.into_bytes()).expect("parses");
    group.bench_function(
        BenchmarkId::new("validate_one_element_attributes", count),
        |b| {
            // Every attribute is unrecognized: 200,000 findings, each with a line and column.
            b.iter(|| assert_eq!(validate(black_box(&doc), &schema).len(), count))
        },
    );
    group.finish();
}

fn store(c: &mut Criterion) {
    let schema = SchemaSet::bundled();
    let mut group = c.benchmark_group("store");
    group.sample_size(20);
    for sites in [1_000, 10_000] {
        let source = write_config(sites);
        let path = bench_dir().join(format!("store{sites}.config"));
        std::fs::copy(&source, &path).expect("copy");
        group.bench_with_input(BenchmarkId::new("load", sites), &path, |b, p| {
            b.iter(|| Store::open(p).expect("open"))
        });
        let mut store = Store::open(&path).expect("open");
        store.set_backup_dir(bench_dir().join("backups"));
        let target = Target::AppPool(String::from("pool00500"));
        let mut flip = false;
        group.bench_function(BenchmarkId::new("set_and_save", sites), |b| {
            b.iter(|| {
                flip = !flip;
                let value = if flip { "AlwaysRunning" } else { "OnDemand" };
                let change = set_keys(
                    store.document_mut(),
                    &schema,
                    &target,
                    &[(String::from("startMode"), value.to_owned())],
                )
                .expect("set");
                store.record(&change);
                store.save().expect("save")
            })
        });
    }
    group.finish();
}

fn processes(c: &mut Criterion) {
    let path = write_config(10_000);
    let iistui = PathBuf::from(env!("CARGO_BIN_EXE_iistui"));
    let me = std::env::current_exe().expect("current exe");
    let mut group = c.benchmark_group("process_10000_sites");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    group.bench_function("quick_xml_scan_process", |b| {
        b.iter(|| {
            let status = Command::new(&me)
                .env("IISTUI_BENCH_SCAN", &path)
                .status()
                .expect("scan");
            assert!(status.success());
        })
    });
    group.bench_function("iistui_list_sites_json", |b| {
        b.iter(|| {
            let out = Command::new(&iistui)
                .arg("--config")
                .arg(&path)
                .args(["list", "sites", "--json"])
                .output()
                .expect("list");
            assert!(out.status.success() && out.stdout.len() > 1_000_000);
        })
    });
    group.finish();
}

/// The scanner process: read the file and scan it, nothing else.
fn scan_file(path: &Path) {
    let bytes = std::fs::read(path).expect("read");
    let text = String::from_utf8(bytes).expect("utf-8");
    black_box(bare_scan(&text));
}

fn main() {
    if let Some(path) = std::env::var_os("IISTUI_BENCH_SCAN") {
        scan_file(Path::new(&path));
        return;
    }
    report_peak_memory();
    let mut c = Criterion::default().configure_from_args();
    parse(&mut c);
    wide(&mut c);
    store(&mut c);
    processes(&mut c);
    c.final_summary();
}
