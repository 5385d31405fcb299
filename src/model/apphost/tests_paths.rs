//! Tests on the demo configuration of what virtual paths mean together: removing an application
//! says which virtual directories go with it and what its URLs serve afterwards; a virtual
//! directory an application would hide, and an application that would hide one, are refused;
//! a change that leaves a pool SpecificUser without a user name warns with validate's words.

use super::*;
use crate::model::doc::Document;
use crate::model::schema::SchemaSet;

const DEMO: &str = include_str!("../../../assets/demo/applicationHost.config");

fn demo() -> Document {
    Document::parse_str(DEMO).expect("demo parses")
}

#[test]
fn removing_an_application_lists_its_virtual_directories_and_warns_when_the_url_changes_folder() {
    let mut d = demo();
    let change = delete_application(&mut d, &SchemaSet::bundled(), "intranet/hr").expect("deleted");
    assert_eq!(
        change.summary,
        [
            "deleted application \"intranet/hr\" (folders and files stay on disk)",
            "deleted its virtual directory \"/\" (%SystemDrive%\\sites\\intranet-hr)",
            "deleted its virtual directory \"/forms\" (%SystemDrive%\\shared\\hr-forms)",
        ]
    );
    assert_eq!(
        change.warnings,
        [
            "the URL /hr will no longer serve %SystemDrive%\\sites\\intranet-hr: application \"intranet/\" serves it from %SystemDrive%\\sites\\intranet\\hr instead (404 unless that folder exists)",
            "the URL /hr/forms will no longer serve %SystemDrive%\\shared\\hr-forms: application \"intranet/\" serves it from %SystemDrive%\\sites\\intranet\\hr\\forms instead (404 unless that folder exists)",
        ]
    );
    assert!(!d.text().contains("hr-forms"));
}

#[test]
fn removing_an_application_in_its_parents_folder_says_the_parent_serves_it_again() {
    let text = DEMO.replace(
        "%SystemDrive%\\sites\\intranet-wiki\"",
        "%systemdrive%/Sites/intranet/WIKI/\"",
    );
    let mut d = Document::parse_str(&text).expect("parses");
    let change =
        delete_application(&mut d, &SchemaSet::bundled(), "intranet/wiki").expect("deleted");
    assert!(change.warnings.is_empty(), "{:?}", change.warnings);
    assert_eq!(
        change.summary.last().map(String::as_str),
        Some(
            "application \"intranet/\" serves /wiki again, from the same folder (%SystemDrive%\\sites\\intranet\\wiki)"
        )
    );
    // An application without a root virtual directory: what serves its path then.
    let mut d = demo();
    let change =
        delete_application(&mut d, &SchemaSet::bundled(), "legacy-crm/export").expect("deleted");
    assert!(change.warnings.is_empty(), "{:?}", change.warnings);
    assert_eq!(
        change.summary.last().map(String::as_str),
        Some(
            "it has no root virtual directory; application \"legacy-crm/\" serves /export then, from %SystemDrive%\\sites\\legacy-crm\\export"
        )
    );
}

#[test]
fn a_virtual_directory_an_application_would_hide_is_refused_and_the_reverse_too() {
    let schema = SchemaSet::bundled();
    let mut d = demo();
    for (path, rule) in [
        (
            "/hr",
            "\"/hr\" is already application \"intranet/hr\": a virtual directory there would be hidden by it",
        ),
        (
            "/HR/x",
            "\"/HR/x\" is inside application \"intranet/hr\": a virtual directory there would be hidden by it",
        ),
    ] {
        let err =
            add_virtual_directory(&mut d, &schema, "intranet/", path, "D:\\x").expect_err(path);
        assert_eq!(err.to_string(), rule);
    }
    assert_eq!(d.text(), DEMO);
    // Beside an application, or inside the application itself, it is fine.
    add_virtual_directory(&mut d, &schema, "intranet/", "/hrx", "D:\\x").expect("not /hr");
    add_virtual_directory(&mut d, &schema, "intranet/hr", "/x", "D:\\x").expect("in /hr");
    let mut d = demo();
    for (path, rule) in [
        (
            "/docs",
            "\"/docs\" is already virtual directory \"intranet/docs\" of application \"intranet/\": an application there would hide it",
        ),
        (
            "/hr/forms",
            "\"/hr/forms\" is already virtual directory \"intranet/hr/forms\" of application \"intranet/hr\": an application there would hide it",
        ),
    ] {
        let err =
            add_application(&mut d, &schema, "intranet", path, "D:\\x", None).expect_err(path);
        assert_eq!(err.to_string(), rule);
    }
    add_application(&mut d, &schema, "intranet", "/docs/team", "D:\\x", None)
        .expect("an application under a virtual directory");
    let mut d = demo();
    let err = add_application(&mut d, &schema, "shop.tailspin.com", "/", "D:\\x", None)
        .expect_err("root");
    assert!(err.to_string().contains("already exists"), "{err}");
}

#[test]
fn a_pool_left_specific_user_without_a_user_name_is_warned_not_refused() {
    let schema = SchemaSet::bundled();
    let mut d = demo();
    let pool = Target::AppPool(String::from("DefaultAppPool"));
    let set = |key: &str, value: &str| Setting::Set {
        key: key.to_owned(),
        value: value.to_owned(),
    };
    let change = apply_settings(
        &mut d,
        &schema,
        &pool,
        &[set("processModel.identityType", "SpecificUser")],
    )
    .expect("saved with a warning");
    let rule = crate::model::validate::validate(&d, &schema)
        .into_iter()
        .find(|f| f.place.ends_with("add[DefaultAppPool]"))
        .expect("validate reports it");
    assert_eq!(
        change.warnings,
        [format!(
            "application pool \"DefaultAppPool\": {}",
            rule.message
        )]
    );
    // With the user name in the same change, nothing to warn about.
    let mut d = demo();
    let change = apply_settings(
        &mut d,
        &schema,
        &pool,
        &[
            set("processModel.identityType", "SpecificUser"),
            set("processModel.userName", "CORP\\svc"),
        ],
    )
    .expect("saved");
    assert!(
        !change
            .warnings
            .iter()
            .any(|w| w.contains("userName is empty")),
        "{:?}",
        change.warnings
    );
}
