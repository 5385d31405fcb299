//! The bundled demo server (placeholder while the demo assets are written).

use std::path::PathBuf;

/// Copies the demo server into the data directory (once, or afresh with `reset`).
pub fn prepare(_reset: bool) -> std::io::Result<(PathBuf, Option<String>)> {
    Err(std::io::Error::other("the demo server is not bundled yet"))
}
