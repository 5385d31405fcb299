//! `iistui get site|apppool|app|vdir ID [KEY] [--json]`: effective values and their origin.

use crate::model::apphost::{AppHost, Effective, Origin, Target};

use super::error::CliError;
use super::output::{KeyJson, print_json};
use super::stdio::Out;

pub fn run(
    host: AppHost<'_>,
    target: &Target,
    key: Option<&str>,
    json: bool,
) -> Result<(), CliError> {
    let resolver = target.resolver(host)?;
    let values: Vec<Effective> = match key {
        Some(key) => vec![resolver.get(key)?],
        None => resolver.all(),
    };
    if json {
        return match key {
            Some(_) => print_json(&KeyJson::new(&values[0])),
            None => print_json(&values.iter().map(KeyJson::new).collect::<Vec<_>>()),
        };
    }
    let width = values.iter().map(|v| v.key.len()).max().unwrap_or(0);
    let mut out = Out::new();
    for value in &values {
        let shown = value.shown();
        out.line(&match value.origin {
            Origin::Unset => format!("{:width$} = {shown}", value.key),
            _ => format!("{:width$} = {shown}  ({})", value.key, value.origin.label()),
        })?;
    }
    out.finish()
}
