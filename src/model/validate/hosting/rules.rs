//! The catalogue of `iistui check` rules: ID, severity, title and a one-line explanation. The
//! first hundred (`IIS00xx`) are `validate`'s, `IIS01xx` the hosting errors an ASP.NET Core or
//! IIS admin meets (with the HTTP status they cause), `IIS02xx` configuration hazards.
//!
//! `IIS0110` (the pool identity cannot read the site's folder) is found by a host rule
//! (`host::check::pool_access`), since only the machine's ACLs can tell.

use serde::Serialize;

use super::problem::Severity;

/// One rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    pub explanation: &'static str,
}

const fn rule(
    id: &'static str,
    severity: Severity,
    title: &'static str,
    explanation: &'static str,
) -> Rule {
    Rule {
        id,
        severity,
        title,
        explanation,
    }
}

use Severity::{Error, Info, Warning};

pub const VALIDATE: Rule = rule(
    "IIS0001",
    Error,
    "configuration error",
    "a value, key or element the schema or IIS refuses (what `iistui validate` reports)",
);
pub const PHYSICAL_PATH_MISSING: Rule = rule(
    "IIS0101",
    Error,
    "physical path missing",
    "the folder of a site, application or virtual directory does not exist: IIS answers 403.14 or 404",
);
pub const PROCESS_PATH_MISSING: Rule = rule(
    "IIS0102",
    Error,
    "processPath missing",
    "the ASP.NET Core Module cannot start the app's executable: 502.5 Process Failure",
);
pub const ARGUMENTS_MISSING: Rule = rule(
    "IIS0103",
    Error,
    "app dll missing",
    "`dotnet` is told to run a dll that is not there: 502.5 Process Failure",
);
pub const POOL_NOT_STARTED: Rule = rule(
    "IIS0104",
    Warning,
    "pool stopped or not started automatically",
    "a stopped pool, or one with autoStart=\"false\" after a restart, answers 503 Service Unavailable",
);
pub const HANDLER_ADDED_TWICE: Rule = rule(
    "IIS0105",
    Error,
    "ASP.NET Core handler added twice",
    "a sub-application's web.config adds the aspNetCore handler its parent already adds: 500.19",
);
pub const MODULE_NOT_REGISTERED: Rule = rule(
    "IIS0106",
    Error,
    "ASP.NET Core Module not registered",
    "a web.config uses <aspNetCore> or its handler but the server does not know the module or section: 500.19",
);
pub const POOL_RUNS_MANAGED_CODE: Rule = rule(
    "IIS0107",
    Info,
    "ASP.NET Core pool loads the CLR",
    "a pool serving only ASP.NET Core apps should be No Managed Code (managedRuntimeVersion=\"\")",
);
pub const TWO_IN_PROCESS_APPS: Rule = rule(
    "IIS0108",
    Error,
    "two in-process apps in one pool",
    "one worker process hosts one in-process ASP.NET Core app: the second gets 500.35",
);
pub const WEB_CONFIG_UNREADABLE: Rule = rule(
    "IIS0109",
    Error,
    "web.config unreadable",
    "IIS cannot read a malformed or unreadable web.config: 500.19",
);
pub const POOL_CANNOT_READ: Rule = rule(
    "IIS0110",
    Error,
    "pool identity cannot read the folder",
    "the account the application pool runs as has no read access to the application's folder: 401.3 or 500.19",
);
pub const HOSTNAME_MISSING: Rule = rule(
    "IIS0201",
    Warning,
    "binding without host name",
    "an http(s) binding with an empty or * host answers for every name that reaches the address",
);
pub const DUPLICATE_BINDING: Rule = rule(
    "IIS0202",
    Error,
    "duplicate binding",
    "two bindings claim the same protocol, address, port and host: only one site can start",
);
pub const HTTPS_WITHOUT_CERTIFICATE: Rule = rule(
    "IIS0203",
    Warning,
    "https binding without certificate",
    "an https binding with no certificateHash (and no central certificate store) cannot serve TLS",
);
pub const STDOUT_LOG_ON: Rule = rule(
    "IIS0204",
    Warning,
    "stdout log left on",
    "stdoutLogEnabled=\"true\" writes a new file per process start with no size limit: for troubleshooting only",
);
pub const STDOUT_LOG_FOLDER_MISSING: Rule = rule(
    "IIS0205",
    Warning,
    "stdout log folder missing",
    "stdout logging is on but its folder does not exist: no log is written unless the pool can create it",
);
pub const USER_PROFILE_NOT_LOADED: Rule = rule(
    "IIS0206",
    Warning,
    "data protection keys not persisted",
    "with loadUserProfile=\"false\" ASP.NET Core keeps its data protection keys in memory: cookies and tokens break on every restart",
);
pub const PRELOAD_HALF_CONFIGURED: Rule = rule(
    "IIS0207",
    Warning,
    "application initialization half-configured",
    "startMode=\"AlwaysRunning\" and preloadEnabled=\"true\" work together; one without the other does not warm the app up",
);
pub const IDLE_TIMEOUT_ALWAYS_RUNNING: Rule = rule(
    "IIS0208",
    Info,
    "idleTimeout on an AlwaysRunning pool",
    "an AlwaysRunning pool still shuts its worker down after idleTimeout; set it to 00:00:00 to keep it warm",
);
pub const POOL_UNUSED: Rule = rule(
    "IIS0209",
    Info,
    "pool used by no application",
    "a pool no application uses only costs memory when it starts",
);
pub const POOL_MISSING: Rule = rule(
    "IIS0210",
    Error,
    "application pool does not exist",
    "an application names a pool that is not defined: 503 Service Unavailable",
);
pub const NO_BINDINGS: Rule = rule(
    "IIS0211",
    Warning,
    "site without bindings",
    "a site with no binding cannot be reached and IIS will not start it",
);

/// Every rule, in ID order.
pub const RULES: &[Rule] = &[
    VALIDATE,
    PHYSICAL_PATH_MISSING,
    PROCESS_PATH_MISSING,
    ARGUMENTS_MISSING,
    POOL_NOT_STARTED,
    HANDLER_ADDED_TWICE,
    MODULE_NOT_REGISTERED,
    POOL_RUNS_MANAGED_CODE,
    TWO_IN_PROCESS_APPS,
    WEB_CONFIG_UNREADABLE,
    POOL_CANNOT_READ,
    HOSTNAME_MISSING,
    DUPLICATE_BINDING,
    HTTPS_WITHOUT_CERTIFICATE,
    STDOUT_LOG_ON,
    STDOUT_LOG_FOLDER_MISSING,
    USER_PROFILE_NOT_LOADED,
    PRELOAD_HALF_CONFIGURED,
    IDLE_TIMEOUT_ALWAYS_RUNNING,
    POOL_UNUSED,
    POOL_MISSING,
    NO_BINDINGS,
];

/// A rule by ID.
pub fn rule_by_id(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id.eq_ignore_ascii_case(id))
}
