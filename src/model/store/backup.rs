//! Backups taken before every write: `<backup dir>/<file>.<dir-hash>.<UTC timestamp>.bak`,
//! newest 20 kept per original file. The backup dir is `IISTUI_BACKUP_DIR` or the platform data
//! directory's `iistui/backups`.
//!
//! A backup is a hard link to the original's inode when the backup dir is on the same volume:
//! the save then renames a new file over the original, so the linked inode keeps the old bytes
//! untouched without writing them again. Elsewhere (or if the save fails after linking, so that
//! the backup never stays a second name of the live file) the bytes are written as a copy.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::atomic::write_atomic;

/// How many backups of one file are kept.
pub const KEEP: usize = 20;

/// The prefix shared by every backup of `original`.
fn prefix(original: &Path) -> String {
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

/// How a backup was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupKind {
    /// A second name of the original's inode (valid once the original is replaced by rename).
    Linked,
    Copied,
}

/// Backs `original` up. `bytes` is its current content when the caller has read it; otherwise
/// it is read only if a copy has to be written.
pub fn take_backup(
    dir: &Path,
    original: &Path,
    bytes: Option<&[u8]>,
) -> io::Result<(PathBuf, BackupKind)> {
    fs::create_dir_all(dir)?;
    let path = next_name(dir, original);
    let kind = match fs::hard_link(original, &path) {
        Ok(()) => BackupKind::Linked,
        Err(_) => {
            match bytes {
                Some(bytes) => write_atomic(&path, bytes)?,
                None => write_atomic(&path, &fs::read(original)?)?,
            }
            BackupKind::Copied
        }
    };
    Ok((path, kind))
}

/// Turns a linked backup into a real copy of its own (used when the original is not going to be
/// replaced, so that the backup does not keep following the live file).
pub fn materialize(backup: &Path) -> io::Result<()> {
    let bytes = fs::read(backup)?;
    write_atomic(backup, &bytes)
}

fn next_name(dir: &Path, original: &Path) -> PathBuf {
    let stamp = humantime::format_rfc3339_micros(SystemTime::now())
        .to_string()
        .replace(':', "");
    let base = format!("{}{stamp}", prefix(original));
    let mut path = dir.join(format!("{base}.bak"));
    let mut n = 1;
    while path.exists() {
        path = dir.join(format!("{base}-{n}.bak"));
        n += 1;
    }
    path
}

/// The backups of `original`, oldest first.
pub fn backups_of(dir: &Path, original: &Path) -> Vec<PathBuf> {
    let prefix = prefix(original);
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".bak"))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

/// Removes all but the newest [`KEEP`] backups of `original`. Called after a save has
/// committed: freeing an old 12 MB backup is not on the path of the write.
pub fn prune(dir: &Path, original: &Path) -> io::Result<()> {
    let all = backups_of(dir, original);
    if all.len() > KEEP {
        for old in &all[..all.len() - KEEP] {
            fs::remove_file(old)?;
        }
    }
    Ok(())
}
