//! The review every ACL change goes through: what will change (the entries before and after,
//! removed ones marked `-`, added ones `+`), the back end's notes, the equivalent `icacls`
//! command and what actually runs (both shell-quoted), and Cancel-first buttons. Confirming
//! applies the change as a job; the review shows "applying…" and closes when it succeeded, or
//! says why not and stays.

use std::collections::HashSet;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::host::acl::{Acl, AclChange, Preview, Undo};
use crate::host::shell_quote::Shell;
use crate::host::terminal_text::escape;
use crate::tui::action::Layer;
use crate::tui::app::App;
use crate::tui::dialog::chrome::{clamp_scroll, frame_block, large};
use crate::tui::dialog::{Buttons, DialogId, ReviewEvent, SaveState, review_key, save_answer};
use crate::tui::keymap::{Key, Keymap};
use crate::tui::msg::{DialogResult, Effect};
use crate::tui::theme::Theme;

use super::job::AclJob;

/// What confirming does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewAction {
    Change(AclChange),
    /// Put the ACL saved before a change back.
    Undo(Undo),
}

/// An ACL change awaiting confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AclReview {
    pub title: String,
    pub action: ReviewAction,
    /// The equivalent icacls command, quoted for this machine's shell.
    pub icacls: Option<String>,
    /// What runs, quoted, with a note on its standard input.
    pub runs: String,
    pub notes: Vec<String>,
    pub warning: Option<String>,
    pub before: Acl,
    /// `None` when it is known only once applied (it depends on the parent).
    pub after: Option<Acl>,
    /// The back end knows nothing would change.
    pub unchanged: bool,
    pub buttons: Buttons,
    pub scroll: usize,
    pub state: SaveState,
}

/// `grant x on y` → `Grant x on y`.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl AclReview {
    /// The review of a change the back end has checked.
    pub fn of_preview(preview: Preview, warning: Option<String>) -> AclReview {
        let shell = Shell::native();
        let mut runs = shell.command_line(&preview.runs.program, &preview.runs.args);
        if preview.runs.stdin.is_some() {
            runs.push_str(&match preview.files {
                Some(1) => String::from("  (the new ACL of 1 file on standard input)"),
                Some(n) => format!("  (the new ACLs of {n} files on standard input)"),
                None => String::from("  (the new ACLs on standard input)"),
            });
        }
        AclReview {
            title: capitalised(&preview.change.describe()),
            icacls: Some(preview.change.icacls_command_line(shell)),
            runs,
            notes: preview.notes.clone(),
            warning,
            unchanged: preview.is_empty(),
            before: preview.before,
            after: preview.after,
            buttons: Buttons::new(&["Cancel", "Apply"]),
            action: ReviewAction::Change(preview.change),
            scroll: 0,
            state: SaveState::Ready,
        }
    }

    /// The review of an undo: the ACL now, and the saved one it puts back.
    pub fn of_undo(undo: Undo, description: &str, now: Acl, saved: Acl) -> AclReview {
        let shell = Shell::native();
        AclReview {
            title: format!("Undo: {description}"),
            icacls: None,
            runs: shell.command_line(&undo.restore.program, &undo.restore.args),
            notes: vec![format!(
                "the ACL saved before the change ({}) is put back",
                undo.saved.display()
            )],
            warning: None,
            unchanged: false,
            before: now,
            after: Some(saved),
            buttons: Buttons::new(&["Cancel", "Undo"]),
            action: ReviewAction::Undo(undo),
            scroll: 0,
            state: SaveState::Ready,
        }
    }

    /// The job that carries it out, answering dialog `id`.
    pub fn apply_effect(&mut self, app: &mut App, id: DialogId) -> Vec<Effect> {
        self.state = SaveState::Saving;
        app.busy += 1;
        let job = match &self.action {
            ReviewAction::Change(change) => AclJob::Apply {
                change: change.clone(),
                undo_dir: app.permissions.undo_dir(),
                dialog: id,
            },
            ReviewAction::Undo(undo) => AclJob::Undo {
                undo: undo.clone(),
                dialog: id,
            },
        };
        vec![Effect::Acl(job)]
    }

    /// Handles a key (Confirm layer).
    pub fn handle(&mut self, key: &KeyEvent, keymap: &Keymap, page: usize) -> ReviewEvent {
        let lines = self.line_count();
        review_key(
            keymap.action(Layer::Confirm, &Key::from_event(key)),
            &mut self.buttons,
            &mut self.scroll,
            (lines, page),
            self.state == SaveState::Saving,
        )
    }

    /// The apply's answer: `true` when the review is done.
    pub fn finished(&mut self, result: &DialogResult) -> bool {
        save_answer(&mut self.state, &mut self.buttons, result)
    }

    /// Rows of text shown at once in a terminal of this size.
    pub fn page(app: &App) -> usize {
        (app.height as usize).saturating_sub(8).max(1)
    }

    fn line_count(&self) -> usize {
        self.lines(&Theme::default_theme()).len()
    }

    /// The entries of both ACLs; those only before marked `-`, only after `+`.
    fn entry_lines<'a>(&self, theme: &Theme, lines: &mut Vec<Line<'a>>) {
        let listing = |acl: &Acl| -> Vec<String> {
            acl.entries
                .iter()
                .map(|a| escape(&a.listing()).into_owned())
                .collect()
        };
        let before = listing(&self.before);
        let after = self.after.as_ref().map(listing);
        let owner = match (&self.before.owner, &self.before.group) {
            (Some(owner), Some(group)) => {
                format!(" (owner {}, group {})", escape(owner), escape(group))
            }
            _ => String::new(),
        };
        lines.push(Line::from(Span::styled(
            format!("Before: {}{owner}", escape(&self.before.path)),
            theme.header(),
        )));
        let kept: HashSet<&String> = after.iter().flatten().collect();
        for entry in &before {
            lines.push(if kept.contains(entry) {
                Line::from(Span::styled(format!("    {entry}"), theme.text()))
            } else {
                Line::from(Span::styled(format!("  - {entry}"), theme.error()))
            });
        }
        if before.is_empty() {
            lines.push(Line::from(Span::styled("    (no entries)", theme.dim())));
        }
        match &after {
            Some(after) => {
                lines.push(Line::from(Span::styled(
                    if self.unchanged {
                        "After: the same (nothing would change)"
                    } else if matches!(self.action, ReviewAction::Undo(_)) {
                        "After (the saved ACL):"
                    } else {
                        "After (expected):"
                    },
                    theme.header(),
                )));
                let old: HashSet<&String> = before.iter().collect();
                if !self.unchanged {
                    for entry in after {
                        lines.push(if old.contains(entry) {
                            Line::from(Span::styled(format!("    {entry}"), theme.text()))
                        } else {
                            Line::from(Span::styled(format!("  + {entry}"), theme.ok()))
                        });
                    }
                }
            }
            None => lines.push(Line::from(Span::styled(
                "After: known once applied (it depends on the parent folder)",
                theme.header(),
            ))),
        }
    }

    fn lines<'a>(&self, theme: &Theme) -> Vec<Line<'a>> {
        let mut lines = Vec::new();
        if let SaveState::Failed(why) = &self.state {
            for (n, part) in why.lines().enumerate() {
                let lead = if n == 0 { "Not applied: " } else { "  " };
                lines.push(Line::from(Span::styled(
                    format!("{lead}{}", escape(part)),
                    theme.error(),
                )));
            }
        }
        if let Some(warning) = &self.warning {
            lines.push(Line::from(Span::styled(
                format!("warning: {}", escape(warning)),
                theme.warning(),
            )));
        }
        for note in &self.notes {
            lines.push(Line::from(Span::styled(
                format!("note: {}", escape(note)),
                theme.dim(),
            )));
        }
        self.entry_lines(theme, &mut lines);
        lines.push(Line::from(""));
        if let Some(icacls) = &self.icacls {
            lines.push(Line::from(vec![
                Span::styled("Same as: ", theme.dim()),
                Span::styled(escape(icacls).into_owned(), theme.accent()),
            ]));
        }
        lines.push(Line::from(vec![
            Span::styled("Runs:    ", theme.dim()),
            Span::styled(escape(&self.runs).into_owned(), theme.text()),
        ]));
        lines
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let rect = large(area);
        frame.render_widget(Clear, rect);
        let block = frame_block(theme, &format!("{}?", self.title));
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let [body, state, foot] = Layout::vertical([
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(inner);
        let lines = self.lines(theme);
        let scroll = clamp_scroll(self.scroll, lines.len(), body.height as usize) as u16;
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .scroll((scroll, 0)),
            body,
        );
        let state_line = match &self.state {
            SaveState::Ready if self.unchanged => {
                Line::from(Span::styled("The ACL already says this.", theme.dim()))
            }
            SaveState::Ready => Line::from(Span::styled(
                "The previous ACL is saved first; z in the Permissions view undoes.",
                theme.dim(),
            )),
            SaveState::Saving => Line::from(Span::styled("applying…", theme.accent())),
            SaveState::Failed(_) => Line::from(Span::styled(
                "Not applied (why is at the top); Esc goes back.",
                theme.error(),
            )),
        };
        frame.render_widget(Paragraph::new(state_line), state);
        frame.render_widget(Paragraph::new(self.buttons.line(theme)), foot);
    }
}
