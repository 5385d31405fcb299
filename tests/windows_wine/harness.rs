//! The Wine harness of the Windows tier: finds the built `iistui.exe`, Wine and the prefix from
//! the environment (`IISTUI_WINDOWS_EXE`, `IISTUI_WINE`, `WINEPREFIX`; `.ci/run` sets all three),
//! runs the exe (and `cmd.exe`) in that prefix, and maps `C:\` and `Z:\` paths to this system's.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{OnceLock, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// Wine with the Windows build of iistui.
pub struct Wine {
    wine: PathBuf,
    exe: PathBuf,
    prefix: PathBuf,
    /// `%APPDATA%` as the Windows side sees it (`C:\users\NAME\AppData\Roaming`).
    pub appdata: String,
    /// `%USERPROFILE%` as the Windows side sees it.
    pub user_profile: String,
}

/// What one Windows process did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Runs a command to completion and keeps what it printed.
    pub fn of(cmd: &mut Command) -> Run {
        let out = cmd.output().expect("wine runs");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Asserts exit code 0 and returns the run.
    pub fn ok(self) -> Run {
        assert_eq!(self.code, 0, "expected success: {self:#?}");
        self
    }

    /// Asserts this exit code and that stderr mentions `words`.
    pub fn refused(self, code: i32, words: &str) -> Run {
        assert_eq!(self.code, code, "expected exit {code}: {self:#?}");
        assert!(self.stderr.contains(words), "expected {words:?}: {self:#?}");
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).expect("JSON on stdout")
    }
}

/// The Wine setup, or `None` (with a printed notice) when the tier is not configured here.
pub fn wine() -> Option<&'static Wine> {
    static WINE: OnceLock<Result<Wine, String>> = OnceLock::new();
    match WINE.get_or_init(Wine::from_env) {
        Ok(wine) => Some(wine),
        Err(why) => {
            eprintln!("notice: {why}; Windows (Wine) test skipped");
            None
        }
    }
}

impl Wine {
    fn from_env() -> Result<Wine, String> {
        let exe = std::env::var_os("IISTUI_WINDOWS_EXE")
            .map(PathBuf::from)
            .ok_or("IISTUI_WINDOWS_EXE (the built iistui.exe) is not set; .ci/run sets it")?;
        if !exe.is_file() {
            return Err(format!("{} does not exist", exe.display()));
        }
        let wine = std::env::var_os("IISTUI_WINE")
            .map_or_else(|| PathBuf::from("/usr/lib/wine/wine64"), PathBuf::from);
        if !wine.is_file() {
            return Err(format!("{} (IISTUI_WINE) does not exist", wine.display()));
        }
        let prefix = std::env::var_os("WINEPREFIX")
            .map(PathBuf::from)
            .ok_or("WINEPREFIX (a scratch Wine prefix) is not set; .ci/run makes one")?;
        let mut wine = Wine {
            wine,
            exe,
            prefix,
            appdata: String::new(),
            user_profile: String::new(),
        };
        // Boot the prefix (creating it if new) before the tests run in parallel, with no pipes:
        // the services it starts (winedevice.exe) outlive it, and would otherwise hold the
        // first test's stdout open, so that its `output()` never returned.
        wine.command()
            .arg("wineboot")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|e| format!("cannot run {}: {e}", wine.wine.display()))?;
        let run = wine.cmd("echo %APPDATA%& echo %USERPROFILE%");
        let mut lines = run.stdout.lines().map(str::trim);
        match (lines.next(), lines.next(), run.code) {
            (Some(appdata), Some(profile), 0) if appdata.starts_with("C:\\") => {
                wine.appdata = appdata.to_owned();
                wine.user_profile = profile.to_owned();
                Ok(wine)
            }
            _ => Err(format!("wine cmd.exe did not answer: {run:?}")),
        }
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(&self.wine);
        cmd.env("WINEPREFIX", &self.prefix)
            .env("WINEDEBUG", "-all")
            .env("WINEDLLOVERRIDES", "mscoree,mshtml=");
        for var in [
            "IISTUI_CONFIG",
            "IISTUI_BACKUP_DIR",
            "IISTUI_DATA_DIR",
            "IISTUI_CONFIG_DIR",
        ] {
            cmd.env_remove(var);
        }
        cmd
    }

    /// `iistui.exe` under Wine, ready for arguments.
    pub fn iistui(&self) -> Command {
        let mut cmd = self.command();
        cmd.arg(&self.exe);
        cmd
    }

    /// Runs `iistui.exe ARGS`.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::of(self.iistui().args(args))
    }

    /// Runs `iistui.exe ARGS` with extra environment variables (`IISTUI_BACKUP_DIR` mostly).
    pub fn run_env(&self, env: &[(&str, &str)], args: &[&str]) -> Run {
        Run::of(self.iistui().envs(env.iter().copied()).args(args))
    }

    /// Runs `iistui.exe --config CONFIG ARGS` with extra environment variables.
    pub fn on(&self, config: &str, env: &[(&str, &str)], args: &[&str]) -> Run {
        self.run_env(env, &[&["--config", config], args].concat())
    }

    /// Runs a `cmd.exe /c` line (`attrib`, `echo %VAR%`).
    pub fn cmd(&self, line: &str) -> Run {
        Run::of(self.command().args(["cmd", "/c", line]))
    }

    /// This system's path of a Windows path on `C:` (the prefix's `drive_c`) or `Z:` (`/`).
    pub fn unix_path(&self, windows: &str) -> PathBuf {
        let (drive, rest) = windows.split_at(2);
        let root = match drive.to_ascii_uppercase().as_str() {
            "C:" => self.prefix.join("drive_c"),
            "Z:" => PathBuf::from("/"),
            other => panic!("no mapping for drive {other} in {windows}"),
        };
        root.join(rest.trim_start_matches('\\').replace('\\', "/"))
    }

    /// Whether `path` (after following links) is inside the prefix: Wine links `Documents` and
    /// the like to `$HOME` when it makes a prefix, and a test must not write into a real home.
    pub fn inside_prefix(&self, path: &Path) -> bool {
        match (fs::canonicalize(path), fs::canonicalize(&self.prefix)) {
            (Ok(path), Ok(prefix)) => path.starts_with(prefix),
            _ => false,
        }
    }

    /// A fresh folder `C:\iistui-wine\NAME`, removed when dropped.
    pub fn c_folder(&self, name: &str) -> Folder {
        let unix = self.prefix.join("drive_c").join("iistui-wine").join(name);
        let _ = fs::remove_dir_all(&unix);
        fs::create_dir_all(&unix).expect("mkdir in C:");
        Folder {
            windows: format!("C:\\iistui-wine\\{name}"),
            unix,
            temp_dir: None,
        }
    }

    /// A fresh temp folder of this system, reached through `Z:\`.
    pub fn z_folder(&self) -> Folder {
        let temp = tempfile::tempdir().expect("tempdir");
        Folder {
            windows: z_path(temp.path()),
            unix: temp.path().to_path_buf(),
            temp_dir: Some(temp),
        }
    }
}

/// The `Z:\` spelling of an absolute path of this system.
pub fn z_path(path: &Path) -> String {
    format!("Z:{}", path.display()).replace('/', "\\")
}

/// A folder both sides can reach: its Windows spelling and this system's path.
pub struct Folder {
    pub windows: String,
    pub unix: PathBuf,
    /// A `Z:` folder's temp dir (removed by its own drop); `None` for a `C:` folder.
    temp_dir: Option<tempfile::TempDir>,
}

impl Folder {
    /// A path inside: Windows spelling and this system's path.
    pub fn join(&self, relative: &str) -> (String, PathBuf) {
        (
            format!("{}\\{}", self.windows, relative.replace('/', "\\")),
            self.unix.join(relative),
        )
    }

    /// Copies `source`'s bytes in as `relative` (a new, writable file: the corpus is read-only);
    /// returns both spellings.
    pub fn copy(&self, source: &Path, relative: &str) -> (String, PathBuf) {
        let (windows, unix) = self.join(relative);
        if let Some(parent) = unix.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        fs::write(&unix, fs::read(source).expect("read")).expect("write");
        (windows, unix)
    }

    /// Text that names this folder by its system path, with the Windows spelling instead.
    pub fn as_windows(&self, text: &str) -> String {
        text.replace(
            &format!("{}/", self.unix.display()),
            &format!("{}\\", self.windows),
        )
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        if self.temp_dir.is_none() {
            let _ = fs::remove_dir_all(&self.unix);
        }
    }
}

/// What most tests start with: Wine, a fresh folder, and the machine lock held shared while the
/// case lives.
pub struct Case {
    pub wine: &'static Wine,
    pub folder: Folder,
    _machine: RwLockReadGuard<'static, ()>,
}

/// A case in `C:\iistui-wine\NAME`, or `None` (with a notice) when the tier is not set up.
pub fn on_c(name: &str) -> Option<Case> {
    let wine = wine()?;
    Some(Case {
        _machine: machine_shared(),
        folder: wine.c_folder(name),
        wine,
    })
}

/// A case in a temp folder of this system reached through `Z:\`.
pub fn on_z() -> Option<Case> {
    let wine = wine()?;
    Some(Case {
        _machine: machine_shared(),
        folder: wine.z_folder(),
        wine,
    })
}

/// Tests that install a machine-wide IIS configuration (`%windir%\System32\inetsrv`) run alone;
/// every other test holds this shared, so none of them sees that schema.
static MACHINE: RwLock<()> = RwLock::new(());

fn machine_shared() -> RwLockReadGuard<'static, ()> {
    MACHINE.read().unwrap_or_else(|e| e.into_inner())
}

pub fn machine_exclusive() -> RwLockWriteGuard<'static, ()> {
    MACHINE.write().unwrap_or_else(|e| e.into_inner())
}

/// The Linux build of iistui, as the reference: `ARGS FILES…`.
pub fn linux(args: &[&str], files: &[&Path]) -> Run {
    Run::of(
        Command::new(env!("CARGO_BIN_EXE_iistui"))
            .args(args)
            .args(files)
            .env_remove("IISTUI_CONFIG"),
    )
}
