//! `iistui validate FILE…`: XML and schema errors as `FILE:LINE:COL: error: <where>: <what>`,
//! a summary line (with how many sections the schema could not check), exit 0 clean / 1 errors /
//! 2 usage or I/O error.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::model::doc::Document;
use crate::model::schema::SchemaSet;
use crate::model::store::read_config;
use crate::model::validate::{Finding, Report, Severity, check as validate};
use crate::model::wording::count;

use super::error::CliError;
use super::stdio::{Out, note};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FileReport<'a> {
    file: String,
    findings: &'a [Finding],
    unchecked_sections: &'a [String],
}

fn schema_with(extra: &[PathBuf]) -> Result<SchemaSet, CliError> {
    let mut schema = if extra.is_empty() {
        super::machine_schema()
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
fn check(path: &Path, schema: &SchemaSet, max_size: u64) -> Result<Report, String> {
    let bytes = read_config(path, max_size).map_err(|e| e.read_reason())?;
    match Document::parse(bytes) {
        Ok(doc) => Ok(validate(&doc, schema)),
        Err(err) => Ok(Report {
            findings: vec![Finding {
                location: err.location,
                severity: Severity::Error,
                place: String::from("XML"),
                message: err.message,
            }],
            unchecked_sections: Vec::new(),
        }),
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
    let mut unchecked = 0usize;
    let mut reports = Vec::new();
    let mut all_findings = Vec::new();
    let mut out = Out::new();
    for file in files {
        match check(file, &schema, max_size) {
            Ok(report) => {
                unchecked += report.unchecked_sections.len();
                for f in &report.findings {
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
                        out.line(&format!(
                            "{}:{}: {level}: {}: {}",
                            file.display(),
                            f.location,
                            f.place,
                            f.message
                        ))?;
                    }
                }
                all_findings.push((file.display().to_string(), report));
            }
            Err(reason) => {
                unreadable += 1;
                // Keeps stdout and stderr in the order they happened.
                out.flush()?;
                note(
                    "iistui",
                    &format!("cannot read {}: {reason}", file.display()),
                );
            }
        }
    }
    if json {
        for (file, report) in &all_findings {
            reports.push(FileReport {
                file: file.clone(),
                findings: &report.findings,
                unchecked_sections: &report.unchecked_sections,
            });
        }
        out.json(&reports, true)?;
    } else {
        let checked = files.len() - unreadable;
        let mut summary = format!(
            "{} checked: {}, {}",
            count(checked, "file"),
            count(errors, "error"),
            count(warnings, "warning")
        );
        if unchecked > 0 {
            summary.push_str(&format!(
                ", {} not checked (no schema)",
                count(unchecked, "section")
            ));
        }
        if unreadable > 0 {
            summary.push_str(&format!(", {} unreadable", count(unreadable, "file")));
        }
        out.line(&summary)?;
    }
    out.finish()?;
    Ok(if unreadable > 0 {
        2
    } else if errors > 0 {
        1
    } else {
        0
    })
}
