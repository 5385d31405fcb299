//! The lines a log view holds: a ring buffer of at most `capacity` lines (the oldest dropped
//! and counted), each with where it came from, when it was read, how it reads (failure,
//! warning) and how many bytes were cut off it; notes (a switch to a new file, a truncation)
//! sit between the lines. With a filter on, the positions of the matching lines are kept as
//! lines arrive, so showing only them costs nothing per frame.

use std::collections::VecDeque;
use std::time::SystemTime;

use super::matcher::{Matcher, Severity, severity};

/// How many lines a view keeps unless configured otherwise.
pub const DEFAULT_CAPACITY: usize = 10_000;

/// What a stored line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// A line of the file.
    Text,
    /// iistui's note in the stream (switched to a new file, truncated, deleted).
    Note,
}

/// One stored line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLine {
    /// Position in the whole stream (0 = the first line ever pushed).
    pub seq: u64,
    /// Which of the view's sources it came from.
    pub source: u16,
    pub kind: LineKind,
    /// When it was written (the file's time for lines read at open, else when read).
    pub at: SystemTime,
    pub severity: Severity,
    /// Bytes cut off the end of a very long line.
    pub cut: u64,
    pub text: Box<str>,
}

/// The ring of lines and its counts.
#[derive(Debug, Clone)]
pub struct Ring {
    lines: VecDeque<LogLine>,
    capacity: usize,
    next_seq: u64,
    /// File lines pushed, ever (notes not counted).
    received: u64,
    /// Lines dropped off the front.
    dropped: u64,
    filter: Option<Matcher>,
    /// `seq`s of the stored lines the filter shows (notes always), oldest first.
    shown: VecDeque<u64>,
}

impl Ring {
    pub fn new(capacity: usize) -> Ring {
        let capacity = capacity.max(1);
        Ring {
            lines: VecDeque::with_capacity(capacity.min(1 << 16)),
            capacity,
            next_seq: 0,
            received: 0,
            dropped: 0,
            filter: None,
            shown: VecDeque::new(),
        }
    }

    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Lines stored now.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// File lines received since the start (kept or dropped).
    pub fn received(&self) -> u64 {
        self.received
    }

    /// Lines dropped off the front to stay within the capacity.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// Bytes of text held (for the memory bound).
    pub fn bytes(&self) -> usize {
        self.lines.iter().map(|l| l.text.len()).sum()
    }

    /// Pushes a line of a file.
    pub fn push(&mut self, source: u16, at: SystemTime, text: impl Into<Box<str>>, cut: u64) {
        let text = text.into();
        let severity = severity(&text);
        self.received += 1;
        self.store(source, LineKind::Text, at, severity, cut, text);
    }

    /// Pushes a line whose severity the caller decided (a W3C line by its status).
    pub fn push_rated(
        &mut self,
        source: u16,
        at: SystemTime,
        text: impl Into<Box<str>>,
        severity: Severity,
    ) {
        self.received += 1;
        self.store(source, LineKind::Text, at, severity, 0, text.into());
    }

    /// Pushes iistui's note (shown whatever the filter).
    pub fn note(&mut self, source: u16, at: SystemTime, text: impl Into<Box<str>>) {
        self.store(source, LineKind::Note, at, Severity::Normal, 0, text.into());
    }

    fn store(
        &mut self,
        source: u16,
        kind: LineKind,
        at: SystemTime,
        severity: Severity,
        cut: u64,
        text: Box<str>,
    ) {
        if self.lines.len() == self.capacity {
            if let Some(old) = self.lines.pop_front() {
                self.dropped += 1;
                if self.shown.front() == Some(&old.seq) {
                    self.shown.pop_front();
                }
            }
        }
        let seq = self.next_seq;
        self.next_seq += 1;
        let shown = match &self.filter {
            Some(filter) => kind == LineKind::Note || filter.is_match(&text),
            None => false,
        };
        if shown {
            self.shown.push_back(seq);
        }
        self.lines.push_back(LogLine {
            seq,
            source,
            kind,
            at,
            severity,
            cut,
            text,
        });
    }

    /// Shows only lines matching `pattern` (all lines for an empty one).
    pub fn set_filter(&mut self, pattern: &str) {
        self.filter = Matcher::new(pattern);
        self.shown.clear();
        if let Some(filter) = &self.filter {
            self.shown.extend(
                self.lines
                    .iter()
                    .filter(|l| l.kind == LineKind::Note || filter.is_match(&l.text))
                    .map(|l| l.seq),
            );
        }
    }

    pub fn filter(&self) -> Option<&Matcher> {
        self.filter.as_ref()
    }

    /// How many lines the view shows (all, or those the filter passes).
    pub fn visible_len(&self) -> usize {
        match self.filter {
            Some(_) => self.shown.len(),
            None => self.lines.len(),
        }
    }

    /// The `index`th line the view shows, oldest first.
    pub fn visible(&self, index: usize) -> Option<&LogLine> {
        match self.filter {
            Some(_) => self.by_seq(*self.shown.get(index)?),
            None => self.lines.get(index),
        }
    }

    /// A stored line by its stream position.
    pub fn by_seq(&self, seq: u64) -> Option<&LogLine> {
        let first = self.lines.front()?.seq;
        self.lines
            .get(usize::try_from(seq.checked_sub(first)?).ok()?)
    }

    /// Every stored line, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = &LogLine> {
        self.lines.iter()
    }

    /// Forgets every line (counts too).
    pub fn clear(&mut self) {
        let filter = self.filter.take();
        *self = Ring::new(self.capacity);
        self.filter = filter;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> SystemTime {
        SystemTime::UNIX_EPOCH
    }

    #[test]
    fn keeps_the_newest_lines_and_counts_the_dropped() {
        let mut ring = Ring::new(3);
        for n in 0..5 {
            ring.push(0, now(), format!("line {n}"), 0);
        }
        assert_eq!((ring.len(), ring.received(), ring.dropped()), (3, 5, 2));
        let texts: Vec<&str> = ring.iter().map(|l| &*l.text).collect();
        assert_eq!(texts, ["line 2", "line 3", "line 4"]);
        assert_eq!(ring.by_seq(3).map(|l| &*l.text), Some("line 3"));
        assert_eq!(ring.by_seq(0), None);
    }

    #[test]
    fn the_filter_follows_pushes_and_drops() {
        let mut ring = Ring::new(4);
        ring.push(0, now(), "info: started", 0);
        ring.push(0, now(), "fail: boom", 0);
        ring.set_filter("fail");
        assert_eq!(ring.visible_len(), 1);
        ring.note(0, now(), "switched to stdout_2.log");
        ring.push(0, now(), "FAIL again", 0);
        ring.push(0, now(), "info: fine", 0);
        // "info: started" dropped; "fail: boom" still stored.
        let shown: Vec<&str> = (0..ring.visible_len())
            .filter_map(|i| ring.visible(i))
            .map(|l| &*l.text)
            .collect();
        assert_eq!(
            shown,
            ["fail: boom", "switched to stdout_2.log", "FAIL again"]
        );
        ring.push(0, now(), "info: more", 0);
        assert_eq!(
            ring.visible_len(),
            2,
            "the dropped match left the filter too"
        );
        ring.set_filter("");
        assert_eq!(ring.visible_len(), 4);
        assert_eq!(ring.visible(0).map(|l| l.severity), Some(Severity::Normal));
    }
}
