//! `update`: the pure heart of the TUI. A message (key, resize, task result) changes the state
//! and returns effects for the runtime; nothing here touches the disk or the terminal, so every
//! flow is testable headless.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::model::apphost::{AppHost, app_id};
use crate::model::store::{SaveOutcome, Step, StoreError};

use super::action::{Action, Layer};
use super::app::{App, Focus, Level, View};
use super::dialog::{self, Conflict, DialogId, Help, Message, Palette, Quit, Review};
use super::form::Edited;
use super::keymap::Key;
use super::msg::{DialogResult, Effect, Msg};
use super::op::ModelOp;
use super::subscription::{Event, Topic};
use super::tree::{FolderListing, TreeKey, folder_of};
use super::{control, health, problems};

/// Applies one message; returns the effects to run.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    let mut effects = apply_msg(app, msg);
    effects.extend(super::logview::sync(app));
    app.prepare();
    effects.extend(health::follow(app));
    effects
}

fn apply_msg(app: &mut App, msg: Msg) -> Vec<Effect> {
    let quiet = match &msg {
        Msg::Stream { .. } => true,
        Msg::Key(key) => key.kind == KeyEventKind::Release,
        _ => false,
    };
    if !quiet {
        app.redraw = true;
    }
    match msg {
        Msg::Key(key) => on_key(app, key),
        Msg::Paste(text) => {
            if !app.dialogs.is_empty() {
                return dialog::on_paste(app, &text);
            }
            if super::logview::paste(app, &text) {
                return Vec::new();
            }
            if let Some(list) = app.list_mut().filter(|l| l.filtering) {
                list.filter_input.paste(&text);
                let text = list.filter_input.text().to_owned();
                list.set_filter(text);
            }
            Vec::new()
        }
        Msg::ToDialog { dialog, result } => dialog::on_result(app, dialog, result),
        Msg::Resize(width, height) => {
            app.width = width;
            app.height = height;
            Vec::new()
        }
        Msg::Stream {
            topic,
            generation,
            event,
        } => {
            if !app.subscriptions.accepts(&topic, generation) {
                return Vec::new();
            }
            match (topic, event) {
                (Topic::Logs, Event::Log(events)) => super::logview::on_stream(app, events),
                (Topic::Logs, _) => {}
                (topic @ Topic::ConfigFile { .. }, event) => stream(app, topic, event),
                (topic, event) => return health::on_stream(app, topic, event),
            }
            Vec::new()
        }
        Msg::Applied {
            conn,
            result,
            dialog,
        } => {
            app.busy = app.busy.saturating_sub(1);
            let mut effects = Vec::new();
            let answer = match &result {
                Ok((summary, _)) => Ok(summary.clone()),
                Err(message) => Err(message.clone()),
            };
            match result {
                Ok((summary, backup)) => {
                    refresh_conn(app, conn);
                    app.set_status(
                        Level::Success,
                        format!("{summary} · saved (backup {backup})"),
                    );
                    effects.push(Effect::Validate { conn });
                }
                Err(message) => app.set_status(Level::Error, message),
            }
            if let Some(dialog) = dialog {
                effects.extend(dialog::on_result(app, dialog, DialogResult::Saved(answer)));
            }
            effects
        }
        Msg::Saved {
            conn,
            dialog,
            summary,
            outcome,
            step,
        } => saved(app, conn, dialog, summary, *outcome, step),
        Msg::Reloaded { conn, result } => {
            match result {
                Ok(()) => {
                    refresh_conn(app, conn);
                    if let Some(c) = app.conns.get_mut(conn) {
                        c.disk_changed = false;
                    }
                    app.set_status(Level::Info, "reloaded from disk");
                    return vec![Effect::Validate { conn }];
                }
                Err(message) => app.set_status(Level::Error, message),
            }
            Vec::new()
        }
        Msg::FolderListed { path, result } => {
            let listing = match result {
                Ok(entries) => FolderListing::Loaded(entries),
                Err(why) => FolderListing::Failed(why),
            };
            app.folders.insert(path, listing);
            app.folders_changed();
            Vec::new()
        }
        Msg::States { conn, result } => {
            let mut effects = Vec::new();
            if let Some(c) = app.conns.get_mut(conn) {
                match result {
                    Ok(states) => {
                        // A stopped pool is a problem: check again with the states.
                        if c.states.as_ref() != Some(&states) {
                            effects.push(Effect::Validate { conn });
                        }
                        c.states = Some(states);
                        c.state_note = None;
                    }
                    Err(why) => {
                        if c.state_note.is_none() && conn == app.current {
                            app.status = Some(super::app::Status {
                                text: format!("State —: {why}"),
                                level: Level::Info,
                            });
                        }
                        c.state_note = Some(why);
                    }
                }
                c.refresh_rows(&app.schema);
            }
            effects
        }
        Msg::Problems {
            conn,
            version,
            checked,
        } => {
            if let Some(c) = app.conns.get_mut(conn).filter(|c| c.doc_version == version) {
                c.problems = Some(checked.report);
                app.health.watches.insert(conn, checked.watch);
            }
            Vec::new()
        }
        Msg::Controlled {
            conn,
            control,
            result,
        } => control::finished(app, conn, control, result),
        Msg::Show { title, text } => {
            app.dialogs.push(Box::new(Message::new(title, text)));
            Vec::new()
        }
        Msg::Acl(report) => super::permissions::on_report(app, report),
        Msg::Notice { level, text } => {
            app.set_status(level, text);
            Vec::new()
        }
        Msg::WebConfigSaved(saved) => super::aspnetcore::saved(app, *saved),
    }
}

/// An item of a live subscription.
fn stream(app: &mut App, topic: Topic, event: Event) {
    let Topic::ConfigFile { conn } = topic else {
        // The health topics are `health::on_stream`'s.
        return;
    };
    let Some(c) = app.conns.get_mut(conn) else {
        return;
    };
    // Our own save changes the file too; its result settles the question.
    let Some(store) = c.store.as_ref().filter(|_| !c.saving) else {
        return;
    };
    let changed = match &event {
        Event::FileHash(hash) => *hash != store.expected_hash(),
        Event::FileUnreadable(_) => true,
        _ => return,
    };
    if changed == c.disk_changed {
        return;
    }
    c.disk_changed = changed;
    let name = c
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match (changed, event) {
        (true, Event::FileUnreadable(why)) => app.set_status(
            Level::Warning,
            format!("{name} cannot be read any more ({why}); nothing will be written to it"),
        ),
        (true, _) => app.set_status(
            Level::Warning,
            format!("{name} changed on disk since it was loaded: ^R reloads"),
        ),
        (false, _) => app.set_status(
            Level::Info,
            format!("{name} on disk is again what was loaded"),
        ),
    }
}

/// A save job finished: the store files it, and the user and the review that asked hear how it
/// went.
fn saved(
    app: &mut App,
    conn: usize,
    dialog: Option<DialogId>,
    summary: String,
    outcome: SaveOutcome,
    step: Step,
) -> Vec<Effect> {
    app.busy = app.busy.saturating_sub(1);
    let Some(c) = app.conns.get_mut(conn) else {
        return Vec::new();
    };
    c.saving = false;
    let Some(store) = c.store.as_mut() else {
        return Vec::new();
    };
    match store.finish(outcome, step) {
        Ok(report) => {
            let mut effects = vec![Effect::Validate { conn }];
            refresh_conn(app, conn);
            let mut text = format!("{summary} · saved (backup {})", report.backup.display());
            for note in &report.notes {
                text.push_str(&format!(" · {note}"));
            }
            app.set_status(Level::Success, text);
            if let Some(dialog) = dialog {
                effects.extend(dialog::on_result(
                    app,
                    dialog,
                    DialogResult::Saved(Ok(summary)),
                ));
            }
            effects
        }
        Err(StoreError::Conflict { .. }) => conflict(app, conn, dialog),
        Err(err) => {
            let message = err.to_string();
            app.set_status(Level::Error, message.clone());
            match dialog {
                Some(dialog) => dialog::on_result(app, dialog, DialogResult::Saved(Err(message))),
                None => Vec::new(),
            }
        }
    }
}

/// The file changed on disk since it was loaded: nothing was written; the review that asked
/// says so, and the Reload / Show diff / Cancel choice opens.
fn conflict(app: &mut App, conn: usize, dialog: Option<DialogId>) -> Vec<Effect> {
    if let Some(c) = app.conns.get_mut(conn) {
        c.disk_changed = true;
    }
    let mut effects = Vec::new();
    if let Some(dialog) = dialog {
        effects = dialog::on_result(
            app,
            dialog,
            DialogResult::Saved(Err(String::from(
                "the file changed on disk since it was loaded; nothing was written",
            ))),
        );
    }
    app.dialogs.push(Box::new(Conflict::new(conn)));
    effects
}

fn refresh_conn(app: &mut App, conn: usize) {
    if let Some(c) = app.conns.get_mut(conn) {
        c.refresh(&app.schema);
    }
    app.rebuild_tree();
}

fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    // Windows consoles report key releases too.
    if key.kind == KeyEventKind::Release {
        return Vec::new();
    }
    let pressed = Key::from_event(&key);
    // Ctrl-C (or any control key bound to quit) quits from anywhere, asking first if needed.
    if pressed.ctrl
        && app.keymap.action(Layer::Global, &pressed) == Some(Action::Quit)
        && app.dialogs.top_as::<Quit>().is_none()
    {
        return dispatch(app, Action::Quit);
    }
    if !app.dialogs.is_empty() {
        return dialog::on_key(app, &key);
    }
    if app.focus == Focus::Main && app.view == View::Logs {
        if let Some(effects) = super::logview::on_key(app, &key) {
            return effects;
        }
    }
    if app.focus == Focus::Main && app.list().is_some_and(|l| l.filtering) {
        return filter_key(app, key);
    }
    match app.keymap.resolve(&app.layers(), &pressed) {
        Some(action) => dispatch(app, action),
        None => Vec::new(),
    }
}

/// A key while a list's `/` filter has the keyboard: the Filter layer's keys, else text.
fn filter_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let pressed = Key::from_event(&key);
    let filter_action = app.keymap.action(Layer::Filter, &pressed);
    let edit = app.keymap.action(Layer::Input, &pressed);
    let Some(list) = app.list_mut() else {
        return Vec::new();
    };
    match filter_action {
        Some(Action::Cancel) => {
            list.filtering = false;
            list.set_filter(String::new());
        }
        Some(Action::Choose) => list.filtering = false,
        Some(Action::Down) => {
            list.filtering = false;
            list.move_by(1);
        }
        _ => {
            let edited = match (edit, key.code) {
                (Some(action), _) => list.filter_input.apply(action),
                (None, KeyCode::Char(c))
                    if !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    list.filter_input.insert(c);
                    Edited::Changed
                }
                _ => Edited::Ignored,
            };
            if edited == Edited::Changed {
                let text = list.filter_input.text().to_owned();
                list.set_filter(text);
            }
        }
    }
    Vec::new()
}

/// Performs an action (from a key or the palette).
pub fn dispatch(app: &mut App, action: Action) -> Vec<Effect> {
    let info = action.info();
    if info.mutating && app.conn().is_some_and(|c| c.is_read_only()) {
        app.set_status(
            Level::Warning,
            format!("{}: this connection is read-only", info.title),
        );
        return Vec::new();
    }
    if let Some(effects) = super::permissions::dispatch(app, action) {
        return effects;
    }
    match action {
        Action::Quit => {
            if app.has_unfinished_work() {
                app.dialogs.push(Box::new(Quit::default()));
            } else {
                app.quit = true;
            }
        }
        Action::Help => {
            app.dialogs.push(Box::new(Help::default()));
        }
        Action::Palette => {
            app.dialogs.push(Box::new(Palette::default()));
        }
        Action::Messages => {
            let text = app.message_log();
            app.dialogs.push(Box::new(Message::new("Messages", text)));
        }
        Action::Back => return back(app),
        Action::NextPane | Action::PrevPane => cycle_panes(app, action == Action::NextPane),
        Action::GoConnections => app.focus = Focus::Tree,
        Action::GoSites => return show(app, View::Sites),
        Action::GoPools => return show(app, View::Pools),
        Action::GoApps => {
            let site = match &app.view {
                View::Sites => app.selected_name(),
                View::Apps { site } => site.clone(),
                _ => None,
            };
            return show(app, View::Apps { site });
        }
        Action::GoLogs => return super::logview::go(app),
        Action::OpenLogs => return super::logview::open_selected(app),
        Action::AspNetCoreSettings => return super::aspnetcore::open_selected(app),
        Action::GoHealth => return show(app, View::Health),
        Action::GoProblems => return show(app, View::Problems),
        Action::StartStop | Action::Recycle => return control::request(app, action),
        Action::ApplyFix => return problems::apply_fix(app),
        Action::Up => return move_selection(app, -1),
        Action::Down => return move_selection(app, 1),
        Action::PageUp => return move_selection(app, -page(app)),
        Action::PageDown => return move_selection(app, page(app)),
        Action::Top => return move_selection(app, isize::MIN / 2),
        Action::Bottom => return move_selection(app, isize::MAX / 2),
        Action::Left => {
            if app.focus == Focus::Tree {
                return collapse(app);
            }
            app.focus = Focus::Tree;
        }
        Action::Right if app.focus == Focus::Tree => return expand(app),
        Action::Open => return open(app),
        Action::Filter => {
            if app.focus == Focus::Main {
                if let Some(list) = app.list_mut() {
                    list.filtering = true;
                }
            } else if app.list().is_some() {
                app.focus = Focus::Main;
                if let Some(list) = app.list_mut() {
                    list.filtering = true;
                }
            }
        }
        Action::SortNext => {
            let columns = app.columns().len();
            if let Some(list) = app.list_mut() {
                list.next_sort(columns);
            }
        }
        Action::SortReverse => {
            if let Some(list) = app.list_mut() {
                list.reverse();
            }
        }
        Action::ToggleDetails => toggle_details(app),
        Action::Delete => delete(app),
        Action::AddWebsite => match why_no_sites(app) {
            Some(why) => app.set_status(Level::Info, format!("Add Website: {why}")),
            None => return dialog::open_add_website(app),
        },
        Action::AddNew => return dialog::add_new(app),
        Action::AddApplication => return dialog::open_add_app(app),
        Action::AddVirtualDirectory => return dialog::open_add_vdir(app),
        Action::AddAppPool => return dialog::open_add_pool(app),
        Action::Convert => return dialog::open_convert(app),
        Action::RemoveApplication => dialog::remove_application(app),
        Action::OpenFolder => return super::explore::open_physical(app),
        Action::Mark => mark(app),
        Action::AdvancedSettings => advanced_settings(app),
        Action::BasicSettings => return dialog::open_basic_settings(app),
        Action::EditBindings => return dialog::open_bindings(app),
        Action::Undo | Action::Redo => {
            let conn = app.current;
            let Some(store) = app.conn().and_then(|c| c.store.as_ref()) else {
                return Vec::new();
            };
            let history = store.history();
            let (possible, what) = if action == Action::Undo {
                (history.can_undo(), "undo")
            } else {
                (history.can_redo(), "redo")
            };
            if !possible {
                app.set_status(Level::Info, format!("nothing to {what}"));
                return Vec::new();
            }
            app.busy += 1;
            return vec![if action == Action::Undo {
                Effect::Undo { conn }
            } else {
                Effect::Redo { conn }
            }];
        }
        Action::Reload => return vec![Effect::Reload { conn: app.current }],
        Action::Redraw => app.clear = true,
        // Dialog actions never reach the main screen.
        _ => {}
    }
    Vec::new()
}

/// Why this connection cannot take a new site (a web.config, a file that did not open), if so.
fn why_no_sites(app: &App) -> Option<String> {
    let conn = app.conn()?;
    let Some(store) = conn.store.as_ref() else {
        return Some(String::from("this configuration could not be opened"));
    };
    let host = AppHost::new(store.document(), &app.schema);
    if host.sites_section().is_none() {
        return Some(String::from(
            "this file has no <sites> section (a web.config holds one application's settings; sites live in applicationHost.config)",
        ));
    }
    None
}

fn page(app: &App) -> isize {
    (app.height as isize - 6).max(1)
}

/// Shows a view, focusing the list and following it in the tree.
pub fn show(app: &mut App, view: View) -> Vec<Effect> {
    let c = app.current;
    let key = match &view {
        View::Sites => Some(TreeKey::Sites(c)),
        View::Pools => Some(TreeKey::Pools(c)),
        View::Apps { site: Some(site) } => {
            app.tree.expanded.insert(TreeKey::Sites(c));
            Some(TreeKey::Site(c, site.clone()))
        }
        _ => None,
    };
    let aside = |v: &View| {
        matches!(
            v,
            View::Logs | View::Health | View::Problems | View::Permissions
        )
    };
    if !aside(&view) {
        app.return_to = None;
    } else if !aside(&app.view) {
        app.return_to = Some(app.view.clone());
    }
    app.view = view;
    app.details_open = false;
    app.details.scroll = 0;
    app.focus = if app.view == View::Start {
        Focus::Tree
    } else {
        Focus::Main
    };
    if let Some(key) = key {
        app.rebuild_tree();
        app.tree.select(&key);
    }
    Vec::new()
}

/// Tab / Shift-Tab: Connections → main pane → details (when beside the list) → …
fn cycle_panes(app: &mut App, forward: bool) {
    let mut panes = vec![Focus::Tree, Focus::Main];
    if app.details_shown() && app.is_wide() {
        panes.push(Focus::Details);
    }
    let now = match app.focus {
        // Narrow details stand in for the list.
        Focus::Details if !app.is_wide() => Focus::Main,
        other => other,
    };
    let at = panes.iter().position(|p| *p == now).unwrap_or(0);
    let next = if forward {
        (at + 1) % panes.len()
    } else {
        (at + panes.len() - 1) % panes.len()
    };
    app.focus = match panes[next] {
        Focus::Main if app.details_open && !app.is_wide() => Focus::Details,
        other => other,
    };
}

/// `i`: show or hide the details, at every width.
fn toggle_details(app: &mut App) {
    if app.is_wide() {
        app.details_hidden = !app.details_hidden;
        if app.details_hidden && app.focus == Focus::Details {
            app.focus = Focus::Main;
        }
    } else if app.details_open {
        app.details_open = false;
        app.focus = Focus::Main;
    } else if app.list().is_some() && app.selected_name().is_some() {
        app.details_open = true;
        app.details.scroll = 0;
        app.focus = Focus::Details;
    }
}

/// Scrolls a pane that shows text (details, start page) by `delta` lines.
fn scroll(offset: &mut usize, delta: isize) {
    *offset = offset.saturating_add_signed(delta.clamp(-1_000_000, 1_000_000));
}

fn move_selection(app: &mut App, delta: isize) -> Vec<Effect> {
    if app.focus == Focus::Details {
        scroll(&mut app.details.scroll, delta);
        return Vec::new();
    }
    if app.focus == Focus::Main && app.view == View::Start {
        scroll(&mut app.start_scroll, delta);
        return Vec::new();
    }
    if app.focus == Focus::Main && app.view == View::Problems {
        problems::move_by(app, delta);
        return Vec::new();
    }
    if app.focus == Focus::Main && app.view == View::Health {
        health::scroll(app, delta);
        return Vec::new();
    }
    if app.focus == Focus::Tree {
        let len = app.tree.items.len();
        if len == 0 {
            return Vec::new();
        }
        app.tree.selected =
            (app.tree.selected as isize + delta).clamp(0, len as isize - 1) as usize;
        return follow_tree(app);
    }
    if let Some(list) = app.list_mut() {
        list.move_by(delta);
    }
    Vec::new()
}

/// The main pane follows the tree selection, as in IIS Manager.
fn follow_tree(app: &mut App) -> Vec<Effect> {
    let Some(key) = app.tree.selected_key().cloned() else {
        return Vec::new();
    };
    app.current = key.conn();
    app.details_open = false;
    let mut effects = Vec::new();
    app.view = match &key {
        TreeKey::Conn(_) => View::Start,
        TreeKey::Pools(_) => View::Pools,
        TreeKey::Sites(_) => View::Sites,
        TreeKey::Site(_, site) => View::Apps {
            site: Some(site.clone()),
        },
        TreeKey::App(_, site, path) => View::Vdirs {
            app: app_id(site, path),
        },
        TreeKey::Vdir(..) | TreeKey::Folder(..) => match folder_of(&key, &app.conns, &app.schema) {
            Some(path) => {
                if !app.folders.contains_key(&path) {
                    app.folders.insert(path.clone(), FolderListing::Loading);
                    effects.push(Effect::ListFolder(path.clone()));
                }
                View::Folder { path }
            }
            None => {
                app.set_status(Level::Info, "this folder is not on this machine");
                app.view.clone()
            }
        },
    };
    effects
}

fn expand(app: &mut App) -> Vec<Effect> {
    let Some(item) = app.tree.items.get(app.tree.selected).cloned() else {
        return Vec::new();
    };
    if !item.expandable || item.expanded {
        if !item.expandable {
            app.focus = if app.view == View::Start {
                Focus::Tree
            } else {
                Focus::Main
            };
        }
        return Vec::new();
    }
    app.tree.expanded.insert(item.key.clone());
    let mut effects = Vec::new();
    if let Some(path) = folder_of(&item.key, &app.conns, &app.schema) {
        if !app.folders.contains_key(&path) {
            app.folders.insert(path.clone(), FolderListing::Loading);
            effects.push(Effect::ListFolder(path));
        }
    }
    app.rebuild_tree();
    effects
}

fn collapse(app: &mut App) -> Vec<Effect> {
    let Some(item) = app.tree.items.get(app.tree.selected).cloned() else {
        return Vec::new();
    };
    if item.expanded {
        app.tree.expanded.remove(&item.key);
        app.rebuild_tree();
        app.tree.select(&item.key);
        return Vec::new();
    }
    // Go to the parent node.
    let parent = app.tree.items[..app.tree.selected]
        .iter()
        .rposition(|i| i.depth < item.depth);
    if let Some(parent) = parent {
        app.tree.selected = parent;
        return follow_tree(app);
    }
    Vec::new()
}

fn open(app: &mut App) -> Vec<Effect> {
    if app.focus == Focus::Details {
        // Enter in the details drills into the selection, as from the list.
        app.focus = Focus::Main;
    }
    if app.focus == Focus::Tree {
        let Some(item) = app.tree.items.get(app.tree.selected).cloned() else {
            return Vec::new();
        };
        let mut effects = follow_tree(app);
        if item.expandable && !item.expanded {
            effects.extend(expand(app));
        } else if item.expanded {
            app.tree.expanded.remove(&item.key);
            app.rebuild_tree();
            app.tree.select(&item.key);
        }
        return effects;
    }
    if app.view == View::Problems {
        return problems::open_object(app);
    }
    let Some(name) = app.selected_name() else {
        return Vec::new();
    };
    if !app.is_wide()
        && !app.details_open
        && matches!(app.view, View::Sites | View::Pools | View::Apps { .. })
    {
        app.details_open = true;
        app.details.scroll = 0;
        app.focus = Focus::Details;
        return Vec::new();
    }
    app.details_open = false;
    app.focus = Focus::Main;
    match app.view.clone() {
        View::Sites => show(app, View::Apps { site: Some(name) }),
        View::Pools => {
            app.details_open = !app.is_wide();
            if app.details_open {
                app.focus = Focus::Details;
            }
            Vec::new()
        }
        View::Apps { .. } => show(app, View::Vdirs { app: name }),
        View::Vdirs { .. } => {
            let physical = app
                .lists
                .vdir_rows
                .iter()
                .find(|r| r.id == name)
                .map(|r| r.physical_path.clone())
                .unwrap_or_default();
            match crate::host::paths::local_path(&physical).filter(|p| p.is_dir()) {
                Some(path) => open_folder(app, path),
                None => {
                    app.set_status(
                        Level::Info,
                        format!("{physical} is not a folder on this machine"),
                    );
                    Vec::new()
                }
            }
        }
        View::Folder { path } => {
            let target = path.join(&name);
            if target.is_dir() {
                open_folder(app, target)
            } else {
                dialog::open_viewer(app, target)
            }
        }
        _ => Vec::new(),
    }
}

pub(super) fn open_folder(app: &mut App, path: std::path::PathBuf) -> Vec<Effect> {
    app.view = View::Folder { path: path.clone() };
    app.lists.folder = Default::default();
    // Read again on every opening (files come and go); a listing read before stays on screen
    // until the new one arrives.
    if !app.folders.contains_key(&path) {
        app.folders.insert(path.clone(), FolderListing::Loading);
    }
    vec![Effect::ListFolder(path)]
}

/// Esc: close details, clear the filter, or go up one level. Never quits. A folder goes to
/// its parent folder while inside the virtual directory it was opened from, then to that
/// application's virtual directories; they go to the site's applications, and those to the
/// sites.
fn back(app: &mut App) -> Vec<Effect> {
    if app.details_open || app.focus == Focus::Details {
        app.details_open = false;
        app.focus = Focus::Main;
        return Vec::new();
    }
    if let Some(list) = app.list_mut() {
        if !list.filter.is_empty() {
            list.set_filter(String::new());
            return Vec::new();
        }
    }
    let up = match &app.view {
        View::Apps { site: Some(_) } => Some(View::Sites),
        View::Vdirs { app: id } => Some(View::Apps {
            site: Some(id.split('/').next().unwrap_or_default().to_owned()),
        }),
        View::Folder { path } => {
            // The virtual directory whose folder holds this one: among the rows of the last
            // virtual directory list first (where Enter came from), else any in the file
            // (the tree opens folders too); the deepest folder wins.
            let local = |physical: &str| crate::host::paths::local_path(physical);
            let from_list = app
                .lists
                .vdir_rows
                .iter()
                .filter_map(|r| Some((local(&r.physical_path)?, r.app.clone())))
                .filter(|(root, _)| path.starts_with(root))
                .max_by_key(|(root, _)| root.components().count());
            let vdir = from_list.or_else(|| {
                let host = app.conn()?.host(&app.schema)?;
                host.sites()
                    .iter()
                    .flat_map(|s| s.applications())
                    .flat_map(|a| {
                        let id = a.id();
                        a.virtual_directories().into_iter().filter_map(move |v| {
                            Some((local(&v.physical_path_text()?)?, id.clone()))
                        })
                    })
                    .filter(|(root, _)| path.starts_with(root))
                    .max_by_key(|(root, _)| root.components().count())
            });
            match (vdir, path.parent()) {
                (Some((root, app_id)), _) if *path == root => Some(View::Vdirs { app: app_id }),
                (Some(_), Some(parent)) => {
                    let (child, parent) = (path.clone(), parent.to_path_buf());
                    let effects = open_folder(app, parent);
                    // Keep the folder we came from selected once the listing is there.
                    app.prepare();
                    if let Some(name) = child.file_name().and_then(|n| n.to_str()) {
                        let rows = &app.lists.folder_rows;
                        app.lists.folder.select_name(rows, name);
                    }
                    return effects;
                }
                _ => {
                    let parent = path.parent().map(|p| p.to_path_buf());
                    match parent.filter(|p| app.folders.contains_key(p)) {
                        Some(p) => Some(View::Folder { path: p }),
                        None => Some(View::Sites),
                    }
                }
            }
        }
        View::Start => None,
        View::Logs | View::Health | View::Problems => {
            Some(app.return_to.take().unwrap_or(View::Start))
        }
        _ => Some(View::Start),
    };
    match up {
        Some(view) => show(app, view),
        None => {
            app.focus = Focus::Tree;
            Vec::new()
        }
    }
}

/// `d`: preview the deletion of the selected object and ask (Cancel has focus).
fn delete(app: &mut App) {
    let Some(name) = app.selected_name().filter(|_| app.focus == Focus::Main) else {
        app.set_status(
            Level::Info,
            "select a site, pool, application or virtual directory to delete",
        );
        return;
    };
    let op = match &app.view {
        View::Sites => ModelOp::DeleteSite(name),
        View::Pools => ModelOp::DeleteAppPool(name),
        View::Apps { .. } => ModelOp::DeleteApplication(name),
        View::Vdirs { .. } => ModelOp::DeleteVirtualDirectory(name),
        _ => {
            app.set_status(Level::Info, "nothing here can be deleted");
            return;
        }
    };
    let conn = app.current;
    match Review::preview(app, conn, &op) {
        Ok(review) => {
            app.dialogs.push(Box::new(review));
        }
        Err(message) => app.set_status(Level::Error, message),
    }
}

/// Space: mark or unmark the selected row, then move down.
fn mark(app: &mut App) {
    let Some(name) = app.selected_name().filter(|_| app.focus == Focus::Main) else {
        return;
    };
    if let Some(list) = app.list_mut() {
        if !list.marked.remove(&name) {
            list.marked.insert(name);
        }
        list.move_by(1);
    }
}

/// `A`: Advanced Settings of the marked rows, or of the selected one.
fn advanced_settings(app: &mut App) {
    use super::advanced::{AdvancedSettings, ObjectKind};
    let kind = match (&app.view, app.focus) {
        (View::Sites, Focus::Main) => ObjectKind::Site,
        (View::Pools, Focus::Main) => ObjectKind::AppPool,
        (View::Apps { .. }, Focus::Main) => ObjectKind::Application,
        _ => {
            app.set_status(
                Level::Info,
                "Advanced Settings: select a site, application pool or application in its list",
            );
            return;
        }
    };
    let marked: Vec<String> = app
        .list()
        .map(|l| l.marked.iter().cloned().collect())
        .unwrap_or_default();
    let objects = if marked.is_empty() {
        app.selected_name().into_iter().collect()
    } else {
        marked
    };
    if objects.is_empty() {
        app.set_status(Level::Info, "Advanced Settings: the list is empty");
        return;
    }
    match AdvancedSettings::open(app, app.current, kind, objects) {
        Ok(grid) => {
            app.dialogs.push(Box::new(grid));
        }
        Err(why) => app.set_status(Level::Error, why),
    }
}
