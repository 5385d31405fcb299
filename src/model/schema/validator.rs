//! IIS attribute validators (`validationType` + `validationParameter`), with the rules from the
//! applicationHost.config reference and what real IIS accepts (site names may contain dots).

use super::time_span::TimeSpan;

/// A validator attached to an attribute.
#[derive(Debug, Clone, PartialEq)]
pub enum Validator {
    /// Inclusive range; with `exclude`, the range is what is *not* allowed.
    IntegerRange {
        min: i128,
        max: i128,
        exclude: bool,
    },
    /// Range in seconds with a granularity (value must be a multiple of it).
    TimeSpanRange {
        min: i128,
        max: i128,
        granularity: i128,
        exclude: bool,
    },
    NonEmptyString,
    SiteName,
    ApplicationPoolName,
    TrimWhiteSpaceString,
    ApplicationPath,
    VirtualDirectoryPath,
    /// A validator this tool does not know; values are accepted.
    Other(String),
}

/// Characters IIS refuses in application pool names.
pub const POOL_NAME_FORBIDDEN: &[char] = &['|', '<', '>', '&', '"'];
/// Characters IIS refuses in site names (real IIS allows dots).
pub const SITE_NAME_FORBIDDEN: &[char] = &['/', '\\', '?'];

impl Validator {
    /// Builds a validator from the schema's `validationType` and `validationParameter`.
    pub fn parse(kind: &str, parameter: Option<&str>) -> Result<Option<Validator>, String> {
        let numbers = |count_min: usize| -> Result<(Vec<i128>, bool), String> {
            let param = parameter
                .ok_or_else(|| format!("validationType=\"{kind}\" needs a validationParameter"))?;
            let mut parts: Vec<&str> = param.split(',').map(str::trim).collect();
            let exclude = parts
                .last()
                .is_some_and(|p| p.eq_ignore_ascii_case("exclude"));
            if exclude {
                parts.pop();
            }
            let values = parts
                .iter()
                .map(|p| {
                    p.parse::<i128>()
                        .map_err(|_| format!("bad validationParameter \"{param}\""))
                })
                .collect::<Result<Vec<_>, _>>()?;
            if values.len() < count_min {
                return Err(format!(
                    "validationParameter \"{param}\" needs {count_min} numbers"
                ));
            }
            Ok((values, exclude))
        };
        Ok(Some(match kind {
            "" => return Ok(None),
            "integerRange" => {
                let (v, exclude) = numbers(2)?;
                Validator::IntegerRange {
                    min: v[0],
                    max: v[1],
                    exclude,
                }
            }
            "timeSpanRange" => {
                let (v, exclude) = numbers(2)?;
                Validator::TimeSpanRange {
                    min: v[0],
                    max: v[1],
                    granularity: v.get(2).copied().unwrap_or(1),
                    exclude,
                }
            }
            "nonEmptyString" => Validator::NonEmptyString,
            "siteName" => Validator::SiteName,
            "applicationPoolName" => Validator::ApplicationPoolName,
            "trimWhiteSpaceString" | "requireTrimmedString" => Validator::TrimWhiteSpaceString,
            "applicationPath" => Validator::ApplicationPath,
            "virtualDirectoryPath" => Validator::VirtualDirectoryPath,
            other => Validator::Other(other.to_owned()),
        }))
    }

    /// Checks a string value (for string-typed rules).
    pub fn check_str(&self, value: &str) -> Result<(), String> {
        match self {
            Validator::NonEmptyString if value.is_empty() => Err("must not be empty".into()),
            Validator::SiteName => {
                if value.is_empty() {
                    Err("a site name must not be empty".into())
                } else if let Some(c) = value.chars().find(|c| SITE_NAME_FORBIDDEN.contains(c)) {
                    Err(format!(
                        "a site name must not contain '{c}' (IIS refuses / \\ and ?)"
                    ))
                } else {
                    Ok(())
                }
            }
            Validator::ApplicationPoolName => {
                match value.chars().find(|c| POOL_NAME_FORBIDDEN.contains(c)) {
                    Some(c) => Err(format!(
                        "an application pool name must not contain '{c}' (IIS refuses | < > & and \")"
                    )),
                    None => Ok(()),
                }
            }
            Validator::TrimWhiteSpaceString if value.trim() != value => {
                Err("must not start or end with whitespace".into())
            }
            Validator::ApplicationPath | Validator::VirtualDirectoryPath
                if !value.starts_with('/') =>
            {
                Err("a path must start with '/'".into())
            }
            _ => Ok(()),
        }
    }

    /// Checks a number against an integer range.
    pub fn check_integer(&self, value: i128) -> Result<(), String> {
        if let Validator::IntegerRange { min, max, exclude } = *self {
            let inside = (min..=max).contains(&value);
            if inside == exclude {
                return Err(if exclude {
                    format!("must be less than {min} or more than {max}")
                } else {
                    format!("must be from {min} to {max}")
                });
            }
        }
        Ok(())
    }

    /// Checks a time span against a seconds range and granularity.
    pub fn check_time_span(&self, value: TimeSpan) -> Result<(), String> {
        if let Validator::TimeSpanRange {
            min,
            max,
            granularity,
            exclude,
        } = *self
        {
            let seconds = value.ticks as i128 / TimeSpan::TICKS_PER_SECOND as i128;
            let inside = (min..=max).contains(&seconds);
            if inside == exclude {
                let (lo, hi) = (TimeSpan::from_seconds(min), TimeSpan::from_seconds(max));
                return Err(if exclude {
                    format!("must be less than {lo} or more than {hi}")
                } else {
                    format!("must be from {lo} to {hi}")
                });
            }
            let whole = value.ticks as i128 % TimeSpan::TICKS_PER_SECOND as i128 == 0;
            if granularity > 1 && (!whole || seconds % granularity != 0) {
                return Err(format!("must be a whole multiple of {granularity} seconds"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(kind: &str, param: Option<&str>) -> Validator {
        Validator::parse(kind, param)
            .expect("parses")
            .expect("some")
    }

    #[test]
    fn validators_follow_the_reference() {
        assert!(
            v("applicationPoolName", None)
                .check_str("My Pool.v2")
                .is_ok()
        );
        for bad in ["a|b", "a<b", "a>b", "a&b", "a\"b"] {
            assert!(
                v("applicationPoolName", None).check_str(bad).is_err(),
                "{bad}"
            );
        }
        let range = v("integerRange", Some("10,65535"));
        assert!(range.check_integer(10).is_ok() && range.check_integer(9).is_err());
        let exclude = v("integerRange", Some("0,1023,exclude"));
        assert!(exclude.check_integer(1024).is_ok() && exclude.check_integer(5).is_err());
        assert!(v("nonEmptyString", None).check_str("").is_err());
        for ok in ["mysite.tbd", "CoreWCF.SampleService", "Default Web Site"] {
            assert!(v("siteName", None).check_str(ok).is_ok(), "{ok}");
        }
        for bad in ["a/b", "a\\b", "a?b", ""] {
            assert!(v("siteName", None).check_str(bad).is_err(), "{bad}");
        }
        let span = v("timeSpanRange", Some("0,2592000,60"));
        assert!(span.check_time_span(TimeSpan::from_seconds(1200)).is_ok());
        assert!(span.check_time_span(TimeSpan::from_seconds(90)).is_err());
        assert!(
            span.check_time_span(TimeSpan::from_seconds(2_592_060))
                .is_err()
        );
        assert!(v("trimWhiteSpaceString", None).check_str(" x").is_err());
        assert!(v("requireTrimmedString", None).check_str("x").is_ok());
    }
}
