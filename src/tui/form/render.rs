//! Drawing a form: a label column, each value on its line (a real terminal cursor in the focused
//! text field), the error, warning or help under its field, folder completions, and the open
//! choice list drawn over the fields below. Scrolls to keep the focused field in view.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::host::terminal_text::escape;
use crate::tui::dialog::chrome::wrap_words;
use crate::tui::theme::Theme;

use super::{Field, Form, Picker};

/// The most rows a field's error, warning or help wraps to under it.
const MESSAGE_ROWS: usize = 4;

/// The widest label column a form uses.
pub const FORM_LABEL_WIDTH: usize = 24;

fn label_width(form: &Form) -> usize {
    form.fields
        .iter()
        .map(|f| f.label.chars().count() + 3)
        .max()
        .unwrap_or(10)
        .min(FORM_LABEL_WIDTH)
}

/// The line under a field: its error (once typed in, or after a submit), warning, why it is
/// disabled, or (focused) its help.
fn message(field: &Field, focused: bool, submitted: bool) -> Option<(String, Kind)> {
    if let Some(error) = field
        .error
        .as_ref()
        .filter(|_| submitted || field.changed())
    {
        return Some((format!("✗ {error}"), Kind::Error));
    }
    if let Some(warning) = &field.warning {
        return Some((format!("! {warning}"), Kind::Warning));
    }
    if let Some(why) = &field.disabled {
        return Some((why.clone(), Kind::Help));
    }
    (focused && !field.help.is_empty()).then(|| (field.help.clone(), Kind::Help))
}

/// A field's message wrapped under its value, cut with … only past `MESSAGE_ROWS` rows.
fn message_rows(text: &str, width: usize) -> Vec<String> {
    let mut rows = wrap_words(text, width, 2);
    if rows.len() > MESSAGE_ROWS {
        rows.truncate(MESSAGE_ROWS);
        if let Some(last) = rows.last_mut() {
            *last = truncate(&format!("{last} …"), width);
        }
    }
    rows
}

/// Rows `form` takes drawn `width` columns wide: a line per field, the rows under each field
/// with something to say (an error even before it shows, a warning, why it is disabled) or, for
/// the focused field, its help, and the folder completions.
pub fn form_rows(form: &Form, width: u16) -> u16 {
    let value_width = (width as usize)
        .saturating_sub(label_width(form) + 2)
        .max(1);
    let messages: usize = form
        .fields
        .iter()
        .enumerate()
        .filter_map(|(i, field)| {
            let focused_help = i == form.focused && !field.help.is_empty();
            field
                .error
                .as_ref()
                .map(|error| format!("✗ {error}"))
                .or_else(|| field.warning.as_ref().map(|w| format!("! {w}")))
                .or_else(|| field.disabled.clone())
                .or_else(|| focused_help.then(|| field.help.clone()))
        })
        .map(|text| message_rows(&text, value_width).len())
        .sum();
    let completions = usize::from(form.completions.is_some());
    (form.fields.len() + messages + completions) as u16
}

#[derive(Clone, Copy)]
enum Kind {
    Error,
    Warning,
    Help,
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Draws `form` in `area`; `active` is false while another layer (a confirm) sits on top.
/// An open choice list reaches outside `area` (over notes, the foot, the frame), so a dialog
/// draws its form after everything else, or the list's lower choices are drawn over.
pub fn render_form(frame: &mut Frame, area: Rect, form: &Form, theme: &Theme, active: bool) {
    let labels = label_width(form);
    let value_width = (area.width as usize).saturating_sub(labels + 2).max(1);
    let mut lines: Vec<Line> = Vec::new();
    let mut focus_rows = (0, 0);
    let mut cursor: Option<(usize, usize)> = None;
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focused && active;
        let start = lines.len();
        let marker = if focused { "›" } else { " " };
        let label_style = if focused { theme.key() } else { theme.dim() };
        let value_style = if field.disabled.is_some() {
            theme.dim()
        } else if focused {
            theme.accent()
        } else {
            theme.text()
        };
        let shown = if focused && field.kind.is_typed() && field.disabled.is_none() {
            let (window, column) = field.input.window(value_width);
            let (shown, column) = if matches!(field.kind, super::FieldKind::Password) {
                ("•".repeat(window.chars().count()), column)
            } else {
                // A value from a file may hold control characters: shown as visible escapes,
                // with the cursor after the escaped text before it.
                let before: String = window.chars().take(column).collect();
                (
                    escape(&window).into_owned(),
                    escape(&before).chars().count(),
                )
            };
            cursor = Some((labels + 1 + column, start));
            shown
        } else {
            let mut shown = truncate(&escape(&field.shown()), value_width);
            if field.kind.choices().len() > 1 && focused {
                shown.push_str("  ▾");
            }
            shown
        };
        lines.push(Line::from(vec![
            Span::styled(marker, theme.key()),
            Span::styled(
                format!("{:<w$}", truncate(&field.label, labels - 1), w = labels),
                label_style,
            ),
            Span::raw(" "),
            Span::styled(shown, value_style),
        ]));
        if let Some((text, kind)) = message(field, focused, form.submitted) {
            let style = match kind {
                Kind::Error => theme.error(),
                Kind::Warning => theme.warning(),
                Kind::Help => theme.dim(),
            };
            for row in message_rows(&text, value_width) {
                lines.push(Line::from(vec![
                    Span::raw(" ".repeat(labels + 2)),
                    Span::styled(row, style),
                ]));
            }
        }
        if let Some((index, names)) = &form.completions {
            if *index == i {
                lines.push(Line::from(vec![
                    Span::raw(" ".repeat(labels + 2)),
                    Span::styled(truncate(&names.join("  "), value_width), theme.dim()),
                ]));
            }
        }
        if i == form.focused {
            focus_rows = (start, lines.len());
        }
    }
    let height = area.height as usize;
    let offset = focus_rows.1.saturating_sub(height).min(focus_rows.0);
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(offset).collect::<Vec<_>>()),
        area,
    );
    if let Some(picker) = &form.picker {
        let row = focus_rows.0.saturating_sub(offset) as u16 + 1;
        draw_picker(frame, area, form, picker, theme, labels as u16 + 1, row);
    } else if let Some((x, y)) = cursor {
        if y >= offset && y - offset < height {
            frame.set_cursor_position(Position::new(
                area.x + x as u16,
                area.y + (y - offset) as u16,
            ));
        }
    }
}

fn draw_picker(
    frame: &mut Frame,
    area: Rect,
    form: &Form,
    picker: &Picker,
    theme: &Theme,
    x: u16,
    row: u16,
) {
    let Some(field) = form.fields.get(picker.field) else {
        return;
    };
    let choices = field.choices();
    let visible = picker.visible(choices);
    let widest = choices
        .iter()
        .map(|c| c.label.chars().count() + c.detail.chars().count() + 8)
        .max()
        .unwrap_or(10)
        .max(24) as u16;
    let width = widest.min(area.width.saturating_sub(x));
    let wanted = (visible.len().min(8) as u16 + 3).max(4);
    // The list may cover anything on screen (a one-field editor has no room of its own).
    let screen = frame.area();
    let field_y = area.y + row.saturating_sub(1);
    let below = screen.bottom().saturating_sub(field_y + 1);
    let above = field_y.saturating_sub(screen.y);
    let (y, height) = if below >= wanted || below >= above {
        (field_y + 1, wanted.min(below))
    } else {
        let height = wanted.min(above);
        (field_y - height, height)
    };
    let rect = Rect::new(area.x + x, y, width, height);
    frame.render_widget(Clear, rect);
    let block = Block::bordered().border_style(theme.border(true));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let mut lines = vec![Line::from(vec![
        Span::styled("filter: ", theme.dim()),
        Span::styled(picker.filter.text().to_owned(), theme.accent()),
    ])];
    let rows = inner.height.saturating_sub(1) as usize;
    let offset = picker.highlighted.saturating_sub(rows.saturating_sub(1));
    for (n, (index, positions)) in visible.iter().enumerate().skip(offset).take(rows) {
        let choice = &choices[*index];
        let selected = n == picker.highlighted;
        let base = if selected {
            theme.selection(true)
        } else {
            theme.text()
        };
        let tick = if picker.flags {
            if picker.ticked[*index] {
                "[x] "
            } else {
                "[ ] "
            }
        } else if selected {
            "> "
        } else {
            "  "
        };
        let mut spans = vec![Span::styled(tick, base)];
        for (pos, ch) in choice.label.chars().enumerate() {
            let style = if positions.contains(&pos) {
                base.patch(theme.matched())
            } else {
                base
            };
            spans.push(Span::styled(ch.to_string(), style));
        }
        if !choice.detail.is_empty() {
            spans.push(Span::styled(format!("  {}", choice.detail), theme.dim()));
        }
        lines.push(Line::from(spans));
    }
    if visible.is_empty() {
        lines.push(Line::from(Span::styled("no match", theme.dim())));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
