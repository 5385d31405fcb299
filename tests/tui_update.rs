//! Update tier: key sequences → actions → state, headless (no terminal). Store effects run
//! through the real runner against a temp copy of the demo server.

mod common;

use common::tui::*;
use iistui::model::apphost::{AppHost, Binding, NewSite, add_site};
use iistui::tui::app::{Focus, View};
use iistui::tui::dialog::{AddSite, Conflict, Help, Quit, Review};
use iistui::tui::msg::Effect;
use iistui::tui::op::ModelOp;
use iistui::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;

#[test]
fn number_keys_views_and_tab_focus() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    assert_eq!((app.view.clone(), app.focus), (View::Start, Focus::Tree));
    send(&mut app, ch('2'));
    assert_eq!((app.view.clone(), app.focus), (View::Sites, Focus::Main));
    assert_eq!(app.lists.sites.len(), 13);
    send(&mut app, ch('j'));
    send(&mut app, key(KeyCode::Down));
    assert_eq!(app.selected_name().as_deref(), Some("api.contoso.com"));
    send(&mut app, ch('G'));
    assert_eq!(app.selected_name().as_deref(), Some("staging.contoso.com"));
    send(&mut app, ch('3'));
    assert_eq!(app.view, View::Pools);
    send(&mut app, key(KeyCode::Tab));
    assert_eq!(app.focus, Focus::Tree);
    send(&mut app, key(KeyCode::Tab));
    assert_eq!(app.focus, Focus::Main);
    send(&mut app, ch('1'));
    assert_eq!(app.focus, Focus::Tree);
}

#[test]
fn enter_drills_down_and_esc_goes_back_without_quitting() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    app.width = 160;
    send(&mut app, ch('2'));
    for _ in 0..4 {
        send(&mut app, ch('j'));
    }
    assert_eq!(app.selected_name().as_deref(), Some("intranet"));
    send(&mut app, key(KeyCode::Enter));
    assert_eq!(
        app.view,
        View::Apps {
            site: Some(String::from("intranet"))
        }
    );
    assert_eq!(app.lists.apps.len(), 3);
    send(&mut app, key(KeyCode::Enter));
    assert_eq!(
        app.view,
        View::Vdirs {
            app: String::from("intranet/")
        }
    );
    for _ in 0..10 {
        send(&mut app, key(KeyCode::Esc));
        assert!(!app.quit, "Esc never quits");
    }
    assert_eq!(app.view, View::Start);
}

#[test]
fn narrow_terminals_show_details_on_enter() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    app.width = 80;
    send(&mut app, ch('2'));
    send(&mut app, key(KeyCode::Enter));
    assert!(app.details_open);
    send(&mut app, key(KeyCode::Esc));
    assert!(!app.details_open);
    assert_eq!(app.view, View::Sites);
}

#[test]
fn filter_narrows_and_esc_clears() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    send(&mut app, ch('2'));
    send(&mut app, ch('/'));
    typed(&mut app, "tail");
    assert_eq!(app.lists.sites.len(), 2);
    assert_eq!(app.selected_name().as_deref(), Some("shop.tailspin.com"));
    send(&mut app, key(KeyCode::Backspace));
    assert_eq!(app.lists.sites.filter, "tai");
    send(&mut app, key(KeyCode::Enter));
    assert!(
        !app.lists.sites.filtering,
        "Enter keeps the filter and leaves the input"
    );
    send(&mut app, key(KeyCode::Esc));
    assert_eq!(
        (app.lists.sites.filter.as_str(), app.lists.sites.len()),
        ("", 13)
    );
}

#[test]
fn palette_runs_actions_and_finds_objects() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    send(&mut app, ch(':'));
    typed(&mut app, "pools");
    send(&mut app, key(KeyCode::Enter));
    assert_eq!(app.view, View::Pools);
    assert!(app.dialogs.is_empty());
    send(&mut app, ch(':'));
    typed(&mut app, "site shop");
    send(&mut app, key(KeyCode::Enter));
    assert_eq!(
        (app.view.clone(), app.selected_name().as_deref()),
        (View::Sites, Some("shop.tailspin.com"))
    );
    // A filter that hides the object is cleared to show it.
    send(&mut app, ch('/'));
    typed(&mut app, "conto");
    send(&mut app, key(KeyCode::Enter));
    send(&mut app, ch(':'));
    typed(&mut app, "site fabrik");
    send(&mut app, key(KeyCode::Enter));
    assert_eq!(app.selected_name().as_deref(), Some("fabrikam.net"));
    assert!(app.lists.sites.filter.is_empty(), "the filter hid it");
    send(&mut app, ch(':'));
    typed(&mut app, "add website");
    send(&mut app, key(KeyCode::Enter));
    assert!(app.dialogs.top_as::<AddSite>().is_some());
    send(&mut app, key(KeyCode::Esc));
    // An action answers to its command id too (help and the palette's details show it).
    send(&mut app, ch(':'));
    typed(&mut app, "add-vdir");
    let first = iistui::tui::dialog::palette_items(&app, "add-vdir");
    assert_eq!(
        first.first().map(|i| i.label.as_str()),
        Some("Add Virtual Directory")
    );
    send(&mut app, key(KeyCode::Esc));
    send(&mut app, ch(':'));
    send(&mut app, ch('q'));
    send(&mut app, key(KeyCode::Enter));
    assert!(app.quit);
}

#[test]
fn help_overlay_lists_and_searches_actions() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    send(&mut app, ch('?'));
    assert!(app.dialogs.top_as::<Help>().is_some());
    send(&mut app, ch('/'));
    typed(&mut app, "undo q");
    let help = app.dialogs.top_as::<Help>().expect("help open");
    assert_eq!(help.query.text(), "undo q", "q is text while searching");
    send(&mut app, key(KeyCode::Enter));
    send(&mut app, key(KeyCode::Esc));
    assert!(app.dialogs.is_empty());
}

#[test]
fn delete_defaults_to_cancel_and_changes_nothing() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let before = std::fs::read(&path).expect("read");
    send(&mut app, ch('2'));
    send(&mut app, ch('j'));
    let effects = send(&mut app, ch('d'));
    assert!(effects.is_empty());
    let confirm = app.dialogs.top_as::<Review>().expect("confirm dialog");
    assert_eq!(confirm.buttons.focused(), "Cancel");
    assert!(
        confirm
            .diff
            .contains("-            <site name=\"contoso.com\""),
        "{}",
        confirm.diff
    );
    assert!(
        confirm.cli.starts_with("iistui --config ")
            && confirm.cli.ends_with(" delete site contoso.com"),
        "{}",
        confirm.cli
    );
    let effects = send(&mut app, key(KeyCode::Enter));
    assert!(effects.is_empty() && app.dialogs.is_empty());
    assert_eq!(std::fs::read(&path).expect("read"), before);
    assert_eq!(app.lists.sites.len(), 13);
}

#[test]
fn confirmed_delete_saves_and_undo_restores_the_bytes() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let before = std::fs::read(&path).expect("read");
    send(&mut app, ch('2'));
    send(&mut app, ch('j'));
    send(&mut app, ch('d'));
    send(&mut app, key(KeyCode::Tab));
    let effects = send(&mut app, key(KeyCode::Enter));
    assert_eq!(
        effects,
        vec![Effect::Apply {
            conn: 0,
            op: ModelOp::DeleteSite(String::from("contoso.com")),
            dialog: Some(1),
        }]
    );
    // Run it for real: the runner saves and posts the result back.
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let runner = iistui::tui::effect::Runner::new(tx);
    for effect in effects {
        runner.run(&mut app, effect);
    }
    while let Ok(msg) = rx.try_recv() {
        send(&mut app, msg);
    }
    let saved = std::fs::read_to_string(&path).expect("read");
    assert!(!saved.contains("site name=\"contoso.com\""));
    assert_eq!(app.lists.sites.len(), 12, "status: {:?}", app.status);
    assert!(app.dialogs.is_empty(), "the review closes once saved");
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("deleted site \"contoso.com\"")),
        "{:?}",
        app.status
    );
    send_and_run(&mut app, ch('z'));
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "undo writes the inverse"
    );
    send_and_run(&mut app, ch('Z'));
    assert!(
        !std::fs::read_to_string(&path)
            .expect("read")
            .contains("site name=\"contoso.com\""),
        "redo"
    );
}

#[test]
fn add_website_writes_the_same_bytes_as_the_cli_model_call() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let original = std::fs::read_to_string(&path).expect("read");
    send(&mut app, ch('a'));
    typed(&mut app, "shop.example.com");
    send(&mut app, key(KeyCode::Tab));
    send(&mut app, key(KeyCode::Tab));
    typed(&mut app, "C:\\sites\\shop");
    send(&mut app, ctrl('s'));
    let wizard = app.dialogs.top_as::<AddSite>().expect("wizard");
    let iistui::tui::dialog::AddSiteStep::Review(page) = &wizard.step else {
        panic!("review page: {:?}", wizard.step)
    };
    assert!(
        page.review.cli.contains(
            " add site --name shop.example.com --physical-path 'C:\\sites\\shop' --binding 'http/*:80:shop.example.com'"
        ),
        "{}",
        page.review.cli
    );
    send(&mut app, key(KeyCode::Tab));
    send_and_run(&mut app, key(KeyCode::Enter));
    assert!(app.dialogs.is_empty(), "{:?}", app.dialogs);
    // The CLI calls the same model function: the bytes must be identical.
    let schema = iistui::model::schema::SchemaSet::bundled();
    let mut doc = iistui::model::doc::Document::parse_str(&original).expect("parse");
    let site = NewSite {
        name: String::from("shop.example.com"),
        physical_path: String::from("C:\\sites\\shop"),
        bindings: vec![Binding::parse_spec("http/*:80:shop.example.com").expect("binding")],
        app_pool: None,
        id: None,
    };
    add_site(&mut doc, &schema, &site).expect("model add");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), doc.text());
    assert!(AppHost::new(&doc, &schema).site("shop.example.com").is_ok());
}

#[test]
fn add_website_shows_refusals_in_the_form() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    send(&mut app, ch('a'));
    typed(&mut app, "contoso.com");
    let wizard = app.dialogs.top_as::<AddSite>().expect("form");
    let name = wizard.form.field("name").expect("name field");
    assert!(
        name.error
            .as_deref()
            .is_some_and(|e| e.contains("already exists")),
        "checked while typing: {:?}",
        name.error
    );
    // The first binding follows the name, and is checked as it is typed too.
    assert!(
        wizard.bindings.problems[0]
            .error
            .as_deref()
            .is_some_and(|e| e.contains("used by site \"contoso.com\"")),
        "{:?}",
        wizard.bindings.problems
    );
    send(&mut app, key(KeyCode::Tab));
    send(&mut app, ctrl('s'));
    let wizard = app.dialogs.top_as::<AddSite>().expect("form stays open");
    assert_eq!(wizard.step, iistui::tui::dialog::AddSiteStep::Form);
    let errors: Vec<&str> = wizard
        .form
        .fields
        .iter()
        .filter_map(|f| f.error.as_deref())
        .collect();
    assert_eq!(errors.len(), 2, "every error at once: {errors:?}");
    assert_eq!(wizard.form.focused, 0, "the first error has focus");
}

#[test]
fn quit_asks_only_when_something_is_unfinished() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    send(&mut app, ch('a'));
    typed(&mut app, "half typed");
    send(&mut app, ctrl('c'));
    let quit = app.dialogs.top_as::<Quit>().expect("quit question");
    assert_eq!(quit.buttons.focused(), "Cancel");
    send(&mut app, key(KeyCode::Enter));
    assert!(!app.quit, "Cancel is the default");
    send(&mut app, ctrl('c'));
    send(&mut app, key(KeyCode::Tab));
    send(&mut app, key(KeyCode::Enter));
    assert!(app.quit);

    let (_dir, _path, mut idle) = demo_app(Theme::default_theme());
    send(&mut idle, ch('q'));
    assert!(idle.quit, "nothing unfinished: q quits at once");
    let (_dir, _path, mut idle) = demo_app(Theme::default_theme());
    send(&mut idle, ctrl('c'));
    assert!(idle.quit);
}

#[test]
fn key_releases_are_ignored() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    send(&mut app, release('2'));
    send(&mut app, release('q'));
    assert_eq!(app.view, View::Start);
    assert!(!app.quit);
}

#[test]
fn read_only_connections_refuse_changes() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    app.conns[0].read_only = true;
    send(&mut app, ch('2'));
    send(&mut app, ch('d'));
    assert!(app.dialogs.is_empty());
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("read-only"))
    );
    send(&mut app, ch('a'));
    assert!(app.dialogs.is_empty());
    assert_eq!(
        std::fs::read(&path).expect("read"),
        std::fs::read(DEMO_CONFIG).expect("demo")
    );
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let edited = std::fs::read_to_string(&path)
        .expect("read")
        .replace("LegacyCRM", "LegacyCRM2");
    std::fs::write(&path, &edited).expect("external edit");
    send(&mut app, ch('2'));
    send(&mut app, ch('d'));
    send(&mut app, key(KeyCode::Tab));
    send_and_run(&mut app, key(KeyCode::Enter));
    assert!(
        app.dialogs.top_as::<Conflict>().is_some(),
        "{:?}",
        app.dialogs
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        edited,
        "nothing written"
    );
    // Reload takes the file from disk.
    send(&mut app, key(KeyCode::Tab));
    send_and_run(&mut app, key(KeyCode::Enter));
    assert!(
        app.conns[0]
            .rows
            .pools
            .iter()
            .any(|p| p.name == "LegacyCRM2")
    );
}

#[test]
fn a_config_that_fails_to_parse_opens_as_an_error_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("applicationHost.config");
    std::fs::write(&path, "<configuration>\n  <system.applicationHost>\n    <sites>\n  </system.applicationHost>\n</configuration>\n").expect("write");
    let connection = iistui::host::connection::Connection {
        path: path.clone(),
        kind: iistui::host::connection::ConnectionKind::File,
        label: String::from("broken"),
        notes: Vec::new(),
    };
    let app = iistui::tui::build_app(
        &[connection],
        false,
        iistui::model::schema::SchemaSet::bundled(),
        iistui::tui::keymap::Keymap::defaults(),
        Theme::default_theme(),
    );
    let error = app.conns[0].error.clone().expect("error page");
    assert!(
        error.contains(&format!(
            "{}:4:3: end tag </system.applicationHost> does not match <sites>",
            path.display()
        )),
        "{error}"
    );
}

#[test]
fn the_readme_keymap_table_lists_every_action() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let table: String = readme
        .lines()
        .filter(|l| l.starts_with('|'))
        .collect::<Vec<_>>()
        .join("\n");
    for info in iistui::tui::action::registry()
        .filter(|a| iistui::tui::action::SCREEN_LAYERS.contains(&a.layer))
    {
        let found = table.lines().any(|row| {
            row.split('|')
                .nth(2)
                .is_some_and(|cell| cell.split([',', ' ']).any(|w| w.trim() == info.name))
        });
        assert!(
            found,
            "README keymap table is missing action `{}`",
            info.name
        );
    }
}

#[test]
fn esc_from_health_problems_and_logs_goes_back_to_the_list_they_came_from() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    send(&mut app, ch('3'));
    send(&mut app, ch('6'));
    assert_eq!(app.view, View::Health);
    // Health → Problems stays aside: Esc still goes back to the pools.
    send(&mut app, ch('!'));
    assert_eq!(app.view, View::Problems);
    send(&mut app, key(KeyCode::Esc));
    assert_eq!((app.view.clone(), app.focus), (View::Pools, Focus::Main));
    send(&mut app, ch('2'));
    send(&mut app, ch('5'));
    assert_eq!(app.view, View::Logs);
    send(&mut app, key(KeyCode::Esc));
    assert_eq!(app.view, View::Sites);
    // Opened from the start page, Esc goes back there.
    send(&mut app, key(KeyCode::Esc));
    send(&mut app, ch('6'));
    send(&mut app, key(KeyCode::Esc));
    assert_eq!(app.view, View::Start);
}

#[test]
fn a_message_said_twice_in_a_row_is_logged_once() {
    use iistui::tui::app::Level;
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    app.set_status(Level::Success, "saved applicationHost.config");
    app.set_status(Level::Success, "saved applicationHost.config");
    app.set_status(Level::Info, "something else");
    app.set_status(Level::Success, "saved applicationHost.config");
    let log = app.message_log();
    assert_eq!(
        log.matches("saved applicationHost.config").count(),
        2,
        "{log}"
    );
}
