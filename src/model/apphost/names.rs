//! Naming rules for new objects, as IIS Manager enforces them on top of the schema validators.

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
/// IIS Manager's limit on application pool names.
pub const POOL_NAME_MAX: usize = 64;

fn invalid(kind: &'static str, name: &str, rule: impl Into<String>) -> ModelError {
    ModelError::InvalidName {
        kind,
        name: name.to_owned(),
        rule: rule.into(),
    }
}

/// A name for a new site: the `siteName` validator plus IIS Manager's forbidden characters.
pub fn check_new_site_name(name: &str) -> Result<(), ModelError> {
    Validator::SiteName
        .check_str(name)
        .map_err(|rule| invalid("site", name, rule))?;
    if name.trim() != name {
        return Err(invalid("site", name, "must not start or end with spaces"));
    }
    if let Some(c) = name.chars().find(|c| NEW_SITE_FORBIDDEN.contains(c)) {
        return Err(invalid(
            "site",
            name,
            format!(
                "must not contain '{c}' (IIS Manager refuses \\ / ? ; : @ & = + $ , | \" < > *)"
            ),
        ));
    }
    Ok(())
}

/// A name for a new application pool: the `applicationPoolName` validator, not empty, trimmed,
/// at most 64 characters.
pub fn check_new_pool_name(name: &str) -> Result<(), ModelError> {
    if name.is_empty() {
        return Err(invalid("application pool", name, "must not be empty"));
    }
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
        for bad in ["", "a|b", "a\"b", " x", &"p".repeat(65)] {
            assert!(check_new_pool_name(bad).is_err(), "{bad}");
        }
        for ok in ["/", "/api", "/a/b.c"] {
            assert!(check_virtual_path(ok).is_ok(), "{ok}");
        }
        for bad in ["api", "/api/", "//a", "/a:b", "/..", "/a?b"] {
            assert!(check_virtual_path(bad).is_err(), "{bad}");
        }
    }
}
