//! End to end through the new TUI layer: Ctrl-L repaints and the TUI keeps running (it used to
//! exit two seconds later, having lost the terminal's cursor-position reply), and a pool's Start
//! Mode set in Advanced Settings with keys only writes exactly the bytes `iistui set` writes.

mod common;

use std::process::Command;
use std::time::Duration;

use common::e2e::{Session, binary};

const DEMO: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/demo/applicationHost.config"
);

#[test]
fn ctrl_l_repaints_and_the_tui_keeps_running() {
    common::e2e::require_tmux!();
    let s = Session::start("redraw");
    s.keys(&["2"]);
    s.wait_for("Sites (");
    s.keys(&["C-l"]);
    // The old crash came about two seconds after Ctrl-L.
    std::thread::sleep(Duration::from_secs(3));
    let screen = s.wait_for("Sites (");
    assert!(
        !screen.contains("SHELL-IS-BACK"),
        "still running:\n{screen}"
    );
    assert!(!screen.contains("cursor position"), "{screen}");
    s.keys(&["j", "C-l"]);
    s.wait_for("contoso.com");
    s.keys(&["q"]);
    let screen = s.wait_for("SHELL-IS-BACK");
    assert!(!screen.contains("error"), "a clean exit:\n{screen}");
}

#[test]
fn start_mode_set_in_advanced_settings_matches_the_cli_byte_for_byte() {
    common::e2e::require_tmux!();
    let s = Session::start_sized("grid", 120, 40);
    s.keys(&["3", "j", "A"]);
    s.wait_for("Advanced Settings");
    s.keys(&["/"]);
    s.literal("start mode");
    s.keys(&["Enter", "Enter"]);
    s.wait_for("filter:");
    s.literal("ondem");
    s.keys(&["Enter"]);
    s.wait_for("pending");
    s.keys(&["C-s"]);
    s.wait_for("Same as:");
    s.keys(&["Tab", "Enter"]);
    s.wait_for("saved (backup");

    // The CLI on a pristine copy of the demo.
    let dir = tempfile::tempdir().expect("tempdir");
    let copy = dir.path().join("applicationHost.config");
    std::fs::copy(DEMO, &copy).expect("copy");
    let out = Command::new(binary())
        .env("IISTUI_BACKUP_DIR", dir.path().join("backups"))
        .arg("--config")
        .arg(&copy)
        .args(["set", "apppool", "contoso.com", "startMode=OnDemand"])
        .output()
        .expect("cli runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tui = std::fs::read(&s.config).expect("the TUI's file");
    let cli = std::fs::read(&copy).expect("the CLI's file");
    assert!(tui == cli, "the TUI and the CLI wrote different bytes");
    assert!(
        String::from_utf8_lossy(&tui)
            .contains("name=\"contoso.com\" managedRuntimeVersion=\"\" startMode=\"OnDemand\"")
    );
}
