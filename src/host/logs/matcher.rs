//! Finding text in log lines fast: a filter or search pattern in smart case (all lower case
//! matches any case; an upper-case letter makes it exact), and the words that mark a line as a
//! failure (`fail`, `error`, `exception`, `crit`) or a warning (`warn`).

use memchr::memmem;

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Matcher {
    pattern: String,
    finder: Finder,
}

#[derive(Debug, Clone)]
enum Finder {
    /// Exact bytes.
    Exact(Box<memmem::Finder<'static>>),
    /// ASCII case-insensitive: the pattern lower-cased.
    Folded(Vec<u8>),
}

impl PartialEq for Matcher {
    fn eq(&self, other: &Matcher) -> bool {
        self.pattern == other.pattern
    }
}

impl Eq for Matcher {}

impl Matcher {
    /// `None` for an empty pattern (which matches everything).
    pub fn new(pattern: &str) -> Option<Matcher> {
        if pattern.is_empty() {
            return None;
        }
        let finder = if pattern.chars().any(char::is_uppercase) {
            Finder::Exact(Box::new(
                memmem::Finder::new(pattern.as_bytes()).into_owned(),
            ))
        } else {
            Finder::Folded(pattern.as_bytes().to_ascii_lowercase())
        };
        Some(Matcher {
            pattern: pattern.to_owned(),
            finder,
        })
    }

    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// Whether `text` contains the pattern.
    pub fn is_match(&self, text: &str) -> bool {
        self.find(text, 0).is_some()
    }

    /// The byte range of the first match at or after `from`.
    pub fn find(&self, text: &str, from: usize) -> Option<(usize, usize)> {
        let hay = text.as_bytes().get(from..)?;
        let (at, len) = match &self.finder {
            Finder::Exact(finder) => (finder.find(hay)?, finder.needle().len()),
            Finder::Folded(needle) => (find_folded(hay, needle)?, needle.len()),
        };
        Some((from + at, from + at + len))
    }

    /// Every match's byte range, for highlighting.
    pub fn ranges(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some((start, end)) = self.find(text, from) {
            // Matches never split a character: the pattern is whole characters, and ASCII
            // folding keeps byte lengths.
            if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                break;
            }
            out.push((start, end));
            from = end.max(start + 1);
        }
        out
    }
}

/// ASCII case-insensitive search for a lower-case needle.
pub fn find_folded(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let upper = first.to_ascii_uppercase();
    let mut at = 0;
    while at + needle.len() <= hay.len() {
        let found = if upper == first {
            memchr::memchr(first, &hay[at..])
        } else {
            memchr::memchr2(first, upper, &hay[at..])
        }?;
        let start = at + found;
        let end = start + needle.len();
        if end > hay.len() {
            return None;
        }
        if hay[start + 1..end].eq_ignore_ascii_case(rest) {
            return Some(start);
        }
        at = start + 1;
    }
    None
}

/// How a line reads: a failure, a warning, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Severity {
    #[default]
    Normal,
    Warning,
    Error,
}

/// Whether a line mentions a failure (`fail`, `error`, `exception`, `crit`, any case) or a
/// warning (`warn`). One pass over the bytes.
pub fn severity(text: &str) -> Severity {
    let hay = text.as_bytes();
    let starts = |at: usize, word: &[u8]| {
        hay.get(at..at + word.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
    };
    let mut warning = false;
    for (at, byte) in hay.iter().enumerate() {
        match byte | 0x20 {
            b'f' if starts(at, b"fail") => return Severity::Error,
            b'e' if starts(at, b"error") || starts(at, b"exception") => return Severity::Error,
            b'c' if starts(at, b"crit") => return Severity::Error,
            b'w' if starts(at, b"warn") => warning = true,
            _ => {}
        }
    }
    if warning {
        Severity::Warning
    } else {
        Severity::Normal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_case_and_ranges() {
        let lower = Matcher::new("timeout").expect("pattern");
        assert!(lower.is_match("System.TimeoutException: The operation has timed out"));
        let exact = Matcher::new("Timeout").expect("pattern");
        assert!(exact.is_match("System.TimeoutException"));
        assert!(!exact.is_match("a timeout"));
        assert_eq!(
            Matcher::new("ab").expect("pattern").ranges("xABab"),
            vec![(1, 3), (3, 5)]
        );
        assert_eq!(Matcher::new(""), None);
        assert_eq!(find_folded(b"aaa", b"aaaa"), None);
        assert_eq!(find_folded(b"xxAAAa", b"aaaa"), Some(2));
    }

    #[test]
    fn failure_and_warning_words() {
        assert_eq!(severity("fail: Microsoft.AspNetCore[13]"), Severity::Error);
        assert_eq!(
            severity("      System.TimeoutException: timed out"),
            Severity::Error
        );
        assert_eq!(severity("crit: host"), Severity::Error);
        assert_eq!(severity("an ERROR happened"), Severity::Error);
        assert_eq!(severity("warn: slow"), Severity::Warning);
        assert_eq!(severity("info: Application started."), Severity::Normal);
        assert_eq!(severity("cafe"), Severity::Normal);
    }
}
