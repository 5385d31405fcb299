//! The grid's rows for one or more objects of a kind: IIS Manager's catalog first, then every
//! other attribute the schema has under "Other", each with its schema, its effective value per
//! object and where that value comes from. Built once when the grid opens (a pool on a
//! 10,000-site file costs one lookup per object plus one per row).

use crate::model::apphost::{AppHost, CollectionItem, Effective, Origin, Target, collection_items};
use crate::model::doc::Document;
use crate::model::schema::{AttributeSchema, SchemaSet};

use super::catalog::{APPLICATION, Entry, On, POOL, SITE};

/// What kind of objects the grid edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectKind {
    Site,
    AppPool,
    Application,
}

impl ObjectKind {
    pub fn catalog(self) -> &'static [Entry] {
        match self {
            ObjectKind::Site => SITE,
            ObjectKind::AppPool => POOL,
            ObjectKind::Application => APPLICATION,
        }
    }

    /// The words for it in titles.
    pub fn noun(self) -> &'static str {
        match self {
            ObjectKind::Site => "site",
            ObjectKind::AppPool => "application pool",
            ObjectKind::Application => "application",
        }
    }

    /// The model target a row of object `id` writes to.
    pub fn target(self, id: &str, on: On) -> Target {
        let app = || {
            if id.contains('/') {
                id.to_owned()
            } else {
                format!("{id}/")
            }
        };
        match (self, on) {
            (ObjectKind::Site, On::Object) => Target::Site(id.to_owned()),
            (ObjectKind::AppPool, _) => Target::AppPool(id.to_owned()),
            (ObjectKind::Application, On::Object) | (ObjectKind::Site, On::RootApplication) => {
                Target::Application(app())
            }
            (ObjectKind::Application, On::RootApplication) => Target::Application(app()),
            (_, On::RootVirtualDirectory) => Target::VirtualDirectory(app()),
        }
    }
}

/// A label, key and where it is written, owned (catalog entries and "Other" rows alike).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowSpec {
    pub category: String,
    pub label: String,
    pub key: String,
    pub on: On,
    /// For a collection: the item attributes shown, key first.
    pub collection: Option<Vec<String>>,
    pub read_only: bool,
}

/// One row: its spec, schema and the value of each object.
#[derive(Debug, Clone, PartialEq)]
pub struct GridRow {
    pub spec: RowSpec,
    /// `None` for collections.
    pub schema: Option<AttributeSchema>,
    /// One per object (attribute rows).
    pub values: Vec<Effective>,
    /// One list per object (collection rows).
    pub items: Vec<Vec<CollectionItem>>,
}

impl GridRow {
    /// The value shown: the common value, or `(mixed)` when the objects differ.
    pub fn shown(&self) -> String {
        if self.spec.collection.is_some() {
            return match self.items.as_slice() {
                [items] => match items.len() {
                    0 => String::from("(none)"),
                    1 => String::from("(1 item)"),
                    n => format!("({n} items)"),
                },
                _ => String::from("(per object)"),
            };
        }
        match self.values.split_first() {
            None => String::new(),
            Some((first, rest)) if rest.iter().all(|v| v.value == first.value) => {
                let shown = first.shown().into_owned();
                if self.spec.key == "managedRuntimeVersion" && first.value.as_deref() == Some("") {
                    String::from("No Managed Code")
                } else {
                    shown
                }
            }
            _ => String::from("(mixed)"),
        }
    }

    /// Where the value comes from (`explicit, line 60`, `inherited from …`, `schema default`).
    pub fn origin(&self) -> String {
        if self.spec.collection.is_some() {
            return String::new();
        }
        match self.values.split_first() {
            None => String::new(),
            Some((first, rest)) if rest.iter().all(|v| v.origin == first.origin) => {
                first.origin.label()
            }
            Some(_) => String::from("(mixed)"),
        }
    }

    /// Whether every object inherits the value (shown dimmed).
    pub fn inherited(&self) -> bool {
        !self.values.is_empty() && self.values.iter().all(|v| v.origin.is_inherited())
    }

    /// Whether the value is written on every object (so a reset has something to remove).
    pub fn explicit_anywhere(&self) -> bool {
        self.values
            .iter()
            .any(|v| matches!(v.origin, Origin::Explicit { .. }))
    }
}

fn spec(entry: &Entry) -> RowSpec {
    RowSpec {
        category: entry.category.to_owned(),
        label: entry.label.to_owned(),
        key: entry.key.to_owned(),
        on: entry.on,
        collection: entry
            .collection
            .map(|c| c.attrs.iter().map(|a| (*a).to_owned()).collect()),
        read_only: entry.read_only,
    }
}

/// Builds the rows for objects of `kind` (names, or application ids).
pub fn build_rows(
    doc: &Document,
    schema: &SchemaSet,
    kind: ObjectKind,
    objects: &[String],
) -> Result<Vec<GridRow>, String> {
    let host = AppHost::new(doc, schema);
    let first = objects.first().ok_or("nothing selected")?;
    let resolver = kind
        .target(first, On::Object)
        .resolver(host)
        .map_err(|e| e.to_string())?;
    let mut specs: Vec<RowSpec> = kind.catalog().iter().map(spec).collect();
    for key in resolver.item.keys() {
        let listed = specs.iter().any(|s| s.on == On::Object && s.key == key);
        let defaults =
            key.starts_with("applicationDefaults.") || key.starts_with("virtualDirectoryDefaults.");
        if !listed && !defaults {
            specs.push(RowSpec {
                category: String::from("Other"),
                label: key.clone(),
                key,
                on: On::Object,
                collection: None,
                read_only: false,
            });
        }
    }
    // One lookup per object and element (finding a pool walks the section): rows reuse them.
    let mut resolvers = Vec::with_capacity(objects.len());
    for object in objects {
        let mut per_object = Vec::new();
        for on in [On::Object, On::RootApplication, On::RootVirtualDirectory] {
            if !specs.iter().any(|s| s.on == on) {
                continue;
            }
            let target = kind.target(object, on);
            let resolver = target.resolver(host).map_err(|e| e.to_string())?;
            per_object.push((on, target, resolver));
        }
        resolvers.push(per_object);
    }
    let mut rows = Vec::with_capacity(specs.len());
    for spec in specs {
        let mut row = GridRow {
            schema: None,
            values: Vec::new(),
            items: Vec::new(),
            spec,
        };
        for per_object in &resolvers {
            let Some((_, target, resolver)) =
                per_object.iter().find(|(on, _, _)| *on == row.spec.on)
            else {
                continue;
            };
            if row.spec.collection.is_some() {
                row.items.push(
                    collection_items(doc, schema, target, &row.spec.key)
                        .map_err(|e| e.to_string())?,
                );
                continue;
            }
            // A catalog row the schema does not know (an older IIS) is left out.
            let Ok((_, attr)) = resolver.attribute(&row.spec.key) else {
                break;
            };
            row.schema.get_or_insert_with(|| attr.clone());
            row.values
                .push(resolver.get(&row.spec.key).map_err(|e| e.to_string())?);
        }
        if row.schema.is_some() || !row.items.is_empty() {
            rows.push(row);
        }
    }
    Ok(rows)
}
