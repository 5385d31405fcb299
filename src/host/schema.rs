//! This machine's IIS schema: the `inetsrv\config\schema` folder on Windows with IIS, else the
//! project's bundled schema (the model loads either; this module only knows where to look).

use crate::model::schema::SchemaSet;

use super::paths;

/// The schema for this machine, and warnings about files that could not be loaded.
pub fn for_this_machine() -> (SchemaSet, Vec<String>) {
    SchemaSet::with_folder(paths::iis_schema_dir().as_deref())
}
