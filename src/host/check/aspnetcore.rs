//! Rules over the applications' web.config files and the ASP.NET Core Module: missing
//! executables and dlls (502.5), handlers added twice (500.19), the module or its section not
//! registered (500.19), stdout logging left on or without its folder, and the pools that run
//! ASP.NET Core apps (managed code, two in-process apps, user profile for data protection keys).

use std::collections::BTreeMap;
use std::path::Path;

use crate::host::health::cmdline::{file_name, split_windows};
use crate::model::apphost::{AppHost, Target, section_declarations};
use crate::model::schema::SchemaSet;
use crate::model::store::human_size;
use crate::model::validate::hosting::{ConfigChange, Fix, ObjectRef, Problem, rules};
use crate::model::webconfig::{ASPNETCORE_SECTION, find_aspnetcore};

use super::facts::{AppFacts, HandlerEntry, handlers, is_ancm, resolve};

/// What one application's web.config says about the ASP.NET Core Module.
struct Ancm<'a> {
    app: &'a AppFacts,
    folder: &'a Path,
    process_path: String,
    arguments: String,
    in_process: bool,
    stdout: bool,
    stdout_file: String,
}

fn ancm_apps<'a>(apps: &'a [AppFacts], schema: &SchemaSet) -> Vec<Ancm<'a>> {
    apps.iter()
        .filter_map(|app| {
            let folder = app.folder.as_deref()?;
            let ancm = find_aspnetcore(app.document()?, schema)?;
            Some(Ancm {
                app,
                folder,
                process_path: ancm.process_path(),
                arguments: ancm.arguments(),
                in_process: ancm.is_in_process(),
                stdout: ancm.stdout_log_enabled(),
                stdout_file: ancm.stdout_log_file(),
            })
        })
        .collect()
}

fn app_object(app: &AppFacts) -> ObjectRef {
    ObjectRef::Application { id: app.id.clone() }
}

/// Every ASP.NET Core problem of these applications.
pub fn check(host: AppHost<'_>, apps: &[AppFacts]) -> Vec<Problem> {
    let schema = host.schema;
    let ancm = ancm_apps(apps, schema);
    let mut out = Vec::new();
    for app in &ancm {
        files(app, &mut out);
        stdout(app, &mut out);
    }
    handler_added_twice(apps, &mut out);
    module_registration(host, apps, &mut out);
    pools(host, &ancm, &mut out);
    out
}

fn files(app: &Ancm<'_>, out: &mut Vec<Problem>) {
    let command = app.process_path.trim();
    let is_command = !command.contains(['\\', '/']);
    if !is_command {
        if let Some(path) = resolve(app.folder, command).filter(|p| !p.is_file()) {
            out.push(Problem::new(
                &rules::PROCESS_PATH_MISSING,
                app_object(app.app),
                format!(
                    "processPath {command} ({}) does not exist: the app fails with 502.5",
                    path.display()
                ),
                Fix::manual(
                    "Deploy the app's executable there, or correct processPath in web.config",
                ),
            ));
        }
    }
    let program = file_name(command).to_ascii_lowercase();
    if program != "dotnet" && program != "dotnet.exe" {
        return;
    }
    let args = split_windows(&format!("dotnet {}", app.arguments));
    let Some(dll) = args
        .iter()
        .skip(1)
        .find(|a| a.to_ascii_lowercase().ends_with(".dll"))
    else {
        return;
    };
    if let Some(path) = resolve(app.folder, dll).filter(|p| !p.is_file()) {
        out.push(Problem::new(
            &rules::ARGUMENTS_MISSING,
            app_object(app.app),
            format!(
                "arguments name {dll} ({}), which does not exist: the app fails with 502.5",
                path.display()
            ),
            Fix::manual("Publish the app into its folder, or correct arguments in web.config"),
        ));
    }
}

fn stdout(app: &Ancm<'_>, out: &mut Vec<Problem>) {
    if !app.stdout {
        return;
    }
    let folder =
        resolve(app.folder, &app.stdout_file).and_then(|f| f.parent().map(Path::to_path_buf));
    let web_config = app
        .app
        .web_config
        .as_ref()
        .map(|w| w.file.display().to_string())
        .unwrap_or_default();
    let holding = match folder.as_deref().map(std::fs::read_dir) {
        Some(Ok(entries)) => {
            let sizes: Vec<u64> = entries
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .collect();
            format!(
                "; its folder holds {} file{}, {}",
                sizes.len(),
                if sizes.len() == 1 { "" } else { "s" },
                human_size(sizes.iter().sum())
            )
        }
        _ => String::new(),
    };
    out.push(Problem::new(
        &rules::STDOUT_LOG_ON,
        app_object(app.app),
        format!("stdoutLogEnabled=\"true\" ({}){holding}", app.stdout_file),
        Fix::change(
            "Turn stdout logging off once the app starts",
            ConfigChange::AspNetCore {
                web_config,
                attribute: String::from("stdoutLogEnabled"),
                value: String::from("false"),
            },
        ),
    ));
    if let Some(folder) = folder.filter(|f| !f.is_dir()) {
        out.push(Problem::new(
            &rules::STDOUT_LOG_FOLDER_MISSING,
            app_object(app.app),
            format!("stdout log folder {} does not exist", folder.display()),
            Fix::manual(format!(
                "Create {} and let the pool's identity write to it",
                folder.display()
            )),
        ));
    }
}

/// Whether `ancestor` (a virtual path) is above `path`, segment-wise.
fn is_ancestor(ancestor: &str, path: &str) -> bool {
    let ancestor = ancestor.trim_end_matches('/').to_lowercase();
    let path = path.to_lowercase();
    path != ancestor && path.starts_with(&format!("{ancestor}/"))
}

fn handler_added_twice(apps: &[AppFacts], out: &mut Vec<Problem>) {
    for child in apps.iter().filter(|a| a.path != "/") {
        let Some(doc) = child.document() else {
            continue;
        };
        for parent in apps.iter().filter(|p| {
            p.site.eq_ignore_ascii_case(&child.site) && is_ancestor(&p.path, &child.path)
        }) {
            let Some(parent_doc) = parent.document() else {
                continue;
            };
            let inherited: Vec<String> = handlers(parent_doc)
                .into_iter()
                .filter(|h| h.inherited)
                .flat_map(|h| h.entries)
                .filter_map(|e| match e {
                    HandlerEntry::Add { name, modules } if is_ancm(&modules) => Some(name),
                    _ => None,
                })
                .collect();
            for name in inherited {
                let mut cleared = false;
                for entry in handlers(doc).into_iter().flat_map(|h| h.entries) {
                    match entry {
                        HandlerEntry::Clear => cleared = true,
                        HandlerEntry::Remove(n) if n.eq_ignore_ascii_case(&name) => cleared = true,
                        HandlerEntry::Add { name: added, .. }
                            if !cleared && added.eq_ignore_ascii_case(&name) =>
                        {
                            out.push(Problem::new(
                                &rules::HANDLER_ADDED_TWICE,
                                app_object(child),
                                format!(
                                    "its web.config adds handler \"{name}\", which {} already gives its sub-applications: 500.19",
                                    parent.id
                                ),
                                Fix::manual(format!(
                                    "Add <remove name=\"{name}\" /> before the <add>, or wrap {}'s <system.webServer> in <location path=\".\" inheritInChildApplications=\"false\">",
                                    parent.id
                                )),
                            ));
                            break;
                        }
                        _ => {}
                    }
                }
            }
        }
    }
}

fn module_registration(host: AppHost<'_>, apps: &[AppFacts], out: &mut Vec<Problem>) {
    let doc = host.doc;
    let declared = doc.child(doc.root(), "configSections").map(|_| {
        section_declarations(doc)
            .iter()
            .any(|d| d.name.eq_ignore_ascii_case(ASPNETCORE_SECTION))
    });
    let modules: Option<Vec<String>> = doc
        .descend(doc.root(), &["system.webServer", "globalModules"])
        .map(|g| {
            doc.elements_named(g, "add")
                .filter_map(|a| doc.attr_value(a, "name").map(|n| n.into_owned()))
                .collect()
        });
    for app in apps {
        let Some(web) = app.document() else { continue };
        let uses_section = find_aspnetcore(web, host.schema).is_some();
        let wanted: Vec<String> = handlers(web)
            .into_iter()
            .flat_map(|h| h.entries)
            .filter_map(|e| match e {
                HandlerEntry::Add { modules, .. } if is_ancm(&modules) => {
                    Some(modules.trim().to_owned())
                }
                _ => None,
            })
            .collect();
        if uses_section && declared == Some(false) {
            out.push(Problem::new(
                &rules::MODULE_NOT_REGISTERED,
                app_object(app),
                format!("its web.config uses <aspNetCore>, but applicationHost.config declares no {ASPNETCORE_SECTION} section: 500.19"),
                Fix::manual("Install the ASP.NET Core Hosting Bundle on the server"),
            ));
        }
        let Some(registered) = &modules else { continue };
        let known = |m: &str| registered.iter().any(|r| r.eq_ignore_ascii_case(m));
        let missing: Vec<&String> = wanted.iter().filter(|m| !known(m)).collect();
        let none_at_all =
            wanted.is_empty() && uses_section && !registered.iter().any(|r| is_ancm(r));
        if missing.is_empty() && !none_at_all {
            continue;
        }
        let installed: Vec<&str> = registered
            .iter()
            .filter(|r| is_ancm(r))
            .map(String::as_str)
            .collect();
        let module = missing
            .first()
            .map(|m| m.as_str())
            .unwrap_or("AspNetCoreModuleV2");
        out.push(Problem::new(
            &rules::MODULE_NOT_REGISTERED,
            app_object(app),
            format!(
                "its web.config needs module {module}, which globalModules does not register (registered: {}): 500.19",
                if installed.is_empty() { String::from("no ASP.NET Core Module") } else { installed.join(", ") }
            ),
            Fix::manual("Install the matching ASP.NET Core Hosting Bundle, or publish the app for the module installed"),
        ));
    }
}

fn pools(host: AppHost<'_>, ancm: &[Ancm<'_>], out: &mut Vec<Problem>) {
    let mut by_pool: BTreeMap<String, Vec<&Ancm>> = BTreeMap::new();
    for app in ancm {
        if let Some(pool) = &app.app.pool {
            by_pool.entry(pool.to_lowercase()).or_default().push(app);
        }
    }
    for pool in host.app_pools() {
        let name = pool.name().into_owned();
        let Some(core_apps) = by_pool.get(&name.to_lowercase()) else {
            continue;
        };
        let object = || ObjectRef::AppPool { name: name.clone() };
        let at = host.doc.node_location(pool.node);
        let set = |key: &str, value: &str| ConfigChange::Set {
            target: Target::AppPool(name.clone()),
            key: key.to_owned(),
            value: value.to_owned(),
        };
        let in_process: Vec<&str> = core_apps
            .iter()
            .filter(|a| a.in_process)
            .map(|a| a.app.id.as_str())
            .collect();
        if in_process.len() > 1 {
            out.push(Problem::new(
                &rules::TWO_IN_PROCESS_APPS,
                object(),
                format!("{} in-process ASP.NET Core apps share it ({}): all but the first answer 500.35", in_process.len(), in_process.join(", ")),
                Fix::manual("Give each in-process app its own application pool"),
            ).at(at));
        }
        let users = host.applications_using_pool(&name).len();
        let runtime = pool.text("managedRuntimeVersion");
        if !runtime.is_empty() && users == core_apps.len() {
            out.push(Problem::new(
                &rules::POOL_RUNS_MANAGED_CODE,
                object(),
                format!("managedRuntimeVersion=\"{runtime}\" though it serves only ASP.NET Core apps: the CLR is loaded for nothing"),
                Fix::change("Set the pool to No Managed Code", set("managedRuntimeVersion", "")),
            ).at(at));
        }
        if pool
            .text("processModel.loadUserProfile")
            .eq_ignore_ascii_case("false")
        {
            out.push(Problem::new(
                &rules::USER_PROFILE_NOT_LOADED,
                object(),
                String::from("processModel.loadUserProfile=\"false\" with ASP.NET Core apps: data protection keys are not persisted"),
                Fix::change("Load the user profile", set("processModel.loadUserProfile", "true")),
            ).at(at));
        }
    }
}
