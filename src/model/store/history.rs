//! Undo and redo of saved changes: each entry keeps its forward patches and their inverses.

use crate::model::apphost::Change;
use crate::model::doc::Patch;

/// One undoable change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub description: String,
    pub forward: Vec<Patch>,
    pub inverse: Vec<Patch>,
}

impl HistoryEntry {
    pub fn from_change(change: &Change) -> HistoryEntry {
        HistoryEntry {
            description: change.summary.join("; "),
            forward: change.forward.clone(),
            inverse: change.inverse.clone(),
        }
    }
}

/// The undo and redo stacks.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<HistoryEntry>,
    redo: Vec<HistoryEntry>,
}

impl History {
    /// Records a new change; the redo stack is cleared, as in every editor.
    pub fn push(&mut self, entry: HistoryEntry) {
        self.undo.push(entry);
        self.redo.clear();
    }

    pub fn pop_undo(&mut self) -> Option<HistoryEntry> {
        self.undo.pop()
    }

    pub fn pop_redo(&mut self) -> Option<HistoryEntry> {
        self.redo.pop()
    }

    pub fn push_undo(&mut self, entry: HistoryEntry) {
        self.undo.push(entry);
    }

    pub fn push_redo(&mut self, entry: HistoryEntry) {
        self.redo.push(entry);
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn next_undo(&self) -> Option<&HistoryEntry> {
        self.undo.last()
    }

    pub fn next_redo(&self) -> Option<&HistoryEntry> {
        self.redo.last()
    }

    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}
