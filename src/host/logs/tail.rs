//! Following one log like `tail -F`: a named file, or the newest file of a log in a folder
//! (the ASP.NET Core Module starts a new `stdout_<time>_<pid>.log` at every start of the app;
//! IIS a new W3C file every day), read from where it was left. Truncation (read again from the
//! start), replacement (a different file under the name), deletion (wait for it to come back)
//! and a newer file (read the old one to its end, then switch) are reported as events between
//! the lines. Lines longer than [`MAX_LINE`] bytes are cut, and the bytes cut are counted.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use super::files::{LogKind, newest};

/// The longest line kept; the rest of it is counted and dropped.
pub const MAX_LINE: usize = 4096;

/// How much one poll reads at most (the next poll goes on where it stopped).
pub const READ_BUDGET: usize = 4 << 20;

/// How often the folder of a "newest file" log is listed again without a hint.
const SCAN_EVERY: Duration = Duration::from_millis(500);
/// How long a last line without its newline waits for the rest before it is shown as it is (a
/// crashing app's last words often have no newline).
const PARTIAL_AFTER: Duration = Duration::from_secs(1);

/// What to follow.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Follow {
    /// One file by name.
    File(PathBuf),
    /// The newest file of a log in a folder; a newer one is switched to.
    Newest { folder: PathBuf, kind: LogKind },
}

impl Follow {
    /// The folder whose changes matter.
    pub fn folder(&self) -> Option<&Path> {
        match self {
            Follow::File(path) => path.parent(),
            Follow::Newest { folder, .. } => Some(folder),
        }
    }
}

/// Where reading starts in the first file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// From its beginning.
    Beginning,
    /// About this many bytes before its end (from the next whole line).
    Last(u64),
}

/// One line read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TailLine {
    pub text: String,
    /// Bytes cut off its end.
    pub cut: u64,
}

/// What a poll found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TailEvent {
    /// Reading a file started; `skipped` bytes before the start were left out.
    Opened { path: PathBuf, skipped: u64 },
    /// A newer file took over (the app was recycled, a new day began).
    Switched { from: PathBuf, to: PathBuf },
    /// The file became shorter than what was read: read again from its start.
    Truncated { path: PathBuf },
    /// The name now belongs to another file (deleted and created again, renamed over).
    Replaced { path: PathBuf },
    /// The file is gone; following goes on when it (or a newer one) appears.
    Deleted { path: PathBuf },
    /// Nothing to read yet, and why.
    Waiting { why: String },
    /// Lines, with when they were written (the file's time for lines there at open).
    Lines {
        lines: Vec<TailLine>,
        at: SystemTime,
    },
    /// Reading failed (permissions, I/O); following goes on.
    Error(String),
}

/// Which file a handle reads (to tell a replaced file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileId(u64, u64);

fn file_id(meta: &std::fs::Metadata) -> FileId {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        FileId(meta.dev(), meta.ino())
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::MetadataExt;
        FileId(meta.creation_time(), 0)
    }
    #[cfg(not(any(unix, windows)))]
    {
        let created = meta
            .created()
            .ok()
            .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as u64);
        FileId(created, 0)
    }
}

#[derive(Debug)]
struct Open {
    path: PathBuf,
    file: File,
    id: FileId,
    pos: u64,
    /// The next read is the first: its lines get the file's time.
    fresh: bool,
    modified: Option<SystemTime>,
}

/// Follows one log.
#[derive(Debug)]
pub struct Tailer {
    follow: Follow,
    start: Start,
    open: Option<Open>,
    /// The last file read (for the Switched event after a deletion).
    last_path: Option<PathBuf>,
    partial: Vec<u8>,
    cut: u64,
    /// Skip bytes up to the first newline (reading began inside a line).
    skip_partial: bool,
    last_scan: Option<Instant>,
    waiting: Option<String>,
    deleted: bool,
    /// Since when a line without its newline has waited with nothing more written.
    quiet_since: Option<Instant>,
    /// The last poll stopped at its budget with more to read.
    pub more: bool,
}

impl Tailer {
    pub fn new(follow: Follow, start: Start) -> Tailer {
        Tailer {
            follow,
            start,
            open: None,
            last_path: None,
            partial: Vec::new(),
            cut: 0,
            skip_partial: false,
            last_scan: None,
            waiting: None,
            deleted: false,
            quiet_since: None,
            more: false,
        }
    }

    pub fn follow(&self) -> &Follow {
        &self.follow
    }

    /// The file being read.
    pub fn path(&self) -> Option<&Path> {
        self.open.as_ref().map(|o| o.path.as_path())
    }

    /// Reads what is new. `rescan` says the folder changed (a file was created or removed).
    pub fn poll(&mut self, rescan: bool) -> Vec<TailEvent> {
        let mut events = Vec::new();
        self.more = false;
        let wanted = self.wanted(rescan);
        let current = self.open.as_ref().map(|o| o.path.clone());
        match (&wanted, &current) {
            (Some(want), Some(now)) if want != now => {
                // Finish the old file, then switch to the newer one from its start.
                self.read(&mut events);
                self.flush_partial(&mut events);
                self.open = None;
                events.push(TailEvent::Switched {
                    from: now.clone(),
                    to: want.clone(),
                });
                self.open_file(want, Start::Beginning, &mut events, false);
            }
            (Some(want), None) => {
                let start = if self.last_path.is_some() {
                    Start::Beginning
                } else {
                    self.start
                };
                let previous = self.last_path.clone().filter(|p| p != want);
                if let Some(from) = previous {
                    events.push(TailEvent::Switched {
                        from,
                        to: want.clone(),
                    });
                }
                self.open_file(want, start, &mut events, false);
            }
            (None, None) => {
                let why = self.why_waiting();
                if self.waiting.as_deref() != Some(why.as_str()) {
                    events.push(TailEvent::Waiting { why: why.clone() });
                    self.waiting = Some(why);
                }
                return events;
            }
            _ => {}
        }
        self.check_and_read(&mut events);
        events
    }

    /// The path that should be open now.
    fn wanted(&mut self, rescan: bool) -> Option<PathBuf> {
        match &self.follow {
            Follow::File(path) => path.is_file().then(|| path.clone()).or_else(|| {
                // Still open: let the check below report the deletion.
                self.open.as_ref().map(|o| o.path.clone())
            }),
            Follow::Newest { folder, kind } => {
                let due = rescan
                    || self.open.is_none()
                    || self.last_scan.is_none_or(|t| t.elapsed() >= SCAN_EVERY);
                if !due {
                    return self.open.as_ref().map(|o| o.path.clone());
                }
                self.last_scan = Some(Instant::now());
                newest(folder, kind)
                    .map(|f| f.path)
                    .or_else(|| self.open.as_ref().map(|o| o.path.clone()))
            }
        }
    }

    fn why_waiting(&self) -> String {
        match &self.follow {
            Follow::File(path) => format!("{} does not exist (yet)", path.display()),
            Follow::Newest { folder, kind } if folder.is_dir() => {
                let what = match kind {
                    LogKind::Stdout { prefix } => format!("{prefix}_*.log"),
                    LogKind::W3c => String::from("u_ex*.log"),
                };
                format!("no {what} in {} yet", folder.display())
            }
            Follow::Newest { folder, .. } => {
                format!("the folder {} does not exist", folder.display())
            }
        }
    }

    fn open_file(&mut self, path: &Path, start: Start, events: &mut Vec<TailEvent>, quiet: bool) {
        self.partial.clear();
        self.cut = 0;
        self.skip_partial = false;
        self.waiting = None;
        let opened = File::open(path).and_then(|mut file| {
            let meta = file.metadata()?;
            let len = meta.len();
            let pos = match start {
                Start::Beginning => 0,
                Start::Last(back) => len.saturating_sub(back),
            };
            if pos > 0 {
                file.seek(SeekFrom::Start(pos))?;
            }
            Ok((file, meta, pos))
        });
        match opened {
            Ok((file, meta, pos)) => {
                self.skip_partial = pos > 0;
                self.deleted = false;
                self.last_path = Some(path.to_path_buf());
                self.open = Some(Open {
                    path: path.to_path_buf(),
                    file,
                    id: file_id(&meta),
                    pos,
                    fresh: true,
                    modified: meta.modified().ok(),
                });
                if !quiet {
                    events.push(TailEvent::Opened {
                        path: path.to_path_buf(),
                        skipped: pos,
                    });
                }
            }
            Err(e) => {
                let why = format!("cannot read {}: {e}", path.display());
                if self.waiting.as_deref() != Some(why.as_str()) {
                    events.push(TailEvent::Error(why.clone()));
                    self.waiting = Some(why);
                }
            }
        }
    }

    /// Checks the open file's name (deleted, replaced, truncated), then reads.
    fn check_and_read(&mut self, events: &mut Vec<TailEvent>) {
        let Some(open) = self.open.as_ref() else {
            return;
        };
        let path = open.path.clone();
        match std::fs::metadata(&path) {
            Err(_) => {
                // Whatever was written before the deletion is still in the handle.
                self.read(events);
                self.flush_partial(events);
                self.open = None;
                if !self.deleted {
                    self.deleted = true;
                    events.push(TailEvent::Deleted { path });
                }
            }
            Ok(meta) if file_id(&meta) != open.id => {
                self.read(events);
                self.flush_partial(events);
                self.open = None;
                events.push(TailEvent::Replaced { path: path.clone() });
                self.open_file(&path, Start::Beginning, events, true);
                self.read(events);
            }
            Ok(meta) if meta.len() < open.pos => {
                self.partial.clear();
                self.cut = 0;
                if let Some(open) = self.open.as_mut() {
                    match open.file.seek(SeekFrom::Start(0)) {
                        Ok(_) => open.pos = 0,
                        Err(e) => events.push(TailEvent::Error(e.to_string())),
                    }
                }
                events.push(TailEvent::Truncated { path });
                self.read(events);
            }
            Ok(_) => self.read(events),
        }
    }

    /// Reads from the open file up to the budget, turning bytes into lines.
    fn read(&mut self, events: &mut Vec<TailEvent>) {
        let Some(mut open) = self.open.take() else {
            return;
        };
        let mut lines = Vec::new();
        let mut chunk = vec![0u8; 256 * 1024];
        let mut total = 0usize;
        loop {
            match open.file.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => {
                    open.pos += n as u64;
                    total += n;
                    self.feed(&chunk[..n], &mut lines);
                    if total >= READ_BUDGET {
                        self.more = true;
                        break;
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    events.push(TailEvent::Error(format!(
                        "cannot read {}: {e}",
                        open.path.display()
                    )));
                    break;
                }
            }
        }
        if !lines.is_empty() {
            let at = if open.fresh {
                open.modified.unwrap_or_else(SystemTime::now)
            } else {
                SystemTime::now()
            };
            events.push(TailEvent::Lines { lines, at });
        }
        if total > 0 {
            open.fresh = false;
        }
        self.open = Some(open);
        // A last line with no newline is shown once nothing more has come for a while.
        match (total, self.has_partial(), self.quiet_since) {
            (0, true, Some(since))
                if since.elapsed() >= PARTIAL_AFTER && self.untouched_for(PARTIAL_AFTER) =>
            {
                self.quiet_since = None;
                self.flush_partial(events);
            }
            (0, true, None) => self.quiet_since = Some(Instant::now()),
            (0, true, Some(_)) => {}
            _ => self.quiet_since = None,
        }
    }

    /// Whether the open file has not been written to for `quiet` (by its modification time),
    /// so a line without its newline is not cut while its writer is still at it.
    fn untouched_for(&self, quiet: Duration) -> bool {
        self.open
            .as_ref()
            .and_then(|o| o.file.metadata().ok())
            .and_then(|m| m.modified().ok())
            .and_then(|at| at.elapsed().ok())
            .is_some_and(|age| age >= quiet)
    }

    /// The line being written when reading stopped (no newline yet), taken out: a one-off
    /// read shows the file's last line as `tail` does.
    pub fn take_partial(&mut self) -> Option<TailLine> {
        self.has_partial().then(|| self.finish_line())
    }

    /// Whether a line has begun that its newline has not ended yet.
    fn has_partial(&self) -> bool {
        !self.partial.is_empty() || self.cut > 0
    }

    fn feed(&mut self, mut bytes: &[u8], lines: &mut Vec<TailLine>) {
        if self.skip_partial {
            match memchr::memchr(b'\n', bytes) {
                Some(i) => {
                    self.skip_partial = false;
                    bytes = &bytes[i + 1..];
                }
                None => return,
            }
        }
        while let Some(i) = memchr::memchr(b'\n', bytes) {
            self.take(&bytes[..i]);
            lines.push(self.finish_line());
            bytes = &bytes[i + 1..];
        }
        self.take(bytes);
    }

    fn take(&mut self, part: &[u8]) {
        let room = MAX_LINE.saturating_sub(self.partial.len());
        if part.len() <= room {
            self.partial.extend_from_slice(part);
        } else {
            self.partial.extend_from_slice(&part[..room]);
            self.cut += (part.len() - room) as u64;
        }
    }

    fn finish_line(&mut self) -> TailLine {
        if self.cut == 0 && self.partial.last() == Some(&b'\r') {
            self.partial.pop();
        }
        let mut cut = std::mem::take(&mut self.cut);
        if cut > 0 {
            // Cut on a character boundary.
            if let Err(e) = std::str::from_utf8(&self.partial) {
                if e.error_len().is_none() {
                    cut += (self.partial.len() - e.valid_up_to()) as u64;
                    self.partial.truncate(e.valid_up_to());
                }
            }
        }
        let text = String::from_utf8_lossy(&self.partial).into_owned();
        self.partial.clear();
        TailLine { text, cut }
    }

    /// A last line without its newline, when the file ends (switch, deletion).
    fn flush_partial(&mut self, events: &mut Vec<TailEvent>) {
        if !self.has_partial() {
            return;
        }
        let line = self.finish_line();
        events.push(TailEvent::Lines {
            lines: vec![line],
            at: SystemTime::now(),
        });
    }
}

#[cfg(test)]
mod tests;
