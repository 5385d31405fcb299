//! The machine work the wizards and the file viewer ask for, as data: whether IIS can be
//! started from here and starting a site or pool (through `host::runtime`), creating a missing
//! folder, reading a file for the viewer (regular files only, size-limited), resolving a folder
//! picked for Convert to Application (symlinks and junctions resolved, kept inside the site's
//! folder) with the web.config facts its warnings need, which applications run ASP.NET Core in
//! process, and saving a parent web.config wrapped in `<location>` through the safe store. Each
//! runs on the blocking pool; its answer goes back to the dialog that asked.

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use crate::host::check::facts::{HandlerEntry, gather, handlers, is_ancm, read_web_config};
use crate::host::runtime::{self, Control};
use crate::model::apphost::AppHost;
use crate::model::doc::Document;
use crate::model::schema::SchemaSet;
use crate::model::store::{HistoryEntry, Step, Store, StoreOptions, describe_io};
use crate::model::webconfig::find_aspnetcore;
use crate::model::webconfig::location_wrap::wrap_in_location;

/// The most of a file the viewer reads (the end of a log, the start of anything else).
pub const VIEW_LIMIT: u64 = 1024 * 1024;

/// Work on this machine, for a dialog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostJob {
    /// Whether sites and pools can be started from here (`Runtime::can_control`).
    CanControl { machine: bool },
    /// Start (or stop) a site or pool.
    Control { machine: bool, control: Control },
    /// Create a folder and its parents.
    CreateFolder(PathBuf),
    /// Read a file for the viewer.
    ReadFile(PathBuf),
    /// Resolve a folder to convert into an application (local paths).
    InspectFolder {
        /// The folder of the site (or virtual directory) it must stay in.
        root: PathBuf,
        folder: PathBuf,
        /// The folder of the application it is in now, whose web.config it would inherit.
        parent: Option<PathBuf>,
    },
    /// The applications of a connection that run ASP.NET Core in process.
    InProcessApps { conn: usize },
    /// Wrap a web.config's `<system.webServer>` in `<location path=".">` and save it, if the
    /// file still holds `expected`.
    WrapWebConfig {
        path: PathBuf,
        expected: String,
        options: StoreOptions,
    },
}

/// A file read for the viewer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileText {
    pub path: PathBuf,
    /// The bytes read, as text (invalid UTF-8 replaced; escaped when drawn).
    pub text: String,
    pub size: u64,
    /// Only part of the file was read: its start, or for a log its end.
    pub truncated: bool,
}

/// A parent application's web.config, as Convert's warning needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParentWebConfig {
    pub file: PathBuf,
    pub text: String,
    /// An ASP.NET Core Module handler it adds where sub-applications inherit it.
    pub inherited_handler: Option<String>,
}

/// A folder picked for Convert to Application, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderFacts {
    /// The folder with symlinks and junctions resolved.
    pub resolved: PathBuf,
    /// Its web.config runs ASP.NET Core in process.
    pub in_process: bool,
    pub parent: Option<ParentWebConfig>,
}

/// What a job found or did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostAnswer {
    CanControl(Result<(), String>),
    /// appcmd's report, or why nothing was started.
    Controlled(Result<String, String>),
    FolderCreated(Result<PathBuf, String>),
    File(Result<FileText, String>),
    Folder {
        folder: PathBuf,
        result: Result<FolderFacts, String>,
    },
    /// `(application id, pool)` of every in-process ASP.NET Core application.
    InProcessApps(Vec<(String, String)>),
    /// The backup taken before the web.config was written, or why it was not.
    WebConfigWrapped(Result<String, String>),
}

/// What a job may need from the app, copied for the blocking pool.
pub struct JobContext {
    pub schema: SchemaSet,
    /// The connection's document (for [`HostJob::InProcessApps`]).
    pub doc: Option<Document>,
}

impl HostJob {
    /// Does the work (blocking).
    pub fn run(self, cx: &JobContext) -> HostAnswer {
        match self {
            HostJob::CanControl { machine } => HostAnswer::CanControl(
                runtime::for_connection(machine)
                    .can_control()
                    .map_err(|e| e.to_string()),
            ),
            HostJob::Control { machine, control } => HostAnswer::Controlled(
                runtime::for_connection(machine)
                    .control(&control)
                    .map(|outcome| outcome.message)
                    .map_err(|e| e.to_string()),
            ),
            HostJob::CreateFolder(path) => HostAnswer::FolderCreated(
                std::fs::create_dir_all(&path)
                    .map(|()| path.clone())
                    .map_err(|e| describe_io(&e, &path)),
            ),
            HostJob::ReadFile(path) => HostAnswer::File(read_for_viewer(&path)),
            HostJob::InspectFolder {
                root,
                folder,
                parent,
            } => HostAnswer::Folder {
                result: inspect(&root, &folder, parent.as_deref(), &cx.schema),
                folder,
            },
            HostJob::InProcessApps { .. } => HostAnswer::InProcessApps(
                cx.doc
                    .as_ref()
                    .map(|doc| in_process_apps(doc, &cx.schema))
                    .unwrap_or_default(),
            ),
            HostJob::WrapWebConfig {
                path,
                expected,
                options,
            } => HostAnswer::WebConfigWrapped(wrap_web_config(&path, &expected, options)),
        }
    }
}

/// Reads at most [`VIEW_LIMIT`] bytes of a regular file: the end of a log, else the start.
fn read_for_viewer(path: &Path) -> Result<FileText, String> {
    let meta = std::fs::metadata(path).map_err(|e| describe_io(&e, path))?;
    if !meta.is_file() {
        return Err(format!(
            "{} is not a regular file; only files are shown",
            path.display()
        ));
    }
    let mut file = std::fs::File::open(path).map_err(|e| describe_io(&e, path))?;
    let size = meta.len();
    let is_log = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("log") || e.eq_ignore_ascii_case("txt"));
    let truncated = size > VIEW_LIMIT;
    if truncated && is_log {
        file.seek(SeekFrom::Start(size - VIEW_LIMIT))
            .map_err(|e| describe_io(&e, path))?;
    }
    let mut bytes = Vec::new();
    file.take(VIEW_LIMIT)
        .read_to_end(&mut bytes)
        .map_err(|e| describe_io(&e, path))?;
    Ok(FileText {
        path: path.to_path_buf(),
        text: String::from_utf8_lossy(&bytes).into_owned(),
        size,
        truncated,
    })
}

/// Resolves `folder` and checks it stays inside `root` once every symlink and junction is
/// followed; reads its web.config and its parent application's.
fn inspect(
    root: &Path,
    folder: &Path,
    parent: Option<&Path>,
    schema: &SchemaSet,
) -> Result<FolderFacts, String> {
    let root_resolved = std::fs::canonicalize(root).map_err(|e| describe_io(&e, root))?;
    let resolved = std::fs::canonicalize(folder).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!(
            "no folder {} here: create it first (an application needs its folder)",
            folder.display()
        ),
        _ => describe_io(&e, folder),
    })?;
    if !resolved.starts_with(&root_resolved) {
        return Err(format!(
            "{} leads to {}, outside the site's folder {} (a symbolic link or junction): an application there would serve files the site does not own",
            folder.display(),
            resolved.display(),
            root_resolved.display()
        ));
    }
    if resolved == root_resolved {
        return Err(String::from(
            "that is the site's own folder, which its root application already serves",
        ));
    }
    if !resolved.is_dir() {
        return Err(format!("{} is not a folder", folder.display()));
    }
    let in_process = read_web_config(&resolved)
        .and_then(|w| w.doc.ok())
        .is_some_and(|doc| find_aspnetcore(&doc, schema).is_some_and(|a| a.is_in_process()));
    let parent = parent.and_then(read_web_config).and_then(|w| {
        let doc = w.doc.ok()?;
        let inherited_handler = handlers(&doc)
            .into_iter()
            .filter(|h| h.inherited)
            .flat_map(|h| h.entries)
            .find_map(|e| match e {
                HandlerEntry::Add { name, modules } if is_ancm(&modules) => Some(name),
                _ => None,
            });
        Some(ParentWebConfig {
            file: w.file,
            text: doc.text().to_owned(),
            inherited_handler,
        })
    });
    Ok(FolderFacts {
        resolved,
        in_process,
        parent,
    })
}

fn in_process_apps(doc: &Document, schema: &SchemaSet) -> Vec<(String, String)> {
    gather(AppHost::new(doc, schema))
        .into_iter()
        .filter(|app| {
            app.document()
                .and_then(|d| find_aspnetcore(d, schema))
                .is_some_and(|a| a.is_in_process())
        })
        .filter_map(|app| Some((app.id.clone(), app.pool.clone()?)))
        .collect()
}

/// Saves the web.config wrapped, through the store (lock, conflict check, backup, atomic
/// write), if it still holds what the review showed.
fn wrap_web_config(path: &Path, expected: &str, options: StoreOptions) -> Result<String, String> {
    let mut store = Store::open_with(path, options).map_err(|e| e.to_string())?;
    if store.document().text() != expected {
        return Err(format!(
            "{} changed since the review; nothing was written to it",
            path.display()
        ));
    }
    let mut doc = store.document().clone();
    let change = wrap_in_location(&mut doc).map_err(|e| e.to_string())?;
    let job = store.save_job(doc).map_err(|e| e.to_string())?;
    let outcome = job.run();
    let report = store
        .finish(outcome, Step::Change(HistoryEntry::from_change(&change)))
        .map_err(|e| e.to_string())?;
    Ok(report.backup.display().to_string())
}
