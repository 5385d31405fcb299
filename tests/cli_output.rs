//! What reaches the user's terminal and shell, tried as an attacker who controls the config file
//! and its name: the real binary on temp copies of the demo configuration with hostile names.
//! Text output holds no raw control, bidi or invisible character (checked on the bytes) and no
//! forged row; JSON stays JSON; the TUI's "Same as" line, pasted into a real shell, changes the
//! right object and runs nothing; names with such characters are refused; a reader that closes
//! the pipe early ends the command quietly; messages count and word ranges one way.

mod common;

use std::fs;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};

use assert_cmd::Command;
use common::tui::*;
use iistui::tui::app::App;
use iistui::tui::theme::Theme;
use iistui::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A site name that, printed raw, forges a row, reverses text and sends C1/DEL/isolate controls.
const FORGED: &str = "lf\nSITE \"fake\" (id:99,bindings:http/*:80:,state:Started)\u{202e}\u{85}\u{7f}\u{9b}\u{2066}\u{200d}\u{feff}";

fn iistui(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("iistui").expect("binary");
    cmd.env("IISTUI_BACKUP_DIR", dir.join("backups"))
        .env_remove("IISTUI_CONFIG")
        .current_dir(dir);
    cmd
}

/// `text` as an XML attribute value: markup characters and every control as a reference.
fn xml_attr(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '&' => String::from("&amp;"),
            '<' => String::from("&lt;"),
            '>' => String::from("&gt;"),
            '"' => String::from("&quot;"),
            c if (c as u32) < 0x20 || ('\u{7f}'..='\u{9f}').contains(&c) => {
                format!("&#{};", c as u32)
            }
            c => c.to_string(),
        })
        .collect()
}

/// A copy of the demo configuration with each `ATTR="FROM"` set to `ATTR="TO"` (TO XML-escaped).
fn demo_copy(dir: &Path, file: &str, renames: &[(&str, &str, &str)]) -> PathBuf {
    let mut text = fs::read_to_string(DEMO_CONFIG).expect("demo");
    for (attr, from, to) in renames {
        let from = format!("{attr}=\"{from}\"");
        assert!(text.contains(&from), "{from}");
        text = text.replace(&from, &format!("{attr}=\"{}\"", xml_attr(to)));
    }
    let path = dir.join(file);
    fs::write(&path, text).expect("write");
    path
}

/// Characters that must never reach a terminal raw (a line feed ends a line and is allowed).
fn forbidden(c: char) -> bool {
    (c < ' ' && c != '\n')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || ('\u{200b}'..='\u{200f}').contains(&c)
        || ('\u{2028}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || c == '\u{feff}'
}

fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8(bytes.to_vec()).expect("utf-8 output");
    if let Some(c) = text.chars().find(|c| forbidden(*c)) {
        panic!("{what}: raw U+{:04X} in output:\n{text}", c as u32);
    }
}

fn run(cmd: &mut Command, what: &str) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    assert_clean(&format!("{what} (stdout)"), &out.stdout);
    assert_clean(&format!("{what} (stderr)"), &out.stderr);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn hostile_names_in_a_config_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pool = "Pool\u{202e}\t\u{85}x";
    let config = demo_copy(
        dir.path(),
        "applicationHost.config",
        &[
            ("name", "fabrikam.net", FORGED),
            ("name", "LegacyCRM", pool),
            ("applicationPool", "LegacyCRM", pool),
        ],
    );
    let with_config = |args: &[&str]| {
        let mut cmd = iistui(dir.path());
        cmd.args(args).arg("--config").arg(&config);
        cmd
    };
    let (code, out, _) = run(&mut with_config(&["list", "sites"]), "list sites");
    assert_eq!(code, 0);
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows.len(), 13, "one line per site:\n{out}");
    assert!(rows.iter().all(|r| r.starts_with("SITE \"")), "{out}");
    assert!(
        !rows.iter().any(|r| r.starts_with("SITE \"fake\"")),
        "{out}"
    );
    assert!(out.contains("SITE \"lf\\nSITE \"fake\""), "{out}");
    assert!(
        out.contains("\\u{202e}\\u{85}\\x7f\\u{9b}\\u{2066}"),
        "{out}"
    );
    for kind in ["apppools", "apps", "vdirs"] {
        let (code, _, _) = run(&mut with_config(&["list", kind]), kind);
        assert_eq!(code, 0, "{kind}");
    }
    let (code, out, _) = run(&mut with_config(&["get", "site", FORGED]), "get");
    assert_eq!(code, 0);
    assert!(out.contains("name"), "{out}");
    // A suggestion names the hostile site.
    let (code, _, err) = run(&mut with_config(&["get", "site", "lf"]), "suggestion");
    assert_eq!(code, 1);
    assert!(err.starts_with("iistui: no site named \"lf\""), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    // The dry-run diff shows the hostile line, escaped.
    let (code, out, err) = run(
        &mut with_config(&["set", "site", FORGED, "serverAutoStart=false", "--dry-run"]),
        "dry run",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("SITE &quot;fake&quot;"), "{out}");
    assert!(err.contains("would have: site \"lf\\nSITE"), "{err}");
    // validate names the missing pool of a site whose pool is renamed away.
    let (code, out, _) = run(iistui(dir.path()).arg("validate").arg(&config), "validate");
    assert!(code <= 1, "{out}");
    // JSON stays JSON: the same values, with the invisible characters as \u escapes.
    let out = iistui(dir.path())
        .args(["list", "sites", "--json", "--config"])
        .arg(&config)
        .output()
        .expect("runs");
    assert_clean("json", &out.stdout);
    let sites: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(
        sites
            .as_array()
            .expect("array")
            .iter()
            .any(|s| s["name"] == FORGED)
    );
}

// Unix only: Windows file names cannot hold control characters.
#[cfg(unix)]
#[test]
fn hostile_file_names_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().expect("tempdir");
    // ESC ] 0 ; … BEL retitles the terminal window; U+202E reverses what follows.
    let name = "x\u{1b}]0;PWNED\u{7}\u{202e}gifnoc.config";
    let broken = dir.path().join(name);
    fs::write(
        &broken,
        "<configuration>\n  <system.webServer>\n</configuration>\n",
    )
    .expect("write");
    let valid = demo_copy(dir.path(), &format!("ok{name}"), &[]);
    let (code, out, _) = run(iistui(dir.path()).arg("validate").arg(&broken), "validate");
    assert_eq!(code, 1);
    assert!(
        out.contains("x\\x1b]0;PWNED\\x07\\u{202e}gifnoc.config:"),
        "{out}"
    );
    let (code, _, err) = run(
        iistui(dir.path())
            .args(["list", "sites", "--config"])
            .arg(&broken),
        "parse error",
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("\\x1b]0;PWNED\\x07"), "{err}");
    let (code, _, err) = run(
        iistui(dir.path())
            .args(["list", "sites", "--config"])
            .arg(dir.path().join("missing\u{1b}[2J")),
        "missing file",
    );
    assert_eq!(code, 2, "{err}");
    let (code, out, err) = run(
        iistui(dir.path())
            .args([
                "set",
                "apppool",
                "DefaultAppPool",
                "startMode=AlwaysRunning",
                "--dry-run",
                "--config",
            ])
            .arg(&valid),
        "dry-run diff header",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("--- "), "{out}");
    // A value typed on the command line comes back escaped in clap's messages too.
    let (code, _, err) = run(
        iistui(dir.path()).args(["list", "sites\u{1b}]0;PWNED\u{7}"]),
        "clap error",
    );
    assert_eq!(code, 2);
    assert!(err.contains("sites\\x1b]0;PWNED\\x07"), "{err}");
}

#[test]
fn names_with_control_bidi_or_invisible_characters_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = demo_copy(dir.path(), "applicationHost.config", &[]);
    let before = fs::read(&config).expect("read");
    let cases: [(&[&str], &str); 5] = [
        (
            &[
                "add",
                "site",
                "--name",
                "a\nb",
                "--physical-path",
                "C:\\x",
                "--binding",
                "http/*:81:a",
            ],
            "invalid site name \"a\\nb\": names cannot contain U+000A (LINE FEED)",
        ),
        (
            &["add", "apppool", "--name", "p\u{200d}"],
            "names cannot contain U+200D (ZERO WIDTH JOINER)",
        ),
        (
            &["set", "site", "contoso.com", "name=moc.osotnoc\u{202e}"],
            "names cannot contain U+202E (RIGHT-TO-LEFT OVERRIDE)",
        ),
        (
            &["set", "apppool", "Reports", "name=Rep\u{2028}orts"],
            "names cannot contain U+2028 (LINE SEPARATOR)",
        ),
        (
            &[
                "add",
                "app",
                "--site",
                "contoso.com",
                "--path",
                "/a\u{feff}",
                "--physical-path",
                "C:\\x",
            ],
            "paths cannot contain U+FEFF (BYTE ORDER MARK)",
        ),
    ];
    for (args, needle) in cases {
        let (code, _, err) = run(
            iistui(dir.path()).args(args).arg("--config").arg(&config),
            needle,
        );
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert_eq!(fs::read(&config).expect("read"), before, "{args:?} wrote");
    }
}

/// Spawns the binary with its stdout piped; reads `bytes` bytes (0: none), closes the pipe as
/// `head` does, and waits.
fn closed_early(args: &[&std::ffi::OsStr], bytes: usize) -> std::process::Output {
    let mut child = Process::new(env!("CARGO_BIN_EXE_iistui"))
        .args(args)
        .env_remove("IISTUI_CONFIG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    if bytes > 0 {
        let mut head = vec![0u8; bytes];
        BufReader::new(stdout).read_exact(&mut head).expect("read");
    } else {
        drop(stdout);
    }
    child.wait_with_output().expect("wait")
}

#[test]
fn a_reader_closing_the_pipe_ends_the_command_quietly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("applicationHost.config");
    // 20,000 sites: several megabytes of output, far more than a pipe holds.
    fs::write(&config, iistui::model::generate::apphost_config(20_000)).expect("write");
    let runs: [(&[&str], usize); 6] = [
        (&["list", "sites"], 100),
        (&["list", "sites", "--json"], 100),
        (&["list", "apps"], 100),
        (&["list", "apppools", "--json"], 0),
        (&["get", "site", "customer00001.example.net"], 0),
        (&["validate"], 0),
    ];
    for (words, bytes) in runs {
        let mut args: Vec<&std::ffi::OsStr> = words.iter().map(std::ffi::OsStr::new).collect();
        if words[0] == "validate" {
            args.extend([config.as_os_str(), config.as_os_str()]);
        } else {
            args.extend([std::ffi::OsStr::new("--config"), config.as_os_str()]);
        }
        let out = closed_early(&args, bytes);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{words:?}: {err}");
        assert!(err.is_empty(), "{words:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{words:?}: {err}");
    }
}

#[test]
fn messages_count_and_word_ranges_one_way() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = demo_copy(dir.path(), "applicationHost.config", &[]);
    let refused = |args: &[&str]| {
        let (code, _, err) = run(
            iistui(dir.path()).args(args).arg("--config").arg(&config),
            "msg",
        );
        assert_eq!(code, 1, "{args:?}: {err}");
        err
    };
    let err = refused(&[
        "add",
        "site",
        "--name",
        "New",
        "--physical-path",
        "C:\\x",
        "--binding",
        "http/*:81:new",
        "--id",
        "4",
    ]);
    assert_eq!(
        err,
        "iistui: site ID 4 is already used by site \"fabrikam.net\"\n"
    );
    let err = refused(&["add", "apppool", "--name", "DefaultAppPool"]);
    assert_eq!(
        err,
        "iistui: application pool \"DefaultAppPool\" already exists\n"
    );
    let err = refused(&["add", "apppool", "--name", "defaultapppool"]);
    assert_eq!(
        err,
        "iistui: application pool \"defaultapppool\" already exists as \"DefaultAppPool\" (IIS ignores case in names)\n"
    );
    let err = refused(&["set", "apppool", "DefaultAppPool", "queueLength=5"]);
    assert!(err.contains("must be from 10 to 65535"), "{err}");
    let err = refused(&["set", "apppool", "DefaultAppPool", "queueLength=-1"]);
    assert!(err.contains("from 0 to 4294967295"), "{err}");
    let err = refused(&["delete", "apppool", "Reports"]);
    assert!(err.contains("is used by 1 application: "), "{err}");
    // validate: one file, one error.
    let bad = dir.path().join("one.config");
    fs::write(&bad, "<configuration>\n<system.applicationHost>\n<sites>\n<site name=\"a\" id=\"1\" serverAutoStart=\"maybe\"><application path=\"/\"><virtualDirectory path=\"/\" physicalPath=\"C:\\a\" /></application></site>\n</sites>\n</system.applicationHost>\n</configuration>\n").expect("write");
    let (code, out, _) = run(iistui(dir.path()).arg("validate").arg(&bad), "validate");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.ends_with("1 file checked: 1 error, 0 warnings\n"),
        "{out}"
    );
}

/// An app over `config` as the TUI opens a `--config` file, at 100x30.
fn app_over(config: &Path) -> App {
    let mut app = file_app(config, Theme::default_theme());
    app.width = 100;
    app.height = 30;
    app.prepare();
    app
}

/// The frame as text, after checking no cell holds an invisible character.
fn drawn(app: &mut App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    terminal.draw(|frame| view::draw(frame, app)).expect("draw");
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for (i, cell) in buffer.content().iter().enumerate() {
        if let Some(c) = cell.symbol().chars().find(|c| forbidden(*c)) {
            panic!("raw U+{:04X} drawn in cell {i}", c as u32);
        }
        text.push_str(cell.symbol());
        if (i + 1) % 100 == 0 {
            text.push('\n');
        }
    }
    text
}

/// The "Same as" line of the confirm dialog on top.
#[cfg(unix)]
fn same_as(app: &App) -> String {
    use iistui::tui::dialog::{AddSite, AddSiteStep, Review};
    if let Some(review) = app.dialogs.top_as::<Review>() {
        return review.cli.clone();
    }
    match app.dialogs.top_as::<AddSite>().map(|w| &w.step) {
        Some(AddSiteStep::Review(page)) => page.review.cli.clone(),
        other => panic!("no review page: {other:?}"),
    }
}

/// Runs a shown command line in `shell` with `iistui` resolving to the built binary, in an empty
/// folder; returns that folder (to look for files the line must not have created).
#[cfg(unix)]
fn paste(shell: &str, line: &str, backups: &Path) -> tempfile::TempDir {
    let cwd = tempfile::tempdir().expect("tempdir");
    let bin = Path::new(env!("CARGO_BIN_EXE_iistui"))
        .parent()
        .expect("bin dir")
        .to_path_buf();
    let path = std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .expect("PATH");
    let out = Process::new(shell)
        .arg("-c")
        .arg(line)
        .current_dir(cwd.path())
        .env("PATH", path)
        .env("IISTUI_BACKUP_DIR", backups)
        .env_remove("IISTUI_CONFIG")
        .output()
        .expect("shell runs");
    assert!(
        out.status.success(),
        "{shell} -c {line}\nstdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    cwd
}

#[cfg(unix)]
fn site_names(config: &Path) -> Vec<String> {
    let out = Command::cargo_bin("iistui")
        .expect("binary")
        .args(["list", "sites", "--json", "--config"])
        .arg(config)
        .output()
        .expect("runs");
    let sites: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    sites
        .as_array()
        .expect("array")
        .iter()
        .map(|s| s["name"].as_str().expect("name").to_owned())
        .collect()
}

// Unix only: the POSIX line in sh and bash (Windows shows PowerShell's, unit-tested).
#[cfg(unix)]
#[test]
fn the_same_as_line_pasted_into_a_shell_deletes_exactly_the_shown_site() {
    let hostile = [
        "sh$(touch PWNED)`touch PWNED`",
        "it's \"quoted\" $HOME",
        "  spaced  name  ",
        "-rf",
        "semi;colon && touch PWNED | tee PWNED",
        "tab\there",
        "new\nline'$(touch PWNED)'",
        "rtl\u{202e}txt.exe",
        "nel\u{85}del\u{7f}csi\u{9b}2J",
    ];
    for name in hostile {
        // Quoting for dash (sh) needs nothing beyond single quotes; `$'…'` needs bash.
        let shells: &[&str] = if name.chars().any(char::is_control) || name.contains('\u{202e}') {
            &["bash"]
        } else {
            &["sh", "bash"]
        };
        for shell in shells {
            let dir = tempfile::tempdir().expect("tempdir");
            // A folder name a shell would expand, too.
            let folder = dir.path().join("it's $(touch PWNED) `x`");
            fs::create_dir(&folder).expect("folder");
            let config = demo_copy(
                &folder,
                "applicationHost.config",
                &[("name", "wingtiptoys", name)],
            );
            let before = site_names(&config);
            assert!(
                before.iter().any(|n| n == name),
                "{name:?} not in {before:?}"
            );
            let mut app = app_over(&config);
            send(&mut app, ch('2'));
            // wingtiptoys is the demo's second-to-last site.
            send(&mut app, ch('G'));
            send(&mut app, ch('k'));
            send(&mut app, ch('d'));
            let line = same_as(&app);
            let screen = drawn(&mut app);
            assert!(screen.contains("Same as: iistui --config "), "{screen}");
            assert!(!line.chars().any(forbidden), "{line:?}");
            let cwd = paste(shell, &line, &dir.path().join("backups"));
            for place in [cwd.path(), dir.path(), folder.as_path()] {
                assert!(!place.join("PWNED").exists(), "{shell}: {line} ran code");
            }
            assert_eq!(fs::read_dir(cwd.path()).expect("cwd").count(), 0, "{line}");
            let after = site_names(&config);
            let expected: Vec<String> = before.into_iter().filter(|n| n != name).collect();
            assert_eq!(after, expected, "{shell}: {line}");
        }
    }
}

// Unix only: the POSIX line in sh and bash (Windows shows PowerShell's, unit-tested).
#[cfg(unix)]
#[test]
fn the_review_page_line_adds_the_site_with_the_exact_physical_path() {
    use ratatui::crossterm::event::KeyCode;
    let dir = tempfile::tempdir().expect("tempdir");
    let config = demo_copy(dir.path(), "applicationHost.config", &[]);
    let physical = "D:\\it's $(touch PWNED)\\`id`\\\"x\" & y";
    let mut app = app_over(&config);
    send(&mut app, ch('a'));
    typed(&mut app, "shop.example.com");
    send(&mut app, key(KeyCode::Tab));
    send(&mut app, key(KeyCode::Tab));
    typed(&mut app, physical);
    // Down: Tab in a path field completes folder names first. Then the bindings list, the
    // first binding's form, its port.
    send(&mut app, key(KeyCode::Down));
    send(&mut app, key(KeyCode::Down));
    send(&mut app, key(KeyCode::Enter));
    send(&mut app, key(KeyCode::Down));
    send(&mut app, key(KeyCode::Down));
    send(&mut app, ctrl('u'));
    typed(&mut app, "8088");
    send(&mut app, ctrl('s'));
    send(&mut app, ctrl('s'));
    let line = same_as(&app);
    drawn(&mut app);
    let cwd = paste("sh", &line, &dir.path().join("backups"));
    assert!(!cwd.path().join("PWNED").exists() && !dir.path().join("PWNED").exists());
    let out = Command::cargo_bin("iistui")
        .expect("binary")
        .args([
            "get",
            "vdir",
            "shop.example.com/",
            "physicalPath",
            "--json",
            "--config",
        ])
        .arg(&config)
        .output()
        .expect("runs");
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(value["value"], physical, "{line}");
}

#[test]
fn the_tui_shows_hostile_names_escaped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = demo_copy(
        dir.path(),
        "applicationHost.config",
        &[("name", "wingtiptoys", FORGED)],
    );
    let mut app = app_over(&config);
    send(&mut app, ch('2'));
    send(&mut app, ch('G'));
    send(&mut app, ch('k'));
    let screen = drawn(&mut app);
    assert!(screen.contains("lf\\nSITE \"fake\""), "{screen}");
    send(&mut app, ch('d'));
    let screen = drawn(&mut app);
    assert!(screen.contains("Delete site \"lf\\nSITE"), "{screen}");
}
