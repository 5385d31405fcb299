//! Every binding of every site, indexed by endpoint, so a form that checks a binding on each
//! keystroke asks a map instead of walking 10,000 sites. It answers exactly what
//! [`check_binding_free`](super::check_binding_free) decides: the same endpoints clash (see
//! [`Binding::same_endpoint`]) and the first site in file order is the one named.

use std::collections::HashMap;

use super::AppHost;
use super::binding::{Binding, split_information};

/// The sites (as indices into `sites`, file order) that use each endpoint: the first one and
/// the next one with another name (enough to name a site other than the one being edited).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BindingIndex {
    sites: Vec<String>,
    /// Web bindings by `protocol\nport\nip\nhost` (IP `*` for empty), in lower case.
    parsed: HashMap<String, Users>,
    /// Other bindings by `protocol\ninformation`, in lower case. A binding without a port is
    /// compared by its information, and only a binding without a port can have the same.
    raw: HashMap<String, Users>,
}

/// The first site using an endpoint and the next one with another name.
type Users = (u32, Option<u32>);

/// The key a binding given as protocol and information is found by (parsed as [`Binding::new`]
/// does: IP, port and host for the web protocols).
fn key(protocol: &str, information: &str) -> (bool, String) {
    let protocol = protocol.to_ascii_lowercase();
    let web = matches!(protocol.as_str(), "http" | "https" | "ftp");
    match web.then(|| split_information(information)).flatten() {
        Some((ip, port, host)) => {
            let ip = if ip.is_empty() { "*" } else { ip.as_str() };
            let mut key = format!("{protocol}\n{port}\n{ip}\n{host}");
            key.make_ascii_lowercase();
            (true, key)
        }
        None => {
            let mut key = format!("{protocol}\n{information}");
            key.make_ascii_lowercase();
            (false, key)
        }
    }
}

impl BindingIndex {
    /// Reads every site's bindings once.
    pub fn new(host: &AppHost<'_>) -> BindingIndex {
        let mut index = BindingIndex::default();
        for site in host.sites() {
            let at = index.sites.len() as u32;
            index.sites.push(site.name().into_owned());
            for spec in site.binding_spec_parts() {
                let (web, key) = key(&spec.protocol, &spec.information);
                let map = if web {
                    &mut index.parsed
                } else {
                    &mut index.raw
                };
                let sites = &index.sites;
                map.entry(key)
                    .and_modify(|(first, next)| {
                        // The next site under another name: the first one an edit of the
                        // first site (by any spelling of its name) would clash with.
                        let other =
                            !sites[*first as usize].eq_ignore_ascii_case(&sites[at as usize]);
                        if other && next.is_none() {
                            *next = Some(at);
                        }
                    })
                    .or_insert((at, None));
            }
        }
        index
    }

    /// The first site (other than `except_site`) with a binding on the same endpoint.
    pub fn owner(&self, binding: &Binding, except_site: Option<&str>) -> Option<&str> {
        let (web, key) = key(&binding.protocol, &binding.binding_information);
        let users = if web {
            self.parsed.get(&key)
        } else {
            self.raw.get(&key)
        }?;
        let name = |at: u32| self.sites.get(at as usize).map(String::as_str);
        let excluded = |at: u32| {
            except_site.is_some_and(|e| name(at).is_some_and(|n| n.eq_ignore_ascii_case(e)))
        };
        [Some(users.0), users.1]
            .into_iter()
            .flatten()
            .find(|at| !excluded(*at))
            .and_then(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::apphost::check_binding_free;
    use crate::model::doc::Document;
    use crate::model::schema::SchemaSet;

    #[test]
    fn answers_what_check_binding_free_decides() {
        let text = include_str!("../../../assets/demo/applicationHost.config");
        let doc = Document::parse_str(text).expect("demo");
        let schema = SchemaSet::bundled();
        let host = AppHost::new(&doc, &schema);
        let index = BindingIndex::new(&host);
        let specs = [
            "http/*:80:",
            "http/*:80:CONTOSO.com",
            "http/:80:contoso.com",
            "http/10.0.0.15:80:intranet",
            "http/10.0.0.16:80:intranet",
            "https/*:443:contoso.com",
            "https/*:443:other",
            "http/*:80:adventure-works.com",
            "net.tcp/808:*",
            "http/*:8090:",
        ];
        let sites: Vec<String> = host.sites().iter().map(|s| s.name().into_owned()).collect();
        for spec in specs {
            let binding = Binding::parse_spec(spec).expect("spec");
            for except in [None, Some("contoso.com"), Some("adventure-works")]
                .into_iter()
                .chain(sites.iter().map(|s| Some(s.as_str())))
            {
                let walked = match check_binding_free(&host, &binding, except, &[]) {
                    Ok(()) => None,
                    Err(crate::model::apphost::ModelError::BindingInUse { site, .. }) => Some(site),
                    Err(other) => panic!("{other}"),
                };
                assert_eq!(
                    index.owner(&binding, except).map(str::to_owned),
                    walked,
                    "{spec} except {except:?}"
                );
            }
        }
    }
}
