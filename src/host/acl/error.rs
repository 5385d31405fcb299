//! ACL errors: bad syntax, what a back end cannot express, unknown principals, and a tool's
//! failure with its exit code and its own words.

/// Why an ACL could not be read or changed. Nothing was changed when one of these is returned
/// before a tool ran (syntax, unsupported, principal).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AclError {
    /// The text of a rights, principal or entry argument is not icacls grammar.
    #[error("{0}")]
    Syntax(String),
    /// The back end cannot express this (a deny entry on POSIX, …); nothing was changed.
    #[error("{0}; nothing was changed")]
    Unsupported(String),
    /// The principal does not exist here or cannot be used here; nothing was changed.
    #[error("{0}; nothing was changed")]
    Principal(String),
    /// A tool ran and failed: its exit code and its output, verbatim.
    #[error("{program} failed ({}): {output}", exit_text(*code))]
    Tool {
        program: String,
        code: Option<i32>,
        output: String,
    },
    /// A tool could not be started.
    #[error("cannot run {program}: {reason}")]
    Spawn { program: String, reason: String },
    /// A tool's output was not in the form expected.
    #[error("cannot read the output of {program}: {reason}")]
    Output { program: String, reason: String },
    /// A file could not be read or written (the undo copy, a path check).
    #[error("{path}: {reason}")]
    Io { path: String, reason: String },
}

fn exit_text(code: Option<i32>) -> String {
    match code {
        Some(code) => format!("exit code {code}"),
        None => String::from("killed by a signal"),
    }
}
