//! What dialogs share when they draw: placing a box, its frame and title, and colouring the
//! lines of a diff.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
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

/// The box of the help, review and message dialogs: nearly the whole screen, at most 110 wide.
pub fn large(area: Rect) -> Rect {
    centered(
        area,
        area.width.saturating_sub(4).min(110),
        area.height.saturating_sub(2),
    )
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

/// A unified diff, coloured: additions, removals, hunk headers, file names.
pub fn diff_lines<'a>(theme: &Theme, diff: &str) -> Vec<Line<'a>> {
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
