//! What removing an application says before it is done: every virtual directory that goes with
//! it (path and folder), and for each of their URLs whether the application left above serves
//! the same folder there afterwards (a plain note) or another one, which may not exist (a
//! warning). Folders and files are never touched. The review and `delete app` print it.

use super::Application;
use super::serving::{same_folder, served};
use super::site::Site;

/// The summary lines and warnings of removing `application` (not yet removed).
pub fn removal_notes(application: &Application<'_>) -> (Vec<String>, Vec<String>) {
    let site = Site::new(application.host, application.site);
    let app_path = application.path();
    let vdirs = application.virtual_directories();
    let mut summary = vec![format!(
        "deleted application \"{}\" (folders and files stay on disk)",
        application.id()
    )];
    let mut warnings = Vec::new();
    for vdir in &vdirs {
        let folder = vdir.physical_path_text().unwrap_or_default();
        summary.push(format!(
            "deleted its virtual directory \"{}\" ({folder})",
            vdir.path()
        ));
        let url = join_url(&app_path, &vdir.path());
        let after = served(&site, &url, Some(application.node));
        match after.as_ref().and_then(|s| Some((s, s.folder.as_deref()?))) {
            Some((s, then)) if same_folder(then, &folder) => summary.push(format!(
                "application \"{}\" serves {url} again, from the same folder ({then})",
                s.application.id()
            )),
            Some((s, then)) => warnings.push(format!(
                "the URL {url} will no longer serve {folder}: application \"{}\" serves it from {then} instead (404 unless that folder exists)",
                s.application.id()
            )),
            None => warnings.push(format!(
                "the URL {url} will no longer serve {folder}: nothing in site \"{}\" serves it then (404)",
                site.name()
            )),
        }
    }
    if !vdirs.iter().any(|v| v.path() == "/") {
        if let Some(s) = served(&site, &app_path, Some(application.node)) {
            let from = s.folder.map(|f| format!(", from {f}")).unwrap_or_default();
            summary.push(format!(
                "it has no root virtual directory; application \"{}\" serves {app_path} then{from}",
                s.application.id()
            ));
        }
    }
    (summary, warnings)
}

/// An application's path and one of its virtual directories' paths as one URL path.
fn join_url(app: &str, vdir: &str) -> String {
    let vdir = if vdir == "/" { "" } else { vdir };
    match format!("{}{vdir}", app.trim_end_matches('/')) {
        url if url.is_empty() => String::from("/"),
        url => url,
    }
}
