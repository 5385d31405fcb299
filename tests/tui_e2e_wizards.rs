//! End to end: the real binary in tmux, keys only. On a temp copy of the demo, Add Website
//! creates a site with two bindings (http, and https with a certificate) and its missing folder,
//! and Convert to Application turns a folder of api.contoso.com into an application; the file
//! is then compared (`cmp`) with the one the CLI writes doing the same on another copy.

mod common;

use std::process::Command;

use common::e2e::{Session, binary};

const DEMO: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/demo/applicationHost.config"
);

const HASH: &str = "0123456789ABCDEF0123456789ABCDEF01234567";

fn cli(config: &std::path::Path, backups: &std::path::Path, args: &[&str]) {
    let out = Command::new(binary())
        .env("IISTUI_BACKUP_DIR", backups)
        .arg("--config")
        .arg(config)
        .args(args)
        .output()
        .expect("cli runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_site_with_two_bindings_and_a_converted_folder_match_the_cli_byte_for_byte() {
    common::e2e::require_tmux!();
    let s = Session::start_sized("wizards", 120, 40);
    s.keys(&["2", "a"]);
    s.wait_for("Add Website");
    s.literal("shop.example.com");
    s.keys(&["Tab", "Tab"]);
    s.literal("%SystemDrive%\\sites\\shop");
    s.wait_for("Create the folder");
    // Past the last fields into the bindings; `a` adds https for the same host name.
    s.keys(&["Down", "Down", "Down", "a"]);
    s.wait_for("Add Website — new binding");
    s.keys(&["Down", "Down", "Down", "Down", "Down"]);
    s.literal(HASH);
    s.keys(&["C-s"]);
    s.wait_for("https  *:443:shop.example.com");
    s.keys(&["C-s"]);
    s.wait_for("Same as:");
    s.keys(&["Tab", "Enter"]);
    s.wait_for("shop.example.com    14");
    let folder = s
        .config
        .with_file_name("drive-c")
        .join("sites")
        .join("shop");
    assert!(folder.is_dir(), "the missing folder was created");

    // Convert: api.contoso.com's folder, its logs folder, `c`.
    s.keys(&["2", "/"]);
    s.literal("api.contoso");
    s.keys(&["Enter", "o"]);
    s.wait_for("logs");
    s.keys(&["c"]);
    s.wait_for("Convert to Application");
    s.wait_for("500.19");
    s.keys(&["C-s"]);
    s.wait_for("Same as:");
    s.keys(&["Tab", "Enter"]);
    s.wait_for("added application \"api.contoso.com/logs\"");
    s.keys(&["q"]);
    s.wait_for("SHELL-IS-BACK");

    // The CLI, the same two changes, on another copy of the demo.
    let dir = tempfile::tempdir().expect("tempdir");
    let copy = dir.path().join("applicationHost.config");
    std::fs::copy(DEMO, &copy).expect("copy");
    let backups = dir.path().join("backups");
    cli(
        &copy,
        &backups,
        &[
            "add",
            "site",
            "--name",
            "shop.example.com",
            "--physical-path",
            "%SystemDrive%\\sites\\shop",
            "--binding",
            "http/*:80:shop.example.com",
            "--binding",
            "https/*:443:shop.example.com",
            "--certificate",
            HASH,
        ],
    );
    cli(
        &copy,
        &backups,
        &[
            "add",
            "app",
            "--site",
            "api.contoso.com",
            "--path",
            "/logs",
            "--physical-path",
            "%SystemDrive%\\sites\\api.contoso.com\\logs",
        ],
    );
    let cmp = Command::new("cmp").arg(&s.config).arg(&copy).output();
    match cmp {
        Ok(out) => assert!(
            out.status.success(),
            "cmp: the TUI and the CLI wrote different bytes: {}",
            String::from_utf8_lossy(&out.stdout)
        ),
        Err(_) => assert!(
            std::fs::read(&s.config).expect("tui") == std::fs::read(&copy).expect("cli"),
            "the TUI and the CLI wrote different bytes"
        ),
    }
    let saved = std::fs::read_to_string(&s.config).expect("read");
    assert!(
        saved.contains("<application path=\"/logs\" applicationPool=\"api.contoso.com\">"),
        "{saved}"
    );
}
