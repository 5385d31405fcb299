//! The one rule for a new physical path: IIS needs an absolute one. Absolute is a drive path
//! (`D:\sites\shop`, `D:/sites/shop`), a UNC path (`\\server\share…`), a path that starts with
//! an environment variable IIS expands (`%SystemDrive%\inetpub\wwwroot`), or, off Windows
//! (tests and configurations opened on other systems), a POSIX absolute path (`/srv/shop`).

use super::error::ModelError;
use super::names::visible_only;

/// What IIS accepts as a physical path, said in an error.
pub const PHYSICAL_PATH_RULE: &str = "must be absolute: a drive path (D:\\sites\\shop), a UNC path (\\\\server\\share\\folder) or start with an environment variable (%SystemDrive%\\inetpub\\wwwroot)";

/// Whether `path` is absolute by IIS's rule (see the module).
pub fn is_absolute_physical_path(path: &str) -> bool {
    let bytes = path.as_bytes();
    let drive = bytes.len() >= 3
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && matches!(bytes[2], b'\\' | b'/');
    let unc = path
        .strip_prefix("\\\\")
        .and_then(|rest| rest.split_once('\\'))
        .is_some_and(|(server, share)| {
            !server.is_empty() && !share.trim_start_matches('\\').is_empty()
        });
    let variable = path.strip_prefix('%').is_some_and(|rest| {
        rest.split_once('%').is_some_and(|(name, after)| {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '(' | ')'))
                && (after.is_empty() || after.starts_with(['\\', '/']))
        })
    });
    let posix = cfg!(not(windows)) && path.starts_with('/');
    drive || unc || variable || posix
}

/// Refuses a new physical path (`what` needs one: "a site", "an application", …) that is
/// empty, holds an invisible character or is not absolute, with the rule it breaks.
pub fn check_physical_path(path: &str, what: &str) -> Result<(), ModelError> {
    let bad = |why: String| ModelError::BadPath {
        path: path.to_owned(),
        why,
    };
    if path.trim().is_empty() {
        return Err(bad(format!("{what} needs a physical path")));
    }
    visible_only(path, "paths").map_err(bad)?;
    if !is_absolute_physical_path(path) {
        return Err(bad(format!("the physical path {PHYSICAL_PATH_RULE}")));
    }
    Ok(())
}

/// A physical path without the separator Tab completion leaves at its end
/// (`D:\sites\shop\` → `D:\sites\shop`); a root (`D:\`, `/`) keeps it.
pub fn trim_trailing_separator(path: &str) -> &str {
    let trimmed = path.trim_end_matches(['\\', '/']);
    let root = trimmed.is_empty()
        || (trimmed.len() == 2 && trimmed.ends_with(':'))
        || (path.starts_with("\\\\") && !trimmed[2..].contains('\\'));
    if root { path } else { trimmed }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_absolute_physical_paths_are_accepted() {
        for ok in [
            "D:\\sites\\shop",
            "d:/sites/shop",
            "C:\\",
            "\\\\fileserver01\\assets",
            "\\\\server\\share\\deep\\folder",
            "%SystemDrive%\\inetpub\\wwwroot",
            "%SystemDrive%",
        ] {
            assert!(check_physical_path(ok, "a site").is_ok(), "{ok}");
        }
        for bad in [
            "relative\\dir",
            "relative/dir",
            "shop",
            ".\\shop",
            "..\\shop",
            "D:shop",
            "\\sites\\shop",
            "\\\\server",
            "\\\\server\\",
            "%%\\x",
            "%SystemDrive",
            "%SystemDrive%shop",
        ] {
            let error = check_physical_path(bad, "a site")
                .expect_err(bad)
                .to_string();
            assert!(error.contains("must be absolute"), "{bad}: {error}");
        }
        assert!(
            check_physical_path(" ", "an application")
                .expect_err("empty")
                .to_string()
                .contains("an application needs a physical path")
        );
        assert!(check_physical_path("D:\\a\u{202e}b", "a site").is_err());
        assert_eq!(
            check_physical_path("/srv/shop", "a site").is_ok(),
            cfg!(not(windows))
        );
    }

    #[test]
    fn a_trailing_separator_is_trimmed_but_a_root_keeps_it() {
        assert_eq!(
            trim_trailing_separator("D:\\sites\\blog\\"),
            "D:\\sites\\blog"
        );
        assert_eq!(trim_trailing_separator("/srv/blog/"), "/srv/blog");
        assert_eq!(trim_trailing_separator("D:\\"), "D:\\");
        assert_eq!(trim_trailing_separator("/"), "/");
        assert_eq!(
            trim_trailing_separator("\\\\server\\share\\"),
            "\\\\server\\share"
        );
        assert_eq!(trim_trailing_separator("D:\\sites"), "D:\\sites");
    }
}
