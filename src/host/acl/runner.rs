//! Running the ACL tools (icacls, getfacl, setfacl, getent, id) as argument vectors, never a
//! shell string; behind a trait so tests can record the exact vectors and answer with recorded
//! output.

use std::io::Write as _;
use std::process::{Command, Stdio};

use super::error::AclError;

/// What a tool printed and how it exited.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ToolOutput {
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl ToolOutput {
    pub fn success(&self) -> bool {
        self.code == Some(0)
    }

    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    /// stderr then stdout, trimmed: what the tool said, for an error message.
    pub fn said(&self) -> String {
        let err = String::from_utf8_lossy(&self.stderr);
        let out = String::from_utf8_lossy(&self.stdout);
        let mut text = String::from(err.trim_end());
        if !out.trim().is_empty() {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(out.trim_end());
        }
        text
    }

    /// The tool's failure as an error, its words verbatim.
    pub fn failure(&self, program: &str) -> AclError {
        AclError::Tool {
            program: program.to_owned(),
            code: self.code,
            output: self.said(),
        }
    }
}

/// One run of a tool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    pub program: String,
    pub args: Vec<String>,
    /// Text fed to the tool's standard input.
    pub stdin: Option<String>,
}

impl Invocation {
    pub fn new(program: &str, args: Vec<String>) -> Invocation {
        Invocation {
            program: program.to_owned(),
            args,
            stdin: None,
        }
    }
}

/// Runs tools.
pub trait Runner {
    fn run(&self, invocation: &Invocation) -> Result<ToolOutput, AclError>;
}

/// Runs tools as child processes.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemRunner;

impl Runner for SystemRunner {
    fn run(&self, invocation: &Invocation) -> Result<ToolOutput, AclError> {
        let spawn_error = |e: std::io::Error| AclError::Spawn {
            program: invocation.program.clone(),
            reason: match (e.kind(), invocation.program.as_str()) {
                (std::io::ErrorKind::NotFound, "getfacl" | "setfacl") => String::from(
                    "it is not installed (getfacl and setfacl come with the acl package; macOS has neither)",
                ),
                (std::io::ErrorKind::NotFound, _) => String::from("it is not installed"),
                _ => e.to_string(),
            },
        };
        let mut command = Command::new(&invocation.program);
        command
            .args(&invocation.args)
            .stdin(if invocation.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        // Tools print in English, the language this parser reads (POSIX tools only; icacls
        // follows the Windows display language whatever this says).
        command.env("LC_ALL", "C");
        let mut child = command.spawn().map_err(spawn_error)?;
        let stdin = child.stdin.take();
        // Standard input is written on its own thread while the output is read: a tool that
        // fills its stderr pipe before it has read all its input would otherwise wait forever.
        let output = std::thread::scope(|scope| {
            let writer = scope.spawn(|| match (&invocation.stdin, stdin) {
                (Some(text), Some(mut pipe)) => pipe.write_all(text.as_bytes()),
                _ => Ok(()),
            });
            let output = child.wait_with_output();
            let written = writer
                .join()
                .unwrap_or_else(|_| Err(std::io::Error::other("the input writer panicked")));
            // A tool that stopped reading has failed; its exit code and words say why.
            let written = written.or_else(|e| match e.kind() {
                std::io::ErrorKind::BrokenPipe => Ok(()),
                _ => Err(e),
            });
            output.and_then(|o| written.map(|()| o))
        })
        .map_err(spawn_error)?;
        Ok(ToolOutput {
            code: output.status.code(),
            stdout: output.stdout,
            stderr: output.stderr,
        })
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn run(program: &str, args: &[&str], stdin: Option<String>) -> ToolOutput {
        let invocation = Invocation {
            program: program.to_owned(),
            args: args.iter().map(|a| (*a).to_owned()).collect(),
            stdin,
        };
        SystemRunner.run(&invocation).expect("runs")
    }

    #[test]
    fn a_tool_that_fills_stderr_before_reading_its_input_does_not_hang() {
        let input = "x".repeat(1 << 20);
        let out = run(
            "sh",
            &["-c", "head -c 300000 /dev/zero | tr '\\0' e >&2; wc -c"],
            Some(input),
        );
        assert!(out.success());
        assert_eq!(out.stderr.len(), 300_000);
        assert_eq!(out.stdout_text().trim(), "1048576");
    }

    #[test]
    fn a_tool_that_does_not_read_its_input_reports_its_own_exit() {
        let out = run(
            "sh",
            &["-c", "echo refused >&2; exit 3"],
            Some("y".repeat(1 << 20)),
        );
        assert_eq!(out.code, Some(3));
        assert_eq!(out.said(), "refused");
        let err = Invocation::new("no-such-tool-anywhere", Vec::new());
        assert!(matches!(
            SystemRunner.run(&err),
            Err(AclError::Spawn { .. })
        ));
    }
}
