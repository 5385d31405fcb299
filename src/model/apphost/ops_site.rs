//! Adding and deleting sites and their bindings, with IIS Manager's Add Website behaviour: the
//! lowest free ID, a root application and root virtual directory, a pool named after the site
//! (created if absent), refusal of duplicate names and of bindings another site already uses.

use crate::model::doc::{Document, NewElement};
use crate::model::schema::SchemaSet;

use super::binding::Binding;
use super::change::Change;
use super::error::ModelError;
use super::names::check_new_site_name;
use super::ops_binding::{checked_binding, find_binding, sslcert_note};
use super::ops_pool::{NewAppPool, add_app_pool_in};
use super::physical_path::check_physical_path;
use super::sections::locations_for;
use super::{AppHost, SITES};

/// What `add site` asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewSite {
    pub name: String,
    pub physical_path: String,
    pub bindings: Vec<Binding>,
    /// An existing pool; `None` uses (and if needed creates) a pool named after the site.
    pub app_pool: Option<String>,
    pub id: Option<u32>,
}

/// Refuses a binding that another site (or an earlier binding in `also`) already uses.
pub fn check_binding_free(
    host: &AppHost<'_>,
    binding: &Binding,
    except_site: Option<&str>,
    also: &[Binding],
) -> Result<(), ModelError> {
    for site in host.sites() {
        let name = site.name();
        if except_site.is_some_and(|e| e.eq_ignore_ascii_case(&name)) {
            continue;
        }
        if site.bindings().iter().any(|b| b.same_endpoint(binding)) {
            return Err(ModelError::BindingInUse {
                binding: binding.spec(),
                site: name.into_owned(),
            });
        }
    }
    if also.iter().any(|b| b.same_endpoint(binding)) {
        return Err(ModelError::BadBinding {
            spec: binding.spec(),
            why: String::from("given twice"),
        });
    }
    Ok(())
}

fn binding_element(binding: &Binding) -> NewElement {
    let mut element = NewElement::new("binding")
        .attr("protocol", &binding.protocol)
        .attr("bindingInformation", &binding.binding_information);
    if let Some(flags) = &binding.ssl_flags {
        element = element.attr("sslFlags", flags);
    }
    if let Some(hash) = &binding.certificate_hash {
        element = element.attr("certificateHash", hash);
        element = element.attr(
            "certificateStoreName",
            binding.certificate_store_name.as_deref().unwrap_or("My"),
        );
    }
    element
}

/// Adds a site.
pub fn add_site(
    doc: &mut Document,
    schema: &SchemaSet,
    site: &NewSite,
) -> Result<Change, ModelError> {
    Change::record(doc, |doc, change| {
        check_new_site_name(&site.name)?;
        let host = AppHost::new(doc, schema);
        if let Ok(existing) = host.site(&site.name) {
            return Err(ModelError::duplicate("site", &site.name, &existing.name()));
        }
        let section = host.writable_section(host.sites_section(), SITES)?;
        check_physical_path(&site.physical_path, "a site")?;
        if site.bindings.is_empty() {
            return Err(ModelError::BadBinding {
                spec: String::new(),
                why: String::from("a site needs at least one binding"),
            });
        }
        let checked = site
            .bindings
            .iter()
            .map(|b| checked_binding(&host, b))
            .collect::<Result<Vec<_>, _>>()?;
        for (i, binding) in checked.iter().enumerate() {
            check_binding_free(&host, binding, None, &checked[..i])?;
        }
        let used: Vec<u32> = host.sites().iter().filter_map(|s| s.id()).collect();
        let id = match site.id {
            Some(0) => {
                return Err(ModelError::InvalidValue {
                    key: String::from("id"),
                    value: String::from("0"),
                    why: String::from("site IDs start at 1"),
                });
            }
            Some(id) if used.contains(&id) => {
                let owner = host
                    .sites()
                    .iter()
                    .find(|s| s.id() == Some(id))
                    .map(|s| s.name().into_owned())
                    .unwrap_or_default();
                return Err(ModelError::SiteIdInUse {
                    id: id.to_string(),
                    site: owner,
                });
            }
            Some(id) => id,
            None => (1..)
                .find(|candidate| !used.contains(candidate))
                .unwrap_or(1),
        };
        let pool = match &site.app_pool {
            Some(name) => host.app_pool(name)?.name().into_owned(),
            None => match host.app_pool(&site.name) {
                Ok(existing) => existing.name().into_owned(),
                Err(_) => {
                    add_app_pool_in(
                        doc,
                        schema,
                        &NewAppPool {
                            name: site.name.clone(),
                            ..NewAppPool::default()
                        },
                        change,
                    )?;
                    site.name.clone()
                }
            },
        };
        let mut bindings = NewElement::new("bindings");
        for binding in &checked {
            bindings = bindings.child(binding_element(binding));
        }
        let element = NewElement::new("site")
            .attr("name", &site.name)
            .attr("id", id.to_string())
            .attr("serverAutoStart", "true")
            .child(
                NewElement::new("application")
                    .attr("path", "/")
                    .attr("applicationPool", &pool)
                    .child(
                        NewElement::new("virtualDirectory")
                            .attr("path", "/")
                            .attr("physicalPath", &site.physical_path),
                    ),
            )
            .child(bindings);
        // The section node may have moved if a pool was added before it.
        let section = AppHost::new(doc, schema).sites_section().unwrap_or(section);
        change.insert_after_last(doc, section, "site", &element)?;
        let specs: Vec<String> = site.bindings.iter().map(Binding::spec).collect();
        change.note(format!(
            "added site \"{}\" (id {id}, pool \"{pool}\", bindings {})",
            site.name,
            specs.join(", ")
        ));
        for binding in &checked {
            for warning in binding.warnings() {
                change.warn(warning);
            }
            if binding.certificate_hash.is_some() {
                change.warn(sslcert_note(binding));
            }
        }
        Ok(())
    })
}

/// Deletes a site (its pool stays, as in IIS Manager).
pub fn delete_site(
    doc: &mut Document,
    schema: &SchemaSet,
    name: &str,
) -> Result<Change, ModelError> {
    Change::record(doc, |doc, change| {
        let host = AppHost::new(doc, schema);
        let site = host.site(name)?;
        let site_name = site.name().into_owned();
        let locations = locations_for(doc, &site_name);
        let node = site.node;
        change.remove(doc, node)?;
        change.note(format!("deleted site \"{site_name}\""));
        if !locations.is_empty() {
            let paths: Vec<String> = locations
                .iter()
                .map(|l| format!("\"{}\" (line {})", l.path, l.location.line))
                .collect();
            change.warn(format!(
                "<location> sections still refer to the deleted site: {}",
                paths.join(", ")
            ));
        }
        Ok(())
    })
}

/// Adds a binding to a site.
pub fn add_binding(
    doc: &mut Document,
    schema: &SchemaSet,
    site_name: &str,
    binding: &Binding,
) -> Result<Change, ModelError> {
    Change::record(doc, |doc, change| {
        let host = AppHost::new(doc, schema);
        let site = host.site(site_name)?;
        let name = site.name().into_owned();
        let binding = &checked_binding(&host, binding)?;
        check_binding_free(&host, binding, Some(&name), &[])?;
        if site.bindings().iter().any(|b| b.same_endpoint(binding)) {
            return Err(ModelError::BindingInUse {
                binding: binding.spec(),
                site: name,
            });
        }
        let element = binding_element(binding);
        match doc.child(site.node, "bindings") {
            Some(list) => change.insert_after_last(doc, list, "binding", &element)?,
            None => change.insert_after_last(
                doc,
                site.node,
                "application",
                &NewElement::new("bindings").child(element),
            )?,
        }
        change.note(format!(
            "added binding {} to site \"{name}\"",
            binding.spec()
        ));
        for warning in binding.warnings() {
            change.warn(warning);
        }
        if binding.certificate_hash.is_some() {
            change.warn(sslcert_note(binding));
        }
        Ok(())
    })
}

/// Removes a binding (by its `protocol/information` spelling) from a site; never the last one
/// (a site without bindings cannot start, and IIS Manager refuses it too).
pub fn remove_binding(
    doc: &mut Document,
    schema: &SchemaSet,
    site_name: &str,
    spec: &str,
) -> Result<Change, ModelError> {
    Change::record(doc, |doc, change| {
        let host = AppHost::new(doc, schema);
        let site = host.site(site_name)?;
        let name = site.name().into_owned();
        let found = find_binding(&site, spec)?;
        let spec = found.spec();
        if site.bindings().len() == 1 {
            return Err(ModelError::BadBinding {
                spec,
                why: format!(
                    "it is the last binding of site \"{name}\"; a site needs at least one (add another first)"
                ),
            });
        }
        let node = found.node.ok_or_else(|| ModelError::NotFound {
            kind: "binding",
            name: spec.clone(),
            suggestions: Vec::new(),
        })?;
        change.remove(doc, node)?;
        change.note(format!("removed binding {spec} from site \"{name}\""));
        Ok(())
    })
}
