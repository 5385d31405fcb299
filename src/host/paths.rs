//! Where IIS keeps its files on this machine, where iistui keeps its own (config, data,
//! backups), and `%VAR%` expansion of configured paths (`%SystemDrive%\inetpub\wwwroot`).

use std::path::{Path, PathBuf};

/// `%windir%\System32\inetsrv\config`, when it exists (Windows with IIS).
pub fn iis_config_dir() -> Option<PathBuf> {
    if !cfg!(windows) {
        return None;
    }
    let windir = std::env::var_os("windir").or_else(|| std::env::var_os("SystemRoot"))?;
    let dir = PathBuf::from(windir)
        .join("System32")
        .join("inetsrv")
        .join("config");
    dir.is_dir().then_some(dir)
}

/// The machine's `applicationHost.config`, when IIS is installed.
pub fn machine_apphost_config() -> Option<PathBuf> {
    let file = iis_config_dir()?.join("applicationHost.config");
    file.is_file().then_some(file)
}

/// The IIS schema folder, when IIS is installed.
pub fn iis_schema_dir() -> Option<PathBuf> {
    let dir = iis_config_dir()?.join("schema");
    dir.is_dir().then_some(dir)
}

/// The IIS Express configurations that apply here, most specific first: the Visual Studio
/// solution's (`.vs\<Solution>\config\applicationhost.config`, or `.vs\config\…` from
/// VS 2015, in this folder or one above it), then the user's
/// (`Documents\IISExpress\config\applicationhost.config`).
pub fn iisexpress_configs() -> Vec<PathBuf> {
    let mut found = Vec::new();
    if let Ok(here) = std::env::current_dir() {
        found.extend(solution_iisexpress_config(&here));
    }
    let docs = directories::UserDirs::new()
        .and_then(|u| u.document_dir().map(Path::to_path_buf))
        .or_else(|| std::env::var_os("USERPROFILE").map(|p| PathBuf::from(p).join("Documents")));
    if let Some(docs) = docs {
        found.extend(config_file_in(&docs.join("IISExpress").join("config")));
    }
    found
}

/// The IIS Express configuration of the Visual Studio solution `start` is in (searching
/// `start` and the folders above it for `.vs`).
pub fn solution_iisexpress_config(start: &Path) -> Option<PathBuf> {
    start.ancestors().find_map(|dir| {
        let vs = dir.join(".vs");
        if !vs.is_dir() {
            return None;
        }
        let mut solutions: Vec<PathBuf> = std::fs::read_dir(&vs)
            .ok()?
            .flatten()
            .map(|e| e.path().join("config"))
            .collect();
        solutions.sort();
        solutions.insert(0, vs.join("config"));
        solutions.iter().find_map(|config| config_file_in(config))
    })
}

/// `applicationhost.config` in a folder, in either spelling (names are case-sensitive here).
fn config_file_in(dir: &Path) -> Option<PathBuf> {
    ["applicationhost.config", "applicationHost.config"]
        .iter()
        .map(|name| dir.join(name))
        .find(|file| file.is_file())
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "iistui")
}

/// iistui's data directory (backups, the demo copy), or a temp-dir fallback.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("IISTUI_DATA_DIR") {
        return PathBuf::from(dir);
    }
    project_dirs()
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("iistui"))
}

/// iistui's config directory (settings, keymap, themes, saved connections).
pub fn config_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("IISTUI_CONFIG_DIR") {
        return PathBuf::from(dir);
    }
    project_dirs()
        .map(|d| d.config_dir().to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("iistui-config"))
}

/// Where backups go: `IISTUI_BACKUP_DIR`, else `<data dir>/backups`.
pub fn backup_dir() -> PathBuf {
    match std::env::var_os("IISTUI_BACKUP_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => data_dir().join("backups"),
    }
}

/// Variables iistui defines for itself (the demo's `%SystemDrive%`), consulted before the
/// environment.
static DEFINED: std::sync::RwLock<Vec<(String, String)>> = std::sync::RwLock::new(Vec::new());

/// Defines (or redefines) a variable for `%VAR%` expansion in this process.
pub fn define_variable(name: &str, value: &str) {
    if let Ok(mut defined) = DEFINED.write() {
        defined.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        defined.push((name.to_owned(), value.to_owned()));
    }
}

fn defined(name: &str) -> Option<String> {
    DEFINED
        .read()
        .ok()?
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.clone())
}

/// Expands `%VAR%` references from iistui's own variables and the environment; unknown
/// variables are left as written.
pub fn expand_env(value: &str) -> String {
    expand_with(value, |name| {
        defined(name).or_else(|| std::env::var(name).ok())
    })
}

/// Expands `%VAR%` references with a lookup (case-insensitive on Windows, as Windows is).
pub fn expand_with(value: &str, lookup: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(start) = rest.find('%') {
        let after = &rest[start + 1..];
        match after.find('%') {
            Some(end) if end > 0 && !after[..end].contains(char::is_whitespace) => {
                let name = &after[..end];
                match lookup(name).or_else(|| lookup_case_insensitive(name, &lookup)) {
                    Some(v) => {
                        out.push_str(&rest[..start]);
                        out.push_str(&v);
                    }
                    None => out.push_str(&rest[..start + end + 2]),
                }
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str(&rest[..start + 1]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn lookup_case_insensitive(name: &str, lookup: &impl Fn(&str) -> Option<String>) -> Option<String> {
    if !cfg!(windows) {
        return None;
    }
    std::env::vars()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .and_then(|(k, _)| lookup(&k))
}

/// A configured Windows path as a path on this machine: expanded, and on other systems with
/// backslashes turned into slashes. `None` when it names a drive this system does not have.
pub fn local_path(configured: &str) -> Option<PathBuf> {
    let expanded = expand_env(configured);
    if cfg!(windows) {
        return Some(PathBuf::from(expanded));
    }
    let bytes = expanded.as_bytes();
    if bytes.len() >= 2 && bytes[1] == b':'
        || expanded.starts_with("\\\\")
        || expanded.contains('%')
    {
        return None;
    }
    Some(PathBuf::from(expanded.replace('\\', "/")))
}

/// A warning when a configured physical path names a folder that is not on this machine (IIS
/// would answer 404 or 403.14 until it is created); `None` when it exists or lies elsewhere.
pub fn missing_folder_warning(configured: &str) -> Option<String> {
    local_path(configured)
        .filter(|p| !p.exists())
        .map(|_| format!("physical path {configured} does not exist on this machine"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_known_variables_only() {
        let lookup = |name: &str| match name {
            "SystemDrive" => Some(String::from("C:")),
            _ => None,
        };
        assert_eq!(
            expand_with("%SystemDrive%\\inetpub\\wwwroot", lookup),
            "C:\\inetpub\\wwwroot"
        );
        assert_eq!(expand_with("%NOPE%\\x", lookup), "%NOPE%\\x");
        assert_eq!(expand_with("100% sure %", lookup), "100% sure %");
        assert_eq!(expand_with("%SystemDrive%%SystemDrive%", lookup), "C:C:");
    }

    #[test]
    fn finds_the_visual_studio_solutions_iis_express_config_here_or_above() {
        let root = tempfile::tempdir().expect("tempdir");
        let project = root.path().join("src").join("Web");
        std::fs::create_dir_all(&project).expect("mkdir");
        assert_eq!(solution_iisexpress_config(&project), None);
        // VS 2017+: .vs\<Solution>\config\applicationhost.config
        let config = root.path().join(".vs").join("Shop").join("config");
        std::fs::create_dir_all(&config).expect("mkdir");
        std::fs::create_dir_all(root.path().join(".vs").join("Other")).expect("mkdir");
        assert_eq!(solution_iisexpress_config(&project), None);
        std::fs::write(config.join("applicationhost.config"), "<configuration/>").expect("write");
        assert_eq!(
            solution_iisexpress_config(&project),
            Some(config.join("applicationhost.config"))
        );
        assert_eq!(
            solution_iisexpress_config(root.path()),
            Some(config.join("applicationhost.config"))
        );
        // VS 2015: .vs\config\applicationhost.config comes first.
        let vs2015 = root.path().join(".vs").join("config");
        std::fs::create_dir_all(&vs2015).expect("mkdir");
        std::fs::write(vs2015.join("applicationhost.config"), "<configuration/>").expect("write");
        assert_eq!(
            solution_iisexpress_config(&project),
            Some(vs2015.join("applicationhost.config"))
        );
    }
}
