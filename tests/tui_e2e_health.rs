//! End to end on the demo in tmux: the health strip shows this machine's real numbers, the
//! Health view maps a real process started in a demo site's folder to its application, the
//! Problems view lists the demo's rules and a fix applied with keys writes the file, and start /
//! stop says plainly why it cannot work here. Skipped with a notice when tmux is not installed.

mod common;

use std::process::{Child, Command};

use common::e2e::Session;

/// A child process ended when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The first line's CPU figure, when it shows one (`CPU 7%`).
fn cpu_figure(screen: &str) -> Option<u32> {
    let top = screen.lines().next()?;
    let at = top.find("CPU ")? + 4;
    let digits: String = top[at..].chars().take_while(char::is_ascii_digit).collect();
    let rest = &top[at + digits.len()..];
    rest.starts_with('%').then(|| digits.parse().ok()).flatten()
}

#[test]
fn the_strip_shows_real_numbers_and_the_health_view_maps_a_real_process() {
    common::e2e::require_tmux!();
    let s = Session::start_sized("health", 160, 48);
    let screen = s.wait_until("a CPU figure in the strip", |screen| {
        cpu_figure(screen).is_some()
    });
    let top = screen.lines().next().unwrap_or_default().to_owned();
    assert!(
        top.contains("memory ") && top.contains("13 unknown") && top.contains("errors"),
        "{top}"
    );
    // A Kestrel-like process started in a demo site's folder.
    let site = s
        .config
        .parent()
        .expect("demo folder")
        .join("drive-c/sites/contoso.com");
    let child = Running(
        Command::new("sleep")
            .arg("120")
            .current_dir(&site)
            .spawn()
            .expect("sleep"),
    );
    let pid = child.0.id().to_string();
    s.keys(&["6"]);
    let health = s.wait_until("the process mapped to contoso.com/", |screen| {
        screen
            .lines()
            .any(|l| l.contains("contoso.com/") && l.contains(&pid))
    });
    assert!(
        health.contains("Drives") && health.contains("free of"),
        "{health}"
    );
    assert!(health.contains("DefaultAppPool"), "{health}");
    drop(child);
}

#[test]
fn the_problems_view_lists_the_demos_rules_and_a_fix_writes_the_file() {
    common::e2e::require_tmux!();
    let s = Session::start_sized("problems", 160, 48);
    s.keys(&["!"]);
    let screen = s.wait_for("Problems · 11 errors");
    for rule in [
        "IIS0101", "IIS0102", "IIS0103", "IIS0105", "IIS0210", "IIS0104",
    ] {
        assert!(screen.contains(rule), "{rule}:\n{screen}");
    }
    let command = "iistui --demo set apppool LegacyCRM autoStart=true";
    let mut found = false;
    for _ in 0..30 {
        if s.screen().contains(command) {
            found = true;
            break;
        }
        s.keys(&["j"]);
    }
    assert!(found, "{}", s.screen());
    let before = std::fs::read_to_string(&s.config).expect("config");
    assert!(before.contains("name=\"LegacyCRM\""));
    s.keys(&["f"]);
    let review = s.wait_for("Same as:");
    assert!(review.contains(command), "{review}");
    s.keys(&["Tab", "Enter"]);
    s.wait_for("saved (backup");
    let after = std::fs::read_to_string(&s.config).expect("config");
    let line = after
        .lines()
        .find(|l| l.contains("name=\"LegacyCRM\""))
        .expect("pool line");
    assert!(line.contains("autoStart=\"true\""), "{line}");
    assert_eq!(
        after.lines().count(),
        before.lines().count(),
        "one attribute changed"
    );
    // Checked again after the save: the problem is gone from the view.
    s.wait_until("IIS0104 gone", |screen| !screen.contains("IIS0104"));
}

#[test]
fn start_stop_says_why_it_cannot_run_here() {
    common::e2e::require_tmux!();
    if cfg!(windows) {
        return;
    }
    let s = Session::start_sized("control", 160, 48);
    s.keys(&["3"]);
    s.wait_for("Application Pools (10)");
    s.keys(&["t"]);
    s.wait_for("Start/Stop: IIS runtime control is only available on Windows with IIS installed");
    s.keys(&["r"]);
    s.wait_for("Recycle: IIS runtime control is only available on Windows with IIS installed");
}
