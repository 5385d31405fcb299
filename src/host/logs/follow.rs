//! Following several logs at once, for the CLI's `--follow` and the TUI's tail alike: one
//! [`Tailer`] per log, one watch over their folders, and a wait that ends at the first change
//! (or after a short poll interval where nothing watches).

use std::path::PathBuf;
use std::time::Duration;

use super::tail::{Follow, Start, TailEvent, Tailer};
use super::watch::{POLL_WITHOUT_WATCH, Wakeup, Watch};

/// Several tails and what wakes them.
#[derive(Debug)]
pub struct Follower {
    tails: Vec<Tailer>,
    wakeup: Wakeup,
    watch: Option<Watch>,
    rescan: bool,
}

impl Follower {
    /// Starts following; the watch covers the folders that exist now.
    pub fn new(follows: Vec<Follow>, start: Start) -> Follower {
        Follower::from_tailers(follows.into_iter().map(|f| Tailer::new(f, start)).collect())
    }

    /// Follows tails that may have been read up to now (the CLI printed their last lines).
    pub fn from_tailers(tails: Vec<Tailer>) -> Follower {
        let wakeup = Wakeup::default();
        let mut folders: Vec<PathBuf> = tails
            .iter()
            .filter_map(|t| t.follow().folder().map(|p| p.to_path_buf()))
            .collect();
        folders.sort();
        folders.dedup();
        let watch = Watch::start(&folders, wakeup.clone()).ok();
        Follower {
            tails,
            wakeup,
            watch,
            rescan: true,
        }
    }

    /// Whether notify watches every folder (else the follower polls).
    pub fn watching(&self) -> bool {
        self.watch.as_ref().is_some_and(|w| w.unwatched.is_empty())
    }

    /// How long [`Follower::wait`] sleeps at most.
    pub fn interval(&self) -> Duration {
        self.watch
            .as_ref()
            .map_or(POLL_WITHOUT_WATCH, Watch::poll_interval)
    }

    /// Reads what is new in every log: `(log index, event)`.
    pub fn poll(&mut self) -> Vec<(usize, TailEvent)> {
        let rescan = std::mem::take(&mut self.rescan);
        let mut out = Vec::new();
        for (index, tail) in self.tails.iter_mut().enumerate() {
            out.extend(tail.poll(rescan).into_iter().map(|e| (index, e)));
        }
        out
    }

    /// Whether a log stopped at its read budget with more to read (poll again at once).
    pub fn has_more(&self) -> bool {
        self.tails.iter().any(|t| t.more)
    }

    /// Sleeps until a folder changes or the poll interval ends (at once when a log has more).
    pub fn wait(&mut self) {
        if self.has_more() {
            return;
        }
        let interval = self.interval();
        if self.wakeup.wait(interval) {
            self.rescan = true;
        }
    }

    /// Waits at most `limit` (for a caller that must also look elsewhere).
    pub fn wait_at_most(&mut self, limit: Duration) {
        if self.has_more() {
            return;
        }
        if self.wakeup.wait(limit.min(self.interval())) {
            self.rescan = true;
        }
    }

    /// The file each log reads now.
    pub fn paths(&self) -> Vec<Option<PathBuf>> {
        self.tails
            .iter()
            .map(|t| t.path().map(|p| p.to_path_buf()))
            .collect()
    }
}
