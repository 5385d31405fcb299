//! The Connections tree pane: only the visible window of the flattened items is drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::super::app::{App, Focus};
use super::super::tree::TreeKind;
use crate::host::terminal_text::escape;

pub fn draw(frame: &mut Frame, app: &mut App, area: Rect) {
    let focused = app.focus == Focus::Tree;
    let theme = &app.theme;
    let block = Block::bordered()
        .title(Span::styled(" Connections ", theme.title(focused)))
        .border_style(theme.border(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = inner.height as usize;
    app.tree.scroll_into_view(height);
    let theme = &app.theme;
    let marker = theme.needs_marker();
    let lines: Vec<Line> = app
        .tree
        .items
        .iter()
        .enumerate()
        .skip(app.tree.offset)
        .take(height)
        .map(|(index, item)| {
            let selected = index == app.tree.selected;
            let arrow = if !item.expandable {
                " "
            } else if item.expanded {
                "▾"
            } else {
                "▸"
            };
            let icon = match item.kind {
                TreeKind::Connection => "■",
                TreeKind::Pools => "◆",
                TreeKind::Sites => "●",
                TreeKind::Site => "○",
                TreeKind::App => "◇",
                TreeKind::Vdir => "▫",
                TreeKind::Folder => "▹",
            };
            let prefix = if marker {
                if selected { ">" } else { " " }
            } else {
                ""
            };
            let indent = "  ".repeat(item.depth as usize);
            let text = format!("{prefix}{indent}{arrow}{icon} {}", escape(&item.label));
            let style = if selected {
                theme.selection(focused)
            } else {
                theme.text()
            };
            let width = inner.width as usize;
            let padded = if selected {
                format!("{text:<width$}")
            } else {
                text
            };
            Line::from(Span::styled(padded, style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
