//! Safe loading and saving of one configuration file: loads only regular files under a size
//! limit, remembers the bytes' hash at load, and saves under an exclusive lock, refusing to
//! overwrite a file changed on disk since (by content hash), writing through symlinks, backing
//! the original up, writing atomically with the original's permissions, owner, extended
//! attributes and ACLs; keeps undo/redo of the changes it saved.

mod atomic;
pub mod backup;
mod backup_index;
mod diff;
mod error;
mod history;
mod job;
mod keep;
pub mod lock;
mod read;
#[cfg(windows)]
mod replace_windows;
mod save;
pub mod stale;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

pub use atomic::write_atomic;
pub use diff::unified_diff;
pub use error::{StoreError, describe_io, human_size};
pub use history::{History, HistoryEntry};
pub use job::{SaveJob, SaveOutcome, Step};
pub use lock::{DEFAULT_LOCK_TIMEOUT, INTERACTIVE_LOCK_TIMEOUT};
pub use read::{DEFAULT_MAX_SIZE, file_hash, read_config};
pub use save::write_target;

use crate::model::apphost::Change;
use crate::model::doc::{Document, Encoding};

/// How a configuration is opened and saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreOptions {
    /// Files larger than this are refused before reading ([`DEFAULT_MAX_SIZE`]).
    pub max_size: u64,
    /// Save even when the file is read-only (mode without write bits, or Windows' attribute).
    pub force: bool,
    /// Where backups go. The model knows no platform folders: the CLI and the TUI pass the
    /// user's data folder (`host::paths::backup_dir`); the default, for tests and tools, is a
    /// folder in the system's temp directory.
    pub backup_dir: PathBuf,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions {
            max_size: DEFAULT_MAX_SIZE,
            force: false,
            backup_dir: std::env::temp_dir().join("iistui-backups"),
        }
    }
}

/// Size and modification time of the file as loaded (or last saved).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    fn of(meta: &fs::Metadata) -> Stamp {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }

    fn read(path: &Path) -> Option<Stamp> {
        fs::metadata(path).ok().map(|m| Stamp::of(&m))
    }
}

/// What a save did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveReport {
    pub path: PathBuf,
    /// The file actually written when `path` is a symlink.
    pub target: Option<PathBuf>,
    pub backup: PathBuf,
    pub bytes: usize,
    /// Things the user should be told (stale temp files removed, a wait for the lock, an
    /// extended attribute that could not be kept).
    pub notes: Vec<String>,
}

/// One configuration file, loaded.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    doc: Document,
    /// Hash of the bytes as loaded (or last saved). Computed lazily, before the first edit, so
    /// read-only use never pays for it: until then the document still holds exactly those bytes.
    loaded_hash: Option<u64>,
    loaded_stamp: Option<Stamp>,
    history: History,
    read_only: bool,
    backup_dir: PathBuf,
    last_saved: Option<SystemTime>,
    options: StoreOptions,
    lock_timeout: Duration,
    /// The save lock, when taken before loading ([`Store::open_locked`]); released by the next
    /// save.
    lock: Option<lock::SaveLock>,
}

fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

impl Store {
    /// Loads and parses a file with the default options.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with(path, StoreOptions::default())
    }

    /// Loads and parses a file: refused unless it is a regular file within `options.max_size`.
    pub fn open_with(path: &Path, options: StoreOptions) -> Result<Store, StoreError> {
        let bytes = read_config(path, options.max_size)?;
        let loaded_stamp = Stamp::read(path);
        let doc = Document::parse(bytes).map_err(|e| StoreError::Parse(e.with_path(path)))?;
        Ok(Store {
            path: path.to_path_buf(),
            doc,
            loaded_hash: None,
            loaded_stamp,
            history: History::default(),
            read_only: false,
            backup_dir: options.backup_dir.clone(),
            last_saved: None,
            options,
            lock_timeout: DEFAULT_LOCK_TIMEOUT,
            lock: None,
        })
    }

    /// Takes the save lock, then loads: for a load-edit-save that no other iistui can interleave
    /// with (the CLI's mutating commands). `waiting` is told when another iistui holds the lock.
    pub fn open_locked(
        path: &Path,
        options: StoreOptions,
        waiting: &mut dyn FnMut(&str),
    ) -> Result<Store, StoreError> {
        // A file that would be refused gets no lock file beside it.
        read::check_path(path, options.max_size)?;
        let mut lock = lock::acquire(&write_target(path), DEFAULT_LOCK_TIMEOUT, waiting)?;
        // The caller was told while it waited.
        lock.waited = None;
        let mut store = Store::open_with(path, options)?;
        store.lock = Some(lock);
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// For model operations. Changes are not saved until [`Store::save`].
    pub fn document_mut(&mut self) -> &mut Document {
        self.loaded_hash = Some(self.loaded_hash());
        &mut self.doc
    }

    /// The hash the file on disk should have: that of the bytes loaded or last saved.
    pub fn expected_hash(&self) -> u64 {
        self.loaded_hash()
    }

    /// The hash of the loaded bytes (the unedited document's bytes until the first edit).
    fn loaded_hash(&self) -> u64 {
        self.loaded_hash.unwrap_or_else(|| self.current_hash())
    }

    fn current_hash(&self) -> u64 {
        match self.doc.encoding() {
            Encoding::Utf8 => hash(self.doc.text().as_bytes()),
            _ => hash(&self.doc.to_bytes()),
        }
    }

    pub fn set_read_only(&mut self, read_only: bool) {
        self.read_only = read_only;
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn set_backup_dir(&mut self, dir: PathBuf) {
        self.backup_dir = dir;
    }

    /// Where this file's backups go (another file saved on its behalf backs up there too).
    pub fn backup_dir(&self) -> &Path {
        &self.backup_dir
    }

    /// How long a save waits for another iistui's lock ([`DEFAULT_LOCK_TIMEOUT`]).
    pub fn set_lock_timeout(&mut self, timeout: Duration) {
        self.lock_timeout = timeout;
    }

    pub fn options(&self) -> &StoreOptions {
        &self.options
    }

    pub fn loaded_mtime(&self) -> Option<SystemTime> {
        self.loaded_stamp.and_then(|s| s.modified)
    }

    pub fn last_saved(&self) -> Option<SystemTime> {
        self.last_saved
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    /// Whether the document differs from what was loaded or last saved.
    pub fn is_dirty(&self) -> bool {
        self.loaded_hash
            .is_some_and(|loaded| loaded != self.current_hash())
    }

    /// Whether the file on disk is no longer what was loaded (or last saved).
    pub fn changed_on_disk(&self) -> Result<bool, StoreError> {
        match read_config(&self.path, self.options.max_size) {
            Ok(bytes) => Ok(hash(&bytes) != self.loaded_hash()),
            Err(StoreError::Read { .. }) if !self.path.exists() => Ok(true),
            Err(e) => Err(e),
        }
    }

    /// Records a change made through [`Store::document_mut`] so it can be undone.
    pub fn record(&mut self, change: &Change) {
        if !change.is_empty() {
            self.history.push(HistoryEntry::from_change(change));
        }
    }

    /// Re-reads the file from disk, dropping unsaved edits and history.
    pub fn reload(&mut self) -> Result<(), StoreError> {
        let fresh = Store::open_with(&self.path, self.options.clone())?;
        self.doc = fresh.doc;
        self.loaded_hash = None;
        self.loaded_stamp = fresh.loaded_stamp;
        self.history.clear();
        Ok(())
    }

    /// Applies the inverse of the last recorded change to the document (save to persist).
    pub fn undo(&mut self) -> Result<Option<String>, StoreError> {
        self.loaded_hash = Some(self.loaded_hash());
        let Some(entry) = self.history.pop_undo() else {
            return Ok(None);
        };
        match self.doc.apply_all(&entry.inverse) {
            Ok(_) => {
                let description = entry.description.clone();
                self.history.push_redo(entry);
                Ok(Some(description))
            }
            Err(error) => {
                self.history.push_undo(entry);
                Err(StoreError::History {
                    action: "undo",
                    error,
                })
            }
        }
    }

    /// Re-applies the last undone change (save to persist).
    pub fn redo(&mut self) -> Result<Option<String>, StoreError> {
        self.loaded_hash = Some(self.loaded_hash());
        let Some(entry) = self.history.pop_redo() else {
            return Ok(None);
        };
        match self.doc.apply_all(&entry.forward) {
            Ok(_) => {
                let description = entry.description.clone();
                self.history.push_undo(entry);
                Ok(Some(description))
            }
            Err(error) => {
                self.history.push_redo(entry);
                Err(StoreError::History {
                    action: "redo",
                    error,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests;
