//! The machine: paths and environment variables, and (in later modules) ACLs, logs, processes
//! and IIS runtime control. Platform code sits behind `cfg` here; nothing here renders.

pub mod check;
pub mod demo;
pub mod health;
pub mod paths;
pub mod runtime;
