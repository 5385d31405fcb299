//! Update and render tiers: Explore (`o`) lists a site's folder as it is on disk, linked folders
//! as folders, and says why when the folder cannot be listed. (Unix: the test makes a symlink.)

#![cfg(unix)]

mod common;

use common::tui::*;
use common::wizard::*;
use iistui::tui::app::View;
use ratatui::crossterm::event::KeyCode;

#[test]
fn a_linked_folder_lists_as_a_folder_and_a_missing_one_says_so() {
    let shop = ShopSite::new();
    std::os::unix::fs::symlink(shop.path("static"), shop.path("assets")).expect("symlink");
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
    let frame = screen(&render(&mut app, 100, 30));
    let line = frame
        .lines()
        .find(|l| l.contains("assets"))
        .unwrap_or_else(|| panic!("{frame}"));
    assert!(
        line.contains("folder"),
        "a linked folder is a folder: {line}"
    );
    // The hint bar offers what a folder listing can do, not the sites' settings.
    let hints = frame.lines().last().unwrap_or_default();
    assert!(hints.contains("Enter Open"), "{hints}");
    for absent in ["Bindings", "Advanced", "Delete", "Mark"] {
        assert!(!hints.contains(absent), "{absent}: {hints}");
    }

    // A file added on disk shows when the folder is opened again (it was read once a session).
    std::fs::write(shop.path("newfile.txt"), "hi").expect("write");
    send(&mut app, key(KeyCode::Esc));
    send(&mut app, ch('2'));
    app.prepare();
    let rows = app.conns[0].rows.sites.clone();
    app.lists.sites.select_name(&rows, "shop");
    settle(&mut app, ch('o'));
    let frame = screen(&render(&mut app, 100, 30));
    assert!(frame.contains("newfile.txt"), "{frame}");

    // The site's folder gone: the list says why instead of "(empty)".
    std::fs::remove_dir_all(&shop.root).expect("remove");
    let mut app = shop.app();
    send(&mut app, ch('2'));
    app.prepare();
    let rows = app.conns[0].rows.sites.clone();
    app.lists.sites.select_name(&rows, "shop");
    settle(&mut app, ch('o'));
    let frame = screen(&render(&mut app, 100, 30));
    assert!(!frame.contains("(empty)"), "{frame}");
    assert!(
        frame.contains("cannot list this folder: no such file"),
        "{frame}"
    );
}
