//! The `:` command palette: fuzzy search over the main screen's actions and the connection's
//! sites and pools; commands typed in full (`:q`, `:sites`) go first. Enter runs the action or
//! goes to the object.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::host::terminal_text::escape;
use crate::tui::action::{Action, Layer, SCREEN_LAYERS, registry};
use crate::tui::app::{App, Level, View};
use crate::tui::form::TextInput;
use crate::tui::keymap::Key;
use crate::tui::update::show;

use super::chrome::frame_block;
use super::{Cx, Dialog, Outcome};

/// Something the palette can do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaletteTarget {
    Action(Action),
    Site(String),
    Pool(String),
    /// `:permissions PATH`
    Permissions(String),
    /// `:logs site1,site2`: tail these apps in one stream.
    Logs(Vec<String>),
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
    ("advanced", Action::AdvancedSettings),
    ("basic", Action::BasicSettings),
    ("bindings", Action::EditBindings),
    ("messages", Action::Messages),
    ("logs", Action::GoLogs),
    ("aspnetcore", Action::AspNetCoreSettings),
    ("health", Action::GoHealth),
    ("problems", Action::GoProblems),
    ("check", Action::GoProblems),
    ("add website", Action::AddWebsite),
    ("add site", Action::AddWebsite),
    ("permissions", Action::Permissions),
    ("perm", Action::Permissions),
    ("grant", Action::GrantPoolIdentity),
    ("add app", Action::AddApplication),
    ("add application", Action::AddApplication),
    ("add vdir", Action::AddVirtualDirectory),
    ("add virtual directory", Action::AddVirtualDirectory),
    ("add pool", Action::AddAppPool),
    ("add apppool", Action::AddAppPool),
    ("convert", Action::Convert),
];

/// The palette's matches for a query, best first (at most 200).
pub fn palette_items(app: &App, query: &str) -> Vec<PaletteItem> {
    let matcher = SkimMatcherV2::default().ignore_case();
    let mut scored: Vec<(i64, PaletteItem)> = Vec::new();
    let query = query.trim();
    if let Some(path) = crate::tui::permissions::typed_path(query) {
        scored.push((
            i64::MAX,
            PaletteItem {
                label: format!("permissions {path}"),
                detail: String::from("the ACL of this path"),
                target: PaletteTarget::Permissions(path.to_owned()),
                positions: Vec::new(),
            },
        ));
    }
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
    if let Some(list) = query
        .strip_prefix("logs ")
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        let apps: Vec<String> = list
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_owned)
            .collect();
        scored.push((
            i64::MAX,
            PaletteItem {
                label: format!("logs {}", apps.join(", ")),
                detail: String::from("tail these applications' logs in one stream"),
                target: PaletteTarget::Logs(apps),
                positions: Vec::new(),
            },
        ));
    }
    // `id` is a second name it answers to (an action's command id, `add-vdir`), shown in its
    // detail rather than its label.
    let mut consider = |label: String, id: &str, detail: String, target: PaletteTarget| {
        if scored.iter().any(|(_, i)| i.target == target) {
            return;
        }
        let scored_item = if query.is_empty() {
            Some((0, Vec::new()))
        } else {
            let by_label = matcher.fuzzy_indices(&label, query);
            let by_id = (!id.is_empty())
                .then(|| matcher.fuzzy_match(id, query))
                .flatten()
                .map(|score| (score, Vec::new()));
            match (by_label, by_id) {
                (Some(l), Some(i)) if i.0 > l.0 => Some(i),
                (Some(l), _) => Some(l),
                (None, i) => i,
            }
        };
        if let Some((score, positions)) = scored_item {
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
    for info in registry().filter(|a| SCREEN_LAYERS.contains(&a.layer)) {
        consider(
            info.title.to_owned(),
            info.name,
            format!("{} — {}", info.name, info.description),
            PaletteTarget::Action(info.action),
        );
    }
    if let Some(conn) = app.conn() {
        for site in &conn.rows.sites {
            consider(
                format!("site {}", site.name),
                "",
                site.bindings.clone(),
                PaletteTarget::Site(site.name.clone()),
            );
        }
        for pool in &conn.rows.pools {
            consider(
                format!("pool {}", pool.name),
                "",
                format!("{} · {}", pool.runtime, pool.pipeline),
                PaletteTarget::Pool(pool.name.clone()),
            );
        }
    }
    scored.sort_by_key(|item| std::cmp::Reverse(item.0));
    scored.into_iter().take(200).map(|(_, item)| item).collect()
}

/// The palette's input and highlighted match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Palette {
    pub input: TextInput,
    pub selected: usize,
}

fn run(app: &mut App, target: PaletteTarget) -> Outcome {
    match target {
        PaletteTarget::Action(action) => return Outcome::Dispatch(action),
        PaletteTarget::Site(name) => {
            show(app, View::Sites);
            app.select_named(&name);
        }
        PaletteTarget::Logs(apps) => {
            let effects = crate::tui::logview::open(app, apps);
            return Outcome::Finish(effects);
        }
        PaletteTarget::Pool(name) => {
            show(app, View::Pools);
            app.select_named(&name);
        }
        PaletteTarget::Permissions(path) => {
            return Outcome::Finish(crate::tui::permissions::open_typed(app, &path));
        }
    }
    Outcome::Close
}

impl Dialog for Palette {
    fn layer(&self) -> Layer {
        Layer::Palette
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        match cx.app.keymap.action(Layer::Palette, &Key::from_event(key)) {
            Some(Action::Close) => Outcome::Close,
            Some(Action::Up) => {
                self.selected = self.selected.saturating_sub(1);
                Outcome::Stay
            }
            Some(Action::Down) => {
                self.selected += 1;
                Outcome::Stay
            }
            Some(Action::Choose) => {
                let query = self.input.text().to_owned();
                let items = palette_items(cx.app, &query);
                match items
                    .get(self.selected.min(items.len().saturating_sub(1)))
                    .cloned()
                {
                    Some(item) => run(cx.app, item.target),
                    None => {
                        cx.app
                            .set_status(Level::Info, format!("nothing matches \"{query}\""));
                        Outcome::Close
                    }
                }
            }
            _ => {
                if self.input.on_key(key, &cx.app.keymap) == crate::tui::form::Edited::Changed {
                    self.selected = 0;
                }
                Outcome::Stay
            }
        }
    }

    fn on_paste(&mut self, text: &str, _cx: &mut Cx) -> Outcome {
        self.input.paste(text);
        self.selected = 0;
        Outcome::Stay
    }

    fn render(&self, frame: &mut Frame, area: Rect, app: &App, active: bool) {
        let theme = &app.theme;
        let width = area.width.saturating_sub(6).min(90);
        let height = area.height.saturating_sub(4).min(18);
        let [row] = Layout::vertical([Constraint::Length(height)]).areas(Rect {
            y: area.y + 2.min(area.height),
            height: area.height.saturating_sub(2),
            ..area
        });
        let [rect] = Layout::horizontal([Constraint::Length(width)])
            .flex(Flex::Center)
            .areas(row);
        frame.render_widget(Clear, rect);
        let block = frame_block(theme, "Command");
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let [input, list] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
        let (shown, cursor) = self.input.window(input.width.saturating_sub(2) as usize);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(":", theme.key()),
                Span::styled(shown, theme.accent()),
            ])),
            input,
        );
        if active {
            frame.set_cursor_position((input.x + 1 + cursor as u16, input.y));
        }
        let items = palette_items(app, self.input.text());
        let selected = self.selected.min(items.len().saturating_sub(1));
        let visible = list.height as usize;
        let offset = selected.saturating_sub(visible.saturating_sub(1));
        let lines: Vec<Line> = items
            .iter()
            .enumerate()
            .skip(offset)
            .take(visible)
            .map(|(i, item)| {
                let base = if i == selected {
                    theme.selection(true)
                } else {
                    theme.text()
                };
                let mut spans = vec![Span::styled(if i == selected { "> " } else { "  " }, base)];
                // A name from the file is shown escaped (look-alike sites stay apart),
                // each character with its match highlight.
                let mut buf = [0u8; 4];
                for (pos, ch) in item.label.chars().enumerate() {
                    let style = if item.positions.contains(&pos) {
                        base.patch(theme.matched())
                    } else {
                        base
                    };
                    spans.push(Span::styled(
                        escape(ch.encode_utf8(&mut buf)).into_owned(),
                        style,
                    ));
                }
                spans.push(Span::styled(
                    format!("  {}", escape(&item.detail)),
                    if i == selected { base } else { theme.dim() },
                ));
                Line::from(spans)
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), list);
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
