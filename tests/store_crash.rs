//! Interrupted saves (issue 9, items 7 and 8): `kill -9` during saves leaves temp files, which the
//! next save removes (only this program's, only stale ones) and says so; afterwards no backup
//! shares the live file's inode. Under `ulimit -f` a save reports the write error instead of
//! dying by SIGXFSZ.

// Tests and benchmarks say what they skipped and measured.
#![allow(clippy::print_stdout, clippy::print_stderr)]
// Unix processes, modes, owners and signals: these tests have no Windows form.
#![cfg(unix)]

mod store_common;

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

use store_common::{Setup, binary, run};

/// Sets the modification time of `path` back by `age`.
fn age(path: &std::path::Path, age: Duration) {
    let file = fs::File::options().write(true).open(path).expect("open");
    file.set_modified(SystemTime::now() - age)
        .expect("set mtime");
}

/// Runs `set`s on a config of about 3 MB, killing each with SIGKILL somewhere in the second half
/// of its run (where the backup and the temp file are written), until `enough` says so (at most
/// 200 runs).
fn kill_9_loop(setup: &Setup, enough: impl Fn(&Setup) -> bool) {
    let set = |attempt: u64| {
        let value = if attempt % 2 == 0 {
            "AlwaysRunning"
        } else {
            "OnDemand"
        };
        setup
            .iistui(&["set", "apppool", "pool00500", &format!("startMode={value}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn")
    };
    let started = std::time::Instant::now();
    let whole = set(1).wait().expect("set");
    assert!(whole.success());
    let took = started.elapsed();
    for attempt in 0..200u64 {
        let mut child = set(attempt);
        let fraction = 0.3 + 0.8 * ((attempt as f64 * 0.618_034) % 1.0);
        std::thread::sleep(took.mul_f64(fraction));
        let _ = child.kill();
        let _ = child.wait();
        if enough(setup) {
            return;
        }
    }
}

fn big_setup() -> Setup {
    Setup::with(&iistui::model::generate::apphost_config(2_500))
}

#[test]
fn temps_left_by_kill_9_are_removed_by_the_next_save() {
    let setup = big_setup();
    kill_9_loop(&setup, |s| s.temps().len() >= 3);
    let left = setup.temps();
    let bytes: u64 = left
        .iter()
        .filter_map(|p| fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    println!(
        "kill -9 loop left {} temp files ({bytes} bytes)",
        left.len()
    );
    assert!(
        !left.is_empty(),
        "no kill landed inside a save; cannot test the clean-up"
    );

    // Killed saves are old news ten minutes later; a fresh temp may be another save's.
    for temp in &left {
        age(temp, Duration::from_secs(3600));
    }
    let dir = setup.dir.path();
    let fresh = dir.join(".iistui-Fresh1.tmp");
    fs::write(&fresh, "a save in progress").expect("fresh");
    let foreign = dir.join(".iistui-notours.tmp.keep");
    fs::write(&foreign, "not a temp of ours").expect("foreign");
    age(&foreign, Duration::from_secs(3600));
    let linked = dir.join(".iistui-Link01.tmp");
    std::os::unix::fs::symlink(&setup.config, &linked).expect("symlink");

    let (code, _, stderr) =
        run(&mut setup.iistui(&["set", "apppool", "pool00500", "autoStart=false"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(&format!("removed {} stale temp file", left.len())),
        "the clean-up was not reported: {stderr}"
    );
    for temp in &left {
        assert!(!temp.exists(), "stale temp kept: {temp:?}");
    }
    assert!(fresh.exists(), "a fresh temp was removed");
    assert!(foreign.exists(), "a file that is not our temp was removed");
    assert!(
        fs::symlink_metadata(&linked).is_ok(),
        "a symlink was removed"
    );
    assert!(setup.read().contains("autoStart=\"false\""));
}

#[test]
fn after_interrupted_saves_the_next_save_leaves_no_backup_sharing_the_live_file() {
    let setup = big_setup();
    // A save killed between its hard-link backup and its rename leaves a backup that is another
    // name of the live file (the live file then has two names).
    kill_9_loop(&setup, |s| {
        fs::metadata(&s.config).is_ok_and(|m| m.nlink() >= 2)
    });
    let names = fs::metadata(&setup.config).expect("live").nlink();
    println!("after the kill -9 loop the live file has {names} names");
    let (code, _, stderr) =
        run(&mut setup.iistui(&["set", "apppool", "pool00500", "autoStart=false"]));
    assert_eq!(code, 0, "{stderr}");
    // After the save every backup and the live file are names of their own.
    assert_no_backup_shares_the_live_file(&setup);
}

fn assert_no_backup_shares_the_live_file(setup: &Setup) {
    let live = fs::metadata(&setup.config).expect("live");
    assert_eq!(live.nlink(), 1, "the live file has other names");
    for entry in fs::read_dir(&setup.backups).expect("backups").flatten() {
        let meta = entry.metadata().expect("backup");
        assert!(
            !(meta.dev() == live.dev() && meta.ino() == live.ino()),
            "backup {:?} is the live file",
            entry.path()
        );
        assert_eq!(meta.nlink(), 1, "backup {:?} has other names", entry.path());
    }
}

#[test]
fn a_file_size_limit_is_reported_not_fatal() {
    let setup = Setup::with(&iistui::model::generate::apphost_config(50));
    let before = setup.read();
    assert!(before.len() > 20 * 1024);
    // dash counts `ulimit -f` in 512-byte blocks, bash in 1024: 16 KiB at most either way.
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg("ulimit -f 16; exec \"$0\" \"$@\"")
        .arg(binary())
        .args(["set", "apppool", "pool00010", "autoStart=false", "--config"])
        .arg(&setup.config)
        .env("IISTUI_BACKUP_DIR", &setup.backups)
        .env_remove("IISTUI_CONFIG");
    let (code, _, stderr) = run(&mut cmd);
    assert_eq!(
        code, 2,
        "killed by a signal or wrong code ({code}): {stderr}"
    );
    assert!(stderr.contains("file size limit (ulimit -f)"), "{stderr}");
    assert!(stderr.contains("nothing was written") || stderr.contains("the original is unchanged"));
    assert_eq!(setup.read(), before, "the original changed");
    assert!(
        setup.temps().is_empty(),
        "temp files left: {:?}",
        setup.temps()
    );
    // And without the limit the same set works.
    let (code, _, stderr) =
        run(&mut setup.iistui(&["set", "apppool", "pool00010", "autoStart=false"]));
    assert_eq!(code, 0, "{stderr}");
}
