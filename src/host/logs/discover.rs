//! Where an application's logs are: its web.config's `<aspNetCore>` element (`stdoutLogEnabled`,
//! `stdoutLogFile` relative to the application's folder, `%VARIABLES%` expanded, a `\\?\` prefix
//! understood; `hostingModel`, `processPath`, `arguments` for the header), the stdout log files
//! the module wrote (newest first), and the site's W3C request logs (`logFile.directory`,
//! folder `W3SVC<id>`). When there is nothing to show, the state says why, so each front end
//! can explain it and name its own fix.

use std::path::{Path, PathBuf};

use crate::host::check::facts::{read_web_config, resolve};
use crate::host::paths::local_path;
use crate::model::apphost::{AppHost, ModelError};
use crate::model::webconfig::find_aspnetcore;

use super::files::{self, LogFile, LogKind};
use super::tail::Follow;

/// Why an application's stdout log shows nothing (or shows old files only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StdoutState {
    /// Logging is on and there are files.
    Ready,
    /// The application's folder is not on this machine (another drive, a share).
    FolderNotHere(String),
    /// No web.config in the application's folder.
    NoWebConfig,
    /// The web.config could not be read or parsed.
    WebConfigUnreadable(String),
    /// The web.config has no `<aspNetCore>`: not an ASP.NET Core app.
    NotAspNetCore,
    /// `stdoutLogFile` names a place this machine cannot resolve.
    PathNotHere(String),
    /// `stdoutLogEnabled` is false (older files may still be listed).
    Off,
    /// Logging is on but its folder does not exist: the module does not create it.
    FolderMissing,
    /// Logging is on, the folder exists, no file yet.
    NoFilesYet,
}

/// The ASP.NET Core stdout logs of an application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StdoutLogs {
    /// `stdoutLogFile` as written (or the schema's default).
    pub configured: String,
    pub enabled: bool,
    pub folder: Option<PathBuf>,
    /// The file-name part the module adds `_<time>_<pid>.log` to.
    pub prefix: String,
    pub files: Vec<LogFile>,
    pub state: StdoutState,
}

/// Why the W3C logs show nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum W3cState {
    Ready,
    /// `logFile enabled="false"`.
    Off,
    /// `logFormat` is not W3C (IIS, NCSA, Custom).
    Format(String),
    /// The directory is not on this machine.
    NotHere(String),
    /// The site has no id.
    NoSiteId,
    FolderMissing,
    NoFilesYet,
}

/// The site's W3C request logs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct W3cLogs {
    /// `logFile.directory` as configured.
    pub directory: String,
    /// `<directory>\W3SVC<id>` on this machine.
    pub folder: Option<PathBuf>,
    pub files: Vec<LogFile>,
    pub state: W3cState,
}

/// What the ASP.NET Core Module runs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AncmFacts {
    pub hosting_model: String,
    pub process_path: String,
    pub arguments: String,
}

/// Everything about one application's logs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppLogs {
    /// appcmd id (`Site/`, `Site/path`).
    pub app: String,
    pub site: String,
    pub site_id: Option<u32>,
    /// The application's folder on this machine.
    pub folder: Option<PathBuf>,
    pub web_config: Option<PathBuf>,
    pub aspnetcore: Option<AncmFacts>,
    pub stdout: StdoutLogs,
    pub w3c: W3cLogs,
}

/// `\\?\C:\logs` → `C:\logs`, `\\?\UNC\server\share` → `\\server\share`.
pub fn strip_verbatim(path: &str) -> String {
    if let Some(rest) = path
        .strip_prefix("\\\\?\\UNC\\")
        .or_else(|| path.strip_prefix("//?/UNC/"))
    {
        return format!("\\\\{rest}");
    }
    path.strip_prefix("\\\\?\\")
        .or_else(|| path.strip_prefix("//?/"))
        .unwrap_or(path)
        .to_owned()
}

/// Finds the logs of an application (`Site/app`, `Site/` or a site name for its root).
pub fn discover(host: AppHost<'_>, id: &str) -> Result<AppLogs, ModelError> {
    let app = host.application(id)?;
    let site = host.site(&app.site_name())?;
    let folder_text = app
        .root_virtual_directory()
        .and_then(|v| v.physical_path_text())
        .unwrap_or_default();
    let folder = local_path(&folder_text).filter(|p| !p.to_string_lossy().contains('%'));
    let mut logs = AppLogs {
        app: app.id(),
        site: site.name().into_owned(),
        site_id: site.id(),
        folder: folder.clone(),
        web_config: None,
        aspnetcore: None,
        stdout: StdoutLogs {
            configured: String::new(),
            enabled: false,
            folder: None,
            prefix: String::from("stdout"),
            files: Vec::new(),
            state: StdoutState::NoWebConfig,
        },
        w3c: w3c_logs(&site),
    };
    let Some(folder) = folder else {
        logs.stdout.state = StdoutState::FolderNotHere(folder_text);
        return Ok(logs);
    };
    let Some(web) = read_web_config(&folder) else {
        return Ok(logs);
    };
    logs.web_config = Some(web.file.clone());
    let doc = match &web.doc {
        Ok(doc) => doc,
        Err(why) => {
            logs.stdout.state = StdoutState::WebConfigUnreadable(why.clone());
            return Ok(logs);
        }
    };
    let Some(ancm) = find_aspnetcore(doc, host.schema) else {
        logs.stdout.state = StdoutState::NotAspNetCore;
        return Ok(logs);
    };
    logs.aspnetcore = Some(AncmFacts {
        hosting_model: ancm.hosting_model(),
        process_path: ancm.process_path(),
        arguments: ancm.arguments(),
    });
    logs.stdout = stdout_logs(&folder, &ancm.stdout_log_file(), ancm.stdout_log_enabled());
    Ok(logs)
}

/// The stdout logs for `stdoutLogFile` (as written) relative to the application's folder.
pub fn stdout_logs(app_folder: &Path, configured: &str, enabled: bool) -> StdoutLogs {
    let mut logs = StdoutLogs {
        configured: configured.to_owned(),
        enabled,
        folder: None,
        prefix: String::from("stdout"),
        files: Vec::new(),
        state: StdoutState::Ready,
    };
    let Some(path) = resolve(app_folder, &strip_verbatim(configured)) else {
        logs.state = StdoutState::PathNotHere(configured.to_owned());
        return logs;
    };
    let prefix = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| String::from("stdout"));
    let folder = path.parent().map(Path::to_path_buf);
    logs.prefix = prefix.clone();
    logs.folder = folder.clone();
    let kind = LogKind::Stdout { prefix };
    logs.files = folder
        .as_deref()
        .and_then(|f| files::list(f, &kind).ok())
        .unwrap_or_default();
    logs.state = if !enabled {
        StdoutState::Off
    } else if !folder.as_deref().is_some_and(Path::is_dir) {
        StdoutState::FolderMissing
    } else if logs.files.is_empty() {
        StdoutState::NoFilesYet
    } else {
        StdoutState::Ready
    };
    logs
}

fn w3c_logs(site: &crate::model::apphost::Site<'_>) -> W3cLogs {
    let value = |key: &str| site.get(key).ok().and_then(|e| e.value).unwrap_or_default();
    let directory = value("logFile.directory");
    let mut logs = W3cLogs {
        directory: directory.clone(),
        folder: None,
        files: Vec::new(),
        state: W3cState::Ready,
    };
    if value("logFile.enabled").eq_ignore_ascii_case("false") {
        logs.state = W3cState::Off;
        return logs;
    }
    let format = value("logFile.logFormat");
    if !format.is_empty() && !format.eq_ignore_ascii_case("W3C") {
        logs.state = W3cState::Format(format);
        return logs;
    }
    let Some(id) = site.id() else {
        logs.state = W3cState::NoSiteId;
        return logs;
    };
    let Some(root) =
        local_path(&strip_verbatim(&directory)).filter(|p| !p.to_string_lossy().contains('%'))
    else {
        logs.state = W3cState::NotHere(directory);
        return logs;
    };
    let folder = root.join(format!("W3SVC{id}"));
    logs.files = files::list(&folder, &LogKind::W3c).unwrap_or_default();
    logs.state = if !folder.is_dir() {
        W3cState::FolderMissing
    } else if logs.files.is_empty() {
        W3cState::NoFilesYet
    } else {
        W3cState::Ready
    };
    logs.folder = Some(folder);
    logs
}

impl StdoutLogs {
    /// What to follow: the newest stdout log of the folder (a recycle's new file is switched
    /// to). `None` when there is no folder on this machine.
    pub fn follow(&self) -> Option<Follow> {
        Some(Follow::Newest {
            folder: self.folder.clone()?,
            kind: LogKind::Stdout {
                prefix: self.prefix.clone(),
            },
        })
    }

    /// Why there is nothing (or only old files) to show, in a sentence; `None` when ready.
    pub fn explain(&self) -> Option<String> {
        let folder = || {
            self.folder
                .as_ref()
                .map(|f| f.display().to_string())
                .unwrap_or_default()
        };
        Some(match &self.state {
            StdoutState::Ready => return None,
            StdoutState::FolderNotHere(path) => {
                format!("the application's folder {path} is not on this machine")
            }
            StdoutState::NoWebConfig => String::from(
                "the application's folder has no web.config, so the ASP.NET Core Module does not run it",
            ),
            StdoutState::WebConfigUnreadable(why) => {
                format!("its web.config cannot be read: {why}")
            }
            StdoutState::NotAspNetCore => String::from(
                "its web.config has no <aspNetCore> element: it is not an ASP.NET Core app, so it has no stdout log",
            ),
            StdoutState::PathNotHere(path) => {
                format!("stdoutLogFile {path} names a place this machine cannot resolve")
            }
            StdoutState::Off if self.files.is_empty() => String::from("stdout logging is off"),
            StdoutState::Off => {
                String::from("stdout logging is off; the files below are from when it was on")
            }
            StdoutState::FolderMissing => format!(
                "stdout logging is on, but the folder {} does not exist: the module does not create it, so nothing is logged",
                folder()
            ),
            StdoutState::NoFilesYet => format!(
                "no stdout log in {} yet: the module writes one when the app starts (a request starts it)",
                folder()
            ),
        })
    }
}

impl W3cLogs {
    /// What to follow: the newest W3C log of the site's folder (tomorrow's file is switched to).
    pub fn follow(&self) -> Option<Follow> {
        Some(Follow::Newest {
            folder: self.folder.clone()?,
            kind: LogKind::W3c,
        })
    }

    /// Why there is nothing to show, in a sentence; `None` when ready.
    pub fn explain(&self) -> Option<String> {
        let folder = || {
            self.folder
                .as_ref()
                .map(|f| f.display().to_string())
                .unwrap_or_default()
        };
        Some(match &self.state {
            W3cState::Ready => return None,
            W3cState::Off => {
                String::from("request logging is off for this site (logFile enabled=\"false\")")
            }
            W3cState::Format(format) => {
                format!("the site logs in the {format} format, not W3C")
            }
            W3cState::NotHere(dir) => format!("the log directory {dir} is not on this machine"),
            W3cState::NoSiteId => {
                String::from("the site has no id, so its log folder (W3SVC<id>) is unknown")
            }
            W3cState::FolderMissing => format!(
                "no request log folder {} yet: IIS creates it with the first request",
                folder()
            ),
            W3cState::NoFilesYet => format!("no W3C log in {} yet", folder()),
        })
    }
}

#[cfg(test)]
mod tests;
