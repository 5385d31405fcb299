//! The machine: paths and environment variables, and (in later modules) ACLs, logs, processes
//! and IIS runtime control, and the edges to the user's terminal and shell (escaping text, quoting
//! command lines). Platform code sits behind `cfg` here; nothing here renders.

pub mod addresses;
pub mod demo;
pub mod paths;
pub mod runtime;
pub mod shell_quote;
pub mod terminal_text;
