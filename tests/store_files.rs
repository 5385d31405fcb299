//! What a save does to the file it replaces (issue 9, items 2, 3, 5, 6): a symlinked config is
//! written through to its target and stays a link; backups are pruned only by the index, the
//! first kept forever; a read-only file is refused unless forced (checked as an unprivileged
//! user, since root ignores modes); extended attributes and POSIX ACLs survive a save.

// Tests and benchmarks say what they skipped and measured.
#![allow(clippy::print_stdout, clippy::print_stderr)]
// Unix processes, modes, owners and signals: these tests have no Windows form.
#![cfg(unix)]

mod store_common;

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::Command;

use store_common::{FIXTURE, Setup, run, set_start_mode};

fn assert_saved(code: i32, stderr: &str) {
    assert_eq!(code, 0, "set failed: {stderr}");
}

fn tool(name: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        println!("notice: {name} is not installed; skipping this check");
    }
    found
}

fn symlinked_config_is_written_through(relative: bool) {
    let setup = Setup::new();
    let shared = setup.dir.path().join("shared");
    let conf = setup.dir.path().join("conf");
    fs::create_dir_all(&shared).expect("shared");
    fs::create_dir_all(&conf).expect("conf");
    let real = shared.join("real.config");
    fs::write(&real, FIXTURE).expect("real");
    let link = conf.join("applicationHost.config");
    let pointing = if relative {
        Path::new("../shared/real.config").to_path_buf()
    } else {
        real.clone()
    };
    std::os::unix::fs::symlink(&pointing, &link).expect("symlink");

    let (code, stdout, stderr) = set_start_mode(&setup, &link, "AlwaysRunning", &[]);
    assert_saved(code, &stderr);
    assert!(
        fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink(),
        "the link became a regular file"
    );
    assert_eq!(fs::read_link(&link).expect("read link"), pointing);
    assert!(
        fs::read_to_string(&real)
            .expect("real")
            .contains("managedPipelineMode=\"Classic\" startMode=\"AlwaysRunning\""),
        "the target was not written"
    );
    // The backup holds the target's bytes, and it is a file of its own.
    let backup = stdout
        .lines()
        .find_map(|l| l.split("(backup: ").nth(1))
        .map(|b| b.trim_end_matches(')'))
        .expect("backup path printed");
    let backup_meta = fs::symlink_metadata(backup).expect("backup");
    assert!(backup_meta.is_file());
    assert_eq!(fs::read_to_string(backup).expect("backup"), FIXTURE);
    assert!(store_common::temps_in(&shared).is_empty());
    assert!(store_common::temps_in(&conf).is_empty());
}

#[test]
fn a_relative_symlink_stays_a_link_and_its_target_is_saved() {
    symlinked_config_is_written_through(true);
}

#[test]
fn an_absolute_symlink_stays_a_link_and_its_target_is_saved() {
    symlinked_config_is_written_through(false);
}

#[test]
fn planted_backups_never_make_a_save_delete_real_ones() {
    let setup = Setup::new();
    let (code, stdout, stderr) = set_start_mode(&setup, &setup.config, "AlwaysRunning", &[]);
    assert_saved(code, &stderr);
    let first = stdout
        .lines()
        .find_map(|l| l.split("(backup: ").nth(1))
        .map(|b| b.trim_end_matches(')').to_owned())
        .expect("backup path");
    // Twenty empty files named like backups from the future (or from a clock set ahead).
    let name = Path::new(&first)
        .file_name()
        .and_then(|n| n.to_str())
        .expect("name");
    let prefix = &name[..name.len() - "2025-01-01T000000.000000Z.bak".len()];
    let planted: Vec<_> = (0..20)
        .map(|i| {
            setup
                .backups
                .join(format!("{prefix}2099-01-{:02}T000000.000000Z.bak", i + 1))
        })
        .collect();
    for p in &planted {
        fs::write(p, "").expect("plant");
    }
    let mut last = String::new();
    for i in 0..25 {
        let value = if i % 2 == 0 {
            "OnDemand"
        } else {
            "AlwaysRunning"
        };
        let (code, stdout, stderr) = set_start_mode(&setup, &setup.config, value, &[]);
        assert_saved(code, &stderr);
        last = stdout
            .lines()
            .find_map(|l| l.split("(backup: ").nth(1))
            .map(|b| b.trim_end_matches(')').to_owned())
            .expect("backup path");
    }
    assert!(
        Path::new(&last).is_file(),
        "the backup just made was deleted"
    );
    assert_eq!(
        fs::read_to_string(&first).expect("the first backup is kept"),
        FIXTURE,
        "the pristine original"
    );
    for p in &planted {
        assert!(
            p.exists(),
            "a file this program did not write was deleted: {p:?}"
        );
    }
    let genuine = fs::read_dir(&setup.backups)
        .expect("backups")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".bak"))
        .filter(|e| e.metadata().is_ok_and(|m| m.len() > 0))
        .count();
    assert_eq!(genuine, 21, "the first and the newest 20 backups");
}

/// Runs `iistui ARGS` as the unprivileged user `nobody` (root ignores file modes).
fn as_nobody(setup: &Setup, args: &[&str]) -> (i32, String, String) {
    // A copy nobody can run wherever the build folder is (e.g. under /root).
    let binary = setup.dir.path().join("iistui");
    if !binary.exists() {
        fs::copy(store_common::binary(), &binary).expect("copy the binary");
        fs::set_permissions(&binary, fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let mut cmd = Command::new("setpriv");
    cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(&binary)
        .args(args)
        .arg("--config")
        .arg(&setup.config)
        .env("IISTUI_BACKUP_DIR", &setup.backups)
        .env("HOME", setup.dir.path())
        .env_remove("IISTUI_CONFIG");
    run(&mut cmd)
}

#[test]
fn a_read_only_file_is_refused_unless_forced() {
    let running_as_root = fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
    if !running_as_root || !tool("setpriv") {
        println!("notice: needs root and setpriv to run iistui as nobody; skipping");
        return;
    }
    let setup = Setup::new();
    for path in [setup.dir.path(), setup.config.as_path()] {
        std::os::unix::fs::chown(path, Some(65534), Some(65534)).expect("chown");
    }
    let set = ["set", "apppool", "ClassicPool", "startMode=AlwaysRunning"];

    fs::set_permissions(&setup.config, fs::Permissions::from_mode(0o444)).expect("chmod");
    let noted = try_set_note(&setup.config);
    let (code, _, stderr) = as_nobody(&setup, &set);
    assert_eq!(code, 1, "a read-only file was written: {stderr}");
    assert!(
        stderr.contains(&format!("{} is read-only", setup.config.display())),
        "{stderr}"
    );
    assert_eq!(setup.read(), FIXTURE, "nothing written");

    let mut forced = set.to_vec();
    forced.push("--force");
    let (code, _, stderr) = as_nobody(&setup, &forced);
    assert_eq!(code, 0, "--force did not write: {stderr}");
    assert!(setup.read().contains("startMode=\"AlwaysRunning\""));
    let meta = fs::metadata(&setup.config).expect("meta");
    assert_eq!(meta.permissions().mode() & 0o777, 0o444, "stays read-only");
    assert_eq!(meta.uid(), 65534, "keeps its owner");
    if noted {
        assert_eq!(
            xattr_value(&setup.config, "user.iistui.note").as_deref(),
            Some("keep me"),
            "an extended attribute of a read-only file was dropped"
        );
    }
}

/// Sets `user.iistui.note` when the file system and tools allow it.
fn try_set_note(path: &Path) -> bool {
    Command::new("setfattr")
        .args(["-n", "user.iistui.note", "-v", "keep me"])
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

fn xattr_value(path: &Path, name: &str) -> Option<String> {
    let out = Command::new("getfattr")
        .args(["--only-values", "-n", name])
        .arg(path)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn extended_attributes_and_acls_survive_a_save() {
    if !tool("setfacl") || !tool("getfacl") || !tool("setfattr") || !tool("getfattr") {
        return;
    }
    let setup = Setup::new();
    let config = setup.config.to_str().expect("utf-8 path");
    let attr = Command::new("setfattr")
        .args(["-n", "user.iistui.note", "-v", "keep me", config])
        .status()
        .expect("setfattr");
    let acl = Command::new("setfacl")
        .args(["-m", "u:nobody:r,g:nogroup:rw", config])
        .status()
        .expect("setfacl");
    if !attr.success() || !acl.success() {
        println!("notice: this file system refuses xattrs or ACLs; skipping");
        return;
    }
    let acl_before = run(Command::new("getfacl").args(["-c", config])).1;
    let (code, _, stderr) = set_start_mode(&setup, &setup.config, "AlwaysRunning", &[]);
    assert_saved(code, &stderr);
    assert!(setup.read().contains("startMode=\"AlwaysRunning\""));
    let acl_after = run(Command::new("getfacl").args(["-c", config])).1;
    assert_eq!(acl_after, acl_before, "the ACL changed");
    assert!(acl_after.contains("user:nobody:r--"), "{acl_after}");
    let value =
        run(Command::new("getfattr").args(["--only-values", "-n", "user.iistui.note", config]));
    assert_eq!(
        value.1, "keep me",
        "the extended attribute was dropped: {}",
        value.2
    );
}
