//! Render tier for the wizards at 80x24 (insta snapshots): Add Website with its bindings and
//! their problems, its binding form with the HTTP.sys note, its review; Add Application, Add
//! Virtual Directory, Add Application Pool; Convert to Application with a hosting warning and
//! its fix; the file viewer. `%SystemDrive%` points at a copy of the demo's folders, so the
//! folders the wizards look at are real and the paths shown are the demo's own.

mod common;

use std::sync::OnceLock;

use common::tui::*;
use common::wizard::{apps_of, settle, vdirs_of};
use iistui::tui::app::App;
use iistui::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;

/// The demo's folders, copied once for this test binary, with `%SystemDrive%` pointing there.
fn demo_drive() {
    static DRIVE: OnceLock<tempfile::TempDir> = OnceLock::new();
    DRIVE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        for (relative, bytes) in iistui::host::demo::FILES {
            let target = dir.path().join(relative);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).expect("mkdir");
            }
            std::fs::write(&target, bytes).expect("write");
        }
        let drive = dir.path().join("drive-c");
        iistui::host::paths::define_variable("SystemDrive", &drive.display().to_string());
        dir
    });
}

fn app() -> (tempfile::TempDir, App) {
    demo_drive();
    let (dir, _path, app) = demo_app(Theme::default_theme());
    (dir, app)
}

fn snapshot(name: &str, app: &mut App) {
    insta::assert_snapshot!(name, render(app, 80, 24).backend());
}

#[test]
fn add_website_with_its_bindings_and_their_problems() {
    let (_dir, mut app) = app();
    settle(&mut app, ch('a'));
    typed(&mut app, "Intranet2");
    send(&mut app, key(KeyCode::Tab));
    send(&mut app, key(KeyCode::Tab));
    typed(&mut app, "C:\\sites\\intranet2");
    send(&mut app, key(KeyCode::Down));
    send(&mut app, key(KeyCode::Down));
    snapshot("add_website_bindings_80x24", &mut app);
    send(&mut app, ch('a'));
    snapshot("add_website_https_binding_80x24", &mut app);
    send(&mut app, ctrl('s'));
    // A review is refused while a binding is: the list selects it; Enter edits it.
    send(&mut app, ctrl('s'));
    send(&mut app, key(KeyCode::Enter));
    send(&mut app, key(KeyCode::Down));
    send(&mut app, key(KeyCode::Down));
    send(&mut app, key(KeyCode::Down));
    typed(&mut app, "intranet2.corp.local");
    send(&mut app, ctrl('s'));
    send(&mut app, ctrl('s'));
    snapshot("add_website_review_80x24", &mut app);
}

#[test]
fn add_application_virtual_directory_and_pool() {
    let (_dir, mut app) = app();
    apps_of(&mut app, "intranet");
    settle(&mut app, ch('n'));
    send(&mut app, key(KeyCode::Tab));
    typed(&mut app, "wiki");
    snapshot("add_application_80x24", &mut app);
    send(&mut app, key(KeyCode::Esc));
    send(&mut app, key(KeyCode::Tab));
    send(&mut app, key(KeyCode::Enter));
    vdirs_of(&mut app, "intranet/");
    settle(&mut app, ch('n'));
    send(&mut app, key(KeyCode::Tab));
    typed(&mut app, "assets");
    send(&mut app, key(KeyCode::Tab));
    typed(&mut app, "\\\\fileserver01\\assets");
    send(&mut app, key(KeyCode::Down));
    send(&mut app, key(KeyCode::Right));
    snapshot("add_virtual_directory_80x24", &mut app);
    send(&mut app, key(KeyCode::Esc));
    send(&mut app, key(KeyCode::Tab));
    send(&mut app, key(KeyCode::Enter));
    send(&mut app, ch('3'));
    settle(&mut app, ch('n'));
    typed(&mut app, "Reports2");
    snapshot("add_application_pool_80x24", &mut app);
}

#[test]
fn convert_with_the_parent_handler_warning_and_its_fix() {
    let (_dir, mut app) = app();
    apps_of(&mut app, "api.contoso.com");
    settle(&mut app, ch('c'));
    for c in "logs".chars() {
        settle(&mut app, ch(c));
    }
    snapshot("convert_80x24", &mut app);
}

#[test]
fn the_viewer_colours_a_web_config() {
    let (_dir, mut app) = app();
    apps_of(&mut app, "contoso.com");
    settle(&mut app, ch('o'));
    app.prepare();
    let rows = app.lists.folder_rows.clone();
    app.lists.folder.select_name(&rows, "web.config");
    settle(&mut app, key(KeyCode::Enter));
    let viewer = render(&mut app, 80, 24);
    let title = viewer
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect::<String>();
    // The title names the file where this test copied the demo; the rest is the snapshot.
    assert!(title.contains("web.config"), "{title}");
    let lines: Vec<String> = common::wizard::screen(&viewer)
        .lines()
        .skip(2)
        .map(str::to_owned)
        .collect();
    insta::assert_snapshot!("viewer_web_config_80x24", lines.join("\n"));
}
