//! Update tier for Basic Settings (`e`): keys → form → review → the real store, and the bytes
//! compared with what the review's own "Same as" commands write when run by the CLI on a copy.
//! Refusals (a pool that applications use keeps its name, a name taken) stay in the form.

mod common;

#[cfg(unix)]
use common::shown::{assert_same, cli_bytes};
use common::tui::*;
use iistui::tui::app::App;
use iistui::tui::dialog::BasicSettings;
#[cfg(unix)]
use iistui::tui::dialog::{FormStep, PROBE, Review};
use iistui::tui::msg::{DialogResult, Effect, Msg};
use iistui::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;

fn dialog(app: &App) -> &BasicSettings {
    app.dialogs
        .top_as::<BasicSettings>()
        .expect("Basic Settings is open")
}

#[cfg(unix)]
fn review(app: &App) -> &Review {
    match &dialog(app).step {
        FormStep::Review(review) => review,
        other => panic!("not on the review: {other:?}; status {:?}", app.status),
    }
}

/// Selects row `row` of view `view_key` ('2' sites, '3' pools) and opens Basic Settings.
fn open_on(app: &mut App, view_key: char, row: usize) -> Vec<Effect> {
    send(app, ch(view_key));
    for _ in 0..row {
        send(app, ch('j'));
    }
    send(app, ch('e'))
}

/// Confirms the review (Tab to the save button, Enter) and runs the save.
#[cfg(unix)]
fn save(app: &mut App) {
    send(app, key(KeyCode::Tab));
    send_and_run(app, key(KeyCode::Enter));
    assert!(app.dialogs.is_empty(), "saved and closed: {:?}", app.status);
}

#[test]
#[cfg(unix)]
fn a_site_rename_with_pool_and_path_writes_what_the_cli_writes() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let original = std::fs::read_to_string(&path).expect("read");
    let effects = open_on(&mut app, '2', 4);
    assert_eq!(dialog(&app).subject.object, "intranet");
    assert!(
        matches!(effects.as_slice(), [Effect::ListFolders { field, path, .. }] if *field == PROBE && path.ends_with("sites\\intranet")),
        "the first question about the folder is on its way: {effects:?}"
    );
    send(&mut app, ctrl('u'));
    typed(&mut app, "corp");
    send(&mut app, key(KeyCode::Tab));
    typed(&mut app, "DefaultApp");
    send(&mut app, key(KeyCode::Enter));
    assert_eq!(dialog(&app).form.text("pool"), "DefaultAppPool");
    send(&mut app, key(KeyCode::Tab));
    send(&mut app, ctrl('u'));
    typed(&mut app, "D:\\sites\\corp");
    send(&mut app, ctrl('s'));
    let shown = review(&app).clone();
    assert_eq!(shown.buttons.focused(), "Cancel");
    assert_eq!(
        shown.title,
        "Change the basic settings of site \"intranet\""
    );
    assert!(
        shown
            .message
            .iter()
            .any(|m| m.contains("<location path=\"intranet\"> (line 322) now reads \"corp\"")),
        "the rename's reach is in the review: {:?}",
        shown.message
    );
    assert_eq!(shown.cli.lines().count(), 3, "{}", shown.cli);
    assert!(
        shown
            .cli
            .lines()
            .last()
            .is_some_and(|l| l.ends_with(" set site intranet name=corp")),
        "the rename goes last: {}",
        shown.cli
    );
    save(&mut app);
    let saved = std::fs::read_to_string(&path).expect("read");
    assert!(saved.contains("<site name=\"corp\" id=\"5\">"));
    assert_same(&saved, &cli_bytes(&original, &shown.cli));
}

#[test]
#[cfg(unix)]
fn a_pool_keeps_its_name_while_used_and_its_runtime_settings_save() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let original = std::fs::read_to_string(&path).expect("read");
    open_on(&mut app, '3', 5);
    assert_eq!(dialog(&app).subject.object, "Intranet");
    typed(&mut app, "2");
    let name = dialog(&app).form.field("name").expect("name");
    assert_eq!(
        name.error.as_deref(),
        Some(
            "application pool \"Intranet\" is used by 3 applications: intranet/, intranet/hr, intranet/wiki; move them to another pool first"
        ),
        "the model's rule, while typing"
    );
    send(&mut app, ctrl('s'));
    assert_eq!(dialog(&app).step, FormStep::Form, "no review with an error");
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text == "1 field to fix before the review")
    );
    // Back to the name it had; the other fields save.
    send(&mut app, key(KeyCode::Backspace));
    send(&mut app, key(KeyCode::Tab));
    typed(&mut app, "no managed");
    send(&mut app, key(KeyCode::Enter));
    send(&mut app, key(KeyCode::Tab));
    send(&mut app, key(KeyCode::Right));
    send(&mut app, key(KeyCode::Tab));
    send(&mut app, key(KeyCode::Right));
    send(&mut app, ctrl('s'));
    let shown = review(&app).clone();
    assert!(
        shown.cli.ends_with(
            " set apppool Intranet managedRuntimeVersion= managedPipelineMode=Classic startMode=AlwaysRunning"
        ),
        "{}",
        shown.cli
    );
    save(&mut app);
    let saved = std::fs::read_to_string(&path).expect("read");
    assert!(saved.contains(
        "<add name=\"Intranet\" managedRuntimeVersion=\"\" managedPipelineMode=\"Classic\" startMode=\"AlwaysRunning\">"
    ), "{saved}");
    assert_same(&saved, &cli_bytes(&original, &shown.cli));
}

#[test]
fn a_site_name_in_use_is_refused_while_typing() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    open_on(&mut app, '2', 4);
    send(&mut app, ctrl('u'));
    typed(&mut app, "Contoso.com");
    let name = dialog(&app).form.field("name").expect("name");
    assert_eq!(
        name.error.as_deref(),
        Some("a site named \"contoso.com\" already exists")
    );
    send(&mut app, ctrl('u'));
    typed(&mut app, "INTRANET");
    assert_eq!(
        dialog(&app)
            .form
            .field("name")
            .and_then(|f| f.error.clone()),
        None,
        "a new spelling of its own name is allowed"
    );
}

#[test]
#[cfg(unix)]
fn a_virtual_directory_keeps_its_encrypted_password_unless_replaced() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let original = std::fs::read_to_string(&path).expect("read");
    // intranet → its root application → the /docs virtual directory (on a share).
    send(&mut app, ch('2'));
    for _ in 0..4 {
        send(&mut app, ch('j'));
    }
    app.width = 160;
    send(&mut app, key(KeyCode::Enter));
    send(&mut app, key(KeyCode::Enter));
    send(&mut app, ch('j'));
    assert_eq!(app.selected_name().as_deref(), Some("intranet/docs"));
    send(&mut app, ch('e'));
    let form = &dialog(&app).form;
    assert_eq!(form.text("connect"), "user");
    assert_eq!(form.text("user"), "CORP\\svc-iis");
    assert_eq!(
        form.text("password"),
        "",
        "an encrypted password is never shown"
    );
    assert!(
        form.field("password")
            .is_some_and(|f| f.help.contains("encrypted"))
    );
    send(&mut app, ctrl('u'));
    typed(&mut app, "\\\\fileserver02\\docs");
    send(&mut app, ctrl('s'));
    let shown = review(&app).clone();
    assert!(
        shown.diff.contains(
            "+                    <virtualDirectory path=\"/docs\" physicalPath=\"\\\\fileserver02\\docs\" userName=\"CORP\\svc-iis\" password=\"[enc:IISWASOnlyAesProvider:b7Yq0Zx2Mv5Nc8Lp1Ko4Ji7Hu0Gy3Ft6Dr9Es2Wa5Q=:enc]\" />"
        ),
        "the encrypted password stays as it is: {}",
        shown.diff
    );
    assert!(!shown.cli.contains("password"), "{}", shown.cli);
    // Pass-through instead: both attributes go.
    send(&mut app, key(KeyCode::Esc));
    send(&mut app, key(KeyCode::Down));
    send(&mut app, key(KeyCode::Left));
    assert!(
        dialog(&app)
            .form
            .field("user")
            .is_some_and(|f| f.disabled.is_some())
    );
    send(&mut app, ctrl('s'));
    let shown = review(&app).clone();
    assert!(
        shown.cli.ends_with(
            " set vdir -- intranet/docs 'physicalPath=\\\\fileserver02\\docs' -userName -password"
        ),
        "{}",
        shown.cli
    );
    save(&mut app);
    let saved = std::fs::read_to_string(&path).expect("read");
    assert!(
        saved.contains(
            "<virtualDirectory path=\"/docs\" physicalPath=\"\\\\fileserver02\\docs\" />"
        ),
        "{saved}"
    );
    assert_same(&saved, &cli_bytes(&original, &shown.cli));
}

#[test]
fn a_missing_folder_gets_a_note_from_the_background_listing() {
    let (dir, _path, mut app) = demo_app(Theme::default_theme());
    std::fs::create_dir(dir.path().join("shop")).expect("mkdir");
    // The question asked on opening is answered first, as the runtime would.
    let mut effects = open_on(&mut app, '2', 4);
    send(&mut app, key(KeyCode::Tab));
    send(&mut app, key(KeyCode::Tab));
    let folder = |name: &str| format!("{}/{name}", dir.path().display());
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let _guard = runtime.enter();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let runner = iistui::tui::effect::Runner::new(tx);
    for (name, note) in [("missing", true), ("shop", false)] {
        effects.extend(send(&mut app, ctrl('u')));
        for c in folder(name).chars() {
            effects.extend(send(&mut app, ch(c)));
        }
        // Only the first keystroke asked; the answer to it asks again about the rest.
        for _ in 0..8 {
            for effect in effects.drain(..) {
                runner.run(&mut app, effect);
            }
            let Some(msg) = runtime.block_on(async {
                tokio::time::timeout(std::time::Duration::from_secs(5), rx.recv())
                    .await
                    .ok()
                    .flatten()
            }) else {
                break;
            };
            let done = !matches!(
                &msg,
                Msg::ToDialog {
                    result: DialogResult::Folders { .. },
                    ..
                }
            );
            effects = send(&mut app, msg);
            if done || effects.is_empty() {
                break;
            }
        }
        let warning = dialog(&app)
            .form
            .field("path")
            .and_then(|f| f.warning.clone());
        assert_eq!(
            warning.is_some(),
            note,
            "{name}: {warning:?} (path {})",
            dialog(&app).form.text("path")
        );
        if note {
            assert!(
                warning.is_some_and(|w| w.contains("does not exist on this machine")),
                "plain words"
            );
        }
    }
}

/// Opens the intranet site's applications at 160 columns (Enter drills down there).
#[cfg(unix)]
fn intranet_apps(app: &mut App) {
    app.width = 160;
    send(app, ch('2'));
    for _ in 0..4 {
        send(app, ch('j'));
    }
    send(app, key(KeyCode::Enter));
}

#[test]
#[cfg(unix)]
fn an_application_moves_to_another_pool_as_set_app_does() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let original = std::fs::read_to_string(&path).expect("read");
    intranet_apps(&mut app);
    send(&mut app, ch('j'));
    assert_eq!(app.selected_name().as_deref(), Some("intranet/hr"));
    send(&mut app, ch('e'));
    assert_eq!(dialog(&app).form.text("pool"), "Intranet");
    typed(&mut app, "defa");
    send(&mut app, key(KeyCode::Enter));
    send(&mut app, ctrl('s'));
    let shown = review(&app).clone();
    assert!(
        shown
            .cli
            .ends_with(" set app intranet/hr applicationPool=DefaultAppPool"),
        "{}",
        shown.cli
    );
    save(&mut app);
    let saved = std::fs::read_to_string(&path).expect("read");
    assert_same(&saved, &cli_bytes(&original, &shown.cli));
}

#[test]
#[cfg(unix)]
fn a_specific_user_needs_a_name_and_password_and_the_review_says_it_is_clear_text() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let original = std::fs::read_to_string(&path).expect("read");
    intranet_apps(&mut app);
    send(&mut app, ch('j'));
    send(&mut app, key(KeyCode::Enter));
    send(&mut app, ch('j'));
    assert_eq!(app.selected_name().as_deref(), Some("intranet/hr/forms"));
    send(&mut app, ch('e'));
    send(&mut app, key(KeyCode::Down));
    send(&mut app, key(KeyCode::Right));
    let form = &dialog(&app).form;
    assert_eq!(form.text("connect"), "user");
    assert_eq!(
        (
            form.field("user").and_then(|f| f.error.clone()),
            form.field("password").and_then(|f| f.error.clone())
        ),
        (
            Some(String::from("required for a specific user")),
            Some(String::from("required: type the password of this user"))
        )
    );
    send(&mut app, key(KeyCode::Down));
    typed(&mut app, "CORP\\svc-forms");
    send(&mut app, key(KeyCode::Down));
    typed(&mut app, "s3cret pass");
    send(&mut app, ctrl('s'));
    let shown = review(&app).clone();
    assert!(
        shown.cli.ends_with(
            " set vdir intranet/hr/forms 'userName=CORP\\svc-forms' 'password=********'"
        ),
        "{}",
        shown.cli
    );
    assert!(
        shown
            .message
            .iter()
            .any(|m| m.contains("normally stored encrypted")),
        "{:?}",
        shown.message
    );
    assert!(
        !shown.message.join(" ").contains("s3cret"),
        "{:?}",
        shown.message
    );
    assert!(
        !shown.diff.contains("s3cret") && shown.diff.contains("password=\"********\""),
        "the diff masks it too: {}",
        shown.diff
    );
    save(&mut app);
    let saved = std::fs::read_to_string(&path).expect("read");
    // The shown command masks the password; with it typed in, the CLI writes the same bytes.
    let typed_in = shown
        .cli
        .replace("'password=********'", "'password=s3cret pass'");
    assert_same(&saved, &cli_bytes(&original, &typed_in));
}

#[test]
fn a_relative_physical_path_is_refused_while_typing() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    open_on(&mut app, '2', 4);
    while dialog(&app)
        .form
        .fields
        .get(dialog(&app).form.focused)
        .is_some_and(|f| f.key != "path")
    {
        send(&mut app, key(KeyCode::Tab));
    }
    send(&mut app, ctrl('u'));
    typed(&mut app, "relative\\dir");
    let error = dialog(&app)
        .form
        .field("path")
        .and_then(|f| f.error.clone());
    assert!(
        error
            .as_deref()
            .is_some_and(|e| e.contains("must be absolute")),
        "{error:?}"
    );
}
