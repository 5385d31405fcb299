//! The file's own formatting conventions, detected by majority vote over what is already there:
//! newline (CRLF or LF), indent unit (tab or N spaces), quote character, and whether
//! self-closing tags are written `<a />` or `<a/>`. New content copies them.

use std::collections::HashMap;

use super::Document;
use super::node::NodeKind;

/// Formatting conventions of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Style {
    pub newline: &'static str,
    pub indent_unit: String,
    pub quote: char,
    pub self_close_space: bool,
}

pub(crate) fn detect(doc: &Document) -> Style {
    let text = doc.text();
    let crlf = text.matches("\r\n").count();
    let lf = text.matches('\n').count() - crlf;
    let newline = if crlf >= lf && crlf > 0 {
        "\r\n"
    } else if lf > 0 {
        "\n"
    } else {
        "\r\n"
    };

    let mut units: HashMap<&str, usize> = HashMap::new();
    let (mut double, mut single, mut spaced, mut tight) = (0usize, 0usize, 0usize, 0usize);
    for (index, node) in doc.nodes.iter().enumerate() {
        if node.kind != NodeKind::Element {
            continue;
        }
        for attr in doc.attrs(super::NodeId(index as u32)) {
            if attr.quote() == '"' {
                double += 1
            } else {
                single += 1
            }
        }
        if node.self_closing {
            if text[..node.end as usize - 2].ends_with([' ', '\t', '\n']) {
                spaced += 1
            } else {
                tight += 1
            }
        }
        let parent = node.parent as usize;
        if parent == 0 || doc.nodes[parent].kind != NodeKind::Element {
            continue;
        }
        let (Some(child), Some(outer)) = (
            doc.line_indent(node.start as usize),
            doc.line_indent(doc.nodes[parent].start as usize),
        ) else {
            continue;
        };
        if let Some(unit) = child.strip_prefix(outer).filter(|u| !u.is_empty()) {
            *units.entry(unit).or_default() += 1;
        }
    }
    let indent_unit = units
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.len().cmp(&a.0.len())))
        .map(|(unit, _)| unit.to_owned())
        .unwrap_or_else(|| String::from("    "));
    Style {
        newline,
        indent_unit,
        quote: if single > double { '\'' } else { '"' },
        self_close_space: spaced >= tight,
    }
}
