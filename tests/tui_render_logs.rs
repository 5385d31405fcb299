//! Render tier for the log view and the ASP.NET Core settings: insta snapshots at 80x24 and
//! 160x48 with fixed times and paths (the files are real, their times and folders pinned for
//! the picture), and the styles that carry meaning: failures in the error style with a `✗`
//! (readable without colour), matches highlighted.

mod common;

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use common::logs::server;
use common::tui::*;
use iistui::host::logs::{TailEvent, TailLine};
use iistui::tui::app::App;
use iistui::tui::aspnetcore::AspNetCoreEditor;
use iistui::tui::theme::Theme;
use ratatui::style::Modifier;

const STDOUT: &str = "info: Microsoft.Hosting.Lifetime[14]
      Now listening on: http://127.0.0.1:41877
info: Microsoft.Hosting.Lifetime[0]
      Application started. Press Ctrl+C to shut down.
warn: Shop.Orders.OrderService[0]
      Payment gateway answered in 2.9 s (threshold 2 s)
fail: Microsoft.AspNetCore.Server.Kestrel[13]
      System.TimeoutException: The operation has timed out.
         at Shop.Orders.PaymentClient.ChargeAsync(Order order)";

fn fixed() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_512_612) // 2026-11-24 09:30:12 UTC
}

fn lines(text: &str) -> Vec<TailLine> {
    text.lines()
        .map(|l| TailLine {
            text: l.to_owned(),
            cut: 0,
        })
        .collect()
}

/// The log view of the test server's Shop, with pinned times and folders.
fn pinned_log_view(theme: Theme) -> (common::logs::Server, App) {
    let server = server();
    let mut app = file_app(&server.config, theme);
    app.conns[0].display_path =
        String::from(r"C:\Windows\System32\inetsrv\config\applicationHost.config");
    send(&mut app, ch('2'));
    send(&mut app, ch('L'));
    for source in &mut app.logs.sources {
        for file in source
            .logs
            .stdout
            .files
            .iter_mut()
            .chain(source.logs.w3c.files.iter_mut())
        {
            file.modified = Some(fixed());
        }
        source.file = source
            .logs
            .stdout
            .files
            .first()
            .or(source.logs.w3c.files.first())
            .map(|f| f.path.clone());
        source.logs.w3c.folder = Some(PathBuf::from(r"C:\inetpub\logs\LogFiles\W3SVC7"));
    }
    let mut long = String::from("      at Shop.Data.Query ");
    long.push_str(&"x".repeat(300));
    app.logs.take_in(vec![
        (
            0,
            TailEvent::Lines {
                lines: lines(STDOUT),
                at: fixed(),
            },
        ),
        (
            0,
            TailEvent::Lines {
                lines: vec![TailLine {
                    text: long,
                    cut: 51_200,
                }],
                at: fixed(),
            },
        ),
        (
            1,
            TailEvent::Lines {
                lines: lines(common::logs::W3C),
                at: fixed(),
            },
        ),
    ]);
    (server, app)
}

#[test]
fn log_view() {
    let (_server, mut app) = pinned_log_view(Theme::default_theme());
    insta::assert_snapshot!("logs_80x24", render(&mut app, 80, 24).backend());
    send(&mut app, ch('t'));
    send(&mut app, ch('/'));
    typed(&mut app, "time");
    let terminal = render(&mut app, 160, 48);
    insta::assert_snapshot!("logs_filtered_160x48", terminal.backend());
    // The failure's text carries the error style, its match the highlight.
    let buffer = terminal.backend().buffer();
    let row = (0..48)
        .find(|y| {
            let text: String = (0..160)
                .map(|x| buffer[(x, *y)].symbol().to_owned())
                .collect();
            text.contains("System.TimeoutException")
        })
        .expect("the failure is shown");
    let text: String = (0..160)
        .map(|x| buffer[(x, row)].symbol().to_owned())
        .collect();
    let at = text.find("Timeout").expect("match") as u16;
    let cell = &buffer[(text[..at as usize].chars().count() as u16, row)];
    assert!(
        cell.modifier.contains(Modifier::UNDERLINED),
        "the match is highlighted"
    );
    let rest = text.find("operation").expect("text") as u16;
    let plain = &buffer[(text[..rest as usize].chars().count() as u16, row)];
    assert_eq!(
        plain.fg,
        app.theme.error().fg.unwrap_or_default(),
        "in the error style"
    );
}

#[test]
fn log_view_without_colour_marks_failures() {
    let (_server, mut app) = pinned_log_view(Theme::default_theme().without_color());
    let text = render(&mut app, 80, 24).backend().to_string();
    assert!(
        text.contains("✗ [Shop/] fail: Microsoft.AspNetCore"),
        "{text}"
    );
    assert!(text.contains("! [Shop/] warn: Shop.Orders"), "{text}");
}

#[test]
fn aspnetcore_settings() {
    let server = server();
    let mut app = file_app(&server.config, Theme::default_theme());
    app.conns[0].display_path =
        String::from(r"C:\Windows\System32\inetsrv\config\applicationHost.config");
    let mut editor = AspNetCoreEditor::open(&mut app, 0, "Shop").expect("opens");
    editor.file = PathBuf::from(r"C:\sites\shop\web.config");
    app.dialogs.push(Box::new(editor));
    insta::assert_snapshot!("aspnetcore_160x48", render(&mut app, 160, 48).backend());
    insta::assert_snapshot!("aspnetcore_80x24", render(&mut app, 80, 24).backend());
}

#[test]
fn wrapped_and_following_the_newest_line_and_a_cut_lines_end_show() {
    let (_server, mut app) = pinned_log_view(Theme::default_theme());
    send(&mut app, ch('w'));
    assert!(app.logs.wrap && app.logs.follow);
    let mut long = String::from("GET /api/orders ");
    while long.len() < 4096 {
        long.push_str("segment-");
    }
    long.push_str("THE-END");
    let mut tail = vec![TailLine {
        text: long,
        cut: 1946,
    }];
    tail.extend(lines("short one\nshort two\nshort three"));
    app.logs.take_in(vec![(
        0,
        TailEvent::Lines {
            lines: tail,
            at: fixed(),
        },
    )]);
    let text = render(&mut app, 120, 40).backend().to_string();
    let rows: Vec<&str> = text.lines().collect();
    let last = rows
        .iter()
        .rposition(|r| r.contains("short three"))
        .unwrap_or_else(|| panic!("the newest line is not shown:\n{text}"));
    assert!(text.contains("FOLLOWING"), "{text}");
    assert!(text.contains("THE-END … [+1.9 KiB cut]"), "{text}");
    // Below the newest line only the status row, the frame, the path and the hint bar.
    assert_eq!(rows.len() - 1 - last, 4, "{text}");
    insta::assert_snapshot!("logs_wrapped_following_120x40", text);
}
