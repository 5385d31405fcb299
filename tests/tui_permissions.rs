//! The Permissions view and the grant-pool-identity wizard through the TUI's own path: keys go
//! through `update`, the effects it returns are asserted, then run with the real POSIX back end
//! (getfacl/setfacl from the `acl` package, which `.ci/run` installs) on a real copy of the
//! demo server's folders, and the files' ACLs are checked with getfacl itself. Refusals leave
//! every ACL exactly as it was.
#![cfg(target_os = "linux")]

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::acl::{getfacl, getfacl_one};
use common::tui::*;
use iistui::host::acl::{AclChange, AclOperation, PosixAcls, SystemRunner};
use iistui::host::demo;
use iistui::tui::app::{App, Focus, Level, View};
use iistui::tui::msg::{Effect, Msg};
use iistui::tui::permissions::{
    AclDialog, AclJob, AclState, Front, GrantForm, ReviewAction, Step, job,
};
use iistui::tui::theme::Theme;
use iistui::tui::update;
use ratatui::crossterm::event::KeyCode;

/// A copy of the demo server (its folders under `drive-c`) whose configuration names the
/// copy's real folders, and an app over it.
struct Server {
    dir: tempfile::TempDir,
    app: App,
}

impl Server {
    fn new() -> Server {
        let dir = tempfile::tempdir().expect("tempdir");
        for (relative, bytes) in demo::FILES {
            let target = dir.path().join(relative);
            std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
            std::fs::write(&target, bytes).expect("write");
        }
        let drive = dir.path().join("drive-c");
        let config = dir.path().join("applicationHost.config");
        let text = std::fs::read_to_string(&config).expect("config");
        std::fs::write(
            &config,
            text.replace("%SystemDrive%", &drive.display().to_string()),
        )
        .expect("write config");
        let mut app = file_app(&config, Theme::default_theme());
        app.permissions.undo_dir = Some(dir.path().join("acl-undo"));
        if let Some(store) = app.conns[0].store.as_mut() {
            store.set_backup_dir(dir.path().join("backups"));
        }
        app.prepare();
        Server { dir, app }
    }

    fn site(&self, name: &str) -> PathBuf {
        self.dir.path().join("drive-c").join("sites").join(name)
    }

    /// Selects a site in the Sites list.
    fn select_site(&mut self, name: &str) {
        send(&mut self.app, ch('2'));
        let rows = self.app.conns[0].rows.sites.clone();
        self.app.lists.sites.select_name(&rows, name);
        assert_eq!(self.app.selected_name().as_deref(), Some(name));
    }

    /// Sends a message, then runs every ACL job it leads to with the real back end.
    fn press(&mut self, msg: Msg) -> Vec<Effect> {
        let effects = send(&mut self.app, msg);
        self.settle(effects.clone());
        effects
    }

    fn settle(&mut self, effects: Vec<Effect>) {
        let backend = PosixAcls::new(SystemRunner);
        let mut queue = std::collections::VecDeque::from(effects);
        while let Some(effect) = queue.pop_front() {
            if let Effect::Acl(job) = effect {
                let msg = job::run(job, &backend);
                queue.extend(update::update(&mut self.app, msg));
            }
        }
    }

    /// Tab to the review's second button (Apply, Undo) and press it: the job runs.
    fn confirm(&mut self) -> Vec<Effect> {
        send(&mut self.app, key(KeyCode::Tab));
        self.press(key(KeyCode::Enter))
    }

    fn dialog(&self) -> &AclDialog {
        self.app
            .dialogs
            .top_as::<AclDialog>()
            .expect("an ACL dialog is open")
    }

    fn wizard(&self) -> &GrantForm {
        match &self.dialog().front {
            Front::Grant(grant) => grant,
            other => panic!("the grant wizard: {other:?}"),
        }
    }

    fn status(&self) -> String {
        self.app
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }
}

/// The change a key asked the back end to check.
fn previewed(effects: &[Effect]) -> &AclChange {
    match effects {
        [Effect::Acl(AclJob::Preview { change, .. })] => change,
        other => panic!("a preview job: {other:?}"),
    }
}

fn local_group_exists(name: &str) -> bool {
    Command::new("getent")
        .args(["group", name])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn shown_principals(app: &App) -> Vec<String> {
    app.permissions
        .entries()
        .iter()
        .map(|a| a.principal.to_string())
        .collect()
}

#[test]
fn p_on_a_site_reads_its_folder_acl_and_esc_goes_back() {
    let mut server = Server::new();
    server.select_site("contoso.com");
    let effects = send(&mut server.app, ch('p'));
    let folder = server.site("contoso.com");
    assert_eq!(
        effects,
        vec![Effect::Acl(AclJob::Read {
            path: folder.clone()
        })]
    );
    assert_eq!(server.app.view, View::Permissions);
    assert_eq!(server.app.permissions.acl, AclState::Reading);
    let target = server.app.permissions.target.clone().expect("target");
    assert_eq!(target.object.as_deref(), Some("site \"contoso.com\""));
    assert_eq!(target.app.as_deref(), Some("contoso.com/"));
    server.settle(effects);
    assert!(matches!(
        server.app.permissions.acl,
        AclState::Shown { is_dir: true, .. }
    ));
    assert_eq!(
        shown_principals(&server.app),
        ["OWNER@", "GROUP@", "EVERYONE@"]
    );
    // The view's own keys: moving, and e on a mode entry says why it is not edited.
    send(&mut server.app, ch('j'));
    assert_eq!(server.app.permissions.selected, 1);
    send(&mut server.app, ch('G'));
    assert_eq!(server.app.permissions.selected, 2);
    send(&mut server.app, ch('e'));
    assert!(server.app.dialogs.is_empty());
    assert!(
        server.status().contains("mode bits (chmod)"),
        "{}",
        server.status()
    );
    let effects = send(&mut server.app, ch('r'));
    assert_eq!(effects, vec![Effect::Acl(AclJob::Read { path: folder })]);
    send(&mut server.app, key(KeyCode::Esc));
    assert_eq!(server.app.view, View::Sites);
    assert_eq!(server.app.focus, Focus::Main);
}

#[test]
fn the_palette_opens_any_path_and_refuses_what_is_not_here() {
    let mut server = Server::new();
    send(&mut server.app, ch(':'));
    let folder = server.site("fabrikam.net");
    typed(
        &mut server.app,
        &format!("permissions {}", folder.display()),
    );
    let effects = send(&mut server.app, key(KeyCode::Enter));
    assert_eq!(effects, vec![Effect::Acl(AclJob::Read { path: folder })]);
    assert_eq!(server.app.view, View::Permissions);
    // Inside the demo's folders: the application it belongs to is known (for :grant).
    assert_eq!(
        server
            .app
            .permissions
            .target
            .as_ref()
            .and_then(|t| t.app.clone())
            .as_deref(),
        Some("fabrikam.net/")
    );
    // A path that is not there: the view says why it has no ACL to show.
    let gone = server.dir.path().join("no-such-folder");
    send(&mut server.app, ch(':'));
    typed(&mut server.app, &format!("perm {}", gone.display()));
    server.press(key(KeyCode::Enter));
    let AclState::Failed(why) = &server.app.permissions.acl else {
        panic!("{:?}", server.app.permissions.acl);
    };
    assert!(why.contains("No such file or directory"), "{why}");
    send(&mut server.app, key(KeyCode::Esc));
    send(&mut server.app, ch(':'));
    typed(&mut server.app, "permissions D:\\sites\\elsewhere");
    let effects = send(&mut server.app, key(KeyCode::Enter));
    assert!(effects.is_empty());
    assert!(
        server.status().contains("not a path on this system"),
        "{}",
        server.status()
    );
}

#[test]
fn a_local_group_is_granted_read_access_reviewed_applied_and_undone() {
    assert!(
        local_group_exists("www-data"),
        "the www-data group is missing"
    );
    let mut server = Server::new();
    let folder = server.site("contoso.com");
    let original = getfacl(&folder);
    server.select_site("contoso.com");
    server.press(ch('p'));
    server.press(ch('a'));
    assert!(matches!(server.dialog().step, Step::Form));
    typed(&mut server.app, "group:www-data");
    // Type: allow. Rights: RX → R with →. Inheritance (OI)(CI), /T: as proposed.
    send(&mut server.app, key(KeyCode::Tab));
    send(&mut server.app, key(KeyCode::Tab));
    send(&mut server.app, key(KeyCode::Right));
    let effects = send(&mut server.app, ctrl('s'));
    let change = previewed(&effects);
    assert_eq!(
        change.icacls_args(),
        [
            folder.display().to_string().as_str(),
            "/grant",
            "group:www-data:(OI)(CI)R",
            "/T"
        ]
    );
    assert!(matches!(server.dialog().step, Step::Checking(_)));
    server.settle(effects);
    let Step::Review(review) = &server.dialog().step else {
        panic!("the review: {:?}", server.dialog().step);
    };
    assert!(
        review
            .icacls
            .as_deref()
            .is_some_and(|c| c.ends_with("/grant 'group:www-data:(OI)(CI)R' /T")),
        "{:?}",
        review.icacls
    );
    assert!(
        review.runs.starts_with("setfacl --restore=-"),
        "{}",
        review.runs
    );
    let after = review.after.as_ref().expect("after");
    assert!(
        after
            .entries
            .iter()
            .any(|a| a.listing() == "group:www-data:(OI)(CI)(r--)")
    );
    // Nothing is written by the review; Cancel has the focus.
    assert_eq!(getfacl(&folder), original);
    assert_eq!(review.buttons.focus, 0);
    let effects = server.confirm();
    assert!(matches!(
        effects.as_slice(),
        [Effect::Acl(AclJob::Apply { .. })]
    ));
    assert!(
        server.app.dialogs.is_empty(),
        "the review closes when applied"
    );
    assert_eq!(server.app.busy, 0);
    let now = getfacl_one(&folder);
    assert!(now.contains("\ngroup:www-data:r--\n"), "{now}");
    assert!(now.contains("\ndefault:group:www-data:r--\n"), "{now}");
    assert!(
        getfacl_one(&folder.join("web.config")).contains("\ngroup:www-data:r--\n"),
        "/T reached the files"
    );
    // The view shows what was read back, and the change can be undone.
    assert!(shown_principals(&server.app).contains(&String::from("group:www-data")));
    assert_eq!(server.app.permissions.undo.len(), 1);
    assert_eq!(
        server.app.status.as_ref().map(|s| s.level),
        Some(Level::Success)
    );

    // z: a review of the restore, then the ACLs of every file are what they were.
    server.press(ch('z'));
    let Step::Review(review) = &server.dialog().step else {
        panic!("the undo review");
    };
    assert!(matches!(review.action, ReviewAction::Undo(_)));
    assert!(
        review.runs.starts_with("setfacl --restore="),
        "{}",
        review.runs
    );
    server.confirm();
    assert!(server.app.dialogs.is_empty());
    assert_eq!(getfacl(&folder), original);
    assert!(!shown_principals(&server.app).contains(&String::from("group:www-data")));
    assert!(server.app.permissions.undo.is_empty());
    assert!(
        server.status().starts_with("undid: grant"),
        "{}",
        server.status()
    );
    server.press(ch('z'));
    assert!(server.app.dialogs.is_empty());
    assert!(
        server.status().contains("nothing to undo"),
        "{}",
        server.status()
    );
}

#[test]
fn an_entry_is_changed_then_removed_through_its_review() {
    let mut server = Server::new();
    let folder = server.site("fabrikam.net");
    let original = getfacl(&folder);
    server.select_site("fabrikam.net");
    server.press(ch('p'));
    server.press(ch('a'));
    typed(&mut server.app, "group:www-data");
    server.press(ctrl('s'));
    server.confirm();
    assert!(getfacl_one(&folder).contains("\ngroup:www-data:r-x\n"));

    // Select the new entry and change its rights to M: /grant:r replaces them.
    let row = shown_principals(&server.app)
        .iter()
        .position(|p| p == "group:www-data")
        .expect("row");
    server.app.permissions.selected = row;
    server.press(key(KeyCode::Enter));
    let Front::Entry(entry) = &server.dialog().front else {
        panic!("the entry form");
    };
    assert_eq!(entry.form.text("rights"), "RX");
    send(&mut server.app, key(KeyCode::Tab));
    send(&mut server.app, key(KeyCode::Left));
    let effects = server.press(ctrl('s'));
    let change = previewed(&effects);
    assert!(matches!(
        change.operation,
        AclOperation::Grant { replace: true, .. }
    ));
    assert_eq!(change.icacls_args()[2], "group:www-data:(OI)(CI)M");
    server.confirm();
    assert!(getfacl_one(&folder).contains("\ngroup:www-data:rwx\n"));

    // d removes it (/remove:g, below too), after its review.
    let row = shown_principals(&server.app)
        .iter()
        .position(|p| p == "group:www-data")
        .expect("row");
    server.app.permissions.selected = row;
    let effects = server.press(ch('d'));
    let change = previewed(&effects);
    assert_eq!(
        change.icacls_args(),
        [
            folder.display().to_string().as_str(),
            "/remove:g",
            "group:www-data",
            "/T"
        ]
    );
    assert!(matches!(server.dialog().step, Step::Review(_)));
    server.confirm();
    let now = getfacl(&folder);
    assert!(!now.contains("www-data"), "{now}");
    assert_eq!(server.app.permissions.undo.len(), 3);
    // Undo three times: back to the very first ACL.
    for _ in 0..3 {
        server.press(ch('z'));
        server.confirm();
    }
    assert_eq!(getfacl(&folder), original);
}

#[test]
fn refused_changes_leave_every_acl_as_it_was() {
    let mut server = Server::new();
    let folder = server.site("intranet");
    let original = getfacl(&folder);
    server.select_site("intranet");
    server.press(ch('p'));

    // A Windows account: refused by the back end's check; the form stays with its input.
    server.press(ch('a'));
    typed(&mut server.app, "IIS AppPool\\Intranet");
    server.press(ctrl('s'));
    let dialog = server.dialog();
    assert!(matches!(dialog.step, Step::Form));
    let refused = dialog.refused.clone().expect("refused");
    assert!(
        refused.contains("does not exist on this system"),
        "{refused}"
    );
    assert!(refused.contains("nothing was changed"), "{refused}");

    // A deny entry: POSIX ACLs have none.
    send(&mut server.app, ctrl('u'));
    typed(&mut server.app, "group:www-data");
    send(&mut server.app, key(KeyCode::Tab));
    send(&mut server.app, key(KeyCode::Right));
    server.press(ctrl('s'));
    let refused = server.dialog().refused.clone().expect("refused");
    assert!(refused.contains("no deny entries"), "{refused}");
    // Esc asks before dropping what was typed; Discard closes.
    send(&mut server.app, key(KeyCode::Esc));
    assert!(matches!(server.dialog().step, Step::Discard(_)));
    send(&mut server.app, key(KeyCode::Tab));
    send(&mut server.app, key(KeyCode::Enter));
    assert!(server.app.dialogs.is_empty());

    // The file's mode entries are not removed.
    server.app.permissions.selected = 0;
    let effects = server.press(ch('d'));
    assert!(effects.is_empty());
    assert!(server.status().contains("chmod"), "{}", server.status());
    assert_eq!(getfacl(&folder), original);
}

#[test]
fn the_grant_wizard_says_applicationpoolidentity_is_not_here_and_offers_a_local_group() {
    let mut server = Server::new();
    let folder = server.site("shop.tailspin.com");
    let original = getfacl(&folder);
    server.select_site("shop.tailspin.com");
    let effects = server.press(ch('P'));
    // The view of the site's folder opens under the wizard.
    assert_eq!(
        effects,
        vec![Effect::Acl(AclJob::Read {
            path: folder.clone()
        })]
    );
    assert_eq!(server.app.view, View::Permissions);
    let grant = server.wizard();
    assert_eq!(
        grant.identity.principal.as_str(),
        "IIS AppPool\\shop.tailspin.com"
    );
    let refusal = grant.refusal.clone().expect("refused here");
    assert!(refusal.contains("ApplicationPoolIdentity"), "{refusal}");
    assert!(
        refusal.contains("does not exist on this system"),
        "{refusal}"
    );
    assert_eq!(grant.form.text("principal"), "group:www-data");
    assert_eq!(grant.form.text("rights"), "RX");
    let proposal = grant.proposal.clone().expect("the local group's grant");
    assert_eq!(proposal.spec.command(), "group:www-data:(OI)(CI)RX");
    assert!(proposal.change.recursive);

    // A folder the application writes gets M; F only when chosen, with a warning.
    send(&mut server.app, key(KeyCode::End));
    typed(&mut server.app, "/logs");
    let grant = server.wizard();
    assert_eq!(grant.form.text("rights"), "M");
    assert!(grant.proposal.as_ref().is_ok_and(|p| p.warning.is_none()));
    // A folder that is not there is said under the field, not by the back end at ^S.
    typed(&mut server.app, "-none");
    let error = server
        .wizard()
        .form
        .field("folder")
        .and_then(|f| f.error.clone())
        .expect("an error under the folder");
    assert!(error.contains("does not exist"), "{error}");
    for _ in 0.."-none".len() {
        send(&mut server.app, key(KeyCode::Backspace));
    }
    assert!(
        server
            .wizard()
            .form
            .field("folder")
            .is_some_and(|f| f.error.is_none())
    );
    // (Tab in a path field completes folder names first; ↓ moves on.)
    send(&mut server.app, key(KeyCode::Down));
    send(&mut server.app, key(KeyCode::Right));
    let grant = server.wizard();
    assert_eq!(grant.form.text("rights"), "F");
    let warning = grant
        .form
        .field("rights")
        .and_then(|f| f.warning.clone())
        .expect("warning");
    assert!(warning.contains("Full control"), "{warning}");
    // Back to RX (the choices run R, RX, W, M, F) and the site's folder, then review and
    // apply.
    for _ in 0..3 {
        send(&mut server.app, key(KeyCode::Left));
    }
    send(&mut server.app, key(KeyCode::BackTab));
    for _ in 0.."/logs".len() {
        send(&mut server.app, key(KeyCode::Backspace));
    }
    let effects = server.press(ctrl('s'));
    let change = previewed(&effects);
    assert_eq!(
        change.icacls_args(),
        [
            folder.display().to_string().as_str(),
            "/grant",
            "group:www-data:(OI)(CI)RX",
            "/T"
        ]
    );
    assert!(matches!(server.dialog().step, Step::Review(_)));
    server.confirm();
    assert!(server.app.dialogs.is_empty());
    let now = getfacl_one(&folder);
    assert!(now.contains("\ngroup:www-data:r-x\n"), "{now}");
    assert!(shown_principals(&server.app).contains(&String::from("group:www-data")));
    server.press(ch('z'));
    server.confirm();
    assert_eq!(getfacl(&folder), original);
}

#[test]
fn read_only_connections_change_no_permission() {
    let mut server = Server::new();
    server.app.conns[0].read_only = true;
    server.select_site("contoso.com");
    server.press(ch('P'));
    assert!(server.app.dialogs.is_empty());
    assert!(server.status().contains("read-only"), "{}", server.status());
    // Looking is allowed.
    server.press(ch('p'));
    assert!(matches!(server.app.permissions.acl, AclState::Shown { .. }));
    for c in ['a', 'd', 'e', 'z'] {
        server.press(ch(c));
        assert!(server.app.dialogs.is_empty(), "{c}");
        assert!(
            server.status().contains("read-only"),
            "{c}: {}",
            server.status()
        );
    }
}

#[test]
fn nothing_selected_says_what_to_select() {
    let mut server = Server::new();
    send(&mut server.app, ch('3'));
    let effects = send(&mut server.app, ch('p'));
    assert!(effects.is_empty());
    assert!(
        server.status().contains("select a site"),
        "{}",
        server.status()
    );
    send(&mut server.app, ch(':'));
    typed(&mut server.app, "grant");
    send(&mut server.app, key(KeyCode::Enter));
    assert!(server.app.dialogs.is_empty());
    assert!(
        server
            .status()
            .starts_with("Grant pool identity: select a site"),
        "{}",
        server.status()
    );
}

#[test]
fn esc_closes_an_untouched_wizard_and_asks_after_a_change() {
    let mut server = Server::new();
    server.select_site("contoso.com");
    server.press(ch('P'));
    assert!(server.app.dialogs.top_as::<AclDialog>().is_some());
    send(&mut server.app, key(KeyCode::Esc));
    assert!(server.app.dialogs.is_empty(), "nothing was changed");
    server.press(ch('P'));
    send(&mut server.app, key(KeyCode::Down));
    send(&mut server.app, key(KeyCode::Right));
    send(&mut server.app, key(KeyCode::Esc));
    assert!(matches!(server.dialog().step, Step::Discard(_)));
    send(&mut server.app, key(KeyCode::Esc));
    assert!(
        matches!(server.dialog().step, Step::Form),
        "back to the form"
    );
}

#[test]
fn p_works_on_applications_virtual_directories_folders_and_the_tree() {
    let mut server = Server::new();
    let drive = server.dir.path().join("drive-c");
    let read_of = |effects: &[Effect]| match effects {
        [Effect::Acl(AclJob::Read { path })] => path.clone(),
        other => panic!("a read job: {other:?}"),
    };
    // An application.
    update::show(&mut server.app, View::Apps { site: None });
    server.app.prepare();
    let rows = server.app.lists.app_rows.clone();
    server
        .app
        .lists
        .apps
        .select_name(&rows, "shop.tailspin.com/admin");
    let effects = send(&mut server.app, ch('p'));
    assert_eq!(read_of(&effects), drive.join("sites/shop-admin"));
    let target = server.app.permissions.target.clone().expect("target");
    assert_eq!(
        target.object.as_deref(),
        Some("app \"shop.tailspin.com/admin\"")
    );
    assert_eq!(target.app.as_deref(), Some("shop.tailspin.com/admin"));

    // A virtual directory outside its application's folder still belongs to the application.
    update::show(
        &mut server.app,
        View::Vdirs {
            app: String::from("shop.tailspin.com/"),
        },
    );
    server.app.prepare();
    let rows = server.app.lists.vdir_rows.clone();
    server
        .app
        .lists
        .vdirs
        .select_name(&rows, "shop.tailspin.com/media");
    let effects = send(&mut server.app, ch('p'));
    let media = drive.join("shared/tailspin-media");
    assert_eq!(read_of(&effects), media);
    let target = server.app.permissions.target.clone().expect("target");
    assert_eq!(target.app.as_deref(), Some("shop.tailspin.com/"));

    // A file in a folder view: the file's own ACL.
    send(&mut server.app, key(KeyCode::Esc));
    let effects = send(&mut server.app, key(KeyCode::Enter));
    assert_eq!(effects, vec![Effect::ListFolder(media.clone())]);
    let entries = std::fs::read_dir(&media)
        .expect("listing")
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), false, Some(1)))
        .collect();
    send(
        &mut server.app,
        Msg::FolderListed {
            path: media.clone(),
            result: Ok(entries),
        },
    );
    let effects = server.press(ch('p'));
    assert_eq!(read_of(&effects), media.join("README.txt"));
    assert!(matches!(
        server.app.permissions.acl,
        AclState::Shown { is_dir: false, .. }
    ));

    // The tree's selection, when the tree has the focus.
    send(&mut server.app, ch('1'));
    assert_eq!(server.app.focus, Focus::Tree);
    let key_of_site = iistui::tui::tree::TreeKey::Site(0, String::from("fabrikam.net"));
    assert!(server.app.tree.select(&key_of_site));
    let effects = send(&mut server.app, ch('p'));
    assert_eq!(read_of(&effects), drive.join("sites/fabrikam.net"));
}
