//! Drawing of the modal on top of the stack: help, palette, confirm (diff, equivalent command,
//! Cancel-first buttons), messages, the disk conflict choice, the Add Website form and quit.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::super::action::ACTIONS;
use super::super::app::App;
use super::super::modal::{ADD_SITE_HELP, ADD_SITE_LABELS, Button, Modal};
use super::super::theme::Theme;
use super::super::update_modal::palette_items;
use crate::host::terminal_text::escape;

/// Column widths of the help overlay (header and rows alike).
const KEYS_WIDTH: usize = 11;
const TITLE_WIDTH: usize = 19;

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// The box of the help, confirm and message dialogs: nearly the whole screen, at most 110 wide.
fn large(area: Rect) -> Rect {
    centered(
        area,
        area.width.saturating_sub(4).min(110),
        area.height.saturating_sub(2),
    )
}

fn frame_block<'a>(theme: &Theme, title: &str) -> Block<'a> {
    Block::bordered()
        .title(Span::styled(
            format!(" {} ", escape(title)),
            theme.title(true),
        ))
        .border_style(theme.border(true))
}

fn buttons<'a>(theme: &Theme, labels: &[(&str, Button)], focus: Button) -> Line<'a> {
    let mut spans = Vec::new();
    for (label, button) in labels {
        let focused = *button == focus;
        let text = if focused {
            format!("[> {label} <]")
        } else {
            format!("[  {label}  ]")
        };
        spans.push(Span::styled(
            text,
            if focused {
                theme.selection(true)
            } else {
                theme.text()
            },
        ));
        spans.push(Span::raw("  "));
    }
    Line::from(spans)
}

fn diff_lines<'a>(theme: &Theme, diff: &str) -> Vec<Line<'a>> {
    diff.lines()
        .map(|line| {
            let style = if line.starts_with("+++") || line.starts_with("---") {
                theme.dim()
            } else if line.starts_with('+') {
                theme.ok()
            } else if line.starts_with('-') {
                theme.error()
            } else if line.starts_with("@@") {
                theme.accent()
            } else {
                theme.text()
            };
            Line::from(Span::styled(
                escape(&line.replace('\t', "    ")).into_owned(),
                style,
            ))
        })
        .collect()
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let Some(modal) = app.modals.last() else {
        return;
    };
    let theme = &app.theme;
    match modal {
        Modal::Help(help) => {
            let rect = large(area);
            frame.render_widget(Clear, rect);
            let query = help.query.text.to_lowercase();
            let mut lines = vec![Line::from(Span::styled(
                format!(
                    "{:<KEYS_WIDTH$}{:<TITLE_WIDTH$}{}",
                    "Keys", "Action", "Description"
                ),
                theme.header(),
            ))];
            for info in ACTIONS {
                let keys = app.keymap.labels(info.action).join(" ");
                let text = format!("{keys} {} {} {}", info.name, info.title, info.description)
                    .to_lowercase();
                if !query.is_empty() && !query.split_whitespace().all(|w| text.contains(w)) {
                    continue;
                }
                let suffix = if info.mutating {
                    " (changes the file)"
                } else {
                    ""
                };
                lines.push(Line::from(vec![
                    Span::styled(format!("{keys:<KEYS_WIDTH$}"), theme.key()),
                    Span::styled(format!("{:<TITLE_WIDTH$}", info.title), theme.text()),
                    Span::styled(format!("{}{suffix}", info.description), theme.dim()),
                ]));
            }
            let footer = if help.searching {
                Line::from(vec![
                    Span::styled("/", theme.key()),
                    Span::styled(format!("{}▏", help.query.text), theme.accent()),
                ])
            } else {
                Line::from(Span::styled(
                    "/ search · ↑↓ scroll · Esc close · keys can be changed in keymap.toml",
                    theme.dim(),
                ))
            };
            let block = frame_block(theme, "Help");
            let inner = block.inner(rect);
            frame.render_widget(block, rect);
            let [body, foot] =
                Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
            let scroll = help.scroll.min(lines.len().saturating_sub(1)) as u16;
            frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), body);
            frame.render_widget(Paragraph::new(footer), foot);
        }
        Modal::Palette(palette) => {
            let width = area.width.saturating_sub(6).min(90);
            let height = area.height.saturating_sub(4).min(18);
            let [row] = Layout::vertical([Constraint::Length(height)]).areas(Rect {
                y: area.y + 2,
                ..area
            });
            let [rect] = Layout::horizontal([Constraint::Length(width)])
                .flex(Flex::Center)
                .areas(row);
            frame.render_widget(Clear, rect);
            let block = frame_block(theme, "Command");
            let inner = block.inner(rect);
            frame.render_widget(block, rect);
            let [input, list] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
            let line = Line::from(vec![
                Span::styled(":", theme.key()),
                Span::styled(format!("{}▏", palette.input.text), theme.accent()),
            ]);
            frame.render_widget(Paragraph::new(line), input);
            let items = palette_items(app, &palette.input.text);
            let selected = palette.selected.min(items.len().saturating_sub(1));
            let visible = list.height as usize;
            let offset = selected.saturating_sub(visible.saturating_sub(1));
            let lines: Vec<Line> = items
                .iter()
                .enumerate()
                .skip(offset)
                .take(visible)
                .map(|(i, item)| {
                    let base = if i == selected {
                        theme.selection(true)
                    } else {
                        theme.text()
                    };
                    let mut spans =
                        vec![Span::styled(if i == selected { "> " } else { "  " }, base)];
                    for (pos, ch) in item.label.chars().enumerate() {
                        let style = if item.positions.contains(&pos) {
                            base.patch(theme.matched())
                        } else {
                            base
                        };
                        spans.push(Span::styled(ch.to_string(), style));
                    }
                    spans.push(Span::styled(
                        format!("  {}", item.detail),
                        if i == selected { base } else { theme.dim() },
                    ));
                    Line::from(spans)
                })
                .collect();
            frame.render_widget(Paragraph::new(lines), list);
        }
        Modal::Confirm(confirm) => {
            let rect = large(area);
            frame.render_widget(Clear, rect);
            let block = frame_block(theme, &format!("{}?", confirm.title));
            let inner = block.inner(rect);
            frame.render_widget(block, rect);
            // The whole command, however long its quoted path: it is there to be copied.
            let cli_rows = ("Same as: ".len() + confirm.cli.chars().count())
                .div_ceil(inner.width.max(1) as usize) as u16
                + 1;
            let [head, body, cli, foot] = Layout::vertical([
                Constraint::Length(confirm.message.len() as u16 + 2),
                Constraint::Min(1),
                Constraint::Length(cli_rows.clamp(2, 8)),
                Constraint::Length(1),
            ])
            .areas(inner);
            let mut head_lines = vec![Line::from(Span::styled("When confirmed:", theme.dim()))];
            for m in &confirm.message {
                let style = if m.starts_with("warning") {
                    theme.warning()
                } else {
                    theme.text()
                };
                head_lines.push(Line::from(Span::styled(format!("  {}", escape(m)), style)));
            }
            head_lines.push(Line::from(Span::styled(
                "The file changes like this (a backup is taken first):",
                theme.dim(),
            )));
            frame.render_widget(Paragraph::new(head_lines), head);
            let lines = diff_lines(theme, &confirm.diff);
            let scroll = confirm.scroll.min(lines.len().saturating_sub(1)) as u16;
            frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), body);
            let cli_line = Line::from(vec![
                Span::styled("Same as: ", theme.dim()),
                Span::styled(confirm.cli.clone(), theme.accent()),
            ]);
            frame.render_widget(Paragraph::new(cli_line).wrap(Wrap { trim: false }), cli);
            let verb = confirm.op.verb();
            frame.render_widget(
                Paragraph::new(buttons(
                    theme,
                    &[("Cancel", Button::Cancel), (verb, Button::Confirm)],
                    confirm.focus,
                )),
                foot,
            );
        }
        Modal::Message {
            title,
            text,
            scroll,
        } => {
            let rect = large(area);
            frame.render_widget(Clear, rect);
            let lines = diff_lines(theme, text);
            let scroll = (*scroll).min(lines.len().saturating_sub(1)) as u16;
            frame.render_widget(
                Paragraph::new(lines)
                    .block(frame_block(theme, title))
                    .scroll((scroll, 0)),
                rect,
            );
        }
        Modal::Conflict { conn, focus } => {
            let rect = centered(area, 76, 9);
            frame.render_widget(Clear, rect);
            let file = app
                .conns
                .get(*conn)
                .map(|c| escape(&c.display_path).into_owned())
                .unwrap_or_default();
            let lines = vec![
                Line::from(Span::styled(
                    format!("{file} changed on disk since it was loaded."),
                    theme.warning(),
                )),
                Line::from("Your change was not written, so nothing on disk was overwritten."),
                Line::from(""),
                Line::from(Span::styled(
                    "Reload takes the file from disk (your unsaved change is dropped).",
                    theme.dim(),
                )),
                Line::from(""),
                buttons(
                    theme,
                    &[
                        ("Cancel", Button::Cancel),
                        ("Reload", Button::Confirm),
                        ("Show diff", Button::Other),
                    ],
                    *focus,
                ),
            ];
            frame.render_widget(
                Paragraph::new(lines)
                    .block(frame_block(theme, "Changed on disk"))
                    .wrap(Wrap { trim: false }),
                rect,
            );
        }
        Modal::AddSite(form) => {
            let rect = centered(area, area.width.saturating_sub(4).min(90), 17);
            frame.render_widget(Clear, rect);
            let mut lines = Vec::new();
            for (i, field) in form.fields.iter().enumerate() {
                let focused = i == form.focused;
                let cursor = if focused { "▏" } else { "" };
                lines.push(Line::from(vec![
                    Span::styled(
                        format!("{:<18}", ADD_SITE_LABELS[i]),
                        if focused { theme.key() } else { theme.dim() },
                    ),
                    Span::styled(
                        format!("{}{cursor}", escape(&field.text)),
                        if focused {
                            theme.accent()
                        } else {
                            theme.text()
                        },
                    ),
                ]));
                lines.push(Line::from(Span::styled(
                    format!("{:<18}{}", "", ADD_SITE_HELP[i]),
                    theme.dim(),
                )));
            }
            lines.push(Line::from(""));
            if let Some(error) = &form.error {
                lines.push(Line::from(Span::styled(
                    escape(error).into_owned(),
                    theme.error(),
                )));
            } else {
                lines.push(Line::from(Span::styled(
                    "New sites get the lowest free ID, a root application and virtual directory.",
                    theme.dim(),
                )));
            }
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(
                "Tab/↓ next field · Enter on the last field reviews the change · Esc cancels",
                theme.dim(),
            )));
            frame.render_widget(
                Paragraph::new(lines)
                    .block(frame_block(theme, "Add Website"))
                    .wrap(Wrap { trim: false }),
                rect,
            );
        }
        Modal::Quit { focus } => {
            let rect = centered(area, 60, 6);
            frame.render_widget(Clear, rect);
            let lines = vec![
                Line::from(
                    "An operation is unfinished (a form with input, or a save in progress).",
                ),
                Line::from(""),
                buttons(
                    theme,
                    &[("Cancel", Button::Cancel), ("Quit", Button::Confirm)],
                    *focus,
                ),
            ];
            frame.render_widget(
                Paragraph::new(lines)
                    .block(frame_block(theme, "Quit?"))
                    .style(Style::new()),
                rect,
            );
        }
    }
}
