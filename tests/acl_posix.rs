//! The POSIX ACL back end on real files with real ACLs (getfacl/setfacl from the `acl` package,
//! which `.ci/run` installs): grant, change, remove, default ACLs on folders, recursion, undo,
//! and refusals that leave every ACL exactly as it was (compared with getfacl's own output).
#![cfg(target_os = "linux")]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use iistui::host::acl::{
    AceSpec, AclBackend, AclChange, AclOperation, InheritanceMode, PosixAcls, Principal,
    RemoveWhich, SystemRunner,
};

fn backend() -> PosixAcls<SystemRunner> {
    for tool in ["getfacl", "setfacl"] {
        let found = Command::new(tool).arg("--version").output();
        assert!(
            found.is_ok_and(|o| o.status.success()),
            "{tool} is missing: install the acl package (.ci/run does)"
        );
    }
    PosixAcls::new(SystemRunner)
}

/// getfacl's own view of a tree, to compare before and after.
fn getfacl(path: &Path) -> String {
    let out = Command::new("getfacl")
        .args(["-R", "-P", "-p", "-E", "--"])
        .arg(path)
        .output()
        .expect("getfacl runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// A folder with a file, a subfolder with a file, and a symbolic link to a file outside.
struct Tree {
    _root: tempfile::TempDir,
    site: PathBuf,
    outside: PathBuf,
    undo: PathBuf,
}

fn tree() -> Tree {
    let root = tempfile::tempdir().expect("tempdir");
    let site = root.path().join("site");
    fs::create_dir_all(site.join("sub")).expect("mkdir");
    fs::write(site.join("index.html"), "hi").expect("write");
    fs::write(site.join("sub").join("app.js"), "x").expect("write");
    let outside = root.path().join("outside.txt");
    fs::write(&outside, "secret").expect("write");
    std::os::unix::fs::symlink(&outside, site.join("link")).expect("symlink");
    let undo = root.path().join("undo");
    Tree {
        site,
        outside,
        undo,
        _root: root,
    }
}

fn grant(path: &Path, specs: &[&str], replace: bool, recursive: bool) -> AclChange {
    AclChange {
        path: path.to_path_buf(),
        operation: AclOperation::Grant {
            replace,
            entries: specs
                .iter()
                .map(|s| AceSpec::parse(s).expect("spec"))
                .collect(),
        },
        recursive,
    }
}

fn remove(path: &Path, principal: &str, which: RemoveWhich) -> AclChange {
    AclChange {
        path: path.to_path_buf(),
        operation: AclOperation::Remove {
            principals: vec![Principal::parse(principal).expect("principal")],
            which,
        },
        recursive: false,
    }
}

#[test]
fn grant_read_to_a_user_on_a_file_then_undo() {
    let (acls, t) = (backend(), tree());
    let file = t.site.join("index.html");
    let before = getfacl(&file);
    let applied = acls
        .apply(&grant(&file, &["user:nobody:R"], false, false), &t.undo)
        .expect("granted");
    let now = getfacl(&file);
    assert!(now.contains("user:nobody:r--\n"), "{now}");
    assert!(now.contains("mask::r--\n"), "{now}");
    // The re-read ACL and the preview's expectation agree with what getfacl says.
    let after = applied.after.listing();
    assert!(
        after.contains("user:nobody:(R)") || after.contains("user:nobody:(r--)"),
        "{after}"
    );
    assert_eq!(applied.preview.after.as_ref(), Some(&applied.after));
    assert_eq!(
        applied.preview.icacls_args,
        [
            file.display().to_string(),
            String::from("/grant"),
            String::from("user:nobody:R")
        ]
    );
    let undo = applied.undo.expect("undo");
    assert!(undo.saved.starts_with(&t.undo));
    acls.undo(&undo).expect("undone");
    assert_eq!(getfacl(&file), before);
}

#[test]
fn inheritable_grant_on_a_folder_sets_the_default_acl_and_new_files_inherit_it() {
    let (acls, t) = (backend(), tree());
    acls.apply(
        &grant(&t.site, &["group:users:(OI)(CI)RX"], false, false),
        &t.undo,
    )
    .expect("granted");
    let now = getfacl(&t.site);
    let top: String = now.split("\n\n").next().unwrap_or_default().to_owned();
    assert!(top.contains("\ngroup:users:r-x\n"), "{top}");
    assert!(top.contains("\ndefault:group:users:r-x\n"), "{top}");
    assert!(top.contains("\ndefault:user::rwx\n"), "{top}");
    // Not /T: what was already inside is unchanged.
    assert!(!getfacl(&t.site.join("index.html")).contains("group:users"));
    // A file created now inherits the default ACL.
    fs::write(t.site.join("new.txt"), "n").expect("write");
    assert!(getfacl(&t.site.join("new.txt")).contains("group:users:r-x"));
    // The icacls view shows it once, with (OI)(CI).
    let listing = acls.read(&t.site).expect("read").listing();
    assert!(listing.contains("group:users:(OI)(CI)(r-x)"), "{listing}");
}

#[test]
fn grant_adds_rights_grant_replace_sets_them_remove_drops_them() {
    let (acls, t) = (backend(), tree());
    let site = &t.site;
    acls.apply(
        &grant(site, &["user:nobody:(OI)(CI)R"], false, false),
        &t.undo,
    )
    .expect("grant R");
    acls.apply(&grant(site, &["user:nobody:W"], false, false), &t.undo)
        .expect("grant W");
    let now = getfacl(site);
    assert!(now.contains("\nuser:nobody:rw-\n"), "{now}");
    assert!(now.contains("\ndefault:user:nobody:r--\n"), "{now}");
    // grant:r replaces, and drops the inheritable entry it was not given.
    acls.apply(&grant(site, &["user:nobody:RX"], true, false), &t.undo)
        .expect("grant:r");
    let now = getfacl(site);
    assert!(now.contains("\nuser:nobody:r-x\n"), "{now}");
    assert!(!now.contains("default:user:nobody"), "{now}");
    acls.apply(&remove(site, "user:nobody", RemoveWhich::All), &t.undo)
        .expect("remove");
    assert!(!getfacl(site).contains("nobody"));
    // Removing again changes nothing and says so.
    let again = acls
        .apply(&remove(site, "user:nobody", RemoveWhich::Granted), &t.undo)
        .expect("remove again");
    assert!(again.undo.is_none() && again.preview.is_empty());
}

#[test]
fn recursive_grant_reaches_every_file_and_folder_but_not_through_links() {
    let (acls, t) = (backend(), tree());
    let outside_before = getfacl(&t.outside);
    let before = getfacl(&t.site);
    let preview = acls
        .preview(&grant(&t.site, &["group:users:(OI)(CI)RX"], false, true))
        .expect("preview");
    assert_eq!(preview.files, Some(4), "site, index.html, sub, sub/app.js");
    assert_eq!(getfacl(&t.site), before, "a preview changes nothing");
    let applied = acls
        .apply(
            &grant(&t.site, &["group:users:(OI)(CI)RX"], false, true),
            &t.undo,
        )
        .expect("granted");
    for file in ["index.html", "sub/app.js"] {
        let acl = getfacl(&t.site.join(file));
        // As setfacl's X: a page or a script nobody may run gets no execute bit.
        assert!(acl.contains("\ngroup:users:r--\n"), "{file}: {acl}");
        assert!(
            !acl.contains("default:"),
            "{file}: a file has no default ACL"
        );
    }
    assert!(getfacl(&t.site.join("sub")).contains("\ndefault:group:users:r-x\n"));
    assert_eq!(getfacl(&t.outside), outside_before, "the link was followed");
    acls.undo(&applied.undo.expect("undo")).expect("undone");
    assert_eq!(getfacl(&t.site), before);
}

#[test]
fn what_posix_cannot_express_is_refused_and_nothing_changes() {
    let (acls, t) = (backend(), tree());
    let before = getfacl(&t.site);
    let p = |s: &str| Principal::parse(s).expect("principal");
    let refused = [
        AclChange {
            path: t.site.clone(),
            operation: AclOperation::Deny {
                entries: vec![AceSpec::parse("user:nobody:W").expect("spec")],
            },
            recursive: false,
        },
        grant(
            &t.site,
            &[r"IIS AppPool\DefaultAppPool:(OI)(CI)RX"],
            false,
            true,
        ),
        grant(&t.site, &[r"BUILTIN\IIS_IUSRS:RX"], false, false),
        grant(&t.site, &["*S-1-5-32-545:RX"], false, false),
        grant(&t.site, &["user:nobody:(RD,WDAC)"], false, false),
        grant(&t.site, &["user:nobody:D"], false, false),
        grant(&t.site, &["user:nobody:(NP)(OI)(CI)RX"], false, false),
        grant(&t.site, &["user:nobody:(OI)RX"], false, false),
        grant(&t.site, &["user:no-such-user-here:RX"], false, false),
        grant(&t.site, &["daemon:RX"], false, false),
        // One good entry and one bad: all or nothing.
        grant(
            &t.site,
            &["group:users:RX", "user:nobody:(RD,WO)"],
            false,
            true,
        ),
        grant(
            &t.site.join("index.html"),
            &["user:nobody:(OI)(CI)(IO)R"],
            false,
            false,
        ),
        AclChange {
            path: t.site.clone(),
            operation: AclOperation::Inheritance(InheritanceMode::Disable),
            recursive: false,
        },
        remove(&t.site, "user:nobody", RemoveWhich::Denied),
        AclChange {
            path: t.site.clone(),
            operation: AclOperation::Remove {
                principals: vec![p("Everyone")],
                which: RemoveWhich::All,
            },
            recursive: true,
        },
    ];
    for change in refused {
        let err = acls.apply(&change, &t.undo).expect_err(&change.describe());
        let text = err.to_string();
        assert!(
            text.contains("nothing was changed")
                || text.contains("is not")
                || text.contains("needs"),
            "{}: {text}",
            change.describe()
        );
        assert_eq!(
            getfacl(&t.site),
            before,
            "{} changed something",
            change.describe()
        );
    }
    assert!(!t.undo.exists(), "no undo file for a refused change");
}

#[test]
fn the_pool_identity_read_check_follows_the_acl() {
    let (acls, t) = (backend(), tree());
    use std::os::unix::fs::PermissionsExt;
    let root = t.site.parent().expect("root").to_path_buf();
    fs::set_permissions(&root, fs::Permissions::from_mode(0o755)).expect("chmod");
    fs::set_permissions(&t.site, fs::Permissions::from_mode(0o750)).expect("chmod");
    let nobody = Principal::parse("user:nobody").expect("p");
    let users = Principal::parse("group:users").expect("p");
    assert!(!acls.can_read(&t.site, &nobody).expect("check"));
    assert!(!acls.can_read(&t.site, &users).expect("check"));
    acls.apply(
        &grant(&t.site, &["group:users:(OI)(CI)RX"], false, false),
        &t.undo,
    )
    .expect("granted");
    assert!(acls.can_read(&t.site, &users).expect("check"));
    assert!(
        !acls
            .can_read(&t.site, &nobody)
            .expect("nobody is not in users")
    );
    acls.apply(&grant(&t.site, &["user:nobody:R"], false, false), &t.undo)
        .expect("granted");
    assert!(
        !acls.can_read(&t.site, &nobody).expect("check"),
        "a folder needs x as well as r"
    );
    // A closed folder above stops it, whatever the ACL of the folder itself says.
    fs::set_permissions(&root, fs::Permissions::from_mode(0o700)).expect("chmod");
    assert!(!acls.can_read(&t.site, &users).expect("check"));
    let err = acls
        .can_read(&t.site, &Principal::parse(r"IIS AppPool\Shop").expect("p"))
        .expect_err("a Windows account");
    assert!(err.to_string().contains("does not exist on this system"));
}

#[test]
fn a_linked_site_folder_is_changed_where_it_really_is() {
    let (acls, t) = (backend(), tree());
    let link = t.site.parent().expect("root").join("current");
    std::os::unix::fs::symlink(&t.site, &link).expect("symlink");
    let applied = acls
        .apply(
            &grant(&link, &["group:users:(OI)(CI)RX"], false, false),
            &t.undo,
        )
        .expect("granted");
    assert!(getfacl(&t.site).contains("\ndefault:group:users:r-x\n"));
    assert_eq!(
        applied.after.path,
        fs::canonicalize(&t.site)
            .expect("real path")
            .display()
            .to_string()
    );
}
