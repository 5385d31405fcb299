//! Update tier for Advanced Settings: keys → pending edits → review → the real store, and the
//! bytes compared with the CLI's model call for the same settings.

mod common;

use common::tui::*;
use iistui::model::apphost::{Setting, Target, apply_settings};
use iistui::model::doc::Document;
use iistui::model::schema::SchemaSet;
use iistui::tui::advanced::{AdvancedSettings, Mode, Pending};
use iistui::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;

fn grid(app: &iistui::tui::app::App) -> &AdvancedSettings {
    app.dialogs
        .top_as::<AdvancedSettings>()
        .expect("the grid is open")
}

/// The bytes `iistui set` writes for the same settings on the original file.
fn cli_bytes(original: &str, target: Target, args: &[&str]) -> String {
    let mut doc = Document::parse_str(original).expect("parse");
    let settings: Vec<Setting> = args
        .iter()
        .map(|a| Setting::parse(a).expect("setting"))
        .collect();
    apply_settings(&mut doc, &SchemaSet::bundled(), &target, &settings).expect("model");
    doc.text().to_owned()
}

/// Equal texts, or a failure that shows their diff (not two whole files).
fn assert_same(got: &str, want: &str) {
    if got != want {
        let diff = iistui::model::store::unified_diff(want, got, std::path::Path::new("expected"));
        panic!("the file differs from the CLI's bytes:\n{diff}");
    }
}

fn search(app: &mut iistui::tui::app::App, text: &str) {
    send(app, ch('/'));
    typed(app, text);
    send(app, key(KeyCode::Enter));
}

#[test]
fn start_mode_through_the_grid_writes_what_the_cli_writes() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let original = std::fs::read_to_string(&path).expect("read");
    send(&mut app, ch('3'));
    send(&mut app, ch('j'));
    send(&mut app, ch('A'));
    assert_eq!(grid(&app).objects, ["contoso.com"]);
    search(&mut app, "start mode");
    send(&mut app, key(KeyCode::Enter));
    assert!(matches!(grid(&app).mode, Mode::Edit { .. }));
    typed(&mut app, "ondem");
    send(&mut app, key(KeyCode::Enter));
    let row = grid(&app).selected_row().expect("row");
    assert_eq!(
        grid(&app).pending.get(&row),
        Some(&Pending::Set(String::from("OnDemand")))
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        original,
        "pending: nothing written"
    );
    send(&mut app, ctrl('s'));
    assert!(matches!(grid(&app).mode, Mode::Review(_)));
    send(&mut app, key(KeyCode::Tab));
    send_and_run(&mut app, key(KeyCode::Enter));
    assert!(app.dialogs.is_empty(), "saved: the grid closes");
    assert_same(
        &std::fs::read_to_string(&path).expect("read"),
        &cli_bytes(
            &original,
            Target::AppPool(String::from("contoso.com")),
            &["startMode=OnDemand"],
        ),
    );
}

#[test]
fn reset_removes_the_explicit_value_and_undo_brings_it_back() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let original = std::fs::read_to_string(&path).expect("read");
    send(&mut app, ch('3'));
    send(&mut app, ch('j'));
    send(&mut app, ch('A'));
    search(&mut app, "idle time-out");
    send(&mut app, ch('r'));
    let row = grid(&app).selected_row().expect("row");
    assert_eq!(grid(&app).pending.get(&row), Some(&Pending::Reset));
    send(&mut app, ctrl('s'));
    send(&mut app, key(KeyCode::Tab));
    send_and_run(&mut app, key(KeyCode::Enter));
    let saved = std::fs::read_to_string(&path).expect("read");
    assert_same(
        &saved,
        &cli_bytes(
            &original,
            Target::AppPool(String::from("contoso.com")),
            &["-processModel.idleTimeout"],
        ),
    );
    send_and_run(&mut app, ch('z'));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), original);
}

#[test]
fn marked_pools_are_edited_together_in_one_review() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let original = std::fs::read_to_string(&path).expect("read");
    send(&mut app, ch('3'));
    send(&mut app, ch(' '));
    send(&mut app, ch(' '));
    send(&mut app, ch('A'));
    assert_eq!(grid(&app).objects.len(), 2);
    search(&mut app, "queue length");
    send(&mut app, key(KeyCode::Enter));
    send(&mut app, ctrl('u'));
    typed(&mut app, "70000");
    send(&mut app, key(KeyCode::Enter));
    let Mode::Edit { form, .. } = &grid(&app).mode else {
        panic!("stays in the editor: {:?}", grid(&app).mode)
    };
    assert!(
        form.fields[0].error.is_some(),
        "queueLength is limited to 65535"
    );
    send(&mut app, ctrl('u'));
    typed(&mut app, "2000");
    send(&mut app, key(KeyCode::Enter));
    send(&mut app, ctrl('s'));
    let Mode::Review(review) = &grid(&app).mode else {
        panic!("review")
    };
    assert_eq!(review.cli.lines().count(), 2, "{}", review.cli);
    assert_eq!(review.diff.matches("queueLength=\"2000\"").count(), 2);
    send(&mut app, key(KeyCode::Tab));
    send_and_run(&mut app, key(KeyCode::Enter));
    assert!(
        app.lists.pools.marked.is_empty(),
        "saved: the marks have done their work"
    );
    let names: Vec<String> = grid_names(&original);
    let mut expected = original.clone();
    for name in names.iter().take(2) {
        expected = cli_bytes(
            &expected,
            Target::AppPool(name.clone()),
            &["queueLength=2000"],
        );
    }
    assert_same(&std::fs::read_to_string(&path).expect("read"), &expected);
}

/// Pool names in list order (sorted by name, as the list shows them).
fn grid_names(config: &str) -> Vec<String> {
    let doc = Document::parse_str(config).expect("parse");
    let schema = SchemaSet::bundled();
    let host = iistui::model::apphost::AppHost::new(&doc, &schema);
    let names: Vec<String> = host
        .app_pools()
        .iter()
        .map(|p| p.name().into_owned())
        .collect();
    names
}

#[test]
fn esc_with_pending_edits_asks_and_discard_writes_nothing() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let original = std::fs::read(&path).expect("read");
    send(&mut app, ch('3'));
    send(&mut app, ch('A'));
    search(&mut app, "32-bit");
    send(&mut app, key(KeyCode::Enter));
    assert_eq!(grid(&app).pending.len(), 1, "a yes/no row flips in place");
    send(&mut app, key(KeyCode::Esc));
    assert!(
        grid(&app).search.text().is_empty(),
        "the first Esc clears the search"
    );
    send(&mut app, key(KeyCode::Esc));
    assert!(matches!(grid(&app).mode, Mode::Discard(_)));
    send(&mut app, key(KeyCode::Enter));
    assert_eq!(grid(&app).mode, Mode::Browse, "Keep editing is the default");
    send(&mut app, key(KeyCode::Esc));
    send(&mut app, key(KeyCode::Tab));
    send(&mut app, key(KeyCode::Enter));
    assert!(app.dialogs.is_empty());
    assert_eq!(std::fs::read(&path).expect("read"), original);
}

#[test]
fn environment_variables_are_added_as_collection_items() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let original = std::fs::read_to_string(&path).expect("read");
    send(&mut app, ch('3'));
    send(&mut app, ch('j'));
    send(&mut app, ch('A'));
    search(&mut app, "environment variables");
    send(&mut app, key(KeyCode::Enter));
    assert!(matches!(grid(&app).mode, Mode::Items(_)));
    send(&mut app, ch('a'));
    typed(&mut app, "ASPNETCORE_ENVIRONMENT");
    send(&mut app, key(KeyCode::Tab));
    typed(&mut app, "Staging");
    send(&mut app, key(KeyCode::Enter));
    send(&mut app, key(KeyCode::Esc));
    assert_eq!(grid(&app).pending.len(), 1);
    send(&mut app, ctrl('s'));
    send(&mut app, key(KeyCode::Tab));
    send_and_run(&mut app, key(KeyCode::Enter));
    assert_same(
        &std::fs::read_to_string(&path).expect("read"),
        &cli_bytes(
            &original,
            Target::AppPool(String::from("contoso.com")),
            &["+environmentVariables.[name='ASPNETCORE_ENVIRONMENT',value='Staging']"],
        ),
    );
}

#[test]
fn site_rows_write_to_the_root_application_and_virtual_directory() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let original = std::fs::read_to_string(&path).expect("read");
    send(&mut app, ch('2'));
    send(&mut app, ch('j'));
    send(&mut app, ch('A'));
    search(&mut app, "preload");
    send(&mut app, key(KeyCode::Enter));
    assert_eq!(grid(&app).pending.len(), 1, "{:?}", app.status);
    send(&mut app, ctrl('s'));
    assert!(
        matches!(grid(&app).mode, Mode::Review(_)),
        "{:?}",
        app.status
    );
    send(&mut app, key(KeyCode::Tab));
    send_and_run(&mut app, key(KeyCode::Enter));
    assert!(app.dialogs.is_empty(), "{:?} {:?}", app.status, app.dialogs);
    assert_same(
        &std::fs::read_to_string(&path).expect("read"),
        &cli_bytes(
            &original,
            Target::Application(String::from("contoso.com/")),
            // The demo's contoso.com preloads; Enter on a yes/no row flips it.
            &["preloadEnabled=false"],
        ),
    );
}

#[test]
fn a_time_span_typed_with_units_is_taken_and_written_as_the_cli_writes_it() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let original = std::fs::read_to_string(&path).expect("read");
    send(&mut app, ch('3'));
    send(&mut app, ch('j'));
    send(&mut app, ch('A'));
    search(&mut app, "idle time-out");
    send(&mut app, key(KeyCode::Enter));
    assert!(matches!(grid(&app).mode, Mode::Edit { .. }));
    send(&mut app, ctrl('u'));
    typed(&mut app, "1h30m");
    send(&mut app, key(KeyCode::Enter));
    assert!(
        !matches!(grid(&app).mode, Mode::Edit { .. }),
        "1h30m is a time span, as the field's own message says: {:?}",
        app.status
    );
    send(&mut app, ctrl('s'));
    send(&mut app, key(KeyCode::Tab));
    send_and_run(&mut app, key(KeyCode::Enter));
    assert!(app.dialogs.is_empty(), "saved: {:?}", app.status);
    let saved = std::fs::read_to_string(&path).expect("read");
    assert!(
        saved.contains("idleTimeout=\"01:30:00\""),
        "written as IIS writes it"
    );
    assert_same(
        &saved,
        &cli_bytes(
            &original,
            Target::AppPool(String::from("contoso.com")),
            &["processModel.idleTimeout=1h30m"],
        ),
    );
}

#[test]
fn a_sites_id_is_edited_in_the_grid_as_in_iis_manager() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let original = std::fs::read_to_string(&path).expect("read");
    send(&mut app, ch('2'));
    send(&mut app, ch('j'));
    send(&mut app, ch('A'));
    assert_eq!(grid(&app).objects, ["contoso.com"]);
    let row = grid(&app)
        .rows
        .iter()
        .position(|r| r.spec.key == "id")
        .expect("an ID row");
    while grid(&app).selected_row() != Some(row) {
        send(&mut app, ch('j'));
    }
    send(&mut app, key(KeyCode::Enter));
    assert!(
        matches!(grid(&app).mode, Mode::Edit { .. }),
        "{:?}",
        app.status
    );
    send(&mut app, ctrl('u'));
    typed(&mut app, "20");
    send(&mut app, key(KeyCode::Enter));
    send(&mut app, ctrl('s'));
    send(&mut app, key(KeyCode::Tab));
    send_and_run(&mut app, key(KeyCode::Enter));
    assert!(app.dialogs.is_empty(), "saved: {:?}", app.status);
    assert_same(
        &std::fs::read_to_string(&path).expect("read"),
        &cli_bytes(
            &original,
            Target::Site(String::from("contoso.com")),
            &["id=20"],
        ),
    );
}
