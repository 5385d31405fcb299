//! Adding and deleting application pools, with IIS's rules: unique names (case-insensitive),
//! valid names, and no deleting a pool that applications still use; and the warning a change
//! gets when it leaves a pool unable to start (validate's own rule).

use crate::model::doc::{Document, NewElement};
use crate::model::schema::SchemaSet;

use super::change::Change;
use super::error::ModelError;
use super::names::check_new_pool_name;
use super::ops_set::Target;
use super::{APP_POOLS, AppHost};

/// What `add apppool` asks for; `None` fields inherit from `applicationPoolDefaults`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewAppPool {
    pub name: String,
    /// `v4.0`, `v2.0`, or `""` for No Managed Code.
    pub runtime: Option<String>,
    /// `Integrated` or `Classic`.
    pub pipeline: Option<String>,
    /// `ApplicationPoolIdentity`, `NetworkService`, …
    pub identity: Option<String>,
    /// `autoStart`: `Some(false)` is IIS Manager's unticked "Start application pool
    /// immediately" (written as `autoStart="false"`); `None` inherits (true).
    pub auto_start: Option<bool>,
}

fn canonical(
    schema: &SchemaSet,
    doc: &Document,
    key: &str,
    value: &str,
) -> Result<String, ModelError> {
    let host = AppHost::new(doc, schema);
    let item = host.pool_schema()?;
    let parts: Vec<&str> = key.split('.').collect();
    let (last, path) = parts.split_last().unwrap_or((&"", &[]));
    let attr = item
        .element_path(path)
        .and_then(|e| e.attribute(last))
        .ok_or_else(|| ModelError::MissingSection(format!("{key} in the schema")))?;
    attr.canonical(value)
        .map_err(|why| ModelError::InvalidValue {
            key: key.to_owned(),
            value: value.to_owned(),
            why,
        })
}

/// Adds an application pool.
pub fn add_app_pool(
    doc: &mut Document,
    schema: &SchemaSet,
    pool: &NewAppPool,
) -> Result<Change, ModelError> {
    Change::record(doc, |doc, change| {
        add_app_pool_in(doc, schema, pool, change)
    })
}

pub(crate) fn add_app_pool_in(
    doc: &mut Document,
    schema: &SchemaSet,
    pool: &NewAppPool,
    change: &mut Change,
) -> Result<(), ModelError> {
    check_new_pool_name(&pool.name)?;
    let host = AppHost::new(doc, schema);
    if let Ok(existing) = host.app_pool(&pool.name) {
        return Err(ModelError::duplicate(
            "application pool",
            &pool.name,
            &existing.name(),
        ));
    }
    let section = host.writable_section(host.pools_section(), APP_POOLS)?;
    let mut element = NewElement::new("add").attr("name", &pool.name);
    if let Some(runtime) = &pool.runtime {
        element = element.attr("managedRuntimeVersion", runtime);
    }
    if let Some(auto_start) = pool.auto_start {
        element = element.attr("autoStart", if auto_start { "true" } else { "false" });
    }
    if let Some(pipeline) = &pool.pipeline {
        element = element.attr(
            "managedPipelineMode",
            canonical(schema, doc, "managedPipelineMode", pipeline)?,
        );
    }
    if let Some(identity) = &pool.identity {
        let identity = canonical(schema, doc, "processModel.identityType", identity)?;
        element = element.child(NewElement::new("processModel").attr("identityType", identity));
    }
    change.insert_after_last(doc, section, "add", &element)?;
    change.note(format!("added application pool \"{}\"", pool.name));
    Ok(())
}

/// Deletes an application pool that no application uses.
pub fn delete_app_pool(
    doc: &mut Document,
    schema: &SchemaSet,
    name: &str,
) -> Result<Change, ModelError> {
    Change::record(doc, |doc, change| {
        let host = AppHost::new(doc, schema);
        let pool = host.app_pool(name)?;
        let pool_name = pool.name().into_owned();
        let apps = host.applications_using_pool(&pool_name);
        if !apps.is_empty() {
            return Err(ModelError::PoolInUse {
                pool: pool_name,
                apps,
            });
        }
        let node = pool.node;
        change.remove(doc, node)?;
        change.note(format!("deleted application pool \"{pool_name}\""));
        Ok(())
    })
}

/// Validate's rule for a pool `target` names (a SpecificUser identity without a user name), as
/// a warning for the change that leaves it so: `None` for other targets and sound pools.
pub(crate) fn pool_start_problem(host: AppHost<'_>, target: &Target) -> Option<String> {
    let Target::AppPool(name) = target else {
        return None;
    };
    let pool = host.app_pool(name).ok()?;
    let problem = crate::model::validate::specific_user_without_name(&pool)?;
    Some(format!("application pool \"{}\": {problem}", pool.name()))
}
