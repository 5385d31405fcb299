//! The rows of the ASP.NET Core settings: the `<aspNetCore>` attributes the issue names, the
//! environment variables (a list), and the handler settings the module reads by name
//! (`stackSize`, shadow copying, the debug log), each with its value as written or the
//! module's default, and the `set` arguments an edit becomes.

use crate::model::apphost::Setting;
use crate::model::webconfig::AspNetCore;

/// What a row edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// An attribute of `<aspNetCore>`, checked against the schema.
    Attribute,
    /// A `<handlerSetting name="…">` value.
    Handler,
    /// The `<environmentVariables>` list.
    Environment,
}

/// One row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowSpec {
    pub label: &'static str,
    /// The attribute, handler setting name, or collection.
    pub key: &'static str,
    pub kind: RowKind,
    /// The module's default when nothing is written (handler settings have no schema).
    pub default: &'static str,
    pub help: &'static str,
}

const fn attr(label: &'static str, key: &'static str, help: &'static str) -> RowSpec {
    RowSpec {
        label,
        key,
        kind: RowKind::Attribute,
        default: "",
        help,
    }
}

const fn handler(
    label: &'static str,
    key: &'static str,
    default: &'static str,
    help: &'static str,
) -> RowSpec {
    RowSpec {
        label,
        key,
        kind: RowKind::Handler,
        default,
        help,
    }
}

pub const ROWS: &[RowSpec] = &[
    attr(
        "Process path",
        "processPath",
        "dotnet, or the app's .exe (relative to its folder)",
    ),
    attr("Arguments", "arguments", "e.g. .\\Shop.dll for dotnet"),
    attr(
        "Hosting model",
        "hostingModel",
        "InProcess runs in w3wp; OutOfProcess behind Kestrel",
    ),
    attr(
        "Stdout log enabled",
        "stdoutLogEnabled",
        "no size limit: for start-up troubleshooting only (s)",
    ),
    attr(
        "Stdout log file",
        "stdoutLogFile",
        "path prefix; the module adds _<time>_<pid>.log",
    ),
    attr(
        "Startup time limit",
        "startupTimeLimit",
        "seconds the module waits for the app to start",
    ),
    attr(
        "Shutdown time limit",
        "shutdownTimeLimit",
        "seconds for a graceful shutdown",
    ),
    attr(
        "Rapid fails per minute",
        "rapidFailsPerMinute",
        "out-of-process restarts allowed per minute",
    ),
    attr(
        "Request timeout",
        "requestTimeout",
        "out of process: how long a request may take",
    ),
    attr(
        "Disable start-up error page",
        "disableStartUpErrorPage",
        "true: IIS's own 502.5/500.3x page instead of the module's",
    ),
    RowSpec {
        label: "Environment variables",
        key: "environmentVariables",
        kind: RowKind::Environment,
        default: "",
        help: "Enter lists them: a adds, Enter edits, d removes (e.g. ASPNETCORE_ENVIRONMENT)",
    },
    handler(
        "Stack size",
        "stackSize",
        "1048576",
        "in-process thread stack in bytes (default 1 MB)",
    ),
    handler(
        "Shadow copy",
        "enableShadowCopy",
        "false",
        "copy the app's files before loading them (c)",
    ),
    handler(
        "Shadow copy directory",
        "shadowCopyDirectory",
        "",
        "where shadow copies go, e.g. ../ShadowCopyDirectory/",
    ),
    handler(
        "Debug file",
        "debugFile",
        "",
        "the module's own debug log, e.g. .\\logs\\ancm.log",
    ),
    handler(
        "Debug level",
        "debugLevel",
        "",
        "ERROR, WARNING, INFO or TRACE, with FILE, CONSOLE or EVENTLOG",
    ),
];

/// The value a row shows, and whether it is written (else the default).
pub fn current(ancm: &AspNetCore<'_>, row: &RowSpec) -> (String, bool) {
    match row.kind {
        RowKind::Attribute => match ancm.get(row.key) {
            Ok(effective) => (
                effective.value.clone().unwrap_or_default(),
                !effective.origin.is_inherited(),
            ),
            Err(_) => (String::new(), false),
        },
        RowKind::Handler => match ancm
            .handler_settings()
            .into_iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(row.key))
        {
            Some((_, value)) => (value.into_owned(), true),
            None => (row.default.to_owned(), false),
        },
        RowKind::Environment => {
            let vars = ancm.environment_variables();
            let text = vars
                .iter()
                .map(|(n, v)| format!("{n}={v}"))
                .collect::<Vec<_>>()
                .join(", ");
            (text, !vars.is_empty())
        }
    }
}

/// The `set` arguments that give a handler setting `value` (replacing a written one), or
/// remove it (`None`).
pub fn handler_settings(name: &str, written: bool, value: Option<&str>) -> Vec<Setting> {
    let mut out = Vec::new();
    if written {
        out.push(Setting::RemoveItem {
            collection: String::from("handlerSettings"),
            keys: vec![(String::from("name"), name.to_owned())],
        });
    }
    if let Some(value) = value {
        out.push(Setting::AddItem {
            collection: String::from("handlerSettings"),
            attrs: vec![
                (String::from("name"), name.to_owned()),
                (String::from("value"), value.to_owned()),
            ],
        });
    }
    out
}
