//! `IIS0110`: the account an application pool runs as has no read access to its application's
//! folder (IIS answers 401.3, or 500.19 when it cannot read the web.config). Each folder is
//! asked about through the ACL back end: icacls' listing on Windows, the POSIX access check
//! (every folder above included) elsewhere. A Windows account (ApplicationPoolIdentity's
//! `IIS AppPool\<pool>`, NetworkService, a domain user) does not exist on Linux, so there its
//! access cannot be known: that is said in a note, never reported as a problem.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::host::acl::{AclBackend, Flavor, PoolIdentity, Principal};
use crate::host::shell_quote::Shell;
use crate::model::apphost::AppHost;
use crate::model::validate::hosting::{Fix, ObjectRef, Problem, rules};
use crate::model::wording::count;

use super::{AppFacts, HostRule};

/// The rule, over an ACL back end.
pub struct PoolAccess<'a> {
    pub backend: &'a dyn AclBackend,
    pub flavor: Flavor,
}

impl<'a> PoolAccess<'a> {
    pub fn new(backend: &'a dyn AclBackend, flavor: Flavor) -> PoolAccess<'a> {
        PoolAccess { backend, flavor }
    }
}

/// What could not be checked, gathered into notes.
#[derive(Default)]
struct Unchecked {
    /// Pools running as Windows accounts, on a system without them.
    windows: BTreeSet<String>,
    /// Pools whose account is unknown (SpecificUser with an encrypted or empty name).
    unknown: BTreeSet<String>,
    /// Why the back end could not answer (the first reason of each kind).
    failures: BTreeSet<String>,
}

impl Unchecked {
    fn notes(self) -> Vec<String> {
        let mut notes = Vec::new();
        if !self.windows.is_empty() {
            let pools: Vec<String> = self.windows.iter().map(|p| format!("\"{p}\"")).collect();
            notes.push(format!(
                "whether the pool identity can read its folder was not checked for {} ({}): they run as Windows accounts (ApplicationPoolIdentity, NetworkService, a domain user), which do not exist on this system",
                count(self.windows.len(), "pool"),
                pools.join(", ")
            ));
        }
        if !self.unknown.is_empty() {
            let pools: Vec<String> = self.unknown.iter().map(|p| format!("\"{p}\"")).collect();
            notes.push(format!(
                "whether the pool identity can read its folder was not checked for {} ({}): who they run as is not known",
                count(self.unknown.len(), "pool"),
                pools.join(", ")
            ));
        }
        for failure in self.failures {
            notes.push(format!(
                "whether a pool identity can read its folder could not be checked: {failure}"
            ));
        }
        notes
    }
}

impl PoolAccess<'_> {
    /// Whether `principal` can read `folder`, asked once per pair.
    fn can_read(
        &self,
        cache: &mut HashMap<(PathBuf, String), Result<bool, String>>,
        folder: &Path,
        principal: &Principal,
    ) -> Result<bool, String> {
        cache
            .entry((folder.to_path_buf(), principal.as_str().to_owned()))
            .or_insert_with(|| {
                self.backend
                    .can_read(folder, principal)
                    .map_err(|e| e.to_string())
            })
            .clone()
    }
}

impl HostRule for PoolAccess<'_> {
    fn check(&self, host: AppHost<'_>, apps: &[AppFacts]) -> Vec<Problem> {
        self.findings(host, apps).0
    }

    fn findings(&self, host: AppHost<'_>, apps: &[AppFacts]) -> (Vec<Problem>, Vec<String>) {
        let mut problems = Vec::new();
        let mut unchecked = Unchecked::default();
        let mut cache = HashMap::new();
        for app in apps {
            // A missing folder is IIS0101's, a missing pool IIS0210's.
            let Some(folder) = app.folder.as_ref().filter(|f| f.is_dir()) else {
                continue;
            };
            let Some(pool) = app.pool.as_deref().and_then(|p| host.find_app_pool(p)) else {
                continue;
            };
            let identity = match PoolIdentity::of(&pool) {
                Ok(identity) => identity,
                Err(_) => {
                    unchecked.unknown.insert(pool.name().into_owned());
                    continue;
                }
            };
            if self.flavor == Flavor::Posix && identity.principal.is_windows_account() {
                unchecked.windows.insert(identity.pool.clone());
                continue;
            }
            match self.can_read(&mut cache, folder, &identity.principal) {
                Ok(true) => {}
                Ok(false) => problems.push(problem(host, app, &identity, folder)),
                Err(why) => {
                    unchecked.failures.insert(why);
                }
            }
        }
        (problems, unchecked.notes())
    }
}

fn problem(host: AppHost<'_>, app: &AppFacts, identity: &PoolIdentity, folder: &Path) -> Problem {
    let command =
        Shell::native().command_line("iistui", &["acl", "grant-pool", "--app", app.id.as_str()]);
    let problem = Problem::new(
        &rules::POOL_CANNOT_READ,
        ObjectRef::Application { id: app.id.clone() },
        format!(
            "pool \"{}\" runs as {}, which has no read access to {}: requests get 401.3 or 500.19",
            identity.pool,
            identity.principal,
            folder.display()
        ),
        Fix::manual(format!(
            "Grant it read and execute (RX): {command} (P on the application in iistui)"
        )),
    );
    let location = host
        .application(&app.id)
        .ok()
        .and_then(|a| a.root_virtual_directory())
        .map(|v| host.doc.node_location(v.node));
    match location {
        Some(location) => problem.at(location),
        None => problem,
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;
    use crate::host::acl::{AceSpec, AclChange, AclOperation, PosixAcls, SystemRunner};
    use crate::host::check::{CheckOptions, CheckReport, check};
    use crate::model::doc::Document;
    use crate::model::schema::SchemaSet;

    /// Site "Shop" (pool "Shop" as the local user `nobody`) and site "Blog" (pool "Blog" as
    /// ApplicationPoolIdentity), each on its folder under `root`.
    fn config(root: &std::path::Path) -> String {
        format!(
            r#"<configuration><system.applicationHost>
<applicationPools>
<add name="Shop"><processModel identityType="SpecificUser" userName="nobody" /></add>
<add name="Blog" />
</applicationPools>
<sites>
<site name="Shop" id="1"><application path="/" applicationPool="Shop"><virtualDirectory path="/" physicalPath="{root}/shop" /></application></site>
<site name="Blog" id="2"><application path="/" applicationPool="Blog"><virtualDirectory path="/" physicalPath="{root}/blog" /></application></site>
</sites>
</system.applicationHost></configuration>"#,
            root = root.display()
        )
    }

    fn run(root: &std::path::Path) -> CheckReport {
        let doc = Document::parse_str(&config(root)).expect("parses");
        let schema = SchemaSet::bundled();
        let backend = PosixAcls::new(SystemRunner);
        let rule = PoolAccess::new(&backend, Flavor::Posix);
        check(
            AppHost::new(&doc, &schema),
            &CheckOptions {
                states: None,
                extra: vec![&rule],
            },
        )
    }

    fn iis0110(report: &CheckReport) -> Vec<String> {
        report
            .problems
            .iter()
            .filter(|p| p.rule == "IIS0110")
            .map(|p| format!("{}: {}", p.object, p.message))
            .collect()
    }

    #[test]
    fn a_local_pool_account_without_read_access_is_a_problem_until_granted() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        for site in ["shop", "blog"] {
            std::fs::create_dir(root.join(site)).expect("mkdir");
            std::fs::write(root.join(site).join("index.html"), "hi").expect("write");
        }
        let shop = root.join("shop");
        std::fs::set_permissions(&shop, std::fs::Permissions::from_mode(0o750)).expect("chmod");
        let report = run(root);
        let found = iis0110(&report);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with(
                "app \"Shop/\": pool \"Shop\" runs as nobody, which has no read access to"
            ),
            "{found:?}"
        );
        let problem = report
            .problems
            .iter()
            .find(|p| p.rule == "IIS0110")
            .expect("problem");
        assert!(problem.location.is_some());
        assert!(
            problem
                .fix
                .text
                .contains("iistui acl grant-pool --app Shop/"),
            "{}",
            problem.fix.text
        );
        // Blog runs as ApplicationPoolIdentity: not checkable here, so a note, not a problem.
        assert!(
            report
                .notes
                .iter()
                .any(|n| n.contains("1 pool (\"Blog\")")
                    && n.contains("do not exist on this system")),
            "{:?}",
            report.notes
        );

        let backend = PosixAcls::new(SystemRunner);
        backend
            .apply(
                &AclChange {
                    path: shop.clone(),
                    operation: AclOperation::Grant {
                        replace: false,
                        entries: vec![AceSpec::parse("user:nobody:(OI)(CI)RX").expect("spec")],
                    },
                    recursive: true,
                },
                &root.join("undo"),
            )
            .expect("granted");
        assert_eq!(iis0110(&run(root)), Vec::<String>::new());
    }

    #[test]
    fn missing_folders_are_left_to_iis0101() {
        let dir = tempfile::tempdir().expect("tempdir");
        let report = run(dir.path());
        assert_eq!(iis0110(&report), Vec::<String>::new());
        assert_eq!(
            report
                .problems
                .iter()
                .filter(|p| p.rule == "IIS0101")
                .count(),
            2
        );
    }
}
