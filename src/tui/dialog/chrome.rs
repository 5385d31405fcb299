//! What dialogs share when they draw: placing a box, its frame and title, colouring the lines
//! of a diff, and breaking long lines into rows so no character is lost at the edge.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use crate::host::terminal_text::escape;
use crate::tui::action::Action;
use crate::tui::theme::Theme;

/// A `width` × `height` box in the middle of `area` (clipped to it).
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// Where dialogs are drawn on `screen`: all of it but the status and hint lines, so what a
/// dialog's keys say (a refusal, a save's outcome) and the keys it takes stay in view.
pub fn dialog_area(screen: Rect) -> Rect {
    Rect {
        height: screen.height.saturating_sub(2).max(3).min(screen.height),
        ..screen
    }
}

/// The box of the help, review and message dialogs: the dialog area's height, at most 110 wide.
pub fn large(area: Rect) -> Rect {
    centered(area, area.width.saturating_sub(4).min(110), area.height)
}

/// A bordered block with a title.
pub fn frame_block<'a>(theme: &Theme, title: &str) -> Block<'a> {
    Block::bordered()
        .title(Span::styled(
            format!(" {} ", escape(title)),
            theme.title(true),
        ))
        .border_style(theme.border(true))
}

/// The style of a unified diff's line, and the gutter its continuation rows repeat (`-`, `+`,
/// or a space for context; nothing for file names and hunk headers).
fn diff_style(theme: &Theme, line: &str) -> (Style, &'static str) {
    if line.starts_with("+++") || line.starts_with("---") {
        (theme.dim(), "")
    } else if line.starts_with('+') {
        (theme.ok(), "+")
    } else if line.starts_with('-') {
        (theme.error(), "-")
    } else if line.starts_with("@@") {
        (theme.accent(), "")
    } else {
        (theme.text(), " ")
    }
}

/// A unified diff, coloured: additions, removals, hunk headers, file names.
pub fn diff_lines<'a>(theme: &Theme, diff: &str) -> Vec<Line<'a>> {
    diff.lines()
        .map(|line| {
            Line::from(Span::styled(
                escape(&line.replace('\t', "    ")).into_owned(),
                diff_style(theme, line).0,
            ))
        })
        .collect()
}

/// A unified diff, coloured and broken into rows `width` columns wide: a continuation row
/// starts with its line's gutter (`-`, `+`) and [`CONTINUED`], in the line's colour, so every
/// changed character can be read however long the line.
pub fn diff_rows(theme: &Theme, diff: &str, width: usize) -> Vec<Line<'static>> {
    diff.lines()
        .flat_map(|line| {
            let (style, gutter) = diff_style(theme, line);
            let text = escape(&line.replace('\t', "    ")).into_owned();
            let marker = Span::styled(format!("{gutter}{CONTINUED}"), style);
            wrap_line(Line::from(Span::styled(text, style)), width, &marker)
        })
        .collect()
}

/// What starts a row that continues the line above it.
pub const CONTINUED: &str = "↪";

/// Columns a character takes on a terminal (0 for combining marks, 2 for wide ones).
fn char_width(c: char) -> usize {
    let mut buf = [0; 4];
    Span::raw(&*c.encode_utf8(&mut buf)).width()
}

/// `line` broken into rows at most `width` columns wide, every character kept in order; each
/// row after the first starts with `marker`. Styles carry over the breaks.
pub fn wrap_line(line: Line<'static>, width: usize, marker: &Span<'static>) -> Vec<Line<'static>> {
    let width = width.max(marker.width() + 1);
    if line.width() <= width {
        return vec![line];
    }
    let line_style = line.style;
    let mut rows: Vec<Line<'static>> = Vec::new();
    let mut row: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for span in line.spans {
        let mut text = String::new();
        for c in span.content.chars() {
            let w = char_width(c);
            if used + w > width && used > 0 {
                if !text.is_empty() {
                    row.push(Span::styled(std::mem::take(&mut text), span.style));
                }
                rows.push(Line::from(std::mem::take(&mut row)).style(line_style));
                row.push(marker.clone());
                used = marker.width();
            }
            text.push(c);
            used += w;
        }
        if !text.is_empty() {
            row.push(Span::styled(text, span.style));
        }
    }
    rows.push(Line::from(row).style(line_style));
    rows
}

/// `text` as rows of at most `width` columns: broken at spaces where it can be, inside a word
/// where it must, rows after the first indented by `indent` columns.
pub fn wrap_words(text: &str, width: usize, indent: usize) -> Vec<String> {
    let width = width.max(indent + 8);
    let mut rows = Vec::new();
    let mut row = String::new();
    let mut used = 0;
    let room = |rows: &Vec<String>| {
        if rows.is_empty() {
            width
        } else {
            width - indent
        }
    };
    for (n, word) in text.split(' ').enumerate() {
        let len: usize = word.chars().map(char_width).sum();
        if n > 0 {
            // The space between words, unless the row breaks there.
            if used > 0 && used + 1 + len > room(&rows) {
                rows.push(std::mem::take(&mut row));
                used = 0;
            } else {
                row.push(' ');
                used += 1;
            }
        }
        for c in word.chars() {
            let w = char_width(c);
            if used + w > room(&rows) && used > 0 {
                rows.push(std::mem::take(&mut row));
                used = 0;
            }
            row.push(c);
            used += w;
        }
    }
    rows.push(row);
    let pad = " ".repeat(indent);
    rows.into_iter()
        .enumerate()
        .map(|(n, r)| if n == 0 { r } else { format!("{pad}{r}") })
        .collect()
}

/// A scroll offset kept within `lines` rows shown `height` at a time.
pub fn clamp_scroll(scroll: usize, lines: usize, height: usize) -> usize {
    scroll.min(lines.saturating_sub(height.max(1)))
}

/// Moves a text's scroll offset for a scrolling action (Up, Down, PageUp, PageDown, Top, Bottom),
/// kept within `lines` shown `page` at a time; `false` when the action is not one of those.
pub fn scroll_by(scroll: &mut usize, action: Action, page: usize, lines: usize) -> bool {
    match action {
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::Down => *scroll += 1,
        Action::PageUp => *scroll = scroll.saturating_sub(page),
        Action::PageDown => *scroll += page,
        Action::Top => *scroll = 0,
        Action::Bottom => *scroll = lines,
        _ => return false,
    }
    *scroll = clamp_scroll(*scroll, lines, page);
    true
}

/// A key on a read-only text (Confirm layer): scrolls it; `true` when it closes (Esc, Enter).
pub fn text_key(scroll: &mut usize, action: Option<Action>, lines: usize, page: usize) -> bool {
    match action {
        Some(Action::Cancel | Action::Press) => true,
        Some(action) => {
            scroll_by(scroll, action, page, lines);
            false
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn long_diff_lines_wrap_with_their_gutter_and_keep_every_character() {
        let theme = Theme::default_theme();
        let changed = format!("-{}autoStart=\"true\" />", "x".repeat(30));
        let rows = diff_rows(&theme, &changed, 12);
        assert!(rows.iter().all(|r| r.width() <= 12), "{rows:?}");
        assert_eq!(text(&rows[0]), "-xxxxxxxxxxx");
        assert!(rows[1..].iter().all(|r| text(r).starts_with("-↪")));
        let joined: String = rows
            .iter()
            .enumerate()
            .map(|(n, r)| {
                let t = text(r);
                if n == 0 {
                    t
                } else {
                    t["-↪".len()..].to_owned()
                }
            })
            .collect();
        assert_eq!(joined, changed);
        assert!(
            rows.iter()
                .all(|r| r.spans.iter().all(|s| s.style == theme.error()))
        );
    }

    #[test]
    fn words_wrap_at_spaces_and_long_words_break() {
        assert_eq!(
            wrap_words("one two three four", 9, 2),
            ["one two", "  three", "  four"]
        );
        assert_eq!(
            wrap_words(&"a".repeat(20), 8, 0),
            ["aaaaaaaa", "aaaaaaaa", "aaaa"]
        );
        assert_eq!(wrap_words("  indented", 20, 4), ["  indented"]);
    }
}
