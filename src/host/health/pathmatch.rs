//! Whether a path lies inside a folder, the way the machine compares paths: component-wise,
//! case-insensitive with `\` and `/` alike and no `\\?\` prefix on Windows. Pure, so the
//! Windows rules are tested on any system.

use std::path::Path;

/// How paths are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathStyle {
    /// Case-insensitive, `\` or `/`, drive letters, `\\?\` verbatim prefixes ignored.
    Windows,
    /// Case-sensitive, `/` only.
    Posix,
}

impl PathStyle {
    /// The style of this machine.
    pub fn native() -> PathStyle {
        if cfg!(windows) {
            PathStyle::Windows
        } else {
            PathStyle::Posix
        }
    }

    /// The path's components, normalised for comparison (empty components and `.` dropped).
    pub fn components(self, path: &Path) -> Vec<String> {
        let text = path.to_string_lossy();
        match self {
            PathStyle::Posix => text
                .split('/')
                .filter(|c| !c.is_empty() && *c != ".")
                .map(str::to_owned)
                .collect(),
            PathStyle::Windows => {
                let text = text
                    .strip_prefix(r"\\?\UNC\")
                    .map(|rest| format!(r"\\{rest}"))
                    .unwrap_or_else(|| text.strip_prefix(r"\\?\").unwrap_or(&text).to_owned());
                text.split(['\\', '/'])
                    .filter(|c| !c.is_empty() && *c != ".")
                    .map(str::to_lowercase)
                    .collect()
            }
        }
    }

    /// Whether `path` is `folder` or lies below it.
    pub fn is_within(self, path: &Path, folder: &Path) -> bool {
        let folder = self.components(folder);
        let path = self.components(path);
        path.len() >= folder.len() && path[..folder.len()] == folder[..]
    }

    /// How many components `folder` has (deeper folders are more specific owners).
    pub fn depth(self, folder: &Path) -> usize {
        self.components(folder).len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_paths_compare_without_case_or_separator_or_verbatim_prefix() {
        let w = PathStyle::Windows;
        let site = Path::new(r"C:\sites\contoso.com");
        assert!(w.is_within(Path::new(r"c:\Sites\Contoso.com\Contoso.Web.exe"), site));
        assert!(w.is_within(Path::new(r"\\?\C:\sites\contoso.com\bin"), site));
        assert!(w.is_within(Path::new("C:/sites/contoso.com"), site));
        assert!(!w.is_within(Path::new(r"C:\sites\contoso.com-admin\x.dll"), site));
        assert!(!w.is_within(Path::new(r"D:\sites\contoso.com"), site));
        assert!(w.is_within(
            Path::new(r"\\?\UNC\fileserver01\docs\a.txt"),
            Path::new(r"\\fileserver01\docs")
        ));
    }

    #[test]
    fn posix_paths_compare_component_wise_and_case_sensitively() {
        let p = PathStyle::Posix;
        let site = Path::new("/srv/sites/intranet");
        assert!(p.is_within(Path::new("/srv/sites/intranet/app"), site));
        assert!(p.is_within(Path::new("/srv/sites/intranet/"), site));
        assert!(!p.is_within(Path::new("/srv/sites/intranet-hr/app"), site));
        assert!(!p.is_within(Path::new("/srv/sites/Intranet/app"), site));
        assert!(p.is_within(Path::new("/anything"), Path::new("/")));
        assert_eq!(p.depth(Path::new("/")), 0);
    }
}
