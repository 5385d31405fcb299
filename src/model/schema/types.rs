//! The schema's shapes: sections, elements, collections and attributes with their types,
//! defaults, key markers and validators, as IIS schema files describe them.

use super::validator::Validator;

/// The declared type of an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrType {
    Bool,
    Enum,
    Flags,
    Int,
    Uint,
    Int64,
    String,
    TimeSpan,
}

impl AttrType {
    pub fn parse(name: &str) -> Option<AttrType> {
        Some(match name {
            "bool" => AttrType::Bool,
            "enum" => AttrType::Enum,
            "flags" => AttrType::Flags,
            "int" => AttrType::Int,
            "uint" => AttrType::Uint,
            "int64" => AttrType::Int64,
            "string" => AttrType::String,
            "timeSpan" => AttrType::TimeSpan,
            _ => return None,
        })
    }

    pub fn label(&self) -> &'static str {
        match self {
            AttrType::Bool => "bool",
            AttrType::Enum => "enum",
            AttrType::Flags => "flags",
            AttrType::Int => "int",
            AttrType::Uint => "uint",
            AttrType::Int64 => "int64",
            AttrType::String => "string",
            AttrType::TimeSpan => "timeSpan",
        }
    }
}

/// How a timeSpan attribute is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimeSpanFormat {
    /// `[d.]hh:mm:ss[.fffffff]`
    #[default]
    String,
    Seconds,
    Minutes,
}

/// One attribute's schema.
#[derive(Debug, Clone, PartialEq)]
pub struct AttributeSchema {
    pub name: String,
    pub ty: AttrType,
    pub default: Option<String>,
    pub required: bool,
    pub is_unique_key: bool,
    pub is_combined_key: bool,
    pub encrypted: bool,
    pub case_sensitive: bool,
    pub allow_infinite: bool,
    pub expanded: bool,
    pub time_span_format: TimeSpanFormat,
    pub validator: Option<Validator>,
    /// Enum or flag names with their numeric values, in schema order.
    pub choices: Vec<(String, u64)>,
}

impl AttributeSchema {
    pub fn new(name: &str, ty: AttrType) -> Self {
        AttributeSchema {
            name: name.to_owned(),
            ty,
            default: None,
            required: false,
            is_unique_key: false,
            is_combined_key: false,
            encrypted: false,
            case_sensitive: false,
            allow_infinite: false,
            expanded: false,
            time_span_format: TimeSpanFormat::String,
            validator: None,
            choices: Vec::new(),
        }
    }
}

/// An element (or a section, or a collection item): attributes, child elements and at most one
/// collection.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ElementSchema {
    pub name: String,
    pub attributes: Vec<AttributeSchema>,
    pub elements: Vec<ElementSchema>,
    pub collection: Option<Box<CollectionSchema>>,
    pub allow_unrecognized_attributes: bool,
    pub is_collection_default: bool,
}

impl ElementSchema {
    pub fn attribute(&self, name: &str) -> Option<&AttributeSchema> {
        self.attributes.iter().find(|a| a.name == name)
    }

    pub fn element(&self, name: &str) -> Option<&ElementSchema> {
        self.elements.iter().find(|e| e.name == name)
    }

    /// Follows a dotted path of child element names (`processModel`, `recycling.periodicRestart`).
    pub fn element_path(&self, path: &[&str]) -> Option<&ElementSchema> {
        path.iter()
            .try_fold(self, |schema, name| schema.element(name))
    }

    /// Every attribute key reachable through child elements (not collections), dotted.
    pub fn keys(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_keys("", &mut out);
        out
    }

    fn collect_keys(&self, prefix: &str, out: &mut Vec<String>) {
        for attr in &self.attributes {
            out.push(format!("{prefix}{}", attr.name));
        }
        for element in &self.elements {
            if element.collection.is_none() || !element.attributes.is_empty() {
                element.collect_keys(&format!("{prefix}{}.", element.name), out);
            }
        }
    }

    /// Merges another definition of the same element (a schema extension file) into this one.
    pub fn merge(&mut self, other: ElementSchema) {
        for attr in other.attributes {
            if self.attribute(&attr.name).is_none() {
                self.attributes.push(attr);
            }
        }
        for element in other.elements {
            match self.elements.iter_mut().find(|e| e.name == element.name) {
                Some(mine) => mine.merge(element),
                None => self.elements.push(element),
            }
        }
        match (&mut self.collection, other.collection) {
            (Some(mine), Some(theirs)) => mine.item.merge(theirs.item),
            (mine @ None, theirs) => *mine = theirs,
            _ => {}
        }
        self.allow_unrecognized_attributes |= other.allow_unrecognized_attributes;
    }
}

/// A collection: which element names add, remove and clear items, and the item's schema.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CollectionSchema {
    pub add_elements: Vec<String>,
    pub remove_element: Option<String>,
    pub clear_element: Option<String>,
    pub default_element: Option<String>,
    pub merge_append: bool,
    pub allow_duplicates: bool,
    pub item: ElementSchema,
}

impl CollectionSchema {
    pub fn is_add(&self, name: &str) -> bool {
        self.add_elements.iter().any(|a| a == name)
    }

    /// The attributes that identify an item: unique keys, or else the combined key.
    pub fn key_attributes(&self) -> Vec<&AttributeSchema> {
        self.item
            .attributes
            .iter()
            .filter(|a| a.is_unique_key || a.is_combined_key)
            .collect()
    }
}
