//! Application pool checks IIS's schema cannot express: a CLR version WAS does not know, and a
//! SpecificUser identity without a user name. Either way the pool fails to start and its
//! applications answer 503.

use crate::model::apphost::{AppHost, AppPool};
use crate::model::doc::NodeId;

use super::{Finding, Severity};

/// The managedRuntimeVersion values IIS knows: CLR 4 (.NET Framework 4.x), CLR 2 (2.0–3.5), and
/// no managed code. .NET Framework 4.5–4.8 and .NET (Core) run on `v4.0` and `""`.
const RUNTIME_VERSIONS: &[&str] = &["v4.0", "v2.0", ""];

const POOLS: &str = "system.applicationHost/applicationPools";

pub fn check(host: AppHost<'_>, findings: &mut Vec<Finding>) {
    let doc = host.doc;
    if let Some(defaults) = host.defaults().app_pool {
        runtime_version(
            host,
            defaults,
            &format!("{POOLS}/applicationPoolDefaults"),
            findings,
        );
    }
    for pool in host.app_pools() {
        let name = pool.name();
        let place = format!("{POOLS}/add[{name}]");
        runtime_version(host, pool.node, &place, findings);
        if let Some(message) = specific_user_without_name(&pool) {
            findings.push(Finding {
                location: doc.node_location(pool.node),
                severity: Severity::Error,
                place,
                message: String::from(message),
            });
        }
    }
}

/// A SpecificUser identity without a user name: the pool cannot start. `validate` reports it
/// and a change that leaves a pool so warns with the same words.
pub fn specific_user_without_name(pool: &AppPool<'_>) -> Option<&'static str> {
    let identity = pool.text("processModel.identityType");
    (identity.eq_ignore_ascii_case("SpecificUser")
        && pool.text("processModel.userName").trim().is_empty())
    .then_some(
        "the identity is SpecificUser but processModel.userName is empty; the pool cannot start (set userName and password, or another identityType)",
    )
}

/// An explicit managedRuntimeVersion on a pool or on applicationPoolDefaults.
fn runtime_version(host: AppHost<'_>, node: NodeId, place: &str, findings: &mut Vec<Finding>) {
    let Some(attr) = host.doc.attr(node, "managedRuntimeVersion") else {
        return;
    };
    let value = attr.value();
    if RUNTIME_VERSIONS
        .iter()
        .any(|known| known.eq_ignore_ascii_case(value.trim()))
    {
        return;
    }
    let written = value.trim();
    let hint = if written.to_ascii_lowercase().starts_with("v4.") {
        String::from("; .NET Framework 4.5 to 4.8 run on v4.0")
    } else if let Some(known) = RUNTIME_VERSIONS
        .iter()
        .find(|known| known.len() > 1 && known[1..].eq_ignore_ascii_case(written))
    {
        format!("; did you mean \"{known}\"?")
    } else {
        String::new()
    };
    findings.push(Finding {
        location: attr.location(),
        severity: Severity::Error,
        place: format!("{place}/@managedRuntimeVersion"),
        message: format!(
            "\"{value}\" is not a .NET CLR version IIS knows (v4.0, v2.0, or \"\" for No Managed Code); the pool fails to start{hint}"
        ),
    });
}
