//! Bindings: `protocol` + `bindingInformation`, split into IP / port / host for the web
//! protocols (`*:80:example.com`, `[::1]:443:`), and the `http/*:80:host` spelling appcmd uses.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

use crate::model::doc::{Document, NodeId};

use super::error::ModelError;

/// One binding of a site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Binding {
    #[serde(skip)]
    pub node: Option<NodeId>,
    pub protocol: String,
    pub binding_information: String,
    /// For http, https and ftp: the parts of `bindingInformation`.
    pub ip: Option<String>,
    pub port: Option<u16>,
    pub host: Option<String>,
    pub ssl_flags: Option<String>,
    pub certificate_hash: Option<String>,
    pub certificate_store_name: Option<String>,
}

/// A binding in appcmd's spelling, `protocol/bindingInformation` (`http/*:80:example.com`),
/// borrowed from the document; serializes as that one string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindingSpec<'a> {
    pub protocol: Cow<'a, str>,
    pub information: Cow<'a, str>,
}

impl fmt::Display for BindingSpec<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.protocol, self.information)
    }
}

impl Serialize for BindingSpec<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// IP, port and host of a web binding (`*:80:host`).
pub fn split_information(info: &str) -> Option<(String, u16, String)> {
    let (ip, rest) = if let Some(v6) = info.strip_prefix('[') {
        let close = v6.find(']')?;
        (
            format!("[{}]", &v6[..close]),
            v6[close + 1..].strip_prefix(':')?,
        )
    } else {
        let (ip, rest) = info.split_once(':')?;
        (ip.to_owned(), rest)
    };
    let (port, host) = rest.split_once(':').unwrap_or((rest, ""));
    let port = port.parse::<u16>().ok().filter(|p| *p > 0)?;
    Some((ip, port, host.to_owned()))
}

/// The longest host name DNS allows, and the longest label in it.
const HOST_MAX: usize = 253;
const LABEL_MAX: usize = 63;

/// A binding's host name: dot-separated labels of letters, digits and hyphens (not at a label's
/// start or end), each 1 to 63 characters, 253 in all; a leading `*.` (a wildcard host, which
/// IIS 10 accepts) is allowed. Letters beyond ASCII are allowed (internationalized names).
pub fn check_host_name(host: &str) -> Result<(), String> {
    let name = host.strip_prefix("*.").unwrap_or(host);
    if host.chars().count() > HOST_MAX {
        return Err(format!(
            "the host name must be at most {HOST_MAX} characters, not {}",
            host.chars().count()
        ));
    }
    for label in name.split('.') {
        if label.is_empty() {
            return Err(String::from(
                "the host name must not have an empty label (no leading, trailing or double dots)",
            ));
        }
        if label.chars().count() > LABEL_MAX {
            return Err(format!(
                "each label of the host name must be at most {LABEL_MAX} characters (\"{label}\" has {})",
                label.chars().count()
            ));
        }
        if let Some(c) = label
            .chars()
            .find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_')))
        {
            let shown = if c.is_control() || c.is_whitespace() {
                format!("U+{:04X}", u32::from(c))
            } else {
                format!("'{c}'")
            };
            return Err(format!(
                "the host name must not contain {shown}: only letters, digits, hyphens and dots (and a leading *. for a wildcard)"
            ));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(format!(
                "a label of the host name must not start or end with '-' (\"{label}\")"
            ));
        }
    }
    Ok(())
}

fn is_web(protocol: &str) -> bool {
    matches!(
        protocol.to_ascii_lowercase().as_str(),
        "http" | "https" | "ftp"
    )
}

impl Binding {
    pub fn new(protocol: &str, information: &str) -> Binding {
        let parts = if is_web(protocol) {
            split_information(information)
        } else {
            None
        };
        Binding {
            node: None,
            protocol: protocol.to_owned(),
            binding_information: information.to_owned(),
            ip: parts.as_ref().map(|p| p.0.clone()),
            port: parts.as_ref().map(|p| p.1),
            host: parts.map(|p| p.2),
            ssl_flags: None,
            certificate_hash: None,
            certificate_store_name: None,
        }
    }

    /// Reads a `<binding>` element.
    pub fn read(doc: &Document, node: NodeId) -> Binding {
        let get = |name: &str| doc.attr_value(node, name).map(|v| v.into_owned());
        let mut binding = Binding::new(
            &get("protocol").unwrap_or_default(),
            &get("bindingInformation").unwrap_or_default(),
        );
        binding.node = Some(node);
        binding.ssl_flags = get("sslFlags");
        binding.certificate_hash = get("certificateHash");
        binding.certificate_store_name = get("certificateStoreName");
        binding
    }

    /// Parses the appcmd spelling `protocol/bindingInformation` and checks web bindings.
    pub fn parse_spec(spec: &str) -> Result<Binding, ModelError> {
        let bad = |why: &str| ModelError::BadBinding {
            spec: spec.to_owned(),
            why: why.to_owned(),
        };
        let (protocol, information) = spec
            .split_once('/')
            .ok_or_else(|| bad("expected protocol/ip:port:host, e.g. http/*:80:example.com"))?;
        if protocol.is_empty()
            || !protocol
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        {
            return Err(bad(
                "the protocol must be a name like http, https or net.tcp",
            ));
        }
        if information.is_empty() {
            return Err(bad("the binding information must not be empty"));
        }
        let binding = Binding::new(&protocol.to_ascii_lowercase(), information);
        if is_web(protocol) {
            let (ip, _, host) = split_information(information)
                .ok_or_else(|| bad("expected ip:port:host with a port from 1 to 65535 (ip may be *, host may be empty)"))?;
            if !(ip.is_empty()
                || ip == "*"
                || ip.parse::<std::net::IpAddr>().is_ok()
                || ip.starts_with('['))
            {
                return Err(bad(
                    "the IP address must be *, empty, or an IPv4/IPv6 address",
                ));
            }
            if !host.is_empty() {
                check_host_name(&host).map_err(|why| bad(&why))?;
            }
        }
        Ok(binding)
    }

    /// `http/*:80:example.com`
    pub fn spec(&self) -> String {
        format!("{}/{}", self.protocol, self.binding_information)
    }

    pub fn is_http_like(&self) -> bool {
        matches!(
            self.protocol.to_ascii_lowercase().as_str(),
            "http" | "https"
        )
    }

    /// Whether two bindings claim the same endpoint (protocol, IP, port and host).
    pub fn same_endpoint(&self, other: &Binding) -> bool {
        if !self.protocol.eq_ignore_ascii_case(&other.protocol) {
            return false;
        }
        match (self.port, other.port) {
            (Some(a), Some(b)) => {
                let ip = |b: &Binding| {
                    b.ip.clone()
                        .filter(|ip| !ip.is_empty())
                        .unwrap_or_else(|| String::from("*"))
                };
                a == b
                    && ip(self).eq_ignore_ascii_case(&ip(other))
                    && self
                        .host
                        .as_deref()
                        .unwrap_or("")
                        .eq_ignore_ascii_case(other.host.as_deref().unwrap_or(""))
            }
            _ => self
                .binding_information
                .eq_ignore_ascii_case(&other.binding_information),
        }
    }

    /// Warnings an admin should see about this binding (not refusals).
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.is_http_like() && matches!(self.host.as_deref(), Some("") | Some("*")) {
            out.push(format!(
                "binding {} has no host name: the site answers for every host name that reaches this address (subdomain takeover risk)",
                self.spec()
            ));
        }
        if let Some(rest) = self
            .host
            .as_deref()
            .filter(|_| self.is_http_like())
            .and_then(|h| h.strip_prefix("*."))
        {
            out.push(format!(
                "binding {} answers for every subdomain of {rest} (wildcard host): one left pointing at this server is served by this site (subdomain takeover risk)",
                self.spec()
            ));
        }
        if self.protocol.eq_ignore_ascii_case("https")
            && self.certificate_hash.as_deref().unwrap_or("").is_empty()
        {
            out.push(format!(
                "binding {} has no certificate (certificateHash) in the configuration",
                self.spec()
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_splits() {
        let b = Binding::parse_spec("http/*:80:example.com").expect("ok");
        assert_eq!(
            (b.ip.as_deref(), b.port, b.host.as_deref()),
            (Some("*"), Some(80), Some("example.com"))
        );
        let v6 = Binding::parse_spec("https/[::1]:443:").expect("ok");
        assert_eq!(
            (v6.ip.as_deref(), v6.port, v6.host.as_deref()),
            (Some("[::1]"), Some(443), Some(""))
        );
        assert_eq!(Binding::new("http", ":8080:localhost").port, Some(8080));
        assert_eq!(Binding::new("net.tcp", "808:*").port, None);
        for bad in [
            "http*:80:",
            "http/*:0:x",
            "http/*:99999:",
            "http/x:80:",
            "http/*:80:a b",
            "http/*:80:a..b",
            "http/*:80:.",
            "http/*:80:.example.com",
            "http/*:80:example.com.",
            "http/*:80:-a.com",
            "http/*:80:a-.com",
            "http/*:80:a*b.com",
            "http/*:80:*",
            "http/*:80:a.*.com",
            "http/*:80:a/b",
            "/x",
        ] {
            assert!(Binding::parse_spec(bad).is_err(), "{bad}");
        }
        assert!(Binding::parse_spec("net.pipe/*").is_ok());
        for ok in [
            "http/*:80:*.example.com",
            "http/*:80:a-b.example.com",
            "http/*:80:localhost",
            "http/*:80:xn--bcher-kva.example",
            "http/*:80:bücher.example",
            "http/*:80:10.0.0.1",
        ] {
            assert!(Binding::parse_spec(ok).is_ok(), "{ok}");
        }
        let long_label = format!("http/*:80:{}.com", "a".repeat(64));
        assert!(Binding::parse_spec(&long_label).is_err());
        let long_name = format!("http/*:80:{}", vec!["a".repeat(63); 4].join("."));
        assert_eq!(long_name.len() - "http/*:80:".len(), 255);
        let error = Binding::parse_spec(&long_name)
            .expect_err("too long")
            .to_string();
        assert!(error.contains("at most 253"), "{error}");
        let error = Binding::parse_spec("http/*:80:a..b")
            .expect_err("a..b")
            .to_string();
        assert!(error.contains("empty label"), "{error}");
    }

    #[test]
    fn endpoints_compare_like_iis() {
        let a = Binding::new("http", "*:80:Example.com");
        assert!(a.same_endpoint(&Binding::new("HTTP", ":80:example.com")));
        assert!(!a.same_endpoint(&Binding::new("http", "10.0.0.1:80:example.com")));
        assert!(!a.same_endpoint(&Binding::new("https", "*:80:example.com")));
        assert_eq!(Binding::new("http", "*:80:").warnings().len(), 1);
        assert_eq!(Binding::new("https", "*:443:shop").warnings().len(), 1);
        let wildcard = Binding::new("http", "*:80:*.example.com").warnings();
        assert!(
            wildcard.len() == 1 && wildcard[0].contains("every subdomain of example.com"),
            "{wildcard:?}"
        );
    }
}
