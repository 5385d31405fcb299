//! The model: lossless configuration documents, the IIS schema, typed IIS views and the safe
//! store. No UI, no async; the CLI and the TUI both go through here.

pub mod apphost;
pub mod doc;
pub mod generate;
pub mod invisible;
pub mod schema;
pub mod store;
pub mod validate;
pub mod webconfig;
pub mod wording;
