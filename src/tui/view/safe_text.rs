//! Text from a file or path on screen: panes pass what they show through [`escape_spans`] (names
//! with control, bidi or invisible characters appear as `\n`, `\u{202e}`), and after each frame
//! [`scrub`] removes any such character that still reached a cell, since ratatui drops control
//! characters but writes zero-width ones (bidi overrides, joiners) to the terminal as they are.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::text::Line;

use crate::host::terminal_text::escape;
use crate::model::invisible::is_invisible;

/// Escapes every span of `lines` in place (clean spans are left as they are).
pub fn escape_spans(lines: &mut [Line<'_>]) {
    for span in lines.iter_mut().flat_map(|line| line.spans.iter_mut()) {
        if let Cow::Owned(escaped) = escape(&span.content) {
            span.content = Cow::Owned(escaped);
        }
    }
}

/// Drops invisible characters from every cell of a drawn frame.
pub fn scrub(buffer: &mut Buffer) {
    for cell in &mut buffer.content {
        let symbol = cell.symbol();
        if symbol.is_ascii() || !symbol.chars().any(is_invisible) {
            continue;
        }
        let kept: String = symbol.chars().filter(|c| !is_invisible(*c)).collect();
        cell.set_symbol(if kept.is_empty() { " " } else { &kept });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::text::Span;
    use ratatui::widgets::{Block, Widget};

    #[test]
    fn zero_width_bidi_characters_never_stay_in_a_cell() {
        let area = Rect::new(0, 0, 20, 2);
        let mut buffer = Buffer::empty(area);
        // A block title is drawn span by span, which keeps zero-width characters in cells.
        Block::bordered()
            .title(Line::from("ab\u{202e}cd\u{200d}e"))
            .render(area, &mut buffer);
        assert!(
            buffer
                .content
                .iter()
                .any(|c| c.symbol().contains('\u{202e}'))
        );
        scrub(&mut buffer);
        let text: String = buffer.content.iter().map(|c| c.symbol()).collect();
        assert!(text.starts_with("┌abcde─"), "{text}");
    }

    #[test]
    fn spans_show_escapes() {
        let mut lines = vec![Line::from(vec![
            Span::raw("Delete site \""),
            Span::raw("lf\nSITE \u{202e}x"),
        ])];
        escape_spans(&mut lines);
        assert_eq!(lines[0].spans[1].content, "lf\\nSITE \\u{202e}x");
    }
}
