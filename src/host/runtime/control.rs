//! Runtime control as data: start, stop or recycle an application pool, start or stop a site;
//! what each asks appcmd, whether it needs confirming, and how it failed.

use std::fmt;

/// What an admin asks IIS to do now (not a configuration change).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Control {
    StartAppPool(String),
    StopAppPool(String),
    RecycleAppPool(String),
    StartSite(String),
    StopSite(String),
}

/// The message when there is no IIS to control here.
pub const NOT_AVAILABLE: &str =
    "IIS runtime control is only available on Windows with IIS installed";

impl Control {
    /// `start`, `stop` or `recycle`.
    pub fn verb(&self) -> &'static str {
        match self {
            Control::StartAppPool(_) | Control::StartSite(_) => "start",
            Control::StopAppPool(_) | Control::StopSite(_) => "stop",
            Control::RecycleAppPool(_) => "recycle",
        }
    }

    /// The past tense appcmd reports (`successfully stopped.`).
    pub fn done(&self) -> &'static str {
        match self.verb() {
            "start" => "started",
            "stop" => "stopped",
            _ => "recycled",
        }
    }

    /// appcmd's object type: `apppool` or `site`.
    pub fn object_type(&self) -> &'static str {
        match self {
            Control::StartSite(_) | Control::StopSite(_) => "site",
            _ => "apppool",
        }
    }

    /// The pool or site name.
    pub fn name(&self) -> &str {
        match self {
            Control::StartAppPool(n)
            | Control::StopAppPool(n)
            | Control::RecycleAppPool(n)
            | Control::StartSite(n)
            | Control::StopSite(n) => n,
        }
    }

    /// Stop and recycle interrupt requests: the UI asks first, with Cancel focused.
    pub fn needs_confirmation(&self) -> bool {
        !matches!(self, Control::StartAppPool(_) | Control::StartSite(_))
    }

    /// `/apppool.name:Pool` or `/site.name:Site`, one argument whatever the name holds.
    fn identifier(&self) -> String {
        format!("/{}.name:{}", self.object_type(), self.name())
    }

    /// The appcmd argument vector that performs it.
    pub fn appcmd_args(&self) -> Vec<String> {
        vec![
            self.verb().to_owned(),
            self.object_type().to_owned(),
            self.identifier(),
        ]
    }

    /// The appcmd argument vector that reads the object's state afterwards.
    pub fn appcmd_list_args(&self) -> Vec<String> {
        vec![
            String::from("list"),
            self.object_type().to_owned(),
            self.identifier(),
        ]
    }
}

impl fmt::Display for Control {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.object_type() {
            "site" => "site",
            _ => "application pool",
        };
        let verb = match self.verb() {
            "start" => "Start",
            "stop" => "Stop",
            _ => "Recycle",
        };
        write!(f, "{verb} {kind} \"{}\"", self.name())
    }
}

/// What a control did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ControlOutcome {
    /// appcmd's report, e.g. `"Shop" successfully stopped.`
    pub message: String,
    /// The state appcmd lists afterwards (`Started`, `Stopped`, …), when it could be read.
    pub state: Option<String>,
}

/// Why a control did not happen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ControlError {
    /// No IIS to control from here (another system, or a copy of a configuration).
    #[error("{0}")]
    Unavailable(String),
    /// appcmd could not be started at all.
    #[error("cannot run {program}: {reason}")]
    CannotRun { program: String, reason: String },
    /// appcmd ran and refused or failed.
    #[error("{command} failed ({}): {message}", exit_label(*.exit_code, .hresult.as_deref()))]
    Failed {
        command: String,
        exit_code: Option<i32>,
        hresult: Option<String>,
        message: String,
    },
}

fn exit_label(code: Option<i32>, hresult: Option<&str>) -> String {
    let code = match code {
        Some(c) => format!("exit code {c}"),
        None => String::from("ended by a signal"),
    };
    match hresult {
        Some(h) => format!("{code}, HRESULT 0x{h}"),
        None => code,
    }
}
