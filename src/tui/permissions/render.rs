//! Drawing the Permissions view: where the path is (and what it is in the configuration), its
//! owner and the back end, then the entries as a table (principal, rights, inheritance,
//! inherited or explicit; on a wide terminal also the rights in words and what each entry
//! applies to), and under it why the selected entry cannot be changed, or the keys.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::host::acl::Ace;
use crate::host::terminal_text::escape;
use crate::tui::app::{App, Focus};
use crate::tui::list::scroll_window;
use crate::tui::view::fit::fit_cell as fit;

use super::AclState;
use super::entries::{applies_to, flags_codes, not_editable, rights_text, rights_words, source};

/// The columns shown at a width: (title, width), the principal's first, as wide as the
/// longest principal (`longest`) when there is room.
fn columns(width: usize, longest: usize) -> Vec<(&'static str, usize)> {
    let mut fixed = vec![("Rights", 8), ("Inheritance", 12), ("Source", 9)];
    if width >= 110 {
        fixed.insert(1, ("Meaning", 20));
        fixed.push(("Applies to", 34));
    }
    let used: usize = fixed.iter().map(|(_, w)| w + 1).sum();
    let room = width.saturating_sub(used + 2).max(12);
    let mut out = vec![("Principal", longest.clamp(12, room))];
    out.extend(fixed);
    out
}

fn cells(ace: &Ace, is_dir: bool, wide: bool) -> Vec<String> {
    let mut cells = vec![
        escape(ace.principal.as_str()).into_owned(),
        rights_text(ace),
    ];
    if wide {
        cells.push(rights_words(&ace.rights));
    }
    cells.push(flags_codes(ace));
    cells.push(String::from(source(ace)));
    if wide {
        cells.push(applies_to(ace, is_dir));
    }
    cells
}

pub fn draw(frame: &mut Frame, app: &mut App, area: Rect) {
    let focused = app.focus == Focus::Main;
    let theme = &app.theme;
    let pane = &app.permissions;
    let title = match pane.target.as_ref().and_then(|t| t.object.as_ref()) {
        Some(object) => format!(" Permissions of {} ", escape(object)),
        None => String::from(" Permissions "),
    };
    let block = Block::bordered()
        .title(Span::styled(title, theme.title(focused)))
        .border_style(theme.border(focused));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut head = Vec::new();
    if let Some(target) = &pane.target {
        head.push(Line::from(Span::styled(
            escape(&target.path.display().to_string()).into_owned(),
            theme.accent(),
        )));
        let mut about = Vec::new();
        if let Some(configured) = &target.configured {
            about.push(format!("configured as {}", escape(configured)));
        }
        if let AclState::Shown { acl, is_dir } = &pane.acl {
            about.push(String::from(if *is_dir { "folder" } else { "file" }));
            if let (Some(owner), Some(group)) = (&acl.owner, &acl.group) {
                about.push(format!("owner {}, group {}", escape(owner), escape(group)));
            }
        }
        if let Some(backend) = pane.backend {
            about.push(backend.to_owned());
        }
        head.push(Line::from(Span::styled(about.join(" · "), theme.dim())));
    }
    let room = inner.width.max(1) as usize;
    let head_rows: usize = head.iter().map(|l| l.width().div_ceil(room).max(1)).sum();
    let [top, table, foot] = Layout::vertical([
        Constraint::Length(head_rows as u16 + 1),
        Constraint::Min(2),
        Constraint::Length(3),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(head).wrap(Wrap { trim: false }), top);
    let (acl, is_dir) = match &pane.acl {
        AclState::Reading => {
            frame.render_widget(
                Paragraph::new(Span::styled("reading the ACL…", theme.dim())),
                table,
            );
            return;
        }
        AclState::Failed(why) => {
            let lines = vec![
                Line::from(Span::styled(
                    format!("The ACL could not be read: {}", escape(why)),
                    theme.error(),
                )),
                Line::from(""),
                Line::from(Span::styled(
                    "r reads it again · Esc goes back",
                    theme.dim(),
                )),
            ];
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), table);
            return;
        }
        AclState::Shown { acl, is_dir } => (acl, *is_dir),
    };
    let wide = table.width >= 110;
    let longest = acl
        .entries
        .iter()
        .map(|a| escape(a.principal.as_str()).chars().count())
        .max()
        .unwrap_or(0);
    let shown = columns(table.width as usize, longest);
    let marker = theme.needs_marker();
    let body = (table.height as usize).saturating_sub(1);
    let offset = scroll_window(pane.selected, pane.offset, body);
    let header: Vec<String> = shown.iter().map(|(t, w)| fit(t, *w)).collect();
    let mut lines = vec![Line::from(Span::styled(
        format!("  {}", header.join(" ")),
        theme.header(),
    ))];
    for (i, ace) in acl.entries.iter().enumerate().skip(offset).take(body) {
        let selected = i == pane.selected;
        let base = if selected {
            theme.selection(focused)
        } else if ace.inherited() {
            theme.dim()
        } else {
            theme.text()
        };
        let row: Vec<String> = cells(ace, is_dir, wide)
            .iter()
            .zip(&shown)
            .map(|(cell, (_, w))| fit(cell, *w))
            .collect();
        let pointer = if marker && selected { "> " } else { "  " };
        let mut spans = vec![Span::styled(pointer, base)];
        let deny_style = if ace.deny && !selected {
            theme.warning()
        } else {
            base
        };
        for (n, cell) in row.into_iter().enumerate() {
            if n > 0 {
                spans.push(Span::styled(" ", base));
            }
            spans.push(Span::styled(cell, if n == 1 { deny_style } else { base }));
        }
        lines.push(Line::from(spans));
    }
    if acl.entries.is_empty() {
        lines.push(Line::from(Span::styled(
            "  (no entries: nobody but the owner and administrators has access)",
            theme.dim(),
        )));
    }
    frame.render_widget(Paragraph::new(lines), table);
    let note = match pane.selected_entry() {
        Some(ace) => match not_editable(ace) {
            Some(why) => Line::from(Span::styled(
                format!("{}: {why}", escape(ace.principal.as_str())),
                theme.dim(),
            )),
            None => Line::from(Span::styled(
                format!(
                    "{}{} · applies to {}",
                    if ace.deny { "denies " } else { "" },
                    rights_words(&ace.rights),
                    applies_to(ace, is_dir)
                ),
                theme.dim(),
            )),
        },
        None => Line::from(""),
    };
    let undo = if pane.last_saved().is_some() {
        "z undoes the last change here · "
    } else {
        ""
    };
    let keys = Line::from(Span::styled(
        format!("{undo}a add · e change · d remove · P grant pool identity · r re-read"),
        theme.dim(),
    ));
    let [note_area, keys_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Length(1)]).areas(foot);
    frame.render_widget(Paragraph::new(note).wrap(Wrap { trim: false }), note_area);
    frame.render_widget(Paragraph::new(keys), keys_area);
    app.permissions.offset = offset;
}
