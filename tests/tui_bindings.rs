//! Update tier for Site Bindings (`b`): keys → list → binding form → review → the real store,
//! the bytes compared with what the review's "Same as" command (`set binding`, `add binding`,
//! `delete binding`) writes when the CLI runs it on a copy; refusals (the last binding, a
//! binding another site uses, named) and the IP field's suggestions.

mod common;

#[cfg(unix)]
use common::shown::{assert_same, cli_bytes};
use common::tui::*;
use iistui::tui::app::App;
#[cfg(unix)]
use iistui::tui::dialog::Review;
use iistui::tui::dialog::{Bindings, BindingsStep};
use iistui::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;

fn dialog(app: &App) -> &Bindings {
    app.dialogs
        .top_as::<Bindings>()
        .expect("Site Bindings is open")
}

#[cfg(unix)]
fn review(app: &App) -> Review {
    match &dialog(app).step {
        BindingsStep::Review(review) => (**review).clone(),
        other => panic!("not on the review: {other:?}; status {:?}", app.status),
    }
}

fn field_error(app: &App, key: &str) -> Option<String> {
    dialog(app)
        .form
        .as_ref()
        .and_then(|f| f.form.field(key))
        .and_then(|f| f.error.clone())
}

/// Opens the bindings of the site on row `row` of the Sites list.
fn open_on(app: &mut App, row: usize) {
    send(app, ch('2'));
    send(app, ch('g'));
    for _ in 0..row {
        send(app, ch('j'));
    }
    send(app, ch('b'));
    assert_eq!(dialog(app).step, BindingsStep::List);
}

/// Confirms the review and runs the save; the dialog stays on the (reloaded) list.
#[cfg(unix)]
fn save(app: &mut App) {
    send(app, key(KeyCode::Tab));
    send_and_run(app, key(KeyCode::Enter));
    assert_eq!(dialog(app).step, BindingsStep::List, "{:?}", app.status);
}

#[test]
#[cfg(unix)]
fn editing_a_port_writes_what_set_binding_writes() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let original = std::fs::read_to_string(&path).expect("read");
    open_on(&mut app, 1);
    assert_eq!(dialog(&app).site, "contoso.com");
    assert_eq!(dialog(&app).bindings.len(), 3);
    send(&mut app, ch('j'));
    send(&mut app, key(KeyCode::Enter));
    assert_eq!(dialog(&app).step, BindingsStep::Form);
    send(&mut app, key(KeyCode::Down));
    send(&mut app, key(KeyCode::Down));
    send(&mut app, ctrl('u'));
    typed(&mut app, "8080");
    send(&mut app, ctrl('s'));
    let shown = review(&app);
    assert_eq!(
        shown.title,
        "Change binding http/*:80:www.contoso.com of site \"contoso.com\""
    );
    assert!(
        shown.cli.ends_with(
            " set binding contoso.com 'http/*:80:www.contoso.com' 'bindingInformation=*:8080:www.contoso.com'"
        ),
        "{}",
        shown.cli
    );
    save(&mut app);
    assert_eq!(
        dialog(&app).bindings[1].spec(),
        "http/*:8080:www.contoso.com",
        "the list shows the file as saved, the binding where it was"
    );
    let saved = std::fs::read_to_string(&path).expect("read");
    assert_same(&saved, &cli_bytes(&original, &shown.cli));
}

#[test]
#[cfg(unix)]
fn an_https_binding_with_sni_and_a_certificate_writes_what_add_binding_writes() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let original = std::fs::read_to_string(&path).expect("read");
    open_on(&mut app, 7);
    assert_eq!(dialog(&app).site, "blog.tailspin.com");
    send(&mut app, ch('a'));
    send(&mut app, key(KeyCode::Right));
    let form = &dialog(&app).form.as_ref().expect("form").form;
    assert_eq!(
        (form.text("type").as_str(), form.text("port").as_str()),
        ("https", "443"),
        "the port follows the type"
    );
    for _ in 0..3 {
        send(&mut app, key(KeyCode::Down));
    }
    typed(&mut app, "blog.tailspin.com");
    send(&mut app, key(KeyCode::Down));
    send(&mut app, ch(' '));
    send(&mut app, ch(' '));
    send(&mut app, key(KeyCode::Enter));
    send(&mut app, key(KeyCode::Down));
    typed(&mut app, "9B8E7D6C5B4A39281706F5E4D3C2B1A098F7E6D5");
    send(&mut app, key(KeyCode::Down));
    send(&mut app, key(KeyCode::Right));
    send(&mut app, ctrl('s'));
    let shown = review(&app);
    assert!(
        shown.cli.ends_with(
            " add binding --site blog.tailspin.com --certificate 9B8E7D6C5B4A39281706F5E4D3C2B1A098F7E6D5 --certificate-store WebHosting --ssl-flags Sni 'https/*:443:blog.tailspin.com'"
        ),
        "{}",
        shown.cli
    );
    assert!(
        shown
            .message
            .iter()
            .any(|m| m.contains("netsh http add sslcert")),
        "{:?}",
        shown.message
    );
    save(&mut app);
    assert_eq!(dialog(&app).selected, 1, "the new binding is selected");
    let saved = std::fs::read_to_string(&path).expect("read");
    assert!(saved.contains("sslFlags=\"Sni\" certificateHash=\"9B8E7D6C5B4A39281706F5E4D3C2B1A098F7E6D5\" certificateStoreName=\"WebHosting\""));
    assert_same(&saved, &cli_bytes(&original, &shown.cli));
}

#[test]
#[cfg(unix)]
fn removing_a_binding_writes_what_delete_binding_writes() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let original = std::fs::read_to_string(&path).expect("read");
    open_on(&mut app, 1);
    send(&mut app, ch('d'));
    let shown = review(&app);
    assert_eq!(shown.buttons.focused(), "Cancel");
    assert!(
        shown
            .cli
            .ends_with(" delete binding contoso.com 'http/*:80:contoso.com'"),
        "{}",
        shown.cli
    );
    save(&mut app);
    assert_eq!(dialog(&app).bindings.len(), 2);
    let saved = std::fs::read_to_string(&path).expect("read");
    assert_same(&saved, &cli_bytes(&original, &shown.cli));
}

#[test]
fn the_last_binding_and_bindings_in_use_are_refused_with_the_rule() {
    let (_dir, path, mut app) = demo_app(Theme::default_theme());
    let before = std::fs::read(&path).expect("read");
    open_on(&mut app, 8);
    assert_eq!(dialog(&app).site, "reports");
    send(&mut app, ch('d'));
    assert_eq!(dialog(&app).step, BindingsStep::List, "no review");
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some(
            "invalid binding \"https/*:8443:reports.corp.local\": it is the last binding of site \"reports\"; a site needs at least one (add another first)"
        )
    );
    send(&mut app, key(KeyCode::Esc));
    assert!(app.dialogs.is_empty());

    open_on(&mut app, 1);
    send(&mut app, ch('a'));
    assert_eq!(
        field_error(&app, "host").as_deref(),
        Some("binding http/*:80: is already used by site \"Default Web Site\""),
        "checked from the start: the defaults are taken"
    );
    for _ in 0..3 {
        send(&mut app, key(KeyCode::Down));
    }
    typed(&mut app, "www.fabrikam.net");
    assert_eq!(
        field_error(&app, "host").as_deref(),
        Some("binding http/*:80:www.fabrikam.net is already used by site \"fabrikam.net\"")
    );
    send(&mut app, ctrl('u'));
    typed(&mut app, "www.contoso.com");
    assert_eq!(
        field_error(&app, "host").as_deref(),
        Some("this site already has binding http/*:80:www.contoso.com")
    );
    send(&mut app, ctrl('u'));
    typed(&mut app, "new.contoso.com");
    assert_eq!(field_error(&app, "host"), None);
    send(&mut app, key(KeyCode::Up));
    send(&mut app, ctrl('u'));
    typed(&mut app, "8099");
    send(&mut app, key(KeyCode::Down));
    send(&mut app, ctrl('u'));
    let host = dialog(&app)
        .form
        .as_ref()
        .and_then(|f| f.form.field("host"))
        .cloned()
        .expect("host");
    assert_eq!(host.error, None);
    assert!(
        host.warning.is_some_and(|w| w.contains("no host name")),
        "the wildcard-host warning, as the CLI prints it"
    );
    send(&mut app, key(KeyCode::Up));
    send(&mut app, key(KeyCode::Up));
    typed(&mut app, "x");
    assert_eq!(
        field_error(&app, "ip").as_deref(),
        Some("must be * (all unassigned) or an IPv4 or IPv6 address")
    );
    send(&mut app, ctrl('s'));
    assert_eq!(
        dialog(&app).step,
        BindingsStep::Form,
        "no review with an error"
    );
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn the_ip_field_offers_all_unassigned_and_takes_any_address() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    open_on(&mut app, 1);
    send(&mut app, ch('a'));
    send(&mut app, key(KeyCode::Down));
    send(&mut app, key(KeyCode::F(4)));
    let form = &dialog(&app).form.as_ref().expect("form").form;
    let picker = form.picker.as_ref().expect("F4 lists the addresses");
    let field = &form.fields[picker.field];
    assert_eq!(field.key, "ip");
    assert_eq!(field.choices()[0].detail, "All Unassigned");
    send(&mut app, key(KeyCode::Esc));
    send(&mut app, ctrl('u'));
    typed(&mut app, "::1");
    for _ in 0..2 {
        send(&mut app, key(KeyCode::Down));
    }
    typed(&mut app, "v6.contoso.com");
    let binding = dialog(&app)
        .form
        .as_ref()
        .expect("form")
        .binding()
        .expect("a binding");
    assert_eq!(binding.spec(), "http/[::1]:80:v6.contoso.com");
}

#[test]
fn an_edit_writes_only_what_was_edited() {
    let schema = iistui::model::schema::SchemaSet::bundled();
    // An IP written empty shows as *; untouched, it stays as written.
    let old = iistui::model::apphost::Binding::new("http", ":8080:localhost");
    let mut form = iistui::tui::dialog::BindingForm::new(&schema, &[], Some(old));
    let binding = form.binding().expect("binding");
    assert_eq!(binding.spec(), "http/*:8080:localhost");
    assert!(
        form.settings(&binding).is_empty(),
        "nothing edited, nothing to save"
    );
    if let Some(port) = form.form.field_mut("port") {
        port.input.set("9090");
    }
    let binding = form.binding().expect("binding");
    assert_eq!(
        form.settings(&binding)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["bindingInformation=*:9090:localhost"]
    );
    // Leaving https drops what only https uses.
    let mut https = iistui::model::apphost::Binding::new("https", "*:443:shop");
    https.ssl_flags = Some(String::from("1"));
    https.certificate_hash = Some(String::from("9B8E7D6C5B4A39281706F5E4D3C2B1A098F7E6D5"));
    let mut form = iistui::tui::dialog::BindingForm::new(&schema, &[], Some(https));
    assert_eq!(form.form.text("flags"), "Sni", "1 reads as its flag name");
    if let Some(kind) = form.form.field_mut("type") {
        kind.input.set("http");
    }
    form.follow_type(Some("type"));
    let binding = form.binding().expect("binding");
    assert_eq!(
        binding.spec(),
        "http/*:80:shop",
        "the port follows the type"
    );
    assert_eq!(
        form.settings(&binding)
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        [
            "protocol=http",
            "bindingInformation=*:80:shop",
            "-sslFlags",
            "-certificateHash"
        ]
    );
}
