//! `iistui get site|apppool|app|vdir ID [KEY] [--json]`: effective values and their origin. A
//! site also shows its bindings and its root virtual directory's physical path (keys
//! `bindings` and `physicalPath`), which are not attributes of `<site>` itself.

use crate::model::apphost::{AppHost, Binding, Effective, ModelError, Origin, Site, Target};

use super::error::CliError;
use super::output::{BindingJson, KeyJson, print_json};
use super::stdio::Out;

/// The keys a site has beyond its own attributes.
const SITE_KEYS: [&str; 2] = ["bindings", "physicalPath"];

/// One value to show: an attribute's effective value, or a site's bindings or physical path.
struct Shown {
    effective: Effective,
    /// Said after the origin (`root virtual directory "contoso.com/"`).
    note: Option<String>,
    /// A site's bindings, one per line.
    bindings: Option<Vec<(Binding, u32)>>,
}

impl Shown {
    fn plain(effective: Effective) -> Shown {
        Shown {
            effective,
            note: None,
            bindings: None,
        }
    }
}

/// A site's bindings as one value: appcmd's comma-joined spelling, from the `<bindings>`
/// element's line.
fn bindings_of(site: &Site<'_>) -> Shown {
    let doc = site.host.doc;
    let list = doc.child(site.node, "bindings");
    let bindings: Vec<(Binding, u32)> = site
        .bindings()
        .into_iter()
        .map(|b| {
            let line = b.node.map(|n| doc.node_location(n).line).unwrap_or(0);
            (b, line)
        })
        .collect();
    let origin = match list {
        Some(node) if !bindings.is_empty() => {
            let at = doc.node_location(node);
            Origin::Explicit {
                line: at.line,
                column: at.column,
            }
        }
        _ => Origin::Unset,
    };
    let value = (!bindings.is_empty()).then(|| {
        bindings
            .iter()
            .map(|(b, _)| format!("{}/{}", b.protocol, b.binding_information))
            .collect::<Vec<_>>()
            .join(",")
    });
    Shown {
        effective: Effective {
            key: String::from("bindings"),
            value,
            origin,
            encrypted: false,
        },
        note: None,
        bindings: Some(bindings),
    }
}

/// The physical path of the site's root virtual directory (where IIS serves `/` from).
fn physical_path_of(site: &Site<'_>) -> Shown {
    let root = site
        .root_application()
        .and_then(|a| a.root_virtual_directory());
    match root {
        Some(vdir) => Shown {
            effective: vdir.physical_path(),
            note: Some(format!("root virtual directory \"{}\"", vdir.id())),
            bindings: None,
        },
        None => Shown {
            effective: Effective {
                key: String::from("physicalPath"),
                value: None,
                origin: Origin::Unset,
                encrypted: false,
            },
            note: Some(String::from("the site has no root virtual directory")),
            bindings: None,
        },
    }
}

/// A site's extra key, if `key` is one.
fn site_key(site: &Site<'_>, key: &str) -> Option<Shown> {
    match key {
        "bindings" => Some(bindings_of(site)),
        "physicalPath" => Some(physical_path_of(site)),
        _ => None,
    }
}

/// An unknown key on a site also considers the site's extra keys for "did you mean".
fn with_site_keys(error: ModelError) -> ModelError {
    match error {
        ModelError::UnknownKey {
            key,
            object,
            mut suggestions,
        } => {
            let extra: Vec<String> = SITE_KEYS.iter().map(|k| k.to_string()).collect();
            for (at, found) in crate::model::apphost::closest(&key, &extra, 2)
                .into_iter()
                .enumerate()
            {
                suggestions.insert(at, found);
            }
            suggestions.truncate(5);
            ModelError::UnknownKey {
                key,
                object,
                suggestions,
            }
        }
        other => other,
    }
}

fn values(host: AppHost<'_>, target: &Target, key: Option<&str>) -> Result<Vec<Shown>, CliError> {
    let resolver = target.resolver(host)?;
    let site = match target {
        Target::Site(name) => Some(host.site(name)?),
        _ => None,
    };
    Ok(match (key, site) {
        (Some(key), Some(site)) => match site_key(&site, key) {
            Some(shown) => vec![shown],
            None => vec![Shown::plain(resolver.get(key).map_err(with_site_keys)?)],
        },
        (Some(key), None) => vec![Shown::plain(resolver.get(key)?)],
        (None, site) => {
            let mut all: Vec<Shown> = resolver.all().into_iter().map(Shown::plain).collect();
            if let Some(site) = site {
                // After the site's name and ID, before its settings.
                let at = all
                    .iter()
                    .position(|s| s.effective.key == "id")
                    .map_or(0, |i| i + 1);
                all.insert(at, physical_path_of(&site));
                all.insert(at, bindings_of(&site));
            }
            all
        }
    })
}

/// `protocol/bindingInformation` and the certificate settings a binding has.
fn binding_text(binding: &Binding) -> String {
    let mut text = format!("{}/{}", binding.protocol, binding.binding_information);
    for (name, value) in [
        ("sslFlags", &binding.ssl_flags),
        ("certificateHash", &binding.certificate_hash),
        ("certificateStoreName", &binding.certificate_store_name),
    ] {
        if let Some(value) = value {
            text.push_str(&format!(" {name}={value}"));
        }
    }
    text
}

fn origin_text(shown: &Shown) -> Option<String> {
    let origin = match shown.effective.origin {
        Origin::Unset => None,
        ref origin => Some(origin.label()),
    };
    match (origin, &shown.note) {
        (Some(origin), Some(note)) => Some(format!("{note}: {origin}")),
        (None, Some(note)) => Some(note.clone()),
        (origin, None) => origin,
    }
}

/// One value as `get --json` prints it; a site's bindings also in full.
fn key_json(shown: &Shown) -> KeyJson<'_> {
    let mut item = KeyJson::new(&shown.effective);
    item.bindings = shown.bindings.as_ref().map(|list| {
        list.iter()
            .map(|(binding, line)| BindingJson {
                binding,
                line: *line,
            })
            .collect()
    });
    item
}

pub fn run(
    host: AppHost<'_>,
    target: &Target,
    key: Option<&str>,
    json: bool,
) -> Result<(), CliError> {
    let values = values(host, target, key)?;
    if json {
        return match key {
            Some(_) => print_json(&key_json(&values[0])),
            None => print_json(&values.iter().map(key_json).collect::<Vec<_>>()),
        };
    }
    let width = values
        .iter()
        .map(|v| v.effective.key.len())
        .max()
        .unwrap_or(0);
    let mut out = Out::new();
    for value in &values {
        let key = &value.effective.key;
        let origin = origin_text(value).map(|o| format!("  ({o})"));
        match &value.bindings {
            Some(list) if !list.is_empty() => {
                for (n, (binding, line)) in list.iter().enumerate() {
                    let label = if n == 0 { key.as_str() } else { "" };
                    out.line(&format!(
                        "{label:width$} {} {}  (explicit, line {line})",
                        if n == 0 { "=" } else { " " },
                        binding_text(binding)
                    ))?;
                }
            }
            Some(_) => out.line(&format!("{key:width$} = (none)"))?,
            None => out.line(&format!(
                "{key:width$} = {}{}",
                value.effective.shown(),
                origin.unwrap_or_default()
            ))?,
        }
    }
    out.finish()
}
