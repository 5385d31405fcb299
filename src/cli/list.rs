//! `iistui list sites|apppools|apps|vdirs [--site NAME] [--json]`, in appcmd's line format or
//! as JSON.

use crate::host::runtime::RuntimeStates;
use crate::model::apphost::{AppHost, Application};

use super::args::ListKind;
use super::error::CliError;
use super::output::{AppJson, AppPoolJson, SiteJson, VdirJson, print_json};

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
            let rows: Vec<SiteJson> = sites.iter().map(|s| SiteJson::new(s, states)).collect();
            if json {
                return print_json(&rows);
            }
            let mut out = String::with_capacity(rows.len() * 80);
            for row in rows {
                let id = row.id.map(|i| i.to_string()).unwrap_or_default();
                out.push_str(&format!(
                    "SITE \"{}\" (id:{id},bindings:{},state:{})\n",
                    row.name,
                    row.bindings.join(","),
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
