use std::io::Write;

use super::*;

fn texts(events: &[TailEvent]) -> Vec<String> {
    events
        .iter()
        .flat_map(|e| match e {
            TailEvent::Lines { lines, .. } => lines.iter().map(|l| l.text.clone()).collect(),
            _ => Vec::new(),
        })
        .collect()
}

fn append(path: &Path, text: &str) {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .expect("open");
    file.write_all(text.as_bytes()).expect("write");
}

#[test]
fn follows_appends_keeping_a_partial_line_until_its_newline() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("app.log");
    append(&path, "one\r\ntwo\nthr");
    let mut tail = Tailer::new(Follow::File(path.clone()), Start::Beginning);
    let first = tail.poll(false);
    assert!(matches!(first[0], TailEvent::Opened { skipped: 0, .. }));
    assert_eq!(texts(&first), ["one", "two"]);
    append(&path, "ee\nfour\n");
    assert_eq!(texts(&tail.poll(false)), ["three", "four"]);
    assert!(tail.poll(false).is_empty());
}

#[test]
fn a_last_line_without_its_newline_shows_once_nothing_more_comes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("app.log");
    append(&path, "first\nUnhandled exception. System.Exception: boom");
    let mut tail = Tailer::new(Follow::File(path.clone()), Start::Beginning);
    assert_eq!(texts(&tail.poll(false)), ["first"]);
    assert!(
        texts(&tail.poll(false)).is_empty(),
        "its newline may still come"
    );
    std::thread::sleep(PARTIAL_AFTER + Duration::from_millis(100));
    assert_eq!(
        texts(&tail.poll(false)),
        ["Unhandled exception. System.Exception: boom"]
    );
    // A one-off read takes it at once.
    let mut once = Tailer::new(Follow::File(path), Start::Beginning);
    assert_eq!(texts(&once.poll(false)), ["first"]);
    assert_eq!(
        once.take_partial().map(|l| l.text),
        Some(String::from("Unhandled exception. System.Exception: boom"))
    );
}

#[test]
fn starts_near_the_end_on_a_whole_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("app.log");
    append(&path, "aaaaaaaaaa\nbbbb\ncccc\n");
    let mut tail = Tailer::new(Follow::File(path), Start::Last(8));
    let events = tail.poll(false);
    assert!(matches!(events[0], TailEvent::Opened { skipped: 13, .. }));
    assert_eq!(texts(&events), ["cccc"]);
}

#[test]
fn cuts_very_long_lines_and_counts_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("app.log");
    let long = "é".repeat(MAX_LINE);
    append(&path, &format!("{long}\nshort\n"));
    let mut tail = Tailer::new(Follow::File(path), Start::Beginning);
    let events = tail.poll(false);
    let lines: Vec<&TailLine> = events
        .iter()
        .flat_map(|e| match e {
            TailEvent::Lines { lines, .. } => lines.iter().collect(),
            _ => Vec::new(),
        })
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].text.len() + lines[0].cut as usize, long.len());
    assert!(lines[0].text.len() <= MAX_LINE);
    assert!(!lines[0].text.contains('\u{fffd}'), "cut on a character");
    assert_eq!(lines[1].text, "short");
}

#[test]
fn truncation_reads_again_from_the_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("app.log");
    append(&path, "one\ntwo\n");
    let mut tail = Tailer::new(Follow::File(path.clone()), Start::Beginning);
    tail.poll(false);
    std::fs::write(&path, "new\n").expect("truncate");
    let events = tail.poll(false);
    assert!(
        events
            .iter()
            .any(|e| matches!(e, TailEvent::Truncated { .. }))
    );
    assert_eq!(texts(&events), ["new"]);
}

#[cfg(unix)]
#[test]
fn a_replaced_file_is_read_from_its_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("app.log");
    append(&path, "old 1\nold 2\n");
    let mut tail = Tailer::new(Follow::File(path.clone()), Start::Beginning);
    tail.poll(false);
    append(&path, "old 3\n");
    let fresh = dir.path().join("fresh.log");
    append(&fresh, "fresh 1, a longer line than before\n");
    std::fs::rename(&fresh, &path).expect("rename over");
    let events = tail.poll(false);
    assert!(
        events
            .iter()
            .any(|e| matches!(e, TailEvent::Replaced { .. }))
    );
    assert_eq!(
        texts(&events),
        ["old 3", "fresh 1, a longer line than before"]
    );
}

#[test]
fn deletion_waits_and_the_file_coming_back_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("app.log");
    append(&path, "one\n");
    let mut tail = Tailer::new(Follow::File(path.clone()), Start::Beginning);
    tail.poll(false);
    append(&path, "last words");
    std::fs::remove_file(&path).expect("delete");
    let events = tail.poll(false);
    assert_eq!(texts(&events), ["last words"]);
    assert!(
        events
            .iter()
            .any(|e| matches!(e, TailEvent::Deleted { .. }))
    );
    let waiting = tail.poll(false);
    assert!(matches!(waiting.as_slice(), [TailEvent::Waiting { .. }]));
    assert!(tail.poll(false).is_empty(), "said once");
    append(&path, "back\n");
    let events = tail.poll(false);
    assert!(matches!(events[0], TailEvent::Opened { .. }));
    assert_eq!(texts(&events), ["back"]);
}

#[test]
fn a_newer_stdout_log_takes_over_after_the_old_one_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let logs = dir.path().join("logs");
    let follow = Follow::Newest {
        folder: logs.clone(),
        kind: LogKind::Stdout {
            prefix: String::from("stdout"),
        },
    };
    let mut tail = Tailer::new(follow, Start::Beginning);
    let events = tail.poll(false);
    assert!(
        matches!(&events[..], [TailEvent::Waiting { why }] if why.contains("does not exist")),
        "{events:?}"
    );
    std::fs::create_dir(&logs).expect("mkdir");
    let first = logs.join("stdout_20261124090011_6044.log");
    append(&first, "started 6044\n");
    assert_eq!(texts(&tail.poll(true)), ["started 6044"]);
    append(&first, "stopping 6044\n");
    let second = logs.join("stdout_20261125060302_7720.log");
    append(&second, "started 7720\n");
    let events = tail.poll(true);
    assert_eq!(texts(&events), ["stopping 6044", "started 7720"]);
    assert!(events.iter().any(|e| matches!(
        e,
        TailEvent::Switched { from, to } if *from == first && *to == second
    )));
    assert_eq!(tail.path(), Some(second.as_path()));
}
