//! `iistui check` as a user runs it: the demo server shows at least one case of every rule,
//! `--severity` filters, `--json` is parseable, the exit code is 1 when an error is found and 0
//! on a clean configuration, and configuration text never reaches the terminal raw.

use std::path::Path;

use assert_cmd::Command;
use iistui::model::validate::hosting::RULES;
use iistui::model::validate::hosting::rules::POOL_CANNOT_READ;

fn iistui(data: &Path) -> Command {
    let mut cmd = Command::cargo_bin("iistui").expect("binary");
    cmd.env("IISTUI_DATA_DIR", data)
        .env("IISTUI_BACKUP_DIR", data.join("backups"))
        .env_remove("IISTUI_CONFIG");
    cmd
}

#[test]
fn the_demo_shows_every_rule() {
    let data = tempfile::tempdir().expect("tempdir");
    let out = iistui(data.path())
        .args(["check", "--demo", "--json"])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let ids: Vec<&str> = json["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter_map(|p| p["id"].as_str())
        .collect();
    for rule in RULES {
        // The demo's pools run as Windows accounts: only Windows can tell whether they read
        // their folders; elsewhere a note says so (checked below).
        if rule.id == POOL_CANNOT_READ.id && !cfg!(windows) {
            continue;
        }
        assert!(
            ids.contains(&rule.id),
            "the demo has no case of {} ({})",
            rule.id,
            rule.title
        );
    }
    let pool_missing = json["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .find(|p| p["id"] == "IIS0210")
        .expect("IIS0210");
    assert_eq!(pool_missing["fix"]["command"][1], "add");
    assert_eq!(pool_missing["objectRef"]["kind"], "application");
    if !cfg!(windows) {
        let notes: Vec<&str> = json["notes"]
            .as_array()
            .expect("notes")
            .iter()
            .filter_map(|n| n.as_str())
            .collect();
        assert!(
            notes.iter().any(|n| n.contains("\"shop.tailspin.com\"")
                && n.contains("Windows accounts")
                && n.contains("do not exist on this system")),
            "{notes:?}"
        );
    }

    let text = iistui(data.path())
        .args(["check", "--demo", "--severity", "error"])
        .output()
        .expect("runs");
    let text = String::from_utf8(text.stdout).expect("utf-8");
    assert!(text.lines().any(|l| l.starts_with(
        "error IIS0210 app \"wingtiptoys/\": application pool \"WingtipPool\" does not exist; requests get 503"
    )), "{text}");
    // The fix names the configuration checked, so that pasted it changes that one.
    assert!(
        text.contains(
            "  fix: Add the application pool \"WingtipPool\": iistui --demo add apppool --name WingtipPool"
        ),
        "{text}"
    );
    let all = iistui(data.path())
        .args(["check", "--demo"])
        .output()
        .expect("runs");
    let all = String::from_utf8(all.stdout).expect("utf-8");
    assert!(
        all.contains(
            "  fix: Add a binding: iistui --demo add binding --site staging.contoso.com http/*:80:<host name>"
        ),
        "IIS0211 names its site: {all}"
    );
    assert!(
        all.contains("press N on the application in the TUI (ASP.NET Core settings), or run: iistui --demo set aspnetcore api.contoso.com/ stdoutLogEnabled=false"),
        "IIS0204 points at what writes it: {all}"
    );
    // A pasted fix works: the one for a missing pool adds it to the demo.
    let added = iistui(data.path())
        .args(["--demo", "add", "apppool", "--name", "WingtipPool"])
        .output()
        .expect("runs");
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    assert!(
        !text
            .lines()
            .any(|l| l.starts_with("warning ") || l.starts_with("info ")),
        "{text}"
    );
}

#[test]
fn a_clean_configuration_exits_zero_and_hostile_text_is_escaped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let site = dir.path().join("site");
    std::fs::create_dir_all(&site).expect("mkdir");
    let config = dir.path().join("applicationHost.config");
    let write = |pool: &str| {
        std::fs::write(
            &config,
            format!(
                r#"<configuration><system.applicationHost>
<applicationPools><add name="{pool}" /></applicationPools>
<sites><site name="Shop" id="1"><application path="/" applicationPool="{pool}"><virtualDirectory path="/" physicalPath="{}" /></application>
<bindings><binding protocol="http" bindingInformation="*:80:shop.example" /></bindings></site></sites>
</system.applicationHost></configuration>"#,
                site.display()
            ),
        )
        .expect("write");
    };
    write("Shop");
    let out = iistui(dir.path())
        .args(["check", "--config"])
        .arg(&config)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "0 problems: 0 errors, 0 warnings, 0 info\n"
    );
    // A pool name with a bidi override and a C1 control: unused, so reported, and shown escaped.
    std::fs::write(
        &config,
        std::fs::read_to_string(&config).expect("read").replace(
            "<add name=\"Shop\" />",
            "<add name=\"Shop\" /><add name=\"x&#x202e;y&#x85;z\" />",
        ),
    )
    .expect("write");
    let out = iistui(dir.path())
        .args(["check", "--config"])
        .arg(&config)
        .output()
        .expect("runs");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(!text.contains(['\u{202e}', '\u{85}']), "{text:?}");
    assert!(text.contains("apppool \"x\\u{202e}y\\u{85}z\""), "{text}");
    // The command is quoted so that, pasted, it names the real pool ($'…' spells the
    // invisible characters as octal escapes in bash, zsh and ksh).
    assert!(
        text.contains(&format!(
            "iistui --config {} delete apppool $'x\\342\\200\\256y\\302\\205z'",
            config.display()
        )),
        "{text}"
    );
}
