//! End to end: the real binary in tmux at 80x24, driven with send-keys and read with
//! capture-pane, as a user over SSH would drive it. CI builds the release binary first and sets
//! IISTUI_E2E_RELEASE=1 to test it; otherwise the test profile's binary is used. Skipped with a
//! notice when tmux is not installed (CI installs it).

mod common;

use std::process::Command;

use common::e2e::{Session, binary};

#[test]
fn demo_opens_with_default_web_site_and_help_and_palette_work() {
    common::e2e::require_tmux!();
    let s = Session::start("main");
    let screen = s.wait_for("Default Web Site");
    assert!(
        screen.contains("WEB01") && screen.contains("DEMO"),
        "{screen}"
    );
    s.keys(&["?"]);
    let help = s.wait_for("Show every action");
    assert!(
        help.contains("Help") && help.contains("Command palette"),
        "{help}"
    );
    s.keys(&["Escape", ":"]);
    s.wait_for("Command");
    s.literal("pools");
    s.keys(&["Enter"]);
    let pools = s.wait_for("Application Pools (10)");
    assert!(
        pools.contains("DefaultAppPool") && pools.contains("No Managed Code"),
        "{pools}"
    );
}

#[test]
fn filter_narrows_the_sites_list() {
    common::e2e::require_tmux!();
    let s = Session::start("filter");
    s.keys(&["2"]);
    s.wait_for("Sites (13)");
    s.keys(&["/"]);
    s.literal("tail");
    let screen = s.wait_for("Sites (2)");
    assert!(
        screen.contains("shop.tailspin.com") && screen.contains("blog.tailspin.com"),
        "{screen}"
    );
    let list_column: String = screen
        .lines()
        .map(|l| l.chars().skip(26).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        !list_column.contains("Default Web Site"),
        "filtered out:\n{screen}"
    );
    s.keys(&["Escape"]);
    s.wait_for("Sites (13)");
}

#[test]
fn delete_with_the_default_button_deletes_nothing() {
    common::e2e::require_tmux!();
    let s = Session::start("delete");
    s.wait_for("Default Web Site");
    let before = std::fs::read(&s.config).expect("demo config");
    s.keys(&["2", "j", "d"]);
    let dialog = s.wait_for("Delete site \"contoso.com\"?");
    assert!(
        dialog.contains("[> Cancel <]"),
        "Cancel has focus:\n{dialog}"
    );
    s.keys(&["Enter"]);
    s.wait_for("cancelled: nothing was changed");
    assert_eq!(std::fs::read(&s.config).expect("demo config"), before);
    assert!(s.screen().contains("contoso.com"));
}

#[test]
fn q_exits_and_the_shell_is_back() {
    common::e2e::require_tmux!();
    let s = Session::start("quit");
    s.wait_for("Default Web Site");
    s.keys(&["q"]);
    let screen = s.wait_until("the shell", |screen| screen.contains("SHELL-IS-BACK"));
    assert!(
        !screen.contains("Connections"),
        "the alternate screen is gone:\n{screen}"
    );
}

#[test]
fn a_binding_edited_with_keys_only_writes_what_set_binding_writes() {
    common::e2e::require_tmux!();
    let s = Session::start("bindings");
    s.wait_for("Default Web Site");
    let original = std::fs::read(&s.config).expect("demo config");
    s.keys(&["2", "j", "b"]);
    s.wait_for("Site Bindings");
    s.keys(&["j", "Enter"]);
    s.wait_for("Edit Site Binding");
    s.keys(&["Down", "Down", "C-u"]);
    s.literal("8080");
    s.keys(&["C-s"]);
    let review = s.wait_for("Change binding http/*:80:www.contoso.com");
    assert!(
        review.contains("[> Cancel <]"),
        "Cancel has focus:\n{review}"
    );
    s.keys(&["Tab", "Enter"]);
    let list = s.wait_until("the saved list", |screen| {
        screen.contains("Site Bindings") && screen.contains("8080")
    });
    assert!(list.contains("changed binding"), "{list}");
    // The CLI's command on a copy of the file as it was writes the same bytes.
    let dir = tempfile::tempdir().expect("tempdir");
    let copy = dir.path().join("applicationHost.config");
    std::fs::write(&copy, &original).expect("copy");
    let out = Command::new(binary())
        .env("IISTUI_BACKUP_DIR", dir.path().join("backups"))
        .env_remove("IISTUI_CONFIG")
        .arg("--config")
        .arg(&copy)
        .args([
            "set",
            "binding",
            "contoso.com",
            "http/*:80:www.contoso.com",
            "bindingInformation=*:8080:www.contoso.com",
        ])
        .output()
        .expect("cli");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read(&s.config).expect("saved"),
        std::fs::read(&copy).expect("cli copy"),
        "the TUI and the CLI wrote the same bytes"
    );
}
