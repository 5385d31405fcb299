//! Which application and virtual directory of a site serve a URL path, and from which folder
//! as written: the application with the longest path containing the URL, then its virtual
//! directory with the longest path containing the rest, joined with what is left. Removing an
//! application, and adding a virtual directory or an application, ask this.

use crate::model::doc::NodeId;

use super::{Application, Site, VirtualDirectory};

/// Whether virtual path `outer` contains `path` (is it, or an ancestor of it), ignoring case as
/// IIS does: `/` contains everything, `/hr` contains `/hr` and `/hr/forms` but not `/hrx`.
pub fn contains_path(outer: &str, path: &str) -> bool {
    let outer = outer.trim_end_matches('/');
    outer.is_empty()
        || path
            .get(..outer.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(outer))
            && matches!(path.as_bytes().get(outer.len()), None | Some(b'/'))
}

/// `path` seen from `outer`, which contains it: `/hr/forms` from `/hr` is `/forms`, `/hr` from
/// `/hr` is `/`.
pub fn below<'p>(outer: &str, path: &'p str) -> &'p str {
    match path.get(outer.trim_end_matches('/').len()..) {
        Some("") | None => "/",
        Some(rest) => rest,
    }
}

/// A folder as written joined with a virtual path below it, with the folder's separator
/// (`%SystemDrive%\sites\intranet` + `/hr/forms` → `%SystemDrive%\sites\intranet\hr\forms`).
pub fn join_folder(folder: &str, rest: &str) -> String {
    let rest = rest.trim_matches('/');
    if rest.is_empty() {
        return folder.to_owned();
    }
    let separator = if folder.starts_with('/') { '/' } else { '\\' };
    let head = folder.trim_end_matches(['\\', '/']);
    format!(
        "{head}{separator}{}",
        rest.replace('/', &separator.to_string())
    )
}

/// Whether two folders as written are the same folder: case, separators (`\` or `/`) and a
/// trailing separator aside. `%VARIABLES%` are compared as written.
pub fn same_folder(a: &str, b: &str) -> bool {
    let normal = |p: &str| {
        p.replace('/', "\\")
            .trim_end_matches('\\')
            .to_ascii_lowercase()
    };
    normal(a) == normal(b)
}

/// The application of `site` that serves `url`, leaving out the application `except` (one
/// about to be removed).
pub fn serving_application<'a>(
    site: &Site<'a>,
    url: &str,
    except: Option<NodeId>,
) -> Option<Application<'a>> {
    site.applications()
        .into_iter()
        .filter(|a| Some(a.node) != except && contains_path(&a.path(), url))
        .max_by_key(|a| a.path().trim_end_matches('/').len())
}

/// The virtual directory of `application` that serves `rest` (a path below the application).
pub fn serving_virtual_directory<'a>(
    application: &Application<'a>,
    rest: &str,
) -> Option<VirtualDirectory<'a>> {
    application
        .virtual_directories()
        .into_iter()
        .filter(|v| contains_path(&v.path(), rest))
        .max_by_key(|v| v.path().trim_end_matches('/').len())
}

/// Who serves a URL and from which folder.
pub struct Served<'a> {
    pub application: Application<'a>,
    /// The folder as written; `None` when no virtual directory of the application covers it.
    pub folder: Option<String>,
}

/// Who would serve `url` of `site` without the application `except`, and from which folder.
pub fn served<'a>(site: &Site<'a>, url: &str, except: Option<NodeId>) -> Option<Served<'a>> {
    let application = serving_application(site, url, except)?;
    let rest = below(&application.path(), url).to_owned();
    let folder = serving_virtual_directory(&application, &rest).and_then(|v| {
        let folder = v.physical_path_text()?;
        Some(join_folder(&folder, below(&v.path(), &rest)))
    });
    Some(Served {
        application,
        folder,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_contain_by_whole_segments_ignoring_case() {
        assert!(contains_path("/", "/hr"));
        assert!(contains_path("/hr", "/HR"));
        assert!(contains_path("/hr", "/hr/forms"));
        assert!(!contains_path("/hr", "/hrx"));
        assert!(!contains_path("/hr/forms", "/hr"));
        assert_eq!(below("/hr", "/hr/forms"), "/forms");
        assert_eq!(below("/hr", "/hr"), "/");
        assert_eq!(below("/", "/hr"), "/hr");
    }

    #[test]
    fn folders_join_and_compare_as_written() {
        assert_eq!(
            join_folder("%SystemDrive%\\sites\\intranet\\", "/hr/forms"),
            "%SystemDrive%\\sites\\intranet\\hr\\forms"
        );
        assert_eq!(join_folder("/srv/intranet", "/hr"), "/srv/intranet/hr");
        assert_eq!(join_folder("D:\\x", "/"), "D:\\x");
        assert!(same_folder(
            "%SYSTEMDRIVE%/Sites/Intranet/HR/",
            "%SystemDrive%\\sites\\intranet\\hr"
        ));
        assert!(!same_folder(
            "%SystemDrive%\\sites\\intranet-hr",
            "%SystemDrive%\\sites\\intranet\\hr"
        ));
    }
}
