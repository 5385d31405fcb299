//! `iistui logs --app SITE/APP [--follow] [--lines N] [--w3c] [--list] [--summary]`: the last
//! lines of an application's ASP.NET Core stdout log (or its site's W3C log), for scripts;
//! `--follow` goes on like `tail -F` across truncation, replacement and the new file of a
//! recycle, until Ctrl-C. Several `--app`s print one stream, each line prefixed by its app.
//! What happened to a file goes to standard error; lines go through the escaping writer.

use std::time::SystemTime;

use crate::host::logs::files::LogFile;
use crate::host::logs::{
    AppLogs, Follow, Follower, Start, TailEvent, TailLine, Tailer, W3cSummary, discover,
};
use crate::host::shell_quote::{CommandLine, Shell};
use crate::model::apphost::AppHost;
use crate::model::store::human_size;

use super::GlobalArgs;
use super::error::CliError;
use super::stdio::{Out, note};

/// What `logs` was asked for.
#[derive(Debug, Clone)]
pub struct LogsRequest {
    pub apps: Vec<String>,
    pub follow: bool,
    pub lines: usize,
    pub w3c: bool,
    pub list: bool,
    pub summary: bool,
}

/// The command that turns stdout logging on for `app`, naming the same configuration.
fn stdout_on_command(global: &GlobalArgs, app: &str) -> String {
    let mut cmd = CommandLine::new(Shell::native(), "iistui");
    if global.demo {
        cmd = cmd.word("--demo");
    }
    for path in &global.config {
        cmd = cmd.path_option("--config", path.as_os_str());
    }
    cmd.word("set")
        .word("aspnetcore")
        .operands(&[app, "stdoutLogEnabled=true"])
        .finish()
}

/// The log to read for one app, or why there is none (with its fix).
fn chosen(logs: &AppLogs, request: &LogsRequest, global: &GlobalArgs) -> Result<Follow, String> {
    if request.w3c {
        return match (logs.w3c.follow(), logs.w3c.explain()) {
            (Some(follow), None) => Ok(follow),
            (Some(follow), Some(_)) if request.follow => Ok(follow),
            (_, why) => Err(why.unwrap_or_default()),
        };
    }
    let files = !logs.stdout.files.is_empty();
    match (logs.stdout.follow(), logs.stdout.explain()) {
        (Some(follow), None) => Ok(follow),
        (Some(follow), Some(_)) if files || request.follow && logs.stdout.enabled => Ok(follow),
        (_, why) => {
            let mut why = why.unwrap_or_default();
            if !logs.stdout.enabled && logs.aspnetcore.is_some() {
                why.push_str(&format!(
                    " — turn it on with {} (and off again once the app starts: the log has no size limit)",
                    stdout_on_command(global, &logs.app)
                ));
            }
            Err(why)
        }
    }
}

fn time_text(at: Option<SystemTime>) -> String {
    at.map(|t| {
        humantime::format_rfc3339_seconds(t)
            .to_string()
            .replace('T', " ")
            .trim_end_matches('Z')
            .to_owned()
    })
    .unwrap_or_else(|| String::from("—"))
}

fn list(out: &mut Out, logs: &AppLogs, request: &LogsRequest) -> Result<(), CliError> {
    let files: &[LogFile] = if request.w3c {
        &logs.w3c.files
    } else {
        &logs.stdout.files
    };
    let why = if request.w3c {
        logs.w3c.explain()
    } else {
        logs.stdout.explain()
    };
    if let Some(why) = why {
        note(&logs.app, &why);
    }
    for file in files {
        let pid = file.pid.map(|p| format!("  pid {p}")).unwrap_or_default();
        out.line(&format!(
            "{}  {}  {}{pid}",
            file.path.display(),
            human_size(file.size),
            time_text(file.modified)
        ))?;
    }
    Ok(())
}

/// A line as printed: with the app in front when several are followed, and the cut marked.
fn shown(prefix: Option<&str>, line: &TailLine) -> String {
    let cut = if line.cut > 0 {
        format!(" … [{} more bytes cut]", line.cut)
    } else {
        String::new()
    };
    match prefix {
        Some(app) => format!("[{app}] {}{cut}", line.text),
        None => format!("{}{cut}", line.text),
    }
}

/// The last `n` lines of a log, and its tail positioned at the end for following.
fn last_lines(follow: &Follow, n: usize, following: bool) -> (Vec<TailLine>, Tailer) {
    let mut back: u64 = (n as u64).max(1) * 256;
    loop {
        let mut tail = Tailer::new(follow.clone(), Start::Last(back));
        let mut lines = Vec::new();
        let mut skipped = 0;
        loop {
            for event in tail.poll(false) {
                match event {
                    TailEvent::Opened { skipped: s, .. } => skipped = s,
                    TailEvent::Lines { lines: mut l, .. } => lines.append(&mut l),
                    _ => {}
                }
            }
            if !tail.more {
                break;
            }
            lines.drain(..lines.len().saturating_sub(n));
        }
        // The last line, even without its newline (when following, it is printed whole once
        // its newline comes).
        if !following {
            lines.extend(tail.take_partial());
        }
        if lines.len() >= n || skipped == 0 || back >= 1 << 30 {
            lines.drain(..lines.len().saturating_sub(n));
            return (lines, tail);
        }
        back *= 8;
    }
}

/// Runs `logs`.
pub fn run(host: AppHost<'_>, request: &LogsRequest, global: &GlobalArgs) -> Result<u8, CliError> {
    let mut out = Out::new();
    let several = request.apps.len() > 1;
    let mut tails = Vec::new();
    let mut labels = Vec::new();
    let mut problems = Vec::new();
    for id in &request.apps {
        let logs = discover(host, id)?;
        if request.list {
            list(&mut out, &logs, request)?;
            continue;
        }
        match chosen(&logs, request, global) {
            Ok(follow) => {
                let why = if request.w3c {
                    logs.w3c.explain()
                } else {
                    logs.stdout.explain()
                };
                if let Some(why) = why {
                    note(&logs.app, &why);
                }
                let (lines, tail) = last_lines(&follow, request.lines, request.follow);
                let prefix = several.then_some(logs.app.as_str());
                for line in &lines {
                    out.line(&shown(prefix, line))?;
                }
                if request.summary {
                    summary(&mut out, tail.path())?;
                }
                labels.push(logs.app.clone());
                tails.push(tail);
            }
            Err(why) => problems.push(format!("{}: {why}", logs.app)),
        }
    }
    out.flush()?;
    if request.list {
        out.finish()?;
        return Ok(0);
    }
    if tails.is_empty() {
        return Err(CliError::refused(problems.join("\n")));
    }
    for problem in &problems {
        note("iistui", problem);
    }
    if !request.follow {
        out.finish()?;
        return Ok(0);
    }
    follow(out, Follower::from_tailers(tails), &labels, several)
}

fn summary(out: &mut Out, path: Option<&std::path::Path>) -> Result<(), CliError> {
    let Some(path) = path else { return Ok(()) };
    let text =
        std::fs::read(path).map_err(|e| CliError::usage(format!("{}: {e}", path.display())))?;
    let mut summary = W3cSummary::default();
    for line in String::from_utf8_lossy(&text).lines() {
        summary.add(line);
    }
    let [_, ok, redirect, client, server] = summary.by_class;
    out.line(&format!(
        "# {} requests: 2xx {ok} · 3xx {redirect} · 4xx {client} · 5xx {server}",
        summary.requests
    ))?;
    let p = |n: f64| {
        summary
            .percentile(n)
            .map_or_else(|| String::from("—"), |v| format!("{v} ms"))
    };
    out.line(&format!(
        "# time-taken p50 {} · p90 {} · p99 {}",
        p(50.0),
        p(90.0),
        p(99.0)
    ))?;
    for (url, count) in summary.top_failing(5) {
        out.line(&format!("# failing {count}× {url}"))?;
    }
    Ok(())
}

/// Prints new lines until interrupted; what happens to the files goes to standard error.
fn follow(
    mut out: Out,
    mut follower: Follower,
    labels: &[String],
    several: bool,
) -> Result<u8, CliError> {
    loop {
        for (index, event) in follower.poll() {
            let label = labels.get(index).map(String::as_str).unwrap_or("");
            match event {
                TailEvent::Lines { lines, .. } => {
                    let prefix = several.then_some(label);
                    for line in &lines {
                        out.line(&shown(prefix, line))?;
                    }
                }
                other => {
                    out.flush()?;
                    if let Some(text) = describe(&other) {
                        note(label, &text);
                    }
                }
            }
        }
        out.flush()?;
        follower.wait();
    }
}

/// What happened to a followed file, in `tail -F`'s manner.
pub fn describe(event: &TailEvent) -> Option<String> {
    let name = |p: &std::path::Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.display().to_string())
    };
    Some(match event {
        TailEvent::Lines { .. } => return None,
        TailEvent::Opened { path, .. } => format!("following {}", path.display()),
        TailEvent::Switched { from, to } => {
            format!("{} ended; following the newer {}", name(from), name(to))
        }
        TailEvent::Truncated { path } => {
            format!("{} was truncated; reading from its start", name(path))
        }
        TailEvent::Replaced { path } => {
            format!(
                "{} was replaced by a new file; reading it from its start",
                name(path)
            )
        }
        TailEvent::Deleted { path } => {
            format!(
                "{} was deleted; waiting for it (or a newer log) to appear",
                name(path)
            )
        }
        TailEvent::Waiting { why } => format!("waiting: {why}"),
        TailEvent::Error(why) => why.clone(),
    })
}
