//! Where a new virtual directory or application may go: a path its application (or site)
//! already uses is a duplicate, and a virtual directory at or under another application's path
//! would be hidden by it (that application serves the URL), as an application at or above a
//! virtual directory of the application it sits in would hide that one. Both `add` commands
//! and the Add wizards (as the alias is typed) ask these.

use super::error::ModelError;
use super::serving::{contains_path, serving_application};
use super::site::Site;
use super::{Application, app_id};

/// Why virtual directory `path` cannot be added to `application`, if it cannot.
pub fn virtual_directory_overlap(application: &Application<'_>, path: &str) -> Option<ModelError> {
    let app_path = application.path();
    let vdir_id = format!("{}{path}", application.id().trim_end_matches('/'));
    if let Some(existing) = application
        .virtual_directories()
        .into_iter()
        .find(|v| v.path().eq_ignore_ascii_case(path))
    {
        return Some(ModelError::duplicate(
            "virtual directory",
            &vdir_id,
            &existing.id(),
        ));
    }
    let url = format!("{}{path}", app_path.trim_end_matches('/'));
    let site = Site::new(application.host, application.site);
    let hiding = serving_application(&site, &url, None).filter(|a| a.node != application.node)?;
    let how = if hiding.path().eq_ignore_ascii_case(&url) {
        "is already"
    } else {
        "is inside"
    };
    Some(ModelError::PathTaken {
        path: path.to_owned(),
        why: format!(
            "{how} application \"{}\": a virtual directory there would be hidden by it",
            hiding.id()
        ),
    })
}

/// Why application `path` cannot be added to `site`, if it cannot.
pub fn application_overlap(site: &Site<'_>, path: &str) -> Option<ModelError> {
    let site_name = site.name();
    if let Some(existing) = site
        .applications()
        .into_iter()
        .find(|a| a.path().eq_ignore_ascii_case(path))
    {
        return Some(ModelError::duplicate(
            "application",
            &app_id(&site_name, path),
            &existing.id(),
        ));
    }
    let parent = serving_application(site, path, None)?;
    let parent_path = parent.path();
    let (hidden, url) = parent
        .virtual_directories()
        .into_iter()
        .filter(|v| v.path() != "/")
        .map(|v| {
            let url = format!("{}{}", parent_path.trim_end_matches('/'), v.path());
            (v, url)
        })
        .find(|(_, url)| contains_path(path, url))?;
    let how = if url.eq_ignore_ascii_case(path) {
        "is already"
    } else {
        "holds"
    };
    Some(ModelError::PathTaken {
        path: path.to_owned(),
        why: format!(
            "{how} virtual directory \"{}\" of application \"{}\": an application there would hide it",
            hidden.id(),
            parent.id()
        ),
    })
}
