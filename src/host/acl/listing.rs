//! icacls' listing: the path and its first entry on one line, the following entries indented to
//! the path's width, a blank line between files, and the closing `Successfully processed N
//! files; Failed processing M files` (or its translation). Parsed into ACLs and printed back.

use super::ace::Ace;
use super::principal::AUTHORITIES;

/// The ACL of one file or folder.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Acl {
    /// The path as the tool printed it.
    pub path: String,
    pub entries: Vec<Ace>,
    /// The owner, where the back end reports it (POSIX).
    pub owner: Option<String>,
    /// The owning group, where the back end reports it (POSIX).
    pub group: Option<String>,
}

impl Acl {
    /// The entries that can be changed here (not inherited).
    pub fn explicit(&self) -> impl Iterator<Item = &Ace> {
        self.entries.iter().filter(|a| !a.inherited())
    }

    /// The block a listing shows for this ACL (no trailing blank line).
    pub fn listing(&self) -> String {
        // As wide as the path is shown: escaped, where it holds control or bidi characters.
        let shown = crate::host::terminal_text::escape(&self.path)
            .chars()
            .count();
        let indent = " ".repeat(shown + 1);
        let mut out = String::new();
        for (i, ace) in self.entries.iter().enumerate() {
            if i == 0 {
                out.push_str(&self.path);
                out.push(' ');
            } else {
                out.push_str(&indent);
            }
            out.push_str(&ace.listing());
            out.push('\n');
        }
        if self.entries.is_empty() {
            out.push_str(&self.path);
            out.push('\n');
        }
        out
    }
}

/// The closing line: how many files were processed and how many failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub processed: u64,
    pub failed: u64,
    /// The line as printed (it is translated on non-English Windows).
    pub text: String,
}

impl Summary {
    pub fn english(processed: u64, failed: u64) -> Summary {
        Summary {
            processed,
            failed,
            text: format!(
                "Successfully processed {processed} files; Failed processing {failed} files"
            ),
        }
    }

    /// Reads the closing line: the English wording, or any line with exactly two numbers in
    /// it (a translation: `1 Dateien erfolgreich verarbeitet, bei 0 Dateien …`).
    fn parse(line: &str) -> Option<Summary> {
        let numbers: Vec<u64> = line
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().ok())
            .collect::<Option<_>>()?;
        let english = line.starts_with("Successfully processed ");
        let plain_text = !line.contains(['\\', '/', '(']) && !line.starts_with(' ');
        match numbers.as_slice() {
            [processed, failed] if english || plain_text => Some(Summary {
                processed: *processed,
                failed: *failed,
                text: line.to_owned(),
            }),
            _ => None,
        }
    }
}

/// A whole icacls listing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Listing {
    pub acls: Vec<Acl>,
    /// Lines that are neither entries nor the summary (errors, `processed file: …`), verbatim.
    pub messages: Vec<String>,
    pub summary: Option<Summary>,
}

impl Listing {
    /// Parses icacls' output. `queried` is the path icacls was given: it tells where the path
    /// ends on the first line of its block when no indented line follows to tell it.
    pub fn parse(text: &str, queried: Option<&str>) -> Listing {
        let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
        let mut listing = Listing::default();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            i += 1;
            if line.trim().is_empty() {
                continue;
            }
            if line.starts_with(' ') {
                // An indented line outside a block: keep it, verbatim.
                listing.messages.push(line.to_owned());
                continue;
            }
            let continuation = lines
                .get(i)
                .filter(|l| l.starts_with(' ') && !l.trim().is_empty());
            let width = continuation.map(|l| l.len() - l.trim_start_matches(' ').len());
            let Some((path, first)) = split_first_line(line, width, queried) else {
                match Summary::parse(line) {
                    Some(summary) => listing.summary = Some(summary),
                    None => listing.messages.push(line.to_owned()),
                }
                continue;
            };
            let mut acl = Acl {
                path: path.to_owned(),
                entries: vec![first],
                ..Acl::default()
            };
            while let Some(next) = lines.get(i) {
                if !next.starts_with(' ') || next.trim().is_empty() {
                    break;
                }
                match Ace::parse_listing(next.trim_start_matches(' ')) {
                    Some(ace) => acl.entries.push(ace),
                    None => listing.messages.push((*next).to_owned()),
                }
                i += 1;
            }
            listing.acls.push(acl);
        }
        listing
    }

    /// Prints the listing as icacls does: messages, blocks separated by blank lines, then (after
    /// a blank line when there were blocks) the summary.
    pub fn print(&self) -> String {
        let mut out = String::new();
        for line in &self.messages {
            out.push_str(line);
            out.push('\n');
        }
        for (i, acl) in self.acls.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&acl.listing());
        }
        if let Some(summary) = &self.summary {
            if !self.acls.is_empty() {
                out.push('\n');
            }
            out.push_str(&summary.text);
            out.push('\n');
        }
        out
    }
}

/// Splits a block's first line into the path and the first entry. The path ends where the
/// indented lines below start (`width` is their indent); else at the queried path; else, for a
/// one-entry block, before the principal (a known authority or well-known name, a SID, the
/// `DOMAIN\` of a domain account, or the last word).
fn split_first_line<'a>(
    line: &'a str,
    width: Option<usize>,
    queried: Option<&str>,
) -> Option<(&'a str, Ace)> {
    let at = |cut: usize| -> Option<(&'a str, Ace)> {
        let path = line.get(..cut)?;
        let rest = line.get(cut..)?.strip_prefix(' ')?;
        if path.is_empty() || rest.starts_with(' ') {
            return None;
        }
        Ace::parse_listing(rest).map(|ace| (path, ace))
    };
    if let Some(width) = width {
        let cut = line
            .char_indices()
            .nth(width.checked_sub(1)?)
            .map(|(b, _)| b)?;
        if let Some(found) = at(cut) {
            return Some(found);
        }
    }
    if let Some(queried) = queried.filter(|q| line.starts_with(&format!("{q} "))) {
        if let Some(found) = at(queried.len()) {
            return Some(found);
        }
    }
    let spaces: Vec<usize> = line.match_indices(' ').map(|(b, _)| b).collect();
    let candidates = || spaces.iter().filter_map(|&cut| at(cut));
    let known = |ace: &Ace| {
        let text = ace.principal.as_str();
        AUTHORITIES.iter().any(|a| text.starts_with(a))
            || ace.principal.sid().is_some()
            || ace.principal.well_known_sid().is_some()
    };
    if let Some(found) = candidates().find(|(_, ace)| known(ace)) {
        return Some(found);
    }
    let domain = |ace: &Ace| {
        let (domain, _) = ace.principal.split();
        domain.is_some_and(|d| !d.contains(' '))
    };
    if let Some(found) = candidates().rfind(|(_, ace)| domain(ace)) {
        return Some(found);
    }
    candidates().next_back()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_splits_at_the_indent_of_its_continuation_lines() {
        let text = "C:\\Program Files\\My App BUILTIN\\Users:(RX)\n                        NT AUTHORITY\\SYSTEM:(F)\n\nSuccessfully processed 1 files; Failed processing 0 files\n";
        let listing = Listing::parse(text, None);
        assert_eq!(listing.acls.len(), 1);
        assert_eq!(listing.acls[0].path, "C:\\Program Files\\My App");
        assert_eq!(listing.acls[0].entries.len(), 2);
        assert_eq!(listing.summary, Some(Summary::english(1, 0)));
        assert_eq!(listing.print(), text);
    }

    #[test]
    fn a_one_entry_block_splits_before_its_principal() {
        for (line, path, principal) in [
            (
                "C:\\Program Files\\My App NT AUTHORITY\\Authenticated Users:(RX)",
                "C:\\Program Files\\My App",
                "NT AUTHORITY\\Authenticated Users",
            ),
            (
                "C:\\My Site CONTOSO\\Web Admins:(F)",
                "C:\\My Site",
                "CONTOSO\\Web Admins",
            ),
            ("C:\\sites\\app alice:(F)", "C:\\sites\\app", "alice"),
            ("C:\\My Site Everyone:(R)", "C:\\My Site", "Everyone"),
            (
                "C:\\My Site S-1-5-21-1-2-3-1001:(R)",
                "C:\\My Site",
                "S-1-5-21-1-2-3-1001",
            ),
        ] {
            let listing = Listing::parse(line, None);
            assert_eq!(listing.acls.len(), 1, "{line}");
            assert_eq!(listing.acls[0].path, path, "{line}");
            assert_eq!(listing.acls[0].entries[0].principal.as_str(), principal);
        }
        // Ambiguous without help; the queried path settles it.
        let line = "C:\\my sites\\app a b:(F)";
        let listing = Listing::parse(line, Some("C:\\my sites\\app"));
        assert_eq!(listing.acls[0].path, "C:\\my sites\\app");
        assert_eq!(listing.acls[0].entries[0].principal.as_str(), "a b");
    }

    #[test]
    fn errors_and_progress_lines_are_kept_verbatim() {
        let text = "C:\\nope: The system cannot find the file specified.\r\nSuccessfully processed 0 files; Failed processing 1 files\r\n";
        let listing = Listing::parse(text, Some("C:\\nope"));
        assert!(listing.acls.is_empty());
        assert_eq!(
            listing.messages,
            vec!["C:\\nope: The system cannot find the file specified."]
        );
        assert_eq!(
            listing.summary.map(|s| (s.processed, s.failed)),
            Some((0, 1))
        );
    }

    #[test]
    fn a_translated_summary_is_read_by_its_two_numbers() {
        let line = "1 Dateien erfolgreich verarbeitet, bei 0 Dateien ist ein Verarbeitungsfehler aufgetreten.";
        let summary = Summary::parse(line).expect("summary");
        assert_eq!((summary.processed, summary.failed), (1, 0));
        assert_eq!(summary.text, line);
        assert_eq!(Summary::parse("C:\\site2\\app1 x:(F)"), None);
        assert_eq!(Summary::parse("no numbers here"), None);
    }
}
