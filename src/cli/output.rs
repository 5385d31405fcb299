//! Shared CLI output: the JSON shapes of `list` (stable keys, documented in the README), and the
//! commit step every mutating command ends with (diff for --dry-run, else save + report).

use std::borrow::Cow;
use std::path::Path;

use serde::Serialize;

use crate::host::runtime::RuntimeStates;
use crate::host::terminal_text::escape;
use crate::model::apphost::{
    AppPool, Application, Binding, BindingSpec, Change, Effective, Origin, Site, VirtualDirectory,
};
use crate::model::store::{Store, unified_diff};

use super::error::CliError;
use super::stdio::{Out, note, note_line};

/// A site as `list sites --json` prints it, borrowed from the document (10,000-site lists are
/// serialized without copying every string first).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SiteJson<'a> {
    pub id: Option<u32>,
    pub name: Cow<'a, str>,
    pub state: Option<String>,
    pub bindings: Vec<BindingSpec<'a>>,
    pub physical_path: Option<Cow<'a, str>>,
    pub application_pool: Option<Cow<'a, str>>,
    pub applications: usize,
}

impl<'a> SiteJson<'a> {
    pub fn new(site: &Site<'a>, states: Option<&RuntimeStates>) -> SiteJson<'a> {
        let name = site.name();
        let root = site.root_application();
        SiteJson {
            id: site.id(),
            state: states.and_then(|s| s.site(&name)).map(str::to_owned),
            bindings: site.binding_spec_parts(),
            physical_path: root
                .and_then(|a| a.root_virtual_directory())
                .and_then(|v| v.physical_path_written()),
            application_pool: root.and_then(|a| a.app_pool_name_written()),
            applications: site.application_count(),
            name,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppPoolJson {
    pub name: String,
    pub state: Option<String>,
    pub managed_runtime_version: String,
    pub managed_pipeline_mode: String,
    pub identity_type: String,
    pub start_mode: String,
    pub auto_start: bool,
    pub applications: usize,
}

impl AppPoolJson {
    pub fn new(
        pool: &AppPool<'_>,
        states: Option<&RuntimeStates>,
        applications: usize,
    ) -> AppPoolJson {
        let name = pool.name().into_owned();
        AppPoolJson {
            state: states.and_then(|s| s.app_pool(&name)).map(str::to_owned),
            managed_runtime_version: pool.text("managedRuntimeVersion"),
            managed_pipeline_mode: pool.text("managedPipelineMode"),
            identity_type: pool.text("processModel.identityType"),
            start_mode: pool.text("startMode"),
            auto_start: pool.text("autoStart").eq_ignore_ascii_case("true"),
            applications,
            name,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppJson {
    pub id: String,
    pub site: String,
    pub path: String,
    pub application_pool: Option<String>,
    pub enabled_protocols: String,
    pub preload_enabled: bool,
    pub virtual_directories: usize,
}

impl AppJson {
    pub fn new(app: &Application<'_>) -> AppJson {
        let text = |key: &str| app.get(key).ok().and_then(|e| e.value).unwrap_or_default();
        AppJson {
            id: app.id(),
            site: app.site_name().into_owned(),
            path: app.path().into_owned(),
            application_pool: app.app_pool_name(),
            enabled_protocols: text("enabledProtocols"),
            preload_enabled: text("preloadEnabled").eq_ignore_ascii_case("true"),
            virtual_directories: app.virtual_directories().len(),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VdirJson {
    pub id: String,
    pub application: String,
    pub path: String,
    pub physical_path: Option<String>,
    pub expanded_physical_path: Option<String>,
    pub user_name: Option<String>,
    pub logon_method: Option<String>,
}

impl VdirJson {
    pub fn new(vdir: &VirtualDirectory<'_>) -> VdirJson {
        let text = |key: &str| vdir.get(key).ok().and_then(|e| e.value);
        let app_path = vdir.application_path();
        let site = vdir
            .host
            .doc
            .attr_value(vdir.site, "name")
            .unwrap_or_default();
        VdirJson {
            id: vdir.id(),
            application: format!("{site}{}", if app_path == "/" { "/" } else { &app_path }),
            path: vdir.path().into_owned(),
            physical_path: vdir.physical_path().value,
            expanded_physical_path: vdir
                .physical_path_text()
                .map(|p| crate::host::paths::expand_env(&p)),
            user_name: text("userName"),
            logon_method: text("logonMethod"),
        }
    }
}

/// `get --json`: one key's value and origin.
#[derive(Serialize)]
pub struct KeyJson<'a> {
    pub key: &'a str,
    pub value: Option<&'a str>,
    /// `explicit`, the defaults element it was inherited from, `schema`, or `unset`.
    pub origin: String,
    pub line: Option<u32>,
    pub encrypted: bool,
    /// A site's `bindings` key: each binding in full, with its line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bindings: Option<Vec<BindingJson<'a>>>,
}

/// One binding of `get site NAME bindings --json`.
#[derive(Serialize)]
pub struct BindingJson<'a> {
    #[serde(flatten)]
    pub binding: &'a Binding,
    pub line: u32,
}

impl<'a> KeyJson<'a> {
    pub fn new(effective: &'a Effective) -> KeyJson<'a> {
        let (origin, line) = match &effective.origin {
            Origin::Explicit { line, .. } => (String::from("explicit"), Some(*line)),
            Origin::Defaults { element, line, .. } => (element.clone(), Some(*line)),
            Origin::Schema => (String::from("schema"), None),
            Origin::Unset => (String::from("unset"), None),
        };
        KeyJson {
            key: &effective.key,
            value: effective.value.as_deref(),
            origin,
            line,
            encrypted: effective.encrypted,
            bindings: None,
        }
    }
}

/// Prints a value as JSON, indented (one object, or a list on a terminal).
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<(), CliError> {
    let mut out = Out::new();
    out.json(value, true)?;
    out.finish()
}

/// Ends a mutating command: prints the diff (dry run) or saves and reports.
pub fn commit(
    store: &mut Store,
    before: &str,
    change: Change,
    dry_run: bool,
) -> Result<(), CliError> {
    for warning in &change.warnings {
        note("warning", warning);
    }
    let mut out = Out::new();
    if change.is_empty() {
        for line in &change.summary {
            out.line(line)?;
        }
        out.line("nothing to change")?;
        return out.finish();
    }
    if dry_run {
        // The path in the diff's header is escaped too: the diff is split into lines to print.
        let name = escape(&store.path().display().to_string()).into_owned();
        out.text(&unified_diff(
            before,
            store.document().text(),
            Path::new(&name),
        ))?;
        out.finish()?;
        for line in &change.summary {
            note("would have", line);
        }
        note_line("dry run: nothing written");
        return Ok(());
    }
    store.record(&change);
    let report = store.save()?;
    for line in &change.summary {
        out.line(line)?;
    }
    out.line(&format!(
        "saved {} (backup: {})",
        report.path.display(),
        report.backup.display()
    ))?;
    out.finish()?;
    for line in &report.notes {
        note("note", line);
    }
    Ok(())
}
