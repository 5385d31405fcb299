//! Keys while a modal dialog is open: help search, the palette's fuzzy list, confirm buttons
//! (Cancel focused by default), the Add Website form and its review step.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use crate::model::apphost::{Binding, NewSite};

use super::action::{ACTIONS, Action};
use super::app::{App, Level, View};
use super::modal::{Button, Modal};
use super::msg::Effect;
use super::op::ModelOp;
use super::update::{dispatch, preview, show};

/// Something the palette can do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaletteTarget {
    Action(Action),
    Site(String),
    Pool(String),
}

/// One palette line: label, a description, matched character positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaletteItem {
    pub label: String,
    pub detail: String,
    pub target: PaletteTarget,
    pub positions: Vec<usize>,
}

/// Commands typed in full go first (`:q`, `:sites`).
const ALIASES: &[(&str, Action)] = &[
    ("q", Action::Quit),
    ("quit", Action::Quit),
    ("sites", Action::GoSites),
    ("pools", Action::GoPools),
    ("apppools", Action::GoPools),
    ("apps", Action::GoApps),
    ("help", Action::Help),
    ("reload", Action::Reload),
];

/// The palette's matches for a query, best first (at most 200).
pub fn palette_items(app: &App, query: &str) -> Vec<PaletteItem> {
    let matcher = SkimMatcherV2::default().ignore_case();
    let mut scored: Vec<(i64, PaletteItem)> = Vec::new();
    let query = query.trim();
    if let Some((_, action)) = ALIASES
        .iter()
        .find(|(alias, _)| alias.eq_ignore_ascii_case(query))
    {
        let info = action.info();
        scored.push((
            i64::MAX,
            PaletteItem {
                label: info.title.to_owned(),
                detail: info.description.to_owned(),
                target: PaletteTarget::Action(*action),
                positions: Vec::new(),
            },
        ));
    }
    let mut consider = |label: String, detail: String, target: PaletteTarget| {
        if scored.iter().any(|(_, i)| i.target == target) {
            return;
        }
        if query.is_empty() {
            scored.push((
                0,
                PaletteItem {
                    label,
                    detail,
                    target,
                    positions: Vec::new(),
                },
            ));
        } else if let Some((score, positions)) = matcher.fuzzy_indices(&label, query) {
            scored.push((
                score,
                PaletteItem {
                    label,
                    detail,
                    target,
                    positions,
                },
            ));
        }
    };
    for info in ACTIONS {
        consider(
            info.title.to_owned(),
            format!("{} — {}", info.name, info.description),
            PaletteTarget::Action(info.action),
        );
    }
    if let Some(conn) = app.conn() {
        for site in &conn.rows.sites {
            consider(
                format!("site {}", site.name),
                site.bindings.clone(),
                PaletteTarget::Site(site.name.clone()),
            );
        }
        for pool in &conn.rows.pools {
            consider(
                format!("pool {}", pool.name),
                format!("{} · {}", pool.runtime, pool.pipeline),
                PaletteTarget::Pool(pool.name.clone()),
            );
        }
    }
    scored.sort_by_key(|item| std::cmp::Reverse(item.0));
    scored.into_iter().take(200).map(|(_, item)| item).collect()
}

fn toggle(focus: Button) -> Button {
    if focus == Button::Cancel {
        Button::Confirm
    } else {
        Button::Cancel
    }
}

fn is_toggle(key: &KeyEvent) -> bool {
    matches!(
        key.code,
        KeyCode::Tab
            | KeyCode::BackTab
            | KeyCode::Left
            | KeyCode::Right
            | KeyCode::Char('h')
            | KeyCode::Char('l')
    )
}

fn scroll(value: &mut usize, key: &KeyEvent) -> bool {
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => *value = value.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => *value += 1,
        KeyCode::PageUp => *value = value.saturating_sub(10),
        KeyCode::PageDown => *value += 10,
        KeyCode::Home | KeyCode::Char('g') => *value = 0,
        _ => return false,
    }
    true
}

/// Handles a key for the top modal.
pub fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Some(modal) = app.modals.last_mut() else {
        return Vec::new();
    };
    match modal {
        Modal::Help(help) => {
            if help.searching {
                match key.code {
                    KeyCode::Esc | KeyCode::Enter => help.searching = false,
                    _ => {
                        help.query.edit(&key);
                        help.scroll = 0;
                    }
                }
            } else if key.code == KeyCode::Char('/') {
                help.searching = true;
            } else if !scroll(&mut help.scroll, &key)
                && matches!(
                    key.code,
                    KeyCode::Esc | KeyCode::Char('?') | KeyCode::Char('q') | KeyCode::Enter
                )
            {
                app.modals.pop();
            }
        }
        Modal::Palette(palette) => match key.code {
            KeyCode::Esc => {
                app.modals.pop();
            }
            KeyCode::Up => palette.selected = palette.selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Tab => palette.selected += 1,
            KeyCode::Enter => {
                let query = palette.input.text.clone();
                let selected = palette.selected;
                app.modals.pop();
                let items = palette_items(app, &query);
                let Some(item) = items
                    .get(selected.min(items.len().saturating_sub(1)))
                    .cloned()
                else {
                    app.set_status(Level::Info, format!("nothing matches \"{query}\""));
                    return Vec::new();
                };
                return run_palette(app, item.target);
            }
            _ => {
                if palette.input.edit(&key) {
                    palette.selected = 0;
                }
            }
        },
        Modal::Confirm(confirm) => {
            if is_toggle(&key) {
                confirm.focus = toggle(confirm.focus);
            } else if scroll(&mut confirm.scroll, &key) {
            } else if key.code == KeyCode::Esc {
                app.modals.pop();
                app.set_status(Level::Info, "cancelled: nothing was changed");
            } else if key.code == KeyCode::Enter {
                let confirmed = confirm.focus == Button::Confirm;
                let (conn, op) = (confirm.conn, confirm.op.clone());
                app.modals.pop();
                if !confirmed {
                    app.set_status(Level::Info, "cancelled: nothing was changed");
                    return Vec::new();
                }
                // The form this review came from is done.
                if matches!(app.modals.last(), Some(Modal::AddSite(_))) {
                    app.modals.pop();
                }
                app.busy += 1;
                return vec![Effect::Apply { conn, op }];
            }
        }
        Modal::Message { scroll: offset, .. } => {
            if !scroll(offset, &key)
                && matches!(key.code, KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q'))
            {
                app.modals.pop();
            }
        }
        Modal::Conflict { conn, focus } => {
            let conn = *conn;
            match key.code {
                KeyCode::Tab | KeyCode::Right | KeyCode::Char('l') => {
                    *focus = match focus {
                        Button::Cancel => Button::Confirm,
                        Button::Confirm => Button::Other,
                        Button::Other => Button::Cancel,
                    }
                }
                KeyCode::BackTab | KeyCode::Left | KeyCode::Char('h') => {
                    *focus = match focus {
                        Button::Cancel => Button::Other,
                        Button::Confirm => Button::Cancel,
                        Button::Other => Button::Confirm,
                    }
                }
                KeyCode::Esc => {
                    app.modals.pop();
                }
                KeyCode::Enter => {
                    let choice = *focus;
                    app.modals.pop();
                    return match choice {
                        Button::Confirm => vec![Effect::Reload { conn }],
                        Button::Other => vec![Effect::DiskDiff { conn }],
                        Button::Cancel => Vec::new(),
                    };
                }
                _ => {}
            }
        }
        Modal::AddSite(form) => match key.code {
            KeyCode::Esc => {
                app.modals.pop();
            }
            KeyCode::Tab | KeyCode::Down => form.focused = (form.focused + 1) % form.fields.len(),
            KeyCode::BackTab | KeyCode::Up => {
                form.focused = (form.focused + form.fields.len() - 1) % form.fields.len()
            }
            KeyCode::Enter if form.focused + 1 < form.fields.len() => form.focused += 1,
            KeyCode::Enter => return review_add_site(app),
            _ => {
                form.fields[form.focused].edit(&key);
                form.error = None;
            }
        },
        Modal::Quit { focus } => {
            if is_toggle(&key) {
                *focus = toggle(*focus);
            } else if key.code == KeyCode::Esc {
                app.modals.pop();
            } else if key.code == KeyCode::Enter {
                let quit = *focus == Button::Confirm;
                app.modals.pop();
                app.quit = quit;
            }
        }
    }
    Vec::new()
}

fn run_palette(app: &mut App, target: PaletteTarget) -> Vec<Effect> {
    match target {
        PaletteTarget::Action(action) => dispatch(app, action),
        PaletteTarget::Site(name) => {
            show(app, View::Sites);
            app.prepare();
            let rows = app.conn().map(|c| c.rows.sites.clone()).unwrap_or_default();
            app.lists.sites.select_name(&rows, &name);
            Vec::new()
        }
        PaletteTarget::Pool(name) => {
            show(app, View::Pools);
            app.prepare();
            let rows = app.conn().map(|c| c.rows.pools.clone()).unwrap_or_default();
            app.lists.pools.select_name(&rows, &name);
            Vec::new()
        }
    }
}

/// The Add Website form's last Enter: build the site and show the review page.
fn review_add_site(app: &mut App) -> Vec<Effect> {
    let Some(Modal::AddSite(form)) = app.modals.last() else {
        return Vec::new();
    };
    let [name, path, binding, pool] = &form.fields;
    let conn = form.conn;
    let built = Binding::parse_spec(binding.text.trim()).map(|binding| NewSite {
        name: name.text.trim().to_owned(),
        physical_path: path.text.trim().to_owned(),
        bindings: vec![binding],
        app_pool: Some(pool.text.trim().to_owned()).filter(|p| !p.is_empty()),
        id: None,
    });
    let result = built
        .map_err(|e| e.to_string())
        .and_then(|site| preview(app, conn, &ModelOp::AddSite(site)));
    match result {
        Ok(confirm) => app.modals.push(Modal::Confirm(confirm)),
        Err(message) => {
            if let Some(Modal::AddSite(form)) = app.modals.last_mut() {
                form.error = Some(message);
            }
        }
    }
    Vec::new()
}
