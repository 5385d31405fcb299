//! Adding and deleting applications and virtual directories: paths start with `/` and are
//! unique within their parent; a site's root application and an application's root virtual
//! directory cannot be deleted on their own.

use crate::model::doc::{Document, NewElement};
use crate::model::schema::SchemaSet;

use super::AppHost;
use super::change::Change;
use super::error::ModelError;
use super::names::check_virtual_path;
use super::physical_path::check_physical_path;

/// Adds an application to a site. Without a pool it uses the site's root application pool
/// (IIS Manager's Add Application default).
pub fn add_application(
    doc: &mut Document,
    schema: &SchemaSet,
    site_name: &str,
    path: &str,
    physical_path: &str,
    pool: Option<&str>,
) -> Result<Change, ModelError> {
    Change::record(doc, |doc, change| {
        check_virtual_path(path)?;
        let host = AppHost::new(doc, schema);
        let site = host.site(site_name)?;
        let site_name = site.name().into_owned();
        if let Some(existing) = site
            .applications()
            .iter()
            .find(|a| a.path().eq_ignore_ascii_case(path))
        {
            return Err(ModelError::duplicate(
                "application",
                &format!("{site_name}{path}"),
                &existing.id(),
            ));
        }
        check_physical_path(physical_path, "an application")?;
        let pool = match pool {
            Some(name) => Some(host.app_pool(name)?.name().into_owned()),
            None => site.app_pool_name(),
        };
        let mut element = NewElement::new("application").attr("path", path);
        if let Some(pool) = &pool {
            element = element.attr("applicationPool", pool);
        }
        let element = element.child(
            NewElement::new("virtualDirectory")
                .attr("path", "/")
                .attr("physicalPath", physical_path),
        );
        let node = site.node;
        change.insert_after_last(doc, node, "application", &element)?;
        let pool_note = pool.map(|p| format!(", pool \"{p}\"")).unwrap_or_default();
        change.note(format!(
            "added application \"{site_name}{path}\" ({physical_path}{pool_note})"
        ));
        Ok(())
    })
}

/// Deletes an application (`Site/path`), never a site's root application.
pub fn delete_application(
    doc: &mut Document,
    schema: &SchemaSet,
    id: &str,
) -> Result<Change, ModelError> {
    Change::record(doc, |doc, change| {
        let app = AppHost::new(doc, schema).application(id)?;
        if app.path() == "/" {
            return Err(ModelError::RootApplication(app.id()));
        }
        let (node, app_id) = (app.node, app.id());
        change.remove(doc, node)?;
        change.note(format!("deleted application \"{app_id}\""));
        Ok(())
    })
}

/// Adds a virtual directory to an application (`Site/app`).
pub fn add_virtual_directory(
    doc: &mut Document,
    schema: &SchemaSet,
    app_id: &str,
    path: &str,
    physical_path: &str,
) -> Result<Change, ModelError> {
    Change::record(doc, |doc, change| {
        check_virtual_path(path)?;
        let app = AppHost::new(doc, schema).application(app_id)?;
        let vdir_id = |p: &str| format!("{}{}", app.id().trim_end_matches('/'), p);
        if let Some(existing) = app
            .virtual_directories()
            .iter()
            .find(|v| v.path().eq_ignore_ascii_case(path))
        {
            return Err(ModelError::duplicate(
                "virtual directory",
                &vdir_id(path),
                &existing.id(),
            ));
        }
        check_physical_path(physical_path, "a virtual directory")?;
        let element = NewElement::new("virtualDirectory")
            .attr("path", path)
            .attr("physicalPath", physical_path);
        let (node, id) = (app.node, vdir_id(path));
        change.insert_after_last(doc, node, "virtualDirectory", &element)?;
        change.note(format!(
            "added virtual directory \"{id}\" ({physical_path})"
        ));
        Ok(())
    })
}

/// Deletes a virtual directory (`Site/app/vdir`), never an application's root one.
pub fn delete_virtual_directory(
    doc: &mut Document,
    schema: &SchemaSet,
    id: &str,
) -> Result<Change, ModelError> {
    Change::record(doc, |doc, change| {
        let vdir = AppHost::new(doc, schema).virtual_directory(id)?;
        if vdir.path() == "/" {
            return Err(ModelError::RootVirtualDirectory(vdir.id()));
        }
        let (node, vdir_id) = (vdir.node, vdir.id());
        change.remove(doc, node)?;
        change.note(format!("deleted virtual directory \"{vdir_id}\""));
        Ok(())
    })
}
