//! End to end on the demo server in tmux: open an ASP.NET Core app's log (`L`), append lines to
//! it from the shell and see them appear; a recycle's new stdout log is switched to and the
//! switch is marked; `/` filters what is shown.

mod common;

use common::e2e::Session;

fn append(path: &std::path::Path, text: &str) {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .expect("open");
    file.write_all(text.as_bytes()).expect("append");
}

#[test]
fn the_demo_apps_log_shows_lines_appended_from_the_shell() {
    common::e2e::require_tmux!();
    let s = Session::start_sized("logs", 140, 40);
    s.wait_for("Default Web Site");
    // Sites: Default Web Site, contoso.com, api.contoso.com.
    s.keys(&["2", "j", "j", "L"]);
    s.wait_for("stdout_20261124081502_5120.log");
    s.wait_for("Payment gateway answered");
    let logs = s
        .config
        .parent()
        .expect("demo folder")
        .join("drive-c/sites/api.contoso.com/logs");
    append(
        &logs.join("stdout_20261124081502_5120.log"),
        "info: appended from the shell 4242\n",
    );
    let screen = s.wait_for("appended from the shell 4242");
    assert!(screen.contains("FOLLOWING"), "{screen}");
    // The app is recycled: its new stdout log takes over.
    append(
        &logs.join("stdout_20261203080000_9911.log"),
        "info: started again after a recycle\n",
    );
    let screen = s.wait_for("started again after a recycle");
    assert!(screen.contains("now reading the newer"), "{screen}");
    s.keys(&["/"]);
    s.literal("fail");
    s.keys(&["Enter"]);
    let screen = s.wait_for("filter \"fail\"");
    assert!(!screen.contains("appended from the shell 4242"), "{screen}");
    assert!(
        screen.contains("fail: Microsoft.AspNetCore.Server.Kestrel"),
        "{screen}"
    );
}
