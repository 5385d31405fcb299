//! Tests over recorded icacls outputs (`tests/fixtures/icacls/`): every listing parses and
//! prints back byte for byte, masks are named as icacls names them; and the icacls back end
//! driven through a fake runner: the exact argument vectors of each operation, errors verbatim.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use super::*;
use crate::model::apphost::AppHost;
use crate::model::doc::Document;
use crate::model::schema::SchemaSet;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/icacls")
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixture_dir().join(name)).expect("fixture")
}

fn fixtures() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(fixture_dir())
        .expect("fixture dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            (
                name.unwrap_or_default(),
                std::fs::read_to_string(&p).expect("read"),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_recorded_listing_round_trips() {
    let all = fixtures();
    assert!(all.len() >= 10, "fixtures missing: {}", all.len());
    for (name, text) in all {
        let listing = Listing::parse(&text, None);
        assert_eq!(
            listing.print(),
            text.replace("\r\n", "\n"),
            "{name} does not print back"
        );
        assert!(listing.summary.is_some(), "{name}: no summary");
        for acl in &listing.acls {
            assert!(
                !acl.entries.is_empty(),
                "{name}: {} has no entries",
                acl.path
            );
        }
    }
}

#[test]
fn every_recorded_mask_is_named_as_icacls_named_it() {
    for (name, text) in fixtures() {
        for acl in Listing::parse(&text, None).acls {
            for ace in acl.entries {
                if let Some(mask) = ace.rights.mask() {
                    assert_eq!(
                        Rights::from_mask(mask).listing(),
                        ace.rights.listing(),
                        "{name}: {}",
                        ace.listing()
                    );
                }
            }
        }
    }
}

#[test]
fn recorded_listings_read_as_expected() {
    let listing = Listing::parse(&fixture("program_files_deny.txt"), None);
    let acl = &listing.acls[0];
    assert_eq!(acl.path, r"C:\Program Files\Contoso Web (x86)");
    assert_eq!(acl.entries.len(), 11);
    let first = &acl.entries[0];
    assert_eq!(first.principal.as_str(), r"CONTOSO\Web Admins (Tier 1)");
    assert!(first.deny && !first.inherited());
    assert_eq!(
        acl.entries[2].principal.sid(),
        Some("S-1-5-21-3623811015-3361044348-30300820-1013")
    );
    assert_eq!(acl.entries[3].principal.app_pool(), Some("Contoso Shop"));
    assert_eq!(acl.explicit().count(), 8);

    let tree = Listing::parse(&fixture("tree.txt"), None);
    let paths: Vec<&str> = tree.acls.iter().map(|a| a.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            r"C:\sites\shop",
            r"C:\sites\shop\web.config",
            r"C:\sites\shop\App_Data",
            r"C:\sites\shop\App_Data\orders db.mdf"
        ]
    );
    assert_eq!(tree.summary.map(|s| s.processed), Some(4));

    let german = Listing::parse(&fixture("german_crlf.txt"), Some(r"C:\Daten\Web"));
    assert_eq!(
        german.acls[0].entries[2].principal.as_str(),
        "NT-AUTORITÄT\\SYSTEM"
    );
    assert_eq!(
        german.summary.as_ref().map(|s| (s.processed, s.failed)),
        Some((1, 0))
    );

    let root = Listing::parse(&fixture("drive_root.txt"), None);
    let label = root.acls[0].entries.last().expect("label");
    assert_eq!(label.rights.listing(), "NW");
    assert!(!label.rights.allows_read());

    let missing = Listing::parse(&fixture("missing.txt"), None);
    assert!(missing.acls.is_empty());
    assert_eq!(missing.summary.map(|s| s.failed), Some(1));
}

#[test]
fn the_pool_can_read_where_the_hosting_docs_grant_it() {
    let pool = Principal::parse(r"IIS AppPool\DefaultAppPool").expect("p");
    let granted = &Listing::parse(&fixture("site_after_grant.txt"), None).acls[0];
    assert!(windows_can_read(granted, &pool));
    // wwwroot: through BUILTIN\Users.
    let wwwroot = &Listing::parse(&fixture("wwwroot.txt"), None).acls[0];
    assert!(windows_can_read(wwwroot, &pool));
    let denied = &Listing::parse(&fixture("program_files_deny.txt"), None).acls[0];
    let shop = Principal::parse(r"IIS AppPool\Contoso Shop").expect("p");
    assert!(!windows_can_read(denied, &shop), "IIS_IUSRS is denied RX");
}

#[test]
fn pool_identity_is_read_from_the_model_with_defaults() {
    let text = include_str!("../../../tests/fixtures/apphost_small.config");
    let doc = Document::parse_str(text).expect("fixture parses");
    let schema = SchemaSet::bundled();
    let host = AppHost::new(&doc, &schema);
    let contoso = host.app_pool("ContosoPool").expect("pool");
    assert_eq!(
        PoolIdentity::of(&contoso).map(|i| i.principal.to_string()),
        Ok(String::from(r"NT AUTHORITY\NETWORK SERVICE"))
    );
    let default = host.app_pool("DefaultAppPool").expect("pool");
    let identity = PoolIdentity::of(&default).expect("identity");
    assert_eq!(
        identity.identity_type,
        IdentityType::ApplicationPoolIdentity
    );
    assert_eq!(identity.principal.as_str(), r"IIS AppPool\DefaultAppPool");
}

/// A runner that records every invocation and answers from a queue.
#[derive(Default)]
struct FakeRunner {
    calls: RefCell<Vec<Invocation>>,
    answers: RefCell<VecDeque<ToolOutput>>,
}

impl FakeRunner {
    fn answer(self, code: i32, stdout: &str) -> Self {
        self.answers.borrow_mut().push_back(ToolOutput {
            code: Some(code),
            stdout: stdout.as_bytes().to_vec(),
            stderr: Vec::new(),
        });
        self
    }

    fn argv(&self) -> Vec<Vec<String>> {
        self.calls
            .borrow()
            .iter()
            .map(|c| {
                let mut v = vec![c.program.clone()];
                v.extend(c.args.iter().cloned());
                v
            })
            .collect()
    }
}

impl Runner for FakeRunner {
    fn run(&self, invocation: &Invocation) -> Result<ToolOutput, AclError> {
        self.calls.borrow_mut().push(invocation.clone());
        Ok(self.answers.borrow_mut().pop_front().unwrap_or_default())
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

const ICACLS: &str = r"C:\Windows\System32\icacls.exe";

fn grant_change(path: &str, spec: &str, recursive: bool) -> AclChange {
    AclChange {
        path: PathBuf::from(path),
        operation: AclOperation::Grant {
            replace: false,
            entries: vec![AceSpec::parse(spec).expect("spec")],
        },
        recursive,
    }
}

#[test]
fn icacls_read_runs_icacls_on_the_path_and_parses_the_listing() {
    let runner = FakeRunner::default().answer(0, &fixture("wwwroot.txt"));
    let backend = Icacls::new(runner, ICACLS);
    let acl = backend
        .read(Path::new(r"C:\inetpub\wwwroot"))
        .expect("read");
    assert_eq!(acl.entries.len(), 9);
    assert_eq!(
        backend.runner.argv(),
        [strings(&[ICACLS, r"C:\inetpub\wwwroot"])]
    );
}

#[test]
fn icacls_apply_saves_runs_the_grant_and_reads_back() {
    let undo_dir = tempfile::tempdir().expect("tempdir");
    let runner = FakeRunner::default()
        .answer(0, &fixture("wwwroot.txt"))
        .answer(0, "processed file: C:\\inetpub\\wwwroot\nSuccessfully processed 1 files; Failed processing 0 files\n")
        .answer(0, &fixture("grant_output.txt"))
        .answer(0, &fixture("wwwroot.txt"));
    let backend = Icacls::new(runner, ICACLS);
    let change = grant_change(
        r"C:\inetpub\wwwroot",
        r"IIS AppPool\DefaultAppPool:(OI)(CI)RX",
        true,
    );
    let applied = backend.apply(&change, undo_dir.path()).expect("applied");
    let undo = applied.undo.expect("undo");
    let saved = undo.saved.display().to_string();
    assert!(undo.saved.starts_with(undo_dir.path()));
    assert_eq!(
        backend.runner.argv(),
        [
            strings(&[ICACLS, r"C:\inetpub\wwwroot"]),
            strings(&[ICACLS, r"C:\inetpub\wwwroot", "/save", &saved, "/T"]),
            strings(&[
                ICACLS,
                r"C:\inetpub\wwwroot",
                "/grant",
                r"IIS AppPool\DefaultAppPool:(OI)(CI)RX",
                "/T"
            ]),
            strings(&[ICACLS, r"C:\inetpub\wwwroot"]),
        ]
    );
    assert_eq!(
        undo.restore.args,
        strings(&[r"C:\inetpub", "/restore", &saved])
    );
    let expected = applied.preview.after.expect("expected after");
    assert_eq!(
        expected.entries[0].listing(),
        r"IIS AppPool\DefaultAppPool:(OI)(CI)(RX)"
    );
}

#[test]
fn icacls_argument_vectors_for_each_operation() {
    let p = |t: &str| Principal::parse(t).expect("p");
    let cases: Vec<(AclOperation, bool, Vec<&str>)> = vec![
        (
            AclOperation::Grant {
                replace: true,
                entries: vec![
                    AceSpec::parse(r"BUILTIN\IIS_IUSRS:(OI)(CI)R").expect("spec"),
                    AceSpec::parse("*S-1-5-11:(RD,X)").expect("spec"),
                ],
            },
            false,
            vec![
                "/grant:r",
                r"BUILTIN\IIS_IUSRS:(OI)(CI)R",
                "*S-1-5-11:(RD,X)",
            ],
        ),
        (
            AclOperation::Deny {
                entries: vec![AceSpec::parse("Everyone:(OI)(CI)(W,D)").expect("spec")],
            },
            true,
            vec!["/deny", "Everyone:(OI)(CI)(W,D)", "/T"],
        ),
        (
            AclOperation::Remove {
                principals: vec![p(r"IIS AppPool\Old Pool"), p(r"CONTOSO\bob")],
                which: RemoveWhich::All,
            },
            false,
            vec!["/remove", r"IIS AppPool\Old Pool", r"CONTOSO\bob"],
        ),
        (
            AclOperation::Remove {
                principals: vec![p("Everyone")],
                which: RemoveWhich::Granted,
            },
            true,
            vec!["/remove:g", "Everyone", "/T"],
        ),
        (
            AclOperation::Inheritance(InheritanceMode::Disable),
            false,
            vec!["/inheritance:d"],
        ),
        (
            AclOperation::Inheritance(InheritanceMode::Enable),
            true,
            vec!["/inheritance:e", "/T"],
        ),
    ];
    for (operation, recursive, tail) in cases {
        let undo_dir = tempfile::tempdir().expect("tempdir");
        let runner = FakeRunner::default()
            .answer(0, &fixture("wwwroot.txt"))
            .answer(0, "")
            .answer(0, &fixture("grant_output.txt"))
            .answer(0, &fixture("wwwroot.txt"));
        let backend = Icacls::new(runner, ICACLS);
        let change = AclChange {
            path: PathBuf::from(r"C:\sites\My Shop"),
            operation,
            recursive,
        };
        backend.apply(&change, undo_dir.path()).expect("applied");
        let mut expected = strings(&[ICACLS, r"C:\sites\My Shop"]);
        expected.extend(strings(&tail));
        assert_eq!(backend.runner.argv()[2], expected);
    }
}

#[test]
fn icacls_failure_is_reported_verbatim_with_its_exit_code() {
    let undo_dir = tempfile::tempdir().expect("tempdir");
    let runner = FakeRunner::default()
        .answer(0, &fixture("wwwroot.txt"))
        .answer(0, "")
        .answer(
            1332,
            "Invalid parameter \"IIS AppPool\\Nope:(OI)(CI)RX\"\r\nIIS AppPool\\Nope: No mapping between account names and security IDs was done.\r\nSuccessfully processed 0 files; Failed processing 1 files\r\n",
        );
    let backend = Icacls::new(runner, ICACLS);
    let change = grant_change(r"C:\inetpub\wwwroot", r"IIS AppPool\Nope:(OI)(CI)RX", false);
    let err = backend.apply(&change, undo_dir.path()).expect_err("fails");
    let text = err.to_string();
    assert!(text.contains("exit code 1332"), "{text}");
    assert!(
        text.contains("No mapping between account names and security IDs was done."),
        "{text}"
    );
    assert!(text.contains("/restore"), "{text}");
    // Nothing after the failed grant: no read-back pretending it worked.
    assert_eq!(backend.runner.argv().len(), 3);
}

#[test]
fn icacls_refuses_before_running_what_it_cannot_take() {
    let runner = FakeRunner::default();
    let backend = Icacls::new(runner, ICACLS);
    let undo_dir = tempfile::tempdir().expect("tempdir");
    for change in [
        grant_change("/srv/site", "Everyone:R", false),
        grant_change(r"C:\s", "Everyone:(r-x)", false),
        grant_change(r"C:\", "Everyone:R", false),
    ] {
        assert!(backend.apply(&change, undo_dir.path()).is_err());
    }
    // Refused before anything ran.
    assert!(
        backend.runner.argv().is_empty(),
        "{:?}",
        backend.runner.argv()
    );
}

#[test]
fn icacls_undo_runs_restore_in_the_parent_folder() {
    let runner = FakeRunner::default()
        .answer(
            0,
            "processed file: shop\nSuccessfully processed 1 files; Failed processing 0 files\n",
        )
        .answer(0, &fixture("tree.txt"));
    let backend = Icacls::new(runner, ICACLS);
    let undo = Undo {
        path: PathBuf::from(r"C:\sites\shop"),
        saved: PathBuf::from(r"C:\ProgramData\iistui\backups\acl-undo-1.icacls"),
        restore: Invocation::new(
            ICACLS,
            strings(&[
                r"C:\sites",
                "/restore",
                r"C:\ProgramData\iistui\backups\acl-undo-1.icacls",
            ]),
        ),
    };
    let acl = backend.undo(&undo).expect("undo");
    assert_eq!(acl.path, r"C:\sites\shop");
    assert_eq!(
        backend.runner.argv(),
        [
            strings(&[
                ICACLS,
                r"C:\sites",
                "/restore",
                r"C:\ProgramData\iistui\backups\acl-undo-1.icacls"
            ]),
            strings(&[ICACLS, r"C:\sites\shop"]),
        ]
    );
}
