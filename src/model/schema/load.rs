//! Reads IIS schema files (`<configSchema><sectionSchema …>`) into [`ElementSchema`] trees,
//! using the lossless document so every error points at FILE:LINE:COL. Parts of the format this
//! tool has no use for (`method`, `inputElement`, …) are skipped, never refused.

use crate::model::doc::{Document, NodeId, ParseError};

use super::types::{AttrType, AttributeSchema, CollectionSchema, ElementSchema, TimeSpanFormat};
use super::validator::Validator;

/// Parses one schema file's text into `(section name, schema)` pairs.
pub(crate) fn parse_schema(text: &str) -> Result<Vec<(String, ElementSchema)>, ParseError> {
    let doc = Document::parse(text.as_bytes().to_vec())?;
    let root = doc.root();
    if doc.name(root) != "configSchema" {
        return Err(ParseError::new(
            doc.node_location(root),
            format!(
                "expected <configSchema> as the root element, found <{}>",
                doc.name(root)
            ),
        ));
    }
    let mut sections = Vec::new();
    for node in doc.elements_named(root, "sectionSchema") {
        let name = required(&doc, node, "name")?;
        let mut schema = element_body(&doc, node)?;
        schema.name = name.rsplit('/').next().unwrap_or(&name).to_owned();
        sections.push((name, schema));
    }
    Ok(sections)
}

fn error(doc: &Document, node: NodeId, message: String) -> ParseError {
    ParseError::new(doc.node_location(node), message)
}

fn required(doc: &Document, node: NodeId, attr: &str) -> Result<String, ParseError> {
    match doc.attr_value(node, attr) {
        Some(v) if !v.is_empty() => Ok(v.into_owned()),
        _ => Err(error(
            doc,
            node,
            format!("<{}> needs a {attr}=\"…\" attribute", doc.name(node)),
        )),
    }
}

fn flag(doc: &Document, node: NodeId, attr: &str) -> bool {
    doc.attr_value(node, attr)
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
}

fn element_body(doc: &Document, node: NodeId) -> Result<ElementSchema, ParseError> {
    let mut schema = ElementSchema {
        name: doc
            .attr_value(node, "name")
            .map(|n| n.into_owned())
            .unwrap_or_default(),
        allow_unrecognized_attributes: flag(doc, node, "allowUnrecognizedAttributes"),
        is_collection_default: flag(doc, node, "isCollectionDefault"),
        ..ElementSchema::default()
    };
    for child in doc.elements(node) {
        match doc.name(child) {
            "attribute" => {
                let attr = attribute(doc, child)?;
                if schema.attribute(&attr.name).is_none() {
                    schema.attributes.push(attr);
                }
            }
            "element" => {
                let element = element_body(doc, child)?;
                if element.name.is_empty() {
                    return Err(error(
                        doc,
                        child,
                        String::from("<element> needs a name=\"…\" attribute"),
                    ));
                }
                match schema.elements.iter_mut().find(|e| e.name == element.name) {
                    Some(existing) => existing.merge(element),
                    None => schema.elements.push(element),
                }
            }
            "collection" => schema.collection = Some(Box::new(collection(doc, child)?)),
            _ => {}
        }
    }
    Ok(schema)
}

fn collection(doc: &Document, node: NodeId) -> Result<CollectionSchema, ParseError> {
    let add = required(doc, node, "addElement")?;
    let optional = |attr: &str| {
        doc.attr_value(node, attr)
            .map(|v| v.into_owned())
            .filter(|v| !v.is_empty())
    };
    let mut item = element_body(doc, node)?;
    item.allow_unrecognized_attributes = flag(doc, node, "allowUnrecognizedAttributes");
    item.name = add.split(',').next().unwrap_or_default().trim().to_owned();
    Ok(CollectionSchema {
        add_elements: add
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
        remove_element: optional("removeElement"),
        clear_element: optional("clearElement"),
        default_element: optional("defaultElement"),
        merge_append: doc
            .attr_value(node, "mergeAppend")
            .is_none_or(|v| !v.eq_ignore_ascii_case("false")),
        allow_duplicates: flag(doc, node, "allowDuplicates"),
        item,
    })
}

fn attribute(doc: &Document, node: NodeId) -> Result<AttributeSchema, ParseError> {
    let name = required(doc, node, "name")?;
    let type_name = required(doc, node, "type")?;
    let ty = AttrType::parse(&type_name).ok_or_else(|| {
        error(doc, node, format!("attribute '{name}' has unknown type \"{type_name}\" (expected bool, enum, flags, int, uint, int64, string or timeSpan)"))
    })?;
    let mut attr = AttributeSchema::new(&name, ty);
    attr.default = doc.attr_value(node, "defaultValue").map(|v| v.into_owned());
    attr.required = flag(doc, node, "required");
    attr.is_unique_key = flag(doc, node, "isUniqueKey");
    attr.is_combined_key = flag(doc, node, "isCombinedKey");
    attr.encrypted = flag(doc, node, "encrypted");
    attr.case_sensitive = flag(doc, node, "caseSensitive");
    attr.allow_infinite = flag(doc, node, "allowInfinite");
    attr.expanded = flag(doc, node, "expanded");
    attr.time_span_format = match doc.attr_value(node, "timeSpanFormat").as_deref() {
        Some("seconds") => TimeSpanFormat::Seconds,
        Some("minutes") => TimeSpanFormat::Minutes,
        _ => TimeSpanFormat::String,
    };
    let kind = doc.attr_value(node, "validationType");
    let parameter = doc.attr_value(node, "validationParameter");
    attr.validator = Validator::parse(kind.as_deref().unwrap_or(""), parameter.as_deref())
        .map_err(|msg| error(doc, node, format!("attribute '{name}': {msg}")))?;
    for choice in doc
        .elements(node)
        .filter(|c| matches!(doc.name(*c), "enum" | "flag"))
    {
        let choice_name = required(doc, choice, "name")?;
        let raw = required(doc, choice, "value")?;
        let value = parse_number(&raw).ok_or_else(|| {
            error(
                doc,
                choice,
                format!(
                    "{} '{choice_name}' has a non-numeric value \"{raw}\"",
                    doc.name(choice)
                ),
            )
        })?;
        attr.choices.push((choice_name, value));
    }
    Ok(attr)
}

fn parse_number(raw: &str) -> Option<u64> {
    let raw = raw.trim();
    match raw.strip_prefix("0x").or_else(|| raw.strip_prefix("0X")) {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => raw.parse::<i128>().ok().map(|n| n as u64),
    }
}
