//! Drawing Add Website: the site's fields, its bindings with their problems under each, the
//! HTTP.sys note when a binding is https, and the keys; a binding being edited in its own box;
//! the review page once submitted.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::tui::app::App;
use crate::tui::form::render_form;

use super::add_site::{AddSite, Part, Step};
use super::bindings_draw::sslcert_note;
use super::chrome::{centered, frame_block};
use super::steps::{FormBox, discard_line, draw_form_box, form_height};

impl AddSite {
    pub(super) fn draw(&self, frame: &mut Frame, area: Rect, app: &App, active: bool) {
        if let Step::Review(page) = &self.step {
            page.review.draw(frame, area, &app.theme);
            return;
        }
        if self.binding.is_some() {
            self.draw_binding(frame, area, app, active);
        } else {
            self.draw_site(frame, area, app, active);
        }
    }

    fn draw_binding(&self, frame: &mut Frame, area: Rect, app: &App, active: bool) {
        let Some((form, editing)) = &self.binding else {
            return;
        };
        let theme = &app.theme;
        let title = match editing {
            Some(i) => format!("Add Website — binding {}", i + 1),
            None => String::from("Add Website — new binding"),
        };
        let foot = match &self.step {
            Step::Discard(buttons) => discard_line(buttons, theme),
            _ => Line::from(Span::styled(
                "^S or Enter on the last field puts it in the list · Esc back to the site",
                theme.dim(),
            )),
        };
        let parts = FormBox {
            title: &title,
            width: 100,
            note: if form.https() {
                sslcert_note(theme)
            } else {
                Vec::new()
            },
            foot,
        };
        let editing = active && self.step == Step::Binding;
        draw_form_box(frame, area, app, &form.form, editing, parts);
    }

    fn draw_site(&self, frame: &mut Frame, area: Rect, app: &App, active: bool) {
        let theme = &app.theme;
        let width = area.width.saturating_sub(4).min(100);
        let inner_width = width.saturating_sub(2) as usize;
        let in_list = self.part == Part::Bindings && self.step == Step::Form;
        let list = self.bindings.lines(theme, in_list && active, inner_width);
        let mut notes = Vec::new();
        if self.bindings.has_https() {
            notes.extend(sslcert_note(theme));
        }
        notes.push(Line::from(Span::styled(
            "New sites get the lowest free ID, a root application and virtual directory.",
            theme.dim(),
        )));
        let fields = form_height(&self.form, width, 0);
        let height = fields + 1 + list.len() as u16 + notes.len() as u16 + 1 + 2;
        let rect = centered(area, width, height);
        frame.render_widget(Clear, rect);
        let block = frame_block(theme, "Add Website");
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let [fields_area, head, list_area, note_area, foot] = Layout::vertical([
            Constraint::Min(3),
            Constraint::Length(1),
            Constraint::Length(list.len() as u16),
            Constraint::Length(notes.len() as u16),
            Constraint::Length(1),
        ])
        .areas(inner);
        let head_style = if in_list { theme.key() } else { theme.header() };
        let count = self.bindings.bindings.len();
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(format!("Bindings ({count})"), head_style),
                Span::styled(
                    "  Tab here, then a add · Enter edit · d remove",
                    theme.dim(),
                ),
            ])),
            head,
        );
        frame.render_widget(Paragraph::new(list), list_area);
        frame.render_widget(Paragraph::new(notes), note_area);
        let hint = match self.part {
            Part::Fields => "Tab/↓ next · ^S or Enter on the last field reviews · Esc cancels",
            Part::Bindings => {
                "a add · Enter edit · d remove · Tab fields · ^S reviews · Esc cancels"
            }
        };
        let foot_line = match &self.step {
            Step::Discard(buttons) => discard_line(buttons, theme),
            _ => Line::from(Span::styled(hint, theme.dim())),
        };
        frame.render_widget(Paragraph::new(foot_line), foot);
        // Last: an open choice list may reach over the bindings below the fields.
        let editing = active && self.step == Step::Form && self.part == Part::Fields;
        render_form(frame, fields_area, &self.form, theme, editing);
    }
}
