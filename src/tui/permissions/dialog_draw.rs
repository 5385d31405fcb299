//! Drawing the ACL dialog's form step (what the form is about above it, the equivalent
//! command and the back end's refusal below it) and its one-message steps (checking, refused).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::host::terminal_text::escape;
use crate::tui::app::App;
use crate::tui::dialog::chrome::{centered, frame_block};
use crate::tui::form::render_form;

use super::dialog::{AclDialog, Front, Step};

impl AclDialog {
    pub(super) fn draw_form(&self, frame: &mut Frame, area: Rect, app: &App, active: bool) {
        let theme = &app.theme;
        let Some(form) = self.form() else {
            return;
        };
        let width = area.width.saturating_sub(4).min(100);
        let mut info: Vec<Line> = match &self.front {
            Front::Grant(grant) => grant.info_lines(theme),
            Front::Entry(entry) => vec![Line::from(vec![
                Span::styled("Path     ", theme.dim()),
                Span::styled(
                    escape(&entry.path.display().to_string()).into_owned(),
                    theme.text(),
                ),
            ])],
            Front::Direct => Vec::new(),
        };
        let room = width.saturating_sub(2).max(1) as usize;
        let info_rows: usize = info.iter().map(|l| l.width().div_ceil(room).max(1)).sum();
        let mut foot: Vec<Line> = Vec::new();
        if let Front::Entry(entry) = &self.front {
            if let Some(command) = entry.command() {
                foot.push(Line::from(vec![
                    Span::styled("Same as: ", theme.dim()),
                    Span::styled(escape(&command).into_owned(), theme.accent()),
                ]));
            }
        }
        if let Some(why) = &self.refused {
            foot.push(Line::from(Span::styled(
                format!("Refused: {}", escape(why)),
                theme.error(),
            )));
        }
        foot.push(match &self.step {
            Step::Discard(buttons) => {
                let mut line =
                    Line::from(Span::styled("Discard what you typed?  ", theme.warning()));
                line.spans.extend(buttons.line(theme).spans);
                line
            }
            Step::Checking(_) => Line::from(Span::styled("checking the change…", theme.accent())),
            _ => Line::from(Span::styled(
                "Tab/↓ next · Space picks · Enter on the last field or ^S reviews · Esc cancels",
                theme.dim(),
            )),
        });
        let foot_rows: usize = foot.iter().map(|l| l.width().div_ceil(room).max(1)).sum();
        let height = (info_rows + form.fields.len() * 2 + foot_rows + 3) as u16;
        let rect = centered(area, width, height);
        frame.render_widget(Clear, rect);
        let block = frame_block(theme, &self.title);
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let [top, fields, bottom] = Layout::vertical([
            Constraint::Length(info_rows as u16 + u16::from(!info.is_empty())),
            Constraint::Min(2),
            Constraint::Length(foot_rows as u16),
        ])
        .areas(inner);
        if !info.is_empty() {
            info.push(Line::from(""));
        }
        frame.render_widget(Paragraph::new(info).wrap(Wrap { trim: false }), top);
        frame.render_widget(Paragraph::new(foot).wrap(Wrap { trim: false }), bottom);
        // The form last: an open choice list may reach over the foot and must not be drawn
        // over (it was: only the first three rights showed and ↓ went on out of sight).
        render_form(
            frame,
            fields,
            form,
            theme,
            active && self.step == Step::Form,
        );
    }

    pub(super) fn draw_message(
        &self,
        frame: &mut Frame,
        area: Rect,
        app: &App,
        text: &str,
        error: bool,
    ) {
        let theme = &app.theme;
        let width = area.width.saturating_sub(4).min(90);
        let room = width.saturating_sub(2).max(1) as usize;
        let rows = text.chars().count().div_ceil(room).max(1) as u16;
        let rect = centered(area, width, rows + 4);
        frame.render_widget(Clear, rect);
        let block = frame_block(theme, &self.title);
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let style = if error { theme.error() } else { theme.accent() };
        let lines = vec![
            Line::from(Span::styled(escape(text).into_owned(), style)),
            Line::from(""),
            Line::from(Span::styled("Esc or Enter closes.", theme.dim())),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    }
}
