//! Update tier for the wizards: Add Website (two bindings, https with SNI and a certificate, a
//! folder created after the review, the checks as typed), Add Application, Add Virtual
//! Directory, Add Application Pool, Convert to Application (its hosting warnings and fixes, a
//! symlink out of the site refused), Remove application, and Explore's viewer. Keys go through
//! `update`, effects through the real runner; the saved bytes are compared with what the
//! review's "Same as" commands write when the CLI runs them on a copy.

// Most tests compare with the CLI run through `sh`: elsewhere their helpers go unused.
#![cfg_attr(not(unix), allow(dead_code, unused_imports))]

mod common;

use common::tui::*;
use common::wizard::*;
use iistui::tui::app::{App, View};
use iistui::tui::dialog::{
    AddApp, AddPool, AddSite, AddSitePart, AddSiteStep, AddVdir, Convert, Review, SaveState,
    Viewer, ViewerShown, WizardPage,
};
use iistui::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;

const HASH: &str = "0123456789ABCDEF0123456789ABCDEF01234567";

fn add_site(app: &App) -> &AddSite {
    app.dialogs
        .top_as::<AddSite>()
        .expect("Add Website is open")
}

fn add_site_review(app: &App) -> Review {
    match &add_site(app).step {
        AddSiteStep::Review(page) => (*page.review).clone(),
        other => panic!("not on the review: {other:?}; status {:?}", app.status),
    }
}

fn review_of<S: iistui::tui::dialog::WizardSpec>(app: &App) -> Review {
    let wizard = app
        .dialogs
        .top_as::<iistui::tui::dialog::Wizard<S>>()
        .expect("the wizard is open");
    match &wizard.page {
        WizardPage::Review(page) => (*page.review).clone(),
        other => panic!("not on the review: {other:?}; status {:?}", app.status),
    }
}

fn wizard_error<S: iistui::tui::dialog::WizardSpec>(app: &App, key: &str) -> Option<String> {
    app.dialogs
        .top_as::<iistui::tui::dialog::Wizard<S>>()
        .and_then(|w| w.form.field(key))
        .and_then(|f| f.error.clone())
}

fn down(app: &mut App, times: usize) {
    for _ in 0..times {
        send(app, key(KeyCode::Down));
    }
}

/// Tab to Save on a review page and confirm, running every step.
fn confirm(app: &mut App) {
    send(app, key(KeyCode::Tab));
    settle(app, key(KeyCode::Enter));
}

/// Confirms the review; the wizard closes and `file` holds what the review's commands write
/// when the CLI runs them on a copy of `original`. Returns the saved text.
#[cfg(unix)]
fn confirm_matches_cli(app: &mut App, file: &std::path::Path, original: &str, cli: &str) -> String {
    confirm(app);
    assert!(app.dialogs.is_empty(), "{:?}", app.status);
    let saved = std::fs::read_to_string(file).expect("read");
    common::shown::assert_same(&saved, &common::shown::cli_bytes(original, cli));
    saved
}

#[test]
#[cfg(unix)]
fn add_website_with_two_bindings_creates_the_folder_and_writes_what_the_cli_writes() {
    use common::shown::{assert_same, cli_bytes};
    let (dir, path, mut app) = demo_app(Theme::default_theme());
    let original = std::fs::read_to_string(&path).expect("read");
    let folder = dir.path().join("sites").join("shop");
    settle(&mut app, ch('a'));
    typed(&mut app, "shop.example.com");
    send(&mut app, key(KeyCode::Tab));
    send(&mut app, key(KeyCode::Tab));
    typed_settled(&mut app, &folder.display().to_string());
    let wizard = add_site(&app);
    let path_field = wizard.form.field("path").expect("path");
    assert!(
        path_field
            .warning
            .as_deref()
            .is_some_and(|w| w.contains("does not exist")),
        "the missing folder is noted: {:?}",
        path_field.warning
    );
    assert_eq!(
        wizard.form.field("create").map(|f| f.text()),
        Some("true"),
        "creating it is offered, ticked"
    );
    // Past the last field into the bindings; `a` adds https on 443 for the same host name.
    down(&mut app, 3);
    assert_eq!(add_site(&app).part, AddSitePart::Bindings);
    send(&mut app, ch('a'));
    assert_eq!(add_site(&app).step, AddSiteStep::Binding);
    down(&mut app, 4);
    send(&mut app, ch(' '));
    send(&mut app, ch(' '));
    send(&mut app, key(KeyCode::Enter));
    down(&mut app, 1);
    typed(&mut app, HASH);
    send(&mut app, ctrl('s'));
    let wizard = add_site(&app);
    assert_eq!(wizard.step, AddSiteStep::Form, "{:?}", app.status);
    let specs: Vec<String> = wizard.bindings.bindings.iter().map(|b| b.spec()).collect();
    assert_eq!(
        specs,
        ["http/*:80:shop.example.com", "https/*:443:shop.example.com"]
    );
    send(&mut app, ctrl('s'));
    let review = add_site_review(&app);
    assert!(
        review.message[0].starts_with("creates the folder ")
            && review.message[0].contains("/sites/shop"),
        "{:?}",
        review.message
    );
    assert!(
        review.cli.contains(&format!(
            " --binding 'http/*:80:shop.example.com' --binding 'https/*:443:shop.example.com' --certificate {HASH} --ssl-flags Sni"
        )),
        "{}",
        review.cli
    );
    assert!(
        !folder.exists(),
        "nothing happens before the review is confirmed"
    );
    // Esc goes back a step, with everything still typed.
    send(&mut app, key(KeyCode::Esc));
    assert_eq!(add_site(&app).step, AddSiteStep::Form);
    assert_eq!(add_site(&app).form.text("name"), "shop.example.com");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), original);
    send(&mut app, ctrl('s'));
    confirm(&mut app);
    assert!(app.dialogs.is_empty(), "{:?} {:?}", app.dialogs, app.status);
    assert!(folder.is_dir(), "the folder was created");
    let status = app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.contains("created folder"), "{status}");
    let saved = std::fs::read_to_string(&path).expect("read");
    assert!(saved.contains(&format!(
        "<binding protocol=\"https\" bindingInformation=\"*:443:shop.example.com\" sslFlags=\"Sni\" certificateHash=\"{HASH}\" certificateStoreName=\"My\" />"
    )));
    assert_same(&saved, &cli_bytes(&original, &review.cli));
}

#[test]
#[cfg(unix)]
fn https_bindings_add_site_cannot_carry_follow_as_add_binding_lines() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let original = std::fs::read_to_string(&path).expect("read");
    settle(&mut app, ch('a'));
    typed(&mut app, "two.example.com");
    send(&mut app, key(KeyCode::Tab));
    send(&mut app, key(KeyCode::Tab));
    typed(&mut app, "C:\\sites\\two");
    down(&mut app, 2);
    // The first https binding: a certificate in Web Hosting.
    send(&mut app, ch('a'));
    down(&mut app, 5);
    typed(&mut app, HASH);
    down(&mut app, 1);
    send(&mut app, key(KeyCode::Right));
    send(&mut app, ctrl('s'));
    // A second one on 8443 with SNI and no certificate.
    send(&mut app, ch('a'));
    send(&mut app, key(KeyCode::Right));
    down(&mut app, 2);
    send(&mut app, ctrl('u'));
    typed(&mut app, "8443");
    down(&mut app, 1);
    send(&mut app, ctrl('u'));
    typed(&mut app, "two.example.com");
    down(&mut app, 1);
    send(&mut app, ch(' '));
    send(&mut app, ch(' '));
    send(&mut app, key(KeyCode::Enter));
    send(&mut app, ctrl('s'));
    let wizard = add_site(&app);
    assert_eq!(wizard.bindings.bindings.len(), 3, "{:?}", app.status);
    assert!(
        wizard.bindings.problems[2]
            .warnings
            .iter()
            .any(|w| w.contains("no certificate")),
        "https without a certificate is warned: {:?}",
        wizard.bindings.problems
    );
    send(&mut app, ctrl('s'));
    let review = add_site_review(&app);
    let lines: Vec<&str> = review.cli.lines().collect();
    assert_eq!(lines.len(), 2, "{}", review.cli);
    assert!(
        lines[0].ends_with(&format!(
            "--binding 'https/*:443:two.example.com' --certificate {HASH} --certificate-store WebHosting"
        )),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].ends_with(
            " add binding --site two.example.com --ssl-flags Sni 'https/*:8443:two.example.com'"
        ),
        "{}",
        lines[1]
    );
    confirm_matches_cli(&mut app, &path, &original, &review.cli);
}

#[test]
fn add_website_checks_names_bindings_and_hosts_as_they_are_typed() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    settle(&mut app, ch('a'));
    // Start now: only where IIS can be started from here, saying why not.
    let start = add_site(&app).form.field("start").expect("start field");
    if cfg!(windows) {
        assert!(start.disabled.is_some() || start.text() == "true");
    } else {
        assert_eq!(start.text(), "false");
        assert!(
            start
                .disabled
                .as_deref()
                .is_some_and(|why| why.contains("only available on Windows")),
            "{:?}",
            start.disabled
        );
    }
    typed(&mut app, "Intranet2");
    let wizard = add_site(&app);
    assert_eq!(wizard.bindings.bindings[0].spec(), "http/*:80:");
    assert!(
        wizard.bindings.problems[0]
            .error
            .as_deref()
            .is_some_and(|e| e.contains("used by site \"Default Web Site\"")),
        "the binding in use is refused, naming its site: {:?}",
        wizard.bindings.problems
    );
    assert!(
        wizard.bindings.problems[0]
            .warnings
            .iter()
            .any(|w| w.contains("subdomain takeover")),
        "{:?}",
        wizard.bindings.problems
    );
    // Edit the binding: a host name another site has is refused as it is typed.
    send(&mut app, key(KeyCode::BackTab));
    assert_eq!(add_site(&app).part, AddSitePart::Bindings);
    send(&mut app, key(KeyCode::Enter));
    down(&mut app, 3);
    typed(&mut app, "fabrikam.net");
    let host = add_site(&app)
        .binding
        .as_ref()
        .and_then(|(f, _)| f.form.field("host"))
        .and_then(|f| f.error.clone());
    assert!(
        host.as_deref()
            .is_some_and(|e| e.contains("used by site \"fabrikam.net\"")),
        "{host:?}"
    );
    send(&mut app, ctrl('u'));
    typed(&mut app, "*.intranet2.test");
    send(&mut app, ctrl('s'));
    let wizard = add_site(&app);
    assert!(
        wizard.bindings.problems[0]
            .warnings
            .iter()
            .any(|w| w.contains("every subdomain of intranet2.test")),
        "a wildcard host is warned about: {:?}",
        wizard.bindings.problems
    );
    assert_eq!(wizard.bindings.problems[0].error, None);
    // The last binding stays.
    send(&mut app, ch('d'));
    assert_eq!(add_site(&app).bindings.bindings.len(), 1);
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("at least one binding"))
    );
    // Esc asks before dropping what was typed.
    send(&mut app, key(KeyCode::Esc));
    assert!(matches!(add_site(&app).step, AddSiteStep::Discard(_)));
    send(&mut app, key(KeyCode::Tab));
    send(&mut app, key(KeyCode::Enter));
    assert!(app.dialogs.is_empty());
}

#[test]
#[cfg(unix)]
fn add_application_with_preload_writes_what_add_app_and_set_app_write() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let original = std::fs::read_to_string(&path).expect("read");
    apps_of(&mut app, "fabrikam.net");
    settle(&mut app, ch('n'));
    let wizard = app.dialogs.top_as::<AddApp>().expect("Add Application");
    assert_eq!(wizard.form.text("site"), "fabrikam.net");
    assert_eq!(wizard.form.text("pool"), "StaticSites", "the site's pool");
    send(&mut app, key(KeyCode::Tab));
    typed(&mut app, "hr");
    let wizard = app.dialogs.top_as::<AddApp>().expect("Add Application");
    assert_eq!(
        wizard.form.field("alias").and_then(|f| f.error.clone()),
        None
    );
    send(&mut app, key(KeyCode::Tab));
    typed(&mut app, "C:\\sites\\fabrikam-blog");
    down(&mut app, 2);
    send(&mut app, ch(' '));
    send(&mut app, ctrl('s'));
    let review = review_of::<iistui::tui::dialog::AppSpec>(&app);
    assert!(
        review
            .cli
            .ends_with(" set app fabrikam.net/hr preloadEnabled=true"),
        "{}",
        review.cli
    );
    assert!(
        review.cli.lines().next().is_some_and(|l| l.ends_with(
            " add app --site fabrikam.net --path /hr --physical-path 'C:\\sites\\fabrikam-blog'"
        )),
        "{}",
        review.cli
    );
    confirm_matches_cli(&mut app, &path, &original, &review.cli);
    // An alias that exists is refused as it is typed, in the words of `add app`.
    settle(&mut app, ch('n'));
    send(&mut app, key(KeyCode::Tab));
    typed(&mut app, "/HR");
    let error = wizard_error::<iistui::tui::dialog::AppSpec>(&app, "alias");
    assert!(
        error
            .as_deref()
            .is_some_and(|e| e.contains("already exists as \"fabrikam.net/hr\"")),
        "{error:?}"
    );
}

#[test]
fn add_virtual_directory_refuses_an_alias_an_application_has_as_it_is_typed() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    vdirs_of(&mut app, "intranet/");
    settle(&mut app, ch('n'));
    send(&mut app, key(KeyCode::Tab));
    typed(&mut app, "hr");
    let error = wizard_error::<iistui::tui::dialog::VdirSpec>(&app, "alias");
    assert_eq!(
        error.as_deref(),
        Some(
            "\"/hr\" is already application \"intranet/hr\": a virtual directory there would be hidden by it"
        )
    );
    typed(&mut app, "x");
    let error = wizard_error::<iistui::tui::dialog::VdirSpec>(&app, "alias");
    assert_eq!(error, None);
}

#[test]
#[cfg(unix)]
fn add_virtual_directory_with_a_user_writes_what_add_vdir_and_set_vdir_write() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let original = std::fs::read_to_string(&path).expect("read");
    vdirs_of(&mut app, "intranet/");
    settle(&mut app, ch('n'));
    let wizard = app
        .dialogs
        .top_as::<AddVdir>()
        .expect("Add Virtual Directory");
    assert_eq!(wizard.form.text("app"), "intranet/");
    send(&mut app, key(KeyCode::Tab));
    typed(&mut app, "assets");
    send(&mut app, key(KeyCode::Tab));
    typed(&mut app, "\\\\fileserver01\\assets");
    down(&mut app, 1);
    send(&mut app, key(KeyCode::Right));
    down(&mut app, 1);
    typed(&mut app, "CORP\\svc-web");
    send(&mut app, ctrl('s'));
    let error = wizard_error::<iistui::tui::dialog::VdirSpec>(&app, "password");
    assert!(
        error.as_deref().is_some_and(|e| e.contains("required")),
        "{error:?}"
    );
    // The first field to fix has the focus.
    typed(&mut app, "s3cret");
    send(&mut app, ctrl('s'));
    let review = review_of::<iistui::tui::dialog::VdirSpec>(&app);
    assert!(
        review.cli.contains(
            " add vdir --app intranet --path /assets --physical-path '\\\\fileserver01\\assets'"
        ),
        "{}",
        review.cli
    );
    // The password is never shown: not in the summary, the diff or the command.
    assert!(
        review
            .cli
            .ends_with(" set vdir intranet/assets 'userName=CORP\\svc-web' 'password=********'"),
        "{}",
        review.cli
    );
    let shown = format!("{}\n{}", review.message.join("\n"), review.diff);
    assert!(!shown.contains("s3cret"), "{shown}");
    assert!(shown.contains("set password = ********"), "{shown}");
    assert!(
        shown.contains("the \"Same as\" command has ******** in its place"),
        "{shown}"
    );
    // What is saved is the password typed: the command with it in place writes the same bytes.
    let typed_in = review.cli.replace("'password=********'", "password=s3cret");
    let saved = confirm_matches_cli(&mut app, &path, &original, &typed_in);
    assert!(saved.contains("password=\"s3cret\""));
    let status = app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(!status.contains("s3cret"), "{status}");
}

#[test]
#[cfg(unix)]
fn add_application_pool_writes_what_add_apppool_writes() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let original = std::fs::read_to_string(&path).expect("read");
    send(&mut app, ch('3'));
    settle(&mut app, ch('n'));
    let wizard = app
        .dialogs
        .top_as::<AddPool>()
        .expect("Add Application Pool");
    assert_eq!(
        (
            wizard.form.text("runtime").as_str(),
            wizard.form.text("pipeline").as_str(),
            wizard.form.text("identity").as_str()
        ),
        ("v4.0", "Integrated", "ApplicationPoolIdentity"),
        "what a new pool inherits"
    );
    typed(&mut app, "Contoso.com");
    let error = wizard_error::<iistui::tui::dialog::PoolSpec>(&app, "name");
    assert!(
        error
            .as_deref()
            .is_some_and(|e| e.contains("\"contoso.com\" already exists")),
        "{error:?}"
    );
    send(&mut app, ctrl('u'));
    typed(&mut app, "Reports2");
    send(&mut app, key(KeyCode::Tab));
    send(&mut app, key(KeyCode::Left));
    send(&mut app, key(KeyCode::Tab));
    send(&mut app, key(KeyCode::Right));
    send(&mut app, key(KeyCode::Tab));
    send(&mut app, key(KeyCode::Right));
    // "Start with IIS: no" is IIS Manager's unticked "Start immediately": autoStart="false".
    let focused = |app: &App| {
        let form = &app
            .dialogs
            .top_as::<AddPool>()
            .expect("Add Application Pool")
            .form;
        form.fields[form.focused].key.clone()
    };
    for _ in 0..4 {
        if focused(&app) == "autostart" {
            break;
        }
        send(&mut app, key(KeyCode::Tab));
    }
    assert_eq!(focused(&app), "autostart");
    send(&mut app, ch(' '));
    send(&mut app, ctrl('s'));
    let review = review_of::<iistui::tui::dialog::PoolSpec>(&app);
    assert!(
        review.cli.ends_with(
            " add apppool --name Reports2 --runtime none --auto-start false --pipeline Classic --identity NetworkService"
        ),
        "{}",
        review.cli
    );
    let saved = confirm_matches_cli(&mut app, &path, &original, &review.cli);
    assert!(
        saved.contains("<add name=\"Reports2\" managedRuntimeVersion=\"\" autoStart=\"false\""),
        "{saved}"
    );
}

/// Opens Convert on the root application of site "shop" and types the folder.
fn convert_in_shop(app: &mut App, folder: &str) {
    apps_of(app, "shop");
    settle(app, ch('c'));
    assert!(
        app.dialogs.top_as::<Convert>().is_some(),
        "Convert opens: {:?}",
        app.status
    );
    typed_settled(app, folder);
}

fn folder_error(app: &App) -> Option<String> {
    app.dialogs
        .top_as::<Convert>()
        .and_then(|w| w.form.field("folder"))
        .and_then(|f| f.error.clone())
}

#[test]
#[cfg(unix)]
fn convert_warns_about_pools_and_handlers_and_applies_both_fixes() {
    use common::shown::{assert_same, cli_bytes};
    let shop = ShopSite::new().with_in_process_neighbour();
    std::fs::write(shop.path("web.config"), IN_PROCESS_WEB_CONFIG).expect("write");
    std::fs::write(shop.path("api/web.config"), IN_PROCESS_WEB_CONFIG).expect("write");
    let original = shop.text();
    let mut app = shop.app();
    convert_in_shop(&mut app, "api");
    let wizard = app.dialogs.top_as::<Convert>().expect("Convert");
    assert_eq!(folder_error(&app), None);
    let keys: Vec<&str> = wizard.form.fields.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(
        keys,
        ["folder", "pool", "own_pool", "wrap"],
        "both fixes offered"
    );
    let notes = {
        use iistui::tui::dialog::WizardSpec;
        wizard.spec.notes(&wizard.form)
    };
    assert!(
        notes.iter().any(|(n, warn)| *warn && n.contains("500.35")),
        "{notes:?}"
    );
    assert!(
        notes.iter().any(|(n, warn)| *warn && n.contains("500.19")),
        "{notes:?}"
    );
    down(&mut app, 2);
    send(&mut app, ch(' '));
    down(&mut app, 1);
    send(&mut app, ch(' '));
    send(&mut app, ctrl('s'));
    let review = review_of::<iistui::tui::dialog::ConvertSpec>(&app);
    assert!(
        review
            .title
            .starts_with("Convert to application \"shop/api\"")
    );
    let lines: Vec<&str> = review.cli.lines().collect();
    assert!(
        lines[0].ends_with(" add apppool --name api --runtime none"),
        "{}",
        review.cli
    );
    assert!(
        lines[1].contains(" add app --site shop --path /api --physical-path ")
            && lines[1].ends_with("/shop/api --apppool api"),
        "{}",
        review.cli
    );
    assert!(
        review
            .diff
            .contains("+  <location path=\".\" inheritInChildApplications=\"false\">")
    );
    assert_eq!(
        std::fs::read_to_string(shop.path("web.config")).expect("read"),
        IN_PROCESS_WEB_CONFIG,
        "nothing before the review is confirmed"
    );
    confirm(&mut app);
    assert!(app.dialogs.is_empty(), "{:?}", app.status);
    let mut wrapped = iistui::model::doc::Document::parse_str(IN_PROCESS_WEB_CONFIG).expect("doc");
    iistui::model::webconfig::location_wrap::wrap_in_location(&mut wrapped).expect("wrap");
    assert_eq!(
        std::fs::read_to_string(shop.path("web.config")).expect("read"),
        wrapped.text(),
        "the parent's web.config is wrapped, through the store"
    );
    let backups = std::fs::read_dir(shop.dir.path().join("backups"))
        .expect("backups")
        .count();
    assert!(backups >= 2, "both files were backed up first ({backups})");
    assert_same(&shop.text(), &cli_bytes(&original, &review.cli));
    // The web.config change is said where the commands are, with how to make it by hand, and
    // undo says it keeps it.
    let comment = lines.last().copied().unwrap_or_default();
    assert!(
        comment.starts_with("# ")
            && comment.contains("web.config is changed too")
            && comment.contains("by hand: put the <system.webServer> element inside"),
        "{}",
        review.cli
    );
    assert!(
        review
            .message
            .iter()
            .any(|m| m.contains("undo (z) reverts applicationHost.config only and keeps this wrap")),
        "{:?}",
        review.message
    );
    settle(&mut app, ch('z'));
    let status = app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(
        status.starts_with("undid: ") && status.contains("keeps this wrap"),
        "{status}"
    );
    assert_eq!(
        std::fs::read_to_string(shop.path("web.config")).expect("read"),
        wrapped.text(),
        "undo keeps the wrap, as it says"
    );
}

#[test]
#[cfg(unix)]
fn convert_refuses_a_symlink_that_leads_out_of_the_site() {
    let shop = ShopSite::new();
    let outside = shop.dir.path().join("outside");
    std::fs::create_dir_all(&outside).expect("mkdir");
    std::os::unix::fs::symlink(&outside, shop.path("escape")).expect("symlink");
    std::os::unix::fs::symlink(shop.path("static"), shop.path("inner")).expect("symlink");
    let original = shop.text();
    let mut app = shop.app();
    convert_in_shop(&mut app, "escape");
    let error = folder_error(&app).expect("refused");
    assert!(
        error.contains("outside the site's folder") && error.contains("symbolic link"),
        "{error}"
    );
    send(&mut app, ctrl('s'));
    assert!(
        matches!(
            app.dialogs.top_as::<Convert>().map(|w| &w.page),
            Some(WizardPage::Form)
        ),
        "no review for a folder outside the site"
    );
    // `..` is refused as it is typed; a link that stays inside is fine.
    send(&mut app, ctrl('u'));
    typed_settled(&mut app, "../outside");
    assert!(folder_error(&app).is_some_and(|e| e.contains("\"..\"")));
    send(&mut app, ctrl('u'));
    typed_settled(&mut app, "inner");
    assert_eq!(folder_error(&app), None);
    assert_eq!(shop.text(), original);
}

#[test]
#[cfg(unix)]
fn c_on_a_folder_listing_converts_that_folder_and_tab_completes_under_the_site() {
    use common::shown::{assert_same, cli_bytes};
    let shop = ShopSite::new();
    let original = shop.text();
    let mut app = shop.app();
    send(&mut app, ch('2'));
    app.prepare();
    let rows = app.conns[0].rows.sites.clone();
    app.lists.sites.select_name(&rows, "shop");
    settle(&mut app, ch('o'));
    assert_eq!(
        app.view,
        View::Folder {
            path: shop.root.clone()
        }
    );
    app.prepare();
    let rows = app.lists.folder_rows.clone();
    app.lists.folder.select_name(&rows, "static");
    settle(&mut app, ch('c'));
    let wizard = app.dialogs.top_as::<Convert>().expect("Convert");
    assert_eq!(wizard.form.text("folder"), "static");
    // Tab completes folder names under the site's folder.
    settle(&mut app, ctrl('u'));
    typed_settled(&mut app, "ap");
    settle(&mut app, key(KeyCode::Tab));
    let wizard = app.dialogs.top_as::<Convert>().expect("Convert");
    assert_eq!(wizard.form.text("folder"), "api/");
    settle(&mut app, ctrl('s'));
    let review = review_of::<iistui::tui::dialog::ConvertSpec>(&app);
    confirm(&mut app);
    assert!(app.dialogs.is_empty(), "{:?}", app.status);
    assert!(
        shop.text()
            .contains("<application path=\"/api\" applicationPool=\"shop\">")
    );
    assert_same(&shop.text(), &cli_bytes(&original, &review.cli));
}

#[test]
#[cfg(unix)]
fn remove_application_keeps_cancel_first_and_writes_what_delete_app_writes() {
    use common::shown::{assert_same, cli_bytes};
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let original = std::fs::read_to_string(&path).expect("read");
    apps_of(&mut app, "intranet");
    let rows = app.lists.app_rows.clone();
    app.lists.apps.select_name(&rows, "intranet/hr");
    send(&mut app, ch('C'));
    let review = app.dialogs.top_as::<Review>().expect("a review").clone();
    assert_eq!(review.title, "Remove application \"intranet/hr\"");
    assert_eq!(review.buttons.focused(), "Cancel");
    // Every virtual directory that goes with it, and that /hr changes folder, are said.
    let said = review.message.join("\n");
    for line in [
        "deleted its virtual directory \"/\" (%SystemDrive%\\sites\\intranet-hr)",
        "deleted its virtual directory \"/forms\" (%SystemDrive%\\shared\\hr-forms)",
        "warning: the URL /hr will no longer serve %SystemDrive%\\sites\\intranet-hr: application \"intranet/\" serves it from %SystemDrive%\\sites\\intranet\\hr instead",
        "warning: the URL /hr/forms will no longer serve %SystemDrive%\\shared\\hr-forms",
    ] {
        assert!(said.contains(line), "{line} in {said}");
    }
    assert!(!said.contains("serves the path again"), "{said}");
    send(&mut app, key(KeyCode::Enter));
    assert!(app.dialogs.is_empty());
    assert_eq!(std::fs::read_to_string(&path).expect("read"), original);
    send(&mut app, ch('C'));
    send(&mut app, key(KeyCode::Tab));
    send_and_run(&mut app, key(KeyCode::Enter));
    assert!(app.dialogs.is_empty(), "{:?}", app.status);
    let saved = std::fs::read_to_string(&path).expect("read");
    assert!(!saved.contains("<application path=\"/hr\""));
    assert_same(&saved, &cli_bytes(&original, &review.cli));
    // A site's root application is not removed: the model says why.
    let rows = app.lists.app_rows.clone();
    app.lists.apps.select_name(&rows, "intranet/");
    send(&mut app, ch('C'));
    assert!(app.dialogs.is_empty());
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("root application")),
        "{:?}",
        app.status
    );
}

#[test]
#[cfg(unix)]
fn enter_on_a_file_shows_it_read_only_escaped() {
    let shop = ShopSite::new();
    std::fs::write(
        shop.path("web.config"),
        "<configuration>\n  <!-- \u{1b}[2J\u{202e}evil -->\n  <system.webServer />\n</configuration>\n",
    )
    .expect("write");
    let mut app = shop.app();
    send(&mut app, ch('2'));
    app.prepare();
    let rows = app.conns[0].rows.sites.clone();
    app.lists.sites.select_name(&rows, "shop");
    settle(&mut app, ch('o'));
    app.prepare();
    let rows = app.lists.folder_rows.clone();
    app.lists.folder.select_name(&rows, "web.config");
    settle(&mut app, key(KeyCode::Enter));
    let viewer = app.dialogs.top_as::<Viewer>().expect("the viewer");
    assert!(
        matches!(viewer.shown, ViewerShown::Loaded(_)),
        "{:?}",
        viewer.shown
    );
    let frame = screen(&render(&mut app, 80, 24));
    assert!(frame.contains("<system.webServer />"), "{frame}");
    assert!(frame.contains("(read-only)"), "{frame}");
    assert!(
        !frame.contains('\u{1b}') && !frame.contains('\u{202e}'),
        "{frame}"
    );
    send(&mut app, key(KeyCode::Esc));
    assert!(app.dialogs.is_empty());
}

#[test]
fn the_viewer_reads_the_end_of_a_large_log_and_refuses_what_is_not_a_file() {
    use iistui::tui::host_job::{HostAnswer, HostJob, JobContext, VIEW_LIMIT};
    let dir = tempfile::tempdir().expect("tempdir");
    let log = dir.path().join("u_ex261124.log");
    let line = "2026-11-24 08:15:02 GET /index.html 200\n";
    let lines = (VIEW_LIMIT as usize / line.len()) * 2;
    std::fs::write(&log, format!("{}last line\n", line.repeat(lines))).expect("write");
    let cx = JobContext {
        schema: iistui::model::schema::SchemaSet::bundled(),
        doc: None,
    };
    let HostAnswer::File(Ok(file)) = HostJob::ReadFile(log).run(&cx) else {
        panic!("read");
    };
    assert!(file.truncated && file.text.len() as u64 <= VIEW_LIMIT);
    assert!(file.text.ends_with("last line\n"), "a log shows its end");
    let HostAnswer::File(Err(why)) = HostJob::ReadFile(dir.path().to_path_buf()).run(&cx) else {
        panic!("a folder is not read");
    };
    assert!(why.contains("not a regular file"), "{why}");
}

#[test]
fn a_failed_step_keeps_the_review_and_says_why() {
    let (dir, path, mut app) = demo_app(Theme::default_theme());
    let original = std::fs::read_to_string(&path).expect("read");
    // A file where the folder's parent should be: the folder cannot be created.
    std::fs::write(dir.path().join("blocker"), "").expect("write");
    let folder = dir.path().join("blocker").join("site");
    settle(&mut app, ch('a'));
    typed(&mut app, "blocked.example.com");
    send(&mut app, key(KeyCode::Tab));
    send(&mut app, key(KeyCode::Tab));
    typed_settled(&mut app, &folder.display().to_string());
    assert_eq!(
        add_site(&app).form.field("create").map(|f| f.text()),
        Some("true")
    );
    send(&mut app, ctrl('s'));
    confirm(&mut app);
    let review = add_site_review(&app);
    match &review.state {
        SaveState::Failed(why) => assert!(why.contains("not created"), "{why}"),
        other => panic!("the review says why: {other:?}"),
    }
    assert_eq!(review.buttons.focused(), "Cancel");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        original,
        "nothing saved"
    );
    assert_eq!(app.busy, 0);
}

#[test]
#[cfg(unix)]
fn converting_a_virtual_directory_keeps_its_folder_and_user() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let original = std::fs::read_to_string(&path).expect("read");
    vdirs_of(&mut app, "intranet/");
    let rows = app.lists.vdir_rows.clone();
    app.lists.vdirs.select_name(&rows, "intranet/docs");
    settle(&mut app, ch('c'));
    let wizard = app.dialogs.top_as::<Convert>().expect("Convert");
    assert!(
        wizard
            .form
            .field("folder")
            .and_then(|f| f.disabled.clone())
            .is_some_and(|d| d.contains("\\\\fileserver01\\docs")),
        "a virtual directory keeps its folder"
    );
    settle(&mut app, ctrl('s'));
    let review = review_of::<iistui::tui::dialog::ConvertSpec>(&app);
    let lines: Vec<&str> = review.cli.lines().collect();
    assert!(
        lines[0].ends_with(" delete vdir intranet/docs"),
        "{}",
        review.cli
    );
    assert!(
        lines[1].ends_with(
            " add app --site intranet --path /docs --physical-path '\\\\fileserver01\\docs'"
        ),
        "{}",
        review.cli
    );
    assert!(
        lines[2].contains(" set vdir intranet/docs 'userName=CORP\\svc-iis' 'password=[enc:"),
        "the encrypted password is carried as it is: {}",
        review.cli
    );
    let said = review.message.join("\n");
    assert!(
        !said.contains("clear text") && said.contains("written as the encrypted value given"),
        "an encrypted password is not called clear text: {said}"
    );
    let saved = confirm_matches_cli(&mut app, &path, &original, &review.cli);
    assert!(saved.contains("<application path=\"/docs\" applicationPool=\"Intranet\">"));
    // `c` on an application's root virtual directory says it is one already.
    vdirs_of(&mut app, "intranet/hr");
    let rows = app.lists.vdir_rows.clone();
    app.lists.vdirs.select_name(&rows, "intranet/hr");
    send(&mut app, ch('c'));
    assert!(app.dialogs.is_empty());
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("root virtual directory of an application")),
        "{:?}",
        app.status
    );
}

#[test]
fn the_palette_opens_every_wizard() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    for (command, opened) in [
        ("add pool", "Add Application Pool"),
        ("add app", "Add Application"),
        ("add vdir", "Add Virtual Directory"),
        ("add website", "Add Website"),
    ] {
        send(&mut app, ch(':'));
        typed(&mut app, command);
        settle(&mut app, key(KeyCode::Enter));
        let frame = screen(&render(&mut app, 100, 30));
        assert!(frame.contains(opened), "{command}: {frame}");
        send(&mut app, key(KeyCode::Esc));
        assert!(app.dialogs.is_empty(), "{command}");
    }
    send(&mut app, ch(':'));
    typed(&mut app, "convert");
    send(&mut app, key(KeyCode::Enter));
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.starts_with("Convert to Application: select")),
        "{:?}",
        app.status
    );
}

#[test]
fn c_in_the_tree_converts_the_selected_folder() {
    use iistui::tui::app::Focus;
    use iistui::tui::tree::{FolderListing, TreeKey};
    let shop = ShopSite::new();
    let mut app = shop.app();
    for key in [
        TreeKey::Sites(0),
        TreeKey::Site(0, String::from("shop")),
        TreeKey::App(0, String::from("shop"), String::from("/")),
        TreeKey::Vdir(
            0,
            String::from("shop"),
            String::from("/"),
            String::from("/"),
        ),
    ] {
        app.tree.expanded.insert(key);
    }
    // The listing the tree would read when the virtual directory is expanded.
    app.folders.insert(
        shop.root.clone(),
        FolderListing::Loaded(vec![
            (String::from("api"), true, None),
            (String::from("static"), true, None),
        ]),
    );
    app.rebuild_tree();
    assert!(app.tree.select(&TreeKey::Folder(0, shop.path("api"))));
    app.focus = Focus::Tree;
    settle(&mut app, ch('c'));
    let wizard = app.dialogs.top_as::<Convert>().expect("Convert");
    assert_eq!(wizard.form.text("folder"), "api");
    assert_eq!(
        wizard.form.field("folder").and_then(|f| f.error.clone()),
        None
    );
}

#[test]
fn add_website_refuses_a_relative_path_and_trims_a_completed_separator() {
    let (dir, _path, mut app) = demo_app(Theme::default_theme());
    settle(&mut app, ch('a'));
    typed(&mut app, "spaced.example.com");
    send(&mut app, key(KeyCode::Tab));
    send(&mut app, key(KeyCode::Tab));
    typed_settled(&mut app, "relative\\dir");
    let error = add_site(&app)
        .form
        .field("path")
        .and_then(|f| f.error.clone());
    assert!(
        error
            .as_deref()
            .is_some_and(|e| e.contains("the physical path must be absolute")),
        "{error:?}"
    );
    assert!(
        add_site(&app).form.field("create").is_none(),
        "no folder offered for a refused path"
    );
    send(&mut app, ctrl('s'));
    assert!(
        matches!(add_site(&app).step, AddSiteStep::Form),
        "no review for a relative path"
    );
    assert!(!std::path::Path::new("relative").exists() && !dir.path().join("relative").exists());
    send(&mut app, ctrl('u'));
    typed_settled(&mut app, "D:\\sites\\spaced\\");
    assert_eq!(
        add_site(&app)
            .form
            .field("path")
            .and_then(|f| f.error.clone()),
        None
    );
    send(&mut app, ctrl('s'));
    let review = add_site_review(&app);
    assert!(
        review.cli.contains(" --physical-path 'D:\\sites\\spaced' "),
        "the separator Tab completion leaves is trimmed: {}",
        review.cli
    );
}

#[test]
fn capital_c_in_the_tree_removes_the_selected_application() {
    use iistui::tui::app::Focus;
    use iistui::tui::tree::TreeKey;
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    for key in [
        TreeKey::Sites(0),
        TreeKey::Site(0, String::from("intranet")),
    ] {
        app.tree.expanded.insert(key);
    }
    app.rebuild_tree();
    let hr = TreeKey::App(0, String::from("intranet"), String::from("/hr"));
    assert!(app.tree.select(&hr));
    app.focus = Focus::Tree;
    send(&mut app, ch('C'));
    let review = app.dialogs.top_as::<Review>().expect("a review");
    assert_eq!(review.title, "Remove application \"intranet/hr\"");
    assert_eq!(review.buttons.focused(), "Cancel");
    send(&mut app, key(KeyCode::Esc));
    // A site's root application is not offered.
    assert!(app.tree.select(&TreeKey::App(
        0,
        String::from("intranet"),
        String::from("/")
    )));
    send(&mut app, ch('C'));
    assert!(app.dialogs.is_empty());
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("not a site's root")),
        "{:?}",
        app.status
    );
}
