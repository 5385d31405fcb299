//! Keys of the log view (the Log layer): following, scrolling (which pauses following), the
//! filter being typed, `n`/`N` search among all lines, wrap, times, save, older files, stdout
//! logging.
//! Keys the layer does not bind fall through to the main screen (help, palette, views, quit).

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::host::logs::Matcher;
use crate::tui::action::{Action, Layer};
use crate::tui::app::{App, Level};
use crate::tui::form::Edited;
use crate::tui::keymap::Key;
use crate::tui::msg::Effect;

use super::LogView;

/// Handles a key in the log view; `None` lets the main screen have it.
pub fn on_key(app: &mut App, key: &KeyEvent) -> Option<Vec<Effect>> {
    if app.logs.filtering {
        filter_key(app, key);
        return Some(Vec::new());
    }
    let pressed = Key::from_event(key);
    let searching = app.logs.ring.filter().is_some() || app.logs.search.is_some();
    if searching && app.keymap.action(Layer::Global, &pressed) == Some(Action::Back) {
        let view = &mut app.logs;
        view.ring.set_filter("");
        view.filter_input.set("");
        view.search = None;
        view.found = None;
        app.set_status(Level::Info, "filter cleared: every line shown");
        return Some(Vec::new());
    }
    let action = app.keymap.action(Layer::Log, &pressed)?;
    let view = &mut app.logs;
    let page = view.page.max(1);
    match action {
        Action::Follow => {
            view.follow = !view.follow;
            if !view.follow {
                view.top = bottom_top(view);
            }
            let text = if view.follow {
                "following new lines"
            } else {
                "paused: new lines are kept but not scrolled into view (f or G follows again)"
            };
            app.set_status(Level::Info, text);
        }
        Action::Up => scroll(app, -1),
        Action::Down => scroll(app, 1),
        Action::PageUp => scroll(app, -(page as isize)),
        Action::PageDown => scroll(app, page as isize),
        Action::Top => {
            pause(app);
            app.logs.top = 0;
        }
        Action::Bottom => {
            app.logs.follow = true;
        }
        Action::Filter => {
            view.filtering = true;
        }
        Action::SearchNext | Action::SearchPrev => search(app, action == Action::SearchNext),
        Action::Wrap => {
            view.wrap = !view.wrap;
        }
        Action::Times => {
            view.times = !view.times;
        }
        Action::SaveView => return Some(save(app)),
        Action::LogFiles => return Some(super::files::open(app)),
        Action::StdoutLogging => return Some(super::super::aspnetcore::stdout_from_logs(app)),
        _ => return None,
    }
    Some(Vec::new())
}

/// The top line that shows the newest lines at the bottom.
fn bottom_top(view: &LogView) -> usize {
    view.visible_len().saturating_sub(view.page.max(1))
}

fn pause(app: &mut App) {
    if app.logs.follow {
        app.logs.follow = false;
        app.logs.top = bottom_top(&app.logs);
        app.set_status(
            Level::Info,
            "paused: scrolled up, new lines are kept but not shown (f or G follows again)",
        );
    }
}

fn scroll(app: &mut App, delta: isize) {
    if delta < 0 {
        pause(app);
    } else if app.logs.follow {
        return;
    }
    let view = &mut app.logs;
    let bottom = bottom_top(view);
    view.top = view.top.saturating_add_signed(delta).min(bottom);
    if delta > 0 && view.top >= bottom {
        view.follow = true;
        app.set_status(Level::Info, "at the newest line: following again");
    }
}

fn filter_key(app: &mut App, key: &KeyEvent) {
    let keymap = app.keymap.clone();
    let view = &mut app.logs;
    match key.code {
        KeyCode::Esc => {
            view.filtering = false;
            view.filter_input.set("");
            view.ring.set_filter("");
            view.search = None;
        }
        KeyCode::Enter => {
            view.filtering = false;
            let text = view.filter_input.text().to_owned();
            view.search = Matcher::new(&text);
            let shown = view.ring.visible_len();
            if !text.is_empty() {
                app.set_status(
                    Level::Info,
                    format!(
                        "filter \"{text}\": {shown} lines shown; n/N search it among all lines"
                    ),
                );
            }
        }
        _ => {
            if view.filter_input.on_key(key, &keymap) == Edited::Changed {
                filter_changed(view);
            }
        }
    }
}

/// Pasted text goes into the filter being typed; `false` when no filter is being typed.
pub fn paste(app: &mut App, text: &str) -> bool {
    let view = &mut app.logs;
    if !(app.view == crate::tui::app::View::Logs && view.filtering) {
        return false;
    }
    view.filter_input.paste(text);
    filter_changed(view);
    true
}

/// The filter's text changed: the lines shown and the search follow it.
fn filter_changed(view: &mut LogView) {
    let text = view.filter_input.text().to_owned();
    view.ring.set_filter(&text);
    view.search = Matcher::new(&text);
    view.top = view.top.min(view.visible_len().saturating_sub(1));
}

/// `n`/`N`: the next or previous line with the pattern among all lines (the filter is lifted
/// so the match shows in its context), paused there.
fn search(app: &mut App, forward: bool) {
    let Some(matcher) = app.logs.search.clone() else {
        app.set_status(Level::Info, "nothing to search: / types the text first");
        return;
    };
    if app.logs.ring.filter().is_some() {
        // Keep the line at the top in view while the filter goes.
        let anchor = app.logs.ring.visible(app.logs.top).map(|l| l.seq);
        app.logs.ring.set_filter("");
        if let Some(seq) = anchor {
            app.logs.top = index_of(&app.logs, seq).unwrap_or(0);
        }
    }
    let view = &mut app.logs;
    let len = view.visible_len();
    if len == 0 {
        return;
    }
    let from = view
        .found
        .and_then(|seq| index_of(view, seq))
        .unwrap_or(if view.follow { len } else { view.top });
    let hit = if forward {
        (from + 1..len).find(|i| {
            view.ring
                .visible(*i)
                .is_some_and(|l| matcher.is_match(&l.text))
        })
    } else {
        (0..from.min(len)).rev().find(|i| {
            view.ring
                .visible(*i)
                .is_some_and(|l| matcher.is_match(&l.text))
        })
    };
    match hit {
        Some(index) => {
            view.found = view.ring.visible(index).map(|l| l.seq);
            view.follow = false;
            view.top = index.saturating_sub(view.page / 2).min(bottom_top(view));
        }
        None => app.set_status(
            Level::Info,
            format!(
                "no {} line with \"{}\"",
                if forward { "later" } else { "earlier" },
                matcher.pattern()
            ),
        ),
    }
}

/// The index among the lines shown of the line at stream position `seq`.
fn index_of(view: &LogView, seq: u64) -> Option<usize> {
    let first = view.ring.visible(0)?.seq;
    if view.ring.filter().is_none() {
        return usize::try_from(seq.checked_sub(first)?).ok();
    }
    (0..view.visible_len()).find(|i| view.ring.visible(*i).is_some_and(|l| l.seq == seq))
}

/// `s`: the lines shown go to a new file in the current folder, written by the runtime.
fn save(app: &mut App) -> Vec<Effect> {
    let text = super::shown_text(&app.logs);
    if text.is_empty() {
        app.set_status(Level::Info, "nothing to save: no lines shown");
        return Vec::new();
    }
    let label = app
        .logs
        .sources
        .first()
        .map(|s| s.logs.app.clone())
        .unwrap_or_else(|| String::from("logs"));
    let safe: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let stamp = humantime::format_rfc3339_seconds(std::time::SystemTime::now())
        .to_string()
        .replace([':', '-'], "")
        .replace('T', "-")
        .trim_end_matches('Z')
        .to_owned();
    let name = format!("iistui-{}-{stamp}.log", safe.trim_matches('_'));
    let folder = std::env::current_dir().unwrap_or_else(|_| std::path::PathBuf::from("."));
    vec![Effect::SaveText {
        path: folder.join(name),
        text,
    }]
}
