//! Why opening or saving a configuration failed, and the human reason for an I/O error. Every
//! error returned by a save means the original file is unchanged.

use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::model::doc::{EditError, ParseError};

/// Why loading or saving failed. Nothing is written when any of these is returned by `save`.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot read {}: {reason}", path.display())]
    Read { path: PathBuf, reason: String },
    #[error("cannot read {}: {}", path.display(), not_regular(kind))]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error("cannot read {}: {}", path.display(), too_large(*size, *limit))]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{0}")]
    Parse(ParseError),
    #[error("{} changed on disk since it was loaded; nothing was written (reload it and make the change again)", path.display())]
    Conflict { path: PathBuf },
    #[error("{} is locked by another iistui{}; gave up after {} s; nothing was written", path.display(), holder_text(*holder), waited.as_secs())]
    Locked {
        path: PathBuf,
        holder: Option<u32>,
        waited: Duration,
    },
    #[error("cannot lock {} for saving: {reason}; nothing was written", path.display())]
    Lock { path: PathBuf, reason: String },
    #[error("{} is read-only; nothing was written (pass --force to write it anyway)", path.display())]
    ReadOnlyFile { path: PathBuf },
    #[error("refusing to write {}: the new content does not parse ({error})", path.display())]
    WouldNotParse { path: PathBuf, error: ParseError },
    #[error("cannot back up {} into {}: {reason}; nothing was written", path.display(), dir.display())]
    Backup {
        path: PathBuf,
        dir: PathBuf,
        reason: String,
    },
    #[error("cannot write {}: {reason}; the original is unchanged", path.display())]
    Write { path: PathBuf, reason: String },
    #[error("{} is open read-only", path.display())]
    ReadOnly { path: PathBuf },
    #[error("cannot {action}: {error}")]
    History {
        action: &'static str,
        error: EditError,
    },
}

impl StoreError {
    /// Why a file could not be read, without the path (for messages that name it already).
    pub fn read_reason(&self) -> String {
        match self {
            StoreError::Read { reason, .. } => reason.clone(),
            StoreError::NotRegular { kind, .. } => not_regular(kind),
            StoreError::TooLarge { size, limit, .. } => too_large(*size, *limit),
            other => other.to_string(),
        }
    }
}

fn not_regular(kind: &str) -> String {
    format!("it is {kind}, not a regular file; refused without reading")
}

fn too_large(size: u64, limit: u64) -> String {
    format!(
        "it is {}{}, over the {} limit for a configuration file; refused without reading (--max-size raises the limit)",
        human_size(size),
        if size >= 1024 {
            format!(" ({size} bytes)")
        } else {
            String::new()
        },
        human_size(limit)
    )
}

/// ` (pid N)` when the lock holder wrote its process id, else nothing.
pub(super) fn holder_text(holder: Option<u32>) -> String {
    holder
        .map(|pid| format!(" (pid {pid})"))
        .unwrap_or_default()
}

/// A byte count as people read it: `1 GiB`, `12.3 MiB`, `512 bytes`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if value.fract() == 0.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// A human reason for an I/O error on `path` (missing, permission, directory, size limit, …).
pub fn describe_io(error: &io::Error, path: &Path) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => String::from("no such file"),
        io::ErrorKind::PermissionDenied => String::from("permission denied"),
        io::ErrorKind::IsADirectory => String::from("it is a directory, not a file"),
        io::ErrorKind::FileTooLarge => {
            String::from("the file would exceed this process's file size limit (ulimit -f)")
        }
        _ if path.is_dir() => String::from("it is a directory, not a file"),
        _ => error.to_string(),
    }
}
