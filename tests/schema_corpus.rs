//! Every schema file in the shared corpus loads, alone and all together, and the bundled schema
//! knows the sections and defaults the model relies on.

mod common;

use iistui::model::schema::{AttrType, SchemaSet, Validator};
use std::path::Path;

#[test]
fn corpus_schema_files_load_alone_and_together() {
    let files = common::corpus_files("schema");
    let mut all = SchemaSet::new();
    for file in &files {
        let mut alone = SchemaSet::new();
        alone.load_file(file).unwrap_or_else(|e| panic!("{e}"));
        assert!(!alone.is_empty(), "{} has no sections", file.display());
        all.load_file(file).unwrap_or_else(|e| panic!("{e}"));
    }
    if let Some(dir) = common::corpus_dir() {
        let mut from_dir = SchemaSet::new();
        let count = from_dir.load_dir(&dir.join("schema")).expect("dir loads");
        assert_eq!(count, files.len());
        assert_eq!(from_dir.len(), all.len());
        // IIS_schema.xml defines sites; rscaext.xml extends its binding items with certificateHash.
        let sites = all.section("system.applicationHost/sites").expect("sites");
        let binding = sites
            .collection
            .as_ref()
            .expect("site collection")
            .item
            .element("bindings")
            .and_then(|b| b.collection.as_ref())
            .expect("bindings");
        assert!(
            binding.item.attribute("certificateHash").is_some(),
            "extension merged"
        );
        assert!(all.section("system.webServer/aspNetCore").is_some());
        assert!(all.len() > 100, "{} sections", all.len());
    }
}

#[test]
fn bundled_schema_covers_sites_pools_and_ancm() {
    let set = SchemaSet::bundled();
    let sites = set.section("system.applicationHost/sites").expect("sites");
    let site = &sites.collection.as_ref().expect("collection").item;
    for key in [
        "limits.connectionTimeout",
        "logFile.directory",
        "traceFailedRequestsLogging.enabled",
        "hsts.max-age",
        "bindings",
    ] {
        let parts: Vec<&str> = key.split('.').collect();
        let element = site.element_path(&parts[..parts.len() - 1]).expect(key);
        assert!(
            element.attribute(parts[parts.len() - 1]).is_some()
                || element.element(parts[parts.len() - 1]).is_some(),
            "{key}"
        );
    }
    for name in [
        "siteDefaults",
        "applicationDefaults",
        "virtualDirectoryDefaults",
    ] {
        assert!(sites.element(name).is_some(), "{name}");
    }
    let pools = set
        .section("system.applicationHost/applicationPools")
        .expect("pools");
    let pool = &pools.collection.as_ref().expect("collection").item;
    let idle = pool
        .element_path(&["processModel"])
        .and_then(|p| p.attribute("idleTimeout"))
        .expect("idleTimeout");
    assert_eq!(
        (idle.ty, idle.default.as_deref()),
        (AttrType::TimeSpan, Some("00:20:00"))
    );
    assert!(matches!(
        pool.attribute("name").and_then(|a| a.validator.clone()),
        Some(Validator::ApplicationPoolName)
    ));
    for element in ["recycling", "failure", "cpu"] {
        assert!(pool.element(element).is_some(), "{element}");
    }
    let ancm = set
        .section("system.webServer/aspNetCore")
        .expect("aspNetCore");
    assert!(
        ancm.element("environmentVariables").is_some() && ancm.element("handlerSettings").is_some()
    );
    assert_eq!(
        ancm.attribute("stdoutLogFile")
            .and_then(|a| a.default.as_deref()),
        Some(".\\aspnetcore-stdout")
    );
}

#[test]
fn schema_errors_name_file_line_and_column() {
    let mut set = SchemaSet::new();
    let err = set
        .load_str("<configSchema>\n  <sectionSchema name=\"x/y\">\n    <attribute name=\"a\" type=\"float\" />\n  </sectionSchema>\n</configSchema>", Path::new("bad.xml"))
        .expect_err("unknown type");
    assert_eq!(
        err.to_string(),
        "bad.xml:3:5: attribute 'a' has unknown type \"float\" (expected bool, enum, flags, int, uint, int64, string or timeSpan)"
    );
}
