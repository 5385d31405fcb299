//! End to end in tmux: the real binary on the demo server, driven with keys as an admin over
//! SSH would: the Permissions view of a demo site's folder, a local group granted read access
//! through the form and its review, checked with getfacl, then undone; and the grant wizard
//! saying that ApplicationPoolIdentity is no account here.
#![cfg(target_os = "linux")]

mod common;

use std::path::PathBuf;

use common::acl::getfacl;
use common::e2e::{Session, require_tmux};

/// A demo site's folder in the session's copy of the demo.
fn demo_site(s: &Session, name: &str) -> PathBuf {
    s.config
        .parent()
        .expect("demo folder")
        .join("drive-c/sites")
        .join(name)
}

#[test]
fn a_local_group_gets_read_access_to_a_demo_site_and_loses_it_on_undo() {
    require_tmux!();
    let s = Session::start_sized("aclui-grant", 100, 30);
    let folder = demo_site(&s, "contoso.com");
    let original = getfacl(&folder);
    s.keys(&["2"]);
    s.wait_for("Sites (");
    s.keys(&["j", "p"]);
    s.wait_for("Permissions of site \"contoso.com\"");
    s.wait_for("EVERYONE@");
    s.keys(&["a"]);
    s.wait_for("Add permission entry");
    s.literal("group:www-data");
    // Type: allow; Rights: RX → R.
    s.keys(&["Tab", "Tab", "Right"]);
    s.wait_for("R  read");
    s.keys(&["C-s"]);
    let review = s.wait_for("Same as: icacls");
    assert!(
        review.contains("+ group:www-data:(OI)(CI)(r--)"),
        "{review}"
    );
    assert!(review.contains("setfacl --restore=-"), "{review}");
    assert_eq!(getfacl(&folder), original, "the review writes nothing");
    s.keys(&["Tab", "Enter"]);
    s.wait_until("the entry in the table", |screen| {
        screen.contains("group:www-data") && !screen.contains("Same as: icacls")
    });
    let granted = getfacl(&folder);
    assert!(granted.contains("\ngroup:www-data:r--\n"), "{granted}");
    assert!(
        granted.contains("\ndefault:group:www-data:r--\n"),
        "{granted}"
    );
    s.keys(&["z"]);
    s.wait_for("Undo: grant");
    s.keys(&["Tab", "Enter"]);
    s.wait_for("undid: grant");
    assert_eq!(getfacl(&folder), original);
    s.keys(&["Escape"]);
    s.wait_for("Sites (");
    s.keys(&["q"]);
    s.wait_for("SHELL-IS-BACK");
}

#[test]
fn the_grant_wizard_says_applicationpoolidentity_is_no_account_here() {
    require_tmux!();
    let s = Session::start_sized("aclui-wizard", 120, 40);
    let folder = demo_site(&s, "contoso.com");
    let original = getfacl(&folder);
    s.keys(&["2", "j", ":"]);
    s.literal("grant");
    s.keys(&["Enter"]);
    let screen = s.wait_for("Grant pool identity");
    assert!(screen.contains("IIS AppPool\\contoso.com"), "{screen}");
    assert!(screen.contains("does not exist on this system"), "{screen}");
    assert!(screen.contains("group:www-data:(OI)(CI)RX"), "{screen}");
    // Cancelling changes nothing.
    s.keys(&["Escape"]);
    s.wait_until("the wizard to close", |screen| {
        !screen.contains("Grant pool identity")
    });
    assert_eq!(getfacl(&folder), original);
    s.keys(&["q"]);
    s.wait_for("SHELL-IS-BACK");
}
