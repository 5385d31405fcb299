//! The tasks behind the health topics: the host stream (one long-lived sampler, CPU, memory,
//! swap, load), the worker stream (a [`HealthMonitor`] over a connection's pools and folders),
//! and the runtime state refresh (IIS's own report through the runtime back end). Sampling
//! reads `/proc` or the Windows process table, so each tick runs on the blocking pool with the
//! sampler moved in and back out; the first result comes half a second after the start (CPU use
//! needs two readings), the rest every interval.

use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::sync::mpsc::UnboundedSender;
use tokio::time::{Instant, MissedTickBehavior};

use crate::host::health::{HealthMonitor, Sampler, Topology};
use crate::host::runtime;

use super::super::msg::Msg;
use super::super::subscription::{Event, Topic};

/// From the priming reading to the first result.
const FIRST: Duration = Duration::from_millis(500);

/// An interval whose first tick is `first` from now, then every `every`, delayed (not
/// bunched) after a stall.
fn ticks(first: Duration, every: Duration) -> tokio::time::Interval {
    let mut interval = tokio::time::interval_at(Instant::now() + first, every);
    interval.set_missed_tick_behavior(MissedTickBehavior::Delay);
    interval
}

/// Sends an event of a stream; `false` when the event loop is gone.
fn send(tx: &UnboundedSender<Msg>, topic: &Topic, generation: u64, event: Event) -> bool {
    tx.send(Msg::Stream {
        topic: topic.clone(),
        generation,
        event,
    })
    .is_ok()
}

/// The host stream: CPU, memory, swap, uptime and load for the strip.
pub async fn host(topic: Topic, generation: u64, every: Duration, tx: UnboundedSender<Msg>) {
    let Ok(mut sampler) = tokio::task::spawn_blocking(|| Sampler::new(Vec::new())).await else {
        return;
    };
    let mut interval = ticks(FIRST, every);
    loop {
        interval.tick().await;
        let Ok((back, sample)) = tokio::task::spawn_blocking(move || {
            let sample = sampler.sample_host();
            (sampler, sample)
        })
        .await
        else {
            return;
        };
        sampler = back;
        if !send(&tx, &topic, generation, Event::Host(Box::new(sample))) {
            return;
        }
    }
}

/// The worker stream: the drives of `folders` and the processes of each pool and application.
pub async fn workers(
    topic: Topic,
    generation: u64,
    every: Duration,
    topology: Topology,
    folders: Vec<PathBuf>,
    tx: UnboundedSender<Msg>,
) {
    let Ok(mut monitor) = tokio::task::spawn_blocking(move || {
        let mut monitor = HealthMonitor::new(topology, folders, 1);
        // The baseline the processes' CPU use is measured against.
        monitor.tick(true);
        monitor
    })
    .await
    else {
        return;
    };
    let mut interval = ticks(FIRST, every);
    loop {
        interval.tick().await;
        let Ok((back, report)) = tokio::task::spawn_blocking(move || {
            let report = monitor.tick(true);
            (monitor, report)
        })
        .await
        else {
            return;
        };
        monitor = back;
        let at = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let event = Event::Workers {
            report: Box::new(report),
            at,
        };
        if !send(&tx, &topic, generation, event) {
            return;
        }
    }
}

/// The runtime state refresh: IIS's states of sites and pools, every `every` (the first after
/// one interval: the states were just read when the stream starts).
pub async fn runtime_states(
    topic: Topic,
    generation: u64,
    machine: bool,
    every: Duration,
    tx: UnboundedSender<Msg>,
) {
    let mut interval = ticks(every, every);
    loop {
        interval.tick().await;
        let Ok(result) =
            tokio::task::spawn_blocking(move || runtime::for_connection(machine).states()).await
        else {
            return;
        };
        if !send(&tx, &topic, generation, Event::States(result)) {
            return;
        }
    }
}
