//! Adding and deleting applications and virtual directories: paths start with `/`, are unique
//! within their parent and do not overlap (see `overlap`); a site's root application and an
//! application's root virtual directory cannot be deleted on their own, and deleting an
//! application says what goes with it and what its URLs serve then (see `removal`).

use crate::model::doc::{Document, NewElement};
use crate::model::schema::SchemaSet;

use super::AppHost;
use super::change::Change;
use super::error::ModelError;
use super::names::check_virtual_path;
use super::overlap::{application_overlap, virtual_directory_overlap};
use super::physical_path::check_physical_path;
use super::removal::removal_notes;

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
        if let Some(overlap) = application_overlap(&site, path) {
            return Err(overlap);
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
        let (node, (summary, warnings)) = (app.node, removal_notes(&app));
        change.remove(doc, node)?;
        summary.into_iter().for_each(|line| change.note(line));
        warnings.into_iter().for_each(|line| change.warn(line));
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
        if let Some(overlap) = virtual_directory_overlap(&app, path) {
            return Err(overlap);
        }
        check_physical_path(physical_path, "a virtual directory")?;
        let element = NewElement::new("virtualDirectory")
            .attr("path", path)
            .attr("physicalPath", physical_path);
        let (node, id) = (
            app.node,
            format!("{}{path}", app.id().trim_end_matches('/')),
        );
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
