//! Two admins saving at the same moment (issue 9, item 1): two real `iistui` processes run 200
//! `set`s each on the same file, one on sites and one on pools; every set that exited 0 must be
//! in the final file, and a set that did not must say why. A held save lock makes a writer wait
//! with a message naming the holder's pid.

// Tests and benchmarks say what they skipped and measured.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod store_common;

use std::fs::OpenOptions;
use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::time::{Duration, Instant};

use fs4::fs_std::FileExt;
use store_common::{Setup, run};

const EACH: usize = 200;

fn site(i: usize) -> String {
    format!("customer{i:05}.example.net")
}

fn pool(i: usize) -> String {
    format!("pool{i:05}")
}

/// The line of the element whose `name="…"` is `name`.
fn element_line<'a>(text: &'a str, tag: &str, name: &str) -> Option<&'a str> {
    let start = format!("<{tag} name=\"{name}\"");
    text.lines().find(|l| l.trim_start().starts_with(&start))
}

#[test]
fn two_writers_lose_nothing() {
    let setup = Setup::with(&iistui::model::generate::apphost_config(EACH));
    let writer = |sites: bool| {
        let setup = &setup;
        move || {
            let mut outcomes = Vec::with_capacity(EACH);
            for i in 1..=EACH {
                let (kind, id, pair) = if sites {
                    ("site", site(i), "serverAutoStart=false")
                } else {
                    ("apppool", pool(i), "autoStart=false")
                };
                let (code, _, stderr) = run(&mut setup.iistui(&["set", kind, &id, pair]));
                outcomes.push((i, code, stderr));
            }
            outcomes
        }
    };
    let (sites, pools) = std::thread::scope(|scope| {
        let sites = scope.spawn(writer(true));
        let pools = scope.spawn(writer(false));
        (
            sites.join().expect("site writer"),
            pools.join().expect("pool writer"),
        )
    });
    let text = setup.read();
    let mut lost = Vec::new();
    let mut refused = 0;
    for (outcomes, tag, name, written) in [
        (
            &sites,
            "site",
            site as fn(usize) -> String,
            "serverAutoStart=\"false\"",
        ),
        (
            &pools,
            "add",
            pool as fn(usize) -> String,
            "autoStart=\"false\"",
        ),
    ] {
        for (i, code, stderr) in outcomes {
            let line = element_line(&text, tag, &name(*i)).unwrap_or("");
            if *code == 0 {
                if !line.contains(written) {
                    lost.push(name(*i));
                }
            } else {
                refused += 1;
                // A set that did not write says so.
                assert!(
                    stderr.contains("nothing was written") || stderr.contains("locked"),
                    "{} exited {code} without saying why: {stderr}",
                    name(*i)
                );
            }
        }
    }
    println!(
        "two writers: {} sets, {} exited 0, {} refused, {} lost",
        2 * EACH,
        2 * EACH - refused,
        refused,
        lost.len()
    );
    assert!(
        lost.is_empty(),
        "{} sets that exited 0 were lost: {lost:?}",
        lost.len()
    );
    assert_eq!(
        refused, 0,
        "every set should have waited for the lock and succeeded"
    );
    assert!(
        setup.temps().is_empty(),
        "temp files left: {:?}",
        setup.temps()
    );
}

#[test]
fn a_held_lock_makes_the_writer_wait_and_say_who_holds_it() {
    let setup = Setup::new();
    let lock_path = setup.dir.path().join(".applicationHost.config.iistui-lock");
    let mut lock = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(&lock_path)
        .expect("lock file");
    assert!(lock.try_lock_exclusive().expect("lock"), "lock taken");
    writeln!(lock, "{}", std::process::id()).expect("pid");

    let mut child = setup
        .iistui(&["set", "apppool", "ClassicPool", "startMode=AlwaysRunning"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
    let mut first = String::new();
    stderr.read_line(&mut first).expect("read stderr");
    let expected = format!(
        "is locked by another iistui (pid {}); waiting",
        std::process::id()
    );
    assert!(first.contains(&expected), "first stderr line: {first:?}");
    // It really waits: nothing written while the lock is held.
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(setup.read(), store_common::FIXTURE, "written while locked");
    let released = Instant::now();
    drop(lock);
    let status = child.wait().expect("wait");
    assert!(status.success(), "set failed after the lock was released");
    assert!(released.elapsed() < Duration::from_secs(10));
    assert!(setup.read().contains("startMode=\"AlwaysRunning\""));
}
