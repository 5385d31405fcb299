//! Drawing the ASP.NET Core settings: the file, whether the app is offline, a row per setting
//! (label, value — pending ones marked `*` — and whether it is written or the default), the
//! selected row's help, and the editor or confirm of the mode on top.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::host::terminal_text::escape;
use crate::tui::advanced::items_lines;
use crate::tui::app::App;
use crate::tui::dialog::chrome::{centered, frame_block};
use crate::tui::form::render_form;

use super::editor::{AspNetCoreEditor, Mode};
use super::rows::ROWS;

fn fit(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return format!("{text:<width$}");
    }
    let cut: String = text.chars().take(width.saturating_sub(1)).collect();
    format!("{cut}…")
}

pub fn draw(editor: &AspNetCoreEditor, frame: &mut Frame, area: Rect, app: &App, active: bool) {
    let theme = &app.theme;
    if let Mode::Review(review) = &editor.mode {
        review.draw(frame, area, theme);
        return;
    }
    let rect = centered(
        area,
        area.width.saturating_sub(4).min(120),
        (ROWS.len() as u16 + 10).min(area.height.saturating_sub(2)),
    );
    frame.render_widget(Clear, rect);
    let block = frame_block(theme, &format!("ASP.NET Core — {}", editor.app));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let editor_height = match &editor.mode {
        Mode::Edit { .. } | Mode::Offline(_) => 3,
        Mode::Items(items) if items.form.is_some() => 5,
        _ => 0,
    };
    let [file, body, edit, help, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(editor_height),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let offline = if editor.offline {
        Line::from(Span::styled(
            "app_offline.htm is present: the app is OFFLINE (o brings it online)",
            theme.warning(),
        ))
    } else {
        Line::from(Span::styled(
            "online (o takes it offline with app_offline.htm)",
            theme.dim(),
        ))
    };
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(
                escape(&editor.file.display().to_string()).into_owned(),
                theme.dim(),
            )),
            offline,
        ]),
        file,
    );
    let width = body.width as usize;
    let label_width = 30.min(width / 3).max(12);
    let origin_width = 10;
    let value_width = width.saturating_sub(label_width + origin_width + 3);
    let lines: Vec<Line> = match &editor.mode {
        Mode::Items(items) => items_lines(items, theme),
        _ => ROWS
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let (value, written, pending) = editor.shown(i);
                let selected = i == editor.selected;
                let base = if selected {
                    theme.selection(true)
                } else {
                    theme.text()
                };
                let mark = match (selected, pending) {
                    (true, true) => ">*",
                    (true, false) => "> ",
                    (false, true) => " *",
                    (false, false) => "  ",
                };
                let value_style = match (selected, pending, written) {
                    (true, _, _) => base,
                    (_, true, _) => theme.warning(),
                    (_, _, false) => theme.dim(),
                    _ => theme.text(),
                };
                let origin = match (pending, written) {
                    (true, _) => "pending",
                    (_, true) => "written",
                    _ => "default",
                };
                let shown = if value.is_empty() {
                    "(not set)"
                } else {
                    value.as_str()
                };
                Line::from(vec![
                    Span::styled(mark, base.patch(theme.warning())),
                    Span::styled(fit(row.label, label_width), base),
                    Span::styled(" ", base),
                    Span::styled(fit(&escape(shown), value_width), value_style),
                    Span::styled(" ", base),
                    Span::styled(
                        fit(origin, origin_width),
                        if selected { base } else { theme.dim() },
                    ),
                ])
            })
            .collect(),
    };
    frame.render_widget(Paragraph::new(lines), body);
    let help_text = ROWS
        .get(editor.selected)
        .map(|r| format!("{} · {}", r.key, r.help))
        .unwrap_or_default();
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(
            fit(&help_text, help.width as usize),
            theme.dim(),
        ))),
        help,
    );
    let foot_line = match &editor.mode {
        Mode::Discard(buttons) => {
            let mut line = Line::from(Span::styled(
                format!("Discard {} pending edit(s)?  ", editor.pending.len()),
                theme.warning(),
            ));
            line.spans.extend(buttons.line(theme).spans);
            line
        }
        Mode::Online(buttons) => {
            let mut line = Line::from(Span::styled(
                "Remove app_offline.htm and bring the app online?  ",
                theme.warning(),
            ));
            line.spans.extend(buttons.line(theme).spans);
            line
        }
        _ if editor.pending.is_empty() => Line::from(Span::styled(
            "Enter edits · r resets · s stdout · c shadow copy · o offline · ^S saves · Esc closes",
            theme.dim(),
        )),
        _ => Line::from(Span::styled(
            format!(
                "{} pending edit{} · ^S reviews the diff and saves · Esc asks before dropping them",
                editor.pending.len(),
                if editor.pending.len() == 1 { "" } else { "s" }
            ),
            theme.warning(),
        )),
    };
    frame.render_widget(Paragraph::new(foot_line), foot);
    match &editor.mode {
        Mode::Edit { form, .. } | Mode::Offline(form) => {
            render_form(frame, edit, form, theme, active)
        }
        Mode::Items(items) => {
            if let Some((form, _)) = &items.form {
                render_form(frame, edit, form, theme, active);
            }
        }
        _ => {}
    }
}
