//! .NET TimeSpan values as IIS writes them (`[-][d.]hh:mm:ss[.fffffff]`, or a bare number of
//! days, which TimeSpan.Parse also accepts), and the stricter spellings a user may type when
//! setting one: a clock with seconds (`00:20:00`, `1.02:03:04`) or units (`20m`, `1h30m`, `2d`).
//! A bare number is refused there: IIS reads `20` as 20 days while IIS Manager shows minutes.

use std::fmt;

/// A .NET TimeSpan, in 100 ns ticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TimeSpan {
    pub ticks: i64,
}

impl TimeSpan {
    pub const TICKS_PER_SECOND: i64 = 10_000_000;

    pub fn from_seconds(seconds: i128) -> TimeSpan {
        TimeSpan {
            ticks: (seconds * Self::TICKS_PER_SECOND as i128)
                .clamp(i64::MIN as i128, i64::MAX as i128) as i64,
        }
    }

    pub fn seconds(&self) -> i64 {
        self.ticks / Self::TICKS_PER_SECOND
    }

    /// Parses `[-][d.]hh:mm[:ss[.fffffff]]` or a bare number of days, as TimeSpan.Parse does.
    pub fn parse(text: &str) -> Option<TimeSpan> {
        let text = text.trim();
        let (negative, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let number = |s: &str| -> Option<i64> {
            (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let ticks = if !body.contains(':') {
            number(body)?.checked_mul(86_400 * Self::TICKS_PER_SECOND)?
        } else {
            let (days, clock) = match body.split_once(':') {
                Some((head, _)) if head.contains('.') => {
                    let (d, _) = head.split_once('.')?;
                    (number(d)?, &body[d.len() + 1..])
                }
                _ => (0, body),
            };
            let parts: Vec<&str> = clock.split(':').collect();
            if !(2..=3).contains(&parts.len()) {
                return None;
            }
            let hours = number(parts[0]).filter(|h| *h < 24)?;
            let minutes = number(parts[1]).filter(|m| *m < 60)?;
            let (seconds, fraction) = match parts.get(2) {
                Some(sec) => match sec.split_once('.') {
                    Some((s, f)) if !f.is_empty() && f.len() <= 7 => {
                        (number(s)?, number(f)? * 10i64.pow(7 - f.len() as u32))
                    }
                    Some(_) => return None,
                    None => (number(sec)?, 0),
                },
                None => (0, 0),
            };
            if seconds >= 60 {
                return None;
            }
            let total = ((days * 24 + hours) * 60 + minutes) * 60 + seconds;
            total
                .checked_mul(Self::TICKS_PER_SECOND)?
                .checked_add(fraction)?
        };
        Some(TimeSpan {
            ticks: if negative { -ticks } else { ticks },
        })
    }
}

impl TimeSpan {
    /// Parses a time span typed by a user: `[d.]hh:mm:ss[.fffffff]` (seconds required) or units
    /// `NdNhNmNs` (any of them, in that order: `20m`, `1h30m`, `2d`, `90s`). A bare number or
    /// `hh:mm` is refused as ambiguous, with the spellings that say what was meant.
    pub fn parse_input(text: &str) -> Result<TimeSpan, String> {
        let text = text.trim();
        if text.contains(':') {
            let colons = text.matches(':').count();
            if colons == 1 {
                return Err(format!(
                    "\"{text}\" is ambiguous (hours:minutes or minutes:seconds?); write it with seconds, hh:mm:ss, like {text}:00 or 00:{text}"
                ));
            }
            return match (colons, TimeSpan::parse(text)) {
                (2, Some(span)) => Ok(span),
                _ => Err(String::from(
                    "must be a time span like 00:20:00 (hh:mm:ss), 1.02:03:04 (d.hh:mm:ss) or 20m",
                )),
            };
        }
        if let Ok(number) = text.parse::<u32>() {
            let clock = TimeSpan::from_seconds(i128::from(number) * 60);
            let minutes = if number == 1 { "minute" } else { "minutes" };
            return Err(format!(
                "a bare number is ambiguous: IIS reads \"{text}\" as {text} days while IIS Manager shows minutes; write {number}m or {clock} for {number} {minutes}, or {number}d for days"
            ));
        }
        if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return Err(format!(
                "a bare number is ambiguous (IIS reads \"{text}\" as days); write it with a unit, like 90s, 1m30s or 1h30m, or as hh:mm:ss"
            ));
        }
        TimeSpan::parse_units(text).ok_or_else(|| {
            String::from(
                "must be a time span like 20m, 1h30m, 2d, 90s, or 00:20:00 (hh:mm:ss, d.hh:mm:ss for days)",
            )
        })
    }

    /// `1d2h3m4s` and any part of it (case-insensitive, spaces allowed between parts).
    fn parse_units(text: &str) -> Option<TimeSpan> {
        let mut rest = text.trim();
        let mut seconds: i128 = 0;
        let mut any = false;
        for (unit, size) in [('d', 86_400), ('h', 3_600), ('m', 60), ('s', 1)] {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            let after = rest[digits..].trim_start();
            if digits == 0 || !after.starts_with([unit, unit.to_ascii_uppercase()]) {
                continue;
            }
            let number: i128 = rest[..digits].parse().ok()?;
            seconds = seconds.checked_add(number.checked_mul(size)?)?;
            rest = after[1..].trim_start();
            any = true;
        }
        (any && rest.is_empty() && seconds <= (i64::MAX / Self::TICKS_PER_SECOND) as i128)
            .then(|| TimeSpan::from_seconds(seconds))
    }
}

impl fmt::Display for TimeSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.ticks < 0 { "-" } else { "" };
        let ticks = self.ticks.unsigned_abs();
        let per_second = Self::TICKS_PER_SECOND as u64;
        let total_seconds = ticks / per_second;
        let fraction = ticks % per_second;
        let (days, rest) = (total_seconds / 86_400, total_seconds % 86_400);
        let (h, m, s) = (rest / 3600, rest / 60 % 60, rest % 60);
        write!(f, "{sign}")?;
        if days > 0 {
            write!(f, "{days}.")?;
        }
        write!(f, "{h:02}:{m:02}:{s:02}")?;
        if fraction > 0 {
            write!(f, ".{fraction:07}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_spans_parse_like_dotnet() {
        let cases = [
            ("00:20:00", 1200 * TimeSpan::TICKS_PER_SECOND),
            (
                "1.05:00:00",
                (86_400 + 5 * 3600) * TimeSpan::TICKS_PER_SECOND,
            ),
            ("29:00:00", -1),
            ("00:00:00.5", TimeSpan::TICKS_PER_SECOND / 2),
            ("2", 2 * 86_400 * TimeSpan::TICKS_PER_SECOND),
            ("01:30", 5400 * TimeSpan::TICKS_PER_SECOND),
            ("x", -1),
            ("00:60:00", -1),
        ];
        for (text, ticks) in cases {
            assert_eq!(
                TimeSpan::parse(text).map(|t| t.ticks).unwrap_or(-1),
                ticks,
                "{text}"
            );
        }
        assert_eq!(
            TimeSpan::parse("1.05:00:00.25")
                .map(|t| t.to_string())
                .as_deref(),
            Some("1.05:00:00.2500000")
        );
    }

    #[test]
    fn user_input_must_say_its_unit() {
        let ok = [
            ("00:20:00", "00:20:00"),
            ("20m", "00:20:00"),
            ("1h30m", "01:30:00"),
            ("1H 30M", "01:30:00"),
            ("2d", "2.00:00:00"),
            ("90s", "00:01:30"),
            ("1d2h3m4s", "1.02:03:04"),
            ("1.02:03:04", "1.02:03:04"),
            (" 0:5:0 ", "00:05:00"),
            ("00:00:00.5", "00:00:00.5000000"),
        ];
        for (input, written) in ok {
            assert_eq!(
                TimeSpan::parse_input(input)
                    .map(|t| t.to_string())
                    .as_deref(),
                Ok(written),
                "{input}"
            );
        }
        let bare = TimeSpan::parse_input("20").expect_err("bare number");
        assert!(
            bare.contains("20m") && bare.contains("00:20:00") && bare.contains("20 days"),
            "{bare}"
        );
        let short = TimeSpan::parse_input("01:30").expect_err("hh:mm");
        assert!(
            short.contains("01:30:00") && short.contains("00:01:30"),
            "{short}"
        );
        for bad in [
            "",
            "m",
            "20x",
            "30m1h",
            "1h1h",
            "1.5h",
            "20 minutes",
            "00:61:00",
            "-5m",
            "inf",
            "1.5",
        ] {
            assert!(TimeSpan::parse_input(bad).is_err(), "{bad:?} accepted");
        }
    }
}
