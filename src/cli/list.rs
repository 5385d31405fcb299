//! `iistui list sites|apppools|apps|vdirs [--site NAME] [--json]`, in appcmd's line format or
//! as JSON.

use crate::host::runtime::RuntimeStates;
use crate::model::apphost::{AppHost, Application};

use super::args::ListKind;
use super::error::CliError;
use super::output::{AppJson, AppPoolJson, SiteJson, VdirJson, print_json};

/// Prints rows as a JSON array: pretty on a terminal, compact when piped. Piped, each row is
/// serialized as soon as it is built (long lists on two threads), never collected first.
fn json_rows<T: Sync, R: serde::Serialize>(
    items: &[T],
    f: impl Fn(&T) -> R + Sync,
) -> Result<(), CliError> {
    use std::io::{IsTerminal, Write};
    if std::io::stdout().is_terminal() {
        return print_json(&items.iter().map(&f).collect::<Vec<R>>());
    }
    // Each part is the comma-separated rows of one slice, without brackets.
    let encode = |chunk: &[T]| -> Vec<u8> {
        let mut out = Vec::with_capacity(chunk.len() * 256);
        for (i, item) in chunk.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            // Writing into a Vec fails only for maps with non-string keys, which rows have not.
            let _ = serde_json::to_writer(&mut out, &f(item));
        }
        out
    };
    let parts: Vec<Vec<u8>> = if items.len() < 2_000 {
        vec![encode(items)]
    } else {
        let (first, second) = items.split_at(items.len() / 2);
        let (a, b) = join(|| encode(first), || encode(second));
        vec![a, b]
    };
    let mut out = std::io::stdout().lock();
    let mut written = out.write_all(b"[");
    for (i, part) in parts.iter().filter(|p| !p.is_empty()).enumerate() {
        if i > 0 {
            written = written.and_then(|()| out.write_all(b","));
        }
        written = written.and_then(|()| out.write_all(part));
    }
    written
        .and_then(|()| out.write_all(b"]\n"))
        .and_then(|()| out.flush())
        .map_err(|e| CliError::usage(format!("cannot write output: {e}")))
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

pub fn run(
    host: AppHost<'_>,
    kind: ListKind,
    site: Option<&str>,
    json: bool,
    states: Option<&RuntimeStates>,
) -> Result<(), CliError> {
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
            let mut out = String::with_capacity(rows.len() * 80);
            for row in rows {
                let id = row.id.map(|i| i.to_string()).unwrap_or_default();
                out.push_str(&format!(
                    "SITE \"{}\" (id:{id},bindings:{},state:{})\n",
                    row.name,
                    row.bindings
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(","),
                    state_text(row.state.as_deref())
                ));
            }
            print!("{out}");
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
                return print_json(&rows);
            }
            for row in rows {
                let runtime = if row.managed_runtime_version.is_empty() {
                    "No Managed Code"
                } else {
                    &row.managed_runtime_version
                };
                println!(
                    "APPPOOL \"{}\" (MgdVersion:{runtime},MgdMode:{},identity:{},state:{})",
                    row.name,
                    row.managed_pipeline_mode,
                    row.identity_type,
                    state_text(row.state.as_deref())
                );
            }
        }
        ListKind::Apps => {
            let apps: Vec<Application<'_>> = sites.iter().flat_map(|s| s.applications()).collect();
            let rows: Vec<AppJson> = apps.iter().map(AppJson::new).collect();
            if json {
                return print_json(&rows);
            }
            for row in rows {
                println!(
                    "APP \"{}\" (applicationPool:{})",
                    row.id,
                    row.application_pool.unwrap_or_default()
                );
            }
        }
        ListKind::Vdirs => {
            let rows: Vec<VdirJson> = sites
                .iter()
                .flat_map(|s| s.applications())
                .flat_map(|a| a.virtual_directories())
                .map(|v| VdirJson::new(&v))
                .collect();
            if json {
                return print_json(&rows);
            }
            for row in rows {
                println!(
                    "VDIR \"{}\" (physicalPath:{})",
                    row.id,
                    row.physical_path.unwrap_or_default()
                );
            }
        }
    }
    Ok(())
}
