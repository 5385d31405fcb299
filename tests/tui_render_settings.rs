//! Render tier for Basic Settings and Site Bindings: `TestBackend` frames at 80x24 and 160x48
//! as insta snapshots (a site's form, a pool's, the bindings list, an https binding's form),
//! and the styles that carry meaning (the selected binding, an error under its field).

mod common;

use common::tui::*;
use iistui::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;

fn sites_row(app: &mut iistui::tui::app::App, row: usize) {
    send(app, ch('2'));
    for _ in 0..row {
        send(app, ch('j'));
    }
}

#[test]
fn basic_settings_of_a_site_and_a_pool() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    sites_row(&mut app, 4);
    send(&mut app, ch('e'));
    insta::assert_snapshot!("basic_site_80x24", render_at(&mut app, 80, 24).backend());
    insta::assert_snapshot!("basic_site_160x48", render_at(&mut app, 160, 48).backend());
    send(&mut app, key(KeyCode::Esc));
    send(&mut app, ch('3'));
    send(&mut app, ch('j'));
    send(&mut app, ch('e'));
    typed(&mut app, "!");
    let terminal = render_at(&mut app, 80, 24);
    insta::assert_snapshot!("basic_pool_error_80x24", terminal.backend());
    // The error under the name is drawn in the error colour.
    let buffer = terminal.backend().buffer();
    let error_row = (0..24)
        .find(|y| {
            (0..80)
                .map(|x| buffer[(x, *y)].symbol().to_owned())
                .collect::<String>()
                .contains("✗ ")
        })
        .expect("an error line");
    let x = (0..80)
        .find(|x| buffer[(*x, error_row)].symbol() == "✗")
        .expect("mark");
    assert_eq!(buffer[(x, error_row)].fg, Color::Red);
}

#[test]
fn site_bindings_list_and_an_https_binding() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    sites_row(&mut app, 1);
    send(&mut app, ch('b'));
    send(&mut app, ch('j'));
    insta::assert_snapshot!("bindings_80x24", render_at(&mut app, 80, 24).backend());
    let wide = render_at(&mut app, 160, 48);
    insta::assert_snapshot!("bindings_160x48", wide.backend());
    let buffer = wide.backend().buffer();
    let row = (0..48)
        .find(|y| {
            (0..160)
                .map(|x| buffer[(x, *y)].symbol().to_owned())
                .collect::<String>()
                .contains("http   www.contoso.com")
        })
        .expect("the selected binding");
    let x = (0..160)
        .find(|x| buffer[(*x, row)].symbol() == "h" && buffer[(*x - 1, row)].symbol() == "│")
        .expect("its first cell");
    assert_eq!(buffer[(x, row)].bg, Color::Cyan, "the selection colours");
    send(&mut app, ch('j'));
    send(&mut app, key(KeyCode::Enter));
    insta::assert_snapshot!("binding_https_80x24", render_at(&mut app, 80, 24).backend());
    insta::assert_snapshot!(
        "binding_https_160x48",
        render_at(&mut app, 160, 48).backend()
    );
}

#[test]
fn a_refused_removal_is_said_in_the_list() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    sites_row(&mut app, 8);
    send(&mut app, ch('b'));
    send(&mut app, ch('d'));
    let terminal = render_at(&mut app, 80, 24);
    insta::assert_snapshot!("bindings_last_refused_80x24", terminal.backend());
    let screen = terminal.backend().to_string();
    assert!(screen.contains("it is the last binding"), "{screen}");
    assert!(
        screen.contains("(add another first)"),
        "wrapped, not cut: {screen}"
    );
}
