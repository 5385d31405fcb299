//! Log files on disk: the ASP.NET Core Module's stdout logs (`<prefix>_<yyyyMMddHHmmss>_<pid>.log`)
//! and IIS's W3C logs (`u_exYYMMDD.log`, `u_exYYMMDDHH.log`, `exYYMMDD.log`) in a folder, newest
//! first, with size and time.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Which files of a folder belong to a log.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LogKind {
    /// `<prefix>_<yyyyMMddHHmmss>_<pid>.log` (the prefix is the last part of `stdoutLogFile`).
    Stdout { prefix: String },
    /// IIS's W3C request logs.
    W3c,
}

/// One log file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogFile {
    pub path: PathBuf,
    pub name: String,
    pub size: u64,
    pub modified: Option<SystemTime>,
    /// A stdout log's start time as its name says (`2026-11-24 09:30:12`).
    pub started: Option<String>,
    /// A stdout log's process id.
    pub pid: Option<u32>,
}

impl LogKind {
    /// Whether a file name belongs to this log (names compare without case, as on Windows).
    pub fn matches(&self, name: &str) -> bool {
        let lower = name.to_ascii_lowercase();
        if !lower.ends_with(".log") {
            return false;
        }
        match self {
            LogKind::Stdout { prefix } => {
                let prefix = format!("{}_", prefix.to_ascii_lowercase());
                lower.starts_with(&prefix)
            }
            LogKind::W3c => {
                let stem = lower.trim_end_matches(".log");
                let digits = stem
                    .strip_prefix("u_ex")
                    .or_else(|| stem.strip_prefix("ex"))
                    .unwrap_or("");
                let digits = digits.split('_').next().unwrap_or("");
                (6..=8).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
            }
        }
    }
}

/// `stdout_20261124093012_4412.log` → (`2026-11-24 09:30:12`, 4412).
pub fn stdout_name_parts(name: &str) -> Option<(String, u32)> {
    let stem = name.get(..name.len().checked_sub(4)?)?;
    let mut parts = stem.rsplitn(3, '_');
    let pid = parts.next()?.parse().ok()?;
    let stamp = parts.next()?;
    if stamp.len() != 14 || !stamp.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let at = format!(
        "{}-{}-{} {}:{}:{}",
        &stamp[0..4],
        &stamp[4..6],
        &stamp[6..8],
        &stamp[8..10],
        &stamp[10..12],
        &stamp[12..14]
    );
    Some((at, pid))
}

/// The order of "newest": a name that dates the file (ANCM's `stdout_<time>_<pid>.log`, IIS's
/// `u_exYYMMDD.log`) by that date, then the modification time. A file named otherwise (not
/// written by IIS or the module) goes after every dated one, by its modification time: a stray
/// `stdout_old.log` never hides the live log.
fn order_key(file: &LogFile) -> (bool, String, Option<SystemTime>) {
    match stdout_name_parts(&file.name) {
        Some((at, pid)) => (true, format!("{at} {pid:010}"), file.modified),
        None if is_w3c_dated(&file.name) => (true, file.name.to_ascii_lowercase(), file.modified),
        None => (false, String::new(), file.modified),
    }
}

/// `u_ex261125.log`, `u_ex26112509.log` (hourly), `ex261125.log` and the like: IIS's dated names.
fn is_w3c_dated(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let Some(stem) = lower.strip_suffix(".log") else {
        return false;
    };
    let digits = stem.trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '_');
    (6..=10).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

/// The files of `kind` in `folder`, newest first (only regular files).
pub fn list(folder: &Path, kind: &LogKind) -> std::io::Result<Vec<LogFile>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder)?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !kind.matches(&name) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let (started, pid) = match (kind, stdout_name_parts(&name)) {
            (LogKind::Stdout { .. }, Some((at, pid))) => (Some(at), Some(pid)),
            _ => (None, None),
        };
        files.push(LogFile {
            path: entry.path(),
            name,
            size: meta.len(),
            modified: meta.modified().ok(),
            started,
            pid,
        });
    }
    files.sort_by_cached_key(|f| std::cmp::Reverse(order_key(f)));
    Ok(files)
}

/// The newest file of `kind` in `folder`, if any.
pub fn newest(folder: &Path, kind: &LogKind) -> Option<LogFile> {
    list(folder, kind).ok()?.into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_stdout_and_w3c_logs() {
        let stdout = LogKind::Stdout {
            prefix: String::from("stdout"),
        };
        assert!(stdout.matches("stdout_20261124093012_4412.log"));
        assert!(stdout.matches("STDOUT_20261124093012_4412.LOG"));
        assert!(!stdout.matches("stdoutx_1.log"));
        assert!(!stdout.matches("stdout_1.txt"));
        assert!(LogKind::W3c.matches("u_ex261124.log"));
        assert!(LogKind::W3c.matches("u_ex26112408.log"));
        assert!(LogKind::W3c.matches("ex261124.log"));
        assert!(LogKind::W3c.matches("u_ex261124_x.log"));
        assert!(!LogKind::W3c.matches("u_exnotes.log"));
        assert_eq!(
            stdout_name_parts("stdout_20261124093012_4412.log"),
            Some((String::from("2026-11-24 09:30:12"), 4412))
        );
        assert_eq!(stdout_name_parts("stdout_2026_4412.log"), None);
    }

    #[test]
    fn newest_first_by_the_name_then_the_time() {
        let dir = tempfile::tempdir().expect("tempdir");
        for name in [
            "stdout_20261124090011_6044.log",
            "stdout_20261125060302_7720.log",
            "stdout_20261125060302_10001.log",
            "stdout_a.log",
            "other.log",
        ] {
            std::fs::write(dir.path().join(name), "x\n").expect("write");
        }
        std::fs::create_dir(dir.path().join("stdout_20991231000000_1.log")).expect("mkdir");
        let kind = LogKind::Stdout {
            prefix: String::from("stdout"),
        };
        let names: Vec<String> = list(dir.path(), &kind)
            .expect("list")
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(
            names,
            [
                "stdout_20261125060302_10001.log",
                "stdout_20261125060302_7720.log",
                "stdout_20261124090011_6044.log",
                "stdout_a.log"
            ],
            "a name the module does not write never comes before one it does"
        );
        assert!(is_w3c_dated("u_ex261124.log") && is_w3c_dated("u_ex26112408.log"));
        assert!(!is_w3c_dated("u_ex261124_x.log") && !is_w3c_dated("u_exnotes.log"));
    }
}
