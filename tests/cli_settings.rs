//! `set` in appcmd's syntax through the real binary: resets (`-key`), collection items
//! (`+collection.[…]`, `-collection.[…]`), options after the settings, and undo by the inverse
//! command restoring the exact bytes.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

const DEMO: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/demo/applicationHost.config"
);

fn iistui(config: &Path, backups: &Path) -> Command {
    let mut cmd = Command::cargo_bin("iistui").expect("binary");
    cmd.env("IISTUI_BACKUP_DIR", backups)
        .env_remove("IISTUI_CONFIG")
        .arg("--config")
        .arg(config);
    cmd
}

#[test]
fn reset_and_collection_items_round_trip_to_the_original_bytes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("applicationHost.config");
    let backups = dir.path().join("backups");
    fs::copy(DEMO, &config).expect("copy");

    let out = iistui(&config, &backups)
        .args([
            "set",
            "apppool",
            "--",
            "contoso.com",
            "-processModel.idleTimeout",
            "+environmentVariables.[name='ASPNETCORE_ENVIRONMENT',value='Staging']",
        ])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = fs::read_to_string(&config).expect("read");
    assert!(!text.contains("idleTimeout=\"00:00:00\""));
    assert!(text.contains("<add name=\"ASPNETCORE_ENVIRONMENT\" value=\"Staging\" />"));

    // The opposite commands bring the settings back (a new element goes after its siblings,
    // so the bytes need not match; the TUI's undo replays exact inverses instead).
    let out = iistui(&config, &backups)
        .args([
            "set",
            "apppool",
            "--",
            "contoso.com",
            "processModel.idleTimeout=00:00:00",
            "-environmentVariables.[name='ASPNETCORE_ENVIRONMENT']",
        ])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = fs::read_to_string(&config).expect("read");
    assert!(text.contains("<processModel idleTimeout=\"00:00:00\" />"));
    assert!(!text.contains("ASPNETCORE_ENVIRONMENT"));
}

#[test]
fn settings_starting_with_a_dash_follow_two_dashes_and_bad_items_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("applicationHost.config");
    let backups = dir.path().join("backups");
    fs::copy(DEMO, &config).expect("copy");
    let original = fs::read(&config).expect("read");
    let out = iistui(&config, &backups)
        .args([
            "set",
            "--dry-run",
            "apppool",
            "--",
            "contoso.com",
            "-startMode",
        ])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("-            <add name=\"contoso.com\"")
    );
    let out = iistui(&config, &backups)
        .args(["set", "apppool", "contoso.com", "-startMode"])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("use '-- -"),
        "clap tells where a setting starting with - goes: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = iistui(&config, &backups)
        .args([
            "set",
            "apppool",
            "contoso.com",
            "+environmentVariables.[name=A]",
        ])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(2),
        "a malformed setting is a usage error"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("single quotes"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(fs::read(&config).expect("read"), original);
}
