//! `set` refusals that `add` already had: an application pool that does not exist (unless
//! forced), and time spans that do not say their unit.

use super::*;
use crate::model::doc::Document;
use crate::model::schema::SchemaSet;

const FIXTURE: &str = include_str!("../../../tests/fixtures/apphost_small.config");

fn set(
    doc: &mut Document,
    target: Target,
    key: &str,
    value: &str,
    force: bool,
) -> Result<Change, ModelError> {
    set_keys_with(
        doc,
        &SchemaSet::bundled(),
        &target,
        &[(key.to_owned(), value.to_owned())],
        SetOptions { force },
    )
}

fn root_app() -> Target {
    Target::Application(String::from("Default Web Site/"))
}

#[test]
fn a_pool_that_does_not_exist_is_refused_with_suggestions_unless_forced() {
    let mut d = Document::parse_str(FIXTURE).expect("fixture");
    let err =
        set(&mut d, root_app(), "applicationPool", "ContosoPol", false).expect_err("no such pool");
    assert_eq!(
        err.to_string(),
        "no application pool named \"ContosoPol\"; did you mean: ContosoPool? (or add it first, or pass --force to write the name anyway)"
    );
    let site_default = Target::Site(String::from("Contoso"));
    let err = set(
        &mut d,
        site_default.clone(),
        "applicationDefaults.applicationPool",
        "NoSuchPool",
        false,
    )
    .expect_err("site's default pool too");
    assert!(
        err.to_string()
            .starts_with("no application pool named \"NoSuchPool\""),
        "{err}"
    );
    assert_eq!(d.text(), FIXTURE, "a refused set changed the document");

    // An existing pool is written as it is spelled in <applicationPools>.
    let change = set(&mut d, root_app(), "applicationPool", "contosopool", false).expect("set");
    assert!(
        d.text()
            .contains("<application path=\"/\" applicationPool=\"ContosoPool\">")
    );
    assert!(change.warnings.is_empty(), "{:?}", change.warnings);

    // Forced: written, with a warning that says what happens.
    let change = set(
        &mut d,
        site_default,
        "applicationDefaults.applicationPool",
        "Later",
        true,
    )
    .expect("forced");
    assert!(
        d.text()
            .contains("<applicationDefaults applicationPool=\"Later\" />"),
        "{}",
        d.text()
    );
    assert!(
        change
            .warnings
            .iter()
            .any(|w| w.contains("\"Later\" does not exist")),
        "{:?}",
        change.warnings
    );
}

#[test]
fn time_spans_must_say_their_unit_and_are_written_as_iis_writes_them() {
    let mut d = Document::parse_str(FIXTURE).expect("fixture");
    let pool = || Target::AppPool(String::from("ClassicPool"));
    let err =
        set(&mut d, pool(), "processModel.idleTimeout", "20", false).expect_err("bare number");
    let message = err.to_string();
    assert!(
        message.contains("20m") && message.contains("00:20:00") && message.contains("20 days"),
        "{message}"
    );
    assert_eq!(d.text(), FIXTURE, "a refused set changed the document");

    let cases = [
        ("processModel.idleTimeout", "20m", "00:20:00"),
        ("processModel.idleTimeout", "1h30m", "01:30:00"),
        ("processModel.idleTimeout", "00:45:00", "00:45:00"),
        ("recycling.periodicRestart.time", "2d", "2.00:00:00"),
        ("processModel.pingInterval", "1.02:03:04", "1.02:03:04"),
    ];
    for (key, typed, written) in cases {
        let change =
            set(&mut d, pool(), key, typed, false).unwrap_or_else(|e| panic!("{typed}: {e}"));
        let attr = key.rsplit('.').next().unwrap_or(key);
        assert!(
            d.text().contains(&format!("{attr}=\"{written}\"")),
            "{typed}: {}",
            d.text()
        );
        // The echo names the value written, not the one typed.
        assert!(
            change
                .summary
                .iter()
                .any(|line| line.contains(&format!("set {key} = {written}"))),
            "{typed}: {:?}",
            change.summary
        );
    }
    // The schema's range still applies to the normalised value.
    let err = set(&mut d, pool(), "processModel.idleTimeout", "90s", false)
        .expect_err("idleTimeout is whole minutes");
    assert!(err.to_string().contains("multiple of 60 seconds"), "{err}");
}
