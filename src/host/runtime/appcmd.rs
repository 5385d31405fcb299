//! The Windows back end: `%windir%\system32\inetsrv\appcmd.exe`, always run with an argument
//! vector (never through a shell), its output parsed and its exit code reported. The process
//! runner is a seam, so the parsing is tested on recorded outputs anywhere.

use std::path::{Path, PathBuf};

use super::control::{Control, ControlError, ControlOutcome};
use super::parse::{parse_appcmd_xml, parse_error, parse_list, success_line};
use super::{Runtime, RuntimeStates};

/// What a finished program printed and how it ended.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunOutput {
    /// `None` when it was ended by a signal.
    pub exit_code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// Runs a program with arguments and waits for it.
pub trait CommandRunner: Send + Sync {
    fn run(&self, program: &Path, args: &[String]) -> std::io::Result<RunOutput>;
}

/// Runs programs for real (`std::process::Command`, no shell).
pub struct SystemRunner;

impl CommandRunner for SystemRunner {
    fn run(&self, program: &Path, args: &[String]) -> std::io::Result<RunOutput> {
        let output = std::process::Command::new(program)
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()?;
        Ok(RunOutput {
            exit_code: output.status.code(),
            stdout: output.stdout,
            stderr: output.stderr,
        })
    }
}

/// appcmd.exe and the runner that starts it.
pub struct AppCmd<R: CommandRunner = SystemRunner> {
    pub exe: PathBuf,
    pub runner: R,
}

impl AppCmd<SystemRunner> {
    /// This machine's appcmd.exe, when IIS is installed.
    pub fn locate() -> Option<AppCmd<SystemRunner>> {
        let windir = std::env::var_os("windir").or_else(|| std::env::var_os("SystemRoot"))?;
        let exe = PathBuf::from(windir)
            .join("system32")
            .join("inetsrv")
            .join("appcmd.exe");
        exe.is_file().then_some(AppCmd {
            exe,
            runner: SystemRunner,
        })
    }
}

impl<R: CommandRunner> AppCmd<R> {
    /// `appcmd.exe stop apppool /apppool.name:Shop` as shown in messages.
    fn shown(&self, args: &[String]) -> String {
        let mut shown = String::from("appcmd");
        for arg in args {
            shown.push(' ');
            if arg.contains([' ', '"']) || arg.is_empty() {
                shown.push('"');
                shown.push_str(arg);
                shown.push('"');
            } else {
                shown.push_str(arg);
            }
        }
        shown
    }

    fn run(&self, args: &[String]) -> Result<(RunOutput, String), ControlError> {
        let output = self
            .runner
            .run(&self.exe, args)
            .map_err(|e| ControlError::CannotRun {
                program: self.exe.display().to_string(),
                reason: e.to_string(),
            })?;
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        if output.exit_code == Some(0) {
            return Ok((output, text));
        }
        let stderr = String::from_utf8_lossy(&output.stderr);
        let (hresult, message) = parse_error(&text)
            .or_else(|| parse_error(&stderr))
            .unwrap_or_else(|| {
                let raw = [text.trim(), stderr.trim()].join(" ");
                (None, raw.trim().to_owned())
            });
        Err(ControlError::Failed {
            command: self.shown(args),
            exit_code: output.exit_code,
            hresult,
            message,
        })
    }

    fn list_states(
        &self,
        kind: &str,
        element: &str,
        name_attr: &str,
    ) -> Result<std::collections::HashMap<String, String>, String> {
        let args = [String::from("list"), kind.to_owned(), String::from("/xml")];
        let (output, _) = self.run(&args).map_err(|e| e.to_string())?;
        parse_appcmd_xml(&output.stdout, element, name_attr)
    }

    /// Runs a control and reads the object's state afterwards.
    pub fn perform(&self, control: &Control) -> Result<ControlOutcome, ControlError> {
        let args = control.appcmd_args();
        let (_, text) = self.run(&args)?;
        let message = success_line(&text, control.name(), control.done())
            .map(str::to_owned)
            .unwrap_or_else(|| text.trim().to_owned());
        let state = self
            .run(&control.appcmd_list_args())
            .ok()
            .and_then(|(_, listed)| {
                parse_list(&listed)
                    .into_iter()
                    .find(|l| l.name.eq_ignore_ascii_case(control.name()))
                    .and_then(|l| l.get("state").map(str::to_owned))
            });
        Ok(ControlOutcome { message, state })
    }
}

impl<R: CommandRunner> Runtime for AppCmd<R> {
    fn states(&self) -> Result<RuntimeStates, String> {
        Ok(RuntimeStates {
            sites: self.list_states("site", "SITE", "SITE.NAME")?,
            app_pools: self.list_states("apppool", "APPPOOL", "APPPOOL.NAME")?,
        })
    }

    fn can_control(&self) -> Result<(), ControlError> {
        Ok(())
    }

    fn control(&self, control: &Control) -> Result<ControlOutcome, ControlError> {
        self.perform(control)
    }
}
