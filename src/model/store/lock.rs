//! The save lock: an exclusive lock (`flock` on Unix, `LockFileEx` on Windows, through fs4) on a
//! lock file beside the configuration, `.<name>.iistui-lock`, held from the conflict check to the
//! rename. Not the configuration itself: a save renames a new file over it, so a lock on the old
//! inode would guard nothing for the next writer. The lock file is never deleted (deleting it
//! would let two writers lock two different files); it holds the holder's process id, shown to
//! whoever waits (on Windows the locked bytes cannot be read, so the pid is not shown there).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fs4::fs_std::FileExt;

use super::error::{StoreError, describe_io, holder_text};

/// How long a save waits for another iistui's lock before refusing.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(30);

/// The same for an interactive save (the TUI), which cannot show progress while it waits.
pub const INTERACTIVE_LOCK_TIMEOUT: Duration = Duration::from_secs(5);

/// A held save lock; dropping it releases the lock.
#[derive(Debug)]
pub struct SaveLock {
    file: File,
    /// The configuration it guards (the resolved target, not a symlink to it).
    target: PathBuf,
    /// How long it took to get, and who held it meanwhile, when it had to wait.
    pub waited: Option<(Duration, Option<u32>)>,
}

impl SaveLock {
    pub fn guards(&self, target: &Path) -> bool {
        self.target == target
    }
}

impl Drop for SaveLock {
    fn drop(&mut self) {
        let _ = FileExt::unlock(&self.file);
    }
}

/// The lock file of `target`: `.<name>.iistui-lock` in the same folder.
pub fn lock_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| String::from("config"));
    target.with_file_name(format!(".{name}.iistui-lock"))
}

fn open_lock_file(path: &Path) -> io::Result<(File, bool)> {
    match OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
    {
        Ok(file) => Ok((file, true)),
        // Another user's lock file: a read-only handle can still be locked.
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            File::open(path).map(|file| (file, false))
        }
        Err(e) => Err(e),
    }
}

/// The process id written by the lock's holder, if it can be read.
fn holder(path: &Path) -> Option<u32> {
    let mut text = String::new();
    fs::File::open(path).ok()?.read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

/// Takes the save lock of `target`, waiting up to `timeout` for another iistui to finish.
/// `waiting` is told once, when the lock is busy ("locked by another iistui (pid N); waiting…").
pub fn acquire(
    target: &Path,
    timeout: Duration,
    waiting: &mut dyn FnMut(&str),
) -> Result<SaveLock, StoreError> {
    let path = lock_path(target);
    let lock_error = |e: io::Error| StoreError::Lock {
        path: target.to_path_buf(),
        reason: format!("{} ({})", describe_io(&e, &path), path.display()),
    };
    let (mut file, writable) = open_lock_file(&path).map_err(lock_error)?;
    let start = Instant::now();
    let mut told: Option<Option<u32>> = None;
    let mut pause = Duration::from_millis(2);
    while !file.try_lock_exclusive().map_err(lock_error)? {
        let who = holder(&path);
        if told.is_none() {
            waiting(&format!(
                "{} is locked by another iistui{}; waiting up to {} s…",
                target.display(),
                holder_text(who),
                timeout.as_secs()
            ));
        }
        told = Some(who.or(told.flatten()));
        if start.elapsed() >= timeout {
            return Err(StoreError::Locked {
                path: target.to_path_buf(),
                holder: told.flatten(),
                waited: start.elapsed(),
            });
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(50));
    }
    if writable {
        // Best effort: the pid only makes the waiting message more useful. Always 11 bytes
        // (a u32 is at most 10 digits), written over the last holder's, so the file never needs
        // truncating (a truncation cost 4 ms on ext4, a fifth of a save of 1,000 sites).
        let _ = file
            .rewind()
            .and_then(|()| writeln!(file, "{:<10}", std::process::id()));
    }
    Ok(SaveLock {
        file,
        target: target.to_path_buf(),
        waited: told.map(|who| (start.elapsed(), who)),
    })
}
