//! Store tests on real temp files: save backs up and writes atomically, a file changed on disk
//! is refused, a failed backup writes nothing, undo/redo go through the same save.

use super::*;
use crate::model::apphost::{Target, set_keys};
use crate::model::schema::SchemaSet;

const FIXTURE: &str = include_str!("../../../tests/fixtures/apphost_small.config");

fn setup() -> (tempfile::TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("applicationHost.config");
    fs::write(&path, FIXTURE).expect("write fixture");
    let mut store = Store::open(&path).expect("open");
    store.set_backup_dir(dir.path().join("backups"));
    (dir, path, store)
}

fn set_start_mode(store: &mut Store, value: &str) {
    let schema = SchemaSet::bundled();
    let target = Target::AppPool("ClassicPool".into());
    let change = set_keys(
        store.document_mut(),
        &schema,
        &target,
        &[("startMode".into(), value.into())],
    )
    .expect("set");
    store.record(&change);
}

#[test]
fn save_backs_up_then_replaces_atomically() {
    let (dir, path, mut store) = setup();
    set_start_mode(&mut store, "AlwaysRunning");
    assert!(store.is_dirty());
    let report = store.save().expect("saved");
    assert_eq!(fs::read_to_string(&report.backup).expect("backup"), FIXTURE);
    let saved = fs::read_to_string(&path).expect("saved file");
    assert!(saved.contains("managedPipelineMode=\"Classic\" startMode=\"AlwaysRunning\""));
    assert_eq!(
        saved.len(),
        FIXTURE.len() + " startMode=\"AlwaysRunning\"".len()
    );
    assert!(!store.is_dirty());
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temp files left behind");
}

#[cfg(unix)]
#[test]
fn save_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path, mut store) = setup();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
    set_start_mode(&mut store, "AlwaysRunning");
    store.save().expect("saved");
    assert_eq!(
        fs::metadata(&path).expect("meta").permissions().mode() & 0o777,
        0o640
    );
}

#[test]
fn a_file_changed_on_disk_is_refused() {
    let (_dir, path, mut store) = setup();
    let edited_elsewhere = FIXTURE.replace("ContosoPool", "OtherPool");
    fs::write(&path, &edited_elsewhere).expect("external edit");
    assert!(store.changed_on_disk().expect("check"));
    set_start_mode(&mut store, "AlwaysRunning");
    let err = store.save().expect_err("conflict");
    assert!(
        err.to_string()
            .contains("changed on disk since it was loaded"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        edited_elsewhere,
        "nothing written"
    );
    store.reload().expect("reload");
    assert!(store.document().text().contains("OtherPool"));
}

#[test]
fn a_failed_backup_writes_nothing() {
    let (dir, path, mut store) = setup();
    let blocker = dir.path().join("not-a-dir");
    fs::write(&blocker, "x").expect("file");
    store.set_backup_dir(blocker.join("backups"));
    set_start_mode(&mut store, "AlwaysRunning");
    let err = store.save().expect_err("backup fails");
    assert!(err.to_string().contains("nothing was written"), "{err}");
    assert_eq!(fs::read_to_string(&path).expect("read"), FIXTURE);
}

#[test]
fn read_errors_say_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = Store::open(&dir.path().join("nope.config")).expect_err("missing");
    assert!(missing.to_string().ends_with("no such file"), "{missing}");
    let directory = Store::open(dir.path()).expect_err("dir");
    assert!(
        directory.to_string().contains("is a directory"),
        "{directory}"
    );
    let bad = dir.path().join("bad.config");
    fs::write(&bad, "<configuration>\n  <sites>\n</configuration>").expect("write");
    let parse = Store::open(&bad).expect_err("malformed");
    assert!(
        parse.to_string().starts_with(&format!(
            "{}:3:1: end tag </configuration> does not match <sites>",
            bad.display()
        )),
        "{parse}"
    );
}

#[test]
fn undo_and_redo_write_through_the_store() {
    let (_dir, path, mut store) = setup();
    set_start_mode(&mut store, "AlwaysRunning");
    store.save().expect("save");
    assert!(store.undo().expect("undo").is_some());
    store.save().expect("save undo");
    assert_eq!(fs::read_to_string(&path).expect("read"), FIXTURE);
    assert!(store.redo().expect("redo").is_some());
    store.save().expect("save redo");
    assert!(
        fs::read_to_string(&path)
            .expect("read")
            .contains("startMode=\"AlwaysRunning\"")
    );
    assert!(store.redo().expect("nothing to redo").is_none());
}

#[test]
fn backups_keep_the_first_and_the_newest_twenty() {
    let (dir, path, mut store) = setup();
    let mut last = PathBuf::new();
    for i in 0..25 {
        set_start_mode(
            &mut store,
            if i % 2 == 0 {
                "AlwaysRunning"
            } else {
                "OnDemand"
            },
        );
        last = store.save().expect("save").backup;
    }
    let backups = backup::backups_of(&dir.path().join("backups"), &path);
    assert_eq!(backups.len(), backup::KEEP + 1);
    assert_eq!(
        fs::read_to_string(&backups[0]).expect("first backup"),
        FIXTURE,
        "the pristine original is kept"
    );
    assert_eq!(backups.last(), Some(&last), "the newest backup is kept");
}

#[test]
fn read_only_stores_refuse_to_save() {
    let (_dir, _path, mut store) = setup();
    store.set_read_only(true);
    set_start_mode(&mut store, "AlwaysRunning");
    assert!(matches!(store.save(), Err(StoreError::ReadOnly { .. })));
}

#[test]
fn a_same_size_edit_is_a_conflict_and_a_touch_is_not() {
    let (_dir, path, mut store) = setup();
    // Same length, different bytes, written later: the stamp differs, the hash decides.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let same_size = FIXTURE.replacen("ClassicPool", "ClassicPoo1", 1);
    assert_eq!(same_size.len(), FIXTURE.len());
    fs::write(&path, &same_size).expect("external edit");
    set_start_mode(&mut store, "AlwaysRunning");
    assert!(matches!(store.save(), Err(StoreError::Conflict { .. })));
    assert_eq!(fs::read_to_string(&path).expect("read"), same_size);

    let (_dir, path, mut store) = setup();
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(&path, FIXTURE).expect("rewrite the same bytes (a touch)");
    set_start_mode(&mut store, "AlwaysRunning");
    store.save().expect("an unchanged file is not a conflict");
}

#[test]
fn a_document_that_does_not_parse_is_never_written() {
    let broken_markup = FIXTURE.replacen("</sites>", "</site>", 1);
    let control_character = FIXTURE.replacen("<sites>", "<sites>\u{1}", 1);
    for (text, expected) in [
        (broken_markup.as_str(), "</site>"),
        (control_character.as_str(), "U+0001"),
    ] {
        let (dir, path, mut store) = setup();
        set_start_mode(&mut store, "AlwaysRunning");
        store.document_mut().replace_text_unchecked(text);
        let err = store.save().expect_err("refused");
        assert!(matches!(err, StoreError::WouldNotParse { .. }), "{err}");
        assert!(err.to_string().contains(expected), "{err}");
        assert_eq!(fs::read_to_string(&path).expect("original"), FIXTURE);
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "temp files left: {leftovers:?}");
        // The backup taken before the check is a copy of its own, not a link to the live file.
        for backup in backup::backups_of(&dir.path().join("backups"), &path) {
            assert_eq!(fs::read_to_string(&backup).expect("backup"), FIXTURE);
        }
    }
}

#[test]
fn a_same_size_edit_with_its_mtime_put_back_is_a_conflict() {
    let (_dir, path, mut store) = setup();
    let loaded_mtime = fs::metadata(&path)
        .and_then(|m| m.modified())
        .expect("mtime");
    // Edit W3C -> IIS in place (same length), then restore the timestamp, like `touch -r`.
    assert!(FIXTURE.contains("W3C"), "the fixture has a W3C log format");
    let edited = FIXTURE.replacen("W3C", "IIS", 1);
    assert_eq!(edited.len(), FIXTURE.len());
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(&path, &edited).expect("external edit");
    fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_modified(loaded_mtime))
        .expect("restore mtime");
    set_start_mode(&mut store, "AlwaysRunning");
    let err = store
        .save()
        .expect_err("the external edit must not be overwritten");
    assert!(matches!(err, StoreError::Conflict { .. }), "{err}");
    assert_eq!(fs::read_to_string(&path).expect("read"), edited);
}

#[test]
fn a_save_waits_for_the_lock_then_refuses() {
    use fs4::fs_std::FileExt;
    let (_dir, path, mut store) = setup();
    let holder = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(lock::lock_path(&path))
        .expect("lock file");
    assert!(holder.try_lock_exclusive().expect("lock"));
    fs::write(lock::lock_path(&path), "4242\n").expect("pid");
    store.set_lock_timeout(std::time::Duration::from_millis(300));
    set_start_mode(&mut store, "AlwaysRunning");
    let err = store.save().expect_err("locked");
    assert!(
        matches!(
            err,
            StoreError::Locked {
                holder: Some(4242),
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains("is locked by another iistui (pid 4242)"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).expect("read"), FIXTURE);
    drop(holder);
    let report = store.save().expect("saved once the lock is free");
    assert!(report.notes.is_empty(), "{:?}", report.notes);
}

#[cfg(unix)]
#[test]
fn a_backup_on_another_volume_is_a_copy_of_the_bytes_read() {
    use std::os::unix::fs::MetadataExt;
    let (dir, path, mut store) = setup();
    let elsewhere = match tempfile::tempdir_in("/dev/shm") {
        Ok(shm)
            if fs::metadata(shm.path()).map(|m| m.dev()).ok()
                != fs::metadata(dir.path()).map(|m| m.dev()).ok() =>
        {
            shm
        }
        _ => {
            println!("notice: no second volume at /dev/shm; skipping the copy path");
            return;
        }
    };
    store.set_backup_dir(elsewhere.path().join("backups"));
    set_start_mode(&mut store, "AlwaysRunning");
    let report = store.save().expect("saved");
    assert_eq!(fs::read_to_string(&report.backup).expect("backup"), FIXTURE);
    assert!(
        fs::read_to_string(&path)
            .expect("saved")
            .contains("AlwaysRunning")
    );
}

#[test]
fn a_relative_config_groups_its_backups_with_its_folder() {
    // `--config applicationHost.config` is the file in the current folder: its backups belong to
    // that folder's group, not to one group shared by every relative path.
    let here = std::env::current_dir().expect("cwd");
    assert_eq!(
        backup::prefix(Path::new("applicationHost.config")),
        backup::prefix(&here.join("applicationHost.config"))
    );
    assert_ne!(
        backup::prefix(Path::new("applicationHost.config")),
        backup::prefix(Path::new("/elsewhere/applicationHost.config"))
    );
}
