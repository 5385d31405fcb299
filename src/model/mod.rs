//! The model: lossless configuration documents, the IIS schema, typed IIS views and the safe
//! store. No UI, no async; the CLI and the TUI both go through here.

pub mod doc;
pub mod schema;
