//! Stale temp files: a save killed between writing its temp file and renaming it leaves
//! `.iistui-XXXXXX.tmp` beside the configuration. The next save (under the save lock) removes
//! those that are this program's by name, are regular files, and have not been written for
//! [`STALE_AFTER`], so a temp being written right now by another save is never touched.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use super::error::human_size;

/// The name prefix and suffix of the temp files a save writes.
pub const TEMP_PREFIX: &str = ".iistui-";
pub const TEMP_SUFFIX: &str = ".tmp";

/// How old (by modification time) a temp file must be to count as left by an interrupted save.
pub const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

/// Whether `name` is exactly the shape of this program's temp files: the prefix, six letters or
/// digits (tempfile's random part), the suffix.
fn is_temp_name(name: &str) -> bool {
    name.strip_prefix(TEMP_PREFIX)
        .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
        .is_some_and(|random| {
            random.len() == 6 && random.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// Removes this program's stale temp files in `dir`; says what it removed, if anything.
pub fn remove_stale_temps(dir: &Path, now: SystemTime) -> Option<String> {
    let (mut count, mut bytes, mut failed) = (0usize, 0u64, Vec::new());
    for entry in fs::read_dir(dir).ok()?.flatten() {
        let name = entry.file_name();
        if !name.to_str().is_some_and(is_temp_name) {
            continue;
        }
        // `DirEntry::metadata` does not follow symlinks: a link named like a temp is left alone.
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if !meta.is_file() || !old {
            continue;
        }
        match fs::remove_file(entry.path()) {
            Ok(()) => {
                count += 1;
                bytes += meta.len();
            }
            Err(e) => failed.push(format!("{} ({e})", entry.path().display())),
        }
    }
    let mut note = String::new();
    if count > 0 {
        note = format!(
            "removed {count} stale temp file{} ({}) left in {} by interrupted saves",
            if count == 1 { "" } else { "s" },
            human_size(bytes),
            dir.display()
        );
    }
    if !failed.is_empty() {
        if !note.is_empty() {
            note.push_str("; ");
        }
        note.push_str(&format!(
            "could not remove stale temp files: {}",
            failed.join(", ")
        ));
    }
    (!note.is_empty()).then_some(note)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_temp_shape_counts() {
        assert!(is_temp_name(".iistui-a1B2c3.tmp"));
        assert!(!is_temp_name(".iistui-a1B2c3.tmp.bak"));
        assert!(!is_temp_name(".iistui-a1B2.tmp"));
        assert!(!is_temp_name(".iistui-a1/2c3.tmp"));
        assert!(!is_temp_name("iistui-a1B2c3.tmp"));
        assert!(!is_temp_name(".applicationHost.config.iistui-lock"));
    }
}
