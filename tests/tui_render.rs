//! Render tier: `TestBackend` frames at 80x24 and 160x48 as insta snapshots (start page, sites,
//! pools, help, palette, filter, confirm dialog, NO_COLOR), and the styles that carry meaning:
//! the selection, dimmed inherited values, no colour at all under NO_COLOR.

mod common;

use common::tui::*;
use iistui::tui::app::App;
use iistui::tui::problems::check_job;
use iistui::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};

fn with_problems(app: &mut App) {
    let checked = {
        let store = app.conns[0].store.as_ref().expect("store");
        check_job(store.document(), &app.schema, None)
    };
    app.conns[0].problems = Some(checked.report);
}

fn text_of(terminal: &Terminal<TestBackend>) -> String {
    terminal.backend().to_string()
}

#[test]
fn start_page() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    with_problems(&mut app);
    insta::assert_snapshot!("start_80x24", render(&mut app, 80, 24).backend());
    insta::assert_snapshot!("start_160x48", render(&mut app, 160, 48).backend());
}

#[test]
fn sites_list_and_details() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    send(&mut app, ch('2'));
    send(&mut app, ch('j'));
    let narrow = render(&mut app, 80, 24);
    insta::assert_snapshot!("sites_80x24", narrow.backend());
    let wide = render(&mut app, 160, 48);
    insta::assert_snapshot!("sites_160x48", wide.backend());
    // The selected row (contoso.com, row 4 of the screen) carries the selection colours.
    let buffer = wide.backend().buffer();
    let row: String = (0..160)
        .map(|x| buffer[(x, 4)].symbol().to_owned())
        .collect();
    assert!(row.contains("contoso.com"), "{row}");
    let x = row[..row.find("contoso.com").expect("name")]
        .chars()
        .count() as u16;
    assert_eq!(buffer[(x, 4)].bg, Color::Cyan);
    // In the details pane, inherited values are dimmed and explicit ones are not.
    let screen = text_of(&wide);
    assert!(screen.contains("hsts.enabled"), "{screen}");
    let find = |needle: &str| -> (u16, u16) {
        for y in 0..48 {
            let line: String = (0..160)
                .map(|x| buffer[(x, y)].symbol().to_owned())
                .collect();
            if let Some(pos) = line.find(needle) {
                return (line[..pos].chars().count() as u16, y);
            }
        }
        panic!("{needle} not on screen");
    };
    let (x, y) = find("serverAutoStart");
    let value_x = x + 25;
    assert!(
        !buffer[(value_x, y)].modifier.contains(Modifier::DIM),
        "explicit value is not dimmed"
    );
    let (x, y) = find("logFile.period");
    assert!(
        buffer[(x + 25, y)].modifier.contains(Modifier::DIM),
        "inherited value is dimmed"
    );
}

#[test]
fn pools_list() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    send(&mut app, ch('3'));
    insta::assert_snapshot!("pools_80x24", render(&mut app, 80, 24).backend());
    insta::assert_snapshot!("pools_160x48", render(&mut app, 160, 48).backend());
}

#[test]
fn help_overlay() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    send(&mut app, ch('?'));
    insta::assert_snapshot!("help_80x24", render(&mut app, 80, 24).backend());
    send(&mut app, ch('/'));
    typed(&mut app, "sort");
    insta::assert_snapshot!("help_search_80x24", render(&mut app, 80, 24).backend());
}

#[test]
fn command_palette() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    send(&mut app, ch(':'));
    typed(&mut app, "site con");
    insta::assert_snapshot!("palette_80x24", render(&mut app, 80, 24).backend());
}

#[test]
fn filtered_list() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    send(&mut app, ch('2'));
    send(&mut app, ch('/'));
    typed(&mut app, "tail");
    let terminal = render(&mut app, 80, 24);
    insta::assert_snapshot!("filter_80x24", terminal.backend());
    // Matched characters are highlighted.
    let buffer = terminal.backend().buffer();
    let line: String = (0..80)
        .map(|x| buffer[(x, 3)].symbol().to_owned())
        .collect();
    let t = line[..line.find("tailspin").expect("match")]
        .chars()
        .count() as u16;
    assert!(buffer[(t, 3)].modifier.contains(Modifier::UNDERLINED));
}

#[test]
fn confirm_dialog() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    send(&mut app, ch('2'));
    send(&mut app, ch('G'));
    send(&mut app, ch('d'));
    insta::assert_snapshot!("confirm_80x24", render(&mut app, 80, 24).backend());
    insta::assert_snapshot!("confirm_160x48", render(&mut app, 160, 48).backend());
}

#[test]
fn add_website_form() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    send(&mut app, ch('a'));
    typed(&mut app, "shop.example.com");
    send(&mut app, key(KeyCode::Tab));
    insta::assert_snapshot!("add_website_80x24", render(&mut app, 80, 24).backend());
}

#[test]
fn no_color_uses_reverse_video_and_markers() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme().without_color());
    send(&mut app, ch('2'));
    send(&mut app, ch('j'));
    let terminal = render(&mut app, 80, 24);
    insta::assert_snapshot!("no_color_sites_80x24", terminal.backend());
    let buffer = terminal.backend().buffer();
    for cell in buffer.content() {
        assert_eq!(
            (cell.fg, cell.bg),
            (Color::Reset, Color::Reset),
            "NO_COLOR: no colours at all"
        );
    }
    let line: String = (0..80)
        .map(|x| buffer[(x, 4)].symbol().to_owned())
        .collect();
    let marker = line[..line
        .find("> contoso.com")
        .expect("marker on the selected row")]
        .chars()
        .count() as u16;
    assert!(buffer[(marker, 4)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn advanced_settings_grid_and_its_editor() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    send(&mut app, ch('3'));
    send(&mut app, ch('j'));
    send(&mut app, ch('A'));
    insta::assert_snapshot!("advanced_80x24", render(&mut app, 80, 24).backend());
    insta::assert_snapshot!("advanced_160x48", render(&mut app, 160, 48).backend());
    // A pending edit is marked; an enum row's editor opens its choices.
    send(&mut app, ch('/'));
    typed(&mut app, "pipeline");
    send(&mut app, key(KeyCode::Enter));
    send(&mut app, key(KeyCode::Enter));
    insta::assert_snapshot!("advanced_picker_80x24", render(&mut app, 80, 24).backend());
    send(&mut app, key(KeyCode::Down));
    send(&mut app, key(KeyCode::Enter));
    let wide = render(&mut app, 160, 48);
    insta::assert_snapshot!("advanced_pending_160x48", wide.backend());
    assert!(
        text_of(&wide).contains(">*Managed Pipeline Mode"),
        "pending marker"
    );
}
