//! `iistui check [--json] [--severity error|warning|info]`: `SEVERITY ID object: message` and the
//! fix on the next line (with its `iistui` command, quoted for the shell), a summary, and notes
//! on what this machine could not check; exit 1 when any error is found.

use serde::Serialize;

use crate::host::check::{CheckOptions, CheckReport, check};
use crate::host::runtime;
use crate::model::apphost::AppHost;
use crate::model::doc::{Document, Location};
use crate::model::schema::SchemaSet;
use crate::model::validate::hosting::{ConfigChange, ObjectRef, Problem, Severity, rule_by_id};

use super::args::CheckSeverity;
use super::error::CliError;

/// One problem as `check --json` prints it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProblemJson<'a> {
    id: &'a str,
    severity: Severity,
    title: &'a str,
    object: String,
    object_ref: &'a ObjectRef,
    message: &'a str,
    location: Option<Location>,
    fix: &'a crate::model::validate::hosting::Fix,
}

#[derive(Serialize)]
struct ReportJson<'a> {
    problems: Vec<ProblemJson<'a>>,
    errors: usize,
    warnings: usize,
    info: usize,
    notes: &'a [String],
}

fn shown(severity: Severity, least: CheckSeverity) -> bool {
    let least = match least {
        CheckSeverity::Error => Severity::Error,
        CheckSeverity::Warning => Severity::Warning,
        CheckSeverity::Info => Severity::Info,
    };
    severity <= least
}

pub fn run(
    doc: &Document,
    schema: &SchemaSet,
    machine: bool,
    json: bool,
    least: CheckSeverity,
) -> Result<u8, CliError> {
    let states = runtime::for_connection(machine).states().ok();
    let host = AppHost::new(doc, schema);
    for note in host.sections_elsewhere() {
        eprintln!("note: {}", escape(&note));
    }
    let report = check(
        host,
        &CheckOptions {
            states: states.as_ref(),
            extra: Vec::new(),
        },
    );
    let visible: Vec<&Problem> = report
        .problems
        .iter()
        .filter(|p| shown(p.severity, least))
        .collect();
    if json {
        print_json(&report, &visible)?;
    } else {
        print_text(&report, &visible);
    }
    Ok(u8::from(report.count(Severity::Error) > 0))
}

fn print_json(report: &CheckReport, visible: &[&Problem]) -> Result<(), CliError> {
    let problems = visible
        .iter()
        .map(|p| ProblemJson {
            id: p.rule,
            severity: p.severity,
            title: rule_by_id(p.rule).map(|r| r.title).unwrap_or(""),
            object: p.object.to_string(),
            object_ref: &p.object,
            message: &p.message,
            location: p.location,
            fix: &p.fix,
        })
        .collect();
    super::output::print_json(&ReportJson {
        problems,
        errors: report.count(Severity::Error),
        warnings: report.count(Severity::Warning),
        info: report.count(Severity::Info),
        notes: &report.notes,
    })
}

fn print_text(report: &CheckReport, visible: &[&Problem]) {
    use std::io::Write;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for problem in visible {
        let line = problem
            .location
            .map(|l| format!(" (line {})", l.line))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{} {} {}: {}{line}",
            problem.severity.label(),
            problem.rule,
            escape(&problem.object.to_string()),
            escape(&problem.message)
        );
        let _ = writeln!(out, "  fix: {}", fix_text(problem));
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let _ = writeln!(
        out,
        "{}: {}, {}, {} info{}",
        plural(report.problems.len(), "problem"),
        plural(report.count(Severity::Error), "error"),
        plural(report.count(Severity::Warning), "warning"),
        report.count(Severity::Info),
        if visible.len() < report.problems.len() {
            format!(" ({} shown)", visible.len())
        } else {
            String::new()
        }
    );
    let _ = out.flush();
    for note in &report.notes {
        eprintln!("note: {}", escape(note));
    }
}

fn fix_text(problem: &Problem) -> String {
    let fix = &problem.fix;
    let text = escape(&fix.text);
    match &fix.change {
        Some(ConfigChange::AspNetCore { web_config, .. }) => {
            format!(
                "{text} (a change to {}; iistui's Problems view applies it)",
                escape(web_config)
            )
        }
        Some(change) => match change.argv() {
            Some(argv) => {
                let words: Vec<String> = argv.iter().map(|w| shell_quote(w)).collect();
                format!("{text}: {}", words.join(" "))
            }
            None => text,
        },
        None => text,
    }
}

/// Control characters (C0, DEL, C1) and bidirectional overrides from the configuration as
/// visible `\u{…}` escapes.
// TODO(lead): shared escape — replace with the shared terminal escape from h-output.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}');
        if c.is_control() || bidi {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A word for the shell the command will be pasted into: POSIX single quotes, or PowerShell's
/// on Windows; words of plain characters stay bare.
fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@+,".contains(c));
    if plain {
        return escape(word);
    }
    let quoted = if cfg!(windows) {
        format!("'{}'", word.replace('\'', "''"))
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    };
    escape(&quoted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_control_and_bidi_characters_and_quotes_commands() {
        assert_eq!(
            escape("a\u{1b}[31mb\u{202e}c\u{85}"),
            "a\\u{1b}[31mb\\u{202e}c\\u{85}"
        );
        assert_eq!(escape("C:\\sites\\x"), "C:\\sites\\x");
        assert_eq!(shell_quote("DefaultAppPool"), "DefaultAppPool");
        assert_eq!(
            shell_quote("managedRuntimeVersion="),
            "managedRuntimeVersion="
        );
        if !cfg!(windows) {
            assert_eq!(shell_quote("My Pool"), "'My Pool'");
            assert_eq!(shell_quote("it's"), "'it'\\''s'");
            assert_eq!(shell_quote(""), "''");
        }
        assert!(shown(Severity::Error, CheckSeverity::Warning));
        assert!(!shown(Severity::Info, CheckSeverity::Warning));
    }
}
