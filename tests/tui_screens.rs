//! The list screens (issue 10, section 4): column widths that follow the terminal, the filter
//! over every visible cell, and Esc one level up from a folder. Update tier (keys → state) and
//! render tier (`TestBackend` frames read as text and styles).

mod common;

use std::path::{Path, PathBuf};

use common::tui::*;
use iistui::tui::app::{App, View};
use iistui::tui::msg::{Effect, Msg};
use iistui::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Modifier;

/// The screen's rows as text.
fn rows(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_owned())
                .collect()
        })
        .collect()
}

/// The list pane's text on the row that starts with `name`, and that row's screen position.
fn find_row(terminal: &Terminal<TestBackend>, name: &str) -> (String, u16, u16) {
    let screen = rows(terminal);
    for (y, row) in screen.iter().enumerate() {
        let list = row.split('│').nth(3).unwrap_or_default();
        if list.starts_with(name) {
            let before: usize = row.split('│').take(3).map(|s| s.chars().count() + 1).sum();
            return (list.to_owned(), before as u16, y as u16);
        }
    }
    panic!("{name} is not in the list:\n{}", screen.join("\n"))
}

fn list_row(terminal: &Terminal<TestBackend>, name: &str) -> String {
    find_row(terminal, name).0
}

/// A server whose values are as long as real ones: hashed site IDs, IP-bound bindings, deep
/// physical paths.
const REAL_SIZED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<configuration>
    <system.applicationHost>
        <applicationPools>
            <add name="CustomerPortalPool" />
        </applicationPools>
        <sites>
            <site name="customer-portal.contoso.com" id="1563245789">
                <application path="/" applicationPool="CustomerPortalPool">
                    <virtualDirectory path="/" physicalPath="D:\Websites\Production\customer-portal\wwwroot" />
                </application>
                <bindings>
                    <binding protocol="http" bindingInformation="10.16.34.120:80:portal.contoso.com" />
                    <binding protocol="https" bindingInformation="10.16.34.120:443:portal.contoso.com" />
                </bindings>
            </site>
            <site name="intranet" id="2">
                <application path="/" applicationPool="CustomerPortalPool">
                    <virtualDirectory path="/" physicalPath="D:\Websites\Production\intranet\wwwroot" />
                </application>
                <bindings>
                    <binding protocol="http" bindingInformation="10.16.34.121:80:" />
                </bindings>
            </site>
        </sites>
    </system.applicationHost>
</configuration>
"#;

fn real_sized_app() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("applicationHost.config");
    std::fs::write(&path, REAL_SIZED).expect("write config");
    let mut app = file_app(&path, Theme::default_theme());
    send(&mut app, ch('2'));
    (dir, app)
}

#[test]
fn ids_are_never_cut_and_names_keep_their_longest_up_to_24() {
    let (_dir, mut app) = real_sized_app();
    for (width, height) in [(80, 24), (120, 30), (160, 48), (240, 60)] {
        let terminal = render(&mut app, width, height);
        let row = list_row(&terminal, "customer-portal");
        let head = list_row(&terminal, "Name ");
        // Dropped when there is no room at all (80 columns), but never cut.
        assert!(
            row.contains("1563245789") || !head.contains("ID") && !row.contains("15632"),
            "{width}x{height}: the ID is whole or absent: {row:?}"
        );
        if width >= 240 {
            assert!(row.contains("1563245789"), "{width}x{height}: {row:?}");
        }
        // The name (27 characters) keeps a column of 24.
        assert!(
            row.starts_with("customer-portal.contoso"),
            "{width}x{height}: {row:?}"
        );
    }
}

#[test]
fn bindings_and_physical_paths_get_the_room_when_there_is_room() {
    let (_dir, mut app) = real_sized_app();
    // 160 columns with details beside the list: the IP, port and host of the first binding and
    // the end of the physical path are readable (they read `http/10.16.3…` and `%SystemDriv…`).
    let terminal = render(&mut app, 160, 48);
    let row = list_row(&terminal, "customer-portal");
    assert!(row.contains("http/10.16.34.120:80:"), "160x48: {row:?}");
    assert!(row.contains("-portal\\wwwroot"), "160x48: {row:?}");
    // 240 columns with details: every column, the folder that tells sites apart.
    let terminal = render(&mut app, 240, 48);
    let row = list_row(&terminal, "customer-portal");
    for value in [
        "1563245789",
        "http/10.16.34.120:80:portal.co",
        "…\\customer-portal\\wwwroot",
        "CustomerPortalPool",
    ] {
        assert!(row.contains(value), "240x48: {value} in {row:?}");
    }
    // 240 columns with the details hidden (`i`): everything in full.
    send(&mut app, ch('i'));
    let terminal = render(&mut app, 240, 48);
    let row = list_row(&terminal, "customer-portal");
    for value in [
        "customer-portal.contoso.com",
        "http/10.16.34.120:80:portal.contoso.com, https/10.16.34.120:443:portal.contoso.com",
        "D:\\Websites\\Production\\customer-portal\\wwwroot",
        "CustomerPortalPool",
    ] {
        assert!(row.contains(value), "240x48: {value} in {row:?}");
    }
}

#[test]
fn narrow_lists_drop_the_least_important_columns_first() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    send(&mut app, ch('2'));
    let header = |terminal: &Terminal<TestBackend>| list_row(terminal, "Name ");
    // 80 columns: name, ID, state and bindings; the path and pool are in the details.
    let terminal = render(&mut app, 80, 24);
    let head = header(&terminal);
    assert!(head.contains("Bindings"), "{head:?}");
    assert!(
        !head.contains("App Pool") && !head.contains("Physical"),
        "{head:?}"
    );
    // Every name is whole.
    let screen = rows(&terminal).join("\n");
    for name in [
        "status.northwind.io",
        "shop.tailspin.com",
        "adventure-works",
    ] {
        assert!(
            screen.contains(&format!("│{name} ")),
            "{name} whole at 80x24"
        );
    }
    // 240 columns: every column, every path whole.
    let terminal = render(&mut app, 240, 60);
    let head = header(&terminal);
    for title in ["ID", "State", "Bindings", "Physical Path", "App Pool"] {
        assert!(head.contains(title), "{title} in {head:?}");
    }
    let row = list_row(&terminal, "contoso.com ");
    assert!(
        row.contains("%SystemDrive%\\sites\\contoso.com")
            && row.contains("http/*:80:contoso.com, http/*:80:www."),
        "{row:?}"
    );
}

#[test]
fn the_filter_matches_every_visible_cell_with_names_first() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    send(&mut app, ch('2'));
    send(&mut app, ch('/'));
    // A port: only in a binding.
    typed(&mut app, "8090");
    assert_eq!(app.lists.sites.len(), 1);
    assert_eq!(app.selected_name().as_deref(), Some("status.northwind.io"));
    send(&mut app, key(KeyCode::Esc));
    // A host name: the site of that name first, then the one bound to it.
    send(&mut app, ch('/'));
    typed(&mut app, "adven");
    let names: Vec<String> = (0..app.lists.sites.len())
        .map(|i| {
            app.lists.sites.selected = i;
            app.selected_name().expect("name")
        })
        .collect();
    assert_eq!(names, ["adventure-works", "wingtiptoys"]);
    send(&mut app, key(KeyCode::Esc));
    // An IP address, a path, a pool.
    for (query, expected) in [
        ("10.0.0.15", "intranet"),
        ("wingtiptoys-old", "wingtiptoys"),
        ("legacycrm", "legacy-crm"),
        ("https", "contoso.com"),
    ] {
        send(&mut app, ch('/'));
        typed(&mut app, query);
        app.lists.sites.selected = 0;
        assert_eq!(
            app.selected_name().as_deref(),
            Some(expected),
            "/{query} finds {expected}"
        );
        send(&mut app, key(KeyCode::Esc));
    }
    // The other lists too: a pool by its pipeline mode.
    send(&mut app, ch('3'));
    send(&mut app, ch('/'));
    typed(&mut app, "classic");
    assert_eq!(app.lists.pools.len(), 1);
    assert_eq!(app.selected_name().as_deref(), Some("LegacyCRM"));
}

#[test]
fn filter_matches_are_highlighted_in_the_cell_they_are_in() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    send(&mut app, ch('2'));
    send(&mut app, ch('/'));
    typed(&mut app, "adven");
    let terminal = render(&mut app, 160, 48);
    let buffer = terminal.backend().buffer();
    let (row, left, y) = find_row(&terminal, "wingtiptoys ");
    let x = left
        + row[..row.find("adventure").expect("binding shown")]
            .chars()
            .count() as u16;
    let underlined = |x: u16| buffer[(x, y)].modifier.contains(Modifier::UNDERLINED);
    assert!(
        (x..x + 5).all(underlined),
        "the matched binding text is highlighted"
    );
    assert!(!underlined(x + 5), "only the match");
    // The name of a row found by another cell has nothing highlighted.
    assert!(!(left..left + 11).any(underlined));
    // A row found by its name: the name's matched characters are.
    let (_, left, y) = find_row(&terminal, "adventure-works ");
    assert!((left..left + 5).all(|x| buffer[(x, y)].modifier.contains(Modifier::UNDERLINED)));
}

/// A site whose application has a virtual directory with folders two deep, all on this disk.
fn deep_app() -> (tempfile::TempDir, PathBuf, App) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().to_path_buf();
    for folder in ["site", "api", "files/a/b"] {
        std::fs::create_dir_all(root.join(folder)).expect("mkdir");
    }
    let at = |p: &str| root.join(p).display().to_string();
    let config = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<configuration>
    <system.applicationHost>
        <applicationPools>
            <add name="Deep" />
        </applicationPools>
        <sites>
            <site name="Deep" id="1">
                <application path="/" applicationPool="Deep">
                    <virtualDirectory path="/" physicalPath="{}" />
                </application>
                <application path="/api" applicationPool="Deep">
                    <virtualDirectory path="/" physicalPath="{}" />
                    <virtualDirectory path="/files" physicalPath="{}" />
                </application>
                <bindings>
                    <binding protocol="http" bindingInformation="*:80:deep" />
                </bindings>
            </site>
        </sites>
    </system.applicationHost>
</configuration>
"#,
        at("site"),
        at("api"),
        at("files")
    );
    let path = root.join("applicationHost.config");
    std::fs::write(&path, config).expect("write config");
    let mut app = file_app(&path, Theme::default_theme());
    app.width = 160;
    (dir, root, app)
}

/// Sends a key and answers the folder listings it asks for by reading the real folders.
fn send_listing(app: &mut App, msg: Msg) {
    for effect in send(app, msg) {
        if let Effect::ListFolder(path) = effect {
            let entries = std::fs::read_dir(&path)
                .expect("read folder")
                .flatten()
                .map(|e| {
                    let is_dir = e.path().is_dir();
                    (e.file_name().to_string_lossy().into_owned(), is_dir, None)
                })
                .collect();
            send(
                app,
                Msg::FolderListed {
                    path,
                    result: Ok(entries),
                },
            );
        }
    }
}

fn folder(path: &Path) -> View {
    View::Folder {
        path: path.to_path_buf(),
    }
}

#[test]
fn esc_from_a_folder_goes_back_one_level_at_a_time() {
    let (_dir, root, mut app) = deep_app();
    send(&mut app, ch('2'));
    send(&mut app, key(KeyCode::Enter));
    assert_eq!(
        app.view,
        View::Apps {
            site: Some(String::from("Deep"))
        }
    );
    send(&mut app, ch('j'));
    send(&mut app, key(KeyCode::Enter));
    let vdirs = View::Vdirs {
        app: String::from("Deep/api"),
    };
    assert_eq!(app.view, vdirs);
    send(&mut app, ch('j'));
    send_listing(&mut app, key(KeyCode::Enter));
    assert_eq!(app.view, folder(&root.join("files")));
    send_listing(&mut app, key(KeyCode::Enter));
    assert_eq!(app.view, folder(&root.join("files/a")));
    send_listing(&mut app, key(KeyCode::Enter));
    assert_eq!(app.view, folder(&root.join("files/a/b")));

    send_listing(&mut app, key(KeyCode::Esc));
    assert_eq!(app.view, folder(&root.join("files/a")));
    assert_eq!(
        app.selected_name().as_deref(),
        Some("b"),
        "the folder we came from stays selected"
    );
    send_listing(&mut app, key(KeyCode::Esc));
    assert_eq!(app.view, folder(&root.join("files")));
    send_listing(&mut app, key(KeyCode::Esc));
    assert_eq!(
        app.view, vdirs,
        "the vdir's own folder goes back to the vdir list"
    );
    assert_eq!(app.selected_name().as_deref(), Some("Deep/api/files"));
    send_listing(&mut app, key(KeyCode::Esc));
    assert_eq!(
        app.view,
        View::Apps {
            site: Some(String::from("Deep"))
        }
    );
    send_listing(&mut app, key(KeyCode::Esc));
    assert_eq!(app.view, View::Sites);
}

#[test]
fn esc_from_a_folder_opened_elsewhere_finds_its_virtual_directory() {
    // A folder shown without passing through the vdir list (as the tree opens them): the
    // virtual directory is found in the file.
    let (_dir, root, mut app) = deep_app();
    app.view = folder(&root.join("files/a"));
    send_listing(&mut app, key(KeyCode::Esc));
    assert_eq!(app.view, folder(&root.join("files")));
    send_listing(&mut app, key(KeyCode::Esc));
    assert_eq!(
        app.view,
        View::Vdirs {
            app: String::from("Deep/api")
        }
    );
}

#[test]
fn a_clear_text_password_is_masked_in_the_details() {
    let (_dir, path, _app) = demo_app(Theme::default_theme());
    let text = std::fs::read_to_string(&path).expect("read");
    // The demo keeps its passwords encrypted; give each one typed in clear.
    let mut clear = String::new();
    let mut rest = text.as_str();
    while let Some(start) = rest.find("password=\"[enc:") {
        let end = start + 10 + rest[start + 10..].find('"').expect("its end") + 1;
        clear.push_str(&rest[..start]);
        clear.push_str("password=\"Hunter2 clear\"");
        rest = &rest[end..];
    }
    clear.push_str(rest);
    assert!(clear.contains("Hunter2"));
    std::fs::write(&path, clear).expect("write");
    let mut app = file_app(&path, Theme::default_theme());
    iistui::tui::update::show(
        &mut app,
        View::Vdirs {
            app: String::from("intranet/"),
        },
    );
    app.prepare();
    let rows = app.lists.vdir_rows.clone();
    app.lists.vdirs.select_name(&rows, "intranet/docs");
    let frame = format!("{:?}", render(&mut app, 200, 48).backend());
    assert!(!frame.contains("Hunter2"), "{frame}");
    assert!(frame.contains("********"), "{frame}");
}
