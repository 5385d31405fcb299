//! Each configuration rule: a configuration that triggers it, one that does not, and its fix
//! applied through the model making the problem go away.

use super::*;
use crate::model::apphost::AppHost;
use crate::model::doc::Document;
use crate::model::schema::SchemaSet;

/// A small applicationHost.config: `pools` inside <applicationPools>, `sites` inside <sites>.
fn config(pools: &str, sites: &str) -> String {
    format!(
        "<configuration>\n<system.applicationHost>\n<applicationPools>\n{pools}\n<applicationPoolDefaults managedRuntimeVersion=\"v4.0\" />\n</applicationPools>\n<sites>\n{sites}\n<applicationDefaults applicationPool=\"DefaultAppPool\" />\n</sites>\n</system.applicationHost>\n</configuration>\n"
    )
}

fn site(name: &str, id: u32, pool: &str, bindings: &str) -> String {
    format!(
        "<site name=\"{name}\" id=\"{id}\"><application path=\"/\" applicationPool=\"{pool}\"><virtualDirectory path=\"/\" physicalPath=\"C:\\sites\\{name}\" /></application><bindings>{bindings}</bindings></site>"
    )
}

const HTTP: &str = "<binding protocol=\"http\" bindingInformation=\"*:80:shop.example\" />";

fn problems(text: &str, rule: &str) -> Vec<Problem> {
    let doc = Document::parse_str(text).expect("parses");
    let schema = SchemaSet::bundled();
    check_config(AppHost::new(&doc, &schema))
        .into_iter()
        .filter(|p| p.rule == rule)
        .collect()
}

/// The rule fires once on `bad` with `message`, not on `good`, and its fix (when a change)
/// clears it.
fn case(rule: &Rule, bad: &str, good: &str, message: &str) {
    let found = problems(bad, rule.id);
    assert_eq!(found.len(), 1, "{}: {found:#?}", rule.id);
    assert_eq!(found[0].message, message, "{}", rule.id);
    assert_eq!(found[0].severity, rule.severity);
    assert!(
        problems(good, rule.id).is_empty(),
        "{} on the good config",
        rule.id
    );
    if let Some(change) = &found[0].fix.change {
        let mut doc = Document::parse_str(bad).expect("parses");
        let schema = SchemaSet::bundled();
        change.apply(&mut doc, &schema).expect("fix applies");
        assert!(
            problems(doc.text(), rule.id).is_empty(),
            "{} after its fix:\n{}",
            rule.id,
            doc.text()
        );
    }
}

#[test]
fn pool_with_auto_start_off() {
    let sites = site("Shop", 1, "Shop", HTTP);
    case(
        &rules::POOL_NOT_STARTED,
        &config("<add name=\"Shop\" autoStart=\"false\" />", &sites),
        &config("<add name=\"Shop\" />", &sites),
        "autoStart=\"false\": the pool stays stopped after IIS restarts and its applications answer 503",
    );
}

#[test]
fn idle_timeout_on_always_running_pool() {
    let sites = site("Shop", 1, "Shop", HTTP).replace(
        "applicationPool=\"Shop\"",
        "applicationPool=\"Shop\" preloadEnabled=\"true\"",
    );
    case(
        &rules::IDLE_TIMEOUT_ALWAYS_RUNNING,
        &config("<add name=\"Shop\" startMode=\"AlwaysRunning\" />", &sites),
        &config(
            "<add name=\"Shop\" startMode=\"AlwaysRunning\"><processModel idleTimeout=\"00:00:00\" /></add>",
            &sites,
        ),
        "startMode=\"AlwaysRunning\" but processModel.idleTimeout is 00:20:00: the worker still shuts down when idle",
    );
}

#[test]
fn unused_and_missing_pools() {
    let sites = site("Shop", 1, "Shop", HTTP);
    case(
        &rules::POOL_UNUSED,
        &config("<add name=\"Shop\" /><add name=\"Old\" />", &sites),
        &config("<add name=\"Shop\" />", &sites),
        "no application uses this pool",
    );
    case(
        &rules::POOL_MISSING,
        &config("<add name=\"Other\" />", &site("Shop", 1, "Shop", HTTP)),
        &config("<add name=\"shop\" />", &sites),
        "application pool \"Shop\" does not exist; requests get 503",
    );
}

#[test]
fn preload_without_always_running_and_the_reverse() {
    let preloaded = site("Shop", 1, "Shop", HTTP).replace(
        "applicationPool=\"Shop\"",
        "applicationPool=\"Shop\" preloadEnabled=\"true\"",
    );
    let always = "<add name=\"Shop\" startMode=\"AlwaysRunning\"><processModel idleTimeout=\"0:00:00\" /></add>";
    case(
        &rules::PRELOAD_HALF_CONFIGURED,
        &config("<add name=\"Shop\" />", &preloaded),
        &config(always, &preloaded),
        "preloadEnabled=\"true\" but pool \"Shop\" starts OnDemand: nothing warms it up before the first request",
    );
    case(
        &rules::PRELOAD_HALF_CONFIGURED,
        &config(always, &site("Shop", 1, "Shop", HTTP)),
        &config("<add name=\"Shop\" />", &site("Shop", 1, "Shop", HTTP)),
        "pool \"Shop\" is AlwaysRunning but the application has no preloadEnabled=\"true\": it is not warmed up",
    );
}

#[test]
fn binding_hazards() {
    let pools = "<add name=\"Shop\" /><add name=\"Blog\" />";
    let wildcard = site(
        "Shop",
        1,
        "Shop",
        "<binding protocol=\"http\" bindingInformation=\"*:80:\" /><binding protocol=\"net.tcp\" bindingInformation=\"808:*\" />",
    );
    case(
        &rules::HOSTNAME_MISSING,
        &config(pools, &wildcard),
        &config(pools, &site("Shop", 1, "Shop", HTTP)),
        "no host name: the site answers for every name that reaches this address and port",
    );
    let https = |attrs: &str| {
        site(
            "Shop",
            1,
            "Shop",
            &format!(
                "<binding protocol=\"https\" bindingInformation=\"*:443:shop.example\" {attrs}/>"
            ),
        )
    };
    case(
        &rules::HTTPS_WITHOUT_CERTIFICATE,
        &config(pools, &https("sslFlags=\"1\" ")),
        &config(
            pools,
            &https("certificateHash=\"3A4F\" certificateStoreName=\"My\" "),
        ),
        "no certificate (certificateHash) is bound",
    );
    assert!(
        problems(&config(pools, &https("sslFlags=\"3\" ")), "IIS0203").is_empty(),
        "the central certificate store needs no hash"
    );
    let two_sites = format!(
        "{}{}",
        site("Shop", 1, "Shop", HTTP),
        site("Blog", 2, "Blog", &HTTP.replace("*:80:", ":80:"))
    );
    case(
        &rules::DUPLICATE_BINDING,
        &config(pools, &two_sites),
        &config(
            pools,
            &format!(
                "{}{}",
                site("Shop", 1, "Shop", HTTP),
                site("Blog", 2, "Blog", &HTTP.replace("shop", "blog"))
            ),
        ),
        "site \"Shop\" has the same binding; only one of them can start",
    );
    let twice = site(
        "Shop",
        1,
        "Shop",
        &format!("{HTTP}{}", HTTP.replace("shop", "SHOP")),
    );
    let found = problems(&config(pools, &twice), "IIS0202");
    assert_eq!(found[0].message, "the site has this binding twice");
    case(
        &rules::NO_BINDINGS,
        &config(pools, &site("Shop", 1, "Shop", "")),
        &config(pools, &site("Shop", 1, "Shop", HTTP)),
        "the site has no bindings: nothing can reach it",
    );
}

#[test]
fn fixes_name_their_cli_command() {
    let change = ConfigChange::Set {
        target: crate::model::apphost::Target::AppPool(String::from("My Pool")),
        key: String::from("managedRuntimeVersion"),
        value: String::new(),
    };
    assert_eq!(
        change.argv(),
        Some(
            [
                "iistui",
                "set",
                "apppool",
                "My Pool",
                "managedRuntimeVersion="
            ]
            .map(String::from)
            .to_vec()
        )
    );
    assert!(
        ConfigChange::AspNetCore {
            web_config: String::from("/x/web.config"),
            attribute: String::from("stdoutLogEnabled"),
            value: String::from("false"),
        }
        .argv()
        .is_none()
    );
    assert_eq!(
        rule_by_id("iis0210").map(|r| r.title),
        Some("application pool does not exist")
    );
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), RULES.len());
}
