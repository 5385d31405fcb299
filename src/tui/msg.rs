//! What flows through the event loop: messages into `update` (keys, resizes, task results) and
//! the effects `update` asks the runtime to perform.

use std::path::PathBuf;

use ratatui::crossterm::event::KeyEvent;

use crate::host::runtime::{Control, ControlError, ControlOutcome, RuntimeStates};

use crate::model::store::{SaveOutcome, Step};

use super::dialog::DialogId;
use super::host_job::{HostAnswer, HostJob};
use super::op::ModelOp;
use super::permissions::{AclJob, AclReport};
use super::problems::Checked;
use super::subscription::{Event, Source, Topic};

/// A directory entry: name, is a folder, size in bytes (files).
pub type FolderEntry = (String, bool, Option<u64>);

/// Input to `update`.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    /// Bracketed paste: the text arrives in one piece.
    Paste(String),
    Resize(u16, u16),
    /// An item of a subscription's stream (dropped unless its generation is the live one).
    Stream {
        topic: Topic,
        generation: u64,
        event: Event,
    },
    /// A change was saved (summary, backup path) or refused (message); `dialog` is the review
    /// that asked for it.
    Applied {
        conn: usize,
        result: Result<(String, String), String>,
        dialog: Option<DialogId>,
    },
    /// A save job finished: the store files it (adopts the document and the history step, or
    /// keeps what it had).
    Saved {
        conn: usize,
        dialog: Option<DialogId>,
        /// What was done, for the status line (`deleted site "x"`, `undid: …`).
        summary: String,
        outcome: Box<SaveOutcome>,
        step: Step,
    },
    /// A background result for one dialog.
    ToDialog {
        dialog: DialogId,
        result: DialogResult,
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
    /// `iistui check`'s report on a document version, and what the health streams watch.
    Problems {
        conn: usize,
        version: u64,
        checked: Box<Checked>,
    },
    /// A start, stop or recycle finished (or was refused).
    Controlled {
        conn: usize,
        control: Control,
        result: Result<ControlOutcome, ControlError>,
    },
    /// Text to show in a message dialog (e.g. the diff against the file on disk).
    Show {
        title: String,
        text: String,
    },
    /// An ACL job finished (a read, an applied change, an undo).
    Acl(AclReport),
    /// A line for the status bar from the runtime (a saved log view, an app taken offline).
    Notice {
        level: super::app::Level,
        text: String,
    },
    /// A save job of a web.config finished (the ASP.NET Core settings).
    WebConfigSaved(Box<super::aspnetcore::WebConfigSaved>),
}

/// A background result addressed to a dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogResult {
    /// The folder names under a path field's folder (for Tab completion).
    Folders {
        field: usize,
        names: Result<Vec<String>, String>,
    },
    /// The save a review asked for: the summary, or why it was refused.
    Saved(Result<String, String>),
    /// An ACL change checked by the back end: what it would do, or why it is refused.
    AclPreview(Result<Box<crate::host::acl::Preview>, String>),
    /// Work on this machine a dialog asked for (`Effect::Host`).
    Host(HostAnswer),
}

/// Work `update` asks for; the runtime performs it and posts the results back as [`Msg`]s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Run a model operation on the connection's document and save it through the store.
    Apply {
        conn: usize,
        op: ModelOp,
        dialog: Option<DialogId>,
    },
    /// List the folders of the folder a path field names, for Tab completion.
    ListFolders {
        dialog: DialogId,
        field: usize,
        path: String,
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
    /// Check the configuration as `iistui check` does (validate's findings and the hosting
    /// rules over the machine), and find what the health streams watch.
    Validate {
        conn: usize,
    },
    /// Start, stop or recycle through IIS's runtime back end.
    Control {
        conn: usize,
        control: Control,
    },
    /// Start (or restart) a subscription's stream.
    Subscribe {
        topic: Topic,
        generation: u64,
        source: Source,
    },
    Unsubscribe {
        topic: Topic,
    },
    /// Read, preview, apply or undo an ACL change (the back ends run processes).
    Acl(AclJob),
    /// Write text to a new file (the log view's `s`); refused when the file exists.
    SaveText {
        path: PathBuf,
        text: String,
    },
    /// A change to an application's web.config, or its undo (the ASP.NET Core settings).
    WebConfig(super::aspnetcore::WebConfigEffect),
    /// Work on this machine for a dialog (create a folder, read a file, start a site, …).
    Host {
        dialog: DialogId,
        job: HostJob,
    },
}
