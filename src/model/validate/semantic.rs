//! IIS-level checks of an applicationHost.config beyond the schema: what makes IIS refuse to
//! start a site or answer 503 although every value is well typed.

use std::collections::{HashMap, HashSet};

use crate::model::apphost::{AppHost, Binding};
use crate::model::doc::Location;

use super::{Finding, Severity, placeholder};

/// Problems IIS would hit at runtime: missing pools, bindings claimed by two sites or that IIS
/// cannot read, sites without a root application, applications without a root virtual
/// directory, and the pool checks of `pools`.
pub fn check(host: AppHost<'_>) -> Vec<Finding> {
    let doc = host.doc;
    let mut findings = Vec::new();
    super::pools::check(host, &mut findings);
    let pools: HashSet<String> = host
        .app_pools()
        .iter()
        .map(|p| p.name().to_lowercase())
        .collect();
    let mut claimed: HashMap<(String, String, String, u16), (String, Location)> = HashMap::new();
    for site in host.sites() {
        let name = site.name().into_owned();
        let place = format!("system.applicationHost/sites/site[{name}]");
        let apps = site.applications();
        if !apps.iter().any(|a| a.path() == "/") {
            findings.push(Finding {
                location: doc.node_location(site.node),
                severity: Severity::Error,
                place: place.clone(),
                message: String::from(
                    "the site has no root application (path=\"/\"); IIS cannot start it",
                ),
            });
        }
        for app in &apps {
            let app_place = format!("{place}/application[{}]", app.path());
            if !app.virtual_directories().iter().any(|v| v.path() == "/") {
                findings.push(Finding {
                    location: doc.node_location(app.node),
                    severity: Severity::Error,
                    place: app_place.clone(),
                    message: String::from(
                        "the application has no root virtual directory (path=\"/\")",
                    ),
                });
            }
            if let Some(pool) = app
                .app_pool_name()
                .filter(|p| !pools.contains(&p.to_lowercase()))
            {
                let location = doc
                    .attr(app.node, "applicationPool")
                    .map(|a| a.location())
                    .unwrap_or_else(|| doc.node_location(app.node));
                findings.push(Finding {
                    location,
                    severity: Severity::Error,
                    place: app_place,
                    message: format!(
                        "application pool \"{pool}\" does not exist; requests to {} get 503",
                        app.id()
                    ),
                });
            }
        }
        for binding in site.bindings() {
            let Some(node) = binding.node else {
                continue;
            };
            let Some(port) = binding.port else {
                if let Some(message) = unreadable_binding(&binding) {
                    findings.push(Finding {
                        location: doc.node_location(node),
                        severity: Severity::Error,
                        place: format!("{place}/bindings/binding[{}]", binding.spec()),
                        message,
                    });
                }
                continue;
            };
            let key = endpoint_key(&binding, port);
            let location = doc.node_location(node);
            match claimed.get(&key) {
                Some((other, first)) if !other.eq_ignore_ascii_case(&name) => findings.push(Finding {
                    location,
                    severity: Severity::Error,
                    place: format!("{place}/bindings/binding[{}]", binding.spec()),
                    message: format!("binding {} is also used by site \"{other}\" (at {first}); only one of them can start", binding.spec()),
                }),
                Some(_) => {}
                None => {
                    claimed.insert(key, (name.clone(), location));
                }
            }
        }
    }
    findings
}

/// A web binding (http, https, ftp) whose `bindingInformation` IIS cannot read: the rule
/// `add binding` enforces, or a template placeholder where the port or host should be.
fn unreadable_binding(binding: &Binding) -> Option<String> {
    let web = ["http", "https", "ftp"]
        .iter()
        .any(|p| binding.protocol.eq_ignore_ascii_case(p));
    if !web {
        return None;
    }
    let spec = binding.spec();
    Some(match placeholder::find(&binding.binding_information) {
        Some(token) => format!(
            "binding {spec}: {}; IIS cannot start the site",
            placeholder::note(token)
        ),
        None => match Binding::parse_spec(&spec) {
            Err(err) => format!("{err}; IIS cannot start the site"),
            Ok(_) => format!(
                "invalid binding \"{spec}\": expected ip:port:host with a port from 1 to 65535; IIS cannot start the site"
            ),
        },
    })
}

fn endpoint_key(binding: &Binding, port: u16) -> (String, String, String, u16) {
    let ip = binding
        .ip
        .clone()
        .filter(|ip| !ip.is_empty())
        .unwrap_or_else(|| String::from("*"));
    (
        binding.protocol.to_lowercase(),
        ip.to_lowercase(),
        binding.host.clone().unwrap_or_default().to_lowercase(),
        port,
    )
}
