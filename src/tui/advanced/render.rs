//! Drawing the grid: category headings, rows (name, attribute path when there is room, value,
//! origin; inherited values dimmed, pending edits marked `*` with the new value), the selected
//! row's details and the pending count, and the editor of the mode on top.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::tui::app::App;
use crate::tui::dialog::chrome::{centered, frame_block};
use crate::tui::form::render_form;
use crate::tui::theme::Theme;
use crate::tui::view::fit::fit_cell as fit;

use super::items::{ItemState, ItemsEditor};
use super::{AdvancedSettings, Mode};

/// The grid's lines and the line of the selected row.
fn grid_lines<'a>(grid: &AdvancedSettings, theme: &Theme, width: usize) -> (Vec<Line<'a>>, usize) {
    let label_width = 36.min(width / 3).max(12);
    let show_key = width >= 140;
    let key_width = if show_key { 40 } else { 0 };
    let origin_width = 40.min(width / 3);
    let value_width = width.saturating_sub(label_width + key_width + origin_width + 2);
    let mut lines = Vec::new();
    let mut selected_line = 0;
    let mut category = "";
    for (n, index) in grid.visible().into_iter().enumerate() {
        let row = &grid.rows[index];
        if row.spec.category != category {
            category = &grid.rows[index].spec.category;
            lines.push(Line::from(Span::styled(
                category.to_owned(),
                theme.accent(),
            )));
        }
        let selected = n == grid.selected;
        if selected {
            selected_line = lines.len();
        }
        let pending = grid.pending.get(&index);
        let (value, value_style) = match pending {
            Some(p) => (p.shown(row), theme.warning()),
            None if row.inherited() => (row.shown(), theme.dim()),
            None => (row.shown(), theme.text()),
        };
        let origin = if pending.is_some() {
            String::from("pending")
        } else {
            row.origin()
        };
        let base = if selected {
            theme.selection(true)
        } else {
            theme.text()
        };
        let mark = match (selected, pending.is_some()) {
            (true, true) => ">*",
            (true, false) => "> ",
            (false, true) => " *",
            (false, false) => "  ",
        };
        let mut spans = vec![
            Span::styled(mark, base.patch(theme.warning())),
            Span::styled(fit(&row.spec.label, label_width - 1), base),
            Span::styled(" ", base),
        ];
        if show_key {
            spans.push(Span::styled(
                fit(&row.spec.key, key_width - 1) + " ",
                base.patch(theme.dim()),
            ));
        }
        spans.push(Span::styled(
            fit(&value, value_width.saturating_sub(1)) + " ",
            if selected { base } else { value_style },
        ));
        spans.push(Span::styled(
            fit(&origin, origin_width),
            if selected { base } else { theme.dim() },
        ));
        lines.push(Line::from(spans));
    }
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(
            "(no setting matches the search; Esc clears it)",
            theme.dim(),
        )));
    }
    (lines, selected_line)
}

fn items_lines<'a>(editor: &ItemsEditor, theme: &Theme) -> Vec<Line<'a>> {
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "{} — a add · Enter edit · d remove · Esc back",
            editor.collection
        ),
        theme.accent(),
    ))];
    if editor.items.is_empty() {
        lines.push(Line::from(Span::styled(
            "(no items; a adds one)",
            theme.dim(),
        )));
    }
    for (i, (attrs, state)) in editor.items.iter().enumerate() {
        let text = attrs
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("  ");
        let (note, style) = match state {
            ItemState::Own => (String::new(), theme.text()),
            ItemState::Added => (String::from("  (pending)"), theme.warning()),
            ItemState::Inherited(from) => (format!("  (inherited from {from})"), theme.dim()),
        };
        let style = if i == editor.selected {
            theme.selection(true)
        } else {
            style
        };
        let marker = if i == editor.selected { "> " } else { "  " };
        lines.push(Line::from(Span::styled(
            format!("{marker}{text}{note}"),
            style,
        )));
    }
    lines
}

pub fn draw(grid: &AdvancedSettings, frame: &mut Frame, area: Rect, app: &App, active: bool) {
    let theme = &app.theme;
    if let Mode::Review(review) = &grid.mode {
        review.draw(frame, area, theme);
        return;
    }
    // Wider than other dialogs: the attribute paths get a column of their own.
    let rect = centered(
        area,
        area.width.saturating_sub(4).min(170),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, rect);
    let block = frame_block(theme, &grid.title());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let editor_height = match &grid.mode {
        Mode::Edit { .. } => 4,
        Mode::Items(editor) if editor.form.is_some() => editor.attrs.len() as u16 * 2 + 2,
        _ => 0,
    };
    let [search, body, editor, details, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(editor_height),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let searching = grid.searching && active && grid.mode == Mode::Browse;
    let (shown, cursor) = grid.search.window(search.width.saturating_sub(2) as usize);
    let search_line = if grid.search.text().is_empty() && !grid.searching {
        Line::from(Span::styled(
            "/ searches names and attribute paths · dim: inherited · *: pending",
            theme.dim(),
        ))
    } else {
        Line::from(vec![
            Span::styled("/", theme.key()),
            Span::styled(shown, theme.accent()),
        ])
    };
    frame.render_widget(Paragraph::new(search_line), search);
    if searching {
        frame.set_cursor_position((search.x + 1 + cursor as u16, search.y));
    }
    let body_lines = match &grid.mode {
        Mode::Items(editor) => items_lines(editor, theme),
        _ => {
            let (lines, selected) = grid_lines(grid, theme, body.width as usize);
            let height = body.height as usize;
            let offset = selected.saturating_sub(height.saturating_sub(1));
            lines.into_iter().skip(offset).collect()
        }
    };
    frame.render_widget(Paragraph::new(body_lines), body);
    let detail = grid
        .selected_row()
        .and_then(|i| grid.rows.get(i))
        .map(|row| {
            let ty = row
                .schema
                .as_ref()
                .map(|s| s.describe())
                .unwrap_or_else(|| String::from("collection"));
            format!("{} · {ty}", row.spec.key)
        })
        .unwrap_or_default();
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(
            fit(&detail, details.width as usize),
            theme.dim(),
        ))),
        details,
    );
    let foot_line = match &grid.mode {
        Mode::Discard(buttons) => {
            let mut line = Line::from(Span::styled(
                format!("Discard {} pending edit(s)?  ", grid.pending.len()),
                theme.warning(),
            ));
            line.spans.extend(buttons.line(theme).spans);
            line
        }
        _ if grid.pending.is_empty() => Line::from(Span::styled(
            "Enter edits · r resets to inherited · ^S reviews and saves · Esc closes",
            theme.dim(),
        )),
        _ => Line::from(Span::styled(
            format!(
                "{} pending edit{} · ^S reviews the diff and saves · Esc asks before dropping them",
                grid.pending.len(),
                if grid.pending.len() == 1 { "" } else { "s" }
            ),
            theme.warning(),
        )),
    };
    frame.render_widget(Paragraph::new(foot_line), foot);
    // The editor last: its choice list may cover the lines above and below it.
    match &grid.mode {
        Mode::Edit { row, form } => {
            let label = grid.rows.get(*row).map(|r| r.spec.label.clone());
            let [head, rest] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(editor);
            frame.render_widget(
                Paragraph::new(Line::from(Span::styled(
                    format!(
                        "Editing {} · Enter keeps · Esc cancels",
                        label.unwrap_or_default()
                    ),
                    theme.accent(),
                ))),
                head,
            );
            render_form(frame, rest, form, theme, active);
        }
        Mode::Items(ItemsEditor {
            form: Some((form, _)),
            ..
        }) => render_form(frame, editor, form, theme, active),
        _ => {}
    }
}
