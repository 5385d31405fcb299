//! The Problems view: one row per problem `iistui check` found (severity, rule, object and
//! message), worst first, and under the list the selected problem in full: the rule's title,
//! where it is, the message, the fix and how `f` treats it (the `iistui` command it is the same
//! as, a web.config it would change, or a fix done by hand).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::model::validate::hosting::{Problem, Severity, rule_by_id};
use crate::model::wording::count;
use crate::tui::app::{App, Focus};
use crate::tui::dialog::chrome::wrap_words;
use crate::tui::list::scroll_window;
use crate::tui::problems::{FixKind, fix_kind, problems, selected};
use crate::tui::theme::Theme;

use super::fit::fit_line;
use super::pane_block;
use super::safe_text::escape_spans;

/// `error`, `warn`, `info`: a word, so the severity reads without colour.
pub fn severity_label(theme: &Theme, severity: Severity) -> (&'static str, Style) {
    match severity {
        Severity::Error => ("error", theme.error()),
        Severity::Warning => ("warn ", theme.warning()),
        Severity::Info => ("info ", theme.dim()),
    }
}

/// `text` wrapped at spaces to `width` columns, a word longer than a line broken where it must
/// be: a problem is never cut.
pub fn wrap_all(text: &str, width: usize) -> Vec<String> {
    wrap_words(text, width.max(8), 0)
}

/// The problem's one line: `apppool "Shop": the pool is stopped…`.
fn summary(problem: &Problem) -> String {
    format!("{}: {}", problem.object, problem.message)
}

pub fn draw(frame: &mut Frame, app: &mut App, area: Rect) {
    let theme = &app.theme;
    let focused = app.focus == Focus::Main;
    let all = problems(app);
    let report = app.conn().and_then(|c| c.problems.as_ref());
    let title = match report {
        None => String::from(" Problems · checking… "),
        Some(r) => format!(
            " Problems · {}, {}, {} info ",
            count(r.count(Severity::Error), "error"),
            count(r.count(Severity::Warning), "warning"),
            r.count(Severity::Info)
        ),
    };
    let block = pane_block(theme, title, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let Some(chosen) = selected(app) else {
        let text = match report {
            None => "Checking the configuration and this machine…",
            Some(_) => "No problems found (iistui check).",
        };
        let style = if report.is_some() {
            theme.ok()
        } else {
            theme.dim()
        };
        let mut lines = vec![Line::from(Span::styled(text, style))];
        for note in report.map(|r| r.notes.as_slice()).unwrap_or_default() {
            lines.push(Line::from(Span::styled(
                format!("note: {note}"),
                theme.dim(),
            )));
        }
        escape_spans(&mut lines);
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    };
    let mut detail = detail_lines(app, chosen, width);
    // What the check could not look at here is said under every problem, not only when none.
    for note in report.map(|r| r.notes.as_slice()).unwrap_or_default() {
        let mut line = Line::from(Span::styled(format!("note: {note}"), theme.dim()));
        escape_spans(std::slice::from_mut(&mut line));
        detail.push(fit_line(line, width));
    }
    let detail_height = (detail.len() as u16 + 1).min(inner.height / 2).max(3);
    let [list_area, detail_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(detail_height)]).areas(inner);
    // The list: severity, rule, object and message, cut with … at the pane's edge.
    let height = list_area.height as usize;
    let chosen_index = app.problems_view.selected.min(all.len().saturating_sub(1));
    let offset = scroll_window(chosen_index, app.problems_view.offset, height);
    let marker = theme.needs_marker();
    let mut lines: Vec<Line<'static>> = Vec::with_capacity(height);
    for (i, problem) in all.iter().enumerate().skip(offset).take(height) {
        let is_selected = i == chosen_index;
        let (label, style) = severity_label(theme, problem.severity);
        let mut spans = Vec::new();
        if marker {
            spans.push(Span::raw(if is_selected { "> " } else { "  " }));
        }
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(problem.rule, theme.accent()));
        spans.push(Span::raw(" "));
        spans.push(Span::styled(summary(problem), theme.text()));
        let mut line = Line::from(spans);
        escape_spans(std::slice::from_mut(&mut line));
        let mut line = fit_line(line, width);
        if is_selected {
            let pad = width.saturating_sub(line.width());
            line.spans.push(Span::raw(" ".repeat(pad)));
            line = line.patch_style(theme.selection(focused));
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), list_area);
    frame.render_widget(
        Paragraph::new(detail).block(
            Block::new()
                .borders(Borders::TOP)
                .border_style(theme.border(false)),
        ),
        detail_area,
    );
    app.problems_view.offset = offset;
}

/// The selected problem in full, wrapped to `width`.
fn detail_lines(app: &App, problem: &Problem, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let (label, style) = severity_label(theme, problem.severity);
    let rule_title = rule_by_id(problem.rule).map(|r| r.title).unwrap_or("");
    let place = problem
        .location
        .map(|l| format!(" · line {}", l.line))
        .unwrap_or_default();
    let mut lines = vec![Line::from(vec![
        Span::styled(label.trim_end().to_owned(), style),
        Span::raw(" "),
        Span::styled(problem.rule, theme.accent()),
        Span::styled(format!(" {rule_title}{place}"), theme.header()),
    ])];
    for part in wrap_all(&summary(problem), width) {
        lines.push(Line::from(Span::styled(part, theme.text())));
    }
    for part in wrap_all(&format!("Fix: {}", problem.fix.text), width) {
        lines.push(Line::from(Span::styled(part, theme.ok())));
    }
    let how = match fix_kind(app, problem) {
        FixKind::Config { command } => {
            let mut how = vec![Line::from(vec![
                Span::styled("f", theme.key()),
                Span::styled(" applies it after a review, the same as:", theme.dim()),
            ])];
            // The whole command, however long: it is there to be copied.
            let chars: Vec<char> = command.chars().collect();
            for piece in chars.chunks(width.max(1)) {
                let piece: String = piece.iter().collect();
                how.push(Line::from(Span::styled(piece, theme.accent())));
            }
            how
        }
        FixKind::WebConfig { path, change, how } => wrap_all(
            &format!("This fix sets {change} in {path}, a web.config: {how}."),
            width,
        )
        .into_iter()
        .map(|l| Line::from(Span::styled(l, theme.warning())))
        .collect(),
        FixKind::Manual => wrap_all(
            "This fix is done by hand: no configuration change applies it.",
            width,
        )
        .into_iter()
        .map(|l| Line::from(Span::styled(l, theme.dim())))
        .collect(),
    };
    lines.extend(how);
    escape_spans(&mut lines);
    lines.into_iter().map(|l| fit_line(l, width)).collect()
}
