//! Drawing Site Bindings: the list of a site's bindings (type, host name, port, IP address,
//! then SSL flags and certificate, or the binding information of other protocols), sized to
//! the terminal with `…` where a cell is cut, and the binding form in its box with the HTTP.sys
//! note for https.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::host::terminal_text::escape;
use crate::model::apphost::Binding;
use crate::tui::action::{Action, Layer};
use crate::tui::app::App;

use super::binding_form::written_flags;
use super::bindings::{Bindings, Step};
use super::chrome::{centered, frame_block};
use super::steps::{FormBox, discard_line, draw_form_box, wrapped_rows};

/// The HTTP.sys note of an https binding: iistui writes the configuration, not the
/// certificate's binding in HTTP.sys.
pub(super) fn sslcert_note<'a>(theme: &crate::tui::theme::Theme) -> Vec<Line<'a>> {
    vec![
        Line::from(Span::styled(
            "The certificate must also be bound in HTTP.sys (netsh http add sslcert,",
            theme.warning(),
        )),
        Line::from(Span::styled(
            "or IIS Manager): iistui writes only the configuration.",
            theme.warning(),
        )),
    ]
}

impl Bindings {
    fn form_title(&self) -> String {
        let verb = match self.form.as_ref().and_then(|f| f.editing.as_ref()) {
            Some(_) => "Edit Site Binding",
            None => "Add Site Binding",
        };
        format!("{verb} — site \"{}\"", self.site)
    }

    /// What the last column says of a binding: its SSL flags and certificate, or the
    /// binding information of a protocol without IP, port and host.
    fn details(b: &Binding, app: &App) -> String {
        if b.port.is_none() {
            return b.binding_information.clone();
        }
        let mut parts = written_flags(&app.schema, b.ssl_flags.as_deref());
        if let Some(hash) = &b.certificate_hash {
            let short: String = hash.chars().take(8).collect();
            parts.push(format!(
                "cert {short}… ({})",
                b.certificate_store_name.as_deref().unwrap_or("My")
            ));
        }
        parts.join("  ")
    }

    pub(super) fn render_list(&self, frame: &mut Frame, area: Rect, app: &App) {
        let theme = &app.theme;
        let width = area.width.saturating_sub(4).min(110);
        let refusal = self.refusal.as_deref().map(escape);
        let refusal_rows = refusal
            .as_deref()
            .map_or(0, |why| wrapped_rows(why, width.saturating_sub(2) as usize));
        let height = (self.bindings.len() as u16 + 7 + refusal_rows).min(area.height);
        let rect = centered(area, width, height);
        frame.render_widget(Clear, rect);
        let block = frame_block(theme, &format!("Site Bindings — \"{}\"", self.site));
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let [head, rows, refused, note] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(refusal_rows),
            Constraint::Length(2),
        ])
        .areas(inner);
        if let Some(why) = refusal {
            let line = Line::from(Span::styled(why.into_owned(), theme.error()));
            frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), refused);
        }
        // Type, host name (what is left, 12 to 32), port, IP address; the rest for details.
        let width = inner.width as usize;
        let host = width.saturating_sub(6 + 6 + 16 + 22).clamp(12, 32);
        let widths = [6, host, 6, 16];
        let cell = |text: &str, width: usize| {
            let count = text.chars().count();
            let shown: String = if count > width {
                text.chars()
                    .take(width.saturating_sub(1))
                    .chain(['…'])
                    .collect()
            } else {
                text.to_owned()
            };
            format!("{shown:<width$} ")
        };
        let header: String = ["Type", "Host name", "Port", "IP address"]
            .iter()
            .zip(widths)
            .map(|(t, w)| cell(t, w))
            .chain([String::from("SSL / information")])
            .collect();
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(header, theme.header()))),
            head,
        );
        let visible = rows.height as usize;
        let offset = self.selected.saturating_sub(visible.saturating_sub(1));
        let lines: Vec<Line> = self
            .bindings
            .iter()
            .enumerate()
            .skip(offset)
            .take(visible)
            .map(|(i, b)| {
                let port = b.port.map(|p| p.to_string()).unwrap_or_default();
                let rest = width.saturating_sub(widths.iter().sum::<usize>() + widths.len());
                let text = format!(
                    "{}{}{}{}{}",
                    cell(&b.protocol, widths[0]),
                    cell(b.host.as_deref().unwrap_or(""), widths[1]),
                    cell(&port, widths[2]),
                    cell(b.ip.as_deref().unwrap_or(""), widths[3]),
                    cell(&Self::details(b, app), rest.saturating_sub(1)).trim_end()
                );
                let style = if i == self.selected {
                    theme.selection(true)
                } else {
                    theme.text()
                };
                Line::from(Span::styled(escape(&text).into_owned(), style))
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), rows);
        let keys = |action: Action| {
            app.keymap
                .labels(Layer::Items, action)
                .into_iter()
                .next()
                .unwrap_or_default()
        };
        let hint = format!(
            "{} add · {} edit · {} remove · {} close",
            keys(Action::Add),
            keys(Action::Edit),
            keys(Action::Remove),
            keys(Action::Close)
        );
        frame.render_widget(
            Paragraph::new(vec![
                Line::from(Span::styled(hint, theme.dim())),
                Line::from(Span::styled(
                    "Each change is reviewed and saved on its own.",
                    theme.dim(),
                )),
            ]),
            note,
        );
    }

    pub(super) fn render_form(&self, frame: &mut Frame, area: Rect, app: &App, active: bool) {
        let Some(form) = &self.form else {
            return;
        };
        let theme = &app.theme;
        let note = if form.https() {
            sslcert_note(theme)
        } else {
            Vec::new()
        };
        let foot = match &self.step {
            Step::Discard(buttons) => discard_line(buttons, theme),
            _ => Line::from(Span::styled(
                "^S or Enter on the last field reviews the change · Esc back to the list",
                theme.dim(),
            )),
        };
        let title = self.form_title();
        let parts = FormBox {
            title: &title,
            width: 100,
            note,
            foot,
        };
        let editing = active && self.step == Step::Form;
        draw_form_box(frame, area, app, &form.form, editing, parts);
    }
}
