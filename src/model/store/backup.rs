//! Backups taken before every write: `<backup dir>/<file>.<dir-hash>.<UTC timestamp>.bak`. The
//! backup dir is `IISTUI_BACKUP_DIR` or the platform data directory's `iistui/backups`.
//!
//! On Unix, when the backup dir is on the same volume, a backup is a hard link to the inode whose
//! bytes were just read and hashed (checked after linking): the save then renames a new file over
//! the original, so the linked inode keeps the old bytes without writing 12 MB again. A backup
//! must never stay a second name of the live file, so: a failed save turns its linked backup into
//! a copy; each save first turns into copies any backups that share the live file's inode (left
//! by a save killed between its backup and its rename), and checks after the rename that none
//! shares the new file's. Elsewhere (other volume, Windows, where `ReplaceFileW` replaces the
//! file) the bytes are written as a synced copy.
//!
//! Retention goes by the index (`backup_index`), never by names: the first backup of a file is
//! kept until the user deletes it, then the newest [`KEEP`]; only files the index lists, with the
//! size it recorded, are ever deleted, so planted or renamed files and a clock set ahead cannot
//! make a save delete a real backup.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::atomic::write_atomic;
use super::backup_index::{Index, IndexEntry};
use super::error::{StoreError, describe_io};

/// How many of the newest backups of one file are kept (besides its first).
pub const KEEP: usize = 20;

/// The prefix shared by every backup of `original` (and its index).
pub(super) fn prefix(original: &Path) -> String {
    let name = original
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| String::from("config"));
    // A relative `--config applicationHost.config` has the empty path as its parent: that is the
    // current folder, which must be resolved like any other (or every relative config, in any
    // folder, would share one group of backups).
    let dir = match original.parent() {
        Some(d) if d.as_os_str().is_empty() => Path::new("."),
        Some(d) => d,
        None => Path::new("."),
    };
    let dir = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let hash = xxhash_rust::xxh3::xxh3_64(dir.to_string_lossy().as_bytes());
    format!("{name}.{:08x}.", hash as u32)
}

/// How a backup was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupKind {
    /// A second name of the original's inode (a backup once the original is replaced).
    Linked,
    Copied,
}

/// A backup taken during a save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TakenBackup {
    pub path: PathBuf,
    pub kind: BackupKind,
}

impl TakenBackup {
    /// The save will not replace the original: a linked backup becomes a real copy, or it
    /// would keep following the live file.
    pub fn keep_as_copy(&self) {
        if self.kind == BackupKind::Linked {
            let _ = materialize(&self.path);
        }
    }
}

/// What is recorded of the bytes backed up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    pub len: u64,
    pub hash: u64,
}

/// Backs up `original`, whose content (`recorded`) was read from the file described by
/// `read_from`, and records it in the index: a hard link to that file when possible, else a
/// synced copy of the bytes `bytes` returns.
pub fn take_backup(
    dir: &Path,
    original: &Path,
    recorded: Recorded,
    read_from: &fs::Metadata,
    bytes: impl FnOnce() -> Result<Vec<u8>, StoreError>,
) -> Result<TakenBackup, StoreError> {
    let error = |e: io::Error| StoreError::Backup {
        path: original.to_path_buf(),
        dir: dir.to_path_buf(),
        reason: describe_io(&e, dir),
    };
    fs::create_dir_all(dir).map_err(error)?;
    let prefix = prefix(original);
    let path = next_name(dir, &prefix);
    let kind = if link(original, &path, read_from) {
        BackupKind::Linked
    } else {
        write_atomic(&path, &bytes()?).map_err(error)?;
        BackupKind::Copied
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Index::new(dir, &prefix)
        .append(&IndexEntry {
            first: false,
            len: recorded.len,
            hash: recorded.hash,
            name,
        })
        .map_err(error)?;
    Ok(TakenBackup { path, kind })
}

/// Hard-links `original` as `backup` if that links the very file that was read.
#[cfg(unix)]
fn link(original: &Path, backup: &Path, read_from: &fs::Metadata) -> bool {
    if fs::hard_link(original, backup).is_err() {
        return false;
    }
    if fs::metadata(backup).is_ok_and(|m| same_file(&m, read_from)) {
        return true;
    }
    // The original was replaced since it was read: back up the bytes that were read instead.
    let _ = fs::remove_file(backup);
    false
}

#[cfg(not(unix))]
fn link(_original: &Path, _backup: &Path, _read_from: &fs::Metadata) -> bool {
    false
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_a: &fs::Metadata, _b: &fs::Metadata) -> bool {
    false
}

/// Turns a linked backup into a real copy of its own.
pub fn materialize(backup: &Path) -> io::Result<()> {
    let bytes = fs::read(backup)?;
    write_atomic(backup, &bytes)
}

/// Turns every recorded backup of `original` that is another name of `live` into a copy of its
/// own; returns how many there were.
pub fn separate_from(dir: &Path, original: &Path, live: &fs::Metadata) -> io::Result<usize> {
    let mut separated = 0;
    for entry in Index::new(dir, &prefix(original)).read() {
        let path = dir.join(&entry.name);
        if fs::symlink_metadata(&path).is_ok_and(|m| same_file(&m, live)) {
            materialize(&path)?;
            separated += 1;
        }
    }
    Ok(separated)
}

fn next_name(dir: &Path, prefix: &str) -> PathBuf {
    let stamp = humantime::format_rfc3339_micros(SystemTime::now())
        .to_string()
        .replace(':', "");
    let base = format!("{prefix}{stamp}");
    let mut path = dir.join(format!("{base}.bak"));
    let mut n = 1;
    while fs::symlink_metadata(&path).is_ok() {
        path = dir.join(format!("{base}-{n}.bak"));
        n += 1;
    }
    path
}

/// The backups of `original` this program wrote and still has, oldest first.
pub fn backups_of(dir: &Path, original: &Path) -> Vec<PathBuf> {
    Index::new(dir, &prefix(original))
        .read()
        .into_iter()
        .map(|e| dir.join(e.name))
        .filter(|p| p.is_file())
        .collect()
}

/// Deletes the backups of `original` past the first and the newest [`KEEP`], only those the
/// index lists and only when they still have the size recorded; forgets entries whose file is
/// gone. Runs under the save lock, after the new backup was recorded (so it is never deleted).
pub fn prune(dir: &Path, original: &Path) -> io::Result<()> {
    let index = Index::new(dir, &prefix(original));
    let entries = index.read();
    let newest_from = entries.len().saturating_sub(KEEP);
    let mut kept = Vec::with_capacity(entries.len().min(KEEP + 1));
    let mut changed = false;
    for (i, entry) in entries.into_iter().enumerate() {
        let path = dir.join(&entry.name);
        let meta = fs::symlink_metadata(&path).ok();
        let ours = meta
            .as_ref()
            .is_some_and(|m| m.is_file() && m.len() == entry.len);
        if meta.is_none() {
            changed = true;
        } else if entry.first || i >= newest_from || !ours {
            // A file that is no longer what we wrote is left alone, and stays listed.
            kept.push(entry);
        } else {
            fs::remove_file(&path)?;
            changed = true;
        }
    }
    if changed {
        index.write(&kept)?;
    }
    Ok(())
}
