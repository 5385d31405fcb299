//! The ASP.NET Core settings (`N` on an application, `:aspnetcore`; `S` in the log view): the
//! application's web.config `<aspNetCore>` element edited through the lossless model and a safe
//! store of its own (opened on demand, one per web.config: backup, atomic write, conflict
//! check, undo), saved as a job like applicationHost.config, reviewed with the diff and the
//! equivalent `iistui set aspnetcore …` command, which writes the same bytes.

mod editor;
mod render;
mod rows;
pub mod runner;

pub use editor::{AspNetCoreEditor, Mode};
pub use rows::{ROWS, RowKind, RowSpec};

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::host::connection::ConnectionKind;
use crate::host::shell_quote::{CommandLine, Shell};
use crate::model::apphost::{AppHost, Setting};
use crate::model::store::{INTERACTIVE_LOCK_TIMEOUT, SaveOutcome, Step, Store, StoreError};

use super::app::{App, Level, View};
use super::dialog::DialogId;
use super::msg::{DialogResult, Effect};

/// One open web.config.
#[derive(Debug)]
pub struct WebConfigFile {
    pub store: Store,
    /// A save of it runs (one at a time).
    pub saving: bool,
}

/// The web.config files opened so far, by path.
#[derive(Debug, Default)]
pub struct WebConfigs {
    files: HashMap<PathBuf, WebConfigFile>,
}

impl WebConfigs {
    /// Opens `path` (or returns it open); a file changed on disk since it was loaded, with no
    /// save running, is read again (its undo history belonged to the old content).
    pub fn open(
        &mut self,
        path: &Path,
        options: crate::model::store::StoreOptions,
        read_only: bool,
    ) -> Result<&mut WebConfigFile, String> {
        let stale = self
            .files
            .get(path)
            .is_some_and(|f| !f.saving && f.store.changed_on_disk().unwrap_or(true));
        if stale {
            self.files.remove(path);
        }
        if !self.files.contains_key(path) {
            let mut store = Store::open_with(path, options).map_err(|e| e.to_string())?;
            store.set_lock_timeout(INTERACTIVE_LOCK_TIMEOUT);
            store.set_read_only(read_only);
            self.files.insert(
                path.to_path_buf(),
                WebConfigFile {
                    store,
                    saving: false,
                },
            );
        }
        self.files
            .get_mut(path)
            .ok_or_else(|| String::from("the web.config could not be opened"))
    }

    pub fn get(&self, path: &Path) -> Option<&WebConfigFile> {
        self.files.get(path)
    }

    pub fn get_mut(&mut self, path: &Path) -> Option<&mut WebConfigFile> {
        self.files.get_mut(path)
    }
}

/// Work on a web.config or an app's folder, for the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebConfigEffect {
    /// Apply settings to the `<aspNetCore>` element and save; `stdout_folder` is created after
    /// a save that turned stdout logging on (`stdoutLogFile` relative to the app's folder).
    Save {
        file: PathBuf,
        settings: Vec<Setting>,
        dialog: Option<DialogId>,
        stdout_folder: Option<(PathBuf, String)>,
    },
    /// Undo the last saved change of the file.
    Undo {
        file: PathBuf,
        dialog: Option<DialogId>,
    },
    /// Write `app_offline.htm` with the message, or remove it (`None`).
    Offline {
        folder: PathBuf,
        message: Option<String>,
        dialog: Option<DialogId>,
    },
}

/// A finished save (or why none ran).
#[derive(Debug)]
pub struct WebConfigSaved {
    pub file: PathBuf,
    pub dialog: Option<DialogId>,
    pub summary: String,
    pub result: Result<(Box<SaveOutcome>, Step), String>,
    /// What creating the stdout log folder did.
    pub folder_note: Option<String>,
}

/// Files a finished save: the store adopts it, the user and the review that asked hear how
/// it went.
pub fn saved(app: &mut App, saved: WebConfigSaved) -> Vec<Effect> {
    app.busy = app.busy.saturating_sub(1);
    let WebConfigSaved {
        file,
        dialog,
        summary,
        result,
        folder_note,
    } = saved;
    let answer = match result {
        Err(why) => Err(why),
        Ok((outcome, step)) => match app.web_configs.get_mut(&file) {
            None => Err(String::from("the web.config is no longer open")),
            Some(open) => {
                open.saving = false;
                match open.store.finish(*outcome, step) {
                    Ok(report) => {
                        let mut text =
                            format!("{summary} · saved (backup {})", report.backup.display());
                        for note in report.notes.iter().chain(folder_note.iter()) {
                            text.push_str(&format!(" · {note}"));
                        }
                        app.set_status(Level::Success, text);
                        Ok(summary)
                    }
                    Err(StoreError::Conflict { .. }) => Err(format!(
                        "{} changed on disk since it was loaded; nothing was written (close and open the settings again to load it)",
                        file.display()
                    )),
                    Err(err) => Err(err.to_string()),
                }
            }
        },
    };
    if let Err(why) = &answer {
        if let Some(open) = app.web_configs.get_mut(&file) {
            open.saving = false;
        }
        app.set_status(Level::Error, why.clone());
    }
    // The log view's header shows whether stdout logging is on.
    if app.view == View::Logs && answer.is_ok() {
        super::logview::refresh_sources(app);
    }
    // The problems and the strip's counts follow the web.config as they follow
    // applicationHost.config (stdout logging left on is a problem, off is not).
    let mut effects = Vec::new();
    if answer.is_ok() {
        effects.push(Effect::Validate { conn: app.current });
    }
    if let Some(dialog) = dialog {
        effects.extend(super::dialog::on_result(
            app,
            dialog,
            DialogResult::Saved(answer),
        ));
    }
    effects
}

/// The `iistui … set aspnetcore APP SETTING…` line for the review, naming the connection's
/// configuration.
pub fn cli(app: &App, conn: usize, id: &str, settings: &[Setting]) -> String {
    let mut cmd = CommandLine::new(Shell::native(), "iistui");
    if let Some(c) = app.conns.get(conn) {
        cmd = match c.kind {
            ConnectionKind::Machine => cmd,
            ConnectionKind::Demo => cmd.word("--demo"),
            _ => cmd.path_option("--config", c.path.as_os_str()),
        };
    }
    let args: Vec<String> = settings.iter().map(Setting::to_string).collect();
    let mut operands = vec![id];
    operands.extend(args.iter().map(String::as_str));
    cmd.word("set")
        .word("aspnetcore")
        .operands(&operands)
        .finish()
}

/// `N`: the ASP.NET Core settings of the selected application (or site's root).
pub fn open_selected(app: &mut App) -> Vec<Effect> {
    let id = match (&app.view, app.selected_name()) {
        (View::Sites | View::Apps { .. }, Some(id)) => id,
        (View::Logs, _) => match app.logs.sources.first() {
            Some(source) => source.logs.app.clone(),
            None => String::new(),
        },
        _ => String::new(),
    };
    if id.is_empty() {
        app.set_status(
            Level::Info,
            "ASP.NET Core settings: select an application (or a site) in its list, then N",
        );
        return Vec::new();
    }
    open(app, &id)
}

/// Opens the editor for an application id.
pub fn open(app: &mut App, id: &str) -> Vec<Effect> {
    match AspNetCoreEditor::open(app, app.current, id) {
        Ok(editor) => {
            app.dialogs.push(Box::new(editor));
        }
        Err(why) => app.set_status(Level::Error, format!("ASP.NET Core settings: {why}")),
    }
    Vec::new()
}

/// `S` in the log view: the review of turning the shown app's stdout logging on or off.
pub fn stdout_from_logs(app: &mut App) -> Vec<Effect> {
    let Some(id) = app.logs.sources.first().map(|s| s.logs.app.clone()) else {
        app.set_status(Level::Info, "no application's log is open");
        return Vec::new();
    };
    if app.logs.sources.iter().any(|s| s.logs.app != id) {
        // Never guess which one: the first would be changed silently.
        app.set_status(
            Level::Warning,
            "stdout logging: this stream follows several applications; open one's logs (L on it) or its ASP.NET Core settings (N)",
        );
        return Vec::new();
    }
    if app.conn().is_some_and(|c| c.is_read_only()) {
        app.set_status(
            Level::Warning,
            "stdout logging: this connection is read-only",
        );
        return Vec::new();
    }
    match AspNetCoreEditor::open(app, app.current, &id) {
        Ok(mut editor) => {
            editor.toggle_stdout(app);
            editor.close_after_save = true;
            app.dialogs.push(Box::new(editor));
        }
        Err(why) => app.set_status(Level::Error, format!("stdout logging: {why}")),
    }
    Vec::new()
}

/// The app's host view (for the editor).
pub fn host(app: &App, conn: usize) -> Result<AppHost<'_>, String> {
    app.conns
        .get(conn)
        .and_then(|c| c.host(&app.schema))
        .ok_or_else(|| String::from("this configuration could not be opened"))
}
