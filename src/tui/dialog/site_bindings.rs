//! Add Website's bindings: any number, each edited in the Site Bindings form
//! ([`BindingForm`](super::BindingForm)) and checked against every other site's bindings (an
//! index built when the wizard opens) and each other: a binding another site uses (named) or
//! one given twice is refused; no host name or a wildcard one (the subdomain-takeover risk) and
//! https without a certificate are warned about, one line each. The first binding follows the
//! site's name until it is edited by hand.

use ratatui::text::{Line, Span};

use super::chrome::wrap_words;
use crate::host::terminal_text::escape;
use crate::model::apphost::{Binding, BindingIndex, ModelError};
use crate::tui::theme::Theme;
use crate::tui::view::fit::fit_cell;

/// One binding's refusal and warnings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems {
    pub error: Option<String>,
    pub warnings: Vec<String>,
}

/// The bindings of the site being added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteBindings {
    pub bindings: Vec<Binding>,
    pub selected: usize,
    /// Edited by hand: the first binding no longer follows the site's name.
    pub touched: bool,
    pub problems: Vec<Problems>,
}

/// The host name a site's name suggests (`shop.example.com`), or none (`Intranet`).
fn host_for(name: &str) -> String {
    let name = name.trim();
    let looks_like_host = name.contains('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'));
    if looks_like_host {
        name.to_ascii_lowercase()
    } else {
        String::new()
    }
}

impl SiteBindings {
    /// One http binding on port 80 for the site's name.
    pub fn new(name: &str) -> SiteBindings {
        let mut list = SiteBindings {
            bindings: Vec::new(),
            selected: 0,
            touched: false,
            problems: Vec::new(),
        };
        list.follow_name(name);
        list
    }

    /// The first binding's host name follows the site's name, until edited by hand.
    pub fn follow_name(&mut self, name: &str) {
        if self.touched {
            return;
        }
        let spec = format!("http/*:80:{}", host_for(name));
        if let Ok(binding) = Binding::parse_spec(&spec) {
            self.bindings = vec![binding];
        }
    }

    /// What a new binding starts as: https on 443 for the first binding's host name, while
    /// there is no https binding yet; else http on 80.
    pub fn prefill(&self) -> Binding {
        let host = self
            .bindings
            .first()
            .and_then(|b| b.host.clone())
            .unwrap_or_default();
        let https = !self
            .bindings
            .iter()
            .any(|b| b.protocol.eq_ignore_ascii_case("https"));
        let spec = if https {
            format!("https/*:443:{host}")
        } else {
            String::from("http/*:80:")
        };
        Binding::parse_spec(&spec).unwrap_or_else(|_| Binding::new("http", "*:80:"))
    }

    /// Puts a binding in (a new one at the end, or in place of the edited one).
    pub fn put(&mut self, binding: Binding, editing: Option<usize>) {
        self.touched = true;
        match editing.filter(|i| *i < self.bindings.len()) {
            Some(i) => {
                self.bindings[i] = binding;
                self.selected = i;
            }
            None => {
                self.bindings.push(binding);
                self.selected = self.bindings.len() - 1;
            }
        }
    }

    /// Removes the selected binding; never the last (a site needs one).
    pub fn remove(&mut self) -> Result<(), String> {
        if self.bindings.len() <= 1 {
            return Err(String::from(
                "a site needs at least one binding; edit this one instead (Enter)",
            ));
        }
        if self.selected < self.bindings.len() {
            self.bindings.remove(self.selected);
            self.touched = true;
        }
        self.selected = self.selected.min(self.bindings.len().saturating_sub(1));
        Ok(())
    }

    /// The other bindings than the one at `editing` (for the form's own checks).
    pub fn others(&self, editing: Option<usize>) -> Vec<Binding> {
        self.bindings
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != editing)
            .map(|(_, b)| b.clone())
            .collect()
    }

    /// Checks every binding against the other sites' and against each other.
    pub fn check(&mut self, index: &BindingIndex) {
        self.problems = self
            .bindings
            .iter()
            .enumerate()
            .map(|(i, binding)| {
                let error = match index.owner(binding, None) {
                    Some(site) => Some(
                        ModelError::BindingInUse {
                            binding: binding.spec(),
                            site: site.to_owned(),
                        }
                        .to_string(),
                    ),
                    None => self.bindings[..i]
                        .iter()
                        .any(|b| b.same_endpoint(binding))
                        .then(|| format!("binding {} is given twice", binding.spec())),
                };
                let warnings = binding.warnings();
                Problems { error, warnings }
            })
            .collect();
    }

    /// The first refused binding and why.
    pub fn first_error(&self) -> Option<(usize, String)> {
        self.problems
            .iter()
            .enumerate()
            .find_map(|(i, p)| p.error.clone().map(|e| (i, e)))
    }

    pub fn has_https(&self) -> bool {
        self.bindings
            .iter()
            .any(|b| b.protocol.eq_ignore_ascii_case("https"))
    }

    /// The list as lines: each binding, its SSL details, and under it its problems.
    pub fn lines(&self, theme: &Theme, focused: bool, width: usize) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        for (i, binding) in self.bindings.iter().enumerate() {
            let selected = focused && i == self.selected;
            let mut text = format!(
                "{}{:<6} {}",
                if selected { "› " } else { "  " },
                binding.protocol,
                binding.binding_information
            );
            if let Some(flags) = &binding.ssl_flags {
                text.push_str(&format!("  {flags}"));
            }
            if let Some(hash) = &binding.certificate_hash {
                let short: String = hash.chars().take(8).collect();
                text.push_str(&format!(
                    "  cert {short}… ({})",
                    binding.certificate_store_name.as_deref().unwrap_or("My")
                ));
            }
            let style = if selected {
                theme.selection(true)
            } else {
                theme.text()
            };
            lines.push(Line::from(Span::styled(
                fit_cell(&escape(&text), width),
                style,
            )));
            let Some(problems) = self.problems.get(i) else {
                continue;
            };
            // Each said in full, wrapped under the binding.
            let said = problems
                .error
                .iter()
                .map(|error| (format!("    ✗ {}", escape(error)), theme.error()))
                .chain(
                    problems
                        .warnings
                        .iter()
                        .map(|warning| (format!("    ! {}", escape(warning)), theme.warning())),
                );
            for (text, style) in said {
                for row in wrap_words(&text, width, 6) {
                    lines.push(Line::from(Span::styled(row, style)));
                }
            }
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_binding_follows_the_name_until_edited() {
        let mut list = SiteBindings::new("Shop.Example.com");
        assert_eq!(list.bindings[0].spec(), "http/*:80:shop.example.com");
        list.follow_name("Intranet");
        assert_eq!(list.bindings[0].spec(), "http/*:80:");
        assert_eq!(list.prefill().spec(), "https/*:443:");
        list.put(Binding::parse_spec("http/*:8080:a").expect("spec"), Some(0));
        list.follow_name("other.example");
        assert_eq!(list.bindings[0].spec(), "http/*:8080:a");
        assert!(list.remove().is_err(), "the last binding stays");
    }

    #[test]
    fn twice_given_and_wildcard_hosts_are_said() {
        let mut list = SiteBindings::new("a.example");
        list.put(
            Binding::parse_spec("http/*:80:A.example").expect("spec"),
            None,
        );
        list.put(
            Binding::parse_spec("http/*:80:*.example.org").expect("spec"),
            None,
        );
        list.check(&BindingIndex::default());
        assert_eq!(list.problems[0].error, None);
        assert!(
            list.problems[1]
                .error
                .as_deref()
                .is_some_and(|e| e.contains("twice"))
        );
        assert!(list.problems[2].warnings[0].contains("every subdomain of example.org"));
        assert_eq!(list.first_error().map(|(i, _)| i), Some(1));
    }
}
