//! Settings changes in appcmd's own syntax, as `set` takes them and Advanced Settings makes
//! them: `key=value` sets, `-key` resets to the inherited value (removes the attribute),
//! `+collection.[name='A',value='1']` adds a collection item and `-collection.[name='A']`
//! removes one (`recycling.periodicRestart.schedule`, `environmentVariables`). One function
//! applies a list of them to an object, so the CLI and the TUI write the same bytes.

use std::fmt;

use crate::model::doc::{Document, NewElement, NodeId};
use crate::model::schema::{CollectionSchema, SchemaSet};

use super::AppHost;
use super::change::Change;
use super::effective::Resolver;
use super::error::ModelError;
use super::ops_pool::pool_start_problem;
use super::ops_set::{SetOptions, Target, set_keys_with};

/// One change to an object's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Setting {
    /// `key=value`
    Set { key: String, value: String },
    /// `-key`: remove the attribute, so the value is inherited again.
    Reset { key: String },
    /// `+collection.[attr='v',…]`
    AddItem {
        collection: String,
        attrs: Vec<(String, String)>,
    },
    /// `-collection.[key='v']`
    RemoveItem {
        collection: String,
        keys: Vec<(String, String)>,
    },
}

fn syntax(arg: &str, why: &str) -> ModelError {
    ModelError::InvalidValue {
        key: String::from("setting"),
        value: arg.to_owned(),
        why: why.to_owned(),
    }
}

/// Parses `[name='A',value='B']` (a quote inside a value is doubled: `'it''s'`).
fn parse_item(arg: &str, body: &str) -> Result<Vec<(String, String)>, ModelError> {
    let inner = body
        .strip_prefix('[')
        .and_then(|b| b.strip_suffix(']'))
        .ok_or_else(|| syntax(arg, "expected [attribute='value',…] after the collection"))?;
    let mut attrs = Vec::new();
    let mut rest = inner.trim();
    while !rest.is_empty() {
        let (name, after) = rest
            .split_once('=')
            .ok_or_else(|| syntax(arg, "expected attribute='value'"))?;
        let after = after
            .trim_start()
            .strip_prefix('\'')
            .ok_or_else(|| syntax(arg, "values are written in single quotes: name='value'"))?;
        let mut value = String::new();
        let mut chars = after.char_indices().peekable();
        let mut end = None;
        while let Some((i, c)) = chars.next() {
            if c == '\'' {
                if chars.peek().is_some_and(|(_, n)| *n == '\'') {
                    value.push('\'');
                    chars.next();
                } else {
                    end = Some(i + 1);
                    break;
                }
            } else {
                value.push(c);
            }
        }
        let end = end.ok_or_else(|| syntax(arg, "a value's closing quote is missing"))?;
        attrs.push((name.trim().to_owned(), value));
        rest = after[end..].trim_start();
        rest = match rest.strip_prefix(',') {
            Some(r) => r.trim_start(),
            None if rest.is_empty() => rest,
            None => return Err(syntax(arg, "items are separated by commas")),
        };
    }
    if attrs.is_empty() {
        return Err(syntax(arg, "an item needs at least one attribute"));
    }
    Ok(attrs)
}

fn write_item(out: &mut fmt::Formatter<'_>, attrs: &[(String, String)]) -> fmt::Result {
    out.write_str("[")?;
    for (i, (name, value)) in attrs.iter().enumerate() {
        if i > 0 {
            out.write_str(",")?;
        }
        write!(out, "{name}='{}'", value.replace('\'', "''"))?;
    }
    out.write_str("]")
}

impl Setting {
    /// Parses one command-line argument.
    pub fn parse(arg: &str) -> Result<Setting, ModelError> {
        if let Some(rest) = arg.strip_prefix('+') {
            let (collection, item) = rest
                .split_once(".[")
                .ok_or_else(|| syntax(arg, "expected +collection.[attribute='value',…]"))?;
            return Ok(Setting::AddItem {
                collection: collection.to_owned(),
                attrs: parse_item(arg, &format!("[{item}"))?,
            });
        }
        if let Some(rest) = arg.strip_prefix('-') {
            return match rest.split_once(".[") {
                Some((collection, item)) => Ok(Setting::RemoveItem {
                    collection: collection.to_owned(),
                    keys: parse_item(arg, &format!("[{item}"))?,
                }),
                None if !rest.is_empty() && !rest.contains('=') => Ok(Setting::Reset {
                    key: rest.to_owned(),
                }),
                None => Err(syntax(arg, "expected -key or -collection.[key='value']")),
            };
        }
        match arg.split_once('=') {
            Some((key, value)) if !key.trim().is_empty() => Ok(Setting::Set {
                key: key.trim().to_owned(),
                value: value.to_owned(),
            }),
            _ => Err(syntax(
                arg,
                "expected key=value, -key, +collection.[…] or -collection.[…]",
            )),
        }
    }
}

/// The argument as `set` takes it (shell quoting is the caller's).
impl fmt::Display for Setting {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Setting::Set { key, value } => write!(out, "{key}={value}"),
            Setting::Reset { key } => write!(out, "-{key}"),
            Setting::AddItem { collection, attrs } => {
                write!(out, "+{collection}.")?;
                write_item(out, attrs)
            }
            Setting::RemoveItem { collection, keys } => {
                write!(out, "-{collection}.")?;
                write_item(out, keys)
            }
        }
    }
}

/// Applies settings in order to one object (all or nothing).
pub fn apply_settings(
    doc: &mut Document,
    schema: &SchemaSet,
    target: &Target,
    settings: &[Setting],
) -> Result<Change, ModelError> {
    apply_settings_with(doc, schema, target, settings, SetOptions::default())
}

/// [`apply_settings`] with `set`'s options (`--force` writes a pool that does not exist).
pub fn apply_settings_with(
    doc: &mut Document,
    schema: &SchemaSet,
    target: &Target,
    settings: &[Setting],
    options: SetOptions,
) -> Result<Change, ModelError> {
    Change::record(doc, |doc, change| {
        let broken_before = pool_start_problem(AppHost::new(doc, schema), target).is_some();
        let mut target = target.clone();
        for setting in settings {
            match setting {
                Setting::Set { key, value } => {
                    change.extend(set_keys_with(
                        doc,
                        schema,
                        &target,
                        &[(key.clone(), value.clone())],
                        options,
                    )?);
                    target = target.renamed(key, value);
                }
                Setting::Reset { key } => reset(doc, schema, &target, key, change)?,
                Setting::AddItem { collection, attrs } => {
                    add_item(doc, schema, &target, collection, attrs, change)?
                }
                Setting::RemoveItem { collection, keys } => {
                    remove_item(doc, schema, &target, collection, keys, change)?
                }
            }
        }
        // IIS Manager lets a user name follow: warned, not refused.
        if !broken_before {
            change
                .warnings
                .extend(pool_start_problem(AppHost::new(doc, schema), &target));
        }
        Ok(())
    })
}

fn reset(
    doc: &mut Document,
    schema: &SchemaSet,
    target: &Target,
    key: &str,
    change: &mut Change,
) -> Result<(), ModelError> {
    let resolver = target.resolver(AppHost::new(doc, schema))?;
    let (path, attr) = resolver.attribute(key)?;
    let object = resolver.object.to_string();
    if attr.required || attr.is_unique_key || attr.is_combined_key {
        return Err(ModelError::InvalidValue {
            key: key.to_owned(),
            value: String::new(),
            why: String::from("identifies the object and cannot be reset"),
        });
    }
    let element = doc.descend(resolver.node, &path);
    let Some(element) = element.filter(|e| doc.attr(*e, &attr.name).is_some()) else {
        change.note(format!("{object}: {key} is not set here; nothing to reset"));
        return Ok(());
    };
    let attr_name = attr.name.clone();
    let secret = attr.encrypted;
    let node = resolver.node;
    let patch = doc.plan_remove_attribute(element, &attr_name)?;
    change.apply(doc, patch)?;
    // An element of the path left with nothing in it goes too (as IIS leaves the file).
    if element != node && doc.attrs(element).len() == 0 && doc.elements(element).next().is_none() {
        change.remove(doc, element)?;
    }
    let resolver = target.resolver(AppHost::new(doc, schema))?;
    let (now, _, origin) = resolver.peek(key)?;
    let now = now.map_or_else(
        || String::from("not set"),
        |v| super::ops_set::shown_value(secret, &v).to_owned(),
    );
    change.note(format!("{object}: reset {key} (now {now}, {origin})"));
    Ok(())
}

/// The collection element's schema and its path below the object.
fn collection_at<'a>(
    resolver: &Resolver<'a>,
    collection: &str,
) -> Result<(Vec<&'a str>, &'a CollectionSchema), ModelError> {
    let parts: Vec<&str> = collection.split('.').collect();
    let mut schema = resolver.item;
    let mut path = Vec::new();
    for name in &parts {
        let child = schema
            .element(name)
            .ok_or_else(|| unknown_collection(resolver, collection))?;
        path.push(child.name.as_str());
        schema = child;
    }
    let found = schema
        .collection
        .as_deref()
        .ok_or_else(|| unknown_collection(resolver, collection))?;
    Ok((path, found))
}

fn unknown_collection(resolver: &Resolver<'_>, collection: &str) -> ModelError {
    ModelError::UnknownKey {
        key: collection.to_owned(),
        object: resolver.object.to_string(),
        suggestions: Vec::new(),
    }
}

/// Whether an item element matches key values (by the schema's case rules).
fn matches(
    doc: &Document,
    item: NodeId,
    schema: &CollectionSchema,
    keys: &[(String, String)],
) -> bool {
    keys.iter().all(|(name, wanted)| {
        let case_sensitive = schema
            .item
            .attribute(name)
            .is_some_and(|a| a.case_sensitive);
        doc.attr_value(item, name).is_some_and(|v| {
            if case_sensitive {
                v == wanted.as_str()
            } else {
                v.eq_ignore_ascii_case(wanted)
            }
        })
    })
}

fn describe(attrs: &[(String, String)]) -> String {
    attrs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn add_item(
    doc: &mut Document,
    schema: &SchemaSet,
    target: &Target,
    collection: &str,
    attrs: &[(String, String)],
    change: &mut Change,
) -> Result<(), ModelError> {
    let resolver = target.resolver(AppHost::new(doc, schema))?;
    let (path, coll) = collection_at(&resolver, collection)?;
    let object = resolver.object.to_string();
    let mut written = Vec::new();
    for (name, value) in attrs {
        let attr = coll
            .item
            .attribute(name)
            .ok_or_else(|| ModelError::UnknownKey {
                key: format!("{collection}.[{name}]"),
                object: object.clone(),
                suggestions: coll
                    .item
                    .attributes
                    .iter()
                    .map(|a| a.name.clone())
                    .collect(),
            })?;
        let canonical = attr
            .canonical(value)
            .map_err(|why| ModelError::InvalidValue {
                key: format!("{collection}.[{name}]"),
                value: value.clone(),
                why,
            })?;
        written.push((attr.name.clone(), canonical));
    }
    if let Some(missing) = coll
        .item
        .attributes
        .iter()
        .find(|a| a.required && !written.iter().any(|(n, _)| *n == a.name))
    {
        return Err(ModelError::InvalidValue {
            key: format!("{collection}.[{}]", missing.name),
            value: String::new(),
            why: String::from("is required"),
        });
    }
    let keys: Vec<(String, String)> = coll
        .key_attributes()
        .iter()
        .filter_map(|k| written.iter().find(|(n, _)| *n == k.name).cloned())
        .collect();
    let node = resolver.node;
    let add_name = coll
        .add_elements
        .first()
        .cloned()
        .unwrap_or_else(|| String::from("add"));
    if let Some(parent) = doc.descend(node, &path) {
        let taken = doc
            .elements(parent)
            .any(|e| coll.is_add(doc.name(e)) && !keys.is_empty() && matches(doc, e, coll, &keys));
        if taken && !coll.allow_duplicates {
            return Err(ModelError::Duplicate {
                kind: "collection item",
                name: format!("{collection}.[{}]", describe(&keys)),
                existing: None,
            });
        }
    }
    let mut item = NewElement::new(add_name.as_str());
    for (name, value) in &written {
        item = item.attr(name.as_str(), value.as_str());
    }
    // Create the missing elements of the path, outermost first.
    let mut parent = node;
    for (depth, name) in path.iter().enumerate() {
        match doc.child(parent, name) {
            Some(child) => parent = child,
            None => {
                let mut element = NewElement::new(path[path.len() - 1]).child(item);
                for outer in path[depth..path.len() - 1].iter().rev() {
                    element = NewElement::new(*outer).child(element);
                }
                let count = doc.elements(parent).count();
                let patch = doc.plan_insert_element(parent, count, &element)?;
                change.apply(doc, patch)?;
                change.note(format!(
                    "{object}: added {collection} item {}",
                    describe(&written)
                ));
                return Ok(());
            }
        }
    }
    let count = doc.elements(parent).count();
    let patch = doc.plan_insert_element(parent, count, &item)?;
    change.apply(doc, patch)?;
    change.note(format!(
        "{object}: added {collection} item {}",
        describe(&written)
    ));
    Ok(())
}

fn remove_item(
    doc: &mut Document,
    schema: &SchemaSet,
    target: &Target,
    collection: &str,
    keys: &[(String, String)],
    change: &mut Change,
) -> Result<(), ModelError> {
    let resolver = target.resolver(AppHost::new(doc, schema))?;
    let (path, coll) = collection_at(&resolver, collection)?;
    let object = resolver.object.to_string();
    let found = doc.descend(resolver.node, &path).and_then(|parent| {
        doc.elements(parent)
            .find(|e| coll.is_add(doc.name(*e)) && matches(doc, *e, coll, keys))
    });
    let Some(item) = found else {
        return Err(ModelError::NotFound {
            kind: "collection item",
            name: format!("{collection}.[{}] on {object}", describe(keys)),
            suggestions: Vec::new(),
        });
    };
    let parent = doc.parent(item);
    change.remove(doc, item)?;
    // A collection element left empty goes too.
    if let Some(parent) = parent.filter(|p| *p != resolver_node(doc, schema, target)) {
        if doc.attrs(parent).len() == 0 && doc.elements(parent).next().is_none() {
            change.remove(doc, parent)?;
        }
    }
    change.note(format!(
        "{object}: removed {collection} item {}",
        describe(keys)
    ));
    Ok(())
}

fn resolver_node(doc: &Document, schema: &SchemaSet, target: &Target) -> NodeId {
    target
        .resolver(AppHost::new(doc, schema))
        .map(|r| r.node)
        .unwrap_or_else(|_| doc.root())
}

/// One item of a collection as an object sees it: its attributes and where it is written
/// (`None`: on the object itself; `Some(label)`: inherited from that defaults element).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectionItem {
    pub attrs: Vec<(String, String)>,
    pub inherited_from: Option<String>,
}

/// The items of a collection on an object: its own, then those of its defaults elements
/// (until a `<clear/>`), as IIS merges them.
pub fn collection_items(
    doc: &Document,
    schema: &SchemaSet,
    target: &Target,
    collection: &str,
) -> Result<Vec<CollectionItem>, ModelError> {
    let resolver = target.resolver(AppHost::new(doc, schema))?;
    let (path, coll) = collection_at(&resolver, collection)?;
    let read = |node: NodeId, from: Option<String>, out: &mut Vec<CollectionItem>| -> bool {
        let Some(parent) = doc.descend(node, &path) else {
            return false;
        };
        let mut cleared = false;
        let mut own = Vec::new();
        for element in doc.elements(parent) {
            let name = doc.name(element);
            if coll.is_add(name) {
                own.push(CollectionItem {
                    attrs: doc
                        .attrs(element)
                        .map(|a| (a.name().to_owned(), a.value().into_owned()))
                        .collect(),
                    inherited_from: from.clone(),
                });
            } else if coll.clear_element.as_deref() == Some(name) {
                cleared = true;
                own.clear();
            }
        }
        out.extend(own);
        cleared
    };
    let mut items = Vec::new();
    if read(resolver.node, None, &mut items) {
        return Ok(items);
    }
    for (defaults, label) in resolver.object.defaults_chain() {
        let mut inherited = Vec::new();
        let cleared = read(defaults, Some(label), &mut inherited);
        // Inherited items come first, as IIS merges them; own items override by key.
        let keys: Vec<String> = coll
            .key_attributes()
            .iter()
            .map(|a| a.name.clone())
            .collect();
        inherited.retain(|i| {
            !items.iter().any(|own: &CollectionItem| {
                !keys.is_empty()
                    && keys.iter().all(|k| {
                        own.attrs
                            .iter()
                            .find(|(n, _)| n == k)
                            .map(|(_, v)| v.to_lowercase())
                            == i.attrs
                                .iter()
                                .find(|(n, _)| n == k)
                                .map(|(_, v)| v.to_lowercase())
                    })
            })
        });
        inherited.append(&mut items);
        items = inherited;
        if cleared {
            break;
        }
    }
    Ok(items)
}

#[cfg(test)]
mod tests;
