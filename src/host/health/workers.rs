//! Which processes serve which pool or application: each `w3wp.exe` belongs to the pool its
//! command line names (`-ap "Pool"`); any other process belongs to the application whose
//! folder holds its executable, a file named in its arguments (`dotnet .\App.dll`) or its
//! working directory, preferring the applications of its parent `w3wp.exe`'s pool (ASP.NET
//! Core out of process). The same rules serve every system: Kestrel apps started from a site's
//! folder are found the same way. Pure: processes and folders in, owners out.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::cmdline::{arguments, file_name, w3wp_app_pool};
use super::pathmatch::PathStyle;

/// One process as the sampler saw it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProcessInfo {
    pub pid: u32,
    pub parent: Option<u32>,
    pub name: String,
    pub exe: Option<PathBuf>,
    pub cwd: Option<PathBuf>,
    pub command_line: Vec<String>,
    /// Share of the whole machine (all cores), 0–100.
    pub cpu_percent: f32,
    pub memory_bytes: u64,
    /// Seconds since the Unix epoch.
    pub start_time: u64,
}

/// An application's folder and pool, as the configuration says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppFolder {
    /// appcmd's id: `Default Web Site/` or `Default Web Site/api`.
    pub app: String,
    pub app_pool: Option<String>,
    /// The root virtual directory's physical path on this machine.
    pub folder: PathBuf,
}

/// The pools and application folders of one configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Topology {
    pub app_pools: Vec<String>,
    pub apps: Vec<AppFolder>,
}

/// What a process serves.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "camelCase")]
pub enum Owner {
    AppPool(String),
    /// By appcmd id (`Site/path`).
    Application(String),
}

/// Why a process was given its owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Evidence {
    /// `w3wp.exe -ap "Pool"`.
    PoolArgument,
    /// The executable lies in the application's folder.
    Executable,
    /// An argument names a file in the application's folder (`dotnet .\App.dll`).
    Argument,
    /// The working directory lies in the application's folder.
    WorkingDirectory,
    /// Started by the pool's `w3wp.exe`, the pool's only application.
    ParentWorkerProcess,
}

/// A process with its owner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Worker {
    pub process: ProcessInfo,
    pub owner: Owner,
    pub evidence: Evidence,
}

/// Totals of one pool's or application's processes.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Usage {
    pub pids: Vec<u32>,
    pub cpu_percent: f32,
    pub memory_bytes: u64,
    /// The earliest start time (Unix seconds).
    pub started: Option<u64>,
}

/// Every process that serves a pool or application, and the totals per owner.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct WorkerMap {
    pub workers: Vec<Worker>,
    pub usage: BTreeMap<Owner, Usage>,
}

impl WorkerMap {
    pub fn app_pool(&self, name: &str) -> Option<&Usage> {
        self.usage.get(&Owner::AppPool(name.to_owned()))
    }

    pub fn application(&self, id: &str) -> Option<&Usage> {
        self.usage.get(&Owner::Application(id.to_owned()))
    }
}

fn is_w3wp(process: &ProcessInfo) -> bool {
    let exe_name = process
        .exe
        .as_deref()
        .map(|e| file_name(&e.to_string_lossy()).to_owned());
    [Some(process.name.clone()), exe_name]
        .into_iter()
        .flatten()
        .any(|n| n.eq_ignore_ascii_case("w3wp.exe") || n.eq_ignore_ascii_case("w3wp"))
}

/// A folder shallow enough to hold everything (`/`, `C:\`) owns nothing.
fn owns_anything(style: PathStyle, folder: &Path) -> bool {
    let minimum = match style {
        PathStyle::Windows => 2,
        PathStyle::Posix => 1,
    };
    style.depth(folder) >= minimum
}

/// Maps processes to the pools and applications they serve; `exclude` is left out (iistui
/// itself, when it runs from a site's folder).
pub fn map_workers(
    processes: &[ProcessInfo],
    topology: &Topology,
    style: PathStyle,
    exclude: Option<u32>,
) -> WorkerMap {
    let canonical_pool = |name: &str| {
        topology
            .app_pools
            .iter()
            .find(|p| p.eq_ignore_ascii_case(name))
            .cloned()
            .unwrap_or_else(|| name.to_owned())
    };
    let w3wp_pools: HashMap<u32, String> = processes
        .iter()
        .filter(|p| is_w3wp(p))
        .filter_map(|p| Some((p.pid, canonical_pool(&w3wp_app_pool(&p.command_line)?))))
        .collect();
    // Folder components are computed once per tick, not once per process.
    let apps: Vec<Candidate> = topology
        .apps
        .iter()
        .filter(|a| owns_anything(style, &a.folder))
        .map(|a| Candidate {
            app: a,
            folder: style.components(&a.folder),
        })
        .collect();
    let mut map = WorkerMap::default();
    for process in processes.iter().filter(|p| Some(p.pid) != exclude) {
        let found = match w3wp_pools.get(&process.pid) {
            Some(pool) => Some((Owner::AppPool(pool.clone()), Evidence::PoolArgument)),
            None => {
                let parent_pool = process.parent.and_then(|p| w3wp_pools.get(&p));
                owning_app(process, &apps, parent_pool, style)
            }
        };
        if let Some((owner, evidence)) = found {
            let usage = map.usage.entry(owner.clone()).or_default();
            usage.pids.push(process.pid);
            usage.cpu_percent += process.cpu_percent;
            usage.memory_bytes += process.memory_bytes;
            usage.started = Some(
                usage
                    .started
                    .map_or(process.start_time, |s| s.min(process.start_time)),
            );
            map.workers.push(Worker {
                process: process.clone(),
                owner,
                evidence,
            });
        }
    }
    map
}

/// An application folder, split into components for comparison.
struct Candidate<'a> {
    app: &'a AppFolder,
    folder: Vec<String>,
}

/// The application a non-w3wp process serves: the deepest folder holding its executable, an
/// argument or its working directory, among its parent pool's applications first.
fn owning_app(
    process: &ProcessInfo,
    apps: &[Candidate<'_>],
    parent_pool: Option<&String>,
    style: PathStyle,
) -> Option<(Owner, Evidence)> {
    let mut evidence: Vec<(PathBuf, Evidence)> = Vec::new();
    if let Some(exe) = &process.exe {
        evidence.push((exe.clone(), Evidence::Executable));
    }
    for arg in arguments(&process.command_line).iter().skip(1) {
        if !names_a_file(style, arg) {
            continue;
        }
        let path = Path::new(arg);
        let full = match &process.cwd {
            Some(cwd) if !is_absolute(style, arg) => cwd.join(path),
            _ => path.to_path_buf(),
        };
        evidence.push((full, Evidence::Argument));
    }
    if let Some(cwd) = &process.cwd {
        evidence.push((cwd.clone(), Evidence::WorkingDirectory));
    }
    let evidence: Vec<(Vec<String>, Evidence)> = evidence
        .iter()
        .map(|(path, why)| (style.components(path), *why))
        .collect();
    let in_pool: Vec<&Candidate> = match parent_pool {
        Some(pool) => apps
            .iter()
            .filter(|c| {
                c.app
                    .app_pool
                    .as_deref()
                    .is_some_and(|p| p.eq_ignore_ascii_case(pool))
            })
            .collect(),
        None => Vec::new(),
    };
    let deepest = |candidates: &[&Candidate]| {
        evidence.iter().find_map(|(path, why)| {
            candidates
                .iter()
                .filter(|c| path.starts_with(&c.folder))
                .max_by_key(|c| c.folder.len())
                .map(|c| (Owner::Application(c.app.app.clone()), *why))
        })
    };
    let all: Vec<&Candidate> = apps.iter().collect();
    deepest(&in_pool)
        .or_else(|| deepest(&all))
        .or_else(|| match in_pool.as_slice() {
            [only] => Some((
                Owner::Application(only.app.app.clone()),
                Evidence::ParentWorkerProcess,
            )),
            _ => None,
        })
}

/// An argument that names a program file (`.\App.dll`, `App.exe`) or an absolute path; other
/// arguments (`30`, `--urls`, URLs) say nothing about where a process belongs.
fn names_a_file(style: PathStyle, arg: &str) -> bool {
    let lower = arg.to_ascii_lowercase();
    !arg.contains("://")
        && (lower.ends_with(".dll") || lower.ends_with(".exe") || is_absolute(style, arg))
}

fn is_absolute(style: PathStyle, arg: &str) -> bool {
    match style {
        PathStyle::Posix => arg.starts_with('/'),
        PathStyle::Windows => {
            let b = arg.as_bytes();
            arg.starts_with("\\\\")
                || (b.len() >= 3 && b[1] == b':' && matches!(b[2], b'\\' | b'/'))
        }
    }
}

#[cfg(test)]
mod tests;
