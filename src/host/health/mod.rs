//! Health of the machine and of the IIS worker processes: a [`Sampler`] over `sysinfo` (CPU,
//! memory, swap, uptime, load, free space of the drives holding the sites and their logs, the
//! process list), the pure mapping of processes to pools and applications ([`map_workers`]),
//! and a bounded [`History`] per owner for sparklines. [`HealthMonitor`] ties them together
//! for the TUI's 2 s subscription. Nothing here renders.

pub mod cmdline;
pub mod history;
pub mod monitor;
pub mod pathmatch;
pub mod sampler;
pub mod topology;
pub mod workers;

pub use history::{History, Point};
pub use monitor::{DEFAULT_HISTORY, HealthMonitor, HealthReport};
pub use pathmatch::PathStyle;
pub use sampler::{Capacity, DriveSample, HostSample, Load, Sampler};
pub use topology::{topology, watched_folders};
pub use workers::{
    AppFolder, Evidence, Owner, ProcessInfo, Topology, Usage, Worker, WorkerMap, map_workers,
};
