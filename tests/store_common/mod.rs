//! Helpers for the store tests that drive the real `iistui` binary: a temp folder with a config
//! and a backup dir, and a command for the binary. `IISTUI_STORE_TEST_BIN` runs the same tests
//! against another build (e.g. an older release, to see them fail before a fix).

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const FIXTURE: &str = include_str!("../fixtures/apphost_small.config");

/// The binary under test.
pub fn binary() -> PathBuf {
    std::env::var_os("IISTUI_STORE_TEST_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_iistui")))
}

/// A temp folder holding `applicationHost.config` and a `backups` folder.
pub struct Setup {
    pub dir: tempfile::TempDir,
    pub config: PathBuf,
    pub backups: PathBuf,
}

impl Setup {
    pub fn with(text: &str) -> Setup {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = dir.path().join("applicationHost.config");
        fs::write(&config, text).expect("write config");
        let backups = dir.path().join("backups");
        Setup {
            dir,
            config,
            backups,
        }
    }

    pub fn new() -> Setup {
        Setup::with(FIXTURE)
    }

    /// `iistui ARGS --config CONFIG` with this setup's backup dir.
    pub fn iistui(&self, args: &[&str]) -> Command {
        self.iistui_on(&self.config, args)
    }

    pub fn iistui_on(&self, config: &Path, args: &[&str]) -> Command {
        let mut cmd = Command::new(binary());
        cmd.args(args)
            .arg("--config")
            .arg(config)
            .env("IISTUI_BACKUP_DIR", &self.backups)
            .env_remove("IISTUI_CONFIG");
        cmd
    }

    pub fn read(&self) -> String {
        fs::read_to_string(&self.config).expect("read config")
    }

    /// Temp files (`.iistui-*.tmp`) in the config's folder.
    pub fn temps(&self) -> Vec<PathBuf> {
        temps_in(self.dir.path())
    }
}

pub fn temps_in(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(".iistui-") && n.ends_with(".tmp"))
        })
        .collect()
}

/// Runs and returns (exit code, stdout, stderr); a death by signal is code -1.
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("runs");
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

/// A `set apppool ClassicPool startMode=VALUE` run; returns (code, stdout, stderr).
pub fn set_start_mode(
    setup: &Setup,
    config: &Path,
    value: &str,
    extra: &[&str],
) -> (i32, String, String) {
    let pair = format!("startMode={value}");
    let mut args = vec!["set", "apppool", "ClassicPool", pair.as_str()];
    args.extend_from_slice(extra);
    run(&mut setup.iistui_on(config, &args))
}
