//! The "Same as" command a review shows, run for real: each line pasted into `sh` with the
//! configuration the TUI test shows (`--config 'C:\Windows\…'`) swapped for a copy, so a test
//! can compare the bytes the CLI writes with the bytes the TUI saved.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// How the demo connection of `tui::demo_app` is named on a review's command line (POSIX).
pub const SHOWN_CONFIG: &str =
    "iistui --config 'C:\\Windows\\System32\\inetsrv\\config\\applicationHost.config' ";

/// Runs every line of `cli` through `sh` against `config`; panics with the output on failure.
pub fn run_shown(cli: &str, config: &Path) {
    // A `#` line says what no command does (a change to another file).
    for line in cli.lines().filter(|l| !l.starts_with('#')) {
        let rest = line
            .strip_prefix(SHOWN_CONFIG)
            .unwrap_or_else(|| panic!("not a command for the demo connection: {line}"));
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("\"$IISTUI_BIN\" --config \"$IISTUI_COPY\" {rest}"))
            .env("IISTUI_BIN", env!("CARGO_BIN_EXE_iistui"))
            .env("IISTUI_COPY", config)
            .env(
                "IISTUI_BACKUP_DIR",
                config.with_file_name("cli-backups").as_os_str(),
            )
            .env_remove("IISTUI_CONFIG")
            .output()
            .expect("sh runs");
        assert!(
            out.status.success(),
            "{line}\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// The bytes the CLI writes for `cli` on a copy of `original`.
pub fn cli_bytes(original: &str, cli: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let copy = dir.path().join("applicationHost.config");
    std::fs::write(&copy, original).expect("copy");
    run_shown(cli, &copy);
    std::fs::read_to_string(&copy).expect("read")
}

/// Equal texts, or a failure that shows their diff (not two whole files).
pub fn assert_same(got: &str, want: &str) {
    if got != want {
        let diff = iistui::model::store::unified_diff(want, got, Path::new("expected"));
        panic!("the file differs from the CLI's bytes:\n{diff}");
    }
}
