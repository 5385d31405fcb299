//! Parse errors of the lossless document: a message pinned to a 1-based line and column
//! (columns count characters, not bytes), optionally with the file it came from.

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in a document: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Location {
    pub line: u32,
    pub column: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Why a document could not be parsed, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub path: Option<PathBuf>,
    pub location: Location,
    pub message: String,
}

impl ParseError {
    pub fn new(location: Location, message: impl Into<String>) -> Self {
        ParseError {
            path: None,
            location,
            message: message.into(),
        }
    }

    /// Attaches the file the document was read from, for `FILE:LINE:COL` messages.
    pub fn with_path(mut self, path: &Path) -> Self {
        self.path = Some(path.to_path_buf());
        self
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self
            .path
            .as_deref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "<input>".into());
        write!(f, "{}:{}: {}", file, self.location, self.message)
    }
}

impl std::error::Error for ParseError {}
