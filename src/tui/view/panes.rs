//! The start page (the connection's file, counts and the problems `iistui check` finds) and the
//! error page of a configuration that failed to parse.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::host::connection::ConnectionKind;
use crate::host::terminal_text::escape;
use crate::model::apphost::{locations, protected_data, section_declarations};
use crate::model::validate::hosting::Severity;
use crate::model::wording::count;

use super::super::app::{App, Focus};
use super::safe_text::escape_spans;

fn field<'a>(app: &App, label: &str, value: String) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label:<12}"), app.theme.dim()),
        Span::styled(value, app.theme.text()),
    ])
}

/// Where a problem's text starts: `  error IIS0210 `.
const PROBLEM_INDENT: usize = 16;

pub fn start_page(frame: &mut Frame, app: &mut App, area: Rect) {
    let theme = &app.theme;
    let Some(conn) = app.conn() else { return };
    let block = Block::bordered()
        .title(Span::styled(
            format!(" {} ", escape(&conn.label)),
            theme.title(false),
        ))
        .border_style(theme.border(false));
    let mut lines = Vec::new();
    if let Some(error) = &conn.error {
        lines.push(Line::from(Span::styled(
            "This configuration could not be opened:",
            theme.error(),
        )));
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            escape(error).into_owned(),
            theme.error(),
        )));
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("Nothing was changed. Fix the file (iistui validate FILE lists every problem) and press ^R to reload.", theme.dim())));
        frame.render_widget(
            Paragraph::new(lines)
                .block(block)
                .wrap(Wrap { trim: false }),
            area,
        );
        return;
    }
    let kind = match conn.kind {
        ConnectionKind::Machine => "This machine's IIS",
        ConnectionKind::IisExpress => "IIS Express (this user)",
        ConnectionKind::File => "Configuration file",
        ConnectionKind::Demo => "Demo server (a copy; the repository is never modified)",
    };
    lines.push(field(app, "File", conn.display_path.clone()));
    lines.push(field(
        app,
        "Kind",
        format!(
            "{kind}{}",
            if conn.is_read_only() {
                " · read-only"
            } else {
                ""
            }
        ),
    ));
    lines.push(field(
        app,
        "Contents",
        format!(
            "{} · {} · {}",
            count(conn.rows.sites.len(), "site"),
            count(conn.rows.pools.len(), "application pool"),
            count(conn.application_count(), "application")
        ),
    ));
    let state = match (&conn.states, &conn.state_note) {
        (Some(_), _) => String::from("read from IIS (appcmd)"),
        (None, Some(note)) => format!("— · {note}"),
        (None, None) => String::from("reading…"),
    };
    lines.push(field(app, "State", state));
    if let Some(store) = &conn.store {
        let doc = store.document();
        let sections = section_declarations(doc);
        if !sections.is_empty() {
            let delegated = sections
                .iter()
                .filter(|s| s.override_mode_default.as_deref() == Some("Allow"))
                .count();
            lines.push(field(
                app,
                "Sections",
                format!(
                    "{} declared, {delegated} delegated (overrideModeDefault=\"Allow\")",
                    sections.len()
                ),
            ));
        }
        let providers = protected_data(doc);
        if !providers.is_empty() {
            let default = providers
                .iter()
                .find(|p| p.is_default)
                .map(|p| p.name.clone())
                .unwrap_or_else(|| String::from("none"));
            lines.push(field(
                app,
                "Encryption",
                format!(
                    "{} in <configProtectedData>, default {default}",
                    count(providers.len(), "provider")
                ),
            ));
        }
        let locations = locations(doc);
        if !locations.is_empty() {
            lines.push(field(
                app,
                "Locations",
                count(locations.len(), "<location> section"),
            ));
        }
    }
    for note in &conn.notes {
        lines.push(field(app, "Note", note.clone()));
    }
    lines.push(Line::from(""));
    match &conn.problems {
        None => lines.push(Line::from(Span::styled(
            "Checking the configuration and this machine…",
            theme.dim(),
        ))),
        Some(report) if report.problems.is_empty() => lines.push(Line::from(Span::styled(
            "No problems found (iistui check).",
            theme.ok(),
        ))),
        Some(report) => {
            let head = format!(
                "Problems ({}, {}, {} info; ! shows them with their fixes):",
                count(report.count(Severity::Error), "error"),
                count(report.count(Severity::Warning), "warning"),
                report.count(Severity::Info)
            );
            let room = (area.width as usize).saturating_sub(2);
            for part in super::problems::wrap_all(&head, room) {
                lines.push(Line::from(Span::styled(part, theme.header())));
            }
            for problem in &report.problems {
                let (label, style) = super::problems::severity_label(theme, problem.severity);
                let text = format!("{}: {}", problem.object, problem.message);
                // Messages wrap under themselves: a problem is never cut.
                let room = (area.width as usize).saturating_sub(2 + PROBLEM_INDENT);
                for (n, part) in super::problems::wrap_all(&text, room)
                    .into_iter()
                    .enumerate()
                {
                    lines.push(if n == 0 {
                        Line::from(vec![
                            Span::styled(format!("  {label} "), style),
                            Span::styled(format!("{} ", problem.rule), theme.dim()),
                            Span::raw(part),
                        ])
                    } else {
                        Line::from(format!("{:PROBLEM_INDENT$}{part}", ""))
                    });
                }
            }
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "2 Sites · 3 Application Pools · 6 Health · ! Problems · : command palette · ? help",
        theme.dim(),
    )));
    escape_spans(&mut lines);
    let focused = app.focus == Focus::Main;
    let block = block
        .title_style(theme.title(focused))
        .border_style(theme.border(focused));
    let inner = block.inner(area);
    let lines = super::fit::fit_lines(lines, inner.width as usize);
    let bottom = lines.len().saturating_sub(inner.height as usize);
    app.start_scroll = app.start_scroll.min(bottom);
    let scroll = app.start_scroll as u16;
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}
