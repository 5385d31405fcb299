use super::*;
use crate::model::doc::Document;
use crate::model::schema::SchemaSet;

struct Server {
    dir: tempfile::TempDir,
    doc: Document,
}

fn server(web_config: Option<&str>, log_file: &str) -> Server {
    let dir = tempfile::tempdir().expect("tempdir");
    let site = dir.path().join("shop");
    std::fs::create_dir_all(&site).expect("mkdir");
    if let Some(text) = web_config {
        std::fs::write(site.join("web.config"), text).expect("write");
    }
    let config = format!(
        r#"<configuration><system.applicationHost>
<sites><site name="Shop" id="7"><application path="/"><virtualDirectory path="/" physicalPath="{}" /></application>
{log_file}</site>
<siteDefaults><logFile directory="{}" /></siteDefaults></sites>
</system.applicationHost></configuration>"#,
        site.display(),
        dir.path().join("LogFiles").display()
    );
    Server {
        doc: Document::parse_str(&config).expect("parses"),
        dir,
    }
}

fn web_config(attrs: &str) -> String {
    format!(
        r#"<configuration><location path="." inheritInChildApplications="false"><system.webServer>
<aspNetCore processPath="dotnet" arguments=".\Shop.dll" hostingModel="inprocess" {attrs} />
</system.webServer></location></configuration>"#
    )
}

#[test]
fn finds_the_stdout_logs_newest_first_and_the_w3c_folder() {
    let server = server(
        Some(&web_config(
            r#"stdoutLogEnabled="true" stdoutLogFile=".\logs\stdout""#,
        )),
        "",
    );
    let logs_dir = server.dir.path().join("shop").join("logs");
    std::fs::create_dir_all(&logs_dir).expect("mkdir");
    std::fs::write(logs_dir.join("stdout_20261124090011_6044.log"), "a\n").expect("write");
    std::fs::write(logs_dir.join("stdout_20261125060302_7720.log"), "b\n").expect("write");
    let w3c = server.dir.path().join("LogFiles").join("W3SVC7");
    std::fs::create_dir_all(&w3c).expect("mkdir");
    std::fs::write(w3c.join("u_ex261124.log"), "#Fields: date\n").expect("write");
    let schema = SchemaSet::bundled();
    let logs = discover(AppHost::new(&server.doc, &schema), "Shop").expect("found");
    assert_eq!(logs.app, "Shop/");
    assert_eq!(logs.stdout.state, StdoutState::Ready);
    assert_eq!(logs.stdout.prefix, "stdout");
    assert_eq!(logs.stdout.folder.as_deref(), Some(logs_dir.as_path()));
    let names: Vec<&str> = logs.stdout.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "stdout_20261125060302_7720.log",
            "stdout_20261124090011_6044.log"
        ]
    );
    assert_eq!(logs.stdout.files[0].pid, Some(7720));
    assert_eq!(logs.stdout.explain(), None);
    assert_eq!(
        logs.aspnetcore.as_ref().map(|a| a.hosting_model.as_str()),
        Some("inprocess")
    );
    assert_eq!(logs.w3c.state, W3cState::Ready);
    assert_eq!(logs.w3c.folder.as_deref(), Some(w3c.as_path()));
    assert_eq!(logs.w3c.files.len(), 1);
}

#[test]
fn each_missing_piece_is_explained() {
    let schema = SchemaSet::bundled();
    let off = server(Some(&web_config(r#"stdoutLogEnabled="false""#)), "");
    let logs = discover(AppHost::new(&off.doc, &schema), "Shop/").expect("found");
    assert_eq!(logs.stdout.state, StdoutState::Off);
    assert_eq!(
        logs.stdout.explain().as_deref(),
        Some("stdout logging is off")
    );
    assert_eq!(logs.w3c.state, W3cState::FolderMissing);

    let missing = server(
        Some(&web_config(
            r#"stdoutLogEnabled="true" stdoutLogFile=".\logs\stdout""#,
        )),
        "",
    );
    let logs = discover(AppHost::new(&missing.doc, &schema), "Shop").expect("found");
    assert_eq!(logs.stdout.state, StdoutState::FolderMissing);
    assert!(
        logs.stdout
            .explain()
            .is_some_and(|e| e.contains("does not exist"))
    );

    let static_site = server(Some("<configuration />"), r#"<logFile enabled="false" />"#);
    let logs = discover(AppHost::new(&static_site.doc, &schema), "Shop").expect("found");
    assert_eq!(logs.stdout.state, StdoutState::NotAspNetCore);
    assert_eq!(logs.w3c.state, W3cState::Off);

    let none = server(None, r#"<logFile logFormat="NCSA" />"#);
    let logs = discover(AppHost::new(&none.doc, &schema), "Shop").expect("found");
    assert_eq!(logs.stdout.state, StdoutState::NoWebConfig);
    assert_eq!(logs.w3c.state, W3cState::Format(String::from("NCSA")));

    assert!(discover(AppHost::new(&none.doc, &schema), "Nope/").is_err());
}

#[test]
fn verbatim_prefixes_and_absolute_paths() {
    assert_eq!(strip_verbatim(r"\\?\C:\logs\stdout"), r"C:\logs\stdout");
    assert_eq!(
        strip_verbatim(r"\\?\UNC\fs01\logs\stdout"),
        r"\\fs01\logs\stdout"
    );
    assert_eq!(strip_verbatim(r".\logs\stdout"), r".\logs\stdout");
    let dir = tempfile::tempdir().expect("tempdir");
    let elsewhere = dir.path().join("central");
    std::fs::create_dir_all(&elsewhere).expect("mkdir");
    std::fs::write(elsewhere.join("shop_20261124090011_1.log"), "x\n").expect("write");
    let configured = format!(r"\\?\{}", elsewhere.join("shop").display());
    let logs = stdout_logs(dir.path(), &configured, true);
    assert_eq!(logs.state, StdoutState::Ready);
    assert_eq!(logs.prefix, "shop");
    assert_eq!(logs.files.len(), 1);
}
