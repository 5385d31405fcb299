//! The machine's vital signs through one long-lived `sysinfo::System`: CPU, memory, swap,
//! uptime, load, the drives holding given folders, and the process list. Built to be called
//! every 2 s from a background task: each call refreshes only what it reports (never
//! `refresh_all`), the mount list is re-read only every [`DISK_LIST_EVERY`] samples, and
//! process details that do not change (executable, command line, working directory) are read
//! once per process.

use std::path::{Path, PathBuf};

use serde::Serialize;
use sysinfo::{
    CpuRefreshKind, DiskRefreshKind, Disks, MemoryRefreshKind, ProcessRefreshKind,
    ProcessesToUpdate, System, UpdateKind,
};

use super::pathmatch::PathStyle;
use super::workers::ProcessInfo;

/// The mount list is read again every this many host samples (drives come and go rarely).
pub const DISK_LIST_EVERY: u32 = 30;

/// Memory or swap: total and used bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Capacity {
    pub total_bytes: u64,
    pub used_bytes: u64,
}

impl Capacity {
    /// Used share, 0–100 (0 when there is none at all).
    pub fn percent(&self) -> f32 {
        if self.total_bytes == 0 {
            0.0
        } else {
            (self.used_bytes as f64 * 100.0 / self.total_bytes as f64) as f32
        }
    }
}

/// One drive holding watched folders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DriveSample {
    pub mount_point: PathBuf,
    pub total_bytes: u64,
    pub available_bytes: u64,
    /// The watched folders on it.
    pub folders: Vec<PathBuf>,
}

/// The 1, 5 and 15 minute load averages (not on Windows).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Load {
    pub one: f64,
    pub five: f64,
    pub fifteen: f64,
}

/// One sample of the machine.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HostSample {
    /// Whole machine, 0–100 (0 on the very first sample: usage needs two readings).
    pub cpu_percent: f32,
    pub cpu_count: usize,
    pub memory: Capacity,
    pub swap: Capacity,
    pub uptime_secs: u64,
    pub load: Option<Load>,
    pub drives: Vec<DriveSample>,
    /// Watched folders on no known drive.
    pub unplaced: Vec<PathBuf>,
}

/// Keeps the sysinfo state between samples.
pub struct Sampler {
    system: System,
    disks: Disks,
    watched: Vec<PathBuf>,
    host_samples: u32,
}

impl Sampler {
    /// A sampler watching the drives of `folders` (physical paths and log folders).
    pub fn new(folders: Vec<PathBuf>) -> Sampler {
        let mut system = System::new();
        // The first reading is the baseline CPU usage is measured against.
        system.refresh_cpu_specifics(CpuRefreshKind::nothing().with_cpu_usage());
        Sampler {
            system,
            disks: Disks::new(),
            watched: folders.into_iter().map(|f| resolve(&f)).collect(),
            host_samples: 0,
        }
    }

    /// Watches other folders from the next sample on.
    pub fn watch(&mut self, folders: Vec<PathBuf>) {
        self.watched = folders.into_iter().map(|f| resolve(&f)).collect();
        self.host_samples = 0;
    }

    /// CPU, memory, swap, uptime, load and the watched drives' free space.
    pub fn sample_host(&mut self) -> HostSample {
        self.system
            .refresh_cpu_specifics(CpuRefreshKind::nothing().with_cpu_usage());
        self.system
            .refresh_memory_specifics(MemoryRefreshKind::nothing().with_ram().with_swap());
        let (drives, unplaced) = self.sample_drives();
        let load = (!cfg!(windows)).then(|| {
            let l = System::load_average();
            Load {
                one: l.one,
                five: l.five,
                fifteen: l.fifteen,
            }
        });
        HostSample {
            cpu_percent: self.system.global_cpu_usage(),
            cpu_count: self.system.cpus().len(),
            memory: Capacity {
                total_bytes: self.system.total_memory(),
                used_bytes: self.system.used_memory(),
            },
            swap: Capacity {
                total_bytes: self.system.total_swap(),
                used_bytes: self.system.used_swap(),
            },
            uptime_secs: System::uptime(),
            load,
            drives,
            unplaced,
        }
    }

    fn sample_drives(&mut self) -> (Vec<DriveSample>, Vec<PathBuf>) {
        if self.watched.is_empty() {
            return (Vec::new(), Vec::new());
        }
        if self.host_samples % DISK_LIST_EVERY == 0 {
            self.disks
                .refresh_specifics(true, DiskRefreshKind::nothing());
        }
        self.host_samples = self.host_samples.wrapping_add(1);
        let style = PathStyle::native();
        let mounts: Vec<PathBuf> = self
            .disks
            .list()
            .iter()
            .map(|d| d.mount_point().to_path_buf())
            .collect();
        let mut drives: Vec<DriveSample> = Vec::new();
        let mut unplaced = Vec::new();
        for folder in &self.watched {
            let Some(index) = drive_of(style, folder, &mounts) else {
                unplaced.push(folder.clone());
                continue;
            };
            match drives.iter_mut().find(|d| d.mount_point == mounts[index]) {
                Some(drive) => drive.folders.push(folder.clone()),
                None => {
                    let disk = &mut self.disks.list_mut()[index];
                    disk.refresh_specifics(DiskRefreshKind::nothing().with_storage());
                    drives.push(DriveSample {
                        mount_point: mounts[index].clone(),
                        total_bytes: disk.total_space(),
                        available_bytes: disk.available_space(),
                        folders: vec![folder.clone()],
                    });
                }
            }
        }
        (drives, unplaced)
    }

    /// Every process with CPU (share of the whole machine) and memory; the executable, command
    /// line and working directory are read the first time a process is seen.
    pub fn sample_processes(&mut self) -> Vec<ProcessInfo> {
        self.system.refresh_processes_specifics(
            ProcessesToUpdate::All,
            true,
            ProcessRefreshKind::nothing()
                .with_cpu()
                .with_memory()
                .with_exe(UpdateKind::OnlyIfNotSet)
                .with_cmd(UpdateKind::OnlyIfNotSet)
                .with_cwd(UpdateKind::OnlyIfNotSet)
                .without_tasks(),
        );
        let cores = self.system.cpus().len().max(1) as f32;
        self.system
            .processes()
            .values()
            .map(|p| ProcessInfo {
                pid: p.pid().as_u32(),
                parent: p.parent().map(|p| p.as_u32()),
                name: p.name().to_string_lossy().into_owned(),
                exe: p.exe().map(Path::to_path_buf),
                cwd: p.cwd().map(Path::to_path_buf),
                command_line: p
                    .cmd()
                    .iter()
                    .map(|a| a.to_string_lossy().into_owned())
                    .collect(),
                cpu_percent: p.cpu_usage() / cores,
                memory_bytes: p.memory(),
                start_time: p.start_time(),
            })
            .collect()
    }
}

/// A folder as the system names it (symbolic links resolved) when it exists, else as given.
fn resolve(folder: &Path) -> PathBuf {
    std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf())
}

/// The index of the mount point holding `folder`: the deepest one it lies within.
pub fn drive_of(style: PathStyle, folder: &Path, mounts: &[PathBuf]) -> Option<usize> {
    mounts
        .iter()
        .enumerate()
        .filter(|(_, m)| style.is_within(folder, m))
        .max_by_key(|(_, m)| style.depth(m))
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests;
