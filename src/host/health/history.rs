//! Bounded history of samples per pool or application (or any key), for sparklines: the last
//! `capacity` points, oldest first. An owner with no process in a sample gets a zero point; a
//! series that has been all zeros for its whole length is dropped, so pools that disappeared
//! from the configuration do not accumulate.

use std::collections::{BTreeMap, VecDeque};

/// One point of a series.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Point {
    pub cpu_percent: f32,
    pub memory_bytes: u64,
}

impl Point {
    fn is_zero(&self) -> bool {
        self.cpu_percent == 0.0 && self.memory_bytes == 0
    }
}

/// The last `capacity` points of each key.
#[derive(Debug, Clone)]
pub struct History<K: Ord + Clone> {
    capacity: usize,
    series: BTreeMap<K, VecDeque<Point>>,
}

impl<K: Ord + Clone> History<K> {
    /// A history keeping `capacity` points per key (at least one).
    pub fn new(capacity: usize) -> Self {
        History {
            capacity: capacity.max(1),
            series: BTreeMap::new(),
        }
    }

    /// How many points each series keeps.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Adds one sample: a point for every key given, a zero point for every known key not given.
    pub fn record(&mut self, sample: impl IntoIterator<Item = (K, Point)>) {
        let mut given: BTreeMap<K, Point> = sample.into_iter().collect();
        for (key, points) in self.series.iter_mut() {
            let point = given.remove(key).unwrap_or_default();
            push_bounded(points, point, self.capacity);
        }
        for (key, point) in given {
            let mut points = VecDeque::with_capacity(self.capacity);
            push_bounded(&mut points, point, self.capacity);
            self.series.insert(key, points);
        }
        let capacity = self.capacity;
        self.series
            .retain(|_, points| points.len() < capacity || points.iter().any(|p| !p.is_zero()));
    }

    /// A key's points, oldest first.
    pub fn points(&self, key: &K) -> Option<&VecDeque<Point>> {
        self.series.get(key)
    }

    /// A key's CPU series in tenths of a percent (what a sparkline takes), oldest first.
    pub fn cpu_permille(&self, key: &K) -> Vec<u64> {
        self.points(key)
            .map(|p| {
                p.iter()
                    .map(|p| (p.cpu_percent * 10.0).round().max(0.0) as u64)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A key's memory series in bytes, oldest first.
    pub fn memory_bytes(&self, key: &K) -> Vec<u64> {
        self.points(key)
            .map(|p| p.iter().map(|p| p.memory_bytes).collect())
            .unwrap_or_default()
    }

    /// The keys with a series.
    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.series.keys()
    }
}

fn push_bounded(points: &mut VecDeque<Point>, point: Point, capacity: usize) {
    if points.len() == capacity {
        points.pop_front();
    }
    points.push_back(point);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(cpu: f32, memory: u64) -> Point {
        Point {
            cpu_percent: cpu,
            memory_bytes: memory,
        }
    }

    #[test]
    fn keeps_the_last_points_per_key_and_forgets_idle_keys() {
        let mut history: History<&str> = History::new(3);
        history.record([("a", p(1.0, 10)), ("b", p(2.0, 20))]);
        history.record([("a", p(3.0, 30))]);
        history.record([("a", p(4.0, 40))]);
        assert_eq!(history.memory_bytes(&"b"), [20, 0, 0]);
        history.record([("a", p(5.5, 50))]);
        assert_eq!(history.cpu_permille(&"a"), [30, 40, 55]);
        assert_eq!(history.points(&"b"), None);
        assert_eq!(history.keys().count(), 1);
        assert!(history.cpu_permille(&"zzz").is_empty());
        assert_eq!(History::<u8>::new(0).capacity(), 1);
    }
}
