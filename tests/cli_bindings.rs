//! `set binding`, `add binding` with its https options, `delete binding` and a site rename
//! through the real binary on a copy of the demo server: the bytes written, the refusals (the
//! last binding, a binding another site uses) and their exit codes.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

const DEMO: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/demo/applicationHost.config"
);

fn copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("applicationHost.config");
    fs::copy(DEMO, &config).expect("copy");
    (dir, config)
}

fn iistui(config: &Path) -> Command {
    let mut cmd = Command::cargo_bin("iistui").expect("binary");
    cmd.env(
        "IISTUI_BACKUP_DIR",
        config.with_file_name("backups").as_os_str(),
    )
    .env_remove("IISTUI_CONFIG")
    .arg("--config")
    .arg(config);
    cmd
}

/// Runs the command; returns (success, stdout, stderr).
fn run(cmd: &mut Command) -> (bool, String, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn set_binding_changes_one_binding_in_place() {
    let (_dir, config) = copy();
    let (ok, _, err) = run(iistui(&config).args([
        "set",
        "binding",
        "contoso.com",
        "http/*:80:www.contoso.com",
        "bindingInformation=*:8080:www.contoso.com",
    ]));
    assert!(ok, "{err}");
    let text = fs::read_to_string(&config).expect("read");
    let original = fs::read_to_string(DEMO).expect("demo");
    assert_eq!(
        text,
        original.replace(
            "bindingInformation=\"*:80:www.contoso.com\"",
            "bindingInformation=\"*:8080:www.contoso.com\""
        ),
        "only that value changed"
    );
    let (ok, _, err) = run(iistui(&config).args([
        "set",
        "binding",
        "--",
        "contoso.com",
        "https/*:443:contoso.com",
        "-sslFlags",
        "certificateStoreName=My",
    ]));
    assert!(ok, "{err}");
    assert!(fs::read_to_string(&config).expect("read").contains(
        "<binding protocol=\"https\" bindingInformation=\"*:443:contoso.com\" certificateHash=\"3A4F9C2E7B1D8F6A0C5E4B3D2A1F0E9D8C7B6A54\" certificateStoreName=\"My\" />"
    ));
}

#[test]
fn set_binding_refuses_what_the_model_refuses_and_writes_nothing() {
    let (_dir, config) = copy();
    let original = fs::read(&config).expect("read");
    let cases: [(&[&str], &str, bool); 4] = [
        (
            &[
                "contoso.com",
                "http/*:80:contoso.com",
                "bindingInformation=*:80:fabrikam.net",
            ],
            "binding http/*:80:fabrikam.net is already used by site \"fabrikam.net\"",
            false,
        ),
        (
            &["contoso.com", "http/*:80:contoso.com"],
            "usage: iistui set binding SITE",
            true,
        ),
        (
            &[
                "contoso.com",
                "http/*:81:contoso.com",
                "bindingInformation=*:81:x",
            ],
            "no binding named \"http/*:81:contoso.com\"",
            false,
        ),
        (
            &["contoso.com", "http/*:80:contoso.com", "certificateHash=AB"],
            "https bindings only",
            false,
        ),
    ];
    for (args, message, usage) in cases {
        let out = iistui(&config)
            .args(["set", "binding"])
            .args(args)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert_eq!(
            out.status.code(),
            Some(if usage { 2 } else { 1 }),
            "{args:?}"
        );
    }
    assert_eq!(fs::read(&config).expect("read"), original);
}

#[test]
fn add_binding_takes_the_https_parts_and_delete_keeps_the_last_one() {
    let (_dir, config) = copy();
    let (ok, stdout, err) = run(iistui(&config).args([
        "add",
        "binding",
        "--site",
        "blog.tailspin.com",
        "https/*:443:blog.tailspin.com",
        "--ssl-flags",
        "Sni",
        "--certificate",
        "9B8E7D6C5B4A39281706F5E4D3C2B1A098F7E6D5",
        "--certificate-store",
        "WebHosting",
    ]));
    assert!(ok, "{err}");
    assert!(
        format!("{stdout}{err}").contains("netsh http add sslcert"),
        "the HTTP.sys half is mentioned: {stdout}{err}"
    );
    assert!(fs::read_to_string(&config).expect("read").contains(
        "<binding protocol=\"https\" bindingInformation=\"*:443:blog.tailspin.com\" sslFlags=\"Sni\" certificateHash=\"9B8E7D6C5B4A39281706F5E4D3C2B1A098F7E6D5\" certificateStoreName=\"WebHosting\" />"
    ));
    let out = iistui(&config)
        .args([
            "delete",
            "binding",
            "reports",
            "https/*:8443:reports.corp.local",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("it is the last binding of site \"reports\""),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn renaming_a_site_moves_its_location_sections() {
    let (_dir, config) = copy();
    let (ok, stdout, err) = run(iistui(&config).args(["set", "site", "intranet", "name=corp"]));
    assert!(ok, "{err}");
    let text = fs::read_to_string(&config).expect("read");
    assert!(text.contains("<site name=\"corp\" id=\"5\">"));
    assert!(
        text.contains("<location path=\"corp\" overrideMode=\"Allow\">"),
        "{text}"
    );
    assert!(!text.contains("<location path=\"intranet\""));
    assert!(stdout.contains("now reads \"corp\""), "{stdout}");
}

#[test]
fn relative_physical_paths_sni_without_a_host_and_bad_names_are_refused_with_the_rule() {
    let (dir, config) = copy();
    let original = fs::read_to_string(DEMO).expect("demo");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "add",
                "site",
                "--name",
                "spaced",
                "--physical-path",
                "relative\\dir",
                "--binding",
                "http/*:8081:spaced",
            ],
            "the physical path must be absolute",
        ),
        (
            vec![
                "add",
                "app",
                "--site",
                "contoso.com",
                "--path",
                "/rel",
                "--physical-path",
                "rel",
            ],
            "must be absolute",
        ),
        (
            vec![
                "add",
                "vdir",
                "--app",
                "contoso.com/",
                "--path",
                "/rel",
                "--physical-path",
                ".\\rel",
            ],
            "must be absolute",
        ),
        (
            vec!["set", "vdir", "contoso.com/", "physicalPath=wwwroot"],
            "must be absolute",
        ),
        (
            vec![
                "add",
                "binding",
                "--site",
                "contoso.com",
                "--ssl-flags",
                "Sni",
                "https/*:8443:",
            ],
            "an SNI binding (SSL flag Sni) needs a host name",
        ),
        (
            vec![
                "set",
                "binding",
                "contoso.com",
                "http/*:80:www.contoso.com",
                "bindingInformation=*:80:a..b",
            ],
            "empty label",
        ),
        (
            vec![
                "add",
                "site",
                "--name",
                "dot",
                "--physical-path",
                "D:\\x",
                "--binding",
                "http/*:8082:.",
            ],
            "empty label",
        ),
        (
            vec!["add", "apppool", "--name", "a/b"],
            "must not contain '/'",
        ),
    ];
    for (args, needle) in cases {
        let (ok, _, err) = run(iistui(&config).current_dir(dir.path()).args(&args));
        assert!(!ok, "{args:?} was accepted");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert_eq!(
            fs::read_to_string(&config).expect("read"),
            original,
            "{args:?}"
        );
    }
    assert!(!dir.path().join("relative").exists() && !dir.path().join("rel").exists());
}
