//! A change to a document: what was done (one line per change), warnings, and the patches
//! that made it with their inverses, so that it can be saved, shown as a diff, undone and redone.

use crate::model::doc::{Document, NewElement, NodeId, Patch};

use super::error::ModelError;

/// The record of one model operation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    /// One line per change, e.g. `added site "shop" (id 3)`.
    pub summary: Vec<String>,
    pub warnings: Vec<String>,
    /// Patches in the order they were applied.
    pub forward: Vec<Patch>,
    /// Inverses in the order they must be applied to undo.
    pub inverse: Vec<Patch>,
}

impl Change {
    /// Runs `body` against the document; if it fails, every patch it applied is rolled back.
    pub fn record(
        doc: &mut Document,
        body: impl FnOnce(&mut Document, &mut Change) -> Result<(), ModelError>,
    ) -> Result<Change, ModelError> {
        let mut change = Change::default();
        match body(doc, &mut change) {
            Ok(()) => Ok(change),
            Err(err) => {
                for undo in &change.inverse {
                    // Exact inverses of patches just applied: they cannot be stale.
                    let _ = doc.apply(undo);
                }
                Err(err)
            }
        }
    }

    pub fn apply(&mut self, doc: &mut Document, patch: Patch) -> Result<(), ModelError> {
        let inverse = doc.apply(&patch)?;
        self.forward.push(patch);
        self.inverse.insert(0, inverse);
        Ok(())
    }

    /// Inserts `new` after the last child element named `after` (or first, when none).
    pub fn insert_after_last(
        &mut self,
        doc: &mut Document,
        parent: NodeId,
        after: &str,
        new: &NewElement,
    ) -> Result<(), ModelError> {
        let index = doc
            .elements(parent)
            .enumerate()
            .filter(|(_, e)| doc.name(*e) == after)
            .map(|(i, _)| i + 1)
            .last()
            .unwrap_or(0);
        let patch = doc.plan_insert_element(parent, index, new)?;
        self.apply(doc, patch)
    }

    pub fn remove(&mut self, doc: &mut Document, element: NodeId) -> Result<(), ModelError> {
        let patch = doc.plan_remove_element(element)?;
        self.apply(doc, patch)
    }

    pub fn note(&mut self, line: impl Into<String>) {
        self.summary.push(line.into());
    }

    pub fn warn(&mut self, line: impl Into<String>) {
        self.warnings.push(line.into());
    }

    pub fn is_empty(&self) -> bool {
        self.forward.is_empty()
    }

    /// Appends a later change to this one.
    pub fn extend(&mut self, later: Change) {
        self.summary.extend(later.summary);
        self.warnings.extend(later.warnings);
        self.forward.extend(later.forward);
        let mut inverse = later.inverse;
        inverse.append(&mut self.inverse);
        self.inverse = inverse;
    }
}
