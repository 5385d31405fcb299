//! The log view and the ASP.NET Core settings, headless: `L` opens an app's stdout and W3C logs
//! and starts the tail (a subscription whose rounds are fed here from a real follower on real
//! files), lines and notes arrive, scrolling up pauses, `/` filters, `n` searches all lines,
//! leaving stops the tail and drops late rounds; `N` opens the settings, `s` reviews stdout
//! logging off and saves the same bytes as `iistui set aspnetcore`, environment variables are
//! added through the list, a web.config changed on disk is refused, `z` undoes.

mod common;

use std::time::Duration;

use assert_cmd::Command;
use common::logs::{append, server};
use common::tui::*;
use iistui::host::logs::{Follower, LineKind};
use iistui::tui::app::View;
use iistui::tui::aspnetcore::AspNetCoreEditor;
use iistui::tui::dialog::SaveState;
use iistui::tui::effect::Runner;
use iistui::tui::msg::{Effect, Msg};
use iistui::tui::subscription::{Event, Source, Topic};
use iistui::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;

/// The tail `L` started: its generation and a follower on its logs.
fn started(effects: &[Effect]) -> (u64, Follower) {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Subscribe {
                topic: Topic::Logs,
                generation,
                source: Source::Logs(feed),
            } => Some((*generation, Follower::new(feed.follows.clone(), feed.start))),
            _ => None,
        })
        .expect("the tail starts")
}

/// One round of the follower, as the subscription would post it.
fn round(follower: &mut Follower, generation: u64) -> Msg {
    Msg::Stream {
        topic: Topic::Logs,
        generation,
        event: Event::Log(follower.poll()),
    }
}

/// The tail just started reads its first round: its generation, follower and the lines shown.
fn first_round(
    app: &mut iistui::tui::app::App,
    effects: &[Effect],
) -> (u64, Follower, Vec<String>) {
    let (generation, mut follower) = started(effects);
    send(app, round(&mut follower, generation));
    (generation, follower, texts(app))
}

/// A recycle: a new process writes its own stdout log; waits until the folder watch has seen it.
fn recycle(server: &common::logs::Server, name: &str, text: &str) {
    append(&server.logs().join(name), text);
    std::thread::sleep(Duration::from_millis(600));
}

fn texts(app: &iistui::tui::app::App) -> Vec<String> {
    (0..app.logs.visible_len())
        .filter_map(|i| app.logs.ring.visible(i))
        .filter(|l| l.kind == LineKind::Text)
        .map(|l| l.text.to_string())
        .collect()
}

#[test]
fn l_opens_the_logs_lines_arrive_and_leaving_stops_the_tail() {
    let server = server();
    let mut app = file_app(&server.config, Theme::default_theme());
    send(&mut app, ch('2'));
    let effects = send(&mut app, ch('L'));
    assert_eq!(app.view, View::Logs);
    let labels: Vec<&str> = app.logs.sources.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["Shop/", "Shop W3C"]);
    let (generation, mut follower, lines) = first_round(&mut app, &effects);
    assert!(
        lines.contains(&String::from("fail: Shop.Checkout[0]")),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.contains("POST /api/cart")),
        "{lines:?}"
    );
    let summary = app.logs.sources[1].summary.as_ref().expect("W3C summary");
    assert_eq!((summary.requests, summary.by_class[4]), (2, 1));
    append(&server.stdout_log(), "info: appended from outside\n");
    send(&mut app, round(&mut follower, generation));
    assert_eq!(
        texts(&app).last().map(String::as_str),
        Some("info: appended from outside")
    );
    assert!(app.logs.follow);
    let on_disk = std::fs::metadata(server.stdout_log()).expect("stat").len();
    let shown = app.logs.sources[0]
        .logs
        .stdout
        .files
        .iter()
        .find(|f| f.path == server.stdout_log());
    assert_eq!(
        shown.map(|f| f.size),
        Some(on_disk),
        "the header's size grows with the lines"
    );

    // A recycle: a newer stdout log takes over, and the switch is marked.
    recycle(
        &server,
        "stdout_20261125060302_7720.log",
        "info: started 7720\n",
    );
    send(&mut app, round(&mut follower, generation));
    assert!(
        app.logs.ring.iter().any(|l| l.kind == LineKind::Note
            && l.text
                .contains("now reading the newer stdout_20261125060302_7720.log")),
        "the switch is marked"
    );
    assert_eq!(
        texts(&app).last().map(String::as_str),
        Some("info: started 7720")
    );
    assert_eq!(
        app.logs.sources[0]
            .logs
            .stdout
            .files
            .first()
            .map(|f| f.name.as_str()),
        Some("stdout_20261125060302_7720.log"),
        "the header's file list follows the switch"
    );

    // Leaving the view stops the tail; a late round of it is dropped.
    let effects = send(&mut app, ch('3'));
    assert!(effects.contains(&Effect::Unsubscribe { topic: Topic::Logs }));
    let before = app.logs.ring.received();
    append(&server.stdout_log(), "late\n");
    send(&mut app, round(&mut follower, generation));
    assert_eq!(
        app.logs.ring.received(),
        before,
        "a stopped tail's round is dropped"
    );
}

#[test]
fn scrolling_pauses_the_filter_narrows_and_n_searches_every_line() {
    let server = server();
    let mut app = file_app(&server.config, Theme::default_theme());
    send(&mut app, ch('2'));
    let effects = send(&mut app, ch('L'));
    let (generation, mut follower) = started(&effects);
    let many: String = (0..200).map(|n| format!("info: line {n}\n")).collect();
    append(&server.stdout_log(), &many);
    send(&mut app, round(&mut follower, generation));
    app.logs.page = 10;
    send(&mut app, ch('k'));
    assert!(!app.logs.follow, "scrolling up pauses");
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("paused"))
    );
    send(&mut app, ch('G'));
    assert!(app.logs.follow);
    send(&mut app, ch('/'));
    typed(&mut app, "fail");
    send(&mut app, key(KeyCode::Enter));
    assert_eq!(texts(&app), ["fail: Shop.Checkout[0]"]);
    send(&mut app, ch('g'));
    send(&mut app, ch('n'));
    assert!(app.logs.ring.filter().is_none(), "n searches every line");
    let found = app.logs.found.and_then(|seq| app.logs.ring.by_seq(seq));
    assert_eq!(found.map(|l| &*l.text), Some("fail: Shop.Checkout[0]"));
    send(&mut app, key(KeyCode::Esc));
    assert!(app.logs.search.is_none());
    assert_eq!(app.view, View::Logs, "Esc cleared the search first");
    send(&mut app, ch('w'));
    send(&mut app, ch('t'));
    assert!(app.logs.wrap && app.logs.times);
    let effects = send(&mut app, ch('s'));
    match effects.as_slice() {
        [Effect::SaveText { path, text }] => {
            assert!(
                path.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("iistui-Shop"))
            );
            assert!(text.contains("info: line 199\n"));
            let target = server.dir.path().join("saved.log");
            let msg = iistui::tui::aspnetcore::runner::save_text(&target, text);
            assert!(matches!(msg, Msg::Notice { .. }));
            assert_eq!(std::fs::read_to_string(&target).expect("saved"), *text);
        }
        other => panic!("{other:?}"),
    }
}

/// Runs a dialog's effects through the real runner (no runtime: jobs run here) until settled.
/// Runs the effects and those their results ask for; how many asked to check the
/// configuration again (the problems and the strip's counts).
fn run_effects(app: &mut iistui::tui::app::App, effects: Vec<Effect>) -> usize {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let runner = Runner::new(tx);
    let mut checks = 0;
    // The check itself runs on tokio's blocking pool, which these tests do not start.
    let mut run = |app: &mut iistui::tui::app::App, effect: Effect| match effect {
        Effect::Validate { .. } => checks += 1,
        effect => runner.run(app, effect),
    };
    for effect in effects {
        run(app, effect);
    }
    while let Ok(msg) = rx.try_recv() {
        for effect in send(app, msg) {
            run(app, effect);
        }
    }
    checks
}

fn cli_set(config: &std::path::Path, args: &[&str]) {
    let data = tempfile::tempdir().expect("tempdir");
    let out = Command::cargo_bin("iistui")
        .expect("binary")
        .env("IISTUI_DATA_DIR", data.path())
        .env("IISTUI_BACKUP_DIR", data.path().join("backups"))
        .arg("--config")
        .arg(config)
        .args(["set", "aspnetcore"])
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn stdout_off_and_a_new_variable_write_what_the_cli_writes() {
    let tui = server();
    let cli = server();
    let mut app = file_app(&tui.config, Theme::default_theme());
    send(&mut app, ch('2'));
    send(&mut app, ch('N'));
    assert!(app.dialogs.top_as::<AspNetCoreEditor>().is_some());
    // Environment variables: Enter on their row, a adds, the form, Esc back to the rows.
    for _ in 0..10 {
        send(&mut app, ch('j'));
    }
    send(&mut app, key(KeyCode::Enter));
    send(&mut app, ch('a'));
    typed(&mut app, "Shop__Mode");
    send(&mut app, key(KeyCode::Tab));
    typed(&mut app, "it's live");
    send(&mut app, ctrl('s'));
    send(&mut app, key(KeyCode::Esc));
    // s: stdout logging off, straight to the review.
    send(&mut app, ch('s'));
    let review = match &app
        .dialogs
        .top_as::<AspNetCoreEditor>()
        .expect("editor")
        .mode
    {
        iistui::tui::aspnetcore::Mode::Review(review) => review.as_ref().clone(),
        other => panic!("{other:?}"),
    };
    let item = "+environmentVariables.[name='Shop__Mode',value='it''s live']";
    assert_eq!(
        review.cli,
        format!(
            "iistui --config {} set aspnetcore Shop/ stdoutLogEnabled=false {}",
            tui.config.display(),
            iistui::host::shell_quote::Shell::native().quote(item)
        )
    );
    assert!(!review.message.iter().any(|m| m.contains("no size limit")));
    send(&mut app, key(KeyCode::Tab));
    let effects = send(&mut app, key(KeyCode::Enter));
    let checks = run_effects(&mut app, effects);
    let editor = app
        .dialogs
        .top_as::<AspNetCoreEditor>()
        .expect("stays open");
    assert!(editor.pending.is_empty(), "saved and reloaded");
    assert_eq!(checks, 1, "the problems are checked again after the save");
    cli_set(&cli.config, &["Shop/", "stdoutLogEnabled=false", item]);
    let written = std::fs::read_to_string(tui.web_config()).expect("read");
    assert!(written.contains(r#"stdoutLogEnabled="false""#));
    assert!(
        written.contains(r#"<environmentVariable name="Shop__Mode" value="it's live" />"#),
        "{written}"
    );
    // Same change, same bytes.
    assert_eq!(
        written,
        std::fs::read_to_string(cli.web_config()).expect("read")
    );
}

#[test]
fn a_web_config_changed_on_disk_is_refused_and_undo_restores() {
    let server = server();
    let mut app = file_app(&server.config, Theme::default_theme());
    send(&mut app, ch('2'));
    send(&mut app, ch('N'));
    send(&mut app, ch('s'));
    // Another admin saves the web.config meanwhile.
    append(&server.web_config(), "<!-- edited elsewhere -->\n");
    send(&mut app, key(KeyCode::Tab));
    let effects = send(&mut app, key(KeyCode::Enter));
    run_effects(&mut app, effects);
    let editor = app
        .dialogs
        .top_as::<AspNetCoreEditor>()
        .expect("stays open");
    match &editor.mode {
        iistui::tui::aspnetcore::Mode::Review(review) => assert!(
            matches!(&review.state, SaveState::Failed(why) if why.contains("changed on disk")),
            "{:?}",
            review.state
        ),
        other => panic!("{other:?}"),
    }
    let text = std::fs::read_to_string(server.web_config()).expect("read");
    assert!(
        text.contains(r#"stdoutLogEnabled="true""#),
        "nothing written"
    );
    // Closing and opening again loads the file as it is now; the change then saves, and z undoes it.
    send(&mut app, key(KeyCode::Esc));
    send(&mut app, key(KeyCode::Esc));
    send(&mut app, key(KeyCode::Tab));
    send(&mut app, key(KeyCode::Enter));
    assert!(
        app.dialogs.is_empty(),
        "{:?}",
        app.dialogs.top().map(|d| d.layer())
    );
    send(&mut app, ch('N'));
    send(&mut app, ch('s'));
    assert!(app.dialogs.top_as::<AspNetCoreEditor>().is_some());
    send(&mut app, key(KeyCode::Tab));
    let effects = send(&mut app, key(KeyCode::Enter));
    run_effects(&mut app, effects);
    let off = std::fs::read_to_string(server.web_config()).expect("read");
    assert!(off.contains(r#"stdoutLogEnabled="false""#) && off.contains("edited elsewhere"));
    // Turning it on again warns that the log has no size limit.
    send(&mut app, ch('s'));
    match &app
        .dialogs
        .top_as::<AspNetCoreEditor>()
        .expect("editor")
        .mode
    {
        iistui::tui::aspnetcore::Mode::Review(review) => assert!(
            review.message.iter().any(|m| m.contains("no size limit")),
            "{:?}",
            review.message
        ),
        other => panic!("{other:?}"),
    }
    send(&mut app, key(KeyCode::Esc));
    let editor = app.dialogs.top_as::<AspNetCoreEditor>().expect("editor");
    assert_eq!(editor.pending.len(), 1);
    // Drop the pending toggle (r on the row), then z undoes the save.
    app.dialogs.pop();
    send(&mut app, ch('N'));
    let effects = send(&mut app, ch('z'));
    run_effects(&mut app, effects);
    assert_eq!(
        std::fs::read_to_string(server.web_config()).expect("read"),
        text
    );
}

#[test]
fn one_sites_logs_say_why_its_request_log_cannot_be_read() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    send(&mut app, ch('2'));
    app.prepare();
    let rows = app.conns[0].rows.sites.clone();
    app.lists.sites.select_name(&rows, "Default Web Site");
    send(&mut app, ch('L'));
    assert_eq!(app.view, View::Logs);
    let labels: Vec<&str> = app.logs.sources.iter().map(|s| s.label.as_str()).collect();
    assert!(labels.contains(&"Default Web Site W3C"), "{labels:?}");
    let frame = common::wizard::screen(&render(&mut app, 160, 48));
    // The reason under the W3C log's line (no folder yet on the bundled demo; not on this
    // machine for a copy whose %SystemDrive% is elsewhere).
    let reason = frame
        .lines()
        .skip_while(|l| !l.contains("Default Web Site W3C"))
        .nth(1)
        .unwrap_or_default();
    assert!(
        reason.contains("no request log folder") || reason.contains("is not on this machine"),
        "{frame}"
    );
}

#[test]
fn stdout_on_a_stream_of_several_applications_asks_for_one() {
    let server = server();
    let mut app = file_app(&server.config, Theme::default_theme());
    iistui::tui::logview::open(&mut app, vec![String::from("Shop/")]);
    assert_eq!(app.view, View::Logs);
    // A second application in the same stream (as `:logs a,b` makes).
    let mut other = app.logs.sources[0].clone();
    other.logs.app = String::from("Shop/admin");
    other.label = String::from("Shop/admin");
    app.logs.sources.push(other);
    send(&mut app, ch('S'));
    assert!(app.dialogs.is_empty(), "no editor opened on a guess");
    let status = app.status.as_ref().expect("a status");
    assert!(status.text.contains("several applications"), "{status:?}");
}

/// The `Follow` each log of a started tail follows.
fn follows(effects: &[Effect]) -> Vec<iistui::host::logs::Follow> {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Subscribe {
                source: Source::Logs(feed),
                ..
            } => Some(feed.follows.clone()),
            _ => None,
        })
        .expect("the tail starts again")
}

#[test]
fn o_reads_an_older_file_alone_and_the_first_row_follows_the_newest_again() {
    use iistui::host::logs::Follow;
    use iistui::tui::logview::files::LogFiles;
    let server = server();
    let older = server.stdout_log();
    let newer = server.logs().join("stdout_20261125060302_7720.log");
    append(&newer, "info: started 7720\n");
    let mut app = file_app(&server.config, Theme::default_theme());
    send(&mut app, ch('2'));
    let effects = send(&mut app, ch('L'));
    let (generation, mut follower) = started(&effects);
    send(&mut app, round(&mut follower, generation));
    assert!(texts(&app).contains(&String::from("info: started 7720")));

    send(&mut app, ch('o'));
    assert!(
        app.dialogs.top_as::<LogFiles>().is_some(),
        "o lists the files"
    );
    // Newest (following), the 7720 log, the 6044 log: the one read now is highlighted.
    send(&mut app, key(KeyCode::Down));
    send(&mut app, key(KeyCode::Down));
    let effects = send(&mut app, key(KeyCode::Enter));
    assert!(app.dialogs.is_empty());
    assert_eq!(follows(&effects)[0], Follow::File(older.clone()));
    assert_eq!(app.logs.sources[0].pinned.as_ref(), Some(&older));
    let (generation, mut follower, lines) = first_round(&mut app, &effects);
    assert!(
        lines.contains(&String::from("fail: Shop.Checkout[0]")),
        "{lines:?}"
    );
    assert!(
        !lines.contains(&String::from("info: started 7720")),
        "a fresh buffer holds the older file's lines: {lines:?}"
    );
    // A newer file appearing does not take the pinned one's place.
    recycle(
        &server,
        "stdout_20261126060302_8100.log",
        "info: started 8100\n",
    );
    send(&mut app, round(&mut follower, generation));
    assert!(!texts(&app).contains(&String::from("info: started 8100")));

    send(&mut app, ch('o'));
    for _ in 0..3 {
        send(&mut app, key(KeyCode::Up));
    }
    let effects = send(&mut app, key(KeyCode::Enter));
    assert_eq!(app.logs.sources[0].pinned, None);
    assert!(matches!(follows(&effects)[0], Follow::Newest { .. }));
    let (generation, mut follower) = started(&effects);
    send(&mut app, round(&mut follower, generation));
    let lines = texts(&app);
    assert!(
        lines.contains(&String::from("info: started 8100")),
        "{lines:?}"
    );
}

#[test]
fn picking_the_hosting_model_already_written_in_another_case_is_no_change() {
    let server = server();
    let mut app = file_app(&server.config, Theme::default_theme());
    send(&mut app, ch('2'));
    send(&mut app, ch('N'));
    let editor = app.dialogs.top_as::<AspNetCoreEditor>().expect("editor");
    assert_eq!(editor.selected, 0);
    // Process path, Arguments, Hosting model.
    for _ in 0..2 {
        send(&mut app, ch('j'));
    }
    send(&mut app, key(KeyCode::Enter));
    typed(&mut app, "inproc");
    send(&mut app, key(KeyCode::Enter));
    let editor = app.dialogs.top_as::<AspNetCoreEditor>().expect("editor");
    assert!(
        editor.pending.is_empty(),
        "InProcess where inprocess is written: {:?}",
        editor.pending
    );
    // The same keys with the other model make a change.
    send(&mut app, key(KeyCode::Enter));
    typed(&mut app, "outof");
    send(&mut app, key(KeyCode::Enter));
    let editor = app.dialogs.top_as::<AspNetCoreEditor>().expect("editor");
    assert_eq!(editor.pending.len(), 1);
}

#[test]
fn pasted_text_goes_into_the_filter_being_typed() {
    let server = server();
    let mut app = file_app(&server.config, Theme::default_theme());
    send(&mut app, ch('2'));
    let effects = send(&mut app, ch('L'));
    let (generation, mut follower) = started(&effects);
    send(&mut app, round(&mut follower, generation));
    send(&mut app, ch('/'));
    send(&mut app, Msg::Paste(String::from("Checkout")));
    assert_eq!(app.logs.filter_input.text(), "Checkout");
    let lines = texts(&app);
    assert_eq!(lines, ["fail: Shop.Checkout[0]"], "only the matching lines");
}
