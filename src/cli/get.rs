//! `iistui get site|apppool|app|vdir ID [KEY] [--json]`: effective values and their origin.

use crate::model::apphost::{AppHost, Effective, Origin, Target};

use super::error::CliError;
use super::output::{KeyJson, print_json};

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
    for value in &values {
        let shown = value.shown();
        match value.origin {
            Origin::Unset => println!("{:width$} = {shown}", value.key),
            _ => println!("{:width$} = {shown}  ({})", value.key, value.origin.label()),
        }
    }
    Ok(())
}
