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
        if let (Some(text), Some(mut stdin)) = (&invocation.stdin, child.stdin.take()) {
            stdin.write_all(text.as_bytes()).map_err(spawn_error)?;
        }
        let output = child.wait_with_output().map_err(spawn_error)?;
        Ok(ToolOutput {
            code: output.status.code(),
            stdout: output.stdout,
            stderr: output.stderr,
        })
    }
}
