//! IIS's W3C extended log format: `#Fields:` names the columns (a new header may come at any
//! point, as after a restart), data lines are space-separated with spaces in values written as
//! `+`. The summary counts requests by status class, the URLs that fail most and the
//! percentiles of time-taken, in bounded memory (a log-linear histogram, at most
//! [`MAX_URLS`] distinct URLs).

use std::collections::HashMap;

use super::matcher::Severity;

/// Distinct failing URLs counted; later ones count under "(other URLs)".
pub const MAX_URLS: usize = 10_000;

/// The columns of the current `#Fields:` header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct W3cFields {
    names: Vec<String>,
    status: Option<usize>,
    uri: Option<usize>,
    time_taken: Option<usize>,
    method: Option<usize>,
}

/// One parsed request line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct W3cLine {
    pub status: Option<u16>,
    pub uri: Option<String>,
    pub method: Option<String>,
    /// Milliseconds.
    pub time_taken: Option<u64>,
}

impl W3cFields {
    /// Reads a `#Fields:` directive; `None` for any other line.
    pub fn parse_header(line: &str) -> Option<W3cFields> {
        let rest = line.strip_prefix("#Fields:")?;
        let names: Vec<String> = rest.split_whitespace().map(str::to_owned).collect();
        let find = |wanted: &str| names.iter().position(|n| n.eq_ignore_ascii_case(wanted));
        Some(W3cFields {
            status: find("sc-status"),
            uri: find("cs-uri-stem"),
            time_taken: find("time-taken"),
            method: find("cs-method"),
            names,
        })
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Parses a data line (`None` for directives and blank lines).
    pub fn parse(&self, line: &str) -> Option<W3cLine> {
        if line.starts_with('#') || line.trim().is_empty() {
            return None;
        }
        let values: Vec<&str> = line.split(' ').collect();
        let get = |index: Option<usize>| {
            index
                .and_then(|i| values.get(i))
                .copied()
                .filter(|v| *v != "-")
        };
        Some(W3cLine {
            status: get(self.status).and_then(|v| v.parse().ok()),
            uri: get(self.uri).map(str::to_owned),
            method: get(self.method).map(str::to_owned),
            time_taken: get(self.time_taken).and_then(|v| v.parse().ok()),
        })
    }
}

impl W3cLine {
    /// 5xx reads as a failure, 4xx as a warning.
    pub fn severity(&self) -> Severity {
        match self.status {
            Some(500..=599) => Severity::Error,
            Some(400..=499) => Severity::Warning,
            _ => Severity::Normal,
        }
    }
}

/// A log-linear histogram of milliseconds: exact below 64, then 32 buckets per power of two
/// (about 3 % error).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Histogram {
    buckets: Vec<u64>,
    count: u64,
}

const LINEAR: u64 = 64;
const SUB: u64 = 32;

fn bucket_of(value: u64) -> usize {
    if value < LINEAR {
        return value as usize;
    }
    let power = 63 - u64::from(value.leading_zeros()); // ≥ 6
    let shift = power - 5; // keep 5 bits below the top one
    let mantissa = (value >> shift) - SUB; // 0..32
    (LINEAR + (power - 6) * SUB + mantissa) as usize
}

fn bucket_floor(bucket: usize) -> u64 {
    let bucket = bucket as u64;
    if bucket < LINEAR {
        return bucket;
    }
    let power = (bucket - LINEAR) / SUB + 6;
    let mantissa = (bucket - LINEAR) % SUB + SUB;
    mantissa << (power - 5)
}

impl Histogram {
    fn add(&mut self, value: u64) {
        let bucket = bucket_of(value);
        if self.buckets.len() <= bucket {
            self.buckets.resize(bucket + 1, 0);
        }
        self.buckets[bucket] += 1;
        self.count += 1;
    }

    /// The value at or below which `percent` of the values lie (a bucket's lower bound).
    fn percentile(&self, percent: f64) -> Option<u64> {
        if self.count == 0 {
            return None;
        }
        let rank = ((percent / 100.0) * self.count as f64).ceil().max(1.0) as u64;
        let mut seen = 0;
        for (bucket, n) in self.buckets.iter().enumerate() {
            seen += n;
            if seen >= rank {
                return Some(bucket_floor(bucket));
            }
        }
        None
    }
}

/// Counts over the request lines seen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct W3cSummary {
    pub fields: Option<W3cFields>,
    pub requests: u64,
    /// Requests by status class: 1xx (index 0) … 5xx (index 4).
    pub by_class: [u64; 5],
    failing: HashMap<String, u64>,
    other_failing: u64,
    time_taken: Histogram,
}

impl W3cSummary {
    /// Reads one line of the log (a directive or a request); returns the request's severity.
    pub fn add(&mut self, line: &str) -> Option<Severity> {
        if let Some(fields) = W3cFields::parse_header(line) {
            self.fields = Some(fields);
            return None;
        }
        let request = self.fields.as_ref()?.parse(line)?;
        self.requests += 1;
        // A status outside 100–599 is no HTTP answer IIS gives: counted nowhere.
        if let Some(status) = request.status.filter(|s| (100..600).contains(s)) {
            if let Some(slot) = (status / 100)
                .checked_sub(1)
                .and_then(|i| self.by_class.get_mut(usize::from(i)))
            {
                *slot += 1;
            }
            if status >= 400 {
                let uri = request.uri.clone().unwrap_or_else(|| String::from("-"));
                let room = self.failing.len() < MAX_URLS;
                match self.failing.get_mut(&uri) {
                    Some(n) => *n += 1,
                    None if room => {
                        self.failing.insert(uri, 1);
                    }
                    None => self.other_failing += 1,
                }
            }
        }
        if let Some(ms) = request.time_taken {
            self.time_taken.add(ms);
        }
        Some(request.severity())
    }

    /// The URLs with the most 4xx/5xx answers, most first (ties by name).
    pub fn top_failing(&self, n: usize) -> Vec<(String, u64)> {
        let mut all: Vec<(String, u64)> =
            self.failing.iter().map(|(u, c)| (u.clone(), *c)).collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        all.truncate(n);
        if self.other_failing > 0 && all.len() < n {
            all.push((String::from("(other URLs)"), self.other_failing));
        }
        all
    }

    /// Time-taken percentile in milliseconds (50, 90, 99…).
    pub fn percentile(&self, percent: f64) -> Option<u64> {
        self.time_taken.percentile(percent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = "#Software: Microsoft Internet Information Services 10.0
#Version: 1.0
#Date: 2026-11-24 08:15:02
#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken
2026-11-24 08:15:02 10.0.0.12 GET / - 443 - 203.0.113.7 Mozilla/5.0+(Windows) - 200 0 0 48
2026-11-24 08:15:03 10.0.0.12 GET /css/site.css - 443 - 203.0.113.7 Mozilla/5.0 - 304 0 0 3
2026-11-24 08:16:40 10.0.0.12 POST /api/cart - 443 - 198.51.100.23 Mozilla/5.0 - 500 0 0 2031
2026-11-24 08:16:41 10.0.0.12 POST /api/cart - 443 - 198.51.100.23 Mozilla/5.0 - 502 3 0 120000
2026-11-24 08:16:42 10.0.0.12 GET /missing - 443 - 198.51.100.23 Mozilla/5.0 - 404 0 2 1";

    #[test]
    fn counts_classes_failing_urls_and_percentiles() {
        let mut summary = W3cSummary::default();
        let severities: Vec<Option<Severity>> = LOG.lines().map(|l| summary.add(l)).collect();
        assert_eq!(severities[4], Some(Severity::Normal));
        assert_eq!(severities[6], Some(Severity::Error));
        assert_eq!(severities[8], Some(Severity::Warning));
        assert_eq!(summary.requests, 5);
        assert_eq!(summary.by_class, [0, 1, 1, 1, 2]);
        assert_eq!(
            summary.top_failing(5),
            [
                (String::from("/api/cart"), 2),
                (String::from("/missing"), 1)
            ]
        );
        assert_eq!(summary.percentile(50.0), Some(48));
        let p99 = summary.percentile(99.0).expect("p99");
        assert!((116_000..=120_000).contains(&p99), "{p99}");
    }

    #[test]
    fn a_status_iis_never_answers_is_counted_nowhere() {
        let mut summary = W3cSummary::default();
        for line in LOG.lines() {
            summary.add(line);
        }
        summary.add("2026-11-24 08:17:00 10.0.0.12 GET /odd - 443 - 1.2.3.4 x - 5000 0 0 1");
        assert_eq!(summary.requests, 6, "a request still");
        assert_eq!(summary.by_class, [0, 1, 1, 1, 2]);
        assert!(!summary.top_failing(5).iter().any(|(url, _)| url == "/odd"));
    }

    #[test]
    fn lines_before_a_header_are_not_requests() {
        let mut summary = W3cSummary::default();
        assert_eq!(summary.add("2026-11-24 08:15:02 GET / 200"), None);
        assert_eq!(summary.requests, 0);
    }

    #[test]
    fn histogram_buckets_are_monotonic_and_close() {
        let mut last = 0;
        for value in [0, 1, 63, 64, 65, 100, 1000, 65_535, 1 << 40] {
            let bucket = bucket_of(value);
            assert!(bucket >= last);
            last = bucket;
            let floor = bucket_floor(bucket);
            assert!(floor <= value && value - floor <= value / 32 + 1, "{value}");
        }
    }
}
