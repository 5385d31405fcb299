//! Typed attribute values: parsing a written value by its schema type (bool, enum, flags, int,
//! uint, int64, timeSpan, string, `Infinite`), running its validator, and producing the canonical
//! spelling IIS writes (for values this tool sets).

use super::time_span::TimeSpan;
use super::types::{AttrType, AttributeSchema, TimeSpanFormat};

/// A value read according to its schema type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypedValue {
    Bool(bool),
    Enum(String, u64),
    Flags(Vec<String>, u64),
    Integer(i128),
    TimeSpan(TimeSpan),
    Infinite,
    String(String),
}

impl AttributeSchema {
    /// Parses and validates a value as IIS would read it. Errors say what is allowed.
    pub fn parse_value(&self, raw: &str) -> Result<TypedValue, String> {
        if self.allow_infinite && raw.trim().eq_ignore_ascii_case("infinite") {
            return Ok(TypedValue::Infinite);
        }
        let value = match self.ty {
            AttrType::Bool => match raw.trim() {
                v if v.eq_ignore_ascii_case("true") => TypedValue::Bool(true),
                v if v.eq_ignore_ascii_case("false") => TypedValue::Bool(false),
                _ => return Err(String::from("must be true or false")),
            },
            AttrType::Enum => self.parse_enum(raw)?,
            AttrType::Flags => self.parse_flags(raw)?,
            AttrType::Int | AttrType::Uint | AttrType::Int64 => {
                let (min, max, label) = match self.ty {
                    AttrType::Int => (i32::MIN as i128, i32::MAX as i128, "a whole number"),
                    AttrType::Uint => (0, u32::MAX as i128, "a whole number from 0 to 4294967295"),
                    _ => (i64::MIN as i128, i64::MAX as i128, "a whole number"),
                };
                let number = raw
                    .trim()
                    .parse::<i128>()
                    .ok()
                    .filter(|n| (min..=max).contains(n));
                let Some(number) = number else {
                    return Err(format!(
                        "must be {label}{}",
                        if self.allow_infinite {
                            " or Infinite"
                        } else {
                            ""
                        }
                    ));
                };
                if let Some(validator) = &self.validator {
                    validator.check_integer(number)?;
                }
                TypedValue::Integer(number)
            }
            AttrType::TimeSpan => {
                let span = match self.time_span_format {
                    TimeSpanFormat::String => TimeSpan::parse(raw),
                    TimeSpanFormat::Seconds => raw
                        .trim()
                        .parse::<i64>()
                        .ok()
                        .map(|s| TimeSpan::from_seconds(s as i128)),
                    TimeSpanFormat::Minutes => raw
                        .trim()
                        .parse::<i64>()
                        .ok()
                        .map(|m| TimeSpan::from_seconds(m as i128 * 60)),
                };
                let Some(span) = span else {
                    let shape = match self.time_span_format {
                        TimeSpanFormat::String => "a time span like hh:mm:ss or d.hh:mm:ss",
                        TimeSpanFormat::Seconds => "a whole number of seconds",
                        TimeSpanFormat::Minutes => "a whole number of minutes",
                    };
                    return Err(format!(
                        "must be {shape}{}",
                        if self.allow_infinite {
                            " or Infinite"
                        } else {
                            ""
                        }
                    ));
                };
                if let Some(validator) = &self.validator {
                    validator.check_time_span(span)?;
                }
                TypedValue::TimeSpan(span)
            }
            AttrType::String => {
                if let Some(validator) = &self.validator {
                    validator.check_str(raw)?;
                }
                TypedValue::String(raw.to_owned())
            }
        };
        Ok(value)
    }

    fn choice_names(&self) -> String {
        self.choices
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn parse_enum(&self, raw: &str) -> Result<TypedValue, String> {
        let raw = raw.trim();
        let found = self
            .choices
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(raw))
            .or_else(|| {
                raw.parse::<u64>()
                    .ok()
                    .and_then(|n| self.choices.iter().find(|(_, v)| *v == n))
            });
        match found {
            Some((name, value)) => Ok(TypedValue::Enum(name.clone(), *value)),
            None => Err(format!("must be one of: {}", self.choice_names())),
        }
    }

    fn parse_flags(&self, raw: &str) -> Result<TypedValue, String> {
        let all = self.choices.iter().fold(0u64, |acc, (_, v)| acc | v);
        if let Ok(number) = raw.trim().parse::<u64>() {
            if number & !all != 0 {
                return Err(format!(
                    "{number} sets bits that are not flags of this attribute"
                ));
            }
            let names = self
                .choices
                .iter()
                .filter(|(_, v)| *v != 0 && number & v == *v)
                .map(|(n, _)| n.clone())
                .collect();
            return Ok(TypedValue::Flags(names, number));
        }
        let mut names = Vec::new();
        let mut value = 0;
        for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match self
                .choices
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(part))
            {
                Some((name, v)) => {
                    names.push(name.clone());
                    value |= v;
                }
                None => {
                    return Err(format!(
                        "'{part}' is not a flag; flags are: {}",
                        self.choice_names()
                    ));
                }
            }
        }
        Ok(TypedValue::Flags(names, value))
    }

    /// The spelling to write for a value this tool sets: canonical names for bool, enum and
    /// flags; whole numbers in decimal without sign or leading zeros; time spans only in a spelling that says its unit (see [`TimeSpan::parse_input`]),
    /// written as IIS writes them (`20m` → `00:20:00`); other values as given (after validation).
    pub fn canonical(&self, raw: &str) -> Result<String, String> {
        if self.ty == AttrType::TimeSpan && !self.is_infinite(raw) {
            let written = self.time_span_input(raw)?;
            self.parse_value(&written)?;
            return Ok(written);
        }
        Ok(match self.parse_value(raw)? {
            TypedValue::Bool(b) => b.to_string(),
            TypedValue::Enum(name, _) => name,
            TypedValue::Flags(names, _) if raw.trim().parse::<u64>().is_err() => names.join(", "),
            TypedValue::Infinite => String::from("Infinite"),
            // `07`, `+7` and ` 7` are the number 7: written as 7, so every comparison of
            // written values (a site ID already used) sees the same number.
            TypedValue::Integer(number) => number.to_string(),
            _ => raw.to_owned(),
        })
    }

    fn is_infinite(&self, raw: &str) -> bool {
        self.allow_infinite && raw.trim().eq_ignore_ascii_case("infinite")
    }

    /// A typed time span in this attribute's written form: `hh:mm:ss` text, or a whole number
    /// of seconds or minutes for attributes stored that way (where a bare number is the
    /// schema's own unit and so not ambiguous).
    fn time_span_input(&self, raw: &str) -> Result<String, String> {
        let whole = |unit: i64, label: &str| -> Result<String, String> {
            if raw.trim().parse::<i64>().is_ok() {
                return Ok(raw.trim().to_owned());
            }
            let span = TimeSpan::parse_input(raw)?;
            let ticks = unit * TimeSpan::TICKS_PER_SECOND;
            if span.ticks % ticks != 0 {
                return Err(format!("must be a whole number of {label}"));
            }
            Ok((span.ticks / ticks).to_string())
        };
        match self.time_span_format {
            TimeSpanFormat::String => TimeSpan::parse_input(raw).map(|span| span.to_string()),
            TimeSpanFormat::Seconds => whole(1, "seconds"),
            TimeSpanFormat::Minutes => whole(60, "minutes"),
        }
    }

    /// The allowed values, for help text and pickers.
    pub fn describe(&self) -> String {
        match self.ty {
            AttrType::Bool => "true | false".into(),
            AttrType::Enum => self.choice_names().replace(", ", " | "),
            AttrType::Flags => format!("any of: {}", self.choice_names()),
            AttrType::TimeSpan => match self.time_span_format {
                TimeSpanFormat::String => "time span: 20m, 1h30m, 2d or [d.]hh:mm:ss".into(),
                TimeSpanFormat::Seconds => "seconds".into(),
                TimeSpanFormat::Minutes => "minutes".into(),
            },
            other => other.label().into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::validator::Validator;

    fn attr(ty: AttrType) -> AttributeSchema {
        AttributeSchema::new("x", ty)
    }

    #[test]
    fn typed_values() {
        assert_eq!(
            attr(AttrType::Bool).canonical("TRUE").as_deref(),
            Ok("true")
        );
        assert!(attr(AttrType::Bool).parse_value("yes").is_err());
        let mut e = attr(AttrType::Enum);
        e.choices = vec![("OnDemand".into(), 0), ("AlwaysRunning".into(), 1)];
        assert_eq!(e.canonical("alwaysrunning").as_deref(), Ok("AlwaysRunning"));
        assert_eq!(e.canonical("1").as_deref(), Ok("AlwaysRunning"));
        assert!(
            e.parse_value("Sometimes")
                .unwrap_err()
                .contains("OnDemand, AlwaysRunning")
        );
        let mut f = attr(AttrType::Flags);
        f.choices = vec![
            ("Time".into(), 1),
            ("Requests".into(), 2),
            ("Memory".into(), 8),
        ];
        assert_eq!(
            f.parse_value("time, memory"),
            Ok(TypedValue::Flags(vec!["Time".into(), "Memory".into()], 9))
        );
        assert_eq!(f.canonical("Time,Memory").as_deref(), Ok("Time, Memory"));
        assert!(f.parse_value("4").is_err());
        let mut u = attr(AttrType::Uint);
        assert!(u.parse_value("-1").is_err() && u.parse_value("4294967296").is_err());
        u.validator = Some(Validator::IntegerRange {
            min: 10,
            max: 65535,
            exclude: false,
        });
        assert!(
            u.parse_value("5")
                .unwrap_err()
                .contains("must be from 10 to 65535")
        );
        u.allow_infinite = true;
        assert_eq!(u.parse_value("Infinite"), Ok(TypedValue::Infinite));
        let mut t = attr(AttrType::TimeSpan);
        t.time_span_format = TimeSpanFormat::Minutes;
        assert_eq!(
            t.parse_value("20"),
            Ok(TypedValue::TimeSpan(TimeSpan::from_seconds(1200)))
        );
        t.time_span_format = TimeSpanFormat::Seconds;
        assert!(t.parse_value("00:20:00").is_err());
        assert!(attr(AttrType::Int).parse_value("2147483648").is_err());
        assert!(attr(AttrType::Int64).parse_value("-9000000000").is_ok());
    }
}
