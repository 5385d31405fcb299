//! `iistui check`'s rules over the configuration alone, and the vocabulary every check rule
//! shares: [`Problem`] (rule ID, severity, object, message, location), the [`rules`] catalogue
//! and the [`Fix`] as data. Rules that need the machine (folders, web.config files, processes)
//! live in `host::check`, which adds these and `validate`'s findings.

mod config;
mod fix;
mod problem;
pub mod rules;

pub use config::check_config;
pub use fix::{ConfigChange, Fix};
pub use problem::{ObjectRef, Problem, Severity};
pub use rules::{RULES, Rule, rule_by_id};

#[cfg(test)]
mod tests;
