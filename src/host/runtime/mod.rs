//! IIS runtime state (Started/Stopped) of sites and application pools, and runtime control
//! (start, stop, recycle). On Windows with IIS both go through `appcmd.exe` ([`AppCmd`]);
//! elsewhere, or for a copy of a configuration, there is no runtime, and every call says so
//! instead of inventing a state or pretending an action happened.

mod appcmd;
mod control;
mod parse;

use std::collections::HashMap;

pub use appcmd::{AppCmd, CommandRunner, RunOutput, SystemRunner};
pub use control::{Control, ControlError, ControlOutcome, NOT_AVAILABLE};
pub use parse::{ListLine, parse_appcmd_xml, parse_error, parse_list, parse_list_line};

/// Runtime state by object name (lower-cased for case-insensitive lookup).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuntimeStates {
    pub sites: HashMap<String, String>,
    pub app_pools: HashMap<String, String>,
}

impl RuntimeStates {
    pub fn site(&self, name: &str) -> Option<&str> {
        self.sites.get(&name.to_lowercase()).map(String::as_str)
    }

    pub fn app_pool(&self, name: &str) -> Option<&str> {
        self.app_pools.get(&name.to_lowercase()).map(String::as_str)
    }
}

/// A source of runtime state and the means to change it.
pub trait Runtime {
    /// Reads the current states, or says why they cannot be read here.
    fn states(&self) -> Result<RuntimeStates, String>;

    /// Whether start/stop/recycle work here; the error is the reason to show on disabled actions.
    fn can_control(&self) -> Result<(), ControlError>;

    /// Starts, stops or recycles; the outcome carries appcmd's report and the state after.
    fn control(&self, control: &Control) -> Result<ControlOutcome, ControlError>;
}

/// The runtime for a connection: appcmd for the machine's own IIS on Windows, nothing otherwise.
pub fn for_connection(is_machine_config: bool) -> Box<dyn Runtime + Send + Sync> {
    if !cfg!(windows) {
        return Box::new(NoRuntime::new(
            "no IIS runtime here (state needs IIS on Windows)",
            NOT_AVAILABLE,
        ));
    }
    match AppCmd::locate() {
        Some(appcmd) if is_machine_config => Box::new(appcmd),
        Some(_) => Box::new(NoRuntime::new(
            "state is only read for this machine's own IIS, not for a copy",
            "IIS runtime control applies to this machine's own IIS, not to a copy of its configuration",
        )),
        None => Box::new(NoRuntime::new(
            "no IIS runtime here (appcmd.exe not found)",
            NOT_AVAILABLE,
        )),
    }
}

/// No IIS runtime behind this configuration.
pub struct NoRuntime {
    pub reason: String,
    pub control_reason: String,
}

impl NoRuntime {
    pub fn new(reason: &str, control_reason: &str) -> NoRuntime {
        NoRuntime {
            reason: reason.to_owned(),
            control_reason: control_reason.to_owned(),
        }
    }
}

impl Runtime for NoRuntime {
    fn states(&self) -> Result<RuntimeStates, String> {
        Err(self.reason.clone())
    }

    fn can_control(&self) -> Result<(), ControlError> {
        Err(ControlError::Unavailable(self.control_reason.clone()))
    }

    fn control(&self, _control: &Control) -> Result<ControlOutcome, ControlError> {
        Err(ControlError::Unavailable(self.control_reason.clone()))
    }
}

#[cfg(test)]
mod tests;
