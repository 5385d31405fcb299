//! The user's settings in the platform config directory: `settings.toml` with the default theme,
//! saved connections (path, label, read-only, colour) and the `[health]` table (sampling
//! interval and thresholds, see `tui::health::settings`).

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// A saved connection.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct SavedConnection {
    pub path: PathBuf,
    pub label: Option<String>,
    #[serde(default)]
    pub read_only: bool,
    /// A colour for its name, e.g. "red" for production.
    pub color: Option<String>,
}

/// `[logs]` in `settings.toml`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
pub struct LogSettings {
    /// Lines the log view keeps (default 10,000); older ones are dropped and counted.
    pub lines: Option<usize>,
}

/// `settings.toml`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
pub struct Settings {
    pub theme: Option<String>,
    #[serde(default)]
    pub logs: LogSettings,
    #[serde(default, rename = "connection")]
    pub connections: Vec<SavedConnection>,
    #[serde(default)]
    pub health: super::health::HealthSettings,
}

impl Settings {
    /// Loads `settings.toml` from the config directory; a broken file is reported, not fatal.
    pub fn load(config_dir: &Path) -> (Settings, Option<String>) {
        let path = config_dir.join("settings.toml");
        match std::fs::read_to_string(&path) {
            Ok(text) => match toml::from_str(&text) {
                Ok(settings) => (settings, None),
                Err(e) => (
                    Settings::default(),
                    Some(format!("{}: {e}", path.display())),
                ),
            },
            Err(_) => (Settings::default(), None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_saved_connections() {
        let text = "theme = \"nord\"\n\n[logs]\nlines = 50000\n\n[[connection]]\nlabel = \"Production WEB01\"\npath = \"/mnt/web01/applicationHost.config\"\nread_only = true\ncolor = \"red\"\n";
        let settings: Settings = toml::from_str(text).expect("parses");
        assert_eq!(settings.theme.as_deref(), Some("nord"));
        assert_eq!(settings.logs.lines, Some(50_000));
        assert_eq!(
            settings.connections[0].label.as_deref(),
            Some("Production WEB01")
        );
        assert!(settings.connections[0].read_only);
    }
}
