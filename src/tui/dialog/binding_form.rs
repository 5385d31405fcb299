//! The form of one binding, as IIS Manager's Add/Edit Site Binding: type (http or https), IP
//! address (`*` for all unassigned, this machine's addresses offered, any valid address typed),
//! port (80 or 443 by type), host name, and for https the SSL flags (Server Name Indication and
//! the rest of the schema's flags), certificate hash and store. Other protocols (net.tcp, …)
//! edit their binding information as text. Checked as typed with the model's rules; the
//! result is a new binding (add) or the `set binding` arguments of what changed (edit).

use std::net::IpAddr;

use crate::model::apphost::{
    Binding, BindingIndex, DEFAULT_CERTIFICATE_STORE, ModelError, Setting, check_certificate_hash,
    check_sni,
};
use crate::model::schema::{AttrType, AttributeSchema, SchemaSet};
use crate::tui::form::{Choice, Field, FieldKind, Form};

const HTTP: &str = "http";
const HTTPS: &str = "https";

/// The binding form and the binding it edits (`None`: a new one).
#[derive(Debug, Clone, PartialEq)]
pub struct BindingForm {
    pub form: Form,
    pub editing: Option<Binding>,
    /// http or https (the form with IP, port and host); other protocols edit their text.
    pub web: bool,
    /// The last endpoint check (error, warning): it walks every site's bindings, so it runs
    /// again only when the endpoint changed.
    endpoint: (Option<String>, Option<String>),
}

/// What a binding is checked against: every site's bindings (indexed once when the list
/// opens), the site's own, and this machine's addresses (`None` for another machine's file).
pub struct Others<'a> {
    pub index: &'a BindingIndex,
    pub site: &'a str,
    pub own: &'a [Binding],
    pub local: Option<&'a [IpAddr]>,
}

/// The fields that make the endpoint (protocol, IP, port, host, or the text of others).
const ENDPOINT: [&str; 5] = ["type", "ip", "port", "host", "information"];

/// The schema of a binding's `sslFlags`.
fn ssl_flags_schema(schema: &SchemaSet) -> Option<&AttributeSchema> {
    schema
        .section("system.applicationHost/sites")
        .and_then(|s| s.collection.as_deref())
        .and_then(|c| c.item.element("bindings"))
        .and_then(|b| b.collection.as_deref())
        .and_then(|c| c.item.attribute("sslFlags"))
        .filter(|a| a.ty == AttrType::Flags)
}

/// The SSL flags the schema knows, `None` left out (no flag ticked means none).
fn ssl_flag_choices(schema: &SchemaSet) -> Vec<Choice> {
    let names: Vec<String> = match ssl_flags_schema(schema) {
        Some(a) => a.choices.iter().map(|(n, _)| n.clone()).collect(),
        None => vec![String::from("Sni")],
    };
    names
        .into_iter()
        .filter(|n| !n.eq_ignore_ascii_case("None"))
        .map(|n| match n.as_str() {
            "Sni" => Choice::new(n).with_detail("require Server Name Indication"),
            "CentralCertStore" => {
                Choice::new(n).with_detail("use the centralized certificate store")
            }
            _ => Choice::new(n),
        })
        .collect()
}

/// The flag names a written sslFlags value (`1`, `Sni, DisableHTTP2`, `None`) sets.
pub fn written_flags(schema: &SchemaSet, written: Option<&str>) -> Vec<String> {
    let Some(written) = written.map(str::trim).filter(|w| !w.is_empty()) else {
        return Vec::new();
    };
    let names: Vec<String> = match written.parse::<u64>() {
        Ok(bits) => ssl_flags_schema(schema)
            .map(|a| {
                a.choices
                    .iter()
                    .filter(|(_, v)| *v != 0 && bits & v == *v)
                    .map(|(n, _)| n.clone())
                    .collect()
            })
            .unwrap_or_default(),
        Err(_) => written.split(',').map(|f| f.trim().to_owned()).collect(),
    };
    names
        .into_iter()
        .filter(|n| !n.is_empty() && !n.eq_ignore_ascii_case("None"))
        .collect()
}

/// A written sslFlags value as the names the field ticks (`Sni,DisableHTTP2`).
fn flag_names(schema: &SchemaSet, written: Option<&str>, choices: &[Choice]) -> String {
    written_flags(schema, written)
        .iter()
        .filter_map(|n| choices.iter().find(|c| c.value.eq_ignore_ascii_case(n)))
        .map(|c| c.value.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// `*` and this machine's addresses, for the IP address field.
fn ip_choices(addresses: &[IpAddr]) -> Vec<Choice> {
    let mut choices = vec![Choice::labelled("*", "*").with_detail("All Unassigned")];
    choices.extend(
        addresses
            .iter()
            .map(|ip| Choice::new(ip.to_string()).with_detail("this machine")),
    );
    choices
}

/// An IP as the field shows it (`::1`) from the binding's spelling (`[::1]`, empty for all).
fn shown_ip(ip: Option<&str>) -> String {
    match ip.map(|ip| ip.trim_start_matches('[').trim_end_matches(']')) {
        None | Some("") => String::from("*"),
        Some(ip) => ip.to_owned(),
    }
}

/// The IP as `bindingInformation` spells it (`[::1]`), or why the text is not one.
fn written_ip(text: &str) -> Result<String, String> {
    let bare = text.trim().trim_start_matches('[').trim_end_matches(']');
    if bare == "*" {
        return Ok(String::from("*"));
    }
    match bare.parse::<IpAddr>() {
        Ok(IpAddr::V6(v6)) => Ok(format!("[{v6}]")),
        Ok(IpAddr::V4(v4)) => Ok(v4.to_string()),
        Err(_) => Err(String::from(
            "must be * (all unassigned) or an IPv4 or IPv6 address",
        )),
    }
}

impl BindingForm {
    /// The form for a new binding, or for `editing`.
    pub fn new(schema: &SchemaSet, addresses: &[IpAddr], editing: Option<Binding>) -> BindingForm {
        let protocol = editing
            .as_ref()
            .map_or(HTTP, |b| b.protocol.as_str())
            .to_ascii_lowercase();
        let web = protocol == HTTP || protocol == HTTPS;
        let fields = if web {
            let b = editing.as_ref();
            let flags = ssl_flag_choices(schema);
            let ticked = flag_names(schema, b.and_then(|b| b.ssl_flags.as_deref()), &flags);
            let store = b
                .and_then(|b| b.certificate_store_name.clone())
                .unwrap_or_else(|| String::from(DEFAULT_CERTIFICATE_STORE));
            let mut stores = vec![
                Choice::labelled("My", "Personal").with_detail("My"),
                Choice::labelled("WebHosting", "Web Hosting").with_detail("WebHosting"),
            ];
            if !stores.iter().any(|c| c.value.eq_ignore_ascii_case(&store)) {
                stores.push(Choice::new(store.clone()));
            }
            vec![
                Field::new(
                    "type",
                    "Type",
                    FieldKind::Enum(vec![Choice::new(HTTP), Choice::new(HTTPS)]),
                )
                .value(protocol.clone()),
                Field::new("ip", "IP address", FieldKind::Text)
                    .value(shown_ip(b.and_then(|b| b.ip.as_deref())))
                    .required()
                    .suggest(ip_choices(addresses))
                    .help("* = all unassigned; F4 lists this machine's"),
                Field::new("port", "Port", FieldKind::Number { min: 1, max: 65535 })
                    .value(
                        b.and_then(|b| b.port)
                            .map_or_else(|| String::from("80"), |p| p.to_string()),
                    )
                    .required(),
                Field::new("host", "Host name", FieldKind::Text)
                    .value(b.and_then(|b| b.host.clone()).unwrap_or_default())
                    .help("e.g. shop.example.com (empty: every name)"),
                Field::new("flags", "SSL flags", FieldKind::Flags(flags))
                    .value(ticked)
                    .help("Sni: Server Name Indication (many sites, one IP)"),
                Field::new("certificate", "Certificate hash", FieldKind::Text)
                    .value(
                        b.and_then(|b| b.certificate_hash.clone())
                            .unwrap_or_default(),
                    )
                    .help("the certificate's thumbprint: 40 hexadecimal digits"),
                Field::new("store", "Certificate store", FieldKind::Enum(stores)).value(store),
            ]
        } else {
            let b = editing.as_ref();
            vec![
                Field::new("type", "Type", FieldKind::Text)
                    .value(protocol.clone())
                    .disabled("the protocol of this binding"),
                Field::new("information", "Binding information", FieldKind::Text)
                    .value(b.map(|b| b.binding_information.clone()).unwrap_or_default())
                    .required()
                    .help("as the protocol spells it, e.g. 808:* for net.tcp"),
            ]
        };
        let mut form = BindingForm {
            form: Form::new(fields),
            editing,
            web,
            endpoint: (None, None),
        };
        form.follow_type(None);
        form
    }

    pub fn https(&self) -> bool {
        self.web && self.form.text("type") == HTTPS
    }

    /// The https fields only apply to https; a type change moves the port between its
    /// defaults (80 ↔ 443) when it still has the other one.
    pub fn follow_type(&mut self, changed: Option<&str>) {
        if !self.web {
            return;
        }
        let https = self.https();
        if changed == Some("type") {
            let (from, to) = if https { ("80", "443") } else { ("443", "80") };
            if let Some(port) = self.form.field_mut("port") {
                if port.text().trim() == from {
                    port.input.set(to);
                    port.check();
                }
            }
        }
        for key in ["flags", "certificate", "store"] {
            if let Some(field) = self.form.field_mut(key) {
                field.disabled = (!https).then(|| String::from("https only"));
                if !https {
                    field.error = None;
                }
            }
        }
    }

    /// The binding the fields spell, or why they do not make one.
    pub fn binding(&self) -> Result<Binding, String> {
        let spec = if self.web {
            let ip = written_ip(&self.form.text("ip"))?;
            format!(
                "{}/{ip}:{}:{}",
                self.form.text("type"),
                self.form.text("port"),
                self.form.text("host")
            )
        } else {
            format!(
                "{}/{}",
                self.form.text("type"),
                self.form.text("information")
            )
        };
        let mut binding = Binding::parse_spec(&spec).map_err(|e| e.to_string())?;
        if self.https() {
            let flags = self.flags();
            binding.ssl_flags = (!flags.is_empty()).then_some(flags);
            let hash = self.form.text("certificate");
            if !hash.is_empty() {
                binding.certificate_hash = Some(hash);
                binding.certificate_store_name = Some(self.form.text("store"));
            }
        }
        Ok(binding)
    }

    /// The ticked SSL flags as IIS writes them (`Sni, DisableHTTP2`).
    fn flags(&self) -> String {
        self.form
            .field("flags")
            .map(|f| f.flags().join(", "))
            .unwrap_or_default()
    }

    /// The model's checks: the IP, the certificate hash, a binding another site (or another
    /// binding of this site) uses, and the no-host-name warning. `changed` names the field
    /// that changed (`None`: everything is checked).
    pub fn check(&mut self, others: &Others<'_>, changed: Option<&str>) {
        let local = others.local;
        self.form.check_all();
        self.follow_type(None);
        if self.web {
            let ip = self.form.text("ip");
            let ip_error = written_ip(&ip).err();
            let not_here = match (local, ip.parse::<IpAddr>()) {
                (Some(local), Ok(addr)) if !local.contains(&addr) => Some(String::from(
                    "not an address of this machine: IIS will not answer on it here",
                )),
                _ => None,
            };
            if let Some(field) = self.form.field_mut("ip") {
                field.error = field.error.take().or(ip_error);
                field.warning = not_here;
            }
            let hash = self.form.text("certificate");
            if self.https() && !hash.is_empty() {
                let error = check_certificate_hash(&hash).err().map(|e| e.to_string());
                if let Some(field) = self.form.field_mut("certificate") {
                    field.error = field.error.take().or(error);
                }
            }
        }
        let endpoint_key = if self.web { "host" } else { "information" };
        if self.form.fields.iter().any(|f| f.error.is_some()) {
            self.endpoint = (None, None);
            return;
        }
        if changed.is_none_or(|c| ENDPOINT.contains(&c)) {
            self.endpoint = match self.binding() {
                Err(why) => (Some(why), None),
                Ok(binding) => (
                    check_sni(&binding)
                        .err()
                        .map(|e| e.to_string())
                        .or_else(|| self.conflict(others, &binding)),
                    binding.warnings().into_iter().next(),
                ),
            };
        }
        let (error, warning) = self.endpoint.clone();
        if let Some(field) = self.form.field_mut(endpoint_key) {
            field.error = error;
            field.warning = warning;
        }
    }

    fn conflict(&self, others: &Others<'_>, binding: &Binding) -> Option<String> {
        if let Some(owner) = others.index.owner(binding, Some(others.site)) {
            return Some(
                ModelError::BindingInUse {
                    binding: binding.spec(),
                    site: owner.to_owned(),
                }
                .to_string(),
            );
        }
        let editing = self.editing.as_ref().and_then(|b| b.node);
        others
            .own
            .iter()
            .find(|b| b.node != editing && b.same_endpoint(binding))
            .map(|b| format!("this site already has binding {}", b.spec()))
    }

    /// What an edit changes, as `set binding` arguments (empty: nothing).
    pub fn settings(&self, binding: &Binding) -> Vec<Setting> {
        let Some(old) = &self.editing else {
            return Vec::new();
        };
        let set = |key: &str, value: &str| Setting::Set {
            key: key.to_owned(),
            value: value.to_owned(),
        };
        let reset = |key: &str| Setting::Reset {
            key: key.to_owned(),
        };
        let changed = |key: &str| self.form.field(key).is_some_and(|f| f.changed());
        let mut out = Vec::new();
        if !old.protocol.eq_ignore_ascii_case(&binding.protocol) {
            out.push(set("protocol", &binding.protocol));
        }
        // Only what was edited: an IP written empty is shown as * and stays as written.
        let endpoint_edited = ["ip", "port", "host", "information"]
            .iter()
            .any(|k| changed(k));
        if endpoint_edited && old.binding_information != binding.binding_information {
            out.push(set("bindingInformation", &binding.binding_information));
        }
        let https = binding.protocol == HTTPS;
        if !https {
            // Leaving https: what only https uses goes.
            if old.ssl_flags.is_some() {
                out.push(reset("sslFlags"));
            }
            if old.certificate_hash.is_some() {
                out.push(reset("certificateHash"));
            }
            if old.certificate_store_name.is_some() {
                out.push(reset("certificateStoreName"));
            }
            return out;
        }
        if changed("flags") {
            match &binding.ssl_flags {
                Some(flags) => out.push(set("sslFlags", flags)),
                None if old.ssl_flags.is_some() => out.push(reset("sslFlags")),
                None => {}
            }
        }
        match (&old.certificate_hash, &binding.certificate_hash) {
            (Some(_), None) => {
                out.push(reset("certificateHash"));
                if old.certificate_store_name.is_some() {
                    out.push(reset("certificateStoreName"));
                }
                return out;
            }
            (old_hash, Some(hash)) if old_hash.as_deref() != Some(hash.as_str()) => {
                out.push(set("certificateHash", hash));
            }
            _ => {}
        }
        let old_store = old
            .certificate_store_name
            .as_deref()
            .unwrap_or(DEFAULT_CERTIFICATE_STORE);
        if let Some(store) = &binding.certificate_store_name {
            if !store.eq_ignore_ascii_case(old_store) {
                out.push(set("certificateStoreName", store));
            }
        }
        out
    }
}
