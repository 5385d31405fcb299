//! Waking a follower when its folders change: notify's watcher (inotify, ReadDirectoryChangesW,
//! kqueue) where the platform has one, else nothing, and the follower polls. A burst of changes
//! (an app writing 100,000 lines a second) is one wake-up: the flag is set, not queued.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

/// How long a follower sleeps without a wake-up: long when notify watches, short when it polls.
pub const POLL_WITH_WATCH: Duration = Duration::from_millis(1000);
pub const POLL_WITHOUT_WATCH: Duration = Duration::from_millis(200);

/// A flag a watcher sets and a follower waits on.
#[derive(Debug, Clone, Default)]
pub struct Wakeup {
    inner: Arc<(Mutex<bool>, Condvar)>,
    rescan: Arc<AtomicBool>,
}

impl Wakeup {
    /// Something changed; `rescan` when files were created, removed or renamed.
    pub fn wake(&self, rescan: bool) {
        if rescan {
            self.rescan.store(true, Ordering::Release);
        }
        let (lock, signal) = &*self.inner;
        if let Ok(mut pending) = lock.lock() {
            *pending = true;
            signal.notify_one();
        }
    }

    /// Waits for a wake-up or the timeout; returns whether the folders need a rescan.
    pub fn wait(&self, timeout: Duration) -> bool {
        let (lock, signal) = &*self.inner;
        if let Ok(pending) = lock.lock() {
            if let Ok((mut pending, _)) = signal.wait_timeout_while(pending, timeout, |p| !*p) {
                *pending = false;
            }
        }
        self.rescan.swap(false, Ordering::AcqRel)
    }
}

/// A running watch of some folders; dropping it stops it.
pub struct Watch {
    _watcher: notify::RecommendedWatcher,
    /// Folders that could not be watched (missing): the follower polls for them.
    pub unwatched: Vec<PathBuf>,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watch")
            .field("unwatched", &self.unwatched)
            .finish()
    }
}

impl Watch {
    /// Watches `folders` (not their subfolders), waking `wakeup` on every change; `Err` when
    /// this platform has no watcher (the follower then polls).
    pub fn start(folders: &[PathBuf], wakeup: Wakeup) -> Result<Watch, String> {
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let rescan = match event {
                    Ok(event) => !matches!(
                        event.kind,
                        EventKind::Modify(notify::event::ModifyKind::Data(_))
                            | EventKind::Access(_)
                    ),
                    Err(_) => true,
                };
                wakeup.wake(rescan);
            })
            .map_err(|e| e.to_string())?;
        let mut unwatched = Vec::new();
        for folder in folders {
            if watcher.watch(folder, RecursiveMode::NonRecursive).is_err() {
                unwatched.push(folder.clone());
            }
        }
        Ok(Watch {
            _watcher: watcher,
            unwatched,
        })
    }

    /// How long to sleep between polls with this watch.
    pub fn poll_interval(&self) -> Duration {
        if self.unwatched.is_empty() {
            POLL_WITH_WATCH
        } else {
            POLL_WITHOUT_WATCH
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn a_write_in_a_watched_folder_wakes_the_follower() {
        let dir = tempfile::tempdir().expect("tempdir");
        let wakeup = Wakeup::default();
        let Ok(_watch) = Watch::start(&[dir.path().to_path_buf()], wakeup.clone()) else {
            eprintln!("notice: no file watcher on this platform; polling is tested elsewhere");
            return;
        };
        let writer = {
            let path = dir.path().join("stdout_20261124090011_1.log");
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(100));
                std::fs::write(path, "hello\n").expect("write");
            })
        };
        let started = Instant::now();
        let rescan = wakeup.wait(Duration::from_secs(10));
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "woken, not timed out"
        );
        assert!(rescan, "a new file asks for a rescan");
        writer.join().expect("writer");
    }

    #[test]
    fn a_wake_before_the_wait_is_not_lost() {
        let wakeup = Wakeup::default();
        wakeup.wake(false);
        let started = Instant::now();
        assert!(!wakeup.wait(Duration::from_secs(5)));
        assert!(started.elapsed() < Duration::from_secs(1));
    }
}
