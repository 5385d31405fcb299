//! `iistui list sites|apppools|apps|vdirs [--site NAME] [--json]`, in appcmd's line format or
//! as JSON.

use crate::host::runtime::RuntimeStates;
use crate::model::apphost::{AppHost, Application};
use crate::model::doc::{Document, NodeId};
use crate::model::webconfig::find_aspnetcore;

use super::args::ListKind;
use super::error::CliError;
use super::output::{AppJson, AppPoolJson, SiteJson, VdirJson, print_json};
use super::stdio::{Out, note};

/// Prints rows as a JSON array: pretty on a terminal, compact when piped. Piped, rows are
/// serialized as they are built, never collected first: the first half a block at a time
/// through one small reused buffer, and for long lists the second half on a second thread.
fn json_rows<T: Sync, R: serde::Serialize>(
    items: &[T],
    f: impl Fn(&T) -> R + Sync,
) -> Result<(), CliError> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        return print_json(&items.iter().map(&f).collect::<Vec<R>>());
    }
    // Rows each preceded by a comma (the caller drops the array's first one).
    let encode = |out: &mut Vec<u8>, rows: &[T]| {
        for item in rows {
            out.push(b',');
            // Writing into a Vec fails only for maps with non-string keys, which rows have not.
            let _ = serde_json::to_writer(&mut *out, &f(item));
        }
    };
    let (first, second) = items.split_at(if items.len() < 2_000 {
        items.len()
    } else {
        items.len() / 2
    });
    let mut out = Out::new();
    let mut write_first = || -> Result<(), CliError> {
        out.json_text("[")?;
        let mut block = Vec::with_capacity(256 << 10);
        for (n, rows) in first.chunks(512).enumerate() {
            block.clear();
            encode(&mut block, rows);
            let json = String::from_utf8_lossy(&block);
            out.json_text(if n == 0 { &json[1..] } else { &json })?;
        }
        Ok(())
    };
    if second.is_empty() {
        write_first()?;
    } else {
        let (head, tail) = join(write_first, || {
            let mut rest = Vec::with_capacity(second.len() * 256);
            encode(&mut rest, second);
            rest
        });
        head?;
        out.json_text(&String::from_utf8_lossy(&tail))?;
    }
    out.json_text("]\n")?;
    out.finish()
}

/// Runs `a` here and `b` on a second thread (or here too, if that thread panicked).
fn join<A, B: Send>(a: impl FnOnce() -> A, b: impl Fn() -> B + Send + Sync) -> (A, B) {
    std::thread::scope(|scope| {
        let second = scope.spawn(&b);
        let first = a();
        let second = second.join().unwrap_or_else(|_| b());
        (first, second)
    })
}

/// Maps a long list on two threads (hosting servers have thousands of sites); short lists stay
/// on one.
fn in_two<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if items.len() < 2_000 {
        return items.iter().map(&f).collect();
    }
    let (first, second) = items.split_at(items.len() / 2);
    let (mut head, tail) = join(
        || first.iter().map(&f).collect::<Vec<R>>(),
        || second.iter().map(&f).collect::<Vec<R>>(),
    );
    head.extend(tail);
    head
}

fn state_text(state: Option<&str>) -> &str {
    state.unwrap_or("unknown")
}

/// The sections one element of a configuration file stands for: `system.webServer/aspNetCore`
/// for each section in a group, `appSettings` for a section of its own.
fn section_paths(doc: &Document, element: NodeId) -> Vec<String> {
    let name = doc.name(element);
    let inner: Vec<String> = doc
        .elements(element)
        .map(|s| format!("{name}/{}", doc.name(s)))
        .collect();
    if name.starts_with("system.") && !inner.is_empty() {
        inner
    } else {
        vec![name.to_owned()]
    }
}

/// A file without `<system.applicationHost>` (a web.config, administration.config) holds no
/// sites, pools, applications or virtual directories: instead of an empty list, notes say what
/// the file is, where those live, and what the file configures. JSON prints an empty array, so
/// scripts still read a list.
fn not_an_apphost(host: AppHost<'_>, kind: ListKind, json: bool) -> Option<Result<(), CliError>> {
    let doc = host.doc;
    let root = doc.root();
    if doc.child(root, "system.applicationHost").is_some() {
        return None;
    }
    let what = match kind {
        ListKind::Sites => "sites",
        ListKind::Apppools => "application pools",
        ListKind::Apps => "applications",
        ListKind::Vdirs => "virtual directories",
    };
    let mut sections = Vec::new();
    for child in doc.elements(root) {
        match doc.name(child) {
            "configSections" | "configProtectedData" => {}
            "location" => {
                let path = doc.attr_value(child, "path").unwrap_or_default();
                sections.extend(
                    doc.elements(child)
                        .flat_map(|e| section_paths(doc, e))
                        .map(|s| format!("{s} (in <location path=\"{path}\">)")),
                );
            }
            _ => sections.extend(section_paths(doc, child)),
        }
    }
    let web_config = sections
        .iter()
        .any(|s| s.starts_with("system.webServer") || s.starts_with("system.web/"));
    note(
        "note",
        &format!(
            "this file has no <system.applicationHost> section, so it has no {what}: {} Sites, \
             application pools, applications and virtual directories live in the server's \
             applicationHost.config (%windir%\\System32\\inetsrv\\config\\applicationHost.config, \
             which iistui opens when run on the server without --config)",
            if web_config {
                "it is a web.config, one application's settings."
            } else {
                "it is not an applicationHost.config."
            }
        ),
    );
    if sections.is_empty() {
        note("note", "this file configures nothing");
    } else {
        note(
            "note",
            &format!("this file configures: {}", sections.join(", ")),
        );
    }
    if let Some(module) = find_aspnetcore(doc, host.schema) {
        let settings: Vec<String> = [
            ("processPath", module.process_path()),
            ("arguments", module.arguments()),
            ("hostingModel", module.hosting_model()),
        ]
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(key, value)| format!("{key} {value}"))
        .collect();
        note(
            "note",
            &format!("ASP.NET Core Module: {}", settings.join(", ")),
        );
    }
    note(
        "note",
        "`iistui validate FILE` checks it against the IIS schema",
    );
    Some(if json { print_rows::<()>(&[]) } else { Ok(()) })
}

pub fn run(
    host: AppHost<'_>,
    kind: ListKind,
    site: Option<&str>,
    json: bool,
    states: Option<&RuntimeStates>,
) -> Result<(), CliError> {
    if let Some(done) = not_an_apphost(host, kind, json) {
        return done;
    }
    let sites = match site {
        Some(name) => vec![host.site(name)?],
        None => host.sites(),
    };
    match kind {
        ListKind::Sites => {
            if json {
                return json_rows(&sites, |s| SiteJson::new(s, states));
            }
            let rows: Vec<SiteJson> = in_two(&sites, |s| SiteJson::new(s, states));
            print_lines(rows.iter().map(|row| {
                let id = row.id.map(|i| i.to_string()).unwrap_or_default();
                format!(
                    "SITE \"{}\" (id:{id},bindings:{},state:{})",
                    row.name,
                    row.bindings
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(","),
                    state_text(row.state.as_deref())
                )
            }))
        }
        ListKind::Apppools => {
            let mut usage = std::collections::HashMap::<String, usize>::new();
            for app in host.sites().iter().flat_map(|s| s.applications()) {
                if let Some(pool) = app.app_pool_name() {
                    *usage.entry(pool.to_lowercase()).or_default() += 1;
                }
            }
            let rows: Vec<AppPoolJson> = host
                .app_pools()
                .iter()
                .map(|p| {
                    AppPoolJson::new(
                        p,
                        states,
                        usage.get(&p.name().to_lowercase()).copied().unwrap_or(0),
                    )
                })
                .collect();
            if json {
                return print_rows(&rows);
            }
            print_lines(rows.iter().map(|row| {
                let runtime = if row.managed_runtime_version.is_empty() {
                    "No Managed Code"
                } else {
                    &row.managed_runtime_version
                };
                format!(
                    "APPPOOL \"{}\" (MgdVersion:{runtime},MgdMode:{},identity:{},state:{})",
                    row.name,
                    row.managed_pipeline_mode,
                    row.identity_type,
                    state_text(row.state.as_deref())
                )
            }))
        }
        ListKind::Apps => {
            let apps: Vec<Application<'_>> = sites.iter().flat_map(|s| s.applications()).collect();
            let rows: Vec<AppJson> = apps.iter().map(AppJson::new).collect();
            if json {
                return print_rows(&rows);
            }
            print_lines(rows.iter().map(|row| {
                format!(
                    "APP \"{}\" (applicationPool:{})",
                    row.id,
                    row.application_pool.as_deref().unwrap_or_default()
                )
            }))
        }
        ListKind::Vdirs => {
            let rows: Vec<VdirJson> = sites
                .iter()
                .flat_map(|s| s.applications())
                .flat_map(|a| a.virtual_directories())
                .map(|v| VdirJson::new(&v))
                .collect();
            if json {
                return print_rows(&rows);
            }
            print_lines(rows.iter().map(|row| {
                format!(
                    "VDIR \"{}\" (physicalPath:{})",
                    row.id,
                    row.physical_path.as_deref().unwrap_or_default()
                )
            }))
        }
    }
}

/// Prints built rows as a JSON array, like [`json_rows`]: pretty on a terminal, compact when
/// piped.
fn print_rows<T: serde::Serialize>(rows: &[T]) -> Result<(), CliError> {
    use std::io::IsTerminal;
    let mut out = Out::new();
    out.json(rows, std::io::stdout().is_terminal())?;
    out.finish()
}

/// Prints lines through one buffer (stdout alone would write each line separately), each
/// escaped.
fn print_lines(mut lines: impl Iterator<Item = String>) -> Result<(), CliError> {
    let mut out = Out::new();
    lines.try_for_each(|line| out.line(&line))?;
    out.finish()
}
