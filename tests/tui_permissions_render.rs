//! Render tier of the Permissions view and its dialogs: `TestBackend` frames at 80x24 and
//! 160x48 as insta snapshots. The ACLs come from recorded tool output (a getfacl listing, an
//! icacls listing from `tests/fixtures/icacls`) fed to the view as its read job's answer, so
//! the frames do not depend on this machine's users or temp paths. Styles that carry meaning
//! are asserted: the selection, dimmed inherited entries.

mod common;

use std::path::PathBuf;

use common::tui::*;
use iistui::host::acl::posix::facl::FileAcl;
use iistui::host::acl::{AceSpec, AclChange, AclOperation, Flavor, Invocation, Listing, Preview};
use iistui::tui::app::App;
use iistui::tui::msg::Msg;
use iistui::tui::permissions::{self, AclDialog, AclReport, AclReview, AclTarget, GrantForm};
use iistui::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Modifier;

/// What getfacl prints for a site folder that a group was granted read access to.
const GETFACL: &str = "# file: /srv/iis/drive-c/sites/contoso.com
# owner: root
# group: root
user::rwx
user:deploy:rwx
group::r-x
group:www-data:r-x
mask::rwx
other::---
default:user::rwx
default:group::r-x
default:group:www-data:r-x
default:mask::r-x
default:other::---
";

fn target(path: &str) -> AclTarget {
    AclTarget {
        conn: 0,
        path: PathBuf::from(path),
        configured: Some(String::from("%SystemDrive%\\sites\\contoso.com")),
        object: Some(String::from("site \"contoso.com\"")),
        app: Some(String::from("contoso.com/")),
    }
}

/// The view of `target`, its read answered with `acl` by `backend`.
fn view(app: &mut App, target: AclTarget, acl: iistui::host::acl::Acl, backend: &'static str) {
    let path = target.path.clone();
    permissions::open(app, target);
    send(
        app,
        Msg::Acl(AclReport::Read {
            path,
            backend,
            result: Ok((acl, true)),
        }),
    );
}

fn posix_acl() -> iistui::host::acl::Acl {
    FileAcl::parse_all(GETFACL).expect("getfacl text")[0].to_acl()
}

#[test]
fn the_view_of_a_posix_acl() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    view(
        &mut app,
        target("/srv/iis/drive-c/sites/contoso.com"),
        posix_acl(),
        "POSIX ACLs (getfacl/setfacl)",
    );
    send(&mut app, ch('j'));
    send(&mut app, ch('j'));
    let narrow = render(&mut app, 80, 24);
    insta::assert_snapshot!("permissions_posix_80x24", narrow.backend());
    let wide = render(&mut app, 160, 48);
    insta::assert_snapshot!("permissions_posix_160x48", wide.backend());
    // The hint bar names the view's own a and z, not the main screen's they hide.
    let hints: String = (0..160)
        .map(|x| wide.backend().buffer()[(x, 47)].symbol().to_owned())
        .collect();
    assert!(
        hints.contains("a Add  e Change  d Remove  z Undo"),
        "{hints}"
    );
    assert!(!hints.contains("Add Website"), "{hints}");
    assert_eq!(hints.matches("z Undo").count(), 1, "{hints}");
}

#[test]
fn the_view_of_an_icacls_listing_dims_inherited_entries() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/icacls/program_files_deny.txt"
    ))
    .expect("fixture");
    let path = r"C:\Program Files\Contoso Web (x86)";
    let acl = Listing::parse(&text, Some(path)).acls.remove(0);
    let mut target = target(path);
    target.configured = None;
    target.object = Some(String::from("app \"Contoso Web/\""));
    view(&mut app, target, acl, "icacls");
    let narrow = render(&mut app, 80, 24);
    insta::assert_snapshot!("permissions_icacls_80x24", narrow.backend());
    let wide = render(&mut app, 160, 48);
    insta::assert_snapshot!("permissions_icacls_160x48", wide.backend());
    let buffer = wide.backend().buffer();
    let row_of = |needle: &str| -> u16 {
        (0..48)
            .find(|&y| {
                let line: String = (0..160)
                    .map(|x| buffer[(x, y)].symbol().to_owned())
                    .collect();
                line.contains(needle)
            })
            .unwrap_or_else(|| panic!("{needle} not on screen"))
    };
    let x = 40;
    let inherited = row_of("NT SERVICE\\TrustedInstaller");
    assert!(buffer[(x, inherited)].modifier.contains(Modifier::DIM));
    let explicit = row_of("IIS APPPOOL\\Contoso Shop");
    assert!(!buffer[(x, explicit)].modifier.contains(Modifier::DIM));
    // The selected (first) row carries the selection colours.
    let selected = row_of("CONTOSO\\Web Admins (Tier 1)");
    assert_ne!(buffer[(x, selected)].bg, ratatui::style::Color::Reset);
}

#[test]
fn the_grant_wizard_here_and_on_windows() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    let mut site = target("/srv/iis/drive-c/sites/shop.tailspin.com");
    site.configured = None;
    site.object = Some(String::from("site \"shop.tailspin.com\""));
    site.app = Some(String::from("shop.tailspin.com/"));
    view(
        &mut app,
        site.clone(),
        posix_acl(),
        "POSIX ACLs (getfacl/setfacl)",
    );
    // On Linux: ApplicationPoolIdentity is not an account here; a local group is offered.
    let wizard = GrantForm::new(&app, &site, Flavor::Posix).expect("wizard");
    app.dialogs.push(Box::new(AclDialog::grant(wizard)));
    insta::assert_snapshot!("grant_posix_80x24", render(&mut app, 80, 24).backend());
    insta::assert_snapshot!("grant_posix_160x48", render(&mut app, 160, 48).backend());
    app.dialogs.clear();
    // On Windows: the pool's own account, RX, (OI)(CI).
    let wizard = GrantForm::new(&app, &site, Flavor::Windows).expect("wizard");
    app.dialogs.push(Box::new(AclDialog::grant(wizard)));
    insta::assert_snapshot!("grant_windows_80x24", render(&mut app, 80, 24).backend());
    insta::assert_snapshot!("grant_windows_160x48", render(&mut app, 160, 48).backend());
}

#[test]
fn the_review_of_a_grant() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    let before = FileAcl::parse_all(
        "# file: /srv/iis/drive-c/sites/contoso.com\n# owner: root\n# group: root\nuser::rwx\nuser:deploy:rwx\ngroup::r-x\nmask::rwx\nother::---\n",
    )
    .expect("getfacl")[0]
        .to_acl();
    view(
        &mut app,
        target("/srv/iis/drive-c/sites/contoso.com"),
        before.clone(),
        "POSIX ACLs (getfacl/setfacl)",
    );
    let change = AclChange {
        path: PathBuf::from("/srv/iis/drive-c/sites/contoso.com"),
        operation: AclOperation::Grant {
            replace: false,
            entries: vec![AceSpec::parse("group:www-data:(OI)(CI)RX").expect("spec")],
        },
        recursive: true,
    };
    let preview = Preview {
        icacls_args: change.icacls_args(),
        change,
        before,
        after: Some(posix_acl()),
        runs: Invocation {
            program: String::from("setfacl"),
            args: vec![String::from("--restore=-")],
            stdin: Some(String::new()),
        },
        files: Some(8),
        notes: Vec::new(),
    };
    app.dialogs
        .push(Box::new(AclDialog::review(AclReview::of_preview(
            preview, None,
        ))));
    insta::assert_snapshot!("review_80x24", render(&mut app, 80, 24).backend());
    insta::assert_snapshot!("review_160x48", render(&mut app, 160, 48).backend());
}

#[test]
fn the_rights_picker_shows_every_right_and_the_highlighted_one() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    view(
        &mut app,
        target("/srv/iis/drive-c/sites/contoso.com"),
        posix_acl(),
        "POSIX ACLs (getfacl/setfacl)",
    );
    // group:www-data, then Change, the Rights field, its choices.
    let www_data = |app: &App| {
        app.permissions.selected_entry().is_some_and(|ace| {
            let principal = format!("{:?}", ace.principal);
            principal.contains("www-data") && !ace.has(iistui::host::acl::InheritFlag::InheritOnly)
        })
    };
    for _ in 0..8 {
        if www_data(&app) {
            break;
        }
        send(&mut app, ch('j'));
    }
    assert!(www_data(&app), "group:www-data is selected");
    send(&mut app, ch('e'));
    send(&mut app, key(KeyCode::Tab));
    send(&mut app, ch(' '));
    let text = render(&mut app, 120, 40).backend().to_string();
    for words in [
        "full control",
        "modify",
        "read & execute",
        "read  ",
        "write",
        "delete",
    ] {
        assert!(text.contains(words), "{words} is not shown:\n{text}");
    }
    send(&mut app, key(KeyCode::Down));
    send(&mut app, key(KeyCode::Down));
    let text = render(&mut app, 120, 40).backend().to_string();
    assert!(
        text.contains("> W  write") || text.contains("> R  read"),
        "{text}"
    );
    insta::assert_snapshot!("rights_picker_120x40", text);
}
