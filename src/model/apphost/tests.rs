//! Table tests of the IIS semantics the model enforces (Microsoft.Web.Administration and IIS
//! Manager behaviour), on a small CRLF fixture.

use super::*;
use crate::model::doc::Document;
use crate::model::schema::SchemaSet;

/// A model operation under test.
type Op<'a> = Box<dyn Fn(&mut Document) -> Result<Change, ModelError> + 'a>;

const FIXTURE: &str = include_str!("../../../tests/fixtures/apphost_small.config");

fn doc() -> Document {
    Document::parse_str(FIXTURE).expect("fixture parses")
}

fn new_site(name: &str, binding: &str) -> NewSite {
    NewSite {
        name: name.into(),
        physical_path: String::from("D:\\sites\\x"),
        bindings: vec![Binding::parse_spec(binding).expect("binding")],
        ..NewSite::default()
    }
}

#[test]
fn views_read_sites_pools_and_origins() {
    let (d, schema) = (doc(), SchemaSet::bundled());
    let host = AppHost::new(&d, &schema);
    let names: Vec<String> = host.sites().iter().map(|s| s.name().into_owned()).collect();
    assert_eq!(names, ["Default Web Site", "Contoso"]);
    let contoso = host.site("contoso").expect("case-insensitive");
    assert_eq!(contoso.id(), Some(3));
    assert_eq!(
        contoso.physical_path().as_deref(),
        Some("D:\\sites\\contoso")
    );
    assert_eq!(
        contoso
            .bindings()
            .iter()
            .map(Binding::spec)
            .collect::<Vec<_>>(),
        ["http/*:80:contoso.com", "https/*:443:contoso.com"]
    );
    let timeout = contoso.get("limits.connectionTimeout").expect("key");
    assert_eq!(
        (timeout.text(), timeout.origin.is_inherited()),
        ("00:05:00", false)
    );
    let log = contoso.get("logFile.logFormat").expect("key");
    assert!(
        matches!(log.origin, Origin::Defaults { ref element, .. } if element == "siteDefaults"),
        "{log:?}"
    );
    let auto = contoso.get("serverAutoStart").expect("key");
    assert_eq!((auto.text(), auto.origin.clone()), ("true", Origin::Schema));

    let api = host.application("Contoso/api").expect("app");
    let pool = api.app_pool().expect("pool");
    assert_eq!(pool.text(), "DefaultAppPool");
    assert!(
        matches!(pool.origin, Origin::Defaults { ref element, .. } if element == "applicationDefaults")
    );

    let images = host.virtual_directory("Contoso/images").expect("vdir");
    let password = images.get("password").expect("password");
    assert!(password.encrypted && password.display() == "(encrypted)");
    assert_eq!(
        host.virtual_directory("Default Web Site/")
            .map(|v| v.id())
            .ok()
            .as_deref(),
        Some("Default Web Site/")
    );
    assert_eq!(
        host.virtual_directory("Contoso/api")
            .map(|v| v.path().into_owned())
            .ok()
            .as_deref(),
        Some("/")
    );

    let contoso_pool = host.app_pool("ContosoPool").expect("pool");
    assert_eq!(contoso_pool.clr_label(), "No Managed Code");
    let runtime = host
        .app_pool("ClassicPool")
        .expect("pool")
        .get("managedRuntimeVersion")
        .expect("key");
    assert!(
        matches!(runtime.origin, Origin::Defaults { ref element, .. } if element == "applicationPoolDefaults")
    );
    assert_eq!(
        host.app_pool("DefaultAppPool")
            .expect("pool")
            .text("processModel.idleTimeout"),
        "00:20:00"
    );
    assert_eq!(
        host.applications_using_pool("defaultapppool"),
        ["Default Web Site/", "Contoso/api"]
    );
}

#[test]
fn unknown_keys_suggest_close_ones() {
    let (d, schema) = (doc(), SchemaSet::bundled());
    let err = AppHost::new(&d, &schema)
        .app_pool("DefaultAppPool")
        .expect("pool")
        .get("procesModel.idleTimeout")
        .expect_err("unknown");
    assert!(
        err.to_string()
            .contains("did you mean: processModel.idleTimeout"),
        "{err}"
    );
}

#[test]
fn add_site_follows_iis_manager() {
    let schema = SchemaSet::bundled();
    let mut d = doc();
    let change = add_site(
        &mut d,
        &schema,
        &new_site("Shop", "http/*:8080:shop.example"),
    )
    .expect("added");
    let host = AppHost::new(&d, &schema);
    let shop = host.site("Shop").expect("exists");
    assert_eq!(shop.id(), Some(2), "lowest free id");
    assert!(
        !shop
            .get("serverAutoStart")
            .expect("key")
            .origin
            .is_inherited()
    );
    assert_eq!(shop.app_pool_name().as_deref(), Some("Shop"));
    let pool = host.app_pool("Shop").expect("pool created");
    assert_eq!(
        pool.text("managedRuntimeVersion"),
        "v4.0",
        "inherited from applicationPoolDefaults"
    );
    assert!(
        change
            .summary
            .iter()
            .any(|l| l.contains("added application pool \"Shop\""))
    );
    assert!(d.text().contains(
        "            <site name=\"Shop\" id=\"2\" serverAutoStart=\"true\">\r\n                <application path=\"/\" applicationPool=\"Shop\">\r\n                    <virtualDirectory path=\"/\" physicalPath=\"D:\\sites\\x\" />\r\n                </application>\r\n                <bindings>\r\n                    <binding protocol=\"http\" bindingInformation=\"*:8080:shop.example\" />\r\n                </bindings>\r\n            </site>\r\n            <siteDefaults>"
    ), "{}", d.text());
    for undo in &change.inverse {
        d.apply(undo).expect("undo");
    }
    assert_eq!(d.text(), FIXTURE);
}

#[test]
fn refusals_name_the_rule() {
    let schema = SchemaSet::bundled();
    let cases: Vec<(&str, Op<'_>, &str)> = vec![
        (
            "duplicate site",
            Box::new(|d| add_site(d, &schema, &new_site("contoso", "http/*:81:x"))),
            "site \"contoso\" already exists as \"Contoso\" (IIS ignores case in names)",
        ),
        (
            "binding in use",
            Box::new(|d| add_site(d, &schema, &new_site("New", "http/:80:CONTOSO.com"))),
            "binding http/:80:CONTOSO.com is already used by site \"Contoso\"",
        ),
        (
            "site name rule",
            Box::new(|d| add_site(d, &schema, &new_site("a:b", "http/*:81:x"))),
            "must not contain ':'",
        ),
        (
            "site name validator",
            Box::new(|d| add_site(d, &schema, &new_site("a/b", "http/*:81:x"))),
            "must not contain '/'",
        ),
        (
            "missing pool",
            Box::new(|d| {
                add_site(
                    d,
                    &schema,
                    &NewSite {
                        app_pool: Some("Nope".into()),
                        ..new_site("N", "http/*:81:x")
                    },
                )
            }),
            "no application pool named \"Nope\"",
        ),
        (
            "duplicate id",
            Box::new(|d| {
                add_site(
                    d,
                    &schema,
                    &NewSite {
                        id: Some(3),
                        ..new_site("N", "http/*:81:x")
                    },
                )
            }),
            "site ID 3 is already used by site \"Contoso\"",
        ),
        (
            "duplicate pool",
            Box::new(|d| {
                add_app_pool(
                    d,
                    &schema,
                    &NewAppPool {
                        name: "defaultapppool".into(),
                        ..Default::default()
                    },
                )
            }),
            "already exists",
        ),
        (
            "pool name",
            Box::new(|d| {
                add_app_pool(
                    d,
                    &schema,
                    &NewAppPool {
                        name: "a|b".into(),
                        ..Default::default()
                    },
                )
            }),
            "must not contain '|'",
        ),
        (
            "pool in use",
            Box::new(|d| delete_app_pool(d, &schema, "DefaultAppPool")),
            "used by 2 applications: Default Web Site/, Contoso/api",
        ),
        (
            "root app",
            Box::new(|d| delete_application(d, &schema, "Contoso/")),
            "root application",
        ),
        (
            "app path",
            Box::new(|d| add_application(d, &schema, "Contoso", "api2", "D:\\x", None)),
            "must start with '/'",
        ),
        (
            "app exists",
            Box::new(|d| add_application(d, &schema, "Contoso", "/API", "D:\\x", None)),
            "already exists",
        ),
        (
            "root vdir",
            Box::new(|d| delete_virtual_directory(d, &schema, "Contoso/api")),
            "root virtual directory",
        ),
        (
            "bad value",
            Box::new(|d| {
                set_keys(
                    d,
                    &schema,
                    &Target::AppPool("ClassicPool".into()),
                    &[("startMode".into(), "Sometimes".into())],
                )
            }),
            "must be one of: OnDemand, AlwaysRunning",
        ),
        (
            "unknown key",
            Box::new(|d| {
                set_keys(
                    d,
                    &schema,
                    &Target::Site("Contoso".into()),
                    &[("limit.connectionTimeout".into(), "1".into())],
                )
            }),
            "did you mean",
        ),
        (
            "relative site path",
            Box::new(|d| {
                add_site(
                    d,
                    &schema,
                    &NewSite {
                        physical_path: "relative\\dir".into(),
                        ..new_site("N", "http/*:81:x")
                    },
                )
            }),
            "invalid path \"relative\\dir\": the physical path must be absolute",
        ),
        (
            "relative app path",
            Box::new(|d| add_application(d, &schema, "Contoso", "/a2", "a2", None)),
            "must be absolute",
        ),
        (
            "relative vdir path",
            Box::new(|d| add_virtual_directory(d, &schema, "Contoso/", "/m", "..\\m")),
            "must be absolute",
        ),
        (
            "relative path set",
            Box::new(|d| {
                set_keys(
                    d,
                    &schema,
                    &Target::VirtualDirectory("Contoso/api".into()),
                    &[("physicalPath".into(), "api".into())],
                )
            }),
            "must be absolute",
        ),
        (
            "pool name with a slash",
            Box::new(|d| {
                add_app_pool(
                    d,
                    &schema,
                    &NewAppPool {
                        name: "a/b".into(),
                        ..Default::default()
                    },
                )
            }),
            "must not contain '/'",
        ),
        (
            "sni without a host",
            Box::new(|d| {
                let mut site = new_site("N", "https/*:8443:");
                site.bindings[0].ssl_flags = Some("Sni".into());
                add_site(d, &schema, &site)
            }),
            "an SNI binding (SSL flag Sni) needs a host name",
        ),
        (
            "sni without a host, numeric",
            Box::new(|d| {
                let mut b = Binding::parse_spec("https/*:8444:").expect("binding");
                b.ssl_flags = Some("1".into());
                add_binding(d, &schema, "Contoso", &b)
            }),
            "needs a host name",
        ),
        (
            "sni edited to no host",
            Box::new(|d| {
                let settings = ["bindingInformation=*:443:", "sslFlags=Sni"]
                    .map(|a| Setting::parse(a).expect("setting"));
                edit_binding(d, &schema, "Contoso", "https/*:443:contoso.com", &settings)
            }),
            "needs a host name",
        ),
        (
            "rename pool in use",
            Box::new(|d| {
                set_keys(
                    d,
                    &schema,
                    &Target::AppPool("ContosoPool".into()),
                    &[("name".into(), "X".into())],
                )
            }),
            "used by 1 application: Contoso/",
        ),
    ];
    for (label, op, needle) in cases {
        let mut d = doc();
        let err = op(&mut d).expect_err(label);
        assert!(err.to_string().contains(needle), "{label}: {err}");
        assert_eq!(
            d.text(),
            FIXTURE,
            "{label}: a refused operation changed the document"
        );
    }
}

#[test]
fn duplicates_mention_the_existing_spelling_only_when_it_differs() {
    let schema = SchemaSet::bundled();
    let mut d = doc();
    let exact = add_application(&mut d, &schema, "Contoso", "/api", "D:\\x", None)
        .expect_err("duplicate")
        .to_string();
    assert_eq!(exact, "application \"Contoso/api\" already exists");
    let other_case = add_application(&mut d, &schema, "Contoso", "/API", "D:\\x", None)
        .expect_err("duplicate")
        .to_string();
    assert_eq!(
        other_case,
        "application \"Contoso/API\" already exists as \"Contoso/api\" (IIS ignores case in paths)"
    );
    let rename = |name: &str| {
        set_keys(
            &mut doc(),
            &schema,
            &Target::Site("Default Web Site".into()),
            &[("name".into(), name.into())],
        )
        .expect_err("duplicate")
        .to_string()
    };
    assert_eq!(rename("Contoso"), "site \"Contoso\" already exists");
    assert_eq!(
        rename("CONTOSO"),
        "site \"CONTOSO\" already exists as \"Contoso\" (IIS ignores case in names)"
    );
    let id = set_keys(
        &mut doc(),
        &schema,
        &Target::Site("Default Web Site".into()),
        &[("id".into(), "3".into())],
    )
    .expect_err("id in use")
    .to_string();
    assert_eq!(id, "site ID 3 is already used by site \"Contoso\"");
    // The same number spelled otherwise is the same ID, and a new one is written plainly.
    for spelled in ["03", "+3", " 3"] {
        let id = set_keys(
            &mut doc(),
            &schema,
            &Target::Site("Default Web Site".into()),
            &[("id".into(), spelled.into())],
        )
        .expect_err("id in use")
        .to_string();
        assert_eq!(
            id, "site ID 3 is already used by site \"Contoso\"",
            "{spelled}"
        );
    }
    let mut d = doc();
    set_keys(
        &mut d,
        &schema,
        &Target::Site("Default Web Site".into()),
        &[("id".into(), "+0020".into())],
    )
    .expect("a free id");
    assert!(d.text().contains("id=\"20\""), "written as 20");
}

#[test]
fn warnings_for_wildcard_hosts_and_https_without_certificate() {
    let schema = SchemaSet::bundled();
    let mut d = doc();
    let change = add_site(
        &mut d,
        &schema,
        &NewSite {
            bindings: vec![
                Binding::parse_spec("http/*:8081:").expect("b"),
                Binding::parse_spec("https/*:8443:w.example").expect("b"),
            ],
            ..new_site("W", "http/*:1:x")
        },
    )
    .expect("added with warnings");
    assert!(
        change
            .warnings
            .iter()
            .any(|w| w.contains("subdomain takeover")),
        "{:?}",
        change.warnings
    );
    assert!(
        change.warnings.iter().any(|w| w.contains("no certificate")),
        "{:?}",
        change.warnings
    );
}

#[test]
fn set_creates_missing_elements_and_writes_canonical_values() {
    let schema = SchemaSet::bundled();
    let mut d = doc();
    let pairs = vec![("startmode".to_string(), "x".to_string())];
    assert!(
        set_keys(
            &mut d,
            &schema,
            &Target::AppPool("ClassicPool".into()),
            &pairs
        )
        .is_err(),
        "keys are case-sensitive"
    );
    let pairs = vec![
        ("startMode".to_string(), "alwaysrunning".to_string()),
        (
            "recycling.periodicRestart.time".to_string(),
            "1.00:00:00".to_string(),
        ),
        (
            "processModel.idleTimeout".to_string(),
            "00:10:00".to_string(),
        ),
    ];
    let change = set_keys(
        &mut d,
        &schema,
        &Target::AppPool("ClassicPool".into()),
        &pairs,
    )
    .expect("set");
    assert_eq!(change.summary.len(), 3);
    assert!(d.text().contains(
        "<add name=\"ClassicPool\" managedPipelineMode=\"Classic\" startMode=\"AlwaysRunning\">\r\n                <recycling>\r\n                    <periodicRestart time=\"1.00:00:00\" />\r\n                </recycling>\r\n                <processModel idleTimeout=\"00:10:00\" />\r\n            </add>"
    ), "{}", d.text());
    let host = AppHost::new(&d, &schema);
    assert_eq!(
        host.app_pool("ClassicPool")
            .expect("pool")
            .text("processModel.idleTimeout"),
        "00:10:00"
    );
    let again = set_keys(
        &mut d,
        &schema,
        &Target::Site("Contoso".into()),
        &[("limits.connectionTimeout".into(), "00:05:00".into())],
    )
    .expect("noop");
    assert!(again.is_empty() && again.summary[0].contains("already"));
}

#[test]
fn add_and_delete_apps_vdirs_bindings_round_trip() {
    let schema = SchemaSet::bundled();
    let mut d = doc();
    let mut inverses = Vec::new();
    let ops: Vec<Op<'_>> = vec![
        Box::new(|d| add_application(d, &schema, "Contoso", "/blog", "D:\\sites\\blog", None)),
        Box::new(|d| add_virtual_directory(d, &schema, "Contoso/blog", "/media", "D:\\media")),
        Box::new(|d| {
            add_binding(
                d,
                &schema,
                "Contoso",
                &Binding::parse_spec("http/*:8080:contoso.com").expect("b"),
            )
        }),
        Box::new(|d| remove_binding(d, &schema, "Contoso", "http/*:80:contoso.com")),
        Box::new(|d| delete_virtual_directory(d, &schema, "Contoso/images")),
        Box::new(|d| delete_application(d, &schema, "Contoso/api")),
        Box::new(|d| {
            add_app_pool(
                d,
                &schema,
                &NewAppPool {
                    name: "P".into(),
                    runtime: Some(String::new()),
                    pipeline: Some("classic".into()),
                    identity: Some("localsystem".into()),
                    auto_start: Some(false),
                },
            )
        }),
        Box::new(|d| delete_site(d, &schema, "Default Web Site")),
    ];
    for op in &ops {
        let change = op(&mut d).unwrap_or_else(|e| panic!("{e}"));
        inverses.push(change.inverse);
        Document::parse_str(d.text()).expect("re-parses");
    }
    let host = AppHost::new(&d, &schema);
    assert_eq!(
        host.application("Contoso/blog")
            .expect("blog")
            .app_pool_name()
            .as_deref(),
        Some("ContosoPool"),
        "root app's pool by default"
    );
    assert!(host.virtual_directory("Contoso/blog/media").is_ok());
    assert!(d.text().contains("<add name=\"P\" managedRuntimeVersion=\"\" autoStart=\"false\" managedPipelineMode=\"Classic\">\r\n                <processModel identityType=\"LocalSystem\" />\r\n            </add>"));
    for inverse in inverses.iter().rev() {
        d.apply_all(inverse).expect("undo");
    }
    assert_eq!(d.text(), FIXTURE);
}

#[test]
fn locations_sections_and_protected_data_are_read() {
    let d = doc();
    let locs = locations_for(&d, "contoso");
    assert_eq!(locs.len(), 1);
    assert_eq!(
        (locs[0].path.as_str(), locs[0].override_mode.as_deref()),
        ("Contoso/api", Some("Allow"))
    );
    assert_eq!(locs[0].sections, ["system.webServer/defaultDocument"]);
    let decls = section_declarations(&d);
    assert!(
        decls
            .iter()
            .any(|s| s.name == "system.applicationHost/sites"
                && s.override_mode_default.as_deref() == Some("Deny"))
    );
    let providers = protected_data(&d);
    assert_eq!(
        providers
            .iter()
            .filter(|p| p.is_default)
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["RsaProtectedConfigurationProvider"]
    );
}

#[test]
fn defaults_elements_are_found_wherever_they_sit() {
    let schema = SchemaSet::bundled();
    // siteDefaults before the sites, applicationDefaults between them, vdir defaults at the end.
    let text = "<configuration><system.applicationHost><sites>\n<siteDefaults serverAutoStart=\"false\" />\n<site name=\"a\" id=\"1\"><application path=\"/\"><virtualDirectory path=\"/\" physicalPath=\"C:\\a\" /></application></site>\n<applicationDefaults applicationPool=\"P\" />\n<site name=\"b\" id=\"2\"><application path=\"/\"><virtualDirectory path=\"/\" /></application></site>\n<virtualDirectoryDefaults physicalPath=\"C:\\fallback\" />\n</sites></system.applicationHost></configuration>";
    let d = Document::parse_str(text).expect("parses");
    let host = AppHost::new(&d, &schema);
    let b = host.site("b").expect("site");
    assert_eq!(b.get("serverAutoStart").expect("key").text(), "false");
    assert_eq!(b.app_pool_name().as_deref(), Some("P"));
    assert_eq!(b.physical_path().as_deref(), Some("C:\\fallback"));
    // No sites at all: the defaults are still found.
    let empty = Document::parse_str("<configuration><system.applicationHost><sites><siteDefaults serverAutoStart=\"false\" /></sites></system.applicationHost></configuration>").expect("parses");
    assert!(AppHost::new(&empty, &schema).defaults().site.is_some());
}

#[test]
fn sections_kept_in_another_file_are_reported_and_never_written_into() {
    let schema = SchemaSet::bundled();
    let start = FIXTURE.find("<sites>").expect("sites");
    let end = FIXTURE.find("</sites>").expect("end") + "</sites>".len();
    let moved = format!(
        "{}<sites configSource=\"sites.config\" />{}",
        &FIXTURE[..start],
        &FIXTURE[end..]
    );
    let mut d = Document::parse_str(&moved).expect("parses");
    let host = AppHost::new(&d, &schema);
    assert!(host.sites().is_empty());
    assert_eq!(
        host.sections_elsewhere(),
        [
            "system.applicationHost/sites is kept in \"sites.config\" (configSource); its items are not in this file, so they are not shown"
        ]
    );
    let err = add_site(&mut d, &schema, &new_site("New", "http/*:81:new")).expect_err("refused");
    assert!(
        matches!(err, ModelError::SectionElsewhere { ref source_file, .. } if source_file == "sites.config"),
        "{err}"
    );
    // The pool the site would have created was rolled back with it.
    assert_eq!(d.text(), moved);
    // Pools still live here and can be added.
    let pool = NewAppPool {
        name: String::from("Extra"),
        ..NewAppPool::default()
    };
    add_app_pool(&mut d, &schema, &pool).expect("pools are in this file");
}
