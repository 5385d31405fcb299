//! `iistui validate FILE…`: XML and schema errors as `FILE:LINE:COL: error: <where>: <what>`,
//! a summary line, exit 0 clean / 1 errors / 2 usage or I/O error.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::model::doc::Document;
use crate::model::schema::SchemaSet;
use crate::model::store::read_config;
use crate::model::validate::{Finding, Severity, validate};

use super::error::CliError;

#[derive(Serialize)]
struct FileReport<'a> {
    file: String,
    findings: &'a [Finding],
}

fn schema_with(extra: &[PathBuf]) -> Result<SchemaSet, CliError> {
    let mut schema = if extra.is_empty() {
        SchemaSet::for_this_machine()
    } else {
        SchemaSet::new()
    };
    for path in extra {
        let result = if path.is_dir() {
            schema.load_dir(path).map(|_| ())
        } else {
            schema.load_file(path)
        };
        result.map_err(|e| CliError::usage(e.to_string()))?;
    }
    if !extra.is_empty() {
        schema.fill_from(&SchemaSet::bundled());
    }
    Ok(schema)
}

/// Validates one file: findings, or an XML error (as a finding), or an I/O error.
fn check(path: &Path, schema: &SchemaSet, max_size: u64) -> Result<Vec<Finding>, String> {
    let bytes = read_config(path, max_size).map_err(|e| e.read_reason())?;
    match Document::parse(bytes) {
        Ok(doc) => Ok(validate(&doc, schema)),
        Err(err) => Ok(vec![Finding {
            location: err.location,
            severity: Severity::Error,
            place: String::from("XML"),
            message: err.message,
        }]),
    }
}

pub fn run(
    files: &[PathBuf],
    extra_schema: &[PathBuf],
    json: bool,
    max_size: u64,
) -> Result<u8, CliError> {
    let schema = schema_with(extra_schema)?;
    let (mut errors, mut warnings, mut unreadable) = (0usize, 0usize, 0usize);
    let mut reports = Vec::new();
    let mut all_findings = Vec::new();
    for file in files {
        match check(file, &schema, max_size) {
            Ok(findings) => {
                for f in &findings {
                    match f.severity {
                        Severity::Error => errors += 1,
                        Severity::Warning => warnings += 1,
                    }
                    if !json {
                        let level = if f.severity == Severity::Error {
                            "error"
                        } else {
                            "warning"
                        };
                        println!(
                            "{}:{}: {level}: {}: {}",
                            file.display(),
                            f.location,
                            f.place,
                            f.message
                        );
                    }
                }
                all_findings.push((file.display().to_string(), findings));
            }
            Err(reason) => {
                unreadable += 1;
                eprintln!("iistui: cannot read {}: {reason}", file.display());
            }
        }
    }
    if json {
        for (file, findings) in &all_findings {
            reports.push(FileReport {
                file: file.clone(),
                findings,
            });
        }
        super::output::print_json(&reports)?;
    } else {
        let checked = files.len() - unreadable;
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let mut summary = format!(
            "{} checked: {}, {}",
            plural(checked, "file"),
            plural(errors, "error"),
            plural(warnings, "warning")
        );
        if unreadable > 0 {
            summary.push_str(&format!(", {} unreadable", plural(unreadable, "file")));
        }
        println!("{summary}");
    }
    Ok(if unreadable > 0 {
        2
    } else if errors > 0 {
        1
    } else {
        0
    })
}
