//! Special files and size (issue 9, item 12): a FIFO, a character device, a directory and a file
//! over the size limit are refused before reading, for `--config` and for `validate FILE`. The
//! binary runs with a timeout and a memory cap, so a build that reads `/dev/zero` or blocks on a
//! FIFO fails the test instead of taking the machine down.

mod store_common;

use std::fs;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use store_common::{Setup, binary};

/// Runs `iistui ARGS` under a 2 GiB address-space cap, killed after 10 s; returns (code,
/// stderr) or None when it had to be killed.
fn bounded(setup: &Setup, args: &[&str]) -> Option<(i32, String)> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 2097152; exec \"$0\" \"$@\"")
        .arg(binary())
        .args(args)
        .env("IISTUI_BACKUP_DIR", &setup.backups)
        .env_remove("IISTUI_CONFIG")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let stderr =
                std::io::read_to_string(child.stderr.take().expect("stderr")).expect("stderr");
            return Some((status.code().unwrap_or(-1), stderr));
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn refused(setup: &Setup, args: &[&str], what: &str) {
    let (code, stderr) = bounded(setup, args).unwrap_or_else(|| panic!("{args:?} hung"));
    assert_eq!(code, 2, "{args:?}: {stderr}");
    assert!(stderr.contains(what), "{args:?}: {stderr}");
}

fn mkfifo(setup: &Setup) -> String {
    let fifo = setup.dir.path().join("pipe.config");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    fifo.to_str().expect("utf-8").to_owned()
}

#[test]
fn a_fifo_is_refused_not_waited_on() {
    let setup = Setup::new();
    let fifo = mkfifo(&setup);
    let what = "is a FIFO (named pipe), not a regular file";
    refused(&setup, &["list", "sites", "--config", &fifo], what);
    refused(
        &setup,
        &["set", "apppool", "X", "autoStart=false", "--config", &fifo],
        what,
    );
    refused(&setup, &["validate", &fifo], what);
}

#[test]
fn dev_zero_is_refused_not_read() {
    let setup = Setup::new();
    let what = "is a character device, not a regular file";
    refused(&setup, &["list", "sites", "--config", "/dev/zero"], what);
    refused(&setup, &["validate", "/dev/zero"], what);
    refused(&setup, &["validate", "/dev/urandom"], what);
}

#[test]
fn a_directory_is_refused() {
    let setup = Setup::new();
    let dir = setup.dir.path().to_str().expect("utf-8").to_owned();
    refused(
        &setup,
        &["list", "sites", "--config", &dir],
        "not a regular file",
    );
    refused(&setup, &["validate", &dir], "not a regular file");
}

#[test]
fn files_over_the_size_limit_are_refused_before_reading() {
    let setup = Setup::new();
    let config = setup.config.to_str().expect("utf-8").to_owned();
    // 1 GiB + 1 byte, sparse: costs no disk, and would cost 1 GiB of memory if read.
    let big = setup.dir.path().join("big.config");
    fs::File::create(&big)
        .and_then(|f| f.set_len((1 << 30) + 1))
        .expect("sparse file");
    let big = big.to_str().expect("utf-8").to_owned();
    let over_default = "over the 1 GiB limit";
    refused(&setup, &["list", "sites", "--config", &big], over_default);
    refused(&setup, &["validate", &big], over_default);
    // --max-size lowers (or raises) the limit.
    let small = ["list", "sites", "--max-size", "1K", "--config", &config];
    refused(&setup, &small, "over the 1 KiB limit");
    refused(
        &setup,
        &["validate", "--max-size", "1K", &config],
        "over the 1 KiB limit",
    );
    let (code, stderr) = bounded(
        &setup,
        &["list", "sites", "--max-size", "4K", "--config", &config],
    )
    .expect("finished");
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn a_refused_file_gets_no_lock_file_beside_it() {
    let setup = Setup::new();
    let missing = setup.dir.path().join("missing.config");
    let missing_arg = missing.to_str().expect("utf-8").to_owned();
    refused(
        &setup,
        &[
            "set",
            "apppool",
            "X",
            "autoStart=false",
            "--config",
            &missing_arg,
        ],
        "no such file",
    );
    let fifo = mkfifo(&setup);
    refused(
        &setup,
        &["set", "apppool", "X", "autoStart=false", "--config", &fifo],
        "FIFO",
    );
    let locks: Vec<_> = fs::read_dir(setup.dir.path())
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".iistui-lock"))
        .map(|e| e.file_name())
        .collect();
    assert!(locks.is_empty(), "lock files left: {locks:?}");
}
