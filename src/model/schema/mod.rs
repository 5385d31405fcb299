//! The IIS schema: the files of `inetsrv\config\schema\` on Windows, or the project's own
//! bundled schema in `assets/schema/` elsewhere (same format, one loader), merged into one set.

mod load;
mod time_span;
mod types;
mod validator;
mod value;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

pub use time_span::TimeSpan;
pub use types::{AttrType, AttributeSchema, CollectionSchema, ElementSchema, TimeSpanFormat};
pub use validator::{POOL_NAME_FORBIDDEN, SITE_NAME_FORBIDDEN, Validator};
pub use value::TypedValue;

use crate::model::doc::ParseError;

/// The schema files this project ships, compiled in.
const BUNDLED: &[(&str, &str)] = &[
    (
        "assets/schema/IIS_schema.xml",
        include_str!("../../../assets/schema/IIS_schema.xml"),
    ),
    (
        "assets/schema/aspnetcore_schema_v2.xml",
        include_str!("../../../assets/schema/aspnetcore_schema_v2.xml"),
    ),
    (
        "assets/schema/webServer_schema.xml",
        include_str!("../../../assets/schema/webServer_schema.xml"),
    ),
    (
        "assets/schema/rewrite_schema.xml",
        include_str!("../../../assets/schema/rewrite_schema.xml"),
    ),
];

/// Why a schema file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Parse(ParseError),
}

/// All loaded sections, by name (`system.applicationHost/sites`).
#[derive(Debug, Clone, Default)]
pub struct SchemaSet {
    sections: HashMap<String, ElementSchema>,
    prefixes: HashSet<String>,
    /// Where the sections came from, for display.
    pub sources: Vec<String>,
}

impl SchemaSet {
    pub fn new() -> SchemaSet {
        SchemaSet::default()
    }

    /// Loads schema text; `origin` names it in errors and in `sources`.
    pub fn load_str(&mut self, text: &str, origin: &Path) -> Result<(), SchemaError> {
        let sections =
            load::parse_schema(text).map_err(|e| SchemaError::Parse(e.with_path(origin)))?;
        for (name, schema) in sections {
            self.add_section(name, schema);
        }
        self.sources.push(origin.display().to_string());
        Ok(())
    }

    pub fn load_file(&mut self, path: &Path) -> Result<(), SchemaError> {
        let bytes = std::fs::read(path).map_err(|source| SchemaError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let doc = crate::model::doc::Document::parse(bytes)
            .map_err(|e| SchemaError::Parse(e.with_path(path)))?;
        self.load_str(doc.text().trim_start_matches('\u{feff}'), path)
    }

    /// Loads every `*.xml` file of a folder, in name order (as IIS does).
    pub fn load_dir(&mut self, dir: &Path) -> Result<usize, SchemaError> {
        let entries = std::fs::read_dir(dir).map_err(|source| SchemaError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("xml")))
            .collect();
        files.sort();
        for file in &files {
            self.load_file(file)?;
        }
        Ok(files.len())
    }

    fn add_section(&mut self, name: String, schema: ElementSchema) {
        let mut prefix = String::new();
        for part in name.split('/') {
            if !prefix.is_empty() {
                prefix.push('/');
            }
            prefix.push_str(part);
            self.prefixes.insert(prefix.clone());
        }
        match self.sections.get_mut(&name) {
            Some(existing) => existing.merge(schema),
            None => {
                self.sections.insert(name, schema);
            }
        }
    }

    /// Adds the sections of `other` that this set does not have.
    pub fn fill_from(&mut self, other: &SchemaSet) {
        for (name, schema) in &other.sections {
            if !self.sections.contains_key(name) {
                self.add_section(name.clone(), schema.clone());
            }
        }
        self.sources.extend(other.sources.iter().cloned());
    }

    /// The project's bundled schema (its files are tested to load).
    pub fn bundled() -> SchemaSet {
        SchemaSet::bundled_checked().0
    }

    /// The bundled schema, and what failed to load (a build defect the tests catch).
    fn bundled_checked() -> (SchemaSet, Vec<String>) {
        let mut set = SchemaSet::new();
        let mut problems = Vec::new();
        for (name, text) in BUNDLED {
            if let Err(err) = set.load_str(text, Path::new(name)) {
                problems.push(format!("bundled schema failed to load: {err}"));
            }
        }
        (set, problems)
    }

    /// The schema for a machine: the IIS schema folder when there is one (Windows'
    /// `inetsrv\config\schema`), with the bundled sections filling in anything it lacks; and
    /// what could not be loaded, for the caller to tell the user.
    pub fn with_folder(dir: Option<&Path>) -> (SchemaSet, Vec<String>) {
        let (bundled, mut problems) = SchemaSet::bundled_checked();
        let Some(dir) = dir else {
            return (bundled, problems);
        };
        let mut set = SchemaSet::new();
        match set.load_dir(dir) {
            Ok(_) => {
                set.fill_from(&bundled);
                (set, problems)
            }
            Err(err) => {
                problems.push(format!("{err}; using the bundled schema"));
                (bundled, problems)
            }
        }
    }

    pub fn section(&self, name: &str) -> Option<&ElementSchema> {
        self.sections.get(name)
    }

    pub fn section_names(&self) -> impl Iterator<Item = &str> {
        self.sections.keys().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.sections.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sections.is_empty()
    }

    /// Whether `path` is a section or a section group leading to one.
    pub fn is_prefix(&self, path: &str) -> bool {
        self.prefixes.contains(path)
    }
}
