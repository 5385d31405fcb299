//! `iistui acl …` through the built binary on real files with real POSIX ACLs: show (text and
//! JSON), grant with --dry-run and /T, the printed undo command, deny and Windows principals
//! refused with nothing changed, remove, grant-pool through a configuration, --readonly, and
//! hostile file names escaped.
#![cfg(target_os = "linux")]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

fn iistui(backups: &Path) -> Command {
    let mut cmd = Command::cargo_bin("iistui").expect("binary");
    cmd.env("IISTUI_BACKUP_DIR", backups)
        .env_remove("IISTUI_CONFIG");
    cmd
}

fn getfacl(path: &Path) -> String {
    let out = Process::new("getfacl")
        .args(["-R", "-P", "-p", "-E", "--"])
        .arg(path)
        .output()
        .expect("getfacl runs (the acl package)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

struct Site {
    dir: tempfile::TempDir,
    site: PathBuf,
    backups: PathBuf,
}

fn site() -> Site {
    let dir = tempfile::tempdir().expect("tempdir");
    let site = dir.path().join("shop");
    fs::create_dir_all(site.join("App_Data")).expect("mkdir");
    fs::write(site.join("index.html"), "hi").expect("write");
    let backups = dir.path().join("backups");
    Site { dir, site, backups }
}

fn run(cmd: &mut Command) -> (bool, String, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn show_prints_the_icacls_style_listing_and_json() {
    let s = site();
    let (ok, out, err) = run(iistui(&s.backups).args(["acl", "show"]).arg(&s.site));
    assert!(ok, "{err}");
    let path = s.site.display().to_string();
    assert!(out.starts_with(&format!("{path} OWNER@:(rwx)\n")), "{out}");
    assert!(
        out.contains(&format!("{} GROUP@:", " ".repeat(path.len()))),
        "{out}"
    );
    let (ok, out, err) = run(iistui(&s.backups)
        .args(["acl", "show", "--json"])
        .arg(&s.site));
    assert!(ok, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(json["path"], path.as_str());
    assert_eq!(json["entries"][0]["principal"], "OWNER@");
    assert_eq!(json["entries"][0]["type"], "allow");
    assert_eq!(json["entries"][0]["inherited"], false);
}

#[test]
fn grant_dry_run_changes_nothing_then_grant_with_slash_t_and_undo() {
    let s = site();
    let before = getfacl(&s.site);
    let (ok, out, err) = run(iistui(&s.backups)
        .args(["acl", "grant"])
        .arg(&s.site)
        .args(["group:users:(OI)(CI)RX", "--dry-run", "--recursive"]));
    assert!(ok, "{err}");
    assert!(
        out.contains(&format!(
            "icacls: icacls {} /grant 'group:users:(OI)(CI)RX' /T",
            s.site.display()
        )),
        "{out}"
    );
    assert!(
        out.contains("runs:   setfacl --restore=-  (the new ACLs of 3 files on standard input)"),
        "{out}"
    );
    assert!(out.contains("after (expected):"), "{out}");
    assert!(out.contains("group:users:(OI)(CI)(r-x)"), "{out}");
    assert!(err.contains("dry run: nothing changed"), "{err}");
    assert_eq!(getfacl(&s.site), before);

    let (ok, out, err) = run(iistui(&s.backups)
        .args(["acl", "grant"])
        .arg(&s.site)
        .args(["group:users:(OI)(CI)RX", "/T"]));
    assert!(ok, "{err}");
    assert!(getfacl(&s.site.join("index.html")).contains("\ngroup:users:r--\n"));
    assert!(getfacl(&s.site.join("App_Data")).contains("\ndefault:group:users:r-x\n"));
    let undo_line = out
        .lines()
        .find_map(|l| l.strip_prefix("undo:   "))
        .expect("an undo line");
    let saved = undo_line
        .strip_prefix("setfacl --restore=")
        .expect("a setfacl restore");
    assert!(Path::new(saved).starts_with(&s.backups), "{saved}");
    let status = Process::new("setfacl")
        .arg(format!("--restore={saved}"))
        .status()
        .expect("setfacl runs");
    assert!(status.success());
    assert_eq!(getfacl(&s.site), before);
}

#[test]
fn deny_and_windows_principals_are_refused_with_nothing_changed() {
    let s = site();
    let before = getfacl(&s.site);
    for (args, says) in [
        (vec!["deny", "PATH", "user:nobody:W"], "no deny entries"),
        (
            vec!["grant", "PATH", r"IIS AppPool\DefaultAppPool:(OI)(CI)RX"],
            "does not exist on this system",
        ),
        (
            vec!["grant", "PATH", "user:nobody:(RD,WDAC)"],
            "no equivalent of WDAC",
        ),
        (vec!["remove", "PATH", "*S-1-5-32-568"], "Windows SID"),
        (vec!["grant", "PATH", "nobody"], "PRINCIPAL:RIGHTS"),
    ] {
        let mut cmd = iistui(&s.backups);
        cmd.arg("acl");
        for a in &args {
            if *a == "PATH" {
                cmd.arg(&s.site);
            } else {
                cmd.arg(a);
            }
        }
        let out = cmd.output().expect("runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert_eq!(getfacl(&s.site), before, "{args:?} changed something");
    }
    assert!(!s.backups.exists());
}

#[test]
fn remove_takes_a_principal_out() {
    let s = site();
    let (ok, _, err) = run(iistui(&s.backups)
        .args(["acl", "grant"])
        .arg(&s.site)
        .arg("user:nobody:(OI)(CI)R"));
    assert!(ok, "{err}");
    assert!(getfacl(&s.site).contains("nobody"));
    let (ok, out, err) = run(iistui(&s.backups)
        .args(["acl", "remove"])
        .arg(&s.site)
        .arg("user:nobody"));
    assert!(ok, "{err}");
    assert!(out.contains("/remove user:nobody"), "{out}");
    assert!(!getfacl(&s.site).contains("nobody"));
}

fn config(s: &Site) -> PathBuf {
    let root = s.dir.path().display();
    let text = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<configuration>
    <system.applicationHost>
        <applicationPools>
            <add name="Shop" />
            <add name="Blog">
                <processModel identityType="SpecificUser" userName="nobody" />
            </add>
            <applicationPoolDefaults>
                <processModel identityType="ApplicationPoolIdentity" />
            </applicationPoolDefaults>
        </applicationPools>
        <sites>
            <site name="Shop" id="1">
                <application path="/" applicationPool="Shop">
                    <virtualDirectory path="/" physicalPath="{root}/shop" />
                </application>
            </site>
            <site name="Blog" id="2">
                <application path="/" applicationPool="Blog">
                    <virtualDirectory path="/" physicalPath="{root}/shop" />
                </application>
            </site>
        </sites>
    </system.applicationHost>
</configuration>
"#
    );
    let path = s.dir.path().join("applicationHost.config");
    fs::write(&path, text).expect("write config");
    path
}

#[test]
fn grant_pool_refuses_application_pool_identity_here_and_grants_a_local_user() {
    let s = site();
    let config = config(&s);
    let before = getfacl(&s.site);
    let out = iistui(&s.backups)
        .args(["acl", "grant-pool", "--app", "Shop", "--config"])
        .arg(&config)
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(r"IIS AppPool\Shop"), "{err}");
    assert!(err.contains("ApplicationPoolIdentity"), "{err}");
    assert!(err.contains("group:www-data"), "{err}");
    assert_eq!(getfacl(&s.site), before);

    let (ok, out, err) = run(iistui(&s.backups)
        .args(["acl", "grant-pool", "--app", "Blog", "--config"])
        .arg(&config));
    assert!(ok, "{err}");
    assert!(
        out.contains("pool:   Blog runs as nobody (SpecificUser)"),
        "{out}"
    );
    assert!(out.contains("grant:  nobody:(OI)(CI)RX"), "{out}");
    assert!(getfacl(&s.site.join("index.html")).contains("\nuser:nobody:r--\n"));

    let (ok, out, err) = run(iistui(&s.backups)
        .args([
            "acl",
            "grant-pool",
            "--app",
            "Blog",
            "--folder",
            "App_Data",
            "--config",
        ])
        .arg(&config));
    assert!(ok, "{err}");
    assert!(out.contains("grant:  nobody:(OI)(CI)M"), "{out}");
    assert!(getfacl(&s.site.join("App_Data")).contains("\nuser:nobody:rwx\n"));

    let out = iistui(&s.backups)
        .args(["acl", "grant-pool", "--app", "Nope", "--config"])
        .arg(&config)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn readonly_refuses_a_change() {
    let s = site();
    let before = getfacl(&s.site);
    let out = iistui(&s.backups)
        .args(["--readonly", "acl", "grant"])
        .arg(&s.site)
        .arg("user:nobody:R")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--readonly"));
    assert_eq!(getfacl(&s.site), before);
}

#[test]
fn control_characters_in_a_path_are_escaped() {
    let s = site();
    let evil = s.dir.path().join("evil\u{1b}[31m\u{202e}dir");
    fs::create_dir(&evil).expect("mkdir");
    let (ok, out, err) = run(iistui(&s.backups).args(["acl", "show"]).arg(&evil));
    assert!(ok, "{err}");
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{202e}'),
        "{out:?}"
    );
    assert!(out.contains("evil\\x1b[31m\\u{202e}dir"), "{out}");
    let (ok, out, err) = run(iistui(&s.backups)
        .args(["acl", "grant", "--dry-run"])
        .arg(&evil)
        .arg("user:nobody:R"));
    assert!(ok, "{err}");
    assert!(!out.contains('\u{1b}'), "{out:?}");
    // The command to copy spells the escape inside $'…'.
    assert!(out.contains("$'"), "{out}");
}

#[test]
fn a_path_written_as_the_configuration_writes_it_is_expanded() {
    let s = site();
    let data = s.dir.path().join("data");
    let (ok, out, err) = run(iistui(&s.backups).env("IISTUI_DATA_DIR", &data).args([
        "--demo",
        "acl",
        "show",
        r"%SystemDrive%\sites\contoso.com",
    ]));
    assert!(ok, "{err}");
    let expanded = data.join("demo/drive-c/sites/contoso.com");
    assert!(
        out.starts_with(&format!("{} OWNER@:", expanded.display())),
        "{out}"
    );
    let (ok, _, err) = run(iistui(&s.backups).env("IISTUI_DATA_DIR", &data).args([
        "--demo",
        "acl",
        "show",
        r"%SystemDrive%\..\..\..\..\etc",
    ]));
    assert!(!ok);
    assert!(
        err.contains("leads out of the demo server's drive"),
        "{err}"
    );
    let (ok, _, err) = run(iistui(&s.backups).args(["acl", "show", r"%NOT_DEFINED_HERE%\x"]));
    assert!(!ok);
    assert!(
        err.contains("names a variable or a drive this system does not have"),
        "{err}"
    );
}
