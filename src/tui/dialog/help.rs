//! The help overlay: every action of every keymap layer (main screen, forms, dialogs, the grid),
//! with its keys and description, generated from the registry and the live keymap. `/` searches;
//! long descriptions wrap; scrolling stops at the last line.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::tui::action::{Action, Layer, in_layer};
use crate::tui::app::App;
use crate::tui::form::{Edited, TextInput};
use crate::tui::keymap::Key;
use crate::tui::view::fit::fit_cell;

use super::chrome::{clamp_scroll, dialog_area, frame_block, large, scroll_by, wrap_words};
use super::{Cx, Dialog, Outcome};

/// Width of the keys column of the help overlay (header and rows alike).
const KEYS_WIDTH: usize = 14;

/// Width of the action column for a body `width` wide: the longest name and a gap, at most a
/// third of what the keys leave; a longer name ends with `…`, never runs into its description.
fn title_width(width: usize) -> usize {
    let longest = crate::tui::action::registry()
        .map(|a| a.title.chars().count())
        .max()
        .unwrap_or(0);
    (longest + 1)
        .min(width.saturating_sub(KEYS_WIDTH) / 3)
        .max(12)
}

/// `text` in a column `width` wide, always a space after it (cut with `…` when too long).
fn cell(text: &str, width: usize) -> String {
    format!("{} ", fit_cell(text, width.saturating_sub(1)))
}

/// The help overlay's search and scroll.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Help {
    pub query: TextInput,
    pub searching: bool,
    pub scroll: usize,
}

/// Whether an action changes a folder's ACL rather than a configuration file.
fn changes_permissions(layer: Layer, action: Action) -> bool {
    layer == Layer::Permissions || action == Action::GrantPoolIdentity
}

impl Help {
    /// The lines for a body `width` columns wide.
    pub fn lines<'a>(&self, app: &App, width: usize) -> Vec<Line<'a>> {
        let theme = &app.theme;
        let query = self.query.text().to_lowercase();
        let title_width = title_width(width);
        let description_width = width.saturating_sub(KEYS_WIDTH + title_width);
        let mut lines = Vec::new();
        for layer in Layer::ALL {
            let mut rows = Vec::new();
            for info in in_layer(layer) {
                let mut keys = app.keymap.labels(layer, info.action).join(" ");
                if keys.is_empty() {
                    // Reached from the palette only: by its command id.
                    keys = format!(":{}", info.name);
                }
                let text = format!("{keys} {} {} {}", info.name, info.title, info.description)
                    .to_lowercase();
                if !query.is_empty() && !query.split_whitespace().all(|w| text.contains(w)) {
                    continue;
                }
                let suffix = match crate::tui::control::why_disabled(app, info.action) {
                    Some(why) => format!(" (unavailable here: {why})"),
                    None if info.mutating && changes_permissions(layer, info.action) => {
                        String::from(" (changes permissions)")
                    }
                    None if info.mutating => String::from(" (changes the file)"),
                    None => String::new(),
                };
                let description = format!("{}{suffix}", info.description);
                for (n, part) in wrap_words(&description, description_width.max(8), 0)
                    .into_iter()
                    .enumerate()
                {
                    let (keys, title) = if n == 0 {
                        (keys.clone(), info.title.to_owned())
                    } else {
                        (String::new(), String::new())
                    };
                    rows.push(Line::from(vec![
                        Span::styled(cell(&keys, KEYS_WIDTH), theme.key()),
                        Span::styled(cell(&title, title_width), theme.text()),
                        Span::styled(part, theme.dim()),
                    ]));
                }
            }
            if !rows.is_empty() {
                if !lines.is_empty() {
                    lines.push(Line::from(""));
                }
                lines.push(Line::from(Span::styled(layer.heading(), theme.accent())));
                lines.extend(rows);
            }
        }
        lines
    }

    /// Body width and height for the app's terminal size.
    fn body(app: &App) -> (usize, usize) {
        let rect = large(dialog_area(Rect::new(0, 0, app.width, app.height)));
        (
            rect.width.saturating_sub(2) as usize,
            rect.height.saturating_sub(4) as usize,
        )
    }
}

impl Dialog for Help {
    fn layer(&self) -> Layer {
        if self.searching {
            Layer::Input
        } else {
            Layer::Help
        }
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        let app = &*cx.app;
        if self.searching {
            match self.query.on_key(key, &app.keymap) {
                Edited::Changed => self.scroll = 0,
                Edited::Moved => {}
                Edited::Ignored => {
                    if app.keymap.action(Layer::Help, &Key::from_event(key)) == Some(Action::Close)
                    {
                        self.searching = false;
                    }
                }
            }
            return Outcome::Stay;
        }
        let (width, height) = Help::body(app);
        let total = self.lines(app, width).len();
        match app.keymap.action(Layer::Help, &Key::from_event(key)) {
            Some(Action::Close) => return Outcome::Close,
            Some(Action::Search) => self.searching = true,
            Some(action) => {
                scroll_by(&mut self.scroll, action, height.max(1), total);
            }
            None => {}
        }
        Outcome::Stay
    }

    fn render(&self, frame: &mut Frame, area: Rect, app: &App, active: bool) {
        let theme = &app.theme;
        let rect = large(area);
        frame.render_widget(Clear, rect);
        let block = frame_block(theme, "Help");
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let [header, body, foot] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(inner);
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(
                format!(
                    "{}{}Description",
                    cell("Keys", KEYS_WIDTH),
                    cell("Action", title_width(body.width as usize))
                ),
                theme.header(),
            ))),
            header,
        );
        let lines = self.lines(app, body.width as usize);
        let scroll = clamp_scroll(self.scroll, lines.len(), body.height as usize);
        frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), body);
        let footer = if self.searching {
            let (shown, cursor) = self.query.window(foot.width.saturating_sub(2) as usize);
            if active {
                frame.set_cursor_position((foot.x + 1 + cursor as u16, foot.y));
            }
            Line::from(vec![
                Span::styled("/", theme.key()),
                Span::styled(shown, theme.accent()),
            ])
        } else {
            Line::from(Span::styled(
                "/ search · ↑↓ PgUp PgDn g G scroll · Esc close · keys can be changed in keymap.toml",
                theme.dim(),
            ))
        };
        frame.render_widget(Paragraph::new(footer), foot);
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
