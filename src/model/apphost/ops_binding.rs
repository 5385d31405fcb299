//! Changing one binding of a site in place, in appcmd's way: pick the binding by its
//! `protocol/bindingInformation`, then set its attributes (`bindingInformation=*:8080:shop`,
//! `sslFlags=Sni`, `certificateHash=…`) or remove optional ones (`-sslFlags`). The element keeps
//! its position, its other attributes and its formatting. The checks are the ones adding a
//! binding makes (a binding another site uses, names that site), plus the https parts: SSL
//! flags from the schema, a certificate hash of 40 hexadecimal digits, only on https.

use crate::model::doc::{Document, NodeId};
use crate::model::invisible::{describe, find_invisible};
use crate::model::schema::{ElementSchema, SchemaSet};

use super::binding::Binding;
use super::change::Change;
use super::error::ModelError;
use super::ops_site::check_binding_free;
use super::settings::Setting;
use super::site::Site;
use super::{AppHost, closest};

/// The attributes of a `<binding>`, in the order IIS writes them.
pub const BINDING_KEYS: [&str; 5] = [
    "protocol",
    "bindingInformation",
    "sslFlags",
    "certificateHash",
    "certificateStoreName",
];

/// The store a certificate is looked up in when none is named (IIS Manager's "Personal").
pub const DEFAULT_CERTIFICATE_STORE: &str = "My";

/// The binding of `site` that `spec` (`http/*:80:host`) names.
pub(crate) fn find_binding(site: &Site<'_>, spec: &str) -> Result<Binding, ModelError> {
    let wanted = Binding::parse_spec(spec).unwrap_or_else(|_| Binding::new("", spec));
    let bindings = site.bindings();
    bindings
        .iter()
        .find(|b| b.same_endpoint(&wanted) || b.spec().eq_ignore_ascii_case(spec))
        .filter(|b| b.node.is_some())
        .cloned()
        .ok_or_else(|| ModelError::NotFound {
            kind: "binding",
            name: spec.to_owned(),
            suggestions: bindings.iter().map(Binding::spec).collect(),
        })
}

/// The schema of one `<binding>` item.
fn binding_schema<'a>(host: &AppHost<'a>) -> Option<&'a ElementSchema> {
    host.site_schema()
        .ok()?
        .element("bindings")?
        .collection
        .as_deref()
        .map(|c| &c.item)
}

fn bad(binding: &Binding, why: impl Into<String>) -> ModelError {
    ModelError::BadBinding {
        spec: binding.spec(),
        why: why.into(),
    }
}

/// Whether an SSL flags value is set to anything but `None`.
fn has_flags(flags: Option<&str>) -> bool {
    flags.is_some_and(|f| {
        let f = f.trim();
        !f.is_empty() && f != "0" && !f.eq_ignore_ascii_case("none")
    })
}

/// Whether an SSL flags value (`Sni, DisableHTTP2`, or the number `1`) has the Sni flag.
fn requires_sni(flags: &str) -> bool {
    match flags.trim().parse::<u32>() {
        Ok(bits) => bits & 1 == 1,
        Err(_) => flags
            .split(',')
            .any(|f| f.trim().eq_ignore_ascii_case("sni")),
    }
}

/// Refuses an https binding with the Sni flag and no host name (IIS refuses it too).
pub fn check_sni(binding: &Binding) -> Result<(), ModelError> {
    let https = binding.protocol.eq_ignore_ascii_case("https");
    let sni = binding.ssl_flags.as_deref().is_some_and(requires_sni);
    if https && sni && binding.host.as_deref().unwrap_or("").is_empty() {
        return Err(bad(
            binding,
            "an SNI binding (SSL flag Sni) needs a host name: IIS refuses Server Name Indication without one",
        ));
    }
    Ok(())
}

/// Checks the parts of a binding beyond its spelling: no invisible characters in it, SSL flags
/// the schema knows (written in its canonical spelling), a certificate hash of 40 hexadecimal
/// digits and a store name, and a certificate or SSL flags only on https. Returns the binding
/// as it will be written.
pub fn checked_binding(host: &AppHost<'_>, binding: &Binding) -> Result<Binding, ModelError> {
    let mut out = binding.clone();
    if let Some(c) = find_invisible(&binding.binding_information) {
        return Err(bad(binding, format!("cannot contain {}", describe(c))));
    }
    let https = binding.protocol.eq_ignore_ascii_case("https");
    if let Some(flags) = &binding.ssl_flags {
        let attr = binding_schema(host).and_then(|s| s.attribute("sslFlags"));
        if let Some(attr) = attr {
            out.ssl_flags =
                Some(
                    attr.canonical(flags)
                        .map_err(|why| ModelError::InvalidValue {
                            key: String::from("sslFlags"),
                            value: flags.clone(),
                            why,
                        })?,
                );
        }
        if !https && has_flags(Some(flags)) {
            return Err(bad(binding, "SSL flags apply to https bindings only"));
        }
        let mut written = binding.clone();
        written.ssl_flags = out.ssl_flags.clone();
        check_sni(&written)?;
    }
    if let Some(hash) = &binding.certificate_hash {
        if !https {
            return Err(bad(binding, "a certificate applies to https bindings only"));
        }
        check_certificate_hash(hash)?;
        if out.certificate_store_name.is_none() {
            out.certificate_store_name = Some(String::from(DEFAULT_CERTIFICATE_STORE));
        }
    }
    if let Some(store) = &binding.certificate_store_name {
        if out.certificate_hash.is_none() && !https {
            return Err(bad(
                binding,
                "a certificate store applies to https bindings only",
            ));
        }
        check_store_name(store)?;
    }
    Ok(out)
}

/// A certificate's SHA-1 thumbprint: 40 hexadecimal digits.
pub fn check_certificate_hash(hash: &str) -> Result<(), ModelError> {
    let invalid = |why: String| ModelError::InvalidValue {
        key: String::from("certificateHash"),
        value: hash.to_owned(),
        why,
    };
    if let Some(c) = find_invisible(hash) {
        // Copied from the certificate dialog, a thumbprint often starts with U+200E.
        return Err(invalid(format!(
            "contains {} (often copied along with a thumbprint); type the 40 hexadecimal digits",
            describe(c)
        )));
    }
    if hash.contains(char::is_whitespace) {
        return Err(invalid(String::from(
            "must be the 40 hexadecimal digits of the certificate's thumbprint, without spaces",
        )));
    }
    if hash.len() != 40 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(invalid(format!(
            "must be the certificate's SHA-1 thumbprint: 40 hexadecimal digits (0-9, A-F), not {}",
            crate::model::wording::count(hash.chars().count(), "character")
        )));
    }
    Ok(())
}

/// A certificate store name (`My`, `WebHosting`, …).
pub fn check_store_name(store: &str) -> Result<(), ModelError> {
    let invalid = |why: String| ModelError::InvalidValue {
        key: String::from("certificateStoreName"),
        value: store.to_owned(),
        why,
    };
    if let Some(c) = find_invisible(store) {
        return Err(invalid(format!("cannot contain {}", describe(c))));
    }
    if store.trim().is_empty() || store.trim() != store {
        return Err(invalid(String::from(
            "must be a store name such as My (Personal) or WebHosting, without surrounding spaces",
        )));
    }
    Ok(())
}

/// The note every https binding with a certificate gets: the configuration is half of it.
pub fn sslcert_note(binding: &Binding) -> String {
    format!(
        "binding {}: the certificate must also be bound to its address and port in HTTP.sys (netsh http add sslcert, or IIS Manager); iistui writes only the configuration",
        binding.spec()
    )
}

/// The binding key a setting names (as the schema spells it).
fn binding_key(key: &str) -> Result<&'static str, ModelError> {
    BINDING_KEYS
        .iter()
        .find(|k| k.eq_ignore_ascii_case(key))
        .copied()
        .ok_or_else(|| {
            let known: Vec<String> = BINDING_KEYS.iter().map(|k| (*k).to_owned()).collect();
            let mut suggestions = closest(key, &known, 3);
            if suggestions.is_empty() {
                suggestions = known;
            }
            ModelError::UnknownKey {
                key: key.to_owned(),
                object: String::from("a binding"),
                suggestions,
            }
        })
}

/// The `index`-th `<binding>` of a site, found again after an edit.
fn binding_node(
    doc: &Document,
    schema: &SchemaSet,
    site: &str,
    index: usize,
) -> Result<NodeId, ModelError> {
    AppHost::new(doc, schema)
        .site(site)?
        .bindings()
        .get(index)
        .and_then(|b| b.node)
        .ok_or_else(|| ModelError::NotFound {
            kind: "binding",
            name: format!("#{} of site \"{site}\"", index + 1),
            suggestions: Vec::new(),
        })
}

/// Changes one binding of a site in place: `settings` set (`key=value`) or remove (`-key`)
/// its attributes, checked together as the binding they make.
pub fn edit_binding(
    doc: &mut Document,
    schema: &SchemaSet,
    site_name: &str,
    spec: &str,
    settings: &[Setting],
) -> Result<Change, ModelError> {
    Change::record(doc, |doc, change| {
        let host = AppHost::new(doc, schema);
        let site = host.site(site_name)?;
        let name = site.name().into_owned();
        let old = find_binding(&site, spec)?;
        let index = site
            .bindings()
            .iter()
            .position(|b| b.node == old.node)
            .unwrap_or_default();
        // The attributes as they will be, and which of them the settings named.
        let mut values: Vec<Option<String>> = BINDING_KEYS
            .iter()
            .map(|k| {
                old.node
                    .and_then(|n| doc.attr_value(n, k))
                    .map(|v| v.into_owned())
            })
            .collect();
        let mut named = [false; BINDING_KEYS.len()];
        for setting in settings {
            let (key, value) = match setting {
                Setting::Set { key, value } => (key, Some(value.clone())),
                Setting::Reset { key } => (key, None),
                other => {
                    return Err(ModelError::InvalidValue {
                        key: String::from("setting"),
                        value: other.to_string(),
                        why: String::from(
                            "a binding has no collections: use key=value or -key (protocol, bindingInformation, sslFlags, certificateHash, certificateStoreName)",
                        ),
                    });
                }
            };
            let key = binding_key(key)?;
            let at = BINDING_KEYS.iter().position(|k| *k == key).unwrap_or(0);
            if at < 2 && value.is_none() {
                return Err(ModelError::InvalidValue {
                    key: key.to_owned(),
                    value: String::new(),
                    why: String::from("identifies the binding and cannot be removed"),
                });
            }
            values[at] = value;
            named[at] = true;
        }
        let text = |i: usize| values[i].clone().unwrap_or_default();
        let mut new = Binding::parse_spec(&format!("{}/{}", text(0), text(1)))?;
        new.ssl_flags = values[2].clone();
        new.certificate_hash = values[3].clone();
        new.certificate_store_name = values[4].clone();
        let new = checked_binding(&host, &new)?;
        check_binding_free(&host, &new, Some(&name), &[])?;
        if site
            .bindings()
            .iter()
            .any(|b| b.node != old.node && b.same_endpoint(&new))
        {
            return Err(ModelError::BindingInUse {
                binding: new.spec(),
                site: name,
            });
        }
        // What is written: the named attributes as checked (protocol in lower case, flags in
        // the schema's spelling), and the store a new certificate is looked up in.
        let wanted = [
            (named[0], Some(new.protocol.clone())),
            (named[1], Some(new.binding_information.clone())),
            (named[2], new.ssl_flags.clone()),
            (named[3], new.certificate_hash.clone()),
            (
                named[4] || (named[3] && values[4].is_none()),
                new.certificate_store_name.clone(),
            ),
        ];
        let mut touched = Vec::new();
        for (key, (is_named, value)) in BINDING_KEYS.iter().zip(wanted) {
            if !is_named {
                continue;
            }
            let node = binding_node(doc, schema, &name, index)?;
            let patch = match (doc.attr_value(node, key), &value) {
                (Some(have), Some(want)) if have == want.as_str() => continue,
                (_, Some(want)) => doc.plan_set_attribute(node, key, want)?,
                (Some(_), None) => doc.plan_remove_attribute(node, key)?,
                (None, None) => continue,
            };
            change.apply(doc, patch)?;
            touched.push(*key);
        }
        let (was, now) = (old.spec(), new.spec());
        if touched.is_empty() {
            change.note(format!("binding {was} of site \"{name}\" is unchanged"));
            return Ok(());
        }
        if was == now {
            change.note(format!(
                "changed binding {now} of site \"{name}\" ({})",
                touched.join(", ")
            ));
        } else {
            change.note(format!("changed binding {was} to {now} on site \"{name}\""));
        }
        for warning in new.warnings() {
            change.warn(warning);
        }
        if new.certificate_hash.is_some() && (named[3] || named[1] || named[0]) {
            change.warn(sslcert_note(&new));
        }
        Ok(())
    })
}
