//! Settings in appcmd syntax: parsing and printing, resets, collection items, all-or-nothing.

use super::*;

const DEMO: &str = include_str!("../../../../assets/demo/applicationHost.config");

fn demo() -> (Document, SchemaSet) {
    (
        Document::parse_str(DEMO).expect("demo parses"),
        SchemaSet::bundled(),
    )
}

fn pool(name: &str) -> Target {
    Target::AppPool(name.to_owned())
}

fn apply(doc: &mut Document, schema: &SchemaSet, target: &Target, args: &[&str]) -> Change {
    let settings: Vec<Setting> = args
        .iter()
        .map(|a| Setting::parse(a).expect("parses"))
        .collect();
    apply_settings(doc, schema, target, &settings).expect("applies")
}

#[test]
fn arguments_parse_and_print_back() {
    for arg in [
        "startMode=AlwaysRunning",
        "processModel.idleTimeout=",
        "-processModel.idleTimeout",
        "+environmentVariables.[name='ASPNETCORE_ENVIRONMENT',value='Production']",
        "-environmentVariables.[name='DOTNET_gcServer']",
        "+recycling.periodicRestart.schedule.[value='03:30:00']",
        "+environmentVariables.[name='MSG',value='it''s, [ok]']",
    ] {
        let setting = Setting::parse(arg).expect(arg);
        assert_eq!(setting.to_string(), arg);
    }
    assert_eq!(
        Setting::parse("+environmentVariables.[name='MSG',value='it''s']"),
        Ok(Setting::AddItem {
            collection: String::from("environmentVariables"),
            attrs: vec![
                (String::from("name"), String::from("MSG")),
                (String::from("value"), String::from("it's")),
            ],
        })
    );
    for bad in [
        "-",
        "nokey",
        "+environmentVariables",
        "+x.[name=A]",
        "+x.[name='A'",
    ] {
        assert!(Setting::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn reset_removes_the_attribute_and_an_element_left_empty() {
    let (mut doc, schema) = demo();
    let change = apply(
        &mut doc,
        &schema,
        &pool("contoso.com"),
        &["-processModel.idleTimeout"],
    );
    assert!(
        !doc.text()
            .contains("<processModel idleTimeout=\"00:00:00\" />")
    );
    assert!(
        change.summary[0].contains("reset processModel.idleTimeout (now 00:20:00, schema default)"),
        "{:?}",
        change.summary
    );
    // The inverse restores the bytes.
    doc.apply_all(&change.inverse).expect("undo");
    assert_eq!(doc.text(), DEMO);
    // Nothing to reset: no change.
    let change = apply(
        &mut doc,
        &schema,
        &pool("DefaultAppPool"),
        &["-queueLength"],
    );
    assert!(change.is_empty());
    assert!(change.summary[0].contains("nothing to reset"));
    // Keys cannot be reset.
    let err = apply_settings(
        &mut doc,
        &schema,
        &pool("DefaultAppPool"),
        &[Setting::Reset {
            key: String::from("name"),
        }],
    )
    .expect_err("name is the key");
    assert!(err.to_string().contains("cannot be reset"), "{err}");
}

#[test]
fn collection_items_are_added_removed_and_listed_with_inheritance() {
    let (mut doc, schema) = demo();
    let shop = pool("shop.tailspin.com");
    apply(
        &mut doc,
        &schema,
        &shop,
        &["+environmentVariables.[name='ASPNETCORE_ENVIRONMENT',value='Production']"],
    );
    assert!(
        doc.text().contains(
            "                    <add name=\"DOTNET_gcServer\" value=\"1\" />\r\n                    <add name=\"ASPNETCORE_ENVIRONMENT\" value=\"Production\" />\r\n"
        ),
        "new items copy their siblings' indentation and the file's CRLF"
    );
    let items = collection_items(&doc, &schema, &shop, "environmentVariables").expect("items");
    assert_eq!(items.len(), 2);
    let dup = apply_settings(
        &mut doc,
        &schema,
        &shop,
        &[
            Setting::parse("+environmentVariables.[name='aspnetcore_environment',value='X']")
                .expect("parse"),
        ],
    );
    assert!(dup.is_err(), "names are case-insensitive keys");
    apply(
        &mut doc,
        &schema,
        &shop,
        &[
            "-environmentVariables.[name='DOTNET_gcServer']",
            "-environmentVariables.[name='ASPNETCORE_ENVIRONMENT']",
        ],
    );
    assert!(
        !doc.text().contains("<environmentVariables>"),
        "empty collection element removed"
    );
    // A schedule on a pool that has none creates the path.
    let before = doc.text().to_owned();
    let change = apply(
        &mut doc,
        &schema,
        &pool("Intranet"),
        &["+recycling.periodicRestart.schedule.[value='03:30:00']"],
    );
    assert!(
        doc.text().contains("<add value=\"03:30:00\" />"),
        "{}",
        doc.text()
    );
    doc.apply_all(&change.inverse).expect("undo");
    assert_eq!(doc.text(), before);
    let schedule = collection_items(
        &doc,
        &schema,
        &pool("contoso.com"),
        "recycling.periodicRestart.schedule",
    )
    .expect("items");
    assert_eq!(
        schedule,
        vec![CollectionItem {
            attrs: vec![(String::from("value"), String::from("03:00:00"))],
            inherited_from: None,
        }]
    );
}

#[test]
fn a_failing_setting_rolls_back_the_ones_before_it() {
    let (mut doc, schema) = demo();
    let settings = [
        Setting::parse("startMode=AlwaysRunning").expect("parse"),
        Setting::parse("queueLength=0").expect("parse"),
    ];
    assert!(apply_settings(&mut doc, &schema, &pool("DefaultAppPool"), &settings).is_err());
    assert_eq!(doc.text(), DEMO);
}
