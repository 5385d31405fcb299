//! The list pane: a virtualised table. Only the rows in the window are turned into cells, so
//! drawing 10,000 sites costs what drawing 40 does. Filter matches are highlighted.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::super::app::{App, Focus, View};
use super::super::list::ListState;
use super::super::rows::{Column, Row};
use crate::host::terminal_text::escape;

fn title(app: &App) -> String {
    match &app.view {
        View::Sites => String::from("Sites"),
        View::Pools => String::from("Application Pools"),
        View::Apps { site: Some(site) } => format!("Applications of {}", escape(site)),
        View::Apps { site: None } => String::from("Applications"),
        View::Vdirs { app: id } => format!("Virtual Directories of {}", escape(id)),
        View::Folder { path } => escape(&path.display().to_string()).into_owned(),
        _ => String::new(),
    }
}

/// Positions in `name` of a case-insensitive subsequence match of `query` (for highlighting).
fn match_positions(name: &str, query: &str) -> Vec<usize> {
    let mut positions = Vec::new();
    let mut wanted = query.chars().flat_map(char::to_lowercase).peekable();
    for (i, c) in name.chars().enumerate() {
        let Some(q) = wanted.peek() else { break };
        if c.to_lowercase().next() == Some(*q) {
            positions.push(i);
            wanted.next();
        }
    }
    positions
}

fn fit(text: &str, width: usize) -> String {
    let count = text.chars().count();
    if count <= width {
        format!("{text:<width$}")
    } else if width > 1 {
        let cut: String = text.chars().take(width - 1).collect();
        format!("{cut}…")
    } else {
        text.chars().take(width).collect()
    }
}

/// Column widths for `available` characters: each column's natural width (its title and the
/// visible cells, capped by the column's preferred width); right-most columns are dropped when
/// even the minimum widths do not fit (the details pane shows everything). Returns the widths of
/// the shown columns.
fn widths(columns: &[Column], cells: &[Vec<String>], available: u16) -> Vec<usize> {
    let available = available as usize;
    let natural: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let content = cells
                .iter()
                .filter_map(|r| r.get(i))
                .map(|t| t.chars().count())
                .max()
                .unwrap_or(0);
            content
                .max(c.title.chars().count())
                .min(c.width as usize)
                .max(2)
        })
        .collect();
    let minimum = |i: usize| natural[i].min(if i == 0 { 16 } else { 12 });
    let mut shown = columns.len();
    while shown > 1 && (0..shown).map(minimum).sum::<usize>() + shown - 1 > available {
        shown -= 1;
    }
    let mut out: Vec<usize> = (0..shown).map(minimum).collect();
    let mut left = available.saturating_sub(out.iter().sum::<usize>() + shown - 1);
    for (i, width) in out.iter_mut().enumerate() {
        let grow = (natural[i] - *width).min(left);
        *width += grow;
        left -= grow;
    }
    if let Some(last) = out.last_mut() {
        *last += left;
    }
    out
}

fn rows_of(app: &App) -> (Vec<Vec<String>>, Vec<String>) {
    let list = app.list().cloned().unwrap_or_default();
    let columns = app.columns();
    let Some(conn) = app.conn() else {
        return (Vec::new(), Vec::new());
    };
    fn cells<R: Row>(
        rows: &[R],
        indices: &[usize],
        columns: usize,
    ) -> (Vec<Vec<String>>, Vec<String>) {
        let cells = indices
            .iter()
            .filter_map(|i| rows.get(*i))
            .map(|r| {
                (0..columns)
                    .map(|c| escape(&r.cell(c)).into_owned())
                    .collect()
            })
            .collect();
        let names = indices
            .iter()
            .filter_map(|i| rows.get(*i))
            .map(|r| escape(r.name()).into_owned())
            .collect();
        (cells, names)
    }
    let height = app.height as usize;
    let window: Vec<usize> = list
        .order
        .iter()
        .skip(list.offset)
        .take(height)
        .copied()
        .collect();
    match app.view {
        View::Sites => cells(&conn.rows.sites, &window, columns.len()),
        View::Pools => cells(&conn.rows.pools, &window, columns.len()),
        View::Apps { .. } => cells(&app.lists.app_rows, &window, columns.len()),
        View::Vdirs { .. } => cells(&app.lists.vdir_rows, &window, columns.len()),
        View::Folder { .. } => cells(&app.lists.folder_rows, &window, columns.len()),
        _ => (Vec::new(), Vec::new()),
    }
}

pub fn draw(frame: &mut Frame, app: &mut App, area: Rect) {
    let focused = app.focus == Focus::Main;
    let title_text = title(app);
    let theme = app.theme.clone();
    let columns = app.columns();
    let Some(list) = app.list().cloned() else {
        return;
    };
    let mut header_title = format!(" {title_text} ({}) ", list.len());
    if let Some(column) = list.sort.and_then(|c| columns.get(c)) {
        header_title.push_str(&format!(
            "sorted by {} {} ",
            column.title,
            if list.descending { "▼" } else { "▲" }
        ));
    }
    let block = Block::bordered()
        .title(Span::styled(header_title, theme.title(focused)))
        .border_style(theme.border(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let show_input = list.filtering || !list.filter.is_empty();
    let [table_area, input_area] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(u16::from(show_input)),
    ])
    .areas(inner);
    let body_height = table_area.height.saturating_sub(1) as usize;
    if let Some(state) = app.list_mut() {
        state.scroll_into_view(body_height);
    }
    let list: ListState = app.list().cloned().unwrap_or_default();
    let marker = theme.needs_marker();
    let marks = !list.marked.is_empty();
    let prefix_width = usize::from(marker || marks) * 2;
    let (cells, names) = rows_of(app);
    let col_widths = widths(
        columns,
        &cells,
        table_area.width.saturating_sub(prefix_width as u16),
    );
    let mut lines = Vec::with_capacity(body_height + 1);
    let header: String = columns
        .iter()
        .zip(&col_widths)
        .map(|(c, w)| fit(c.title, *w))
        .collect::<Vec<_>>()
        .join(" ");
    lines.push(Line::from(Span::styled(
        format!("{}{header}", " ".repeat(prefix_width)),
        theme.header(),
    )));
    for (offset, row) in cells.iter().enumerate().take(body_height) {
        let selected = list.offset + offset == list.selected;
        let style = if selected {
            theme.selection(focused)
        } else {
            theme.text()
        };
        let mut spans = Vec::new();
        if marker || marks {
            let pointer = if marker && selected { ">" } else { " " };
            let ticked = if list.marked.contains(&names[offset]) {
                "✓"
            } else {
                " "
            };
            spans.push(Span::styled(format!("{pointer}{ticked}"), style));
        }
        for (c, (cell, width)) in row.iter().zip(&col_widths).enumerate() {
            let text = fit(cell, *width);
            if c == 0 && !list.filter.is_empty() {
                let positions = match_positions(&names[offset], &list.filter);
                for (i, ch) in text.chars().enumerate() {
                    let s = if positions.contains(&i) {
                        style.patch(theme.matched())
                    } else {
                        style
                    };
                    spans.push(Span::styled(ch.to_string(), s));
                }
            } else {
                let dim = c > 0 && (cell == "—" || cell.is_empty());
                spans.push(Span::styled(
                    text,
                    if dim && !selected { theme.dim() } else { style },
                ));
            }
            if c + 1 < col_widths.len() {
                spans.push(Span::styled(" ", style));
            }
        }
        lines.push(Line::from(spans));
    }
    if cells.is_empty() {
        let empty = if list.filter.is_empty() {
            "(empty)"
        } else {
            "(no match; Esc clears the filter)"
        };
        lines.push(Line::from(Span::styled(empty, theme.dim())));
    }
    frame.render_widget(Paragraph::new(lines), table_area);
    if show_input {
        let hint = if list.filtering {
            "  (Enter keeps, Esc clears)"
        } else {
            "  (/ edits, Esc clears)"
        };
        let room = (input_area.width as usize).saturating_sub(hint.len() + 2);
        let (shown, cursor) = list.filter_input.window(room.max(1));
        if list.filtering && app.dialogs.is_empty() {
            frame.set_cursor_position((input_area.x + 1 + cursor as u16, input_area.y));
        }
        let line = Line::from(vec![
            Span::styled("/", theme.key()),
            Span::styled(shown, theme.accent()),
            Span::styled(hint, theme.dim()),
        ]);
        frame.render_widget(Paragraph::new(line).style(Style::new()), input_area);
    }
}
