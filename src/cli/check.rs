//! `iistui check [--json] [--severity error|warning|info]`: `SEVERITY ID object: message` and the
//! fix on the next line (with its `iistui` command, quoted for the shell), a summary, and notes
//! on what this machine could not check; exit 1 when any error is found.

use serde::Serialize;

use crate::host::check::{CheckReport, check_this_machine};
use crate::host::runtime;
use crate::model::apphost::AppHost;
use crate::model::doc::{Document, Location};
use crate::model::schema::SchemaSet;
use crate::model::validate::hosting::{ConfigChange, ObjectRef, Problem, Severity, rule_by_id};

use crate::host::shell_quote::{CommandLine, Shell};
use crate::model::wording::count;

use super::args::CheckSeverity;
use super::error::CliError;
use super::stdio::{Out, note};

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
    start: &CommandLine,
) -> Result<u8, CliError> {
    let states = runtime::for_connection(machine).states().ok();
    let host = AppHost::new(doc, schema);
    for line in host.sections_elsewhere() {
        note("note", &line);
    }
    let report = check_this_machine(host, states.as_ref());
    let visible: Vec<&Problem> = report
        .problems
        .iter()
        .filter(|p| shown(p.severity, least))
        .collect();
    if json {
        print_json(&report, &visible)?;
    } else {
        print_text(&report, &visible, start)?;
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

fn print_text(
    report: &CheckReport,
    visible: &[&Problem],
    start: &CommandLine,
) -> Result<(), CliError> {
    let mut out = Out::new();
    for problem in visible {
        let line = problem
            .location
            .map(|l| format!(" (line {})", l.line))
            .unwrap_or_default();
        out.line(&format!(
            "{} {} {}: {}{line}",
            problem.severity.label(),
            problem.rule,
            problem.object,
            problem.message
        ))?;
        out.line(&format!("  fix: {}", fix_text(problem, start)))?;
    }
    out.line(&format!(
        "{}: {}, {}, {} info{}",
        count(report.problems.len(), "problem"),
        count(report.count(Severity::Error), "error"),
        count(report.count(Severity::Warning), "warning"),
        report.count(Severity::Info),
        if visible.len() < report.problems.len() {
            format!(" ({} shown)", visible.len())
        } else {
            String::new()
        }
    ))?;
    out.finish()?;
    for line in &report.notes {
        note("note", line);
    }
    Ok(())
}

/// The fix, with its `iistui` command after `start` (`iistui` and the option naming the
/// configuration checked), quoted for this machine's shell (the caller escapes).
fn fix_text(problem: &Problem, start: &CommandLine) -> String {
    let fix = &problem.fix;
    let command = |args: &[String]| {
        args.iter()
            .fold(start.clone(), |cmd, arg| cmd.word(arg))
            .finish()
    };
    match &fix.change {
        Some(ConfigChange::AspNetCore {
            web_config,
            attribute,
            value,
        }) => {
            let setting = format!("{attribute}={value}");
            match &problem.object {
                ObjectRef::Application { id } => format!(
                    "{} (in {web_config}): press N on the application in the TUI (ASP.NET Core settings), or run: {}",
                    fix.text,
                    command(&["set".into(), "aspnetcore".into(), id.clone(), setting])
                ),
                // No application to name: the web.config opened directly (its ID is `.`).
                _ => format!(
                    "{} (in {web_config}): {}",
                    fix.text,
                    CommandLine::new(Shell::native(), "iistui")
                        .path_option("--config", std::ffi::OsStr::new(web_config))
                        .word("set")
                        .word("aspnetcore")
                        .word(".")
                        .word(&setting)
                        .finish()
                ),
            }
        }
        Some(change) => match change.argv() {
            Some(argv) => format!("{}: {}", fix.text, command(argv.get(1..).unwrap_or(&[]))),
            None => fix.text.clone(),
        },
        // A manual fix's command template (`iistui add binding --site x http/*:80:<host name>`)
        // names the configuration too.
        None => fix.text.replacen(
            "iistui add ",
            &format!("{} add ", start.clone().finish()),
            1,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_filter_from_the_least_shown() {
        assert!(shown(Severity::Error, CheckSeverity::Warning));
        assert!(!shown(Severity::Info, CheckSeverity::Warning));
        assert!(shown(Severity::Info, CheckSeverity::Info));
    }
}
