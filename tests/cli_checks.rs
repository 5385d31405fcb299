//! The CLI over the model's checks: `set` refuses a pool that does not exist (as `add` does)
//! unless `--force`, refuses a bare number for a time span and echoes the value it writes, and
//! `validate` says how many sections it could not check, in text and JSON; `add vdir` and `add
//! app` refuse a path that overlaps (a virtual directory an application would hide, and the
//! reverse); `delete app` says which virtual directories go with it and what its URL serves
//! then; `set` warns when it leaves a pool SpecificUser without a user name.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

const FIXTURE: &str = "tests/fixtures/apphost_small.config";

fn iistui(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("iistui").expect("binary");
    cmd.env("IISTUI_BACKUP_DIR", dir.join("backups"))
        .env_remove("IISTUI_CONFIG");
    cmd
}

fn copy_of(source: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("applicationHost.config");
    fs::copy(source, &path).expect("copy");
    (dir, path)
}

fn copy_of_fixture() -> (tempfile::TempDir, PathBuf) {
    copy_of(FIXTURE)
}

fn run(dir: &Path, path: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = iistui(dir)
        .arg("--config")
        .arg(path)
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs a command that must be refused (exit 1, the file untouched); returns its stderr.
fn refused(dir: &Path, path: &Path, args: &[&str]) -> String {
    let before = fs::read(path).expect("read");
    let (code, _, err) = run(dir, path, args);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(fs::read(path).expect("read"), before, "nothing written");
    err
}

/// Runs a command that must succeed; returns stdout, stderr and the file written.
fn written(dir: &Path, path: &Path, args: &[&str]) -> (String, String, String) {
    let (code, out, err) = run(dir, path, args);
    assert_eq!(code, Some(0), "{err}");
    (out, err, fs::read_to_string(path).expect("read"))
}

#[test]
fn set_refuses_a_pool_that_does_not_exist_unless_forced() {
    let (dir, path) = copy_of_fixture();
    let set = [
        "set",
        "app",
        "Default Web Site/",
        "applicationPool=NoSuchPool",
    ];
    let err = refused(dir.path(), &path, &set);
    assert!(
        err.contains("no application pool named \"NoSuchPool\"") && err.contains("--force"),
        "{err}"
    );
    let (out, err, file) = written(dir.path(), &path, &[&set[..], &["--force"]].concat());
    assert!(out.contains("set applicationPool = NoSuchPool"), "{out}");
    assert!(
        err.contains("does not exist"),
        "a forced write warns: {err}"
    );
    assert!(file.contains("applicationPool=\"NoSuchPool\""));
}

#[test]
fn set_refuses_a_bare_number_for_a_time_span_and_echoes_the_value_written() {
    let (dir, path) = copy_of_fixture();
    let pool = ["set", "apppool", "DefaultAppPool"];
    let err = refused(
        dir.path(),
        &path,
        &[&pool[..], &["processModel.idleTimeout=20"]].concat(),
    );
    assert!(err.contains("20m") && err.contains("00:20:00"), "{err}");
    let set = [&pool[..], &["processModel.idleTimeout=45m"]].concat();
    let (out, _, file) = written(dir.path(), &path, &set);
    assert!(
        out.contains("set processModel.idleTimeout = 00:45:00"),
        "{out}"
    );
    assert!(file.contains("<processModel idleTimeout=\"00:45:00\" />"));
}

#[test]
fn validate_counts_the_sections_it_could_not_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("web.config");
    fs::write(
        &file,
        "<configuration>\n  <system.web><compilation debug=\"true\" /></system.web>\n  <appSettings />\n  <system.webServer>\n    <directoryBrowse enabled=\"flase\" />\n  </system.webServer>\n</configuration>\n",
    )
    .expect("write");
    let out = iistui(dir.path())
        .arg("validate")
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(
            "5:22: error: system.webServer/directoryBrowse/@enabled: invalid value \"flase\""
        ),
        "{text}"
    );
    assert!(
        text.ends_with("1 file checked: 1 error, 0 warnings, 2 sections not checked (no schema)\n"),
        "{text}"
    );
    let json = iistui(dir.path())
        .args(["validate", "--json"])
        .arg(&file)
        .output()
        .expect("runs");
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(
        value[0]["uncheckedSections"],
        serde_json::json!(["appSettings", "system.web"])
    );
}

const DEMO: &str = "assets/demo/applicationHost.config";

#[test]
fn add_refuses_a_virtual_directory_an_application_would_hide_and_the_reverse() {
    let (dir, config) = copy_of(DEMO);
    for (kind, owner, virtual_path, rule) in [
        (
            "vdir",
            ["--app", "intranet/"],
            "/hr",
            "\"/hr\" is already application \"intranet/hr\": a virtual directory there would be hidden by it",
        ),
        (
            "app",
            ["--site", "intranet"],
            "/docs",
            "\"/docs\" is already virtual directory \"intranet/docs\" of application \"intranet/\": an application there would hide it",
        ),
    ] {
        let args: Vec<&str> = ["add", kind]
            .into_iter()
            .chain(owner)
            .chain(["--path", virtual_path, "--physical-path", "D:\\x"])
            .collect();
        let err = refused(dir.path(), &config, &args);
        assert!(err.contains(rule), "{err}");
    }
}

#[test]
fn delete_app_lists_its_virtual_directories_and_warns_that_the_url_changes_folder() {
    let (dir, path) = copy_of(DEMO);
    let (out, err, saved) = written(dir.path(), &path, &["delete", "app", "intranet/hr"]);
    assert!(
        out.contains("deleted its virtual directory \"/forms\" (%SystemDrive%\\shared\\hr-forms)"),
        "{out}"
    );
    assert!(
        err.contains("warning: the URL /hr will no longer serve %SystemDrive%\\sites\\intranet-hr"),
        "{err}"
    );
    assert!(!out.contains("serves /hr again"), "{out}");
    assert!(!saved.contains("hr-forms"));
}

#[test]
fn set_warns_when_a_pool_is_left_specific_user_without_a_user_name() {
    let (dir, path) = copy_of(DEMO);
    let (_, err, saved) = written(
        dir.path(),
        &path,
        &[
            "set",
            "apppool",
            "DefaultAppPool",
            "processModel.identityType=SpecificUser",
        ],
    );
    assert!(saved.contains("identityType=\"SpecificUser\""));
    assert!(
        err.contains(
            "warning: application pool \"DefaultAppPool\": the identity is SpecificUser but processModel.userName is empty; the pool cannot start"
        ),
        "{err}"
    );
}
