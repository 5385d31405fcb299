//! What flows through the event loop: messages into `update` (keys, resizes, task results) and
//! the effects `update` asks the runtime to perform.

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

use crate::host::runtime::RuntimeStates;
use crate::model::validate::Finding;

use super::op::ModelOp;

/// A directory entry: name, is a folder, size in bytes (files).
pub type FolderEntry = (String, bool, Option<u64>);

/// Input to `update`.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Resize(u16, u16),
    /// Periodic: look for changes on disk.
    Tick,
    /// A change was saved (summary, backup path) or refused (message).
    Applied {
        conn: usize,
        result: Result<(String, String), String>,
    },
    /// A save found the file changed on disk since it was loaded.
    Conflict {
        conn: usize,
    },
    Reloaded {
        conn: usize,
        result: Result<(), String>,
    },
    FolderListed {
        path: PathBuf,
        result: Result<Vec<FolderEntry>, String>,
    },
    States {
        conn: usize,
        result: Result<RuntimeStates, String>,
    },
    Problems {
        conn: usize,
        version: u64,
        findings: Vec<Finding>,
    },
    DiskChanged {
        conn: usize,
    },
    /// Text to show in a message dialog (e.g. the diff against the file on disk).
    Show {
        title: String,
        text: String,
    },
}

/// Work `update` asks for; the runtime performs it and posts the results back as [`Msg`]s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Run a model operation on the connection's document and save it through the store.
    Apply {
        conn: usize,
        op: ModelOp,
    },
    Undo {
        conn: usize,
    },
    Redo {
        conn: usize,
    },
    Reload {
        conn: usize,
    },
    /// Show the difference between the loaded document and the file on disk.
    DiskDiff {
        conn: usize,
    },
    ListFolder(PathBuf),
    LoadStates {
        conn: usize,
    },
    Validate {
        conn: usize,
    },
    CheckDisk,
}
