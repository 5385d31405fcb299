//! Helpers shared by the integration tests: where the shared corpus is (when present) and
//! which of its files are expected to be malformed.

// Tests and benchmarks say what they skipped and measured.
#![allow(clippy::print_stdout, clippy::print_stderr)]
#![allow(dead_code)]

pub mod acl;
pub mod e2e;
pub mod logs;

use std::path::PathBuf;

/// `../shared/corpus`, or `None` (with a printed notice) on a clone without it.
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("notice: {} is absent; corpus tests skipped", dir.display());
        None
    }
}

/// Files of one corpus folder (`appHost`, `webconfig`, `schema`), sorted.
pub fn corpus_files(folder: &str) -> Vec<PathBuf> {
    let Some(dir) = corpus_dir() else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join(folder))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Whether SOURCES.tsv marks this corpus file as intentionally malformed XML.
pub fn marked_malformed(path: &std::path::Path) -> bool {
    let Some(dir) = corpus_dir() else {
        return false;
    };
    let sources = std::fs::read_to_string(dir.join("SOURCES.tsv")).unwrap_or_default();
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    sources
        .lines()
        .any(|line| line.contains(name) && line.contains("MALFORMED("))
}

pub mod shown;
pub mod tui;
pub mod wizard;
