//! The machine's health in the TUI: the latest samples of the health subscriptions and their
//! history, which the strip on the top line and the Health view draw. Two streams feed it: the
//! host stream (CPU, memory, swap, load; always on, every 2 s by default) and the worker stream
//! (the drives of the sites' folders and the processes of each pool and application; only while
//! the Health view is open). The event loop starts the host stream ([`start_host`]); [`follow`]
//! starts and stops the worker stream and the background refresh of IIS's runtime state to match
//! what is on screen; `update` calls it after every message.

pub mod settings;
pub mod stream;
pub mod strip;

use std::collections::HashMap;
use std::path::PathBuf;

use crate::host::health::{HealthReport, History, HostSample, Owner, Point, Topology};

use super::app::{App, View};
use super::msg::Effect;
use super::subscription::{Event, Source, Topic};

pub use settings::{Band, HealthSettings, Threshold};

/// How many points the sparklines keep (5 minutes at the default 2 s).
pub const HISTORY: usize = crate::host::health::DEFAULT_HISTORY;

/// What the worker stream of a connection watches: its pools and application folders, and the
/// folders whose drives' free space the Health view shows. Computed off the event loop with the
/// configuration's check (it resolves paths on disk).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Watch {
    pub topology: Topology,
    pub folders: Vec<PathBuf>,
}

/// A worker sample and when it was taken (Unix seconds), for the processes' ages.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkerSample {
    pub report: HealthReport,
    pub at: u64,
}

/// The health state the strip and the Health view draw.
#[derive(Debug)]
pub struct HealthState {
    pub settings: HealthSettings,
    /// The latest sample of the machine.
    pub host: Option<HostSample>,
    /// The machine's CPU and memory over the last minutes.
    pub host_history: History<()>,
    /// The latest worker sample (only while the Health view is open).
    pub workers: Option<WorkerSample>,
    /// CPU and memory per pool and application, while the Health view was open.
    pub history: History<Owner>,
    /// What each connection's worker stream watches, from its last check.
    pub watches: HashMap<usize, Watch>,
    /// The first row of the Health view's process table.
    pub scroll: usize,
    live_workers: Option<(usize, Watch)>,
    live_states: Option<usize>,
}

impl Default for HealthState {
    fn default() -> Self {
        HealthState {
            settings: HealthSettings::default(),
            host: None,
            host_history: History::new(HISTORY),
            workers: None,
            history: History::new(HISTORY),
            watches: HashMap::new(),
            scroll: 0,
            live_workers: None,
            live_states: None,
        }
    }
}

impl HealthState {
    /// Files a host sample; whether the strip shows something new.
    pub fn record_host(&mut self, sample: HostSample) -> bool {
        let shown = |s: &HostSample| {
            (
                s.cpu_percent.round() as u32,
                s.memory.percent().round() as u32,
            )
        };
        let changed = self.host.as_ref().map(shown) != Some(shown(&sample));
        self.host_history.record([(
            (),
            Point {
                cpu_percent: sample.cpu_percent,
                memory_bytes: sample.memory.used_bytes,
            },
        )]);
        self.host = Some(sample);
        changed
    }

    /// Files a worker sample and adds each pool's and application's point to its history.
    pub fn record_workers(&mut self, sample: WorkerSample) {
        if let Some(map) = &sample.report.workers {
            self.history.record(map.usage.iter().map(|(owner, usage)| {
                (
                    owner.clone(),
                    Point {
                        cpu_percent: usage.cpu_percent,
                        memory_bytes: usage.memory_bytes,
                    },
                )
            }));
        }
        self.workers = Some(sample);
    }
}

/// The effect that starts the host stream (the strip's samples), once, when the TUI starts.
pub fn start_host(app: &mut App) -> Effect {
    let generation = app.subscriptions.start(Topic::Host);
    Effect::Subscribe {
        topic: Topic::Host,
        generation,
        source: Source::Host {
            every: app.health.settings.every(),
        },
    }
}

/// Starts and stops the worker stream and the runtime state refresh to match the screen: the
/// worker stream of the current connection while the Health view is
/// open (restarted when its pools or folders change); the state refresh while the Sites or
/// Pools list of a connection whose runtime state can be read is shown.
pub fn follow(app: &mut App) -> Vec<Effect> {
    let mut effects = Vec::new();
    let every = app.health.settings.every();
    let conn = app.current;
    let wanted = (app.view == View::Health).then(|| {
        let watch = app.health.watches.get(&conn).cloned().unwrap_or_default();
        (conn, watch)
    });
    if wanted != app.health.live_workers {
        match &wanted {
            Some((_, watch)) => {
                let generation = app.subscriptions.start(Topic::Workers);
                effects.push(Effect::Subscribe {
                    topic: Topic::Workers,
                    generation,
                    source: Source::Workers {
                        every,
                        topology: watch.topology.clone(),
                        folders: watch.folders.clone(),
                    },
                });
            }
            None => {
                app.subscriptions.stop(&Topic::Workers);
                effects.push(Effect::Unsubscribe {
                    topic: Topic::Workers,
                });
            }
        }
        if wanted.as_ref().map(|w| w.0) != app.health.live_workers.as_ref().map(|w| w.0) {
            app.health.workers = None;
        }
        app.health.live_workers = wanted;
    }
    let states = app
        .conn()
        .filter(|c| c.states.is_some() && matches!(app.view, View::Sites | View::Pools))
        .map(|c| (conn, c.is_machine()));
    if states.map(|s| s.0) != app.health.live_states {
        if let Some(old) = app.health.live_states.take() {
            let topic = Topic::RuntimeStates { conn: old };
            app.subscriptions.stop(&topic);
            effects.push(Effect::Unsubscribe { topic });
        }
        if let Some((conn, machine)) = states {
            let topic = Topic::RuntimeStates { conn };
            let generation = app.subscriptions.start(topic.clone());
            effects.push(Effect::Subscribe {
                topic,
                generation,
                source: Source::RuntimeStates {
                    machine,
                    every: app.health.settings.states_every(),
                },
            });
            app.health.live_states = Some(conn);
        }
    }
    effects
}

/// An item of a live health or runtime-state stream.
pub fn on_stream(app: &mut App, topic: Topic, event: Event) -> Vec<Effect> {
    match (topic, event) {
        (Topic::Host, Event::Host(sample)) => {
            let changed = app.health.record_host(*sample);
            app.redraw |= changed || app.view == View::Health;
        }
        (Topic::Workers, Event::Workers { report, at }) => {
            app.health.record_workers(WorkerSample {
                report: *report,
                at,
            });
            if app.view == View::Health {
                app.redraw = true;
            }
        }
        (Topic::RuntimeStates { conn }, Event::States(Ok(states))) => {
            let schema = &app.schema;
            if let Some(c) = app.conns.get_mut(conn) {
                if c.states.as_ref() != Some(&states) {
                    c.states = Some(states);
                    c.refresh_rows(schema);
                    app.redraw = true;
                    // A pool stopped elsewhere is a problem: check again.
                    return vec![Effect::Validate { conn }];
                }
            }
        }
        // A failed re-read keeps the last states; the next one may succeed.
        _ => {}
    }
    Vec::new()
}

/// Scrolls the Health view's process table.
pub fn scroll(app: &mut App, delta: isize) {
    app.health.scroll = app
        .health
        .scroll
        .saturating_add_signed(delta.clamp(-1_000_000, 1_000_000));
}
