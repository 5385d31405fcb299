//! The log view (`5`, `L` on a site or application, `:logs site1,site2`): the logs of one or
//! more applications in one stream, each line prefixed by its app when there are several. The
//! header lists each app's log files (newest first, the one read marked) and, for W3C logs, the
//! status summary; the body follows new lines (`f`), pauses when scrolled up, marks a switch to
//! a recycle's new file, filters (`/`) and searches (`n`/`N`) with highlights, wraps (`w`),
//! shows times (`t`), saves what it shows (`s`) and reads an older file (`o`). The tail is a subscription started on
//! entering the view and stopped on leaving it.

pub mod files;
mod keys;
pub mod render;

pub use keys::{on_key, paste};

use std::path::PathBuf;
use std::time::SystemTime;

use crate::host::logs::{
    AppLogs, DEFAULT_CAPACITY, Follow, LineKind, LogFile, Matcher, Ring, Start, TailEvent,
    W3cSummary, discover,
};
use crate::model::apphost::AppHost;

use super::app::{App, Level, View};
use super::form::TextInput;
use super::log_tail::{Backlog, LogFeed, line_count};
use super::msg::Effect;
use super::subscription::{Source, Topic};

/// How much of a file is read when it is opened (its last lines).
pub const OPEN_BYTES: u64 = 2 << 20;

/// Which log of an app a source reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogChoice {
    Stdout,
    W3c,
}

/// One followed log.
#[derive(Debug, Clone)]
pub struct LogSource {
    /// What prefixes its lines (`shop.tailspin.com/`, `shop.tailspin.com/ W3C`).
    pub label: String,
    pub choice: LogChoice,
    pub logs: AppLogs,
    /// The file being read now.
    pub file: Option<PathBuf>,
    /// An older file picked with `o`: read alone, never switched away from.
    pub pinned: Option<PathBuf>,
    /// Requests of a W3C log.
    pub summary: Option<W3cSummary>,
}

impl LogSource {
    /// What its tail follows (`None`: nothing on this machine to follow).
    pub fn follow(&self) -> Option<Follow> {
        if let Some(path) = &self.pinned {
            return Some(Follow::File(path.clone()));
        }
        match self.choice {
            LogChoice::Stdout => self.logs.stdout.follow(),
            LogChoice::W3c => self.logs.w3c.follow(),
        }
    }

    /// The log files of the log it reads, newest first.
    pub fn files(&self) -> &[LogFile] {
        match self.choice {
            LogChoice::Stdout => &self.logs.stdout.files,
            LogChoice::W3c => &self.logs.w3c.files,
        }
    }

    /// Reads the size and time of the file being read again (lines made it grow), so the
    /// header does not show the size it had when the view opened.
    pub fn reread_size(&mut self) {
        let Some(path) = &self.file else {
            return;
        };
        let Ok(meta) = std::fs::metadata(path) else {
            return;
        };
        let files = match self.choice {
            LogChoice::Stdout => &mut self.logs.stdout.files,
            LogChoice::W3c => &mut self.logs.w3c.files,
        };
        if let Some(file) = files.iter_mut().find(|f| &f.path == path) {
            file.size = meta.len();
            file.modified = meta.modified().ok().or(file.modified);
        }
    }

    /// Why it shows nothing (or old files only), when so.
    pub fn explain(&self) -> Option<String> {
        match self.choice {
            LogChoice::Stdout => self.logs.stdout.explain(),
            LogChoice::W3c => self.logs.w3c.explain(),
        }
    }
}

/// The log view's state.
#[derive(Debug, Clone)]
pub struct LogView {
    pub sources: Vec<LogSource>,
    pub ring: Ring,
    /// The app ids opened (to open them again on `5`).
    pub apps: Vec<String>,
    /// New lines scroll into view.
    pub follow: bool,
    /// The first visible line (an index into the lines shown) while not following.
    pub top: usize,
    pub wrap: bool,
    pub times: bool,
    /// `/` is being typed.
    pub filtering: bool,
    pub filter_input: TextInput,
    /// `n`/`N` look for this among all lines (highlighted).
    pub search: Option<Matcher>,
    /// The line (stream position) the last `n`/`N` found.
    pub found: Option<u64>,
    pub backlog: Backlog,
    /// The tail runs (the view is on screen).
    pub live: bool,
    /// Rows of the body at the last frame (for paging).
    pub page: usize,
}

impl Default for LogView {
    fn default() -> Self {
        LogView::new(DEFAULT_CAPACITY)
    }
}

impl LogView {
    pub fn new(capacity: usize) -> LogView {
        LogView {
            sources: Vec::new(),
            ring: Ring::new(capacity),
            apps: Vec::new(),
            follow: true,
            top: 0,
            wrap: false,
            times: false,
            filtering: false,
            filter_input: TextInput::default(),
            search: None,
            found: None,
            backlog: Backlog::default(),
            live: false,
            page: 20,
        }
    }

    /// The lines shown.
    pub fn visible_len(&self) -> usize {
        self.ring.visible_len()
    }

    /// Whether lines carry their app's label (several sources).
    pub fn prefixed(&self) -> bool {
        self.sources.len() > 1
    }

    /// Takes in one round of the tail's events.
    pub fn take_in(&mut self, events: Vec<(usize, TailEvent)>) {
        let lines = line_count(&events);
        for (index, event) in events {
            let source = u16::try_from(index).unwrap_or(u16::MAX);
            let now = SystemTime::now();
            let Some(log) = self.sources.get_mut(index).filter(|s| s.follow().is_some()) else {
                continue;
            };
            match event {
                TailEvent::Lines { lines, at } => {
                    for line in lines {
                        match log.summary.as_mut() {
                            Some(summary) => {
                                let severity = summary.add(&line.text).unwrap_or_default();
                                self.ring.push_rated(source, at, line.text, severity);
                            }
                            None => self.ring.push(source, at, line.text, line.cut),
                        }
                    }
                }
                TailEvent::Opened { path, skipped } => {
                    log.file = Some(path.clone());
                    let older = if skipped > 0 {
                        format!(
                            " (its last {} shown)",
                            crate::model::store::human_size(OPEN_BYTES)
                        )
                    } else {
                        String::new()
                    };
                    self.ring
                        .note(source, now, format!("reading {}{older}", path.display()));
                }
                TailEvent::Switched { from, to } => {
                    log.file = Some(to.clone());
                    if let Some(summary) = log.summary.as_mut() {
                        *summary = W3cSummary::default();
                    }
                    self.ring.note(
                        source,
                        now,
                        format!(
                            "── {} ended; now reading the newer {} (the app was recycled or a new log began) ──",
                            file_name(&from),
                            file_name(&to)
                        ),
                    );
                }
                TailEvent::Truncated { path } => self.ring.note(
                    source,
                    now,
                    format!(
                        "── {} was truncated; reading it from its start ──",
                        file_name(&path)
                    ),
                ),
                TailEvent::Replaced { path } => self.ring.note(
                    source,
                    now,
                    format!(
                        "── {} was replaced by a new file; reading it from its start ──",
                        file_name(&path)
                    ),
                ),
                TailEvent::Deleted { path } => {
                    log.file = None;
                    self.ring.note(
                        source,
                        now,
                        format!(
                            "── {} was deleted; waiting for it or a newer log ──",
                            file_name(&path)
                        ),
                    );
                }
                TailEvent::Waiting { why } => {
                    self.ring.note(source, now, format!("waiting: {why}"))
                }
                TailEvent::Error(why) => self.ring.note(source, now, why),
            }
        }
        self.backlog.taken(lines);
        if !self.follow {
            // Keep the lines on screen still while the ring drops its oldest.
            self.top = self.top.min(self.visible_len().saturating_sub(1));
        }
    }

    /// The feed the tail follows.
    fn feed(&self) -> LogFeed {
        let follows: Vec<Follow> = self
            .sources
            .iter()
            .map(|s| s.follow().unwrap_or_else(|| Follow::File(PathBuf::new())))
            .collect();
        LogFeed {
            follows,
            start: Start::Last(OPEN_BYTES),
            backlog: self.backlog.clone(),
        }
    }
}

pub(super) fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The sources for some apps: each app's stdout log (when it is an ASP.NET Core app) and, for
/// one app, its site's W3C log too (with the reason when it cannot be read).
fn sources_for(app: &App, ids: &[String]) -> Result<Vec<LogSource>, String> {
    let conn = app.conn().ok_or("no connection")?;
    let host: AppHost = conn
        .host(&app.schema)
        .ok_or("this configuration could not be opened")?;
    let mut sources = Vec::new();
    for id in ids {
        let logs = discover(host, id).map_err(|e| e.to_string())?;
        let stdout_worth = logs.aspnetcore.is_some() || !logs.stdout.files.is_empty();
        if stdout_worth || ids.len() == 1 {
            sources.push(LogSource {
                label: logs.app.clone(),
                choice: LogChoice::Stdout,
                logs: logs.clone(),
                file: None,
                pinned: None,
                summary: None,
            });
        }
        let w3c_here = logs
            .w3c
            .folder
            .as_deref()
            .is_some_and(std::path::Path::is_dir);
        // One app: its site's request log always, saying why when there is none to read
        // (logging off, no folder yet); several: only where there is one to follow.
        let w3c_worth = ids.len() == 1 || (w3c_here && !stdout_worth);
        if w3c_worth {
            sources.push(LogSource {
                label: format!("{} W3C", logs.site),
                choice: LogChoice::W3c,
                logs,
                file: None,
                pinned: None,
                summary: Some(W3cSummary::default()),
            });
        }
    }
    Ok(sources)
}

/// Opens the log view on some apps (`Site/app` ids or site names) and starts following.
pub fn open(app: &mut App, ids: Vec<String>) -> Vec<Effect> {
    let sources = match sources_for(app, &ids) {
        Ok(sources) => sources,
        Err(why) => {
            app.set_status(Level::Error, format!("Logs: {why}"));
            return Vec::new();
        }
    };
    let capacity = app.logs.ring.capacity();
    let mut view = LogView::new(capacity);
    view.sources = sources;
    view.apps = ids;
    view.wrap = app.logs.wrap;
    view.times = app.logs.times;
    app.logs = view;
    let mut effects = super::update::show(app, View::Logs);
    effects.extend(start(app));
    effects
}

/// `5`: the log view of the selected site or application, or the one open before.
pub fn go(app: &mut App) -> Vec<Effect> {
    let selected = match app.view {
        View::Sites | View::Apps { .. } if app.focus == super::app::Focus::Main => {
            app.selected_name()
        }
        _ => None,
    };
    match selected {
        Some(id) => open(app, vec![id]),
        None if !app.logs.apps.is_empty() => {
            let ids = app.logs.apps.clone();
            open(app, ids)
        }
        None => super::update::show(app, View::Logs),
    }
}

/// `L`: the logs of the selected site (its root application) or application.
pub fn open_selected(app: &mut App) -> Vec<Effect> {
    match (&app.view, app.selected_name()) {
        (View::Sites | View::Apps { .. }, Some(id)) => open(app, vec![id]),
        _ => {
            app.set_status(
                Level::Info,
                "Logs: select a site or an application in its list (L), or type :logs site1,site2",
            );
            Vec::new()
        }
    }
}

/// Starts (or restarts) the tail of the view's sources.
pub(super) fn start(app: &mut App) -> Vec<Effect> {
    if app.logs.sources.is_empty() {
        return Vec::new();
    }
    app.logs.live = true;
    let topic = Topic::Logs;
    let generation = app.subscriptions.start(topic.clone());
    vec![Effect::Subscribe {
        topic,
        generation,
        source: Source::Logs(app.logs.feed()),
    }]
}

/// Stops the tail when the view is no longer on screen (called after every message).
pub fn sync(app: &mut App) -> Vec<Effect> {
    if app.logs.live && app.view != View::Logs {
        app.logs.live = false;
        app.subscriptions.stop(&Topic::Logs);
        return vec![Effect::Unsubscribe { topic: Topic::Logs }];
    }
    Vec::new()
}

/// A round of the tail arrived.
pub fn on_stream(app: &mut App, events: Vec<(usize, TailEvent)>) {
    // A file opened, switched, replaced, truncated or deleted: the header's file list (names,
    // sizes, which folder exists) is read again so it never tells of a state that is gone.
    let files_changed = events
        .iter()
        .any(|(_, e)| !matches!(e, TailEvent::Lines { .. } | TailEvent::Waiting { .. }));
    // Lines make the file read grow: one stat of it per round keeps its size in the header.
    let grown: Vec<usize> = events
        .iter()
        .filter(|(_, e)| matches!(e, TailEvent::Lines { .. }))
        .map(|(source, _)| *source)
        .collect();
    app.logs.take_in(events);
    if files_changed {
        refresh_sources(app);
    } else {
        for index in grown {
            if let Some(source) = app.logs.sources.get_mut(index) {
                source.reread_size();
            }
        }
    }
    if app.view == View::Logs {
        app.redraw = true;
    }
}

/// The lines the view shows, as text (for `s`): each with its app when there are several.
pub fn shown_text(view: &LogView) -> String {
    let mut out = String::new();
    for index in 0..view.visible_len() {
        let Some(line) = view.ring.visible(index) else {
            continue;
        };
        if line.kind == LineKind::Note {
            continue;
        }
        if view.prefixed() {
            if let Some(source) = view.sources.get(usize::from(line.source)) {
                out.push_str(&format!("[{}] ", source.label));
            }
        }
        out.push_str(&line.text);
        out.push('\n');
    }
    out
}

/// Reads the apps' log facts again (after stdout logging was turned on or off), keeping the
/// lines and the tail.
pub fn refresh_sources(app: &mut App) {
    let Ok(fresh) = sources_for(app, &app.logs.apps.clone()) else {
        return;
    };
    for source in &mut app.logs.sources {
        if let Some(found) = fresh
            .iter()
            .find(|f| f.logs.app == source.logs.app && f.choice == source.choice)
        {
            source.logs = found.logs.clone();
        }
    }
}
