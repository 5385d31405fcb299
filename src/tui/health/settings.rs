//! The `[health]` table of `settings.toml`: how often the health subscription samples, how often
//! IIS's runtime state is re-read while a list shows it, and the thresholds at which the strip
//! and the Health view colour CPU, memory and disk use as a warning or an error.

use std::time::Duration;

use serde::Deserialize;

/// A warning and an error level, in percent (0–100).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    pub warning: u8,
    pub error: u8,
}

/// How a value compares with its threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Band {
    Normal,
    Warning,
    Error,
}

impl Threshold {
    const fn new(warning: u8, error: u8) -> Threshold {
        Threshold { warning, error }
    }

    /// The band `percent` falls in.
    pub fn band(&self, percent: f32) -> Band {
        if percent >= f32::from(self.error) {
            Band::Error
        } else if percent >= f32::from(self.warning) {
            Band::Warning
        } else {
            Band::Normal
        }
    }

    fn check(&self, name: &str) -> Result<(), String> {
        if self.error > 100 || self.warning > self.error {
            return Err(format!(
                "[health] {name}: warning ({}) must not exceed error ({}), and both lie in 0–100",
                self.warning, self.error
            ));
        }
        Ok(())
    }
}

/// `[health]` in settings.toml.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HealthSettings {
    /// How often CPU, memory (and, while the Health view is open, the worker processes) are
    /// sampled: `"2s"`, `"500ms"`, `"1m"`.
    pub every: String,
    /// How often IIS's runtime state is re-read while the Sites or Pools list shows it.
    pub states_every: String,
    /// Whole-machine CPU use.
    pub cpu: Threshold,
    /// Memory in use.
    pub memory: Threshold,
    /// Space used on a drive that holds sites or their logs.
    pub disk: Threshold,
}

impl Default for HealthSettings {
    fn default() -> Self {
        HealthSettings {
            every: String::from("2s"),
            states_every: String::from("10s"),
            cpu: Threshold::new(70, 90),
            memory: Threshold::new(80, 95),
            disk: Threshold::new(85, 95),
        }
    }
}

/// The shortest and longest sampling intervals accepted.
const SHORTEST: Duration = Duration::from_millis(500);
const LONGEST: Duration = Duration::from_secs(3600);

fn interval(name: &str, text: &str) -> Result<Duration, String> {
    let every = humantime::parse_duration(text.trim())
        .map_err(|e| format!("[health] {name} = \"{text}\": {e} (write it like \"2s\")"))?;
    if !(SHORTEST..=LONGEST).contains(&every) {
        return Err(format!(
            "[health] {name} = \"{text}\": must lie between 500ms and 1h"
        ));
    }
    Ok(every)
}

impl HealthSettings {
    /// The settings when they make sense, else the reason (the caller keeps the defaults).
    pub fn checked(self) -> Result<HealthSettings, String> {
        interval("every", &self.every)?;
        interval("states_every", &self.states_every)?;
        self.cpu.check("cpu")?;
        self.memory.check("memory")?;
        self.disk.check("disk")?;
        Ok(self)
    }

    /// The sampling interval (the default when the text does not parse).
    pub fn every(&self) -> Duration {
        interval("every", &self.every).unwrap_or(Duration::from_secs(2))
    }

    /// The runtime state refresh interval.
    pub fn states_every(&self) -> Duration {
        interval("states_every", &self.states_every).unwrap_or(Duration::from_secs(10))
    }

    /// The interval as shown: `2s`.
    pub fn every_label(&self) -> String {
        humantime::format_duration(self.every()).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_health_table_and_refuses_nonsense() {
        let text = "every = \"5s\"\n[cpu]\nwarning = 50\nerror = 80\n";
        let settings: HealthSettings = toml::from_str(text).expect("parses");
        let settings = settings.checked().expect("sensible");
        assert_eq!(settings.every(), Duration::from_secs(5));
        assert_eq!(settings.cpu.band(49.9), Band::Normal);
        assert_eq!(settings.cpu.band(50.0), Band::Warning);
        assert_eq!(settings.cpu.band(95.0), Band::Error);
        assert_eq!(settings.memory, HealthSettings::default().memory);
        let fast = HealthSettings {
            every: String::from("10ms"),
            ..HealthSettings::default()
        };
        assert!(fast.checked().expect_err("too fast").contains("500ms"));
        let upside_down = HealthSettings {
            disk: Threshold::new(90, 80),
            ..HealthSettings::default()
        };
        assert!(upside_down.checked().is_err());
        assert!(toml::from_str::<HealthSettings>("evry = \"2s\"").is_err());
    }
}
