//! `update`: the pure heart of the TUI. A message (key, resize, task result) changes the state
//! and returns effects for the runtime; nothing here touches the disk or the terminal, so every
//! flow is testable headless.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

use crate::cli::connection::ConnectionKind;
use crate::host::shell_quote::Shell;
use crate::host::terminal_text::escape;
use crate::model::apphost::app_id;
use crate::model::store::unified_diff;

use super::action::Action;
use super::app::{App, Focus, Level, View};
use super::keymap::Key;
use super::modal::{AddSiteForm, Button, Confirm, Help, Modal, Palette};
use super::msg::{Effect, Msg};
use super::op::{ConfigArg, ModelOp};
use super::tree::{FolderListing, TreeKey, folder_of};
use super::update_modal;

/// Applies one message; returns the effects to run.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    let effects = apply_msg(app, msg);
    app.prepare();
    effects
}

fn apply_msg(app: &mut App, msg: Msg) -> Vec<Effect> {
    let quiet = match &msg {
        Msg::Tick => true,
        Msg::Key(key) => key.kind == KeyEventKind::Release,
        _ => false,
    };
    if !quiet {
        app.redraw = true;
    }
    match msg {
        Msg::Key(key) => on_key(app, key),
        Msg::Resize(width, height) => {
            app.width = width;
            app.height = height;
            Vec::new()
        }
        Msg::Tick => vec![Effect::CheckDisk],
        Msg::Applied { conn, result } => {
            app.busy = app.busy.saturating_sub(1);
            match result {
                Ok((summary, backup)) => {
                    refresh_conn(app, conn);
                    app.set_status(
                        Level::Success,
                        format!("{summary} · saved (backup {backup})"),
                    );
                    return vec![Effect::Validate { conn }];
                }
                Err(message) => app.set_status(Level::Error, message),
            }
            Vec::new()
        }
        Msg::Conflict { conn } => {
            app.busy = app.busy.saturating_sub(1);
            if let Some(c) = app.conns.get_mut(conn) {
                c.disk_changed = true;
            }
            app.modals.push(Modal::Conflict {
                conn,
                focus: Button::Cancel,
            });
            Vec::new()
        }
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
            if let Some(c) = app.conns.get_mut(conn) {
                match result {
                    Ok(states) => {
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
            Vec::new()
        }
        Msg::Problems {
            conn,
            version,
            findings,
        } => {
            if let Some(c) = app.conns.get_mut(conn).filter(|c| c.doc_version == version) {
                c.problems = Some(findings);
            }
            Vec::new()
        }
        Msg::Show { title, text } => {
            app.modals.push(Modal::Message {
                title,
                text,
                scroll: 0,
            });
            Vec::new()
        }
        Msg::DiskChanged { conn } => {
            if let Some(c) = app.conns.get_mut(conn) {
                if !c.disk_changed {
                    c.disk_changed = true;
                    let name = c
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    app.set_status(
                        Level::Warning,
                        format!("{name} changed on disk since it was loaded: ^R reloads"),
                    );
                }
            }
            Vec::new()
        }
    }
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
        && app.keymap.action(&pressed) == Some(Action::Quit)
        && !matches!(app.modals.last(), Some(Modal::Quit { .. }))
    {
        return dispatch(app, Action::Quit);
    }
    if !app.modals.is_empty() {
        return update_modal::on_key(app, key);
    }
    if app.focus == Focus::Main && app.list().is_some_and(|l| l.filtering) {
        return filter_key(app, key);
    }
    match app.keymap.action(&Key::from_event(&key)) {
        Some(action) => dispatch(app, action),
        None => Vec::new(),
    }
}

fn filter_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Some(list) = app.list_mut() else {
        return Vec::new();
    };
    match key.code {
        KeyCode::Esc => {
            list.filtering = false;
            list.set_filter(String::new());
        }
        KeyCode::Enter | KeyCode::Down | KeyCode::Up | KeyCode::Tab => {
            list.filtering = false;
            if key.code == KeyCode::Down {
                list.move_by(1);
            }
        }
        _ => {
            let mut input = super::modal::Input {
                text: list.filter.clone(),
            };
            if input.edit(&key) {
                list.set_filter(input.text);
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
    match action {
        Action::Quit => {
            if app.has_unfinished_work() {
                app.modals.push(Modal::Quit {
                    focus: Button::Cancel,
                });
            } else {
                app.quit = true;
            }
        }
        Action::Help => app.modals.push(Modal::Help(Help::default())),
        Action::Palette => app.modals.push(Modal::Palette(Palette::default())),
        Action::Back => back(app),
        Action::NextPane | Action::PrevPane => {
            app.focus = if app.focus == Focus::Tree && app.view != View::Start {
                Focus::Main
            } else {
                Focus::Tree
            };
        }
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
        Action::GoLogs => return show(app, View::Logs),
        Action::GoHealth => return show(app, View::Health),
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
        Action::Right => {
            if app.focus == Focus::Tree {
                return expand(app);
            }
        }
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
        Action::ToggleDetails => app.details_open = !app.details_open,
        Action::Delete => delete(app),
        Action::AddWebsite => {
            if app.conn().is_some_and(|c| c.store.is_some()) {
                app.modals
                    .push(Modal::AddSite(AddSiteForm::new(app.current)));
            }
        }
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
    }
    Vec::new()
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
    app.view = view;
    app.details_open = false;
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

fn move_selection(app: &mut App, delta: isize) -> Vec<Effect> {
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
    let Some(name) = app.selected_name() else {
        return Vec::new();
    };
    if !app.is_wide()
        && !app.details_open
        && matches!(app.view, View::Sites | View::Pools | View::Apps { .. })
    {
        app.details_open = true;
        return Vec::new();
    }
    app.details_open = false;
    match app.view.clone() {
        View::Sites => show(app, View::Apps { site: Some(name) }),
        View::Pools => {
            app.details_open = !app.is_wide();
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
                Vec::new()
            }
        }
        _ => Vec::new(),
    }
}

fn open_folder(app: &mut App, path: std::path::PathBuf) -> Vec<Effect> {
    app.view = View::Folder { path: path.clone() };
    app.lists.folder = Default::default();
    if app.folders.contains_key(&path) {
        return Vec::new();
    }
    app.folders.insert(path.clone(), FolderListing::Loading);
    vec![Effect::ListFolder(path)]
}

/// Esc: close details, clear the filter, or go up a level. Never quits.
fn back(app: &mut App) {
    if app.details_open {
        app.details_open = false;
        return;
    }
    if let Some(list) = app.list_mut() {
        if !list.filter.is_empty() {
            list.set_filter(String::new());
            return;
        }
    }
    let up = match &app.view {
        View::Apps { site: Some(_) } => Some(View::Sites),
        View::Vdirs { app: id } => Some(View::Apps {
            site: Some(id.split('/').next().unwrap_or_default().to_owned()),
        }),
        View::Folder { path } => {
            let parent = path.parent().map(|p| p.to_path_buf());
            match parent.filter(|p| app.folders.contains_key(p)) {
                Some(p) => Some(View::Folder { path: p }),
                None => Some(View::Sites),
            }
        }
        View::Start => None,
        _ => Some(View::Start),
    };
    match up {
        Some(view) => {
            show(app, view);
        }
        None => app.focus = Focus::Tree,
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
    match preview(app, conn, &op) {
        Ok(confirm) => app.modals.push(Modal::Confirm(confirm)),
        Err(message) => app.set_status(Level::Error, message),
    }
}

/// Runs an operation on a copy of the document to show its diff before anything is saved.
pub fn preview(app: &App, conn: usize, op: &ModelOp) -> Result<Confirm, String> {
    let c = app.conns.get(conn).ok_or("no such connection")?;
    let store = c
        .store
        .as_ref()
        .ok_or("this configuration could not be opened")?;
    let mut copy = store.document().clone();
    let change = op.run(&mut copy, &app.schema).map_err(|e| e.to_string())?;
    let mut message = change.summary.clone();
    message.extend(change.warnings.iter().map(|w| format!("warning: {w}")));
    Ok(Confirm {
        conn,
        title: op.title(),
        message,
        diff: unified_diff(
            store.document().text(),
            copy.text(),
            std::path::Path::new(&*escape(&c.display_path)),
        ),
        cli: op.cli(
            Shell::native(),
            match c.kind {
                ConnectionKind::Machine => ConfigArg::Machine,
                ConnectionKind::Demo => ConfigArg::Demo,
                _ => ConfigArg::File(&c.path),
            },
        ),
        op: op.clone(),
        focus: Button::Cancel,
        scroll: 0,
    })
}
