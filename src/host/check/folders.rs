//! Host facts about folders and files: physical paths that do not exist (403.14 / 404) and
//! web.config files IIS cannot read (500.19).

use crate::host::paths::local_path;
use crate::model::apphost::AppHost;
use crate::model::validate::hosting::{Fix, ObjectRef, Problem, rules};

use super::facts::AppFacts;

/// Missing physical paths of every virtual directory; the count of paths this system cannot
/// check (drives or shares it does not have) comes back too.
pub fn physical_paths(host: AppHost<'_>) -> (Vec<Problem>, usize) {
    let mut problems = Vec::new();
    let mut unchecked = 0;
    for site in host.sites() {
        for app in site.applications() {
            for vdir in app.virtual_directories() {
                let Some(written) = vdir.physical_path_text() else {
                    continue;
                };
                let Some(folder) = local_path(&written) else {
                    unchecked += 1;
                    continue;
                };
                if folder.is_dir() {
                    continue;
                }
                let object = if vdir.path() == "/" {
                    ObjectRef::Application { id: app.id() }
                } else {
                    ObjectRef::VirtualDirectory { id: vdir.id() }
                };
                let shown = folder.display().to_string();
                let resolved = if shown == written {
                    String::new()
                } else {
                    format!(" ({shown})")
                };
                let what = if folder.exists() {
                    "is not a folder"
                } else {
                    "does not exist"
                };
                problems.push(
                    Problem::new(
                        &rules::PHYSICAL_PATH_MISSING,
                        object,
                        format!("physical path {written}{resolved} {what}: requests get 404 or 403.14"),
                        Fix::manual("Deploy the content there, or point physicalPath at the folder that has it"),
                    )
                    .at(host.doc.node_location(vdir.node)),
                );
            }
        }
    }
    (problems, unchecked)
}

/// web.config files that exist but do not parse or cannot be read.
pub fn unreadable_web_configs(apps: &[AppFacts]) -> Vec<Problem> {
    apps.iter()
        .filter_map(|app| {
            let web_config = app.web_config.as_ref()?;
            let why = web_config.doc.as_ref().err()?;
            Some(Problem::new(
                &rules::WEB_CONFIG_UNREADABLE,
                ObjectRef::File {
                    path: web_config.file.display().to_string(),
                },
                format!("the web.config of {} cannot be read: {why}", app.id),
                Fix::manual("Correct the file (IIS answers 500.19 until it parses)"),
            ))
        })
        .collect()
}
