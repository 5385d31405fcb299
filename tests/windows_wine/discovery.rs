//! Windows tier: which configuration is opened and how its paths resolve. `%SystemDrive%` is
//! Wine's `C:` (or the demo copy's `drive-c`), shared configuration is followed through a
//! `%SystemDrive%` path, and the machine's (`%windir%\System32\inetsrv\config`, with its schema
//! folder), IIS Express's (Documents, a Visual Studio solution) and `IISTUI_CONFIG`'s files are
//! found without `--config`.

use std::fs;
use std::path::Path;

use super::harness::{self, Wine};
use super::{DEMO, FIXTURE, common};

/// Site names of a `list sites --json` run.
fn site_names(run: harness::Run) -> Vec<String> {
    let json = run.ok().json();
    let sites = json.as_array().expect("array");
    sites
        .iter()
        .map(|s| s["name"].as_str().expect("name").to_owned())
        .collect()
}

/// The expanded physical path of one virtual directory from `list vdirs --json`.
fn expanded(run: harness::Run, id: &str) -> String {
    let json = run.ok().json();
    let vdir = json
        .as_array()
        .expect("array")
        .iter()
        .find(|v| v["id"] == id)
        .unwrap_or_else(|| panic!("no vdir {id} in {json:#}"));
    vdir["expandedPhysicalPath"]
        .as_str()
        .expect("expanded")
        .to_owned()
}

#[test]
fn system_drive_expands_to_wines_c_drive_or_the_demo_copy() {
    let Some(case) = harness::on_c("sysdrive") else {
        return;
    };
    let (wine, folder) = (case.wine, &case.folder);
    let (config, _) = folder.copy(Path::new(DEMO), "applicationHost.config");
    let vdirs = |extra: &[&str]| {
        let mut args = vec!["list", "vdirs", "--json"];
        args.extend(extra);
        wine.run(&args)
    };
    let root = expanded(vdirs(&["--config", &config]), "Default Web Site/");
    assert_eq!(root, "C:\\inetpub\\wwwroot");

    // Any spelling of the variable, as Windows expands it.
    fs::create_dir_all(folder.unix.join("www")).expect("mkdir");
    let lower = "%systemdrive%\\iistui-wine\\sysdrive\\www";
    let add = [
        "--config",
        &config,
        "add",
        "vdir",
        "--app",
        "Default Web Site",
    ];
    let added = wine.run(&[&add[..], &["--path", "/lower", "--physical-path", lower]].concat());
    assert!(!added.ok().stderr.contains("does not exist"));
    let lower_vdir = expanded(vdirs(&["--config", &config]), "Default Web Site/lower");
    assert_eq!(lower_vdir, format!("{}\\www", folder.windows));

    // The demo points %SystemDrive% at its copy's drive-c, which exists.
    let (data, _) = folder.join("data");
    let demo = wine.run_env(
        &[("IISTUI_DATA_DIR", &data)],
        &["--demo", "list", "vdirs", "--json"],
    );
    let note = format!("note: demo server copied to {data}\\demo");
    assert!(demo.stderr.contains(&note), "{demo:#?}");
    let root = expanded(demo, "Default Web Site/");
    assert_eq!(root, format!("{data}\\demo\\drive-c\\inetpub\\wwwroot"));
    assert!(wine.unix_path(&root).is_dir(), "{root} is not a folder");
}

#[test]
fn shared_configuration_is_followed_through_a_system_drive_path() {
    let Some(case) = harness::on_c("redirect") else {
        return;
    };
    let (wine, folder) = (case.wine, &case.folder);
    let (local, _) = folder.copy(Path::new(DEMO), "local/applicationHost.config");
    let (shared, _) = folder.copy(Path::new(FIXTURE), "shared/applicationHost.config");
    let (redirection, redirection_path) = folder.join("local/redirection.config");
    let redirect_to = |target: &str| {
        let xml = format!(
            "<configuration>\r\n  <configurationRedirection enabled=\"true\" path=\"%SystemDrive%\\iistui-wine\\redirect\\{target}\" />\r\n</configuration>\r\n"
        );
        fs::write(&redirection_path, xml).expect("write");
    };
    redirect_to("shared");
    let followed = wine.run(&["--config", &local, "list", "sites", "--json"]);
    let note = format!("note: shared configuration: following {redirection} to {shared}");
    assert!(followed.stderr.contains(&note), "{followed:#?}");
    assert!(site_names(followed).contains(&String::from("Contoso")));
    let here = wine.run(&[
        "--config",
        &local,
        "--no-redirect",
        "list",
        "sites",
        "--json",
    ]);
    assert!(site_names(here).contains(&String::from("contoso.com")));
    redirect_to("nowhere");
    let list = ["--config", local.as_str(), "list", "sites"];
    wine.run(&list)
        .refused(2, "does not exist; pass --no-redirect");
}

/// `%windir%\System32\inetsrv`, created by a test and removed when dropped.
struct MachineIis<'a> {
    wine: &'a Wine,
}

impl Drop for MachineIis<'_> {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(self.wine.unix_path("C:\\windows\\system32\\inetsrv"));
    }
}

#[test]
fn machine_iis_express_and_environment_configs_are_found() {
    let Some(wine) = harness::wine() else { return };
    let _alone = harness::machine_exclusive();
    let inetsrv = wine.unix_path("C:\\windows\\system32\\inetsrv");
    if inetsrv.exists() {
        eprintln!(
            "notice: {} exists in this prefix; test skipped",
            inetsrv.display()
        );
        return;
    }
    let folder = wine.c_folder("discovery");
    let list = |extra: &[&str]| wine.run(&[extra, &["list", "sites", "--json"]].concat());
    list(&[]).refused(2, "no IIS configuration found on this machine");

    // The machine's own IIS, with its schema folder.
    let machine = MachineIis { wine };
    let config_dir = inetsrv.join("config");
    fs::create_dir_all(config_dir.join("schema")).expect("mkdir");
    fs::copy(FIXTURE, config_dir.join("applicationHost.config")).expect("copy");
    assert!(site_names(list(&[])).contains(&String::from("Contoso")));
    let schema = common::corpus_files("schema")
        .into_iter()
        .find(|p| p.to_string_lossy().ends_with("_IIS_schema.xml"));
    if let Some(schema) = schema {
        fs::copy(schema, config_dir.join("schema").join("IIS_schema.xml")).expect("copy");
        let (web, web_path) = folder.join("web.config");
        fs::write(
            &web_path,
            "<configuration>\r\n  <system.webServer>\r\n    <directoryBrowse enabled=\"flase\" />\r\n  </system.webServer>\r\n</configuration>\r\n",
        )
        .expect("write");
        let checked = wine.run(&["validate", &web]).refused(1, "");
        assert!(
            checked.stdout.contains("directoryBrowse"),
            "the machine schema checks directoryBrowse: {checked:#?}"
        );
    }
    drop(machine);

    // IIS Express: the user's Documents, then a Visual Studio solution around the current folder.
    let documents = wine.unix_path(&format!("{}\\Documents", wine.user_profile));
    let user_iisexpress = documents.join("IISExpress");
    let in_prefix = wine.inside_prefix(&documents);
    if !in_prefix {
        eprintln!(
            "notice: {} is outside the prefix (Wine links it to $HOME); the Documents\\IISExpress check is skipped",
            documents.display()
        );
    } else {
        fs::create_dir_all(user_iisexpress.join("config")).expect("mkdir");
        let file = user_iisexpress
            .join("config")
            .join("applicationhost.config");
        fs::copy(FIXTURE, file).expect("copy");
        assert!(site_names(list(&["--iisexpress"])).contains(&String::from("Contoso")));
    }
    let solution = wine.z_folder();
    let project = solution.unix.join("src").join("Web");
    fs::create_dir_all(&project).expect("mkdir");
    let (vs_config, _) = solution.copy(Path::new(DEMO), ".vs/Shop/config/applicationhost.config");
    let from_project = harness::Run::of(wine.iistui().current_dir(&project).args([
        "--iisexpress",
        "list",
        "sites",
        "--json",
    ]));
    if in_prefix {
        let note = format!(
            "note: IIS Express: using the Visual Studio solution's configuration {vs_config}; the user's is {}\\Documents\\IISExpress\\config\\applicationhost.config",
            wine.user_profile
        );
        assert!(from_project.stderr.contains(&note), "{from_project:#?}");
    }
    assert!(site_names(from_project).contains(&String::from("contoso.com")));
    if in_prefix {
        let _ = fs::remove_dir_all(&user_iisexpress);
    }

    // IISTUI_CONFIG names the file.
    let (config, _) = folder.copy(Path::new(FIXTURE), "env/applicationHost.config");
    let run = wine.run_env(&[("IISTUI_CONFIG", &config)], &["list", "sites", "--json"]);
    assert!(site_names(run).contains(&String::from("Contoso")));
}
