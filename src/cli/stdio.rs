//! Where CLI output goes. Standard output through one buffer whose every write can fail (a
//! reader that went away, as in `iistui list sites | head -1`, ends the command quietly instead
//! of a panic); standard error line by line, where a failure is ignored. Every line passes
//! through `host::terminal_text`, so names, paths and values from a file reach the terminal as
//! visible escapes, never as control or bidi characters; JSON keeps JSON's own escapes.

use std::io::{self, BufWriter, StdoutLock, Write};

use serde::Serialize;

use crate::host::terminal_text::{escape, escape_json, escape_lines};

use super::error::CliError;

/// Buffered standard output.
pub struct Out {
    inner: BufWriter<StdoutLock<'static>>,
}

impl Out {
    pub fn new() -> Out {
        Out {
            inner: BufWriter::with_capacity(1 << 16, io::stdout().lock()),
        }
    }

    /// One line of text, escaped.
    pub fn line(&mut self, line: &str) -> Result<(), CliError> {
        self.write(escape(line).as_bytes())?;
        self.write(b"\n")
    }

    /// Several lines (a diff), escaped line by line; the text's own line breaks stay.
    pub fn text(&mut self, text: &str) -> Result<(), CliError> {
        self.write(escape_lines(text).as_bytes())
    }

    /// A value as JSON and a newline: indented for a person, compact for a program.
    pub fn json<T: Serialize + ?Sized>(&mut self, value: &T, pretty: bool) -> Result<(), CliError> {
        let text = if pretty {
            serde_json::to_string_pretty(value)
        } else {
            serde_json::to_string(value)
        }
        .map_err(|e| CliError::usage(format!("cannot write JSON: {e}")))?;
        self.json_text(&text)?;
        self.write(b"\n")
    }

    /// Already serialized JSON (part of a document written in pieces).
    pub fn json_text(&mut self, json: &str) -> Result<(), CliError> {
        self.write(escape_json(json).as_bytes())
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), CliError> {
        self.inner.write_all(bytes).map_err(CliError::output)
    }

    /// Writes out what is buffered so far (before a message on standard error).
    pub fn flush(&mut self) -> Result<(), CliError> {
        self.inner.flush().map_err(CliError::output)
    }

    /// Writes out what is buffered; a command's output is complete only after this.
    pub fn finish(mut self) -> Result<(), CliError> {
        self.flush()
    }
}

impl Default for Out {
    fn default() -> Self {
        Out::new()
    }
}

/// `PREFIX: MESSAGE` on standard error as one line, escaped (notes, warnings, the final error
/// line). A closed standard error is not worth failing for.
pub fn note(prefix: &str, message: &str) {
    let _ = writeln!(io::stderr().lock(), "{prefix}: {}", escape(message));
}

/// A line on standard error without a prefix (the dry run's closing words).
pub fn note_line(message: &str) {
    let _ = writeln!(io::stderr().lock(), "{}", escape(message));
}
