//! Safe loading and saving of one configuration file: remembers the bytes' hash and mtime at
//! load, refuses to overwrite a file changed on disk since, re-parses before writing, backs the
//! original up, writes atomically, and keeps undo/redo of the changes it saved.

mod atomic;
pub mod backup;
mod diff;
mod history;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

pub use atomic::write_atomic;
pub use diff::unified_diff;
pub use history::{History, HistoryEntry};

use crate::model::apphost::Change;
use std::borrow::Cow;

use crate::model::doc::{Document, EditError, Encoding, Location, ParseError};

/// Why loading or saving failed. Nothing is written when any of these is returned by `save`.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot read {}: {reason}", path.display())]
    Read { path: PathBuf, reason: String },
    #[error("{0}")]
    Parse(ParseError),
    #[error("{} changed on disk since it was loaded; nothing was written (reload it and make the change again)", path.display())]
    Conflict { path: PathBuf },
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

/// A human reason for an I/O error on `path` (missing, permission, directory, …).
pub fn describe_io(error: &io::Error, path: &Path) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => String::from("no such file"),
        io::ErrorKind::PermissionDenied => String::from("permission denied"),
        io::ErrorKind::IsADirectory => String::from("it is a directory, not a file"),
        _ if path.is_dir() => String::from("it is a directory, not a file"),
        _ => error.to_string(),
    }
}

/// A backup taken during a save.
struct TakenBackup {
    path: PathBuf,
    kind: backup::BackupKind,
}

impl TakenBackup {
    /// The save will not replace the original: a linked backup must become a real copy, or it
    /// would keep following the live file.
    fn keep_as_copy(&self) {
        if self.kind == backup::BackupKind::Linked {
            let _ = backup::materialize(&self.path);
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
    pub backup: PathBuf,
    pub bytes: usize,
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
}

fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

fn load_bytes(path: &Path) -> Result<Vec<u8>, StoreError> {
    if path.is_dir() {
        return Err(StoreError::Read {
            path: path.to_path_buf(),
            reason: String::from("it is a directory, not a file"),
        });
    }
    fs::read(path).map_err(|e| StoreError::Read {
        path: path.to_path_buf(),
        reason: describe_io(&e, path),
    })
}

impl Store {
    /// Loads and parses a file.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let bytes = load_bytes(path)?;
        let loaded_stamp = Stamp::read(path);
        let doc = Document::parse(bytes).map_err(|e| StoreError::Parse(e.with_path(path)))?;
        Ok(Store {
            path: path.to_path_buf(),
            doc,
            loaded_hash: None,
            loaded_stamp,
            history: History::default(),
            read_only: false,
            backup_dir: crate::host::paths::backup_dir(),
            last_saved: None,
        })
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
        match fs::read(&self.path) {
            Ok(bytes) => Ok(hash(&bytes) != self.loaded_hash()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(true),
            Err(e) => Err(StoreError::Read {
                path: self.path.clone(),
                reason: describe_io(&e, &self.path),
            }),
        }
    }

    /// Records a change made through [`Store::document_mut`] so it can be undone.
    pub fn record(&mut self, change: &Change) {
        if !change.is_empty() {
            self.history.push(HistoryEntry::from_change(change));
        }
    }

    /// Saves: conflict check, backup, atomic write, with the new bytes re-parsed before the
    /// original is replaced. The markup check, the character check (with the new hash) and the
    /// pruning of old backups run on their own threads while the conflict check, the backup and
    /// the synced temp file are done; the rename happens only if both checks passed. Writes
    /// nothing (the original stays as it was) on any error.
    pub fn save(&mut self) -> Result<SaveReport, StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            });
        }
        let text = (self.doc.encoding() == Encoding::Utf8).then(|| self.doc.text());
        let encoded = match text {
            Some(text) => Cow::Borrowed(text.as_bytes()),
            None => Cow::Owned(self.doc.to_bytes()),
        };
        let path = &self.path;
        let write_error = |e: io::Error| StoreError::Write {
            path: path.clone(),
            reason: describe_io(&e, path),
        };
        let (backup, new_hash) = std::thread::scope(|scope| {
            let markup = scope.spawn(|| match text {
                Some(text) => Document::check_markup(text),
                None => Document::parse_str_checked(&encoded),
            });
            // The characters and the hash run while the temp file is written and synced.
            let characters = scope.spawn(|| {
                let checked = text.map_or(Ok(()), Document::check_characters);
                (checked, hash(&encoded))
            });
            let prepared = self.back_up().and_then(|backup| {
                // Pruning now keeps the newest backups, this one among them, whatever the
                // outcome (a failed save keeps its backup as a copy).
                scope.spawn(|| backup::prune(&self.backup_dir, path));
                match atomic::prepare(path, &encoded) {
                    Ok(prepared) => Ok((backup, prepared)),
                    Err(e) => {
                        backup.keep_as_copy();
                        Err(write_error(e))
                    }
                }
            });
            let crashed = || {
                Err(ParseError::new(
                    Location { line: 1, column: 1 },
                    "the check of the new content crashed",
                ))
            };
            let (characters, new_hash) = characters
                .join()
                .unwrap_or_else(|_| (crashed(), hash(&encoded)));
            let verified = characters.and(markup.join().unwrap_or_else(|_| crashed()));
            let (backup, prepared) = prepared?;
            let committed = verified
                .map_err(|error| StoreError::WouldNotParse {
                    path: path.clone(),
                    error,
                })
                .and_then(|()| prepared.commit(path).map_err(write_error));
            match committed {
                Ok(()) => Ok((backup.path, new_hash)),
                Err(err) => {
                    backup.keep_as_copy();
                    Err(err)
                }
            }
        })?;
        let bytes = encoded.len();
        self.loaded_hash = Some(new_hash);
        self.loaded_stamp = Stamp::read(&self.path);
        self.last_saved = Some(SystemTime::now());
        Ok(SaveReport {
            path: self.path.clone(),
            backup,
            bytes,
        })
    }

    /// Conflict check, then a backup of what is on disk.
    fn back_up(&self) -> Result<TakenBackup, StoreError> {
        let path = self.path.as_path();
        let conflict = || StoreError::Conflict {
            path: path.to_path_buf(),
        };
        let read_error = |e: io::Error| StoreError::Read {
            path: path.to_path_buf(),
            reason: describe_io(&e, path),
        };
        let meta = match fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(conflict()),
            Err(e) => return Err(read_error(e)),
        };
        // Same size and modification time as loaded: unchanged. Otherwise the bytes decide
        // (a touched but unchanged file is not a conflict).
        let on_disk = if self.loaded_stamp.is_some() && Some(Stamp::of(&meta)) == self.loaded_stamp
        {
            None
        } else {
            let disk = fs::read(path).map_err(read_error)?;
            if hash(&disk) != self.loaded_hash() {
                return Err(conflict());
            }
            Some(disk)
        };
        let (backup, kind) = backup::take_backup(&self.backup_dir, path, on_disk.as_deref())
            .map_err(|e| StoreError::Backup {
                path: path.to_path_buf(),
                dir: self.backup_dir.clone(),
                reason: describe_io(&e, &self.backup_dir),
            })?;
        Ok(TakenBackup { path: backup, kind })
    }

    /// Re-reads the file from disk, dropping unsaved edits and history.
    pub fn reload(&mut self) -> Result<(), StoreError> {
        let fresh = Store::open(&self.path)?;
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
