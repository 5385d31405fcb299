//! The end-to-end harness: the real binary in a private tmux server, driven with send-keys and
//! read with capture-pane, as a user over SSH would. CI builds the release binary first and sets
//! IISTUI_E2E_RELEASE=1 to test it; otherwise the test profile's binary is used.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A tmux server running iistui on a temp copy of the demo server.
pub struct Session {
    socket: String,
    name: String,
    _data: tempfile::TempDir,
    pub config: PathBuf,
}

pub fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The binary under test: the release build in CI (IISTUI_E2E_RELEASE=1), else the test one.
pub fn binary() -> PathBuf {
    let release = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/iistui");
    if std::env::var_os("IISTUI_E2E_RELEASE").is_some() && release.exists() {
        return release;
    }
    PathBuf::from(env!("CARGO_BIN_EXE_iistui"))
}

impl Session {
    /// Starts `iistui --demo` at 80x24 in a fresh tmux server inside `sh`, which prints a
    /// marker after.
    pub fn start(name: &str) -> Session {
        Session::start_sized(name, 80, 24)
    }

    /// [`Session::start`] at another size.
    pub fn start_sized(name: &str, width: u16, height: u16) -> Session {
        let data = tempfile::tempdir().expect("tempdir");
        let socket = format!("iistui-e2e-{}-{name}", std::process::id());
        let script = format!(
            "IISTUI_DATA_DIR='{dir}/data' IISTUI_CONFIG_DIR='{dir}/config' IISTUI_BACKUP_DIR='{dir}/backups' TERM=xterm-256color '{bin}' --demo; echo SHELL-IS-BACK; sleep 60",
            dir = data.path().display(),
            bin = binary().display()
        );
        let status = Command::new("tmux")
            .args([
                "-L",
                &socket,
                "new-session",
                "-d",
                "-s",
                name,
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
                "sh",
                "-c",
                &script,
            ])
            .status()
            .expect("tmux");
        assert!(status.success());
        let config = data.path().join("data/demo/applicationHost.config");
        let session = Session {
            socket,
            name: name.to_owned(),
            _data: data,
            config,
        };
        session.wait_for("Connections");
        session
    }

    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            let status = Command::new("tmux")
                .args(["-L", &self.socket, "send-keys", "-t", &self.name, key])
                .status()
                .expect("send-keys");
            assert!(status.success());
            std::thread::sleep(Duration::from_millis(60));
        }
    }

    pub fn literal(&self, text: &str) {
        let status = Command::new("tmux")
            .args([
                "-L",
                &self.socket,
                "send-keys",
                "-t",
                &self.name,
                "-l",
                text,
            ])
            .status()
            .expect("send-keys");
        assert!(status.success());
    }

    pub fn screen(&self) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "capture-pane", "-p", "-t", &self.name])
            .output()
            .expect("capture");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "timed out waiting for {text:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn wait_until(&self, what: &str, check: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if check(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

/// Returns from the test, with a notice, when tmux is not installed.
#[allow(unused_macros)]
macro_rules! require_tmux {
    () => {
        if !common::e2e::tmux_available() {
            eprintln!("notice: tmux is not installed; end-to-end tests skipped");
            return;
        }
    };
}
#[allow(unused_imports)]
pub(crate) use require_tmux;
