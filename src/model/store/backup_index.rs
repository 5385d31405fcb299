//! The backup index: one file per original, `<prefix>index` in the backup dir, listing the
//! backups this program wrote, oldest first, one line each: `first|backup LEN XXH3 NAME`. The
//! first backup ever taken of a file is marked `first` and never pruned. Lines that do not parse
//! or name something other than a plain backup file of this original are ignored, so an edited
//! index cannot point pruning at another file.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::stale::{TEMP_PREFIX, TEMP_SUFFIX};

/// One backup, as recorded when it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    /// The first backup of the file (its pristine original); kept until the user deletes it.
    pub first: bool,
    pub len: u64,
    pub hash: u64,
    /// The backup's file name in the backup dir.
    pub name: String,
}

impl IndexEntry {
    fn line(&self) -> String {
        let kind = if self.first { "first" } else { "backup" };
        format!("{kind} {} {:016x} {}\n", self.len, self.hash, self.name)
    }
}

/// The index of one original's backups.
pub struct Index {
    path: PathBuf,
    prefix: String,
}

impl Index {
    pub fn new(dir: &Path, prefix: &str) -> Index {
        Index {
            path: dir.join(format!("{prefix}index")),
            prefix: prefix.to_owned(),
        }
    }

    fn parse(&self, line: &str) -> Option<IndexEntry> {
        let mut parts = line.splitn(4, ' ');
        let first = match parts.next()? {
            "first" => true,
            "backup" => false,
            _ => return None,
        };
        let len = parts.next()?.parse().ok()?;
        let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
        let name = parts.next()?;
        let plain = !name.contains(['/', '\\', '\0']) && name != "." && name != "..";
        (plain && name.starts_with(&self.prefix) && name.ends_with(".bak")).then(|| IndexEntry {
            first,
            len,
            hash,
            name: name.to_owned(),
        })
    }

    /// The recorded backups, oldest first (none when there is no index yet).
    pub fn read(&self) -> Vec<IndexEntry> {
        fs::read_to_string(&self.path)
            .map(|text| text.lines().filter_map(|l| self.parse(l)).collect())
            .unwrap_or_default()
    }

    /// Records a new backup; the first one recorded for this original is marked `first`.
    pub fn append(&self, entry: &IndexEntry) -> io::Result<()> {
        let first = !self.path.exists();
        let entry = IndexEntry {
            first,
            ..entry.clone()
        };
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)?;
        file.write_all(entry.line().as_bytes())
    }

    /// Replaces the index with `entries`: atomically (a reader sees the old or the new list) but
    /// not synced, which would cost two fsyncs on every save. An index lost in a crash only
    /// means that the backups it listed are never pruned: nothing unlisted is ever deleted.
    pub fn write(&self, entries: &[IndexEntry]) -> io::Result<()> {
        let text: String = entries.iter().map(IndexEntry::line).collect();
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let mut temp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(TEMP_SUFFIX)
            .tempfile_in(dir)?;
        temp.write_all(text.as_bytes())?;
        temp.persist(&self.path).map(drop).map_err(|e| e.error)
    }
}
