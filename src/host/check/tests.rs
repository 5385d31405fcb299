//! Each host rule against real folders and files: a layout that triggers it and one that does
//! not.

use std::path::{Path, PathBuf};

use super::*;
use crate::model::doc::Document;
use crate::model::schema::SchemaSet;

const ANCM_HANDLER: &str = r#"<add name="aspNetCore" path="*" verb="*" modules="AspNetCoreModuleV2" resourceType="Unspecified" />"#;

/// A server in a temp folder: `sites/<name>` folders and an applicationHost.config text.
struct Server {
    root: tempfile::TempDir,
}

impl Server {
    fn new() -> Server {
        Server {
            root: tempfile::tempdir().expect("tempdir"),
        }
    }

    fn folder(&self, name: &str) -> PathBuf {
        self.root.path().join("sites").join(name)
    }

    fn write(&self, relative: &str, text: &str) {
        let path = self.root.path().join("sites").join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    fn web_config(&self, site: &str, system_web_server: &str) {
        self.write(
            &format!("{site}/web.config"),
            &format!(
                "<?xml version=\"1.0\"?>\n<configuration>\n{system_web_server}\n</configuration>\n"
            ),
        );
    }

    /// Runs the check on a config whose `{ROOT}` stands for the sites folder.
    fn check(&self, config: &str, states: Option<&RuntimeStates>) -> CheckReport {
        let text = config.replace(
            "{ROOT}",
            &self.root.path().join("sites").display().to_string(),
        );
        let doc = Document::parse_str(&text).expect("parses");
        let schema = SchemaSet::bundled();
        check(
            AppHost::new(&doc, &schema),
            &CheckOptions {
                states,
                extra: Vec::new(),
            },
        )
    }
}

fn aspnetcore(attrs: &str, location: bool) -> String {
    let inner = format!(
        "<system.webServer><handlers>{ANCM_HANDLER}</handlers><aspNetCore {attrs} /></system.webServer>"
    );
    if location {
        format!("<location path=\".\" inheritInChildApplications=\"false\">{inner}</location>")
    } else {
        inner
    }
}

/// One pool `Shop` (`pool_attrs`) and site `Shop` on {ROOT}/shop with `apps` (extra
/// applications), plus `extra` at the end of <configuration>.
fn config(pool_attrs: &str, apps: &str, extra: &str) -> String {
    format!(
        r#"<configuration>
<configSections><sectionGroup name="system.webServer"><section name="aspNetCore" overrideModeDefault="Allow" /></sectionGroup></configSections>
<system.applicationHost>
<applicationPools><add name="Shop" {pool_attrs} /><add name="Other" managedRuntimeVersion="" /></applicationPools>
<sites><site name="Shop" id="1">
<application path="/" applicationPool="Shop"><virtualDirectory path="/" physicalPath="{{ROOT}}/shop" /></application>
{apps}
<bindings><binding protocol="http" bindingInformation="*:80:shop.example" /></bindings>
</site></sites>
</system.applicationHost>
{extra}
</configuration>"#
    )
}

fn rules_of(report: &CheckReport, rule: &str) -> Vec<String> {
    report
        .problems
        .iter()
        .filter(|p| p.rule == rule)
        .map(|p| format!("{}: {}", p.object, p.message))
        .collect()
}

fn relative(server: &Server, text: &str) -> String {
    text.replace(
        &server.root.path().join("sites").display().to_string(),
        "{ROOT}",
    )
}

#[test]
fn missing_physical_paths_and_unreadable_web_configs() {
    let server = Server::new();
    let cfg = config(
        "",
        r#"<application path="/docs" applicationPool="Other"><virtualDirectory path="/" physicalPath="{ROOT}/docs" /><virtualDirectory path="/img" physicalPath="{ROOT}/img" /></application>"#,
        "",
    );
    let report = server.check(&cfg, None);
    let found: Vec<String> = rules_of(&report, "IIS0101")
        .iter()
        .map(|m| relative(&server, m))
        .collect();
    assert_eq!(
        found,
        [
            "app \"Shop/\": physical path {ROOT}/shop does not exist: requests get 404 or 403.14",
            "app \"Shop/docs\": physical path {ROOT}/docs does not exist: requests get 404 or 403.14",
            "vdir \"Shop/docs/img\": physical path {ROOT}/img does not exist: requests get 404 or 403.14",
        ]
    );
    for folder in ["shop", "docs", "img"] {
        std::fs::create_dir_all(server.folder(folder)).expect("mkdir");
    }
    assert!(rules_of(&server.check(&cfg, None), "IIS0101").is_empty());

    server.write(
        "docs/web.config",
        "<configuration><system.webServer></configuration>",
    );
    let bad = rules_of(&server.check(&cfg, None), "IIS0109");
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert!(
        bad[0].contains("the web.config of Shop/docs cannot be read: ") && bad[0].contains("1:"),
        "{}",
        bad[0]
    );
    server.write("docs/web.config", "<configuration />");
    assert!(rules_of(&server.check(&cfg, None), "IIS0109").is_empty());
}

#[test]
fn missing_executable_and_dll_give_502_5() {
    let server = Server::new();
    let cfg = config("managedRuntimeVersion=\"\"", "", "");
    server.web_config(
        "shop",
        &aspnetcore(
            r#"processPath=".\Shop.exe" hostingModel="OutOfProcess""#,
            true,
        ),
    );
    let found = rules_of(&server.check(&cfg, None), "IIS0102");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("app \"Shop/\": processPath .\\Shop.exe ("),
        "{}",
        found[0]
    );
    server.write("shop/Shop.exe", "MZ");
    assert!(rules_of(&server.check(&cfg, None), "IIS0102").is_empty());

    server.web_config("shop", &aspnetcore(r#"processPath="dotnet" arguments=".\Shop.dll --urls http://x" hostingModel="InProcess""#, true));
    let found = rules_of(&server.check(&cfg, None), "IIS0103");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("arguments name .\\Shop.dll ("),
        "{}",
        found[0]
    );
    assert!(
        rules_of(&server.check(&cfg, None), "IIS0102").is_empty(),
        "dotnet is found on PATH"
    );
    server.write("shop/Shop.dll", "MZ");
    assert!(rules_of(&server.check(&cfg, None), "IIS0103").is_empty());
}

#[test]
fn stdout_logging_left_on_and_its_folder() {
    let server = Server::new();
    let cfg = config("managedRuntimeVersion=\"\"", "", "");
    server.write("shop/Shop.dll", "MZ");
    let on = aspnetcore(
        r#"processPath="dotnet" arguments=".\Shop.dll" stdoutLogEnabled="true" stdoutLogFile=".\logs\stdout""#,
        true,
    );
    server.web_config("shop", &on);
    let report = server.check(&cfg, None);
    assert_eq!(
        rules_of(&report, "IIS0205")
            .iter()
            .map(|m| relative(&server, m))
            .collect::<Vec<_>>(),
        ["app \"Shop/\": stdout log folder {ROOT}/shop/logs does not exist"]
    );
    assert_eq!(
        rules_of(&report, "IIS0204"),
        ["app \"Shop/\": stdoutLogEnabled=\"true\" (.\\logs\\stdout)"]
    );
    server.write("shop/logs/stdout_1.log", &"x".repeat(1500));
    server.write("shop/logs/stdout_2.log", "y");
    let report = server.check(&cfg, None);
    assert!(rules_of(&report, "IIS0205").is_empty());
    assert_eq!(
        rules_of(&report, "IIS0204"),
        [
            "app \"Shop/\": stdoutLogEnabled=\"true\" (.\\logs\\stdout); its folder holds 2 files, 1.5 KiB"
        ]
    );
    // The fix is a web.config change; applied, the rule no longer fires.
    let problem = report
        .problems
        .iter()
        .find(|p| p.rule == "IIS0204")
        .expect("found");
    let change = problem.fix.change.clone().expect("a config change");
    let ConfigChange::AspNetCore { web_config, .. } = &change else {
        panic!("{change:?}")
    };
    assert_eq!(
        Path::new(web_config),
        server.folder("shop").join("web.config")
    );
    let mut doc = Document::parse(std::fs::read(web_config).expect("read")).expect("parses");
    change
        .apply(&mut doc, &SchemaSet::bundled())
        .expect("applies");
    std::fs::write(web_config, doc.text()).expect("write");
    assert!(rules_of(&server.check(&cfg, None), "IIS0204").is_empty());
}

use crate::model::validate::hosting::ConfigChange;

#[test]
fn sub_application_adding_the_handler_again() {
    let server = Server::new();
    let cfg = config(
        "managedRuntimeVersion=\"\"",
        r#"<application path="/admin" applicationPool="Other"><virtualDirectory path="/" physicalPath="{ROOT}/admin" /></application>"#,
        "",
    );
    for app in ["shop", "admin"] {
        server.write(&format!("{app}/App.dll"), "MZ");
    }
    let child = aspnetcore(
        r#"processPath="dotnet" arguments=".\App.dll" hostingModel="OutOfProcess""#,
        true,
    );
    server.web_config("admin", &child);
    server.web_config(
        "shop",
        &aspnetcore(r#"processPath="dotnet" arguments=".\App.dll""#, false),
    );
    assert_eq!(
        rules_of(&server.check(&cfg, None), "IIS0105"),
        [
            "app \"Shop/admin\": its web.config adds handler \"aspNetCore\", which Shop/ already gives its sub-applications: 500.19"
        ]
    );
    // The parent keeps its handlers to itself …
    server.web_config(
        "shop",
        &aspnetcore(r#"processPath="dotnet" arguments=".\App.dll""#, true),
    );
    assert!(rules_of(&server.check(&cfg, None), "IIS0105").is_empty());
    // … or the child removes the inherited one first.
    server.web_config(
        "shop",
        &aspnetcore(r#"processPath="dotnet" arguments=".\App.dll""#, false),
    );
    server.web_config(
        "admin",
        &child.replace("<handlers>", "<handlers><remove name=\"aspNetCore\" />"),
    );
    assert!(rules_of(&server.check(&cfg, None), "IIS0105").is_empty());
}

#[test]
fn module_or_section_not_registered() {
    let server = Server::new();
    server.write("shop/App.dll", "MZ");
    server.web_config(
        "shop",
        &aspnetcore(r#"processPath="dotnet" arguments=".\App.dll""#, true)
            .replace("AspNetCoreModuleV2", "AspNetCoreModule"),
    );
    let modules = |names: &[&str]| {
        let adds: String = names
            .iter()
            .map(|n| format!("<add name=\"{n}\" image=\"x.dll\" />"))
            .collect();
        format!("<system.webServer><globalModules>{adds}</globalModules></system.webServer>")
    };
    let v2_only = config(
        "managedRuntimeVersion=\"\"",
        "",
        &modules(&["StaticFileModule", "AspNetCoreModuleV2"]),
    );
    assert_eq!(
        rules_of(&server.check(&v2_only, None), "IIS0106"),
        [
            "app \"Shop/\": its web.config needs module AspNetCoreModule, which globalModules does not register (registered: AspNetCoreModuleV2): 500.19"
        ]
    );
    let both = config(
        "managedRuntimeVersion=\"\"",
        "",
        &modules(&["AspNetCoreModule", "AspNetCoreModuleV2"]),
    );
    assert!(rules_of(&server.check(&both, None), "IIS0106").is_empty());
    // A configuration without globalModules (a trimmed copy) tells nothing about modules …
    let no_modules = config("managedRuntimeVersion=\"\"", "", "");
    assert!(rules_of(&server.check(&no_modules, None), "IIS0106").is_empty());
    // … but one without the section declaration does.
    let undeclared = no_modules.replace(
        r#"<section name="aspNetCore" overrideModeDefault="Allow" />"#,
        "",
    );
    assert_eq!(
        rules_of(&server.check(&undeclared, None), "IIS0106"),
        [
            "app \"Shop/\": its web.config uses <aspNetCore>, but applicationHost.config declares no system.webServer/aspNetCore section: 500.19"
        ]
    );
}

#[test]
fn pools_running_aspnetcore_apps() {
    let server = Server::new();
    let admin = r#"<application path="/admin" applicationPool="Shop"><virtualDirectory path="/" physicalPath="{ROOT}/admin" /></application>"#;
    for app in ["shop", "admin"] {
        server.write(&format!("{app}/App.dll"), "MZ");
        server.web_config(
            app,
            &aspnetcore(
                r#"processPath="dotnet" arguments=".\App.dll" hostingModel="InProcess""#,
                true,
            ),
        );
    }
    let two = config("managedRuntimeVersion=\"\"", admin, "");
    assert_eq!(
        rules_of(&server.check(&two, None), "IIS0108"),
        [
            "apppool \"Shop\": 2 in-process ASP.NET Core apps share it (Shop/, Shop/admin): all but the first answer 500.35"
        ]
    );
    server.web_config(
        "admin",
        &aspnetcore(
            r#"processPath="dotnet" arguments=".\App.dll" hostingModel="OutOfProcess""#,
            true,
        ),
    );
    assert!(rules_of(&server.check(&two, None), "IIS0108").is_empty());

    let managed = config("managedRuntimeVersion=\"v4.0\"", "", "");
    let report = server.check(&managed, None);
    assert_eq!(
        rules_of(&report, "IIS0107"),
        [
            "apppool \"Shop\": managedRuntimeVersion=\"v4.0\" though it serves only ASP.NET Core apps: the CLR is loaded for nothing"
        ]
    );
    assert!(
        rules_of(
            &server.check(&config("managedRuntimeVersion=\"\"", "", ""), None),
            "IIS0107"
        )
        .is_empty()
    );
    // Its fix, applied to the configuration, clears it.
    let fix = report
        .problems
        .iter()
        .find(|p| p.rule == "IIS0107")
        .and_then(|p| p.fix.change.clone())
        .expect("change");
    let text = managed.replace(
        "{ROOT}",
        &server.root.path().join("sites").display().to_string(),
    );
    let mut doc = Document::parse_str(&text).expect("parses");
    fix.apply(&mut doc, &SchemaSet::bundled()).expect("applies");
    assert!(rules_of(&server.check(doc.text(), None), "IIS0107").is_empty());

    let no_profile = config(
        "managedRuntimeVersion=\"\"><processModel loadUserProfile=\"false\" /></add><add name=\"x\"",
        "",
        "",
    );
    assert_eq!(
        rules_of(&server.check(&no_profile, None), "IIS0206"),
        [
            "apppool \"Shop\": processModel.loadUserProfile=\"false\" with ASP.NET Core apps: data protection keys are not persisted"
        ]
    );
    let with_profile = no_profile.replace("loadUserProfile=\"false\"", "loadUserProfile=\"true\"");
    assert!(rules_of(&server.check(&with_profile, None), "IIS0206").is_empty());
}

#[test]
fn stopped_pools_validate_findings_and_extra_rules() {
    let server = Server::new();
    std::fs::create_dir_all(server.folder("shop")).expect("mkdir");
    let cfg = config("", "", "").replace("applicationPool=\"Shop\"", "applicationPool=\"Gone\"");
    let mut states = RuntimeStates::default();
    states
        .app_pools
        .insert(String::from("other"), String::from("Stopped"));
    states
        .app_pools
        .insert(String::from("shop"), String::from("Started"));
    let report = server.check(&cfg, Some(&states));
    assert_eq!(
        rules_of(&report, "IIS0104"),
        ["apppool \"Other\": the pool is stopped: its applications answer 503"]
    );
    // The missing pool is reported once, by its own rule, not again as a validate finding.
    assert_eq!(rules_of(&report, "IIS0210").len(), 1);
    assert!(
        rules_of(&report, "IIS0001").is_empty(),
        "{:?}",
        rules_of(&report, "IIS0001")
    );
    let invalid = cfg.replace(
        "<add name=\"Shop\"  />",
        "<add name=\"Shop\" queueLength=\"5\" />",
    );
    assert_eq!(
        rules_of(&server.check(&invalid, Some(&states)), "IIS0001"),
        [
            "system.applicationHost/applicationPools/add[Shop]/@queueLength: invalid value \"5\": must be from 10 to 65535"
        ]
    );
    assert!(report.notes.is_empty(), "{:?}", report.notes);
    assert_eq!(server.check(&cfg, None).notes.len(), 1);

    struct Always;
    impl HostRule for Always {
        fn check(&self, _: AppHost<'_>, apps: &[AppFacts]) -> Vec<Problem> {
            apps.iter()
                .map(|a| {
                    Problem::new(
                        &rules::VALIDATE,
                        ObjectRef::Application { id: a.id.clone() },
                        String::from("seen"),
                        Fix::manual("none"),
                    )
                })
                .collect()
        }
    }
    let doc = Document::parse_str(&cfg.replace("{ROOT}", "/x")).expect("parses");
    let schema = SchemaSet::bundled();
    let report = check(
        AppHost::new(&doc, &schema),
        &CheckOptions {
            states: None,
            extra: vec![&Always],
        },
    );
    assert!(rules_of(&report, "IIS0001").contains(&String::from("app \"Shop/\": seen")));
    // Worst first.
    let severities: Vec<Severity> = report.problems.iter().map(|p| p.severity).collect();
    let mut sorted = severities.clone();
    sorted.sort();
    assert_eq!(severities, sorted);
}
