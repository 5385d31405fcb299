//! Naming rules for new objects, as IIS Manager enforces them on top of the schema validators,
//! and one of our own: no control, bidi or invisible characters (a name is shown in terminals,
//! logs and IIS Manager, where such a character hides or disguises what the name says).

use crate::model::invisible::{describe, find_invisible};
use crate::model::schema::Validator;

use super::error::ModelError;

/// Characters IIS Manager refuses in a new site name.
pub const NEW_SITE_FORBIDDEN: &[char] = &[
    '\\', '/', '?', ';', ':', '@', '&', '=', '+', '$', ',', '|', '"', '<', '>', '*',
];
/// Characters IIS Manager refuses in an application or virtual directory alias.
pub const ALIAS_FORBIDDEN: &[char] = &[
    '\\', '?', ';', ':', '@', '&', '=', '+', '$', ',', '|', '"', '<', '>', '*',
];
/// Characters IIS refuses in an application pool name.
pub const POOL_FORBIDDEN: &[char] = &['\\', '/', ':', '*', '?', '"', '<', '>', '|'];
/// IIS Manager's limit on application pool names.
pub const POOL_NAME_MAX: usize = 64;

/// Refuses a name holding one of `forbidden`, naming the character and the whole set.
fn no_forbidden(kind: &'static str, name: &str, forbidden: &[char]) -> Result<(), ModelError> {
    match name.chars().find(|c| forbidden.contains(c)) {
        Some(c) => {
            let all: Vec<String> = forbidden.iter().map(char::to_string).collect();
            Err(invalid(
                kind,
                name,
                format!("must not contain '{c}' (IIS refuses {})", all.join(" ")),
            ))
        }
        None => Ok(()),
    }
}

fn invalid(kind: &'static str, name: &str, rule: impl Into<String>) -> ModelError {
    ModelError::InvalidName {
        kind,
        name: name.to_owned(),
        rule: rule.into(),
    }
}

/// The rule a name with a control, bidi or invisible character breaks, naming that character.
pub(super) fn visible_only(text: &str, what: &str) -> Result<(), String> {
    match find_invisible(text) {
        Some(c) => Err(format!("{what} cannot contain {}", describe(c))),
        None => Ok(()),
    }
}

/// A name for a new site: the `siteName` validator plus IIS Manager's forbidden characters.
pub fn check_new_site_name(name: &str) -> Result<(), ModelError> {
    visible_only(name, "names").map_err(|rule| invalid("site", name, rule))?;
    Validator::SiteName
        .check_str(name)
        .map_err(|rule| invalid("site", name, rule))?;
    if name.trim() != name {
        return Err(invalid("site", name, "must not start or end with spaces"));
    }
    no_forbidden("site", name, NEW_SITE_FORBIDDEN)
}

/// A name for a new application pool: the `applicationPoolName` validator, not empty, trimmed,
/// at most 64 characters.
pub fn check_new_pool_name(name: &str) -> Result<(), ModelError> {
    if name.is_empty() {
        return Err(invalid("application pool", name, "must not be empty"));
    }
    visible_only(name, "names").map_err(|rule| invalid("application pool", name, rule))?;
    Validator::ApplicationPoolName
        .check_str(name)
        .map_err(|rule| invalid("application pool", name, rule))?;
    if name.trim() != name {
        return Err(invalid(
            "application pool",
            name,
            "must not start or end with spaces",
        ));
    }
    no_forbidden("application pool", name, POOL_FORBIDDEN)?;
    if name.chars().count() > POOL_NAME_MAX {
        return Err(invalid(
            "application pool",
            name,
            format!("must be at most {POOL_NAME_MAX} characters"),
        ));
    }
    Ok(())
}

/// A virtual path for a new application or virtual directory: `/alias[/alias…]`.
pub fn check_virtual_path(path: &str) -> Result<(), ModelError> {
    let bad = |why: &str| ModelError::BadPath {
        path: path.to_owned(),
        why: why.to_owned(),
    };
    visible_only(path, "paths").map_err(|why| bad(&why))?;
    if !path.starts_with('/') {
        return Err(bad("must start with '/'"));
    }
    if path == "/" {
        return Ok(());
    }
    if path.ends_with('/') {
        return Err(bad("must not end with '/'"));
    }
    for segment in path[1..].split('/') {
        if segment.is_empty() {
            return Err(bad("must not contain '//'"));
        }
        if segment == "." || segment == ".." {
            return Err(bad("must not contain '.' or '..' segments"));
        }
        if segment.trim() != segment {
            return Err(bad("segments must not start or end with spaces"));
        }
        if let Some(c) = segment.chars().find(|c| ALIAS_FORBIDDEN.contains(c)) {
            return Err(bad(&format!(
                "must not contain '{c}' (IIS Manager refuses \\ ? ; : @ & = + $ , | \" < > *)"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_names_follow_iis_manager() {
        for ok in [
            "Contoso",
            "mysite.tbd",
            "CoreWCF.SampleService",
            "Default Web Site",
        ] {
            assert!(check_new_site_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", "a/b", "a:b", "a;b", "a*b", "a@b", " lead", "a,b"] {
            assert!(check_new_site_name(bad).is_err(), "{bad}");
        }
        assert!(check_new_pool_name("Pool.v4 (x86)").is_ok());
        let rule = check_new_pool_name("a/b").expect_err("a/b").to_string();
        assert!(rule.contains("must not contain '/'"), "{rule}");
        for bad in [
            "",
            "a|b",
            "a\"b",
            " x",
            "x ",
            "a/b",
            "a\\b",
            "a:b",
            "a*b",
            "a?b",
            "a<b",
            "a>b",
            &"p".repeat(65),
        ] {
            assert!(check_new_pool_name(bad).is_err(), "{bad}");
        }
        for ok in ["/", "/api", "/a/b.c"] {
            assert!(check_virtual_path(ok).is_ok(), "{ok}");
        }
        for bad in ["api", "/api/", "//a", "/a:b", "/..", "/a?b"] {
            assert!(check_virtual_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_with_control_bidi_or_invisible_characters_are_refused_by_code_point() {
        let cases = [
            ("a\nb", "U+000A (LINE FEED)"),
            ("a\rb", "U+000D (CARRIAGE RETURN)"),
            ("a\tb", "U+0009 (CHARACTER TABULATION)"),
            ("a\u{7f}", "U+007F (DELETE)"),
            ("a\u{85}", "U+0085 (NEXT LINE)"),
            ("a\u{9b}", "U+009B (CONTROL SEQUENCE INTRODUCER)"),
            ("gpj\u{202e}exe", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
            ("a\u{2066}b", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
            ("a\u{200d}b", "U+200D (ZERO WIDTH JOINER)"),
            ("a\u{200b}", "U+200B (ZERO WIDTH SPACE)"),
            ("\u{feff}a", "U+FEFF (BYTE ORDER MARK)"),
            ("a\u{2028}b", "U+2028 (LINE SEPARATOR)"),
            ("a\u{2029}b", "U+2029 (PARAGRAPH SEPARATOR)"),
        ];
        for (name, named) in cases {
            let site = check_new_site_name(name).expect_err(name).to_string();
            assert!(
                site.contains(&format!("names cannot contain {named}")),
                "{site}"
            );
            let pool = check_new_pool_name(name).expect_err(name).to_string();
            assert!(
                pool.contains(&format!("names cannot contain {named}")),
                "{pool}"
            );
            let path = check_virtual_path(&format!("/{name}"))
                .expect_err(name)
                .to_string();
            assert!(
                path.contains(&format!("paths cannot contain {named}")),
                "{path}"
            );
        }
        for fine in ["Café Zürich", "店舗", "shop.example.com"] {
            assert!(check_new_site_name(fine).is_ok(), "{fine}");
            assert!(check_new_pool_name(fine).is_ok(), "{fine}");
        }
    }
}
