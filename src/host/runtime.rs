//! IIS runtime state (Started/Stopped) of sites and application pools. On Windows with IIS it is
//! read from `appcmd.exe list … /xml`; elsewhere there is no runtime, and the UI says so instead
//! of inventing a state.

use std::collections::HashMap;

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

/// A source of runtime state.
pub trait Runtime {
    /// Reads the current states, or says why they cannot be read here.
    fn states(&self) -> Result<RuntimeStates, String>;
}

/// The runtime for a connection: appcmd for the machine's own IIS on Windows, nothing otherwise.
pub fn for_connection(is_machine_config: bool) -> Box<dyn Runtime + Send + Sync> {
    if is_machine_config && cfg!(windows) {
        Box::new(AppCmd)
    } else {
        Box::new(NoRuntime {
            reason: if cfg!(windows) {
                String::from("state is only read for this machine's own IIS, not for a copy")
            } else {
                String::from("no IIS runtime here (state needs IIS on Windows)")
            },
        })
    }
}

/// No IIS runtime behind this configuration.
pub struct NoRuntime {
    pub reason: String,
}

impl Runtime for NoRuntime {
    fn states(&self) -> Result<RuntimeStates, String> {
        Err(self.reason.clone())
    }
}

/// `%windir%\system32\inetsrv\appcmd.exe`.
pub struct AppCmd;

impl Runtime for AppCmd {
    fn states(&self) -> Result<RuntimeStates, String> {
        let sites = appcmd_list("site", "SITE", "SITE.NAME")?;
        let app_pools = appcmd_list("apppool", "APPPOOL", "APPPOOL.NAME")?;
        Ok(RuntimeStates { sites, app_pools })
    }
}

fn appcmd_list(
    kind: &str,
    element: &str,
    name_attr: &str,
) -> Result<HashMap<String, String>, String> {
    let windir = std::env::var("windir").map_err(|_| String::from("%windir% is not set"))?;
    let exe = std::path::Path::new(&windir)
        .join("system32")
        .join("inetsrv")
        .join("appcmd.exe");
    let output = std::process::Command::new(&exe)
        .args(["list", kind, "/xml"])
        .output()
        .map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    if !output.status.success() {
        return Err(format!(
            "{} list {kind} failed: {}",
            exe.display(),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    parse_appcmd_xml(&output.stdout, element, name_attr)
}

/// Parses `appcmd list … /xml` output into name → state.
pub fn parse_appcmd_xml(
    bytes: &[u8],
    element: &str,
    name_attr: &str,
) -> Result<HashMap<String, String>, String> {
    let doc = crate::model::doc::Document::parse(bytes.to_vec())
        .map_err(|e| format!("unexpected appcmd output: {e}"))?;
    Ok(doc
        .elements_named(doc.root(), element)
        .filter_map(|n| {
            let name = doc.attr_value(n, name_attr)?.to_lowercase();
            let state = doc.attr_value(n, "state")?.into_owned();
            Some((name, state))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_appcmd_xml_and_refuses_to_invent_state() {
        let xml = br#"<?xml version="1.0" encoding="UTF-8"?>
<appcmd>
    <SITE SITE.NAME="Default Web Site" SITE.ID="1" bindings="http/*:80:" state="Started" />
    <SITE SITE.NAME="Shop" SITE.ID="2" bindings="http/*:81:" state="Stopped" />
</appcmd>"#;
        let states = parse_appcmd_xml(xml, "SITE", "SITE.NAME").expect("parses");
        assert_eq!(states.get("shop").map(String::as_str), Some("Stopped"));
        if !cfg!(windows) {
            assert!(for_connection(true).states().is_err());
        }
    }
}
