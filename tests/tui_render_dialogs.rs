//! Render tier for what the dialogs show of long text: a review's diff wraps long lines onto
//! continuation rows (`-↪`, `+↪`) so every changed character can be read at 80x24, its
//! messages wrap too; help's name column always leaves a gap; the quit question wraps.

mod common;

use common::tui::*;
use iistui::model::apphost::{Setting, Target};
use iistui::tui::app::App;
use iistui::tui::dialog::Review;
use iistui::tui::op::ModelOp;
use iistui::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

/// The rows inside the large dialog's frame (`chrome::large`: 4 columns narrower, above the
/// status and hint lines).
fn inner_rows(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    let (w, h) = (buffer.area.width, buffer.area.height);
    let width = w.saturating_sub(4).min(110);
    let x0 = (w - width) / 2 + 1;
    (1..h - 3)
        .map(|y| {
            (x0..x0 + width - 2)
                .map(|x| buffer[(x, y)].symbol().to_owned())
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect()
}

/// The review's scrolled text, read frame by frame with ↓ to its end.
fn review_text(app: &mut App, width: u16, height: u16) -> Vec<String> {
    let body = |app: &mut App| -> Vec<String> {
        inner_rows(&render(app, width, height))
            .into_iter()
            .take_while(|r| !r.starts_with("Same as:"))
            .collect()
    };
    let mut rows = Vec::new();
    let mut last = body(app);
    for _ in 0..200 {
        send(app, key(KeyCode::Down));
        let next = body(app);
        if next == last {
            break;
        }
        rows.push(last[0].clone());
        last = next;
    }
    rows.extend(last);
    rows
}

/// Continuation rows joined to the row they continue.
fn joined(rows: &[String]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for row in rows {
        let rest = ["-↪", "+↪", " ↪", "↪"]
            .iter()
            .find_map(|m| row.strip_prefix(m));
        match (rest, lines.last_mut()) {
            (Some(rest), Some(last)) => last.push_str(rest),
            _ => lines.push(row.clone()),
        }
    }
    lines
}

fn pool_autostart_review(app: &mut App) {
    let op = ModelOp::Settings(vec![(
        Target::AppPool(String::from("LegacyCRM")),
        vec![Setting::Set {
            key: String::from("autoStart"),
            value: String::from("true"),
        }],
    )]);
    let review = Review::preview(app, 0, &op).expect("preview");
    app.dialogs.push(Box::new(review));
}

#[test]
fn a_review_wraps_long_diff_lines_so_the_change_at_their_end_shows_at_80x24() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    pool_autostart_review(&mut app);
    insta::assert_snapshot!("review_wrapped_80x24", render(&mut app, 80, 24).backend());
    let rows = review_text(&mut app, 80, 24);
    assert!(rows.iter().all(|r| r.chars().count() <= 74), "{rows:#?}");
    let lines = joined(&rows);
    let removed = lines
        .iter()
        .find(|l| l.starts_with('-') && l.contains("LegacyCRM"))
        .unwrap_or_else(|| panic!("{lines:#?}"));
    let added = lines
        .iter()
        .find(|l| l.starts_with('+') && l.contains("LegacyCRM"))
        .unwrap_or_else(|| panic!("{lines:#?}"));
    assert!(removed.ends_with("autoStart=\"false\" />"), "{removed}");
    assert!(added.ends_with("autoStart=\"true\" />"), "{added}");
    assert!(added.contains("queueLength=\"5000\""), "{added}");
    insta::assert_snapshot!("review_wrapped_160x48", render(&mut app, 160, 48).backend());
}

#[test]
fn help_leaves_a_gap_after_every_action_name_at_80x24() {
    for (query, name, description) in [
        ("virtual directory", "Add Virtual Direct… ", "Add a virtual"),
        ("grant", "Grant pool identity ", "Grant the"),
    ] {
        let (_dir, _path, mut app) = demo_app(Theme::default_theme());
        send(&mut app, ch('?'));
        send(&mut app, ch('/'));
        typed(&mut app, query);
        let text = render(&mut app, 80, 24).backend().to_string();
        let row = text
            .lines()
            .find(|l| l.contains(description))
            .unwrap_or_else(|| panic!("{description} not shown:\n{text}"));
        assert!(row.contains(&format!("{name}{description}")), "{row}");
    }
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    send(&mut app, ch('?'));
    insta::assert_snapshot!("help_160x48", render(&mut app, 160, 48).backend());
}

#[test]
fn the_quit_question_wraps_at_100_columns() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    app.dialogs
        .push(Box::new(iistui::tui::dialog::Quit::default()));
    let text = render(&mut app, 100, 30).backend().to_string();
    assert!(
        text.contains("An operation is unfinished (a form with input, or a save"),
        "{text}"
    );
    assert!(text.contains("in progress)."), "{text}");
    insta::assert_snapshot!("quit_80x24", render(&mut app, 80, 24).backend());
}

const WEB_CONFIG: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <system.webServer>
    <aspNetCore processPath="dotnet" arguments=".\Shop.dll" hostingModel="inprocess" stdoutLogFile=".\logs\stdout" stdoutLogEnabled="false" />
  </system.webServer>
</configuration>
"#;

fn viewer_on(app: &mut App, text: &str) {
    use iistui::tui::dialog::{Viewer, ViewerShown};
    use iistui::tui::host_job::FileText;
    let path = std::path::PathBuf::from(r"C:\sites\shop\web.config");
    app.dialogs.push(Box::new(Viewer {
        path: path.clone(),
        shown: ViewerShown::Loaded(FileText {
            path,
            text: text.to_owned(),
            size: text.len() as u64,
            truncated: false,
        }),
        scroll: 0,
        wrap: true,
        left: 0,
    }));
}

#[test]
fn the_viewer_wraps_long_lines_and_w_then_right_scrolls_sideways() {
    let (_dir, _path, mut app) = demo_app(Theme::default_theme());
    viewer_on(&mut app, WEB_CONFIG);
    let terminal = render(&mut app, 80, 24);
    insta::assert_snapshot!("viewer_wrapped_80x24", terminal.backend());
    let lines = joined(&inner_rows(&terminal));
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with("stdoutLogEnabled=\"false\" />")),
        "{lines:#?}"
    );
    let text = terminal.backend().to_string();
    assert!(text.contains("w no wrap (then ←→ sideways)"), "{text}");
    // Not wrapping: the line is cut, → brings its end into view.
    send(&mut app, ch('w'));
    let text = render(&mut app, 80, 24).backend().to_string();
    assert!(!text.contains("stdoutLogEnabled"), "{text}");
    assert!(text.contains("←→ sideways · w wrap"), "{text}");
    for _ in 0..20 {
        send(&mut app, key(KeyCode::Right));
    }
    let text = render(&mut app, 80, 24).backend().to_string();
    assert!(text.contains("stdoutLogEnabled=\"false\" />"), "{text}");
    insta::assert_snapshot!("viewer_sideways_80x24", text);
    send(&mut app, key(KeyCode::Left));
    send(&mut app, ch('w'));
    assert!(
        app.dialogs
            .top_as::<iistui::tui::dialog::Viewer>()
            .is_some_and(|v| v.wrap)
    );
}

#[test]
fn the_palette_shows_a_planted_names_control_and_bidi_characters_escaped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("applicationHost.config");
    std::fs::write(
        &path,
        "<configuration><system.applicationHost><sites>\
         <site name=\"shop\" id=\"1\"><application path=\"/\"><virtualDirectory path=\"/\" physicalPath=\"C:\\s\" /></application></site>\
         <site name=\"shop&#x85;&#x202e;x\" id=\"2\"><application path=\"/\"><virtualDirectory path=\"/\" physicalPath=\"C:\\t\" /></application></site>\
         </sites></system.applicationHost></configuration>",
    )
    .expect("write");
    let mut app = file_app(&path, Theme::default_theme());
    send(&mut app, ch(':'));
    typed(&mut app, "site shop");
    let text = render_at(&mut app, 100, 30).backend().to_string();
    assert!(text.contains("site shop\\u{85}\\u{202e}x"), "{text}");
}
