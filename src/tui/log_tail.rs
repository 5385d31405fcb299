//! The log view's subscription: a [`Follower`] over the view's logs on tokio's blocking pool,
//! each round's events sent as one message. The file is the buffer: while the view has not
//! taken in what was sent (the [`Backlog`]), nothing more is read, so a flood of lines never
//! piles up in memory and keys are answered between batches.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;

use crate::host::logs::{Follow, Follower, Start, TailEvent};

use super::msg::Msg;
use super::subscription::{Event, Topic};

/// Lines sent and not yet taken in by the view.
#[derive(Debug, Clone, Default)]
pub struct Backlog(Arc<AtomicUsize>);

/// At most this many lines are in flight between the tail and the view.
pub const BACKLOG_LIMIT: usize = 50_000;

impl Backlog {
    pub fn add(&self, lines: usize) {
        self.0.fetch_add(lines, Ordering::AcqRel);
    }

    /// The view took in `lines`.
    pub fn taken(&self, lines: usize) {
        let _ = self
            .0
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                Some(n.saturating_sub(lines))
            });
    }

    pub fn lines(&self) -> usize {
        self.0.load(Ordering::Acquire)
    }
}

impl PartialEq for Backlog {
    fn eq(&self, other: &Backlog) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Backlog {}

/// What the view follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogFeed {
    pub follows: Vec<Follow>,
    pub start: Start,
    pub backlog: Backlog,
}

/// Lines in a batch of events.
pub fn line_count(events: &[(usize, TailEvent)]) -> usize {
    events
        .iter()
        .map(|(_, e)| match e {
            TailEvent::Lines { lines, .. } => lines.len(),
            _ => 0,
        })
        .sum()
}

/// The stream: poll, send, wait for a change (or the poll interval), until aborted.
pub async fn run(topic: Topic, generation: u64, feed: LogFeed, tx: UnboundedSender<Msg>) {
    let LogFeed {
        follows,
        start,
        backlog,
    } = feed;
    let mut follower = Some(Follower::new(follows, start));
    let mut first = true;
    loop {
        if backlog.lines() >= BACKLOG_LIMIT {
            tokio::time::sleep(Duration::from_millis(2)).await;
            continue;
        }
        let Some(mut taken) = follower.take() else {
            return;
        };
        let wait = !first;
        first = false;
        let round = tokio::task::spawn_blocking(move || {
            if wait {
                taken.wait();
            }
            let events = taken.poll();
            (taken, events)
        })
        .await;
        let Ok((back, events)) = round else {
            return;
        };
        follower = Some(back);
        if events.is_empty() {
            continue;
        }
        backlog.add(line_count(&events));
        let msg = Msg::Stream {
            topic: topic.clone(),
            generation,
            event: Event::Log(events),
        };
        if tx.send(msg).is_err() {
            return;
        }
    }
}
