//! What renaming a site carries along. Its applications, virtual directories and bindings are
//! inside the `<site>` element and move with it; `<location path="Site">` and
//! `<location path="Site/app">` sections name it and are rewritten to the new name, so the
//! settings they hold keep applying. `set site X name=Y` runs this after writing the name.

use crate::model::doc::Document;

use super::change::Change;
use super::error::ModelError;
use super::sections::locations_for;

/// The path of a location under `old` rewritten for `new` (`/old/app` → `/new/app`).
fn moved_path(path: &str, old: &str, new: &str) -> String {
    let lead = if path.starts_with('/') { "/" } else { "" };
    let rest = path.trim_start_matches('/');
    match (rest.get(..old.len()), rest.get(old.len()..)) {
        (Some(site), Some(tail))
            if site.eq_ignore_ascii_case(old) && (tail.is_empty() || tail.starts_with('/')) =>
        {
            format!("{lead}{new}{tail}")
        }
        _ => path.to_owned(),
    }
}

/// Rewrites the `<location>` paths of site `old` to name `new`, noting each one.
pub(crate) fn move_site_locations(
    doc: &mut Document,
    old: &str,
    new: &str,
    change: &mut Change,
) -> Result<(), ModelError> {
    if !old.eq_ignore_ascii_case(new) {
        let waiting = locations_for(doc, new);
        if !waiting.is_empty() {
            let paths: Vec<String> = waiting
                .iter()
                .map(|l| format!("\"{}\" (line {})", l.path, l.location.line))
                .collect();
            change.warn(format!(
                "<location> sections for \"{new}\" were already in the file and now apply to the renamed site: {}",
                paths.join(", ")
            ));
        }
    }
    // Only attribute values change, so the nodes found before stay valid.
    for location in locations_for(doc, old) {
        let path = moved_path(&location.path, old, new);
        if path == location.path {
            continue;
        }
        let patch = doc.plan_set_attribute(location.node, "path", &path)?;
        change.apply(doc, patch)?;
        change.note(format!(
            "<location path=\"{}\"> (line {}) now reads \"{path}\"",
            location.path, location.location.line
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_keep_their_tail_and_leading_slash() {
        assert_eq!(moved_path("intranet", "intranet", "corp"), "corp");
        assert_eq!(moved_path("Intranet/hr", "intranet", "corp"), "corp/hr");
        assert_eq!(
            moved_path("/intranet/hr/x", "intranet", "corp"),
            "/corp/hr/x"
        );
        assert_eq!(moved_path("intranet2/x", "intranet", "corp"), "intranet2/x");
    }
}
