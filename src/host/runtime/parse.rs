//! appcmd's output: `list … /xml`, the text lines of `list` (`APPPOOL "Shop" (MgdVersion:,
//! MgdMode:Integrated,state:Started)`), success lines (`"Shop" successfully stopped.`) and
//! errors (`ERROR ( hresult:80070426, message:Command execution failed. … )`).

use std::collections::HashMap;

/// Parses `appcmd list … /xml` output into name (lower-cased) → state.
pub fn parse_appcmd_xml(
    bytes: &[u8],
    element: &str,
    name_attr: &str,
) -> Result<HashMap<String, String>, String> {
    let doc = crate::model::doc::Document::parse(bytes.to_vec())
        .map_err(|e| format!("unexpected appcmd output: {e}"))?;
    Ok(doc
        .elements_named(doc.root(), element)
        .filter_map(|n| {
            let name = doc.attr_value(n, name_attr)?.to_lowercase();
            let state = doc.attr_value(n, "state")?.into_owned();
            Some((name, state))
        })
        .collect())
}

/// One line of `appcmd list site|apppool` text output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListLine {
    /// `SITE`, `APPPOOL`, …
    pub kind: String,
    pub name: String,
    /// `(key:value,…)` in order; a value may hold commas (`bindings:http/*:80:,https/*:443:`).
    pub attributes: Vec<(String, String)>,
}

impl ListLine {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }
}

/// Parses one `KIND "name" (key:value,…)` line.
pub fn parse_list_line(line: &str) -> Option<ListLine> {
    let line = line.trim_end_matches(['\r', '\n']);
    let (kind, rest) = line.split_once(' ')?;
    let rest = rest.strip_prefix('"')?;
    let close = rest.find("\" (")?;
    let name = &rest[..close];
    let inner = rest[close + 3..].strip_suffix(')')?;
    let mut attributes: Vec<(String, String)> = Vec::new();
    for part in inner.split(',') {
        match part.split_once(':') {
            Some((key, value)) if !key.is_empty() && key.chars().all(char::is_alphanumeric) => {
                attributes.push((key.to_owned(), value.to_owned()));
            }
            // A continuation of a value that holds commas (more bindings).
            _ => match attributes.last_mut() {
                Some((_, value)) => {
                    value.push(',');
                    value.push_str(part);
                }
                None => return None,
            },
        }
    }
    Some(ListLine {
        kind: kind.to_owned(),
        name: name.to_owned(),
        attributes,
    })
}

/// Every line of `appcmd list` text output that parses.
pub fn parse_list(text: &str) -> Vec<ListLine> {
    text.lines().filter_map(parse_list_line).collect()
}

/// An `ERROR ( hresult:…, message:… )` report: the HRESULT (hex, when given) and the message
/// with its lines joined.
pub fn parse_error(text: &str) -> Option<(Option<String>, String)> {
    let start = text.find("ERROR (")?;
    let body = text[start + "ERROR (".len()..].trim();
    let body = body.strip_suffix(')').unwrap_or(body).trim();
    let (hresult, rest) = match body.strip_prefix("hresult:") {
        Some(after) => {
            let (code, rest) = after.split_once(',')?;
            (Some(code.trim().to_owned()), rest.trim_start())
        }
        None => (None, body),
    };
    let message = rest.strip_prefix("message:").unwrap_or(rest);
    let joined: Vec<&str> = message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    Some((hresult, joined.join(" ")))
}

/// The `"Name" successfully <done>.` line, when appcmd printed it.
pub fn success_line<'a>(text: &'a str, name: &str, done: &str) -> Option<&'a str> {
    let expected = format!("\"{name}\" successfully {done}.");
    text.lines()
        .map(str::trim)
        .find(|l| l.eq_ignore_ascii_case(&expected))
}
