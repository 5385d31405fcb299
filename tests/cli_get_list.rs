//! `get site` shows a site's bindings and physical path (keys `bindings` and `physicalPath`),
//! and `list` on a file that is not applicationHost.config (a web.config) says what the file is
//! and what it configures instead of printing nothing. The real binary on temp copies.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const DEMO: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/demo/applicationHost.config"
);
const WEB_CONFIG: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/demo/drive-c/sites/shop.tailspin.com/web.config"
);

fn copy(source: &str, dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::copy(source, &path).expect("copy");
    path
}

/// Runs `iistui --config CONFIG ARGS…`: exit code, stdout, stderr.
fn run(config: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("iistui")
        .expect("binary")
        .env_remove("IISTUI_CONFIG")
        .arg("--config")
        .arg(config)
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8(out.stderr).expect("utf-8"),
    )
}

#[test]
fn get_site_shows_its_bindings_and_physical_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = copy(DEMO, dir.path(), "applicationHost.config");
    let (code, out, err) = run(&config, &["get", "site", "contoso.com"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("bindings "))
        .expect("a bindings line");
    assert!(lines[at - 1].starts_with("id "), "after the ID: {out}");
    assert!(
        lines[at].ends_with("= http/*:80:contoso.com  (explicit, line 124)"),
        "{}",
        lines[at]
    );
    assert!(
        lines[at + 1]
            .trim_start()
            .starts_with("http/*:80:www.contoso.com  (explicit, line 125)")
    );
    assert!(
        lines[at + 2].trim_start().starts_with(
            "https/*:443:contoso.com sslFlags=1 certificateHash=3A4F9C2E7B1D8F6A0C5E4B3D2A1F0E9D8C7B6A54 certificateStoreName=WebHosting"
        ),
        "{}",
        lines[at + 2]
    );
    assert!(
        lines[at + 3].starts_with("physicalPath ")
            && lines[at + 3].ends_with(
                "= %SystemDrive%\\sites\\contoso.com  (root virtual directory \"contoso.com/\": explicit, line 121)"
            ),
        "{}",
        lines[at + 3]
    );

    // As keys.
    let (code, out, _) = run(&config, &["get", "site", "contoso.com", "bindings"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(out.starts_with("bindings = http/*:80:contoso.com  (explicit, line 124)\n"));
    let (code, out, _) = run(&config, &["get", "site", "contoso.com", "physicalPath"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("physicalPath = %SystemDrive%\\sites\\contoso.com"));
    // A near miss names them.
    let (code, _, err) = run(&config, &["get", "site", "contoso.com", "binding"]);
    assert_eq!(code, 1);
    assert!(err.contains("did you mean: bindings"), "{err}");
    // Pools have no such keys.
    let (_, out, _) = run(&config, &["get", "apppool", "DefaultAppPool"]);
    assert!(!out.contains("bindings"), "{out}");
}

#[test]
fn get_site_json_has_bindings_in_full_and_the_physical_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = copy(DEMO, dir.path(), "applicationHost.config");
    let (code, out, err) = run(
        &config,
        &["get", "site", "contoso.com", "bindings", "--json"],
    );
    assert_eq!(code, 0, "{err}");
    let value: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(value["key"], "bindings");
    assert_eq!(
        value["value"],
        "http/*:80:contoso.com,http/*:80:www.contoso.com,https/*:443:contoso.com"
    );
    assert_eq!(value["origin"], "explicit");
    let bindings = value["bindings"].as_array().expect("bindings array");
    assert_eq!(bindings.len(), 3);
    assert_eq!(bindings[0]["host"], "contoso.com");
    assert_eq!(bindings[0]["port"], 80);
    assert_eq!(bindings[0]["line"], 124);
    assert_eq!(bindings[2]["protocol"], "https");
    assert_eq!(bindings[2]["sslFlags"], "1");
    assert_eq!(bindings[2]["certificateStoreName"], "WebHosting");

    let (code, out, _) = run(&config, &["get", "site", "contoso.com", "--json"]);
    assert_eq!(code, 0);
    let all: Vec<serde_json::Value> = serde_json::from_str(&out).expect("JSON");
    let find = |key: &str| {
        all.iter()
            .find(|v| v["key"] == key)
            .unwrap_or_else(|| panic!("{key} in {out}"))
    };
    assert_eq!(
        find("bindings")["bindings"].as_array().map(Vec::len),
        Some(3)
    );
    assert_eq!(
        find("physicalPath")["value"],
        "%SystemDrive%\\sites\\contoso.com"
    );
    assert_eq!(find("physicalPath")["line"], 121);
    // Other keys keep their shape (no `bindings` field).
    assert!(find("serverAutoStart").get("bindings").is_none());
}

#[test]
fn get_site_without_bindings_or_root_directory_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("applicationHost.config");
    std::fs::write(
        &config,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<configuration>
    <system.applicationHost>
        <applicationPools />
        <sites>
            <site name="Bare" id="7" />
        </sites>
    </system.applicationHost>
</configuration>
"#,
    )
    .expect("write");
    let (code, out, err) = run(&config, &["get", "site", "Bare"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("bindings ") && l.ends_with("= (none)")),
        "{out}"
    );
    assert!(
        out.lines().any(|l| l.starts_with("physicalPath ")
            && l.ends_with("= (not set)  (the site has no root virtual directory)")),
        "{out}"
    );
}

#[test]
fn list_on_a_web_config_says_what_the_file_is_for_every_kind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = copy(WEB_CONFIG, dir.path(), "web.config");
    for (kind, word) in [
        ("sites", "no sites"),
        ("apppools", "no application pools"),
        ("apps", "no applications"),
        ("vdirs", "no virtual directories"),
    ] {
        let (code, out, err) = run(&config, &["list", kind]);
        assert_eq!(code, 0, "{kind}: {err}");
        assert_eq!(out, "", "{kind}: nothing on standard output");
        for said in [
            word,
            "it is a web.config, one application's settings",
            "live in the server's applicationHost.config",
            "this file configures: system.webServer/handlers (in <location path=\".\">), system.webServer/aspNetCore (in <location path=\".\">)",
            "ASP.NET Core Module: processPath dotnet, arguments .\\Tailspin.Shop.dll, hostingModel inprocess",
        ] {
            assert!(err.contains(said), "{kind}: {said:?} in {err}");
        }
        // JSON stays a list for scripts; --site does not turn it into an error.
        let (code, out, _) = run(&config, &["list", kind, "--json", "--site", "Shop"]);
        assert_eq!((code, out.trim()), (0, "[]"), "{kind} --json");
    }
}
