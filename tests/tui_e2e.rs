//! End to end: the real binary in tmux at 80x24, driven with send-keys and read with
//! capture-pane, as a user over SSH would drive it. CI builds the release binary first and sets
//! IISTUI_E2E_RELEASE=1 to test it; otherwise the test profile's binary is used. Skipped with a
//! notice when tmux is not installed (CI installs it).

mod common;

use common::e2e::Session;

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
