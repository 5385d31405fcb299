//! The machine's side of the ASP.NET Core settings: which web.config file an application's
//! settings live in, the stdout log folder the module needs (it does not create it), and
//! `app_offline.htm`, the file that takes an app offline while it exists.

use std::path::{Path, PathBuf};

use crate::host::check::facts::resolve;
use crate::host::logs::discover::strip_verbatim;
use crate::host::paths::local_path;
use crate::model::apphost::AppHost;

/// The file whose presence takes an ASP.NET Core app offline.
pub const APP_OFFLINE: &str = "app_offline.htm";

/// The default page written by `o`: a plain notice, editable before it is written.
pub const OFFLINE_MESSAGE: &str = "This site is down for maintenance and will be back shortly.";

/// The application's folder on this machine.
pub fn app_folder(host: AppHost<'_>, id: &str) -> Result<PathBuf, String> {
    let app = host.application(id).map_err(|e| e.to_string())?;
    let configured = app
        .root_virtual_directory()
        .and_then(|v| v.physical_path_text())
        .ok_or_else(|| format!("application \"{}\" has no root virtual directory", app.id()))?;
    local_path(&configured)
        .filter(|p| !p.to_string_lossy().contains('%'))
        .ok_or_else(|| {
            format!(
                "the folder {configured} of \"{}\" is not on this machine",
                app.id()
            )
        })
}

/// The application's web.config (which must exist: the settings are edited, not invented).
pub fn web_config_of(host: AppHost<'_>, id: &str) -> Result<PathBuf, String> {
    let folder = app_folder(host, id)?;
    let file = folder.join("web.config");
    if file.is_file() {
        Ok(file)
    } else {
        Err(format!(
            "{} has no web.config, so the ASP.NET Core Module does not run it",
            folder.display()
        ))
    }
}

/// Creates the stdout log folder for `stdoutLogFile` (relative to the app's folder) when it is
/// missing; returns the folder created, if any.
pub fn ensure_stdout_folder(
    app_folder: &Path,
    configured: &str,
) -> Result<Option<PathBuf>, String> {
    let path = resolve(app_folder, &strip_verbatim(configured))
        .ok_or_else(|| format!("stdoutLogFile {configured} is not a path on this machine"))?;
    let Some(folder) = path.parent() else {
        return Ok(None);
    };
    if folder.is_dir() {
        return Ok(None);
    }
    std::fs::create_dir_all(folder)
        .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    Ok(Some(folder.to_path_buf()))
}

/// The page `app_offline.htm` holds: the message, HTML-escaped.
pub fn offline_page(message: &str) -> String {
    let escaped = message
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Offline</title></head>\n<body><p>{escaped}</p></body></html>\n"
    )
}

/// Whether the app is offline now.
pub fn is_offline(app_folder: &Path) -> bool {
    app_folder.join(APP_OFFLINE).is_file()
}

/// Takes the app offline (writes `app_offline.htm`, refusing to overwrite one) or online
/// (removes it). Returns what was done.
pub fn set_offline(app_folder: &Path, message: Option<&str>) -> Result<String, String> {
    let file = app_folder.join(APP_OFFLINE);
    match message {
        Some(message) => {
            use std::io::Write;
            let mut out = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&file)
                .map_err(|e| format!("cannot create {}: {e}", file.display()))?;
            out.write_all(offline_page(message).as_bytes())
                .and_then(|()| out.sync_all())
                .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
            Ok(format!(
                "offline: {} written; the module stops the app and answers 503 with its page",
                file.display()
            ))
        }
        None => {
            std::fs::remove_file(&file)
                .map_err(|e| format!("cannot remove {}: {e}", file.display()))?;
            Ok(format!(
                "online: {} removed; the next request starts the app",
                file.display()
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offline_writes_an_escaped_page_and_online_removes_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(!is_offline(dir.path()));
        set_offline(dir.path(), Some("Back at <b>5</b> & later")).expect("offline");
        let page = std::fs::read_to_string(dir.path().join(APP_OFFLINE)).expect("read");
        assert!(page.contains("Back at &lt;b&gt;5&lt;/b&gt; &amp; later"));
        assert!(is_offline(dir.path()));
        assert!(
            set_offline(dir.path(), Some("again")).is_err(),
            "never overwritten"
        );
        set_offline(dir.path(), None).expect("online");
        assert!(!is_offline(dir.path()));
    }

    #[test]
    fn the_stdout_folder_is_created_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let made = ensure_stdout_folder(dir.path(), r".\logs\stdout").expect("created");
        assert_eq!(made, Some(dir.path().join("logs")));
        assert!(dir.path().join("logs").is_dir());
        assert_eq!(ensure_stdout_folder(dir.path(), r".\logs\stdout"), Ok(None));
    }
}
