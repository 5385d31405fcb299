//! The bundled system.webServer and URL Rewrite schema files, written from Microsoft's
//! documentation, agree with the real schema files of the shared corpus (IIS_schema.xml and
//! rewrite_schema.xml from public repositories) on every section both describe: the same
//! attributes with the same type, default, keys, requirement, validator and choices, the same
//! child elements and collections. Where a module added attributes after the corpus copy was
//! written, the bundled file may have more; those are listed here.

mod common;

use iistui::model::schema::{AttributeSchema, ElementSchema, SchemaSet};

/// Attributes newer than the corpus's schema files: URL Rewrite 2.1 added
/// `useOriginalURLEncoding` to `<rules>` (the corpus has the 2.0 schema).
const NEWER_THAN_CORPUS: &[&str] = &["system.webServer/rewrite/rules/@useOriginalURLEncoding"];

/// The bundled files checked here.
const FILES: &[&str] = &[
    "assets/schema/webServer_schema.xml",
    "assets/schema/rewrite_schema.xml",
];

fn describe(attr: &AttributeSchema) -> String {
    let mut choices: Vec<String> = attr
        .choices
        .iter()
        .map(|(n, v)| format!("{n}={v}"))
        .collect();
    choices.sort();
    format!(
        "{} default={:?} required={} unique={} combined={} encrypted={} validator={:?} choices=[{}]",
        attr.ty.label(),
        attr.default.as_deref().unwrap_or(""),
        attr.required,
        attr.is_unique_key,
        attr.is_combined_key,
        attr.encrypted,
        attr.validator,
        choices.join(" ")
    )
}

fn compare(place: &str, mine: &ElementSchema, real: &ElementSchema, out: &mut Vec<String>) {
    for attr in &real.attributes {
        match mine.attribute(&attr.name) {
            None => out.push(format!(
                "{place}/@{}: missing ({})",
                attr.name,
                describe(attr)
            )),
            Some(m) if describe(m) != describe(attr) => out.push(format!(
                "{place}/@{}:\n    mine {}\n    real {}",
                attr.name,
                describe(m),
                describe(attr)
            )),
            Some(_) => {}
        }
    }
    for attr in &mine.attributes {
        let here = format!("{place}/@{}", attr.name);
        if real.attribute(&attr.name).is_none() && !NEWER_THAN_CORPUS.contains(&here.as_str()) {
            out.push(format!("{here}: not in the real schema"));
        }
    }
    for element in &real.elements {
        match mine.element(&element.name) {
            None => out.push(format!("{place}/{}: element missing", element.name)),
            Some(m) => compare(&format!("{place}/{}", element.name), m, element, out),
        }
    }
    for element in &mine.elements {
        if real.element(&element.name).is_none() {
            out.push(format!(
                "{place}/{}: element not in the real schema",
                element.name
            ));
        }
    }
    match (&mine.collection, &real.collection) {
        (Some(m), Some(r)) => {
            let shape = |c: &iistui::model::schema::CollectionSchema| {
                format!(
                    "add={:?} remove={:?} clear={:?} duplicates={}",
                    c.add_elements, c.remove_element, c.clear_element, c.allow_duplicates
                )
            };
            if shape(m) != shape(r) {
                out.push(format!(
                    "{place}: collection\n    mine {}\n    real {}",
                    shape(m),
                    shape(r)
                ));
            }
            compare(&format!("{place}/[{}]", r.item.name), &m.item, &r.item, out);
        }
        (None, Some(_)) => out.push(format!("{place}: collection missing")),
        (Some(_), None) => out.push(format!("{place}: collection not in the real schema")),
        (None, None) => {}
    }
}

#[test]
fn bundled_sections_agree_with_the_real_schema_files() {
    let mut real = SchemaSet::new();
    for file in common::corpus_files("schema") {
        real.load_file(&file).unwrap_or_else(|e| panic!("{e}"));
    }
    if real.is_empty() {
        return;
    }
    let mut bundled = SchemaSet::new();
    for file in FILES {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
        bundled.load_file(&path).unwrap_or_else(|e| panic!("{e}"));
    }
    let all = SchemaSet::bundled();
    assert!(
        bundled
            .section_names()
            .all(|name| all.section(name).is_some()),
        "the files are compiled into the bundled schema"
    );
    let mut names: Vec<&str> = bundled.section_names().collect();
    names.sort();
    let mut differences = Vec::new();
    let mut compared = 0;
    for name in names {
        let (Some(mine), Some(theirs)) = (bundled.section(name), real.section(name)) else {
            continue;
        };
        compared += 1;
        compare(name, mine, theirs, &mut differences);
    }
    assert_eq!(
        compared,
        bundled.len(),
        "every bundled section has a real counterpart"
    );
    assert!(
        differences.is_empty(),
        "{} differences:\n{}",
        differences.len(),
        differences.join("\n")
    );
}
