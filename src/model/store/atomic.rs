//! Atomic replacement of a file: write a temp file in the same directory, fsync it, give it the
//! original's permissions (and owner on Unix), rename it over the original, fsync the directory.
//! Split in two ([`prepare`] then [`Prepared::commit`]) so the caller can decide, after the temp
//! file is safely on disk, whether to replace the original at all.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// A fully written and synced temp file, not yet renamed over the original. Dropping it removes
/// the temp file and leaves the original untouched.
pub struct Prepared {
    temp: tempfile::NamedTempFile,
    dir: std::path::PathBuf,
}

/// Writes `bytes` to a synced temp file beside `path`, with `path`'s permissions.
pub fn prepare(path: &Path, bytes: &[u8]) -> io::Result<Prepared> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".iistui-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    if let Ok(meta) = fs::metadata(path) {
        fs::set_permissions(temp.path(), meta.permissions())?;
        keep_owner(temp.path(), &meta);
    }
    Ok(Prepared {
        temp,
        dir: dir.to_path_buf(),
    })
}

impl Prepared {
    /// Renames the temp file over `path` and syncs the directory.
    pub fn commit(self, path: &Path) -> io::Result<()> {
        self.temp.persist(path).map_err(|e| e.error)?;
        sync_dir(&self.dir);
        Ok(())
    }
}

/// Replaces `path` with `bytes` so that readers see either the old or the new file, never a mix.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    prepare(path, bytes)?.commit(path)
}

#[cfg(unix)]
fn keep_owner(temp: &Path, meta: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    // Only root can give a file away; for others the owner is already right.
    let _ = std::os::unix::fs::chown(temp, Some(meta.uid()), Some(meta.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_temp: &Path, _meta: &fs::Metadata) {}

#[cfg(unix)]
fn sync_dir(dir: &Path) {
    if let Ok(handle) = fs::File::open(dir) {
        let _ = handle.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) {}
