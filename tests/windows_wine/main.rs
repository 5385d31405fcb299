//! The Windows tier: the real `x86_64-pc-windows-gnu` iistui.exe under Wine, on copies of the demo
//! and corpus configurations reached through `C:\` and `Z:\` paths: `list`/`get`/`set`/`add`/
//! `delete`/`validate` read as the Linux build does and edit losslessly, `%SystemDrive%` expands,
//! backups land under `%APPDATA%`, the save refuses a read-only file and loses nothing to
//! concurrent writers or readers, the machine, IIS Express and `IISTUI_CONFIG` configurations are
//! found, and the exit codes are the documented ones. Each test skips with a notice unless
//! `IISTUI_WINDOWS_EXE` names the built exe (`.ci/run` builds it with the `bcryptprimitives.dll`
//! shim beside it and makes the prefix).

// Tests say what they skipped and measured.
#![allow(clippy::print_stdout, clippy::print_stderr)]

#[path = "../common/mod.rs"]
mod common;
mod discovery;
mod harness;
mod save;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use harness::{Folder, Run, linux};

const DEMO: &str = "assets/demo/applicationHost.config";
const FIXTURE: &str = "tests/fixtures/apphost_small.config";

/// The demo config and one corpus applicationHost.config (with sites and pools) per file format:
/// byte-order mark or not, UTF-16 or not, CRLF or LF, tab or space indents. The Linux tier
/// round-trips every corpus file; here each start of Wine costs time, and the format is what the
/// Windows side could handle differently.
fn one_config_per_format() -> Vec<PathBuf> {
    let mut seen = BTreeSet::new();
    let mut files = vec![PathBuf::from(DEMO)];
    for path in common::corpus_files("appHost") {
        let Ok(bytes) = fs::read(&path) else { continue };
        let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
        let editable = has(b"<sites>") && has(b"<applicationPools>");
        let format = (
            bytes.starts_with(b"\xef\xbb\xbf"),
            bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff"),
            has(b"\r\n"),
            has(b"\n\t"),
        );
        if editable && !common::marked_malformed(&path) && seen.insert(format) {
            files.push(path);
        }
    }
    files
}

/// Asserts that the Windows run did what the Linux build does on the same file.
fn same_as_linux(windows: &Run, linux: &Run, folder: &Folder, what: &str) {
    assert_eq!(
        windows.code, linux.code,
        "{what}: {windows:#?} vs {linux:#?}"
    );
    let (win_out, linux_out) = (&windows.stdout, folder.as_windows(&linux.stdout));
    if let (Ok(a), Ok(b)) = (
        serde_json::from_str::<serde_json::Value>(win_out),
        serde_json::from_str::<serde_json::Value>(&linux_out),
    ) {
        assert_eq!(a, b, "{what}: JSON differs");
    } else {
        assert_eq!(*win_out, linux_out, "{what}: stdout differs");
    }
    let linux_err = folder.as_windows(&linux.stderr);
    assert_eq!(windows.stderr, linux_err, "{what}: stderr differs");
}

#[test]
fn demo_and_corpus_configs_read_on_c_as_on_linux() {
    let Some(case) = harness::on_c("read") else {
        return;
    };
    let (wine, folder) = (case.wine, &case.folder);
    let mut sources = vec![PathBuf::from(DEMO), PathBuf::from(FIXTURE)];
    sources.extend(common::corpus_files("appHost"));
    let mut windows_files = Vec::new();
    let mut unix_files = Vec::new();
    for (i, source) in sources.iter().enumerate() {
        let (windows, unix) = folder.copy(source, &format!("{i:02}.config"));
        let what = format!("list sites on {}", source.display());
        let on_windows = wine.run(&["list", "sites", "--json", "--config", &windows]);
        let on_linux = linux(&["list", "sites", "--json", "--config"], &[&unix]);
        same_as_linux(&on_windows, &on_linux, folder, &what);
        windows_files.push(windows);
        unix_files.push(unix);
    }
    // One validate over every file (malformed corpus files included): the same findings at the
    // same FILE:LINE:COL, the same summary and exit code.
    let mut args = vec!["validate"];
    args.extend(windows_files.iter().map(String::as_str));
    let on_windows = wine.run(&args);
    let unix_files: Vec<&Path> = unix_files.iter().map(PathBuf::as_path).collect();
    let on_linux = linux(&["validate"], &unix_files);
    same_as_linux(&on_windows, &on_linux, folder, "validate");
    assert!(on_windows.stdout.contains(" checked: "), "{on_windows:#?}");
}

#[test]
fn corpus_copies_on_z_round_trip_add_and_delete_site_per_file_format() {
    let Some(case) = harness::on_z() else { return };
    let (wine, folder) = (case.wine, &case.folder);
    let (backups, _) = folder.join("backups");
    let mut round_trips = 0;
    for (i, source) in one_config_per_format().iter().enumerate() {
        let (config, path) = folder.copy(source, &format!("{i:02}/applicationHost.config"));
        let original = fs::read(&path).expect("read");
        let pools = linux(&["list", "apppools", "--json", "--config"], &[&path])
            .ok()
            .json();
        let Some(pool) = pools[0]["name"].as_str() else {
            continue;
        };
        let edit = |args: &[&str]| {
            wine.on(&config, &[("IISTUI_BACKUP_DIR", &backups)], args)
                .ok()
        };
        let added = edit(&[
            "add",
            "site",
            "--name",
            "wine probe",
            "--physical-path",
            "%SystemDrive%\\inetpub\\wwwroot",
            "--binding",
            "http/*:65123:probe.test",
            "--apppool",
            pool,
        ]);
        let saved = format!("saved {config} (backup: {backups}\\applicationHost.config.");
        assert!(
            added.stdout.contains(&saved),
            "{}: {added:#?}",
            source.display()
        );
        let edited = fs::read(&path).expect("read");
        assert_ne!(edited, original, "{}", source.display());
        iistui::model::doc::Document::parse(edited).expect("the saved file parses");
        edit(&["delete", "site", "wine probe"]);
        assert!(
            fs::read(&path).expect("read") == original,
            "{}: add + delete under Windows did not restore the bytes",
            source.display()
        );
        round_trips += 1;
    }
    assert!(round_trips > 0, "the demo config at least has a pool");
}

/// The backup a save reported on stdout (`… (backup: PATH)`).
fn reported_backup(run: &Run) -> String {
    let start = run.stdout.find("(backup: ").expect("backup reported") + "(backup: ".len();
    let end = run.stdout[start..].find(')').expect("closing parenthesis") + start;
    run.stdout[start..end].to_owned()
}

#[test]
fn edits_on_c_back_up_under_appdata_and_exit_as_documented() {
    // A folder name with a space and non-ASCII letters: wide-character paths end to end.
    let Some(case) = harness::on_c("édition ñ") else {
        return;
    };
    let (wine, folder) = (case.wine, &case.folder);
    let (config, path) = folder.copy(Path::new(DEMO), "applicationHost.config");
    let original = fs::read(&path).expect("read");
    // No IISTUI_BACKUP_DIR: backups go to the platform data directory.
    let on = |args: &[&str]| wine.on(&config, &[], args);

    let set = on(&[
        "set",
        "apppool",
        "DefaultAppPool",
        "startMode=AlwaysRunning",
    ])
    .ok();
    assert!(
        set.stdout.contains(&format!("saved {config} (backup: ")),
        "{set:#?}"
    );
    let backup = reported_backup(&set);
    let backups = format!("{}\\iistui\\data\\backups\\", wine.appdata);
    assert!(
        backup.starts_with(&backups),
        "{backup} is not under {backups}"
    );
    assert_eq!(fs::read(wine.unix_path(&backup)).expect("backup"), original);
    let saved = fs::read_to_string(&path).expect("read");
    assert!(saved.contains("<add name=\"DefaultAppPool\" startMode=\"AlwaysRunning\""));
    iistui::model::doc::Document::parse(saved.clone().into_bytes()).expect("parses");
    let got = on(&["get", "apppool", "DefaultAppPool", "startMode", "--json"]).ok();
    assert_eq!(got.json()["value"], "AlwaysRunning", "{got:#?}");
    assert_eq!(got.json()["origin"], "explicit", "{got:#?}");

    // %SystemDrive% in a new site's path: an existing folder draws no warning, a missing one does.
    fs::create_dir_all(folder.unix.join("www")).expect("mkdir");
    let www = "%SystemDrive%\\iistui-wine\\édition ñ\\www";
    let binding = "http/*:8099:shop.test";
    let added = on(&[
        "add",
        "site",
        "--name",
        "Shop",
        "--physical-path",
        www,
        "--binding",
        binding,
    ]);
    assert!(!added.ok().stderr.contains("does not exist"));
    let missing = "%SystemDrive%\\iistui-wine\\édition ñ\\missing";
    let app = on(&[
        "add",
        "app",
        "--site",
        "Shop",
        "--path",
        "/api",
        "--physical-path",
        missing,
    ]);
    assert!(
        app.ok()
            .stderr
            .contains(&format!("physical path {missing} does not exist"))
    );
    let vdirs = on(&["list", "vdirs", "--site", "Shop", "--json"])
        .ok()
        .json();
    assert_eq!(
        vdirs[0]["expandedPhysicalPath"],
        format!("{}\\www", folder.windows),
        "{vdirs:#}"
    );
    on(&["delete", "app", "Shop/api"]).ok();
    on(&["delete", "site", "Shop"]).ok();
    on(&["delete", "apppool", "Shop"]).ok();
    assert_eq!(fs::read_to_string(&path).expect("read"), saved);

    // Exit codes: 1 refused or invalid, 2 usage or I/O.
    on(&["delete", "site", "Nope"]).refused(1, "no site named \"Nope\"");
    on(&["set", "apppool", "DefaultAppPool", "startMode=Sometimes"]).refused(1, "startMode");
    on(&["set", "apppool", "DefaultAppPool", "startMode"]).refused(2, "expected key=value");
    let absent = format!("{}\\absent.config", folder.windows);
    let list = |config: &str| wine.run(&["list", "sites", "--config", config]);
    list(&absent).refused(2, "no such file");
    list(&folder.windows).refused(2, "it is a directory");
    assert_eq!(fs::read_to_string(&path).expect("read"), saved);
    let (clean, _) = folder.copy(Path::new(FIXTURE), "clean.config");
    wine.run(&["validate", &clean]).ok();
    wine.run(&["validate", &config]).refused(1, "");
    wine.run(&["validate", &absent]).refused(2, "");
}
