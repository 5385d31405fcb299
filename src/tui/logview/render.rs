//! Drawing the log view: a header per log (the app, how the module runs it, its files newest
//! first with the one read marked, or why there is nothing; for W3C logs the requests by
//! status class, time-taken percentiles and failing URLs), the lines (failures in the error
//! style with a `✗`, warnings with `!`, iistui's notes dimmed, matches highlighted, cut lines
//! marked), and a status row (following or paused, counts, the filter). Only the visible lines
//! are built.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::host::logs::{LineKind, LogLine, Matcher, Severity};
use crate::host::terminal_text::escape;
use crate::model::store::human_size;
use crate::model::wording::count;
use crate::tui::app::{App, Focus};
use crate::tui::dialog::chrome::{CONTINUED, wrap_line, wrap_words};
use crate::tui::theme::Theme;

use super::{LogChoice, LogSource, LogView};

/// Files listed per log in the header.
const FILES_SHOWN: usize = 3;

fn time_text(at: std::time::SystemTime) -> String {
    let text = humantime::format_rfc3339_seconds(at).to_string();
    text.get(11..19).unwrap_or(&text).to_owned()
}

pub(super) fn date_text(at: Option<std::time::SystemTime>) -> String {
    at.map(|t| {
        let text = humantime::format_rfc3339_seconds(t).to_string();
        text.get(..19).unwrap_or(&text).replace('T', " ")
    })
    .unwrap_or_else(|| String::from("—"))
}

fn header_lines(view: &LogView, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for source in &view.sources {
        lines.extend(source_header(source, theme));
    }
    if lines.is_empty() {
        let text = "No log open. Select a site or application and press L (or 5), or type :logs site1,site2.";
        for row in wrap_words(text, width, 0) {
            lines.push(Line::from(Span::styled(row, theme.dim())));
        }
    }
    lines
}

fn source_header(source: &LogSource, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let logs = &source.logs;
    let mut head = vec![Span::styled(
        escape(&source.label).into_owned(),
        theme.header(),
    )];
    match source.choice {
        LogChoice::Stdout => {
            if let Some(ancm) = &logs.aspnetcore {
                let model = if ancm.hosting_model.is_empty() {
                    String::from("OutOfProcess")
                } else {
                    ancm.hosting_model.clone()
                };
                head.push(Span::styled(
                    format!(
                        "  {model} · {} {} · stdout {} ({})",
                        escape(&ancm.process_path),
                        escape(&ancm.arguments),
                        if logs.stdout.enabled { "on" } else { "off" },
                        escape(&logs.stdout.configured)
                    ),
                    theme.dim(),
                ));
            }
        }
        LogChoice::W3c => {
            let folder = logs
                .w3c
                .folder
                .as_ref()
                .map(|f| f.display().to_string())
                .unwrap_or_else(|| logs.w3c.directory.clone());
            head.push(Span::styled(
                format!("  request log in {}", escape(&folder)),
                theme.dim(),
            ));
        }
    }
    lines.push(Line::from(head));
    if let Some(why) = source.explain() {
        let fix = match (source.choice, &logs.stdout.state) {
            (LogChoice::Stdout, crate::host::logs::discover::StdoutState::Off) => {
                " — press S to turn it on (a review shows the change first); remember to turn it off again: the log has no size limit"
            }
            (LogChoice::Stdout, crate::host::logs::discover::StdoutState::FolderMissing) => {
                " — N opens the ASP.NET Core settings, where s creates it"
            }
            _ => "",
        };
        lines.push(Line::from(Span::styled(
            format!("  {}{fix}", escape(&why)),
            theme.warning(),
        )));
    }
    let files = source.files();
    for file in files.iter().take(FILES_SHOWN) {
        let reading = source.file.as_deref() == Some(file.path.as_path());
        let pid = file.pid.map(|p| format!("  pid {p}")).unwrap_or_default();
        lines.push(Line::from(vec![
            Span::styled(if reading { "  ▸ " } else { "    " }, theme.key()),
            Span::styled(
                escape(&file.name).into_owned(),
                if reading {
                    theme.accent()
                } else {
                    theme.text()
                },
            ),
            Span::styled(
                format!(
                    "  {}  {}{pid}",
                    human_size(file.size),
                    date_text(file.modified)
                ),
                theme.dim(),
            ),
        ]));
    }
    if files.len() > FILES_SHOWN {
        lines.push(Line::from(Span::styled(
            format!("    and {} older (o lists them)", files.len() - FILES_SHOWN),
            theme.dim(),
        )));
    }
    if let Some(pinned) = &source.pinned {
        let name = super::file_name(pinned);
        lines.push(Line::from(Span::styled(
            format!(
                "  reading {} only, not a newer one (o: follow the newest again)",
                escape(&name)
            ),
            theme.warning(),
        )));
    }
    if let Some(summary) = source.summary.as_ref().filter(|s| s.fields.is_some()) {
        let [_, ok, redirect, client, server] = summary.by_class;
        let p = |n: f64| {
            summary
                .percentile(n)
                .map_or_else(|| String::from("—"), |v| format!("{v} ms"))
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {} · ", count(summary.requests as usize, "request")),
                theme.text(),
            ),
            Span::styled(format!("2xx {ok}  3xx {redirect}  "), theme.ok()),
            Span::styled(format!("4xx {client}  "), theme.warning()),
            Span::styled(format!("5xx {server}"), theme.error()),
            Span::styled(
                format!(
                    "  · time-taken p50 {} p90 {} p99 {}",
                    p(50.0),
                    p(90.0),
                    p(99.0)
                ),
                theme.dim(),
            ),
        ]));
        let failing = summary.top_failing(3);
        if !failing.is_empty() {
            let text = failing
                .iter()
                .map(|(url, n)| format!("{} ×{n}", escape(url)))
                .collect::<Vec<_>>()
                .join("  ");
            lines.push(Line::from(vec![
                Span::styled("  failing: ", theme.dim()),
                Span::styled(text, theme.error()),
            ]));
        }
    }
    lines
}

/// Text with tabs expanded and control characters made visible.
fn clean(text: &str) -> String {
    escape(&text.replace('\t', "    ")).into_owned()
}

/// Spans of `text` in `style`, with the pattern's matches highlighted.
fn highlighted(
    text: &str,
    style: Style,
    matcher: Option<&Matcher>,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let ranges = matcher.map(|m| m.ranges(text)).unwrap_or_default();
    if ranges.is_empty() {
        return vec![Span::styled(text.to_owned(), style)];
    }
    let mut spans = Vec::new();
    let mut at = 0;
    for (start, end) in ranges {
        if start > at {
            spans.push(Span::styled(text[at..start].to_owned(), style));
        }
        spans.push(Span::styled(
            text[start..end].to_owned(),
            style.patch(theme.matched()),
        ));
        at = end;
    }
    if at < text.len() {
        spans.push(Span::styled(text[at..].to_owned(), style));
    }
    spans
}

fn line_of(view: &LogView, line: &LogLine, theme: &Theme, current: bool) -> Line<'static> {
    let (marker, style) = match (line.kind, line.severity) {
        (LineKind::Note, _) => ("─ ", theme.dim()),
        (_, Severity::Error) => ("✗ ", theme.error()),
        (_, Severity::Warning) => ("! ", theme.warning()),
        _ => ("  ", theme.text()),
    };
    let mut spans = vec![Span::styled(
        if current { "> " } else { marker },
        if current { theme.key() } else { style },
    )];
    if view.times {
        spans.push(Span::styled(
            format!("{} ", time_text(line.at)),
            theme.dim(),
        ));
    }
    if view.prefixed() {
        if let Some(source) = view.sources.get(usize::from(line.source)) {
            spans.push(Span::styled(
                format!("[{}] ", escape(&source.label)),
                theme.accent(),
            ));
        }
    }
    let matcher = view.search.as_ref().or(view.ring.filter());
    spans.extend(highlighted(
        &clean(&line.text),
        style,
        matcher.filter(|_| line.kind == LineKind::Text),
        theme,
    ));
    if line.cut > 0 {
        spans.push(Span::styled(
            format!(" … [+{} cut]", human_size(line.cut)),
            theme.dim(),
        ));
    }
    Line::from(spans)
}

/// The rows shown in `height` rows of `width`: the newest at the bottom when following, else
/// from line `top`. With wrap on, a long line is broken into rows (each continuation starting
/// with `↪`), counted as rows, so following always shows the newest line's last row.
fn body_lines(view: &LogView, theme: &Theme, width: usize, height: usize) -> Vec<Line<'static>> {
    let len = view.visible_len();
    let marker = Span::styled(format!("{CONTINUED} "), theme.dim());
    let rows_of = |index: usize| -> Vec<Line<'static>> {
        let Some(line) = view.ring.visible(index) else {
            return Vec::new();
        };
        let line = line_of(view, line, theme, view.found == Some(line.seq));
        if view.wrap {
            wrap_line(line, width, &marker)
        } else {
            vec![line]
        }
    };
    let mut out = Vec::new();
    if view.follow {
        for index in (0..len).rev() {
            let mut rows = rows_of(index);
            rows.reverse();
            out.extend(rows);
            if out.len() >= height {
                break;
            }
        }
        out.truncate(height);
        out.reverse();
    } else {
        for index in view.top..len {
            out.extend(rows_of(index));
            if out.len() >= height {
                break;
            }
        }
        out.truncate(height);
    }
    out
}

fn status_line(view: &LogView, theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    if view.follow {
        spans.push(Span::styled(" FOLLOWING ", theme.badge()));
    } else {
        spans.push(Span::styled(" PAUSED ", theme.warning()));
        spans.push(Span::styled(" f or G follows ", theme.dim()));
    }
    let ring = &view.ring;
    spans.push(Span::styled(
        format!(
            "  {} received · {} kept (of {})",
            ring.received(),
            ring.len(),
            ring.capacity()
        ),
        theme.text(),
    ));
    if ring.dropped() > 0 {
        spans.push(Span::styled(
            format!(" · {} dropped (oldest)", ring.dropped()),
            theme.warning(),
        ));
    }
    if let Some(filter) = ring.filter() {
        spans.push(Span::styled(
            format!(
                " · filter \"{}\": {} shown",
                escape(filter.pattern()),
                ring.visible_len()
            ),
            theme.accent(),
        ));
    } else if let Some(search) = &view.search {
        spans.push(Span::styled(
            format!(" · search \"{}\" (n/N)", escape(search.pattern())),
            theme.accent(),
        ));
    }
    if view.wrap {
        spans.push(Span::styled(" · wrap", theme.dim()));
    }
    Line::from(spans)
}

/// Draws the log view in the main pane.
pub fn draw(frame: &mut Frame, app: &mut App, area: Rect) {
    let theme = &app.theme;
    let focused = app.focus == Focus::Main;
    let title = match app.logs.sources.as_slice() {
        [] => String::from(" Logs "),
        [one] => format!(" Logs — {} ", escape(&one.label)),
        many => format!(" Logs — {} logs ", many.len()),
    };
    let block = Block::bordered()
        .title(Span::styled(title, theme.title(focused)))
        .border_style(theme.border(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let view = &app.logs;
    let header = header_lines(view, theme, inner.width as usize);
    let header_height = (header.len() as u16).min(inner.height.saturating_sub(4) / 2);
    let filter_height = u16::from(view.filtering);
    let [head, rule, body, filter, status] = Layout::vertical([
        Constraint::Length(header_height),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(filter_height),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(header), head);
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(
            "─".repeat(rule.width as usize),
            theme.border(false),
        ))),
        rule,
    );
    let lines = body_lines(view, theme, body.width as usize, body.height as usize);
    frame.render_widget(Paragraph::new(lines), body);
    if view.filtering {
        let (shown, cursor) = view
            .filter_input
            .window(filter.width.saturating_sub(2) as usize);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("/", theme.key()),
                Span::styled(escape(&shown).into_owned(), theme.accent()),
            ])),
            filter,
        );
        frame.set_cursor_position((filter.x + 1 + cursor as u16, filter.y));
    }
    frame.render_widget(Paragraph::new(status_line(view, theme)), status);
    app.logs.page = body.height as usize;
}
