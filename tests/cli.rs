//! CLI integration tests: the real binary on temp copies of corpus files and the fixture.
//! `add site` then `delete site` restores the exact bytes; `--dry-run` writes nothing; a failed
//! write leaves the original and its backup intact; `validate` reports FILE:LINE:COL and exits
//! 0/1/2.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

const FIXTURE: &str = "tests/fixtures/apphost_small.config";

fn iistui(backups: &Path) -> Command {
    let mut cmd = Command::cargo_bin("iistui").expect("binary");
    cmd.env("IISTUI_BACKUP_DIR", backups)
        .env_remove("IISTUI_CONFIG");
    cmd
}

fn copy_to_temp(source: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("applicationHost.config");
    fs::copy(source, &path).expect("copy");
    // The corpus is read-only, and so would be its copies: a read-only config is refused.
    let mut permissions = fs::metadata(&path).expect("copy").permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    fs::set_permissions(&path, permissions).expect("make the copy writable");
    (dir, path)
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn parsed_apphost_configs() -> Vec<PathBuf> {
    common::corpus_files("appHost")
        .into_iter()
        .filter(|p| !common::marked_malformed(p))
        .filter(|p| {
            fs::read_to_string(p)
                .is_ok_and(|t| t.contains("<sites>") && t.contains("<applicationPools>"))
        })
        .collect()
}

#[test]
fn every_corpus_apphost_lists_sites_and_pools() {
    for file in common::corpus_files("appHost")
        .iter()
        .filter(|p| !common::marked_malformed(p))
    {
        let (dir, path) = copy_to_temp(file);
        for kind in ["sites", "apppools", "apps", "vdirs"] {
            let out = iistui(&dir.path().join("b"))
                .args(["list", kind, "--json", "--config"])
                .arg(&path)
                .output()
                .expect("runs");
            assert!(
                out.status.success(),
                "{} {kind}: {}",
                file.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
            assert!(value.is_array());
        }
    }
}

#[test]
fn add_then_delete_site_restores_exact_bytes_on_corpus_copies() {
    let mut files = parsed_apphost_configs();
    files.push(PathBuf::from(FIXTURE));
    for file in &files {
        let (dir, path) = copy_to_temp(file);
        let original = fs::read(&path).expect("read");
        let backups = dir.path().join("backups");
        // With an existing pool, add + delete site is an exact round trip.
        let pools: serde_json::Value = serde_json::from_str(&stdout(
            iistui(&backups)
                .args(["list", "apppools", "--json", "--config"])
                .arg(&path),
        ))
        .expect("json");
        let Some(pool) = pools
            .as_array()
            .and_then(|a| a.first())
            .and_then(|p| p["name"].as_str())
            .map(str::to_owned)
        else {
            continue;
        };
        stdout(iistui(&backups).arg("--config").arg(&path).args([
            "add",
            "site",
            "--name",
            "iistui probe",
            "--physical-path",
            "C:\\probe",
            "--binding",
            "http/*:65123:probe.test",
            "--apppool",
            &pool,
        ]));
        assert_ne!(fs::read(&path).expect("read"), original);
        stdout(iistui(&backups).arg("--config").arg(&path).args([
            "delete",
            "site",
            "iistui probe",
        ]));
        assert!(
            fs::read(&path).expect("read") == original,
            "{} not restored",
            file.display()
        );
        // Without a pool, the site's own pool is created; deleting both restores the bytes too.
        stdout(iistui(&backups).arg("--config").arg(&path).args([
            "add",
            "site",
            "--name",
            "probe2",
            "--physical-path",
            "C:\\probe",
            "--binding",
            "http/*:65124:probe.test",
        ]));
        stdout(
            iistui(&backups)
                .arg("--config")
                .arg(&path)
                .args(["delete", "site", "probe2"]),
        );
        stdout(
            iistui(&backups)
                .arg("--config")
                .arg(&path)
                .args(["delete", "apppool", "probe2"]),
        );
        assert!(
            fs::read(&path).expect("read") == original,
            "{} not restored (pool)",
            file.display()
        );
    }
}

#[test]
fn dry_run_prints_a_diff_and_writes_nothing() {
    let (dir, path) = copy_to_temp(Path::new(FIXTURE));
    let original = fs::read(&path).expect("read");
    let backups = dir.path().join("backups");
    let out = stdout(iistui(&backups).arg("--config").arg(&path).args([
        "set",
        "apppool",
        "DefaultAppPool",
        "startMode=AlwaysRunning",
        "--dry-run",
    ]));
    assert!(
        out.contains("-            <add name=\"DefaultAppPool\" />"),
        "{out}"
    );
    assert!(
        out.contains("+            <add name=\"DefaultAppPool\" startMode=\"AlwaysRunning\" />"),
        "{out}"
    );
    assert_eq!(fs::read(&path).expect("read"), original);
    assert!(!backups.exists(), "no backup for a dry run");
}

#[test]
fn mutations_report_changes_and_backup_and_refusals_exit_1() {
    let (dir, path) = copy_to_temp(Path::new(FIXTURE));
    let backups = dir.path().join("backups");
    let out = stdout(iistui(&backups).arg("--config").arg(&path).args([
        "add",
        "apppool",
        "--name",
        "Api",
        "--runtime",
        "none",
        "--pipeline",
        "integrated",
    ]));
    assert!(out.starts_with("added application pool \"Api\"\n"), "{out}");
    assert!(out.contains("(backup: "), "{out}");
    assert!(fs::read_to_string(&path).expect("read").contains(
        "<add name=\"Api\" managedRuntimeVersion=\"\" managedPipelineMode=\"Integrated\" />"
    ));
    let refused = iistui(&backups)
        .arg("--config")
        .arg(&path)
        .args(["delete", "apppool", "DefaultAppPool"])
        .output()
        .expect("runs");
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("Default Web Site/, Contoso/api"));
    let readonly = iistui(&backups)
        .arg("--config")
        .arg(&path)
        .args(["--readonly", "add", "apppool", "--name", "X"])
        .output()
        .expect("runs");
    assert_eq!(readonly.status.code(), Some(1));
    let get = stdout(iistui(&backups).arg("--config").arg(&path).args([
        "get",
        "app",
        "Contoso/api",
        "applicationPool",
        "--json",
    ]));
    let value: serde_json::Value = serde_json::from_str(&get).expect("json");
    assert_eq!(
        (value["value"].as_str(), value["origin"].as_str()),
        (Some("DefaultAppPool"), Some("applicationDefaults"))
    );
}

#[cfg(unix)]
#[test]
fn a_failed_write_leaves_original_and_backup_intact() {
    let (dir, path) = copy_to_temp(Path::new(FIXTURE));
    let original = fs::read(&path).expect("read");
    assert!(
        original.len() <= 8 * 512,
        "fixture must fit the file-size limit"
    );
    let backups = dir.path().join("backups");
    let long_path = format!("D:\\{}", "x".repeat(6000));
    // A file-size limit of 8 blocks (4 KiB or 8 KiB, by shell) lets the backup (the original's
    // size) be written but not the grown config; XFSZ is ignored so the write fails with EFBIG.
    let binary = assert_cmd::cargo::cargo_bin("iistui");
    let script = format!(
        "trap '' XFSZ; ulimit -f 8; exec \"{}\" --config \"{}\" add site --name Big --physical-path '{long_path}' --binding http/*:8088:big.test",
        binary.display(),
        path.display()
    );
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .env("IISTUI_BACKUP_DIR", &backups)
        .output()
        .expect("sh");
    assert!(!out.status.success(), "the write should fail");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("the original is unchanged"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(fs::read(&path).expect("read"), original, "original intact");
    let saved: Vec<PathBuf> = fs::read_dir(&backups)
        .expect("backups")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "bak"))
        .collect();
    assert_eq!(saved.len(), 1);
    assert_eq!(
        fs::read(&saved[0]).expect("backup"),
        original,
        "backup intact"
    );
    let temps = fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .count();
    assert_eq!(temps, 0, "temp file cleaned up");
}

#[test]
fn validate_reports_locations_and_exit_codes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let backups = dir.path().join("b");
    let good = dir.path().join("good.config");
    fs::copy(FIXTURE, &good).expect("copy");
    let ok = iistui(&backups)
        .arg("validate")
        .arg(&good)
        .output()
        .expect("runs");
    assert_eq!(ok.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&ok.stdout),
        // configProtectedData has no bundled schema.
        "1 file checked: 0 errors, 0 warnings, 1 section not checked (no schema)\n"
    );

    let bad = dir.path().join("bad.config");
    fs::write(&bad, "<configuration>\n  <system.applicationHost>\n    <sites>\n      <site name=\"a\" id=\"1\" />\n      <site name=\"A\" id=\"2\" serverAutoStart=\"maybe\" />\n    </sites>\n  </system.applicationHost>\n</configuration>\n").expect("write");
    let broken = dir.path().join("broken.config");
    fs::write(&broken, "<configuration>\n  <sites>\n").expect("write");
    let out = iistui(&backups)
        .arg("validate")
        .arg(&bad)
        .arg(&broken)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let bad_name = bad.display();
    assert!(text.contains(&format!("{bad_name}:5:7: error: system.applicationHost/sites/site[A]: duplicate site name \"a\" (first at 4:7)")), "{text}");
    assert!(text.contains(&format!("{bad_name}:5:29: error: system.applicationHost/sites/site[A]/@serverAutoStart: invalid value \"maybe\": must be true or false")), "{text}");
    assert!(
        text.contains(&format!(
            "{}:3:1: error: XML: unexpected end of file",
            broken.display()
        )),
        "{text}"
    );
    assert!(text.contains(&format!("{bad_name}:4:7: error: system.applicationHost/sites/site[a]: the site has no root application")), "{text}");
    assert!(
        text.ends_with("2 files checked: 5 errors, 0 warnings\n"),
        "{text}"
    );

    let missing = iistui(&backups)
        .arg("validate")
        .arg(dir.path().join("nope.config"))
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(2));
    let err = String::from_utf8_lossy(&missing.stderr);
    assert!(
        err.contains("nope.config: no such file") && err.contains("is a directory"),
        "{err}"
    );
    let usage = iistui(&backups).arg("validate").output().expect("runs");
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn without_a_config_the_cli_says_what_to_pass() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = iistui(&dir.path().join("b"))
        .args(["list", "sites"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("pass --config PATH"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn long_lists_come_out_whole_and_in_file_order() {
    // Over 2,000 sites the rows are built on two threads and streamed in blocks.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("applicationHost.config");
    fs::write(&path, iistui::model::generate::apphost_config(2_600)).expect("write");
    let json = stdout(
        iistui(dir.path())
            .arg("--config")
            .arg(&path)
            .args(["list", "sites", "--json"]),
    );
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).expect("one JSON array");
    assert_eq!(rows.len(), 2_601);
    let ids: Vec<u64> = rows.iter().filter_map(|r| r["id"].as_u64()).collect();
    assert_eq!(ids, (1..=2_601).collect::<Vec<u64>>());
    let text = stdout(
        iistui(dir.path())
            .arg("--config")
            .arg(&path)
            .args(["list", "sites"]),
    );
    assert_eq!(text.lines().count(), 2_601);
    for (line, row) in text.lines().zip(&rows) {
        let name = row["name"].as_str().expect("name");
        assert!(line.starts_with(&format!("SITE \"{name}\" (id:")), "{line}");
    }
}

#[test]
fn iisexpress_opens_the_visual_studio_solutions_config_from_inside_the_solution() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join(".vs").join("Shop").join("config");
    fs::create_dir_all(&config).expect("mkdir");
    fs::copy(FIXTURE, config.join("applicationhost.config")).expect("copy");
    let project = dir.path().join("Shop.Web");
    fs::create_dir_all(&project).expect("mkdir");
    let text = stdout(
        iistui(&dir.path().join("backups"))
            .current_dir(&project)
            .args(["--iisexpress", "list", "sites"]),
    );
    assert!(text.contains("SITE \"Contoso\""), "{text}");
}
