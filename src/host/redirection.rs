//! Shared configuration: `redirection.config` beside applicationHost.config with
//! `<configurationRedirection enabled="true" path="\\server\share">` sends IIS to the shared
//! copy. When the file we are asked to open is such a machine config, we follow it and say so.

use std::path::{Path, PathBuf};

use super::paths::{expand_env, local_path};
use crate::model::doc::Document;
use crate::model::store::{DEFAULT_MAX_SIZE, read_config};

/// Where to open, and what to tell the user about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub path: PathBuf,
    pub note: Option<String>,
}

/// Follows `redirection.config` if `config` is an applicationHost.config whose folder redirects.
pub fn follow(config: &Path) -> Result<Resolved, String> {
    let unchanged = Resolved {
        path: config.to_path_buf(),
        note: None,
    };
    let is_apphost = config
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.eq_ignore_ascii_case("applicationHost.config"));
    let redirection = config.with_file_name("redirection.config");
    if !is_apphost || !redirection.is_file() {
        return Ok(unchanged);
    }
    // Same rules as the configuration itself: a regular file, within the default size limit.
    let bytes = read_config(&redirection, DEFAULT_MAX_SIZE).map_err(|e| e.to_string())?;
    let doc = Document::parse(bytes).map_err(|e| e.with_path(&redirection).to_string())?;
    let Some(node) = doc.descend(doc.root(), &["configurationRedirection"]) else {
        return Ok(unchanged);
    };
    let enabled = doc
        .attr_value(node, "enabled")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    let target = doc
        .attr_value(node, "path")
        .map(|p| p.into_owned())
        .unwrap_or_default();
    if !enabled || target.is_empty() {
        return Ok(unchanged);
    }
    let expanded = expand_env(&target);
    let folder = local_path(&expanded).ok_or_else(|| {
        format!(
            "shared configuration is enabled ({} points to {target}), which this machine cannot reach; pass --no-redirect to open the local copy",
            redirection.display()
        )
    })?;
    let shared = folder.join("applicationHost.config");
    if !shared.is_file() {
        return Err(format!(
            "shared configuration is enabled ({} points to {target}) but {} does not exist; pass --no-redirect to open the local copy",
            redirection.display(),
            shared.display()
        ));
    }
    Ok(Resolved {
        note: Some(format!(
            "shared configuration: following {} to {}",
            redirection.display(),
            shared.display()
        )),
        path: shared,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_enabled_redirection_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let local = dir.path().join("config");
        let shared = dir.path().join("share");
        std::fs::create_dir_all(&local).expect("mkdir");
        std::fs::create_dir_all(&shared).expect("mkdir");
        let apphost = local.join("applicationHost.config");
        std::fs::write(&apphost, "<configuration/>").expect("write");
        std::fs::write(shared.join("applicationHost.config"), "<configuration/>").expect("write");
        assert_eq!(follow(&apphost).expect("no redirection").path, apphost);
        let redirect = |enabled: &str| {
            let text = format!(
                "<configuration>\n  <configurationRedirection enabled=\"{enabled}\" path=\"{}\" />\n</configuration>",
                shared.display()
            );
            std::fs::write(local.join("redirection.config"), text).expect("write");
        };
        redirect("false");
        assert_eq!(follow(&apphost).expect("disabled").path, apphost);
        redirect("true");
        let resolved = follow(&apphost).expect("followed");
        assert_eq!(resolved.path, shared.join("applicationHost.config"));
        assert!(
            resolved
                .note
                .expect("note")
                .contains("shared configuration")
        );
        std::fs::write(local.join("redirection.config"), "<configuration><configurationRedirection enabled=\"true\" path=\"\\\\fileserver\\iis\" /></configuration>").expect("write");
        if !cfg!(windows) {
            assert!(
                follow(&apphost)
                    .expect_err("unreachable")
                    .contains("--no-redirect")
            );
        }
    }
}
