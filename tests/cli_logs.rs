//! `iistui logs` and `iistui set/get aspnetcore` as a script uses them: the last lines, the
//! explanation and fix when logging is off, `--follow` across a truncation and a recycle's new
//! file, escaped control characters, several apps in one prefixed stream, and the web.config
//! edit through the safe store (backup, dry run).

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use assert_cmd::Command;
use common::logs::{append, server};

fn iistui(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("iistui").expect("binary");
    cmd.env("IISTUI_DATA_DIR", data)
        .env("IISTUI_BACKUP_DIR", data.join("backups"))
        .env_remove("IISTUI_CONFIG");
    cmd
}

#[test]
fn last_lines_and_what_to_do_when_logging_is_off() {
    let data = tempfile::tempdir().expect("tempdir");
    let out = iistui(data.path())
        .args(["--demo", "logs", "--app", "api.contoso.com", "-n", "2"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "      System.TimeoutException: The operation has timed out.\n         at Contoso.Api.Orders.PaymentClient.ChargeAsync(Order order)\n"
    );
    let off = iistui(data.path())
        .args(["--demo", "logs", "--app", "shop.tailspin.com/admin"])
        .output()
        .expect("runs");
    assert_eq!(off.status.code(), Some(1));
    let err = String::from_utf8_lossy(&off.stderr);
    assert!(
        err.contains("stdout logging is off — turn it on with iistui --demo set aspnetcore shop.tailspin.com/admin stdoutLogEnabled=true"),
        "{err}"
    );
    let w3c = iistui(data.path())
        .args([
            "--demo",
            "logs",
            "--app",
            "shop.tailspin.com",
            "--w3c",
            "--summary",
            "-n",
            "1",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&w3c.stdout);
    assert!(text.contains("POST /checkout"), "{text}");
    assert!(
        text.contains("# 8 requests: 2xx 5 · 3xx 1 · 4xx 1 · 5xx 1"),
        "{text}"
    );
    let several = iistui(data.path())
        .args([
            "--demo",
            "logs",
            "--app",
            "contoso.com",
            "--app",
            "shop.tailspin.com",
            "-n",
            "1",
        ])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&several.stdout);
    assert!(
        text.contains("[contoso.com/]       Content root path"),
        "{text}"
    );
    assert!(
        text.contains("[shop.tailspin.com/]       Catalog loaded"),
        "{text}"
    );
}

#[test]
fn control_characters_in_a_log_are_escaped() {
    let server = server();
    append(
        &server.stdout_log(),
        "evil \u{1b}]0;pwned\u{7} \u{202e}txt\n",
    );
    let out = iistui(server.dir.path())
        .arg("--config")
        .arg(&server.config)
        .args(["logs", "--app", "Shop", "-n", "1"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text:?}"
    );
    assert!(
        text.contains("evil \\x1b]0;pwned\\x07 \\u{202e}txt"),
        "{text:?}"
    );
}

#[test]
fn the_last_line_shows_even_without_its_newline() {
    let server = server();
    // A crashing app's last words often have no newline.
    append(&server.stdout_log(), "Unhandled exception. boom");
    let out = iistui(server.dir.path())
        .arg("--config")
        .arg(&server.config)
        .args(["logs", "--app", "Shop", "-n", "2"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.ends_with("System.TimeoutException: payment timed out\nUnhandled exception. boom\n"),
        "{text:?}"
    );
}

#[test]
fn follow_goes_on_across_truncation_and_a_recycle() {
    let server = server();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("iistui"))
        .env("IISTUI_DATA_DIR", server.dir.path())
        .arg("--config")
        .arg(&server.config)
        .args(["logs", "--app", "Shop", "--follow", "-n", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let (tx, rx) = mpsc::channel();
    let stdout = child.stdout.take().expect("stdout");
    let out_tx = tx.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = out_tx.send(format!("out {line}"));
        }
    });
    let stderr = child.stderr.take().expect("stderr");
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(format!("err {line}"));
        }
    });
    // Standard output and error arrive through two pipes, in either order: a line not
    // wanted yet is kept for a later wait.
    let seen = std::cell::RefCell::new(Vec::<String>::new());
    let wait = |wanted: &str| {
        let found = seen.borrow().iter().position(|l| l.contains(wanted));
        if let Some(at) = found {
            return seen.borrow_mut().remove(at);
        }
        loop {
            match rx.recv_timeout(Duration::from_secs(10)) {
                Ok(line) if line.contains(wanted) => return line,
                Ok(line) => seen.borrow_mut().push(line),
                Err(_) => panic!("no {wanted:?}; saw {:?}", seen.borrow()),
            }
        }
    };
    wait("out       System.TimeoutException: payment timed out");
    append(&server.stdout_log(), "info: one more\n");
    wait("out info: one more");
    std::fs::write(server.stdout_log(), "after truncation\n").expect("truncate");
    wait("was truncated");
    wait("out after truncation");
    append(
        &server.logs().join("stdout_20261125060302_7720.log"),
        "info: started 7720\n",
    );
    let switched = wait("err Shop/: stdout_20261124090011_6044.log ended");
    assert!(
        switched.contains("following the newer stdout_20261125060302_7720.log"),
        "{switched}"
    );
    wait("out info: started 7720");
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn set_aspnetcore_writes_the_web_config_through_the_safe_store() {
    let server = server();
    let before = std::fs::read_to_string(server.web_config()).expect("read");
    let dry = iistui(server.dir.path())
        .arg("--config")
        .arg(&server.config)
        .args([
            "set",
            "aspnetcore",
            "Shop",
            "startupTimeLimit=300",
            "--dry-run",
        ])
        .output()
        .expect("runs");
    assert!(
        dry.status.success(),
        "{}",
        String::from_utf8_lossy(&dry.stderr)
    );
    assert!(String::from_utf8_lossy(&dry.stdout).contains("+      <aspNetCore"));
    assert_eq!(
        std::fs::read_to_string(server.web_config()).expect("read"),
        before
    );
    let bad = iistui(server.dir.path())
        .arg("--config")
        .arg(&server.config)
        .args(["set", "aspnetcore", "Shop", "startupTimeLimit=9999"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(1), "the schema's range is enforced");
    std::fs::remove_dir_all(server.logs()).expect("rm logs");
    std::fs::write(
        server.web_config(),
        before.replace(r#"stdoutLogEnabled="true""#, r#"stdoutLogEnabled="false""#),
    )
    .expect("write");
    let on = iistui(server.dir.path())
        .arg("--config")
        .arg(&server.config)
        .args(["set", "aspnetcore", "Shop", "stdoutLogEnabled=true"])
        .output()
        .expect("runs");
    assert!(
        on.status.success(),
        "{}",
        String::from_utf8_lossy(&on.stderr)
    );
    assert!(server.logs().is_dir(), "the stdout log folder is created");
    assert!(String::from_utf8_lossy(&on.stderr).contains("no size limit"));
    let backups: Vec<_> = std::fs::read_dir(server.dir.path().join("backups"))
        .expect("backups")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("web.config"))
        .collect();
    assert!(!backups.is_empty(), "a backup was taken");
    let get = iistui(server.dir.path())
        .arg("--config")
        .arg(server.web_config())
        .args(["get", "aspnetcore", ".", "stdoutLogEnabled"])
        .output()
        .expect("runs");
    assert!(
        get.status.success(),
        "{}",
        String::from_utf8_lossy(&get.stderr)
    );
    assert!(
        String::from_utf8_lossy(&get.stdout)
            .starts_with("stdoutLogEnabled = true  (explicit, line")
    );
}
