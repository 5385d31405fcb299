//! Table tests of changing bindings in place, removing them, and what a site rename carries
//! along, on the small CRLF fixture: bytes as IIS would leave them, exact inverses, refusals
//! with the rule they break.

use super::*;
use crate::model::doc::Document;
use crate::model::schema::SchemaSet;

const FIXTURE: &str = include_str!("../../../tests/fixtures/apphost_small.config");

fn doc() -> Document {
    Document::parse_str(FIXTURE).expect("fixture parses")
}

fn settings(args: &[&str]) -> Vec<Setting> {
    args.iter()
        .map(|a| Setting::parse(a).expect("setting"))
        .collect()
}

fn edit(d: &mut Document, site: &str, spec: &str, args: &[&str]) -> Result<Change, ModelError> {
    edit_binding(d, &SchemaSet::bundled(), site, spec, &settings(args))
}

#[test]
fn an_edit_changes_the_binding_in_place_and_undoes_exactly() {
    let mut d = doc();
    let change = edit(
        &mut d,
        "contoso",
        "http/*:80:contoso.com",
        &["bindingInformation=*:8080:contoso.com"],
    )
    .expect("edit");
    assert!(d.text().contains(
        "<binding protocol=\"http\" bindingInformation=\"*:8080:contoso.com\" />\r\n                    <binding protocol=\"https\""
    ), "same place, same spelling");
    assert_eq!(
        change.summary,
        ["changed binding http/*:80:contoso.com to http/*:8080:contoso.com on site \"Contoso\""]
    );
    Document::parse_str(d.text()).expect("re-parses");
    d.apply_all(&change.inverse).expect("undo");
    assert_eq!(d.text(), FIXTURE);
}

#[test]
fn https_parts_are_checked_and_written_as_iis_spells_them() {
    let mut d = doc();
    let hash = "3A4F9C2E7B1D8F6A0C5E4B3D2A1F0E9D8C7B6A54";
    let change = edit(
        &mut d,
        "Contoso",
        "https/*:443:contoso.com",
        &[
            &format!("certificateHash={hash}"),
            "sslFlags=sni,disablehttp2",
        ],
    )
    .expect("edit");
    assert!(
        d.text().contains(&format!(
            "bindingInformation=\"*:443:contoso.com\" sslFlags=\"Sni, DisableHTTP2\" certificateHash=\"{hash}\" certificateStoreName=\"My\" />"
        )),
        "{}",
        d.text()
    );
    assert!(
        change
            .warnings
            .iter()
            .any(|w| w.contains("netsh http add sslcert")),
        "{:?}",
        change.warnings
    );
    edit(
        &mut d,
        "Contoso",
        "https/*:443:contoso.com",
        &["-sslFlags", "certificateStoreName=WebHosting"],
    )
    .expect("edit");
    assert!(d.text().contains(&format!(
        "bindingInformation=\"*:443:contoso.com\" certificateHash=\"{hash}\" certificateStoreName=\"WebHosting\" />"
    )));

    let refusals = [
        (
            vec!["certificateHash=\u{200e}3A4F9C2E7B1D8F6A0C5E4B3D2A1F0E9D8C7B6A54"],
            "U+200E",
        ),
        (vec!["certificateHash=3A4F"], "40 hexadecimal digits"),
        (vec!["sslFlags=Turbo"], "sslFlags"),
        (vec!["protocol=http"], "https bindings only"),
        (vec!["-protocol"], "identifies the binding"),
        (vec!["hostName=x"], "did you mean"),
        (vec!["+x.[a='1']"], "no collections"),
    ];
    for (args, why) in refusals {
        let before = d.text().to_owned();
        let err = edit(&mut d, "Contoso", "https/*:443:contoso.com", &args)
            .expect_err("refused")
            .to_string();
        assert!(err.contains(why), "{args:?}: {err}");
        assert_eq!(d.text(), before, "a refused edit changes nothing");
    }
}

#[test]
fn an_endpoint_in_use_is_refused_naming_who_uses_it() {
    let mut d = doc();
    let err = edit(
        &mut d,
        "Contoso",
        "http/*:80:contoso.com",
        &["bindingInformation=*:80:"],
    )
    .expect_err("taken");
    assert_eq!(
        err.to_string(),
        "binding http/*:80: is already used by site \"Default Web Site\""
    );
    let err = edit(
        &mut d,
        "Contoso",
        "http/*:80:contoso.com",
        &["protocol=https", "bindingInformation=*:443:CONTOSO.com"],
    )
    .expect_err("its own other binding");
    assert!(
        err.to_string().contains("used by site \"Contoso\""),
        "{err}"
    );
    let unchanged = edit(
        &mut d,
        "Contoso",
        "http/*:80:contoso.com",
        &["protocol=http"],
    )
    .expect("no-op");
    assert!(unchanged.is_empty() && unchanged.summary[0].contains("unchanged"));
}

#[test]
fn the_last_binding_is_never_removed() {
    let schema = SchemaSet::bundled();
    let mut d = doc();
    let err =
        remove_binding(&mut d, &schema, "Default Web Site", "http/*:80:").expect_err("last one");
    assert_eq!(
        err.to_string(),
        "invalid binding \"http/*:80:\": it is the last binding of site \"Default Web Site\"; a site needs at least one (add another first)"
    );
    assert_eq!(d.text(), FIXTURE);
    let err = remove_binding(&mut d, &schema, "Contoso", "http/*:81:contoso.com")
        .expect_err("no such binding");
    assert!(err.to_string().contains("did you mean"), "{err}");
}

#[test]
fn adding_checks_the_https_parts_too() {
    let schema = SchemaSet::bundled();
    let mut d = doc();
    let mut binding = Binding::parse_spec("http/*:8080:x.example").expect("spec");
    binding.certificate_hash = Some(String::from("3A4F9C2E7B1D8F6A0C5E4B3D2A1F0E9D8C7B6A54"));
    let err = add_binding(&mut d, &schema, "Contoso", &binding).expect_err("http");
    assert!(err.to_string().contains("https bindings only"), "{err}");
    let mut binding = Binding::parse_spec("https/*:8443:x.example").expect("spec");
    binding.ssl_flags = Some(String::from("sni"));
    binding.certificate_hash = Some(String::from("3A4F9C2E7B1D8F6A0C5E4B3D2A1F0E9D8C7B6A54"));
    binding.certificate_store_name = Some(String::from("WebHosting"));
    add_binding(&mut d, &schema, "Contoso", &binding).expect("https");
    assert!(d.text().contains(
        "<binding protocol=\"https\" bindingInformation=\"*:8443:x.example\" sslFlags=\"Sni\" certificateHash=\"3A4F9C2E7B1D8F6A0C5E4B3D2A1F0E9D8C7B6A54\" certificateStoreName=\"WebHosting\" />"
    ));
}

#[test]
fn a_site_rename_moves_its_location_sections() {
    let schema = SchemaSet::bundled();
    let mut d = doc();
    let change = apply_settings(
        &mut d,
        &schema,
        &Target::Site(String::from("contoso")),
        &settings(&["name=Shop"]),
    )
    .expect("rename");
    assert!(d.text().contains("<site name=\"Shop\" id=\"3\">"));
    assert!(
        d.text()
            .contains("<location path=\"Shop/api\" overrideMode=\"Allow\">")
    );
    assert!(
        change
            .summary
            .iter()
            .any(|s| s == "<location path=\"Contoso/api\"> (line 61) now reads \"Shop/api\""),
        "{:?}",
        change.summary
    );
    let host = AppHost::new(&d, &schema);
    assert_eq!(
        host.application("Shop/api").map(|a| a.id()).ok().as_deref(),
        Some("Shop/api"),
        "applications stay with the site"
    );
    assert_eq!(host.site("Shop").map(|s| s.bindings().len()).ok(), Some(2));
    d.apply_all(&change.inverse).expect("undo");
    assert_eq!(d.text(), FIXTURE);
}
