//! New elements to insert: a small tree of names, attributes and children rendered in the
//! target file's style (indentation, newline, quotes, `/>` spelling).

use super::text::escape_attr;

/// An element to be inserted, with attributes in the order they should be written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewElement {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<NewElement>,
}

/// How to render new markup so that it looks like its neighbours.
#[derive(Debug, Clone)]
pub(crate) struct Render<'a> {
    pub indent_unit: &'a str,
    pub newline: &'a str,
    pub quote: char,
    pub self_close_space: bool,
}

impl NewElement {
    pub fn new(name: impl Into<String>) -> Self {
        NewElement {
            name: name.into(),
            ..Default::default()
        }
    }

    /// Adds an attribute (builder style).
    pub fn attr(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.attrs.push((name.into(), value.into()));
        self
    }

    /// Adds a child element (builder style).
    pub fn child(mut self, child: NewElement) -> Self {
        self.children.push(child);
        self
    }

    /// Renders the element; `indent` is the indentation of the line it starts on (the first
    /// line itself is not indented: the caller places it).
    pub(crate) fn render(&self, indent: &str, style: &Render<'_>) -> String {
        let mut out = String::new();
        self.render_into(&mut out, indent, style);
        out
    }

    fn render_into(&self, out: &mut String, indent: &str, style: &Render<'_>) {
        out.push('<');
        out.push_str(&self.name);
        for (name, value) in &self.attrs {
            out.push(' ');
            out.push_str(name);
            out.push('=');
            out.push(style.quote);
            out.push_str(&escape_attr(value, style.quote));
            out.push(style.quote);
        }
        if self.children.is_empty() {
            out.push_str(if style.self_close_space { " />" } else { "/>" });
            return;
        }
        out.push('>');
        let inner = format!("{indent}{}", style.indent_unit);
        for child in &self.children {
            out.push_str(style.newline);
            out.push_str(&inner);
            child.render_into(out, &inner, style);
        }
        out.push_str(style.newline);
        out.push_str(indent);
        out.push_str("</");
        out.push_str(&self.name);
        out.push('>');
    }
}
