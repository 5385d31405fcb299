//! Unified diffs of two versions of a configuration file. The common prefix and suffix are cut
//! away by line first, so a one-attribute change in a 12 MB file diffs only the changed window;
//! `similar` diffs what is left and the hunk headers are shifted back to file line numbers.

use std::fmt::Write;
use std::path::Path;

use similar::{ChangeTag, TextDiff};

const CONTEXT: usize = 3;

/// Byte offset where the first differing line starts, and how many lines precede it.
fn common_prefix(old: &str, new: &str) -> (usize, usize) {
    let same = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let line_start = old[..same].rfind('\n').map(|p| p + 1).unwrap_or(0);
    (
        line_start,
        memchr::memchr_iter(b'\n', &old.as_bytes()[..line_start]).count(),
    )
}

/// Byte lengths (in old and new) of the common suffix, cut at a line start.
fn common_suffix(old: &str, new: &str, prefix: usize) -> usize {
    let max = old.len().min(new.len()) - prefix;
    let same = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max)
        .take_while(|(a, b)| a == b)
        .count();
    let tail = &old[old.len() - same..];
    match tail.find('\n') {
        Some(p) => same - (p + 1),
        None => 0,
    }
}

/// Moves `start` back over `lines` whole lines.
fn back_lines(text: &str, mut start: usize, lines: usize) -> usize {
    for _ in 0..lines {
        if start == 0 {
            break;
        }
        start = text[..start - 1].rfind('\n').map(|p| p + 1).unwrap_or(0);
    }
    start
}

/// Moves `end` forward over `lines` whole lines.
fn forward_lines(text: &str, mut end: usize, lines: usize) -> usize {
    for _ in 0..lines {
        match text[end..].find('\n') {
            Some(p) => end += p + 1,
            None => return text.len(),
        }
    }
    end
}

/// A unified diff of `old` → `new` for `path` (empty when equal).
pub fn unified_diff(old: &str, new: &str, path: &Path) -> String {
    if old == new {
        return String::new();
    }
    let (prefix, prefix_lines) = common_prefix(old, new);
    let suffix = common_suffix(old, new, prefix);
    let start = back_lines(old, prefix, CONTEXT);
    let skipped_lines =
        prefix_lines - memchr::memchr_iter(b'\n', &old.as_bytes()[start..prefix]).count();
    let old_end = forward_lines(old, old.len() - suffix, CONTEXT);
    let new_end = forward_lines(new, new.len() - suffix, CONTEXT);
    let diff = TextDiff::from_lines(&old[start..old_end], &new[start..new_end]);
    let name = path.display();
    let mut out = format!("--- {name}\n+++ {name} (after)\n");
    for group in diff.grouped_ops(CONTEXT) {
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        let old_range = first.old_range().start..last.old_range().end;
        let new_range = first.new_range().start..last.new_range().end;
        let _ = writeln!(
            out,
            "@@ -{},{} +{},{} @@",
            old_range.start + skipped_lines + 1,
            old_range.len(),
            new_range.start + skipped_lines + 1,
            new_range.len()
        );
        for op in &group {
            for change in diff.iter_changes(op) {
                let sign = match change.tag() {
                    ChangeTag::Delete => '-',
                    ChangeTag::Insert => '+',
                    ChangeTag::Equal => ' ',
                };
                let line = change.value().trim_end_matches(['\r', '\n']);
                let _ = writeln!(out, "{sign}{line}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diffs_only_the_changed_window_with_file_line_numbers() {
        let old: String = (1..=100).map(|i| format!("line {i}\r\n")).collect();
        let new = old
            .replace("line 50\r\n", "line 50 changed\r\n")
            .replace("line 52\r\n", "");
        let diff = unified_diff(&old, &new, Path::new("a.config"));
        assert_eq!(
            diff,
            "--- a.config\n+++ a.config (after)\n@@ -47,9 +47,8 @@\n line 47\n line 48\n line 49\n-line 50\n+line 50 changed\n line 51\n-line 52\n line 53\n line 54\n line 55\n"
        );
        assert_eq!(unified_diff(&old, &old, Path::new("a")), "");
        let appended = format!("{old}line 101\r\n");
        assert!(unified_diff(&old, &appended, Path::new("a")).contains("@@ -98,3 +98,4 @@"));
        let first = old.replacen("line 1\r\n", "", 1);
        assert!(unified_diff(&old, &first, Path::new("a")).contains("@@ -1,4 +1,3 @@\n-line 1\n"));
    }
}
