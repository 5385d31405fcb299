//! Hosting rules over applicationHost.config alone: pools that do not start, are missing or
//! unused, application initialization half-configured, idle timeouts on AlwaysRunning pools,
//! and bindings (missing host names, duplicates, https without a certificate, none at all).

use std::collections::{HashMap, HashSet};

use crate::model::apphost::{AppHost, Application, Binding, Target};

use super::fix::{ConfigChange, Fix};
use super::problem::{ObjectRef, Problem};
use super::rules;

fn set(target: Target, key: &str, value: &str) -> ConfigChange {
    ConfigChange::Set {
        target,
        key: key.to_owned(),
        value: value.to_owned(),
    }
}

/// Every configuration-only hosting problem, in file order per rule.
pub fn check_config(host: AppHost<'_>) -> Vec<Problem> {
    let mut problems = Vec::new();
    pools(host, &mut problems);
    applications(host, &mut problems);
    bindings(host, &mut problems);
    problems
}

fn pools(host: AppHost<'_>, out: &mut Vec<Problem>) {
    let doc = host.doc;
    let used: HashSet<String> = host
        .sites()
        .iter()
        .flat_map(|s| s.applications())
        .filter_map(|a| a.app_pool_name())
        .map(|p| p.to_lowercase())
        .collect();
    for pool in host.app_pools() {
        let name = pool.name().into_owned();
        let object = || ObjectRef::AppPool { name: name.clone() };
        let at = doc.node_location(pool.node);
        let target = || Target::AppPool(name.clone());
        if pool.text("autoStart").eq_ignore_ascii_case("false") {
            out.push(
                Problem::new(
                    &rules::POOL_NOT_STARTED,
                    object(),
                    String::from(
                        "autoStart=\"false\": the pool stays stopped after IIS restarts and its applications answer 503",
                    ),
                    Fix::change("Start the pool with IIS", set(target(), "autoStart", "true")),
                )
                .at(at),
            );
        }
        let always_running = pool.text("startMode").eq_ignore_ascii_case("AlwaysRunning");
        let idle = pool.text("processModel.idleTimeout");
        if always_running && !is_zero_span(&idle) {
            out.push(
                Problem::new(
                    &rules::IDLE_TIMEOUT_ALWAYS_RUNNING,
                    object(),
                    format!(
                        "startMode=\"AlwaysRunning\" but processModel.idleTimeout is {idle}: the worker still shuts down when idle"
                    ),
                    Fix::change(
                        "Keep the worker running",
                        set(target(), "processModel.idleTimeout", "00:00:00"),
                    ),
                )
                .at(at),
            );
        }
        if !used.contains(&name.to_lowercase()) {
            out.push(
                Problem::new(
                    &rules::POOL_UNUSED,
                    object(),
                    String::from("no application uses this pool"),
                    Fix::change(
                        "Delete the pool",
                        ConfigChange::DeleteAppPool { name: name.clone() },
                    ),
                )
                .at(at),
            );
        }
    }
}

fn is_zero_span(span: &str) -> bool {
    !span.is_empty() && span.chars().all(|c| matches!(c, '0' | ':' | '.'))
}

fn applications(host: AppHost<'_>, out: &mut Vec<Problem>) {
    let doc = host.doc;
    let pools: HashMap<String, String> = host
        .app_pools()
        .iter()
        .map(|p| (p.name().to_lowercase(), p.text("startMode")))
        .collect();
    for site in host.sites() {
        for app in site.applications() {
            let Some(pool) = app.app_pool_name() else {
                continue;
            };
            let id = app.id();
            let object = || ObjectRef::Application { id: id.clone() };
            let Some(start_mode) = pools.get(&pool.to_lowercase()) else {
                let at = doc
                    .attr(app.node, "applicationPool")
                    .map(|a| a.location())
                    .unwrap_or_else(|| doc.node_location(app.node));
                out.push(
                    Problem::new(
                        &rules::POOL_MISSING,
                        object(),
                        format!("application pool \"{pool}\" does not exist; requests get 503"),
                        Fix::change(
                            format!("Add the application pool \"{pool}\""),
                            ConfigChange::AddAppPool { name: pool.clone() },
                        ),
                    )
                    .at(at),
                );
                continue;
            };
            preload(&app, &pool, start_mode, out);
        }
    }
}

fn preload(app: &Application<'_>, pool: &str, start_mode: &str, out: &mut Vec<Problem>) {
    let preload = app
        .get("preloadEnabled")
        .map(|e| e.text().eq_ignore_ascii_case("true"))
        .unwrap_or(false);
    let always_running = start_mode.eq_ignore_ascii_case("AlwaysRunning");
    let id = app.id();
    let at = app.host.doc.node_location(app.node);
    let problem = match (always_running, preload) {
        (true, false) => Problem::new(
            &rules::PRELOAD_HALF_CONFIGURED,
            ObjectRef::Application { id: id.clone() },
            format!(
                "pool \"{pool}\" is AlwaysRunning but the application has no preloadEnabled=\"true\": it is not warmed up"
            ),
            Fix::change(
                "Preload the application",
                set(Target::Application(id), "preloadEnabled", "true"),
            ),
        ),
        (false, true) => Problem::new(
            &rules::PRELOAD_HALF_CONFIGURED,
            ObjectRef::Application { id },
            format!(
                "preloadEnabled=\"true\" but pool \"{pool}\" starts OnDemand: nothing warms it up before the first request"
            ),
            Fix::change(
                format!("Start pool \"{pool}\" with IIS"),
                set(
                    Target::AppPool(pool.to_owned()),
                    "startMode",
                    "AlwaysRunning",
                ),
            ),
        ),
        _ => return,
    };
    out.push(problem.at(at));
}

/// A binding and the name of its site.
type SiteBinding = (String, Binding);

/// A name as a word of a command template shown in a fix: bare when plain, else in single
/// quotes (which sh and PowerShell read alike); a name with a quote in it stays a placeholder.
fn template_word(name: &str) -> String {
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
    {
        name.to_owned()
    } else if name.contains('\'') || name.chars().any(char::is_control) {
        String::from("<site>")
    } else {
        format!("'{name}'")
    }
}

fn bindings(host: AppHost<'_>, out: &mut Vec<Problem>) {
    let doc = host.doc;
    // Bindings seen so far by (protocol, port), with their site, to find duplicates without
    // comparing every pair of 10,000 sites.
    let mut seen: HashMap<(String, Option<u16>), Vec<SiteBinding>> = HashMap::new();
    for site in host.sites() {
        let name = site.name().into_owned();
        let bindings = site.bindings();
        if bindings.is_empty() {
            out.push(
                Problem::new(
                    &rules::NO_BINDINGS,
                    ObjectRef::Site { name: name.clone() },
                    String::from("the site has no bindings: nothing can reach it"),
                    Fix::manual(format!(
                        "Add a binding: iistui add binding --site {} http/*:80:<host name>",
                        template_word(&name)
                    )),
                )
                .at(doc.node_location(site.node)),
            );
        }
        for binding in bindings {
            let object = || ObjectRef::Binding {
                site: name.clone(),
                binding: binding.spec(),
            };
            let at = binding
                .node
                .map(|n| doc.node_location(n))
                .unwrap_or_else(|| doc.node_location(site.node));
            if binding.is_http_like() && matches!(binding.host.as_deref(), Some("") | Some("*")) {
                out.push(
                    Problem::new(
                        &rules::HOSTNAME_MISSING,
                        object(),
                        String::from(
                            "no host name: the site answers for every name that reaches this address and port",
                        ),
                        Fix::manual("Give the binding the site's host name"),
                    )
                    .at(at),
                );
            }
            let central_store = binding
                .ssl_flags
                .as_deref()
                .and_then(|f| f.trim().parse::<u32>().ok())
                .is_some_and(|f| f & 2 != 0);
            if binding.protocol.eq_ignore_ascii_case("https")
                && binding.certificate_hash.as_deref().unwrap_or("").is_empty()
                && !central_store
            {
                out.push(
                    Problem::new(
                        &rules::HTTPS_WITHOUT_CERTIFICATE,
                        object(),
                        String::from("no certificate (certificateHash) is bound"),
                        Fix::manual("Bind a certificate (iistui add binding … --certificate HASH)"),
                    )
                    .at(at),
                );
            }
            let group = seen
                .entry((binding.protocol.to_lowercase(), binding.port))
                .or_default();
            match group.iter().find(|(_, b)| b.same_endpoint(&binding)) {
                Some((other, _)) => {
                    let message = if other.eq_ignore_ascii_case(&name) {
                        String::from("the site has this binding twice")
                    } else {
                        format!("site \"{other}\" has the same binding; only one of them can start")
                    };
                    out.push(
                        Problem::new(
                            &rules::DUPLICATE_BINDING,
                            object(),
                            message,
                            Fix::manual("Change or remove one of the two bindings"),
                        )
                        .at(at),
                    );
                }
                None => group.push((name.clone(), binding.clone())),
            }
        }
    }
}
