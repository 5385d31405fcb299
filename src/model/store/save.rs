//! The save sequence, all under the save lock: resolve a symlink to its target, refuse what is
//! not a regular file or is read-only (unless forced), remove stale temp files, then at once:
//! re-read the file and compare its hash with the loaded one (always: a same-size edit with its
//! mtime put back is still caught), back those bytes up, write and sync the temp file, and check
//! the new content. Only if all of that succeeded is the original replaced.

use std::borrow::Cow;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::atomic::{self, parent_dir};
use super::error::{StoreError, describe_io, holder_text};
use super::read::{check_regular, hash_file, read_config};
use super::{SaveReport, Stamp, Store, StoreOptions, backup, hash, keep, lock, stale};
use crate::model::doc::{Document, Encoding, Location, ParseError};

/// The file a save writes: the path itself, or, for a symlink, its final target (the link stays
/// a link; the target is replaced in its own folder).
pub fn write_target(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// Everything a save needs besides the document, owned, so that a save can run on another
/// thread while the caller keeps answering ([`super::SaveJob`]).
#[derive(Debug, Clone)]
pub(super) struct Context {
    pub path: PathBuf,
    /// The hash of the bytes the document was loaded from (or last saved as).
    pub loaded_hash: u64,
    pub backup_dir: PathBuf,
    pub options: StoreOptions,
    pub lock_timeout: Duration,
}

impl Store {
    /// Saves: under the save lock, conflict check by content hash, backup, atomic write, with
    /// the new bytes re-parsed before the original is replaced. Writes nothing (the original
    /// stays as it was) on any error.
    pub fn save(&mut self) -> Result<SaveReport, StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            });
        }
        let context = self.save_context();
        let (report, new_hash) = context.save(self.lock.take(), &self.doc)?;
        self.saved(new_hash);
        Ok(report)
    }

    pub(super) fn save_context(&self) -> Context {
        Context {
            path: self.path.clone(),
            loaded_hash: self.loaded_hash(),
            backup_dir: self.backup_dir.clone(),
            options: self.options.clone(),
            lock_timeout: self.lock_timeout,
        }
    }

    /// After a save wrote bytes hashing to `new_hash`: they are what is loaded now.
    pub(super) fn saved(&mut self, new_hash: u64) {
        self.loaded_hash = Some(new_hash);
        self.loaded_stamp = Stamp::read(&self.path);
        self.last_saved = Some(SystemTime::now());
    }
}

impl Context {
    /// The whole save of `doc`: take the lock (unless `held` guards the target already), then
    /// everything under it. Returns the report and the hash of what was written.
    pub(super) fn save(
        &self,
        held: Option<lock::SaveLock>,
        doc: &Document,
    ) -> Result<(SaveReport, u64), StoreError> {
        let target = write_target(&self.path);
        let lock = match held {
            Some(lock) if lock.guards(&target) => lock,
            _ => lock::acquire(&target, self.lock_timeout, &mut |_| {})?,
        };
        let mut notes = Vec::new();
        if let Some((waited, holder)) = lock.waited {
            notes.push(format!(
                "waited {:.1} s for another iistui{} to finish saving",
                waited.as_secs_f64(),
                holder_text(holder)
            ));
        }
        let saved = self.save_locked(doc, &target, &mut notes);
        drop(lock);
        let (backup, bytes, new_hash) = saved?;
        Ok((
            SaveReport {
                path: self.path.clone(),
                target: (target != self.path).then_some(target),
                backup,
                bytes,
                notes,
            },
            new_hash,
        ))
    }

    /// Everything a save does while the lock is held. Returns the backup, the size and the hash
    /// of what was written.
    fn save_locked(
        &self,
        doc: &Document,
        target: &Path,
        notes: &mut Vec<String>,
    ) -> Result<(PathBuf, usize, u64), StoreError> {
        let meta = match fs::metadata(target) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(StoreError::Conflict {
                    path: self.path.clone(),
                });
            }
            Err(e) => {
                return Err(StoreError::Read {
                    path: target.to_path_buf(),
                    reason: describe_io(&e, target),
                });
            }
        };
        check_regular(target, &meta, self.options.max_size)?;
        let read_only = meta.permissions().readonly();
        if read_only && !self.options.force {
            return Err(StoreError::ReadOnlyFile {
                path: target.to_path_buf(),
            });
        }
        // Temps left by interrupted saves: of the config, and of backups (also written atomically).
        let now = SystemTime::now();
        notes.extend(stale::remove_stale_temps(parent_dir(target), now));
        notes.extend(stale::remove_stale_temps(&self.backup_dir, now));

        let text = (doc.encoding() == Encoding::Utf8).then(|| doc.text());
        let encoded = match text {
            Some(text) => Cow::Borrowed(text.as_bytes()),
            None => Cow::Owned(doc.to_bytes()),
        };
        let write_error = |e: io::Error| StoreError::Write {
            path: target.to_path_buf(),
            reason: describe_io(&e, target),
        };
        let (backup, new_hash) = std::thread::scope(|scope| {
            let markup = scope.spawn(|| match text {
                Some(text) => Document::check_markup(text),
                None => Document::parse_str_checked(&encoded),
            });
            let characters = scope.spawn(|| {
                let checked = text.map_or(Ok(()), Document::check_characters);
                (checked, hash(&encoded))
            });
            let backup = scope.spawn(|| self.check_and_back_up(target));
            let prepared = atomic::prepare(target, &encoded).map_err(write_error);
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
            let backup = backup.join().unwrap_or_else(|_| {
                Err(StoreError::Backup {
                    path: target.to_path_buf(),
                    dir: self.backup_dir.clone(),
                    reason: String::from("the backup crashed"),
                })
            })?;
            let committed = prepared.and_then(|mut prepared| {
                verified.map_err(|error| StoreError::WouldNotParse {
                    path: self.path.clone(),
                    error,
                })?;
                notes.append(&mut prepared.notes);
                let relock = keep::allow_replacing(target, read_only).map_err(write_error)?;
                let committed = prepared.commit(target).map_err(write_error);
                if relock {
                    keep::restore_read_only(target);
                }
                committed
            });
            if let Err(err) = committed {
                backup.keep_as_copy();
                return Err(err);
            }
            // The new file is a new inode; no backup may be another name of it.
            if let Ok(live) = fs::metadata(target) {
                let _ = backup::separate_from(&self.backup_dir, target, &live);
            }
            Ok((backup.path, new_hash))
        })?;
        Ok((backup, encoded.len(), new_hash))
    }

    /// Re-reads the file on disk: a conflict unless its hash is the loaded one; else backs it up
    /// and prunes old backups.
    fn check_and_back_up(&self, target: &Path) -> Result<backup::TakenBackup, StoreError> {
        let conflict = || StoreError::Conflict {
            path: self.path.clone(),
        };
        let (disk_hash, len, read_from) = hash_file(target, self.options.max_size)?;
        if disk_hash != self.loaded_hash {
            return Err(conflict());
        }
        let backup_error = |e: io::Error| StoreError::Backup {
            path: target.to_path_buf(),
            dir: self.backup_dir.clone(),
            reason: describe_io(&e, &self.backup_dir),
        };
        // A save killed after its (linked) backup left a backup that is the live file.
        backup::separate_from(&self.backup_dir, target, &read_from).map_err(backup_error)?;
        let recorded = backup::Recorded {
            len,
            hash: disk_hash,
        };
        let backup = backup::take_backup(&self.backup_dir, target, recorded, &read_from, || {
            // No link possible: a copy of the bytes, which must still be the ones hashed.
            let bytes = read_config(target, self.options.max_size)?;
            if hash(&bytes) == disk_hash {
                Ok(bytes)
            } else {
                Err(conflict())
            }
        })?;
        // Pruning can only remove older backups this program recorded; a failure there is not
        // a reason to refuse the save.
        let _ = backup::prune(&self.backup_dir, target);
        Ok(backup)
    }
}
