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
use super::fit::fit_cell as fit;
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

/// Character positions in `name` of a case-insensitive subsequence match of `query`, or none
/// when the name does not match as a whole (the row was found by another cell).
fn name_positions(name: &str, query: &str) -> Vec<usize> {
    let wanted: Vec<char> = query.chars().flat_map(char::to_lowercase).collect();
    let mut positions = Vec::with_capacity(wanted.len());
    for (i, c) in name.chars().enumerate() {
        let Some(q) = wanted.get(positions.len()) else {
            break;
        };
        if c.to_lowercase().eq(std::iter::once(*q)) {
            positions.push(i);
        }
    }
    if positions.len() == wanted.len() {
        positions
    } else {
        Vec::new()
    }
}

/// Character positions in `cell` covered by case-insensitive occurrences of `query`.
fn substring_positions(cell: &str, query: &str) -> Vec<usize> {
    let hay: Vec<char> = cell.chars().collect();
    let needle: Vec<char> = query.chars().collect();
    let same = |a: char, b: char| a == b || a.to_lowercase().eq(b.to_lowercase());
    let mut positions = Vec::new();
    let mut at = 0;
    while !needle.is_empty() && at + needle.len() <= hay.len() {
        if hay[at..at + needle.len()]
            .iter()
            .zip(&needle)
            .all(|(a, b)| same(*a, *b))
        {
            positions.extend(at..at + needle.len());
            at += needle.len();
        } else {
            at += 1;
        }
    }
    positions
}

/// A path fitted to `width`: when cut, a `…` and its end, from a separator on when that still
/// fills half the room or more (`…\\sites\\contoso.com`: paths on one server share their
/// beginning), else its last characters (`…tomer-portal\\wwwroot`, where `…\\wwwroot` would
/// say nothing).
fn fit_path(text: &str, width: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= width || width < 2 {
        return fit(text, width);
    }
    let room = width - 1;
    let raw = chars.len() - room;
    let tail_start = (raw..chars.len())
        .find(|&i| matches!(chars[i], '\\' | '/'))
        .filter(|&i| (chars.len() - i) * 2 >= room)
        .unwrap_or(raw);
    let mut out = String::from("…");
    out.extend(&chars[tail_start..]);
    format!("{out:<width$}")
}

/// Column widths for `available` characters, measured on the visible rows only: returns
/// `(column, width)` for each column shown, in column order.
///
/// Each column first gets its floor: the name its longest visible value up to the column's
/// `width` (24 for sites), a number its longest value (never cut), a growing column (bindings,
/// physical path) [`GROWING_FLOOR`](super::super::rows::GROWING_FLOOR) or less when its values are shorter, any other column its
/// longest value up to its `width`. When the floors do not fit, columns are dropped: first
/// those with nothing to show, then by priority (the details pane shows everything), and
/// those that then fit again come back. The room left goes first to the growing
/// columns, shared evenly up to their longest value, then to the others in priority order,
/// and what is still left pads the last column.
fn widths(columns: &[Column], cells: &[Vec<String>], available: u16) -> Vec<(usize, usize)> {
    let available = available as usize;
    let natural: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            cells
                .iter()
                .filter_map(|r| r.get(i))
                .map(|t| t.chars().count())
                .max()
                .unwrap_or(0)
                .max(c.title.chars().count())
                .max(1)
        })
        .collect();
    let floor: Vec<usize> = columns
        .iter()
        .zip(&natural)
        .map(|(c, &n)| {
            if c.numeric {
                n
            } else {
                n.min(c.width as usize)
            }
        })
        .collect();
    // A column with nothing to say on screen (every cell blank or `—`, such as State where
    // IIS's runtime cannot be read) goes before any other.
    let says_nothing: Vec<bool> = (0..columns.len())
        .map(|i| {
            i > 0
                && cells
                    .iter()
                    .all(|r| r.get(i).is_none_or(|t| t.is_empty() || t == "—"))
        })
        .collect();
    let mut shown: Vec<usize> = (0..columns.len()).collect();
    let needs = |shown: &[usize]| {
        shown.iter().map(|&i| floor[i]).sum::<usize>() + shown.len().saturating_sub(1)
    };
    while shown.len() > 1 && needs(&shown) > available {
        let Some(drop) = shown
            .iter()
            .enumerate()
            .skip(1)
            .max_by_key(|(_, i)| (says_nothing[**i], columns[**i].priority))
            .map(|(at, _)| at)
        else {
            break;
        };
        shown.remove(drop);
    }
    // A dropped column that fits in what is left comes back (a two-digit ID beside a long
    // path that had to go), most important first.
    let mut dropped: Vec<usize> = (1..columns.len())
        .filter(|i| !shown.contains(i) && !says_nothing[*i])
        .collect();
    dropped.sort_by_key(|&i| columns[i].priority);
    for i in dropped {
        let at = shown.partition_point(|&s| s < i);
        shown.insert(at, i);
        if needs(&shown) > available {
            shown.remove(at);
        }
    }
    let mut out: Vec<(usize, usize)> = shown.iter().map(|&i| (i, floor[i])).collect();
    if needs(&shown) > available {
        // Only the name is left and even it does not fit: it takes the whole width.
        return out
            .into_iter()
            .map(|(i, _)| (i, available))
            .take(1)
            .collect();
    }
    let mut left = available - needs(&shown);
    // The growing columns share the room evenly, each up to its longest value.
    loop {
        let hungry: Vec<usize> = (0..out.len())
            .filter(|&k| columns[out[k].0].grows && out[k].1 < natural[out[k].0])
            .collect();
        if hungry.is_empty() || left == 0 {
            break;
        }
        let share = (left / hungry.len()).max(1);
        for k in hungry {
            let (i, width) = &mut out[k];
            let grow = share.min(natural[*i] - *width).min(left);
            *width += grow;
            left -= grow;
        }
    }
    // Then the others, in priority order.
    let mut by_priority: Vec<usize> = (0..out.len()).collect();
    by_priority.sort_by_key(|&k| columns[out[k].0].priority);
    for k in by_priority {
        let (i, width) = &mut out[k];
        let grow = (natural[*i] - *width).min(left);
        *width += grow;
        left -= grow;
    }
    if let Some((_, last)) = out.last_mut() {
        *last += left;
    }
    out
}

/// The escaped cells of the rows in the window (`height` rows from the list's offset).
fn rows_of(app: &App, list: &ListState, columns: usize, height: usize) -> Vec<Vec<String>> {
    fn cells<R: Row>(rows: &[R], window: &[usize], columns: usize) -> Vec<Vec<String>> {
        window
            .iter()
            .filter_map(|i| rows.get(*i))
            .map(|r| {
                (0..columns)
                    .map(|c| escape(&r.cell(c)).into_owned())
                    .collect()
            })
            .collect()
    }
    let Some(conn) = app.conn() else {
        return Vec::new();
    };
    let end = list.order.len().min(list.offset.saturating_add(height));
    let window = list
        .order
        .get(list.offset.min(end)..end)
        .unwrap_or_default();
    match app.view {
        View::Sites => cells(&conn.rows.sites, window, columns),
        View::Pools => cells(&conn.rows.pools, window, columns),
        View::Apps { .. } => cells(&app.lists.app_rows, window, columns),
        View::Vdirs { .. } => cells(&app.lists.vdir_rows, window, columns),
        View::Folder { .. } => cells(&app.lists.folder_rows, window, columns),
        _ => Vec::new(),
    }
}

/// How a cell is drawn: its column, width and the filter; the row's style and selection.
struct CellLook<'a> {
    column: usize,
    keeps_end: bool,
    width: usize,
    filter: &'a str,
    style: Style,
    selected: bool,
    theme: &'a crate::tui::theme::Theme,
}

/// One cell's spans: the text fitted to the width, filter matches highlighted (fuzzy in the
/// name, as a substring elsewhere), empty values dimmed.
fn cell_spans(cell: &str, look: &CellLook<'_>) -> Vec<Span<'static>> {
    let CellLook {
        width,
        style,
        selected,
        theme,
        ..
    } = *look;
    let text = if look.keeps_end {
        fit_path(cell, width)
    } else {
        fit(cell, width)
    };
    let matched = match (look.filter.is_empty(), look.column) {
        (true, _) => Vec::new(),
        (false, 0) => name_positions(cell, look.filter),
        (false, _) => substring_positions(&text, look.filter),
    };
    if matched.is_empty() {
        let dim = cell == "—" || cell.is_empty();
        let style = if dim && !selected { theme.dim() } else { style };
        return vec![Span::styled(text, style)];
    }
    // Runs of matched and unmatched characters, one span each.
    // Name positions are counted in the whole name: the `…` that ends a cut name is not one.
    let cut = look.column == 0 && cell.chars().count() > width;
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    for (i, ch) in text.chars().enumerate() {
        let is_match = matched.contains(&i) && !(cut && i + 1 == width);
        if is_match != run_matched && !run.is_empty() {
            let s = if run_matched {
                style.patch(theme.matched())
            } else {
                style
            };
            spans.push(Span::styled(std::mem::take(&mut run), s));
        }
        run_matched = is_match;
        run.push(ch);
    }
    if !run.is_empty() {
        let s = if run_matched {
            style.patch(theme.matched())
        } else {
            style
        };
        spans.push(Span::styled(run, s));
    }
    spans
}

pub fn draw(frame: &mut Frame, app: &mut App, area: Rect) {
    let focused = app.focus == Focus::Main;
    let title_text = title(app);
    let columns = app.columns();
    let Some(list) = app.list() else {
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
    let theme = &app.theme;
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
    let Some(list) = app.list() else {
        return;
    };
    let theme = &app.theme;
    let marker = theme.needs_marker();
    let marks = !list.marked.is_empty();
    let prefix_width = usize::from(marker || marks) * 2;
    let cells = rows_of(app, list, columns.len(), body_height);
    let shown = widths(
        columns,
        &cells,
        table_area.width.saturating_sub(prefix_width as u16),
    );
    let on_screen: Vec<usize> = shown.iter().map(|(c, _)| *c).collect();
    let mut lines = Vec::with_capacity(body_height + 1);
    let header: String = shown
        .iter()
        .map(|(c, w)| fit(columns[*c].title, *w))
        .collect::<Vec<_>>()
        .join(" ");
    lines.push(Line::from(Span::styled(
        format!("{}{header}", " ".repeat(prefix_width)),
        theme.header(),
    )));
    for (offset, row) in cells.iter().enumerate() {
        let selected = list.offset + offset == list.selected;
        let style = if selected {
            theme.selection(focused)
        } else {
            theme.text()
        };
        let mut spans = Vec::new();
        if marker || marks {
            let pointer = if marker && selected { ">" } else { " " };
            let name = row.first().map(String::as_str).unwrap_or_default();
            let ticked = if list.marked.contains(name) {
                "✓"
            } else {
                " "
            };
            spans.push(Span::styled(format!("{pointer}{ticked}"), style));
        }
        for (n, (c, width)) in shown.iter().enumerate() {
            let cell = row.get(*c).map(String::as_str).unwrap_or_default();
            let look = CellLook {
                column: *c,
                keeps_end: columns[*c].keeps_end,
                width: *width,
                filter: &list.filter,
                style,
                selected,
                theme,
            };
            spans.extend(cell_spans(cell, &look));
            if n + 1 < shown.len() {
                spans.push(Span::styled(" ", style));
            }
        }
        lines.push(Line::from(spans));
    }
    if cells.is_empty() {
        use crate::tui::tree::FolderListing;
        let listing = match &app.view {
            View::Folder { path } => app.folders.get(path),
            _ => None,
        };
        let empty = match listing {
            _ if !list.filter.is_empty() => String::from("(no match; Esc clears the filter)"),
            Some(FolderListing::Failed(why)) => format!("cannot list this folder: {}", escape(why)),
            Some(FolderListing::Loading) => String::from("reading the folder…"),
            _ => String::from("(empty)"),
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
    // `s` sorts by the columns the terminal has room for.
    if let Some(state) = app.list_mut() {
        state.shown_columns = on_screen;
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::rows::SITE_COLUMNS;
    use super::*;

    fn site(name: &str, id: &str, bindings: &str, path: &str, pool: &str) -> Vec<String> {
        [name, id, "—", bindings, path, pool]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn paths_keep_their_end() {
        let path = "D:\\Websites\\Production\\customer-portal\\wwwroot";
        assert_eq!(fit_path(path, 22), "…stomer-portal\\wwwroot");
        assert_eq!(
            fit_path("%SystemDrive%\\sites\\contoso.com", 22).trim_end(),
            "…\\sites\\contoso.com"
        );
        assert_eq!(fit_path("C:\\short", 22).trim_end(), "C:\\short");
    }

    #[test]
    fn columns_follow_the_width() {
        let cells = vec![
            site(
                "customer-portal.contoso.com",
                "1563245789",
                "http/10.16.34.120:80:portal.contoso.com",
                "D:\\Websites\\portal\\wwwroot",
                "PortalPool",
            ),
            site(
                "intranet",
                "2",
                "http/10.16.34.121:80:",
                "D:\\Websites\\intranet",
                "PortalPool",
            ),
        ];
        let titles = |w: &[(usize, usize)]| -> Vec<&str> {
            w.iter().map(|(c, _)| SITE_COLUMNS[*c].title).collect()
        };
        // Narrow: the name (24), the bindings; State says nothing here and goes first.
        let narrow = widths(SITE_COLUMNS, &cells, 52);
        assert_eq!(titles(&narrow), ["Name", "Bindings"]);
        assert_eq!(narrow[0].1, 24);
        // Wide: everything, the ID whole, the growing columns to their longest.
        let wide = widths(SITE_COLUMNS, &cells, 200);
        assert_eq!(
            titles(&wide),
            [
                "Name",
                "ID",
                "State",
                "Bindings",
                "Physical Path",
                "App Pool"
            ]
        );
        assert_eq!(wide[1].1, 10);
        assert_eq!(wide[3].1, 39);
        assert_eq!(wide[4].1, 26);
        // The widths and gaps fill the width exactly.
        for available in [30, 52, 75, 123, 200] {
            let w = widths(SITE_COLUMNS, &cells, available);
            let used: usize = w.iter().map(|(_, w)| w).sum::<usize>() + w.len() - 1;
            assert_eq!(used, available as usize, "{available}: {w:?}");
        }
    }
}
