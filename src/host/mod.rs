//! The machine: paths and environment variables, ACLs (icacls grammar, icacls and POSIX back
//! ends), and (in later modules) logs, processes
//! and IIS runtime control. Platform code sits behind `cfg` here; nothing here renders.

pub mod acl;
pub mod demo;
pub mod paths;
pub mod runtime;
