//! Keeping an application's web.config to itself: wraps its `<system.webServer>` in
//! `<location path="." inheritInChildApplications="false">`, as `dotnet publish` writes it, so
//! that its sub-applications stop inheriting its handlers (a child that adds the ASP.NET Core
//! handler again fails with 500.19, duplicate handler). One patch: the element moves one level
//! in, in the file's own indentation, newline and quote style; every other byte stays.

use crate::model::apphost::{Change, ModelError};
use crate::model::doc::{Document, NodeId, Patch};

/// The `<system.webServer>` directly under `<configuration>` (the one sub-applications
/// inherit), if the file has one.
pub fn inherited_system_web_server(doc: &Document) -> Option<NodeId> {
    doc.child(doc.root(), "system.webServer")
}

/// Wraps the inherited `<system.webServer>` in `<location path="."
/// inheritInChildApplications="false">`. Refused when there is none (already wrapped, or the
/// file configures nothing for IIS).
pub fn wrap_in_location(doc: &mut Document) -> Result<Change, ModelError> {
    Change::record(doc, |doc, change| {
        let node = inherited_system_web_server(doc).ok_or_else(|| {
            ModelError::MissingSection(String::from(
                "system.webServer> outside a <location inheritInChildApplications=\"false\"",
            ))
        })?;
        let span = doc.span(node);
        let style = doc.style().clone();
        let unit = style.indent_unit.as_str();
        let newline = style.newline;
        let quote = style.quote;
        let element = &doc.text()[span.clone()];
        // The element's own lines move one level in; a line that only continues text (no
        // leading indent to speak of) is left as it is.
        let mut moved = String::with_capacity(element.len() + 64);
        for (i, line) in element.split('\n').enumerate() {
            if i > 0 {
                moved.push('\n');
                if !line.trim().is_empty() {
                    moved.push_str(unit);
                }
            }
            moved.push_str(line);
        }
        let new = match doc.line_indent(span.start) {
            Some(indent) => format!(
                "<location path={quote}.{quote} inheritInChildApplications={quote}false{quote}>{newline}{indent}{unit}{moved}{newline}{indent}</location>"
            ),
            None => format!(
                "<location path={quote}.{quote} inheritInChildApplications={quote}false{quote}>{element}</location>"
            ),
        };
        let patch = Patch {
            offset: span.start,
            old: element.to_owned(),
            new,
        };
        change.apply(doc, patch)?;
        change.note(String::from(
            "wrapped <system.webServer> in <location path=\".\" inheritInChildApplications=\"false\"> (sub-applications no longer inherit its handlers)",
        ));
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const API: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <system.webServer>\n    <handlers>\n      <add name=\"aspNetCore\" path=\"*\" verb=\"*\" modules=\"AspNetCoreModuleV2\" resourceType=\"Unspecified\" />\n    </handlers>\n    <aspNetCore processPath=\"dotnet\" arguments=\".\\Api.dll\" hostingModel=\"inprocess\" />\n  </system.webServer>\n  <!-- kept -->\n</configuration>\n";

    #[test]
    fn wraps_system_web_server_one_level_in_and_keeps_every_other_byte() {
        let mut doc = Document::parse_str(API).expect("parses");
        let change = wrap_in_location(&mut doc).expect("wraps");
        assert_eq!(
            doc.text(),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <location path=\".\" inheritInChildApplications=\"false\">\n    <system.webServer>\n      <handlers>\n        <add name=\"aspNetCore\" path=\"*\" verb=\"*\" modules=\"AspNetCoreModuleV2\" resourceType=\"Unspecified\" />\n      </handlers>\n      <aspNetCore processPath=\"dotnet\" arguments=\".\\Api.dll\" hostingModel=\"inprocess\" />\n    </system.webServer>\n  </location>\n  <!-- kept -->\n</configuration>\n"
        );
        assert!(inherited_system_web_server(&doc).is_none());
        // The inverse restores the bytes; the result re-parses.
        for undo in &change.inverse {
            doc.apply(undo).expect("undo");
        }
        assert_eq!(doc.text(), API);
        let again = wrap_in_location(&mut doc).expect("wraps again");
        assert!(Document::parse_str(doc.text()).is_ok() && !again.is_empty());
        assert!(wrap_in_location(&mut doc).is_err(), "nothing left to wrap");
    }

    #[test]
    fn follows_crlf_tabs_and_single_quotes() {
        let text = "<configuration>\r\n\t<system.webServer>\r\n\t\t<handlers a='1' />\r\n\t</system.webServer>\r\n</configuration>";
        let mut doc = Document::parse_str(text).expect("parses");
        wrap_in_location(&mut doc).expect("wraps");
        assert_eq!(
            doc.text(),
            "<configuration>\r\n\t<location path='.' inheritInChildApplications='false'>\r\n\t\t<system.webServer>\r\n\t\t\t<handlers a='1' />\r\n\t\t</system.webServer>\r\n\t</location>\r\n</configuration>"
        );
    }
}
