//! Colouring the lines of an XML or HTML file for the viewer (tags, attribute names, values,
//! comments) and of a log (W3C `#` headers dim). Works line by line on what was read, so a
//! truncated or malformed file is still shown; every piece is escaped before it is drawn.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::host::terminal_text::escape;
use crate::tui::theme::Theme;

/// How a file's lines are coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Xml,
    Log,
    Plain,
}

impl Syntax {
    /// By the file's name: `.config`, `.xml`, `.htm(l)` are XML; `.log` a log.
    pub fn of(name: &str) -> Syntax {
        let lower = name.to_ascii_lowercase();
        if [".config", ".xml", ".htm", ".html", ".xslt", ".csproj"]
            .iter()
            .any(|e| lower.ends_with(e))
        {
            Syntax::Xml
        } else if lower.ends_with(".log") {
            Syntax::Log
        } else {
            Syntax::Plain
        }
    }
}

fn span(text: &str, style: Style) -> Span<'static> {
    Span::styled(escape(&text.replace('\t', "    ")).into_owned(), style)
}

/// One line, coloured. `in_comment` carries an open `<!--` over to the next line.
pub fn colour_line(
    line: &str,
    syntax: Syntax,
    theme: &Theme,
    in_comment: &mut bool,
) -> Line<'static> {
    match syntax {
        Syntax::Plain => Line::from(span(line, theme.text())),
        Syntax::Log if line.starts_with('#') => Line::from(span(line, theme.dim())),
        Syntax::Log => Line::from(span(line, theme.text())),
        Syntax::Xml => Line::from(xml_spans(line, theme, in_comment)),
    }
}

fn xml_spans(line: &str, theme: &Theme, in_comment: &mut bool) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut rest = line;
    while !rest.is_empty() {
        if *in_comment {
            match rest.find("-->") {
                Some(end) => {
                    spans.push(span(&rest[..end + 3], theme.dim()));
                    rest = &rest[end + 3..];
                    *in_comment = false;
                }
                None => {
                    spans.push(span(rest, theme.dim()));
                    rest = "";
                }
            }
            continue;
        }
        let Some(open) = rest.find('<') else {
            spans.push(span(rest, theme.text()));
            break;
        };
        if open > 0 {
            spans.push(span(&rest[..open], theme.text()));
        }
        rest = &rest[open..];
        if rest.starts_with("<!--") {
            *in_comment = true;
            continue;
        }
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        tag_spans(&rest[..end], theme, &mut spans);
        rest = &rest[end..];
    }
    spans
}

/// `<name attr="value" …>`: the name, then attribute names and their quoted values.
fn tag_spans(tag: &str, theme: &Theme, spans: &mut Vec<Span<'static>>) {
    let name_end = tag
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/' && !tag.starts_with("</"))
        .filter(|i| *i > 0)
        .unwrap_or(tag.len());
    let name_end = if tag.starts_with("</") {
        tag.find('>').unwrap_or(tag.len())
    } else {
        name_end
    };
    spans.push(span(&tag[..name_end], theme.accent()));
    let mut rest = &tag[name_end..];
    while !rest.is_empty() {
        let Some(quote_at) = rest.find(['"', '\'']) else {
            spans.push(span(rest, theme.accent()));
            break;
        };
        let quote = rest[quote_at..].chars().next().unwrap_or('"');
        spans.push(span(&rest[..quote_at], theme.key()));
        let after = &rest[quote_at + 1..];
        let close = after.find(quote).map_or(after.len(), |c| c + 1);
        spans.push(span(&rest[quote_at..quote_at + 1 + close], theme.ok()));
        rest = &after[close..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn tags_attributes_and_comments_keep_their_text() {
        let theme = Theme::default_theme();
        let mut comment = false;
        let line = colour_line(
            "  <add name=\"x\" value='1' /> text <!-- open",
            Syntax::Xml,
            &theme,
            &mut comment,
        );
        assert_eq!(text(&line), "  <add name=\"x\" value='1' /> text <!-- open");
        assert!(comment);
        let next = colour_line("still --> <b>", Syntax::Xml, &theme, &mut comment);
        assert_eq!(text(&next), "still --> <b>");
        assert!(!comment);
        let hostile = colour_line(
            "<a v=\"\u{1b}[2J\u{202e}\">",
            Syntax::Xml,
            &theme,
            &mut comment,
        );
        assert!(!text(&hostile).contains('\u{1b}') && !text(&hostile).contains('\u{202e}'));
        assert_eq!(Syntax::of("WEB.CONFIG"), Syntax::Xml);
        assert_eq!(Syntax::of("u_ex261124.log"), Syntax::Log);
    }
}
