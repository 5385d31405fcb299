//! Atomic replacement of a file: write a temp file in the same directory, give it what it must
//! keep of the original (see `keep`), fsync it, then replace the original (rename on Unix,
//! `ReplaceFileW` on Windows) and fsync the directory. Split in two ([`prepare`] then
//! [`Prepared::commit`]) so the caller can decide, after the temp file is safely on disk,
//! whether to replace the original at all.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::keep::copy_metadata;
use super::stale::{TEMP_PREFIX, TEMP_SUFFIX};

/// A fully written and synced temp file, not yet renamed over the original. Dropping it removes
/// the temp file and leaves the original untouched.
pub struct Prepared {
    temp: tempfile::NamedTempFile,
    dir: PathBuf,
    /// What could not be kept of the original (an extended attribute the file system refused).
    pub notes: Vec<String>,
}

/// The folder a file is in (`.` for a bare name).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to a synced temp file beside `path`, with what it must keep of `path`.
pub fn prepare(path: &Path, bytes: &[u8]) -> io::Result<Prepared> {
    let dir = parent_dir(path);
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    let notes = match fs::metadata(path) {
        Ok(meta) => copy_metadata(path, &meta, temp.path())?,
        Err(_) => Vec::new(),
    };
    temp.as_file().sync_all()?;
    Ok(Prepared {
        temp,
        dir: dir.to_path_buf(),
        notes,
    })
}

impl Prepared {
    /// Replaces `path` with the temp file and syncs the directory.
    pub fn commit(self, path: &Path) -> io::Result<()> {
        replace(self.temp, path)?;
        sync_dir(&self.dir);
        Ok(())
    }
}

/// Replaces `path` with `bytes` so that readers see either the old or the new file, never a mix.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    prepare(path, bytes)?.commit(path)
}

#[cfg(not(windows))]
fn replace(temp: tempfile::NamedTempFile, path: &Path) -> io::Result<()> {
    temp.persist(path).map(drop).map_err(|e| e.error)
}

/// A file that exists is replaced with `ReplaceFileW`, which keeps its ACL, attributes and
/// alternate streams; a new file is renamed into place.
#[cfg(windows)]
fn replace(temp: tempfile::NamedTempFile, path: &Path) -> io::Result<()> {
    if fs::symlink_metadata(path).is_err() {
        return temp.persist(path).map(drop).map_err(|e| e.error);
    }
    // Kept first (tempfile clears its temporary attribute, and it is no longer removed on
    // drop: after ReplaceFileW it is gone), then closed: ReplaceFileW opens it itself.
    let (file, temp) = temp.keep().map_err(|e| e.error)?;
    drop(file);
    match super::replace_windows::replace_file(path, &temp) {
        Ok(()) => Ok(()),
        // ERROR_UNABLE_TO_MOVE_REPLACEMENT (1176): the original was moved away and the new
        // content is only in the temp file. Deleting it would leave no configuration at all:
        // move it into place instead, or say where it is.
        Err(e) if e.raw_os_error() == Some(UNABLE_TO_MOVE_REPLACEMENT) => {
            fs::rename(&temp, path).map_err(|rename| {
                io::Error::new(
                    rename.kind(),
                    format!(
                        "{e}; the new content is kept in {} (moving it into place failed: {rename})",
                        temp.display()
                    ),
                )
            })
        }
        Err(e) => {
            let _ = fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// `ReplaceFileW` could not move the replacement into place after moving the original away.
#[cfg(windows)]
const UNABLE_TO_MOVE_REPLACEMENT: i32 = 1176;

#[cfg(unix)]
fn sync_dir(dir: &Path) {
    if let Ok(handle) = fs::File::open(dir) {
        let _ = handle.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) {}
