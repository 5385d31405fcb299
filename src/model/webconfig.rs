//! The per-application web.config view: the ASP.NET Core Module's `<aspNetCore>` element (found
//! directly under `system.webServer` or inside a `<location>`), with effective values from the
//! schema, its environment variables and handler settings. `location_wrap` keeps a
//! web.config's handlers from its sub-applications.

pub mod location_wrap;

use std::borrow::Cow;

use crate::model::apphost::{Effective, ModelError, ObjectLabel, Resolver};
use crate::model::doc::{Document, NodeId};
use crate::model::schema::SchemaSet;

/// Section name of the ASP.NET Core Module configuration.
pub const ASPNETCORE_SECTION: &str = "system.webServer/aspNetCore";

/// A view of one `<aspNetCore>` element.
#[derive(Clone, Copy)]
pub struct AspNetCore<'a> {
    pub doc: &'a Document,
    pub schema: &'a SchemaSet,
    pub node: NodeId,
}

/// Finds the `<aspNetCore>` element of a web.config (first one, as IIS reads it).
pub fn find_aspnetcore<'a>(doc: &'a Document, schema: &'a SchemaSet) -> Option<AspNetCore<'a>> {
    let root = doc.root();
    let direct = doc.descend(root, &["system.webServer", "aspNetCore"]);
    let in_location = || {
        doc.elements_named(root, "location")
            .find_map(|l| doc.descend(l, &["system.webServer", "aspNetCore"]))
    };
    direct
        .or_else(in_location)
        .map(|node| AspNetCore { doc, schema, node })
}

impl<'a> AspNetCore<'a> {
    pub fn resolver(&self) -> Result<Resolver<'a>, ModelError> {
        let item = self.schema.section(ASPNETCORE_SECTION).ok_or_else(|| {
            ModelError::MissingSection(format!("{ASPNETCORE_SECTION} in the schema"))
        })?;
        Ok(Resolver {
            doc: self.doc,
            item,
            node: self.node,
            object: ObjectLabel::Section("aspNetCore"),
        })
    }

    pub fn get(&self, key: &str) -> Result<Effective, ModelError> {
        self.resolver()?.get(key)
    }

    fn text(&self, key: &str) -> String {
        self.get(key).ok().and_then(|e| e.value).unwrap_or_default()
    }

    pub fn process_path(&self) -> String {
        self.text("processPath")
    }

    pub fn arguments(&self) -> String {
        self.text("arguments")
    }

    /// `InProcess` or `OutOfProcess` (the module's default when absent).
    pub fn hosting_model(&self) -> String {
        self.text("hostingModel")
    }

    pub fn is_in_process(&self) -> bool {
        self.hosting_model().eq_ignore_ascii_case("inprocess")
    }

    pub fn stdout_log_enabled(&self) -> bool {
        self.text("stdoutLogEnabled").eq_ignore_ascii_case("true")
    }

    /// The stdout log path prefix (`.\logs\stdout`); the module appends `_<date>_<pid>.log`.
    pub fn stdout_log_file(&self) -> String {
        self.text("stdoutLogFile")
    }

    fn pairs(&self, list: &str, item: &str) -> Vec<(Cow<'a, str>, Cow<'a, str>)> {
        let Some(parent) = self.doc.child(self.node, list) else {
            return Vec::new();
        };
        self.doc
            .elements_named(parent, item)
            .map(|n| {
                (
                    self.doc.attr_value(n, "name").unwrap_or_default(),
                    self.doc.attr_value(n, "value").unwrap_or_default(),
                )
            })
            .collect()
    }

    pub fn environment_variables(&self) -> Vec<(Cow<'a, str>, Cow<'a, str>)> {
        self.pairs("environmentVariables", "environmentVariable")
    }

    pub fn handler_settings(&self) -> Vec<(Cow<'a, str>, Cow<'a, str>)> {
        self.pairs("handlerSettings", "handlerSetting")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_aspnetcore_inside_a_location() {
        let text = r#"<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <location path="." inheritInChildApplications="false">
    <system.webServer>
      <aspNetCore processPath="dotnet" arguments=".\Shop.dll" stdoutLogEnabled="true" stdoutLogFile=".\logs\stdout" hostingModel="inprocess">
        <environmentVariables>
          <environmentVariable name="ASPNETCORE_ENVIRONMENT" value="Production" />
        </environmentVariables>
      </aspNetCore>
    </system.webServer>
  </location>
</configuration>"#;
        let doc = Document::parse_str(text).expect("parses");
        let schema = SchemaSet::bundled();
        let ancm = find_aspnetcore(&doc, &schema).expect("found");
        assert_eq!(ancm.process_path(), "dotnet");
        assert!(ancm.is_in_process() && ancm.stdout_log_enabled());
        assert_eq!(ancm.stdout_log_file(), ".\\logs\\stdout");
        assert_eq!(ancm.get("startupTimeLimit").expect("key").text(), "120");
        assert_eq!(
            ancm.environment_variables(),
            vec![(Cow::from("ASPNETCORE_ENVIRONMENT"), Cow::from("Production"))]
        );
    }
}
