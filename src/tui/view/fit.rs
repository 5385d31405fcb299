//! Lines that end with `…` instead of being cut silently at the pane's edge.

use ratatui::text::{Line, Span};

/// A table cell: `text` padded to `width` characters, or cut with `…`.
pub fn fit_cell(text: &str, width: usize) -> String {
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

/// `line` shortened to `width` columns, its last visible character replaced by `…` when cut.
pub fn fit_line(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let mut used = 0;
    let mut spans = Vec::new();
    for span in line.spans {
        let w = span.width();
        if used + w < width {
            used += w;
            spans.push(span);
            continue;
        }
        let mut text = String::new();
        for c in span.content.chars() {
            let cw = Span::raw(c.encode_utf8(&mut [0; 4]).to_owned()).width();
            if used + cw + 1 > width {
                break;
            }
            used += cw;
            text.push(c);
        }
        text.push('…');
        spans.push(Span::styled(text, span.style));
        break;
    }
    Line::from(spans).style(line.style)
}

/// Every line fitted to `width`.
pub fn fit_lines(lines: Vec<Line<'static>>, width: usize) -> Vec<Line<'static>> {
    lines.into_iter().map(|l| fit_line(l, width)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_end_with_an_ellipsis() {
        let line = Line::from(vec![
            Span::raw("physicalPath "),
            Span::raw("C:\\very\\long\\path"),
        ]);
        let fitted = fit_line(line, 20);
        assert_eq!(fitted.width(), 20);
        assert!(fitted.to_string().ends_with('…'), "{fitted}");
        let short = fit_line(Line::from("short"), 20);
        assert_eq!(short.to_string(), "short");
    }
}
