//! A save as a job: everything it needs (the new document, the path, the hash it expects on
//! disk, where backups go, the options) owned, so it runs on another thread while the TUI keeps
//! answering keys; its result goes back to the store, which adopts the saved document only then.

use super::save::Context;
use super::{HistoryEntry, SaveReport, Store, StoreError, lock};
use crate::model::doc::Document;

/// A save of a new document, ready to run anywhere.
#[derive(Debug)]
pub struct SaveJob {
    context: Context,
    held: Option<lock::SaveLock>,
    doc: Document,
}

/// What a job did: the document it was given back, and the save's report and new hash, or why
/// nothing was written.
#[derive(Debug)]
pub struct SaveOutcome {
    pub doc: Document,
    pub result: Result<(SaveReport, u64), StoreError>,
}

impl SaveJob {
    /// Runs the save (takes the lock, checks the file on disk, backs up, writes atomically).
    pub fn run(self) -> SaveOutcome {
        let result = self.context.save(self.held, &self.doc);
        SaveOutcome {
            doc: self.doc,
            result,
        }
    }

    pub fn document(&self) -> &Document {
        &self.doc
    }
}

impl Store {
    /// A job that saves `doc` (an edited copy of this store's document) in place of the file.
    /// The store is unchanged until [`Store::adopt`] takes the result.
    pub fn save_job(&mut self, doc: Document) -> Result<SaveJob, StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            });
        }
        Ok(SaveJob {
            context: self.save_context(),
            held: self.lock.take(),
            doc,
        })
    }

    /// A saved job's document becomes this store's, as loaded from disk.
    pub fn adopt(&mut self, doc: Document, new_hash: u64) {
        self.doc = doc;
        self.saved(new_hash);
    }
}

/// The history step a job carries, filed once its save succeeded (or put back if it failed).
#[derive(Debug, Clone)]
pub enum Step {
    /// A new change: pushed on the undo stack.
    Change(HistoryEntry),
    /// An undo: moves to the redo stack.
    Undo(HistoryEntry),
    /// A redo: moves back to the undo stack.
    Redo(HistoryEntry),
}

impl Step {
    pub fn description(&self) -> &str {
        match self {
            Step::Change(entry) | Step::Undo(entry) | Step::Redo(entry) => &entry.description,
        }
    }
}

impl Store {
    /// A job that saves the undo of the last change; `None` when there is nothing to undo.
    pub fn undo_job(&mut self) -> Result<Option<(SaveJob, Step)>, StoreError> {
        let Some(entry) = self.history.pop_undo() else {
            return Ok(None);
        };
        let mut doc = self.doc.clone();
        if let Err(error) = doc.apply_all(&entry.inverse) {
            self.history.push_undo(entry);
            return Err(StoreError::History {
                action: "undo",
                error,
            });
        }
        match self.save_job(doc) {
            Ok(job) => Ok(Some((job, Step::Undo(entry)))),
            Err(err) => {
                self.history.push_undo(entry);
                Err(err)
            }
        }
    }

    /// A job that saves the redo of the last undone change; `None` when there is none.
    pub fn redo_job(&mut self) -> Result<Option<(SaveJob, Step)>, StoreError> {
        let Some(entry) = self.history.pop_redo() else {
            return Ok(None);
        };
        let mut doc = self.doc.clone();
        if let Err(error) = doc.apply_all(&entry.forward) {
            self.history.push_redo(entry);
            return Err(StoreError::History {
                action: "redo",
                error,
            });
        }
        match self.save_job(doc) {
            Ok(job) => Ok(Some((job, Step::Redo(entry)))),
            Err(err) => {
                self.history.push_redo(entry);
                Err(err)
            }
        }
    }

    /// Files a finished job: on success the saved document becomes the store's and the step
    /// goes into the history; on failure the store is as before (an undo or redo goes back
    /// where it came from).
    pub fn finish(&mut self, outcome: SaveOutcome, step: Step) -> Result<SaveReport, StoreError> {
        match outcome.result {
            Ok((report, new_hash)) => {
                self.adopt(outcome.doc, new_hash);
                match step {
                    // A new change clears the redo stack, as in every editor.
                    Step::Change(entry) => self.history.push(entry),
                    Step::Redo(entry) => self.history.push_undo(entry),
                    Step::Undo(entry) => self.history.push_redo(entry),
                }
                Ok(report)
            }
            Err(err) => {
                match step {
                    Step::Change(_) => {}
                    Step::Undo(entry) => self.history.push_undo(entry),
                    Step::Redo(entry) => self.history.push_redo(entry),
                }
                Err(err)
            }
        }
    }
}
