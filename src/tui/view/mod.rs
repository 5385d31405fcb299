//! Drawing: the frame layout (top bar with the health strip, tree, main pane, details, status
//! line, actions hint bar) and the modal on top. Only visible rows are built.

mod details;
pub mod fit;
mod health;
mod panes;
mod problems;
mod safe_text;
mod table;
mod tree;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::action::{Action, ActionInfo, Layer, in_layer};
use super::app::{App, Focus, Level, View};
use super::dialog;
use super::health::strip;
use crate::host::terminal_text::escape;

/// Draws one frame.
pub fn draw(frame: &mut Frame, app: &mut App) {
    let area = frame.area();
    app.width = area.width;
    app.height = area.height;
    let [top, body, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    top_bar(frame, app, top);
    status_line(frame, app, status);
    hint_bar(frame, app, hints);

    let tree_width = if body.width < 60 {
        if app.focus == Focus::Tree {
            body.width
        } else {
            0
        }
    } else {
        if body.width < 104 {
            26
        } else {
            (body.width / 4).clamp(26, 32)
        }
    };
    let [tree_area, main] =
        Layout::horizontal([Constraint::Length(tree_width), Constraint::Min(0)]).areas(body);
    if tree_area.width > 0 {
        tree::draw(frame, app, tree_area);
    }
    if main.width > 0 {
        main_pane(frame, app, main);
    }
    if !app.dialogs.is_empty() {
        dialog::render(frame, dialog::chrome::dialog_area(area), app);
    }
    safe_text::scrub(frame.buffer_mut());
}

fn main_pane(frame: &mut Frame, app: &mut App, area: Rect) {
    let is_list = app.list().is_some();
    if app.view == View::Start {
        panes::start_page(frame, app, area);
    } else if app.view == View::Logs {
        crate::tui::logview::render::draw(frame, app, area);
    } else if app.view == View::Health {
        health::draw(frame, app, area);
    } else if app.view == View::Problems {
        problems::draw(frame, app, area);
    } else if app.view == View::Permissions {
        super::permissions::draw(frame, app, area);
    } else if is_list && app.is_wide() && app.details_shown() {
        let [list, info] =
            Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
                .areas(area);
        table::draw(frame, app, list);
        details::draw(frame, app, info);
    } else if is_list && app.details_shown() {
        details::draw(frame, app, area);
    } else {
        table::draw(frame, app, area);
    }
}

/// A main pane's frame with its title, both highlighted while the pane has the keyboard.
fn pane_block(theme: &crate::tui::theme::Theme, title: String, focused: bool) -> Block<'static> {
    Block::bordered()
        .title(Span::styled(title, theme.title(focused)))
        .border_style(theme.border(focused))
}

fn top_bar(frame: &mut Frame, app: &App, area: Rect) {
    let theme = &app.theme;
    let mut spans = vec![Span::styled(" iistui ", theme.badge()), Span::raw(" ")];
    if let Some(conn) = app.conn() {
        let style = conn
            .color
            .as_deref()
            .map(|c| theme.named(c))
            .unwrap_or_else(|| theme.title(true));
        spans.push(Span::styled(escape(&conn.label).into_owned(), style));
        if conn.is_demo() {
            spans.push(Span::raw(" "));
            spans.push(Span::styled(" DEMO ", theme.badge()));
        }
        if conn.is_read_only() {
            spans.push(Span::raw(" "));
            spans.push(Span::styled("[read-only]", theme.warning()));
        }
    }
    // The health strip on the right: the widest form that fits; the label gives way to the
    // tightest one.
    let width = area.width as usize;
    let mut line = Line::from(spans);
    let glance = strip::Glance::of(app);
    let keep = strip::tightest(&glance, theme) + 2;
    if line.width() + keep > width {
        line = fit::fit_line(line, width.saturating_sub(keep));
    }
    let room = width.saturating_sub(line.width() + 3);
    if let Some(strip) = strip::spans(&glance, theme, room) {
        let used: usize = strip.iter().map(|s| s.width()).sum();
        line.spans.push(Span::raw(
            " ".repeat(width.saturating_sub(line.width() + used + 1)),
        ));
        line.spans.extend(strip);
    }
    frame.render_widget(Paragraph::new(line), area);
}

fn status_line(frame: &mut Frame, app: &App, area: Rect) {
    let theme = &app.theme;
    let line = if let Some(status) = &app.status {
        let style = match status.level {
            Level::Info => theme.text(),
            Level::Success => theme.ok(),
            Level::Warning => theme.warning(),
            Level::Error => theme.error(),
        };
        Line::from(Span::styled(format!(" {}", escape(&status.text)), style))
    } else if let Some(conn) = app.conn() {
        let saved = match conn.store.as_ref().and_then(|s| s.last_saved()) {
            Some(at) => format!(
                "last saved {}",
                humantime::format_rfc3339_seconds(at)
                    .to_string()
                    .replace('T', " ")
                    .trim_end_matches('Z')
            ),
            None => String::from("no changes saved yet"),
        };
        let mut spans = vec![Span::styled(
            format!(" {}", escape(&conn.display_path)),
            theme.dim(),
        )];
        if conn.disk_changed {
            spans.push(Span::styled(
                "  changed on disk (^R reload)",
                theme.warning(),
            ));
        }
        spans.push(Span::styled(format!("  · {saved}"), theme.dim()));
        Line::from(spans)
    } else {
        Line::from("")
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The Actions hint bar: keys of the hinted actions of the active layers (the top dialog's, or
/// the focused pane's), from the registry and the live keymap.
fn hint_bar(frame: &mut Frame, app: &App, area: Rect) {
    let theme = &app.theme;
    // A dialog's own hints; on the main screen: help, palette, quit and panes first, then the
    // focused pane's actions, then the rest.
    let hints: Vec<(Layer, &ActionInfo)> = match app.dialogs.top() {
        Some(dialog) => match dialog.hints() {
            // A dialog that borrows keys from several layers names them itself.
            Some(own) => own
                .into_iter()
                .filter_map(|(layer, action)| {
                    in_layer(layer)
                        .find(|a| a.action == action)
                        .map(|a| (layer, a))
                })
                .collect(),
            None => {
                let layer = dialog.hint_layer();
                in_layer(layer)
                    .filter(|a| a.hint)
                    .map(|a| (layer, a))
                    .collect()
            }
        },
        None => {
            let layers = app.layers();
            let with_global = layers.contains(&Layer::Global);
            let global = |mutating: bool| {
                in_layer(Layer::Global)
                    .filter(move |a| with_global && a.hint && a.mutating == mutating)
                    .map(|a| (Layer::Global, a))
            };
            let panes = layers
                .clone()
                .into_iter()
                .filter(|l| *l != Layer::Global)
                .flat_map(|l| in_layer(l).filter(|a| a.hint).map(move |a| (l, a)));
            // A key a more specific layer takes is not hinted for the action it hides.
            global(false)
                .chain(panes)
                .chain(global(true))
                .filter(|(layer, a)| !app.keymap.shadowed(&layers, *layer, a.action))
                .collect()
        }
    };
    let read_only = app.conn().is_some_and(|c| c.is_read_only());
    let mut spans = Vec::new();
    let mut width = 0usize;
    for (layer, info) in hints {
        let Some(key) = app.keymap.first_label(layer, info.action) else {
            continue;
        };
        if !crate::tui::control::applies(app, info.action) || !fits_the_list(app, info.action) {
            continue;
        }
        let text_len = key.chars().count() + info.title.chars().count() + 3;
        if width + text_len > area.width as usize {
            break;
        }
        width += text_len;
        let disabled = (info.mutating && read_only)
            || crate::tui::control::why_disabled(app, info.action).is_some();
        let (key_style, title_style) = if disabled {
            (theme.dim(), theme.dim())
        } else {
            (theme.key(), theme.text())
        };
        spans.push(Span::styled(format!(" {key}"), key_style));
        spans.push(Span::styled(format!(" {} ", info.title), title_style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(Style::new()), area);
}

/// Whether an action means something for the focused list, so the hint bar offers it (a folder
/// listing has no bindings or settings; a pool has no folder to convert).
fn fits_the_list(app: &App, action: Action) -> bool {
    if app.dialogs.top().is_some() || app.focus != Focus::Main {
        return true;
    }
    let (sites, pools, apps, vdirs, folder) = match &app.view {
        View::Sites => (true, false, false, false, false),
        View::Pools => (false, true, false, false, false),
        View::Apps { .. } => (false, false, true, false, false),
        View::Vdirs { .. } => (false, false, false, true, false),
        View::Folder { .. } => (false, false, false, false, true),
        _ => return true,
    };
    match action {
        Action::EditBindings => sites || apps,
        Action::AddWebsite => sites,
        Action::Convert => !pools,
        Action::RemoveApplication => apps,
        Action::OpenFolder => sites || apps || vdirs,
        Action::Mark | Action::AdvancedSettings => sites || pools || apps,
        Action::BasicSettings | Action::Delete | Action::AddNew => !folder,
        _ => true,
    }
}
