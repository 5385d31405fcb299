//! Subscriptions: cancellable background streams tied to what is on screen (the watch of each
//! open configuration file, the health sampler and IIS's runtime state (tasks in
//! `tui::health::stream`); log tails plug in the same way). Each
//! start gets a new generation number; results carry it and `update` drops those of a stream
//! that was stopped or restarted since, so a stale sample never lands in a new view.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use tokio::sync::mpsc::UnboundedSender;
use tokio::task::AbortHandle;

use crate::model::store::file_hash;

use super::health::stream;
use super::msg::Msg;

/// What a stream is about; one stream per topic at a time.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Topic {
    /// The configuration file of a connection.
    ConfigFile { conn: usize },
    /// The logs the log view follows.
    Logs,
    /// The machine's CPU, memory, swap and load (the health strip).
    Host,
    /// The drives and worker processes of the current connection (the Health view).
    Workers,
    /// IIS's runtime state of a connection's sites and pools.
    RuntimeStates { conn: usize },
}

/// What a stream reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Polls a file's size and modification time; when they change, hashes its content.
    File {
        path: PathBuf,
        max_size: u64,
        every: Duration,
    },
    /// Follows logs (`super::log_tail`).
    Logs(super::log_tail::LogFeed),
    /// Samples the machine every `every`.
    Host { every: Duration },
    /// Samples the drives of `folders` and maps the processes to `topology`'s pools and
    /// applications every `every`.
    Workers {
        every: Duration,
        topology: crate::host::health::Topology,
        folders: Vec<PathBuf>,
    },
    /// Reads IIS's runtime state every `every` (`machine`: the machine's own IIS).
    RuntimeStates { machine: bool, every: Duration },
}

/// One item of a stream.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The file's content hash, sent when its size or time changed (and once at the start).
    FileHash(u64),
    /// The file could not be read (deleted, replaced by something that is not a file).
    FileUnreadable(String),
    /// What the logs' tails read: `(source index, event)`.
    Log(Vec<(usize, crate::host::logs::TailEvent)>),
    /// A sample of the machine.
    Host(Box<crate::host::health::HostSample>),
    /// A sample of the drives and worker processes, taken at `at` (Unix seconds).
    Workers {
        report: Box<crate::host::health::HealthReport>,
        at: u64,
    },
    /// IIS's runtime state, or why it could not be read.
    States(Result<crate::host::runtime::RuntimeStates, String>),
}

/// The generations `update` accepts, one per live topic.
#[derive(Debug, Default)]
pub struct Subscriptions {
    live: HashMap<Topic, u64>,
    next: u64,
}

impl Subscriptions {
    /// A new generation for `topic` (results of earlier ones are dropped from now on).
    pub fn start(&mut self, topic: Topic) -> u64 {
        self.next += 1;
        self.live.insert(topic, self.next);
        self.next
    }

    pub fn stop(&mut self, topic: &Topic) {
        self.live.remove(topic);
    }

    /// Whether a result belongs to the live stream of its topic.
    pub fn accepts(&self, topic: &Topic, generation: u64) -> bool {
        self.live.get(topic) == Some(&generation)
    }
}

/// The runtime's side: the running tasks, to abort when a topic stops or restarts.
#[derive(Debug, Clone, Default)]
pub struct Tasks {
    running: Arc<Mutex<HashMap<Topic, AbortHandle>>>,
}

impl Tasks {
    /// Starts `source` as the stream of `topic`, replacing any running one.
    pub fn start(&self, topic: Topic, generation: u64, source: Source, tx: UnboundedSender<Msg>) {
        let Ok(handle) = tokio::runtime::Handle::try_current() else {
            // No runtime (headless tests): streams do not run.
            return;
        };
        let task = match source {
            Source::File {
                path,
                max_size,
                every,
            } => handle.spawn(watch_file(
                topic.clone(),
                generation,
                path,
                max_size,
                every,
                tx,
            )),
            Source::Logs(feed) => {
                handle.spawn(super::log_tail::run(topic.clone(), generation, feed, tx))
            }
            Source::Host { every } => {
                handle.spawn(stream::host(topic.clone(), generation, every, tx))
            }
            Source::Workers {
                every,
                topology,
                folders,
            } => handle.spawn(stream::workers(
                topic.clone(),
                generation,
                every,
                topology,
                folders,
                tx,
            )),
            Source::RuntimeStates { machine, every } => handle.spawn(stream::runtime_states(
                topic.clone(),
                generation,
                machine,
                every,
                tx,
            )),
        };
        if let Ok(mut running) = self.running.lock() {
            if let Some(old) = running.insert(topic, task.abort_handle()) {
                old.abort();
            }
        }
    }

    pub fn stop(&self, topic: &Topic) {
        if let Ok(mut running) = self.running.lock() {
            if let Some(task) = running.remove(topic) {
                task.abort();
            }
        }
    }
}

/// The size and modification time of a file, when it has them.
fn stamp(path: &PathBuf) -> Option<(u64, SystemTime)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

async fn watch_file(
    topic: Topic,
    generation: u64,
    path: PathBuf,
    max_size: u64,
    every: Duration,
    tx: UnboundedSender<Msg>,
) {
    let mut last = None;
    let mut interval = tokio::time::interval(every);
    loop {
        interval.tick().await;
        let path_now = path.clone();
        let now = tokio::task::spawn_blocking(move || stamp(&path_now))
            .await
            .ok()
            .flatten();
        if now.is_some() && now == last {
            continue;
        }
        last = now;
        let path_now = path.clone();
        let event = tokio::task::spawn_blocking(move || match file_hash(&path_now, max_size) {
            Ok(hash) => Event::FileHash(hash),
            Err(err) => Event::FileUnreadable(err.to_string()),
        })
        .await
        .unwrap_or_else(|e| Event::FileUnreadable(e.to_string()));
        let msg = Msg::Stream {
            topic: topic.clone(),
            generation,
            event,
        };
        if tx.send(msg).is_err() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_live_generation_of_a_topic_is_accepted() {
        let mut subs = Subscriptions::default();
        let topic = Topic::ConfigFile { conn: 0 };
        let first = subs.start(topic.clone());
        assert!(subs.accepts(&topic, first));
        let second = subs.start(topic.clone());
        assert!(
            !subs.accepts(&topic, first),
            "a restart drops the old stream's results"
        );
        assert!(subs.accepts(&topic, second));
        subs.stop(&topic);
        assert!(
            !subs.accepts(&topic, second),
            "a stopped stream's late results are dropped"
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_file_watch_reports_a_change_and_stops_when_aborted() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("applicationHost.config");
        std::fs::write(&path, "<configuration />").expect("write");
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let tasks = Tasks::default();
        let topic = Topic::ConfigFile { conn: 0 };
        let source = Source::File {
            path: path.clone(),
            max_size: 1 << 20,
            every: Duration::from_millis(20),
        };
        tasks.start(topic.clone(), 7, source, tx);
        let first = rx.recv().await.expect("first hash");
        std::fs::write(&path, "<configuration><x /></configuration>").expect("write");
        let second = tokio::time::timeout(Duration::from_secs(5), rx.recv())
            .await
            .expect("a change is seen")
            .expect("second hash");
        match (first, second) {
            (
                Msg::Stream {
                    event: Event::FileHash(a),
                    generation: 7,
                    ..
                },
                Msg::Stream {
                    event: Event::FileHash(b),
                    generation: 7,
                    ..
                },
            ) => assert_ne!(a, b),
            other => panic!("{other:?}"),
        }
        tasks.stop(&topic);
        std::fs::write(&path, "<configuration><y /></configuration>").expect("write");
        let late = tokio::time::timeout(Duration::from_millis(300), rx.recv()).await;
        assert!(
            !matches!(late, Ok(Some(_))),
            "a stopped stream sends nothing more"
        );
    }
}
