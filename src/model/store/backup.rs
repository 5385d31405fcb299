//! Backups taken before every write: `<backup dir>/<file>.<dir-hash>.<UTC timestamp>.bak`, a
//! synced copy of the bytes on disk (never a hard link: a second name of the live file could
//! follow it, and a symlink must be backed up by its target's bytes). The backup dir is
//! `IISTUI_BACKUP_DIR` or the platform data directory's `iistui/backups`.
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

/// How many of the newest backups of one file are kept (besides its first).
pub const KEEP: usize = 20;

/// The prefix shared by every backup of `original` (and its index).
pub(super) fn prefix(original: &Path) -> String {
    let name = original
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| String::from("config"));
    let dir = original
        .parent()
        .map(|d| fs::canonicalize(d).unwrap_or_else(|_| d.to_path_buf()))
        .unwrap_or_default();
    let hash = xxhash_rust::xxh3::xxh3_64(dir.to_string_lossy().as_bytes());
    format!("{name}.{:08x}.", hash as u32)
}

/// Backs up `original`, whose current bytes are `bytes` (with hash `hash`), and records it in
/// the index. Returns the backup's path.
pub fn take_backup(dir: &Path, original: &Path, bytes: &[u8], hash: u64) -> io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    let prefix = prefix(original);
    let path = next_name(dir, &prefix);
    write_atomic(&path, bytes)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Index::new(dir, &prefix).append(&IndexEntry {
        first: false,
        len: bytes.len() as u64,
        hash,
        name,
    })?;
    Ok(path)
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
