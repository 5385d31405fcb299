//! One tick of the health subscription: a host sample, and (when the health view wants them)
//! the worker processes mapped to pools and applications, recorded into a bounded history for
//! sparklines. The TUI's background task owns one [`HealthMonitor`] and calls
//! [`HealthMonitor::tick`] every 2 s.

use serde::Serialize;

use super::history::{History, Point};
use super::pathmatch::PathStyle;
use super::sampler::{HostSample, Sampler};
use super::workers::{Owner, Topology, WorkerMap, map_workers};

/// Points kept per pool or application: 5 minutes at the default 2 s interval.
pub const DEFAULT_HISTORY: usize = 150;

/// What one tick saw.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HealthReport {
    pub host: HostSample,
    /// `None` when the tick did not look at processes.
    pub workers: Option<WorkerMap>,
}

/// The sampler, the configuration's topology and the per-owner history.
pub struct HealthMonitor {
    sampler: Sampler,
    topology: Topology,
    history: History<Owner>,
}

impl HealthMonitor {
    /// A monitor of `topology`, watching the drives of `folders`, keeping `history` points.
    pub fn new(
        topology: Topology,
        folders: Vec<std::path::PathBuf>,
        history: usize,
    ) -> HealthMonitor {
        HealthMonitor {
            sampler: Sampler::new(folders),
            topology,
            history: History::new(history),
        }
    }

    /// Follows a changed configuration (a pool or application added, a path edited).
    pub fn set_topology(&mut self, topology: Topology, folders: Vec<std::path::PathBuf>) {
        self.topology = topology;
        self.sampler.watch(folders);
    }

    /// Samples the machine; with `workers`, also maps the processes and records their history.
    pub fn tick(&mut self, workers: bool) -> HealthReport {
        let host = self.sampler.sample_host();
        let workers = workers.then(|| {
            let processes = self.sampler.sample_processes();
            let map = map_workers(
                &processes,
                &self.topology,
                PathStyle::native(),
                Some(std::process::id()),
            );
            self.history.record(map.usage.iter().map(|(owner, usage)| {
                (
                    owner.clone(),
                    Point {
                        cpu_percent: usage.cpu_percent,
                        memory_bytes: usage.memory_bytes,
                    },
                )
            }));
            map
        });
        HealthReport { host, workers }
    }

    /// CPU and memory history per pool and application, for sparklines.
    pub fn history(&self) -> &History<Owner> {
        &self.history
    }
}

#[cfg(all(test, unix))]
mod tests;
