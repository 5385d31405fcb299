//! `iistui check`: the superset of `validate`. It runs `validate` (findings as rule `IIS0001`,
//! except those a hosting rule reports at the same place), the configuration rules of
//! `model::validate::hosting`, and the rules that need this machine: folders and files,
//! web.config files and the ASP.NET Core Module, and the runtime state of pools when IIS runs
//! here. Further host rules plug in through [`HostRule`]: `pool_access` (`IIS0110`, the pool
//! identity cannot read its folder) is the first.

pub mod aspnetcore;
pub mod facts;
pub mod folders;
pub mod pool_access;

use serde::Serialize;

use crate::host::runtime::RuntimeStates;
use crate::model::apphost::AppHost;
use crate::model::validate::hosting::{Fix, ObjectRef, Problem, Severity, check_config, rules};
use crate::model::validate::validate;

pub use facts::{AppFacts, gather};

/// A rule that needs the machine, run after the built-in ones with the facts they gathered.
pub trait HostRule {
    fn check(&self, host: AppHost<'_>, apps: &[AppFacts]) -> Vec<Problem>;

    /// Its problems, and notes on what it could not check on this machine.
    fn findings(&self, host: AppHost<'_>, apps: &[AppFacts]) -> (Vec<Problem>, Vec<String>) {
        (self.check(host, apps), Vec::new())
    }
}

/// What a check may use besides the configuration.
#[derive(Default)]
pub struct CheckOptions<'a> {
    /// The runtime state of pools and sites, when IIS runs here.
    pub states: Option<&'a RuntimeStates>,
    /// Extra host rules (e.g. the pool identity's access to its folders).
    pub extra: Vec<&'a dyn HostRule>,
}

/// Problems, worst first, and notes on what could not be checked here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    pub problems: Vec<Problem>,
    pub notes: Vec<String>,
}

impl CheckReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }
}

/// Rules whose findings `validate` also makes, at the same place: their problem replaces it.
const COVERS_VALIDATE: [&str; 2] = [rules::DUPLICATE_BINDING.id, rules::POOL_MISSING.id];

/// Checks a configuration and the machine it runs on.
pub fn check(host: AppHost<'_>, options: &CheckOptions<'_>) -> CheckReport {
    let mut problems = check_config(host);
    let covered: Vec<_> = problems
        .iter()
        .filter(|p| COVERS_VALIDATE.contains(&p.rule))
        .filter_map(|p| p.location)
        .collect();
    for finding in validate(host.doc, host.schema) {
        if covered.contains(&finding.location) {
            continue;
        }
        problems.push(
            Problem {
                rule: rules::VALIDATE.id,
                severity: finding.severity.into(),
                object: ObjectRef::Config {
                    place: finding.place,
                },
                message: finding.message,
                location: None,
                fix: Fix::manual("Correct the value (iistui validate shows the line)"),
            }
            .at(finding.location),
        );
    }
    let (missing, unchecked) = folders::physical_paths(host);
    problems.extend(missing);
    let apps = gather(host);
    problems.extend(folders::unreadable_web_configs(&apps));
    problems.extend(aspnetcore::check(host, &apps));
    if let Some(states) = options.states {
        problems.extend(stopped_pools(host, states));
    }
    let mut rule_notes = Vec::new();
    for rule in &options.extra {
        let (found, notes) = rule.findings(host, &apps);
        problems.extend(found);
        rule_notes.extend(notes);
    }
    problems
        .sort_by(|a, b| (a.severity, a.rule, a.location).cmp(&(b.severity, b.rule, b.location)));
    let mut notes = Vec::new();
    if unchecked > 0 {
        notes.push(format!(
            "{unchecked} physical path{} on drives or shares this system does not have {} not checked",
            if unchecked == 1 { "" } else { "s" },
            if unchecked == 1 { "was" } else { "were" }
        ));
    }
    if options.states.is_none() {
        notes.push(String::from(
            "runtime state not read (no IIS runtime here): stopped pools are not reported",
        ));
    }
    notes.extend(rule_notes);
    CheckReport { problems, notes }
}

/// [`check`] with every host rule this machine supports (the pool identity's access to its
/// folders, through this machine's ACL back end): what `iistui check` and the TUI's Problems
/// view report.
pub fn check_this_machine(host: AppHost<'_>, states: Option<&RuntimeStates>) -> CheckReport {
    let acls = crate::host::acl::for_this_machine();
    let pool_access =
        pool_access::PoolAccess::new(acls.as_ref(), crate::host::acl::Flavor::native());
    check(
        host,
        &CheckOptions {
            states,
            extra: vec![&pool_access],
        },
    )
}

/// Pools IIS reports as stopped right now.
fn stopped_pools(host: AppHost<'_>, states: &RuntimeStates) -> Vec<Problem> {
    host.app_pools()
        .iter()
        .filter_map(|pool| {
            let name = pool.name().into_owned();
            let state = states.app_pool(&name)?;
            state.eq_ignore_ascii_case("Stopped").then(|| {
                Problem::new(
                    &rules::POOL_NOT_STARTED,
                    ObjectRef::AppPool { name },
                    String::from("the pool is stopped: its applications answer 503"),
                    Fix::manual("Start the pool (t on the pool in iistui)"),
                )
                .at(host.doc.node_location(pool.node))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
