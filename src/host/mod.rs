//! The machine: paths and environment variables, ACLs (icacls grammar, icacls and POSIX back
//! ends), and (in later modules) logs, processes and IIS runtime control, and the edges to the
//! user's terminal and shell (escaping text, quoting command lines). Platform code sits behind
//! `cfg` here; nothing here renders.

pub mod acl;
pub mod addresses;
pub mod check;
pub mod connection;
pub mod demo;
pub mod health;
pub mod paths;
pub mod redirection;
pub mod runtime;
pub mod schema;
pub mod shell_quote;
pub mod terminal_text;
