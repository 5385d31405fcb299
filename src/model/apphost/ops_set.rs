//! `set`: writes dotted keys (`startMode`, `processModel.idleTimeout`,
//! `recycling.periodicRestart.time`, `limits.connectionTimeout`) on a site, pool, application or
//! virtual directory, checked against the schema, creating missing child elements as needed.
//! Time spans must be unambiguous (`20m`, `00:20:00`) and are written as IIS spells them; an
//! application pool must exist (as `add` requires) unless the caller forces it.

use crate::model::doc::{Document, NewElement, NodeId};
use crate::model::schema::SchemaSet;

use super::AppHost;
use super::change::Change;
use super::effective::Resolver;
use super::error::ModelError;
use super::names::{check_new_pool_name, check_new_site_name};
use super::physical_path::check_physical_path;
use crate::model::validate::is_encrypted;

/// The object a key belongs to, by its CLI id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Site(String),
    AppPool(String),
    Application(String),
    VirtualDirectory(String),
    /// The `<aspNetCore>` element of a web.config (the document is that web.config).
    AspNetCore,
}

impl Target {
    pub fn resolver<'a>(&self, host: AppHost<'a>) -> Result<Resolver<'a>, ModelError> {
        match self {
            Target::Site(name) => host.site(name)?.resolver(),
            Target::AppPool(name) => host.app_pool(name)?.resolver(),
            Target::Application(id) => host.application(id)?.resolver(),
            Target::VirtualDirectory(id) => host.virtual_directory(id)?.resolver(),
            Target::AspNetCore => crate::model::webconfig::find_aspnetcore(host.doc, host.schema)
                .ok_or_else(|| {
                    ModelError::MissingSection(String::from(
                        "<aspNetCore> in this web.config (the app is not hosted by the ASP.NET Core Module)",
                    ))
                })?
                .resolver(),
        }
    }

    /// The same target after a rename.
    pub(crate) fn renamed(&self, key: &str, value: &str) -> Target {
        match (self, key) {
            (Target::Site(_), "name") => Target::Site(value.to_owned()),
            (Target::AppPool(_), "name") => Target::AppPool(value.to_owned()),
            _ => self.clone(),
        }
    }
}

/// How `set` treats values a check refuses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SetOptions {
    /// Write an application pool that does not exist (the user's `--force`).
    pub force: bool,
}

/// Sets `key=value` pairs in order; each value is checked and written in IIS's canonical spelling.
pub fn set_keys(
    doc: &mut Document,
    schema: &SchemaSet,
    target: &Target,
    pairs: &[(String, String)],
) -> Result<Change, ModelError> {
    set_keys_with(doc, schema, target, pairs, SetOptions::default())
}

/// [`set_keys`] with options.
pub fn set_keys_with(
    doc: &mut Document,
    schema: &SchemaSet,
    target: &Target,
    pairs: &[(String, String)],
    options: SetOptions,
) -> Result<Change, ModelError> {
    Change::record(doc, |doc, change| {
        let mut target = target.clone();
        for (key, value) in pairs {
            set_one(doc, schema, &target, key, value, options, change)?;
            if let (Target::Site(site), "name") = (&target, key.as_str()) {
                // `<location path="Site/…">` sections follow the site to its new name.
                super::ops_rename::move_site_locations(doc, site, value, change)?;
            }
            target = target.renamed(key, value);
        }
        Ok(())
    })
}

fn set_one(
    doc: &mut Document,
    schema: &SchemaSet,
    target: &Target,
    key: &str,
    value: &str,
    options: SetOptions,
    change: &mut Change,
) -> Result<(), ModelError> {
    let host = AppHost::new(doc, schema);
    let resolver = target.resolver(host)?;
    let (path, attr) = resolver.attribute(key)?;
    let canonical = attr
        .canonical(value)
        .map_err(|why| ModelError::InvalidValue {
            key: key.to_owned(),
            value: value.to_owned(),
            why,
        })?;
    let canonical = match target {
        Target::Site(_) | Target::Application(_) if attr.name == "applicationPool" => {
            existing_pool(host, &canonical, options, change)?
        }
        _ => canonical,
    };
    if attr.name == "physicalPath" {
        check_physical_path(&canonical, "a virtual directory")?;
    }
    check_identity_change(host, target, key, &canonical)?;
    let object = resolver.object.to_string();
    let (before, explicit, origin) = resolver.peek(key)?;
    let before = before.map(|v| v.into_owned());
    if explicit && before.as_deref() == Some(canonical.as_str()) {
        change.note(format!("{object}: {key} is already {canonical}"));
        return Ok(());
    }
    if attr.encrypted && is_encrypted(&canonical) {
        change.warn(format!(
            "{key} is written as the encrypted value given ([enc:…:enc]); it decrypts only where its key is (this server's IIS)"
        ));
    } else if attr.encrypted {
        change.warn(format!(
            "{key} is normally stored encrypted; iistui writes it as given (clear text)"
        ));
    }
    let attr_name = attr.name.clone();
    let secret = attr.encrypted;
    let path: Vec<String> = path.iter().map(|s| s.to_string()).collect();
    let patch = plan_nested(doc, resolver.node, &path, &attr_name, &canonical)?;
    change.apply(doc, patch)?;
    let was = before
        .map(|v| format!(" (was {}, {origin})", shown_value(secret, &v)))
        .unwrap_or_default();
    let shown = shown_value(secret, &canonical);
    change.note(format!("{object}: set {key} = {shown}{was}"));
    Ok(())
}

/// What a note shows of a value: a secret (an attribute the schema stores encrypted, such as
/// a password) as `********`, whether it is clear text or an `[enc:…:enc]` blob.
pub(crate) fn shown_value(secret: bool, value: &str) -> &str {
    if secret && !value.is_empty() {
        MASK
    } else {
        value
    }
}

/// What is shown in place of a secret.
pub const MASK: &str = "********";

/// The pool's name as written in `<applicationPools>` (an application pool named in a different
/// case is the same pool); a pool that does not exist is refused as `add` refuses it, unless
/// forced, and then written with a warning.
fn existing_pool(
    host: AppHost<'_>,
    name: &str,
    options: SetOptions,
    change: &mut Change,
) -> Result<String, ModelError> {
    match host.app_pool(name) {
        Ok(pool) => Ok(pool.name().into_owned()),
        Err(ModelError::NotFound { suggestions, .. }) if !options.force => {
            Err(ModelError::NoSuchPool {
                name: name.to_owned(),
                suggestions,
            })
        }
        Err(ModelError::NotFound { .. }) => {
            change.warn(format!(
                "application pool \"{name}\" does not exist (written because of --force); requests get 503 until it is added"
            ));
            Ok(name.to_owned())
        }
        Err(other) => Err(other),
    }
}

/// Refuses renames and re-keys that would break references or uniqueness.
fn check_identity_change(
    host: AppHost<'_>,
    target: &Target,
    key: &str,
    value: &str,
) -> Result<(), ModelError> {
    match (target, key) {
        (Target::Site(current), "name") => {
            check_new_site_name(value)?;
            match host.site(value) {
                Ok(other) if !other.name().eq_ignore_ascii_case(current) => {
                    Err(ModelError::duplicate("site", value, &other.name()))
                }
                _ => Ok(()),
            }
        }
        (Target::Site(current), "id") => {
            let owner = host
                .sites()
                .into_iter()
                .find(|s| s.id().map(|i| i.to_string()).as_deref() == Some(value));
            match owner {
                Some(other) if !other.name().eq_ignore_ascii_case(current) => {
                    Err(ModelError::SiteIdInUse {
                        id: value.to_owned(),
                        site: other.name().into_owned(),
                    })
                }
                _ => Ok(()),
            }
        }
        (Target::AppPool(current), "name") => {
            check_new_pool_name(value)?;
            let apps = host.applications_using_pool(current);
            if !apps.is_empty() && !value.eq_ignore_ascii_case(current) {
                return Err(ModelError::PoolInUse {
                    pool: current.clone(),
                    apps,
                });
            }
            match host.app_pool(value) {
                Ok(other) if !other.name().eq_ignore_ascii_case(current) => Err(
                    ModelError::duplicate("application pool", value, &other.name()),
                ),
                _ => Ok(()),
            }
        }
        (Target::Application(_) | Target::VirtualDirectory(_), "path") => {
            Err(ModelError::BadPath {
                path: value.to_owned(),
                why: String::from(
                    "changing a path with set is not supported; add a new one and delete the old one",
                ),
            })
        }
        _ => Ok(()),
    }
}

/// Sets an attribute at `path` below `node`, creating the missing elements of the path.
fn plan_nested(
    doc: &Document,
    node: NodeId,
    path: &[String],
    attr: &str,
    value: &str,
) -> Result<crate::model::doc::Patch, ModelError> {
    let mut current = node;
    for (depth, name) in path.iter().enumerate() {
        match doc.child(current, name) {
            Some(child) => current = child,
            None => {
                let mut element = NewElement::new(path[path.len() - 1].as_str()).attr(attr, value);
                for outer in path[depth..path.len() - 1].iter().rev() {
                    element = NewElement::new(outer.as_str()).child(element);
                }
                let count = doc.elements(current).count();
                return Ok(doc.plan_insert_element(current, count, &element)?);
            }
        }
    }
    Ok(doc.plan_set_attribute(current, attr, value)?)
}
