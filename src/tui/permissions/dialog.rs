//! The dialog every ACL change goes through, as a wizard of steps: a form (an entry to add or
//! change, or the grant-pool-identity wizard; none for a removal), the back end's check of the
//! change (a job: it runs getfacl and getent, or icacls), the review with the before/after ACL
//! and the icacls command, then the apply (a job) that closes it. Esc goes back a step with
//! everything typed kept.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::host::acl::AclChange;
use crate::tui::action::{Action, Layer};
use crate::tui::app::{App, Level};
use crate::tui::dialog::{Buttons, Cx, Dialog, Outcome, ReviewEvent};
use crate::tui::form::{Form, FormEvent};
use crate::tui::keymap::Key;
use crate::tui::msg::{DialogResult, Effect};

use super::entry::EntryForm;
use super::grant::GrantForm;
use super::job::AclJob;
use super::review::AclReview;

/// What comes before the review.
#[derive(Debug, Clone, PartialEq)]
pub enum Front {
    Entry(Box<EntryForm>),
    Grant(Box<GrantForm>),
    /// Straight to the check (a removal) or the review (an undo).
    Direct,
}

/// Where the dialog is.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Form,
    /// Esc on a form with input: discard it?
    Discard(Buttons),
    /// The back end is checking this change.
    Checking(AclChange),
    /// The back end refused it before anything ran (a direct change).
    Refused(String),
    Review(Box<AclReview>),
}

/// An ACL change being prepared, checked, reviewed and applied.
#[derive(Debug, Clone, PartialEq)]
pub struct AclDialog {
    pub title: String,
    pub front: Front,
    pub step: Step,
    /// Said in the review (Full control).
    pub warning: Option<String>,
    /// The back end's refusal, shown under the form.
    pub refused: Option<String>,
}

impl AclDialog {
    pub fn entry(title: &str, entry: EntryForm) -> AclDialog {
        AclDialog {
            title: title.to_owned(),
            front: Front::Entry(Box::new(entry)),
            step: Step::Form,
            warning: None,
            refused: None,
        }
    }

    pub fn grant(grant: GrantForm) -> AclDialog {
        AclDialog {
            title: String::from("Grant pool identity"),
            front: Front::Grant(Box::new(grant)),
            step: Step::Form,
            warning: None,
            refused: None,
        }
    }

    /// A change checked without a form (a removal): the effect comes from [`AclDialog::check`].
    pub fn direct(title: &str, change: AclChange) -> AclDialog {
        AclDialog {
            title: title.to_owned(),
            front: Front::Direct,
            step: Step::Checking(change),
            warning: None,
            refused: None,
        }
    }

    /// A review ready to confirm (an undo).
    pub fn review(review: AclReview) -> AclDialog {
        AclDialog {
            title: review.title.clone(),
            front: Front::Direct,
            step: Step::Review(Box::new(review)),
            warning: None,
            refused: None,
        }
    }

    pub(super) fn form(&self) -> Option<&Form> {
        match &self.front {
            Front::Entry(entry) => Some(&entry.form),
            Front::Grant(grant) => Some(&grant.form),
            Front::Direct => None,
        }
    }

    fn form_mut(&mut self) -> Option<&mut Form> {
        match &mut self.front {
            Front::Entry(entry) => Some(&mut entry.form),
            Front::Grant(grant) => Some(&mut grant.form),
            Front::Direct => None,
        }
    }

    fn changed(&mut self, field: usize) {
        match &mut self.front {
            Front::Entry(entry) => entry.check(),
            Front::Grant(grant) => grant.changed(field),
            Front::Direct => {}
        }
    }

    /// The job that checks the change being prepared, answering dialog `id`.
    pub fn check(&self, id: crate::tui::dialog::DialogId) -> Vec<Effect> {
        match &self.step {
            Step::Checking(change) => vec![Effect::Acl(AclJob::Preview {
                change: change.clone(),
                dialog: id,
            })],
            _ => Vec::new(),
        }
    }

    /// The form is complete: check the change it means with the back end.
    fn submit(&mut self, cx: &mut Cx) -> Outcome {
        let change = match &mut self.front {
            Front::Entry(entry) => {
                entry.form.check_all();
                entry.check();
                if entry.form.focus_first_error() {
                    return Outcome::Stay;
                }
                entry.change_of()
            }
            Front::Grant(grant) => {
                grant.changed(usize::MAX);
                if grant.form.focus_first_error() {
                    return Outcome::Stay;
                }
                match &grant.proposal {
                    Ok(proposal) => {
                        self.warning = proposal.warning.clone();
                        Ok(proposal.change.clone())
                    }
                    Err(why) => Err(why.clone()),
                }
            }
            Front::Direct => return Outcome::Stay,
        };
        match change {
            Ok(change) => {
                self.refused = None;
                self.step = Step::Checking(change);
                Outcome::Run(self.check(cx.id))
            }
            Err(why) => {
                self.refused = Some(why);
                Outcome::Stay
            }
        }
    }

    fn form_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        let Some(form) = self.form_mut() else {
            return Outcome::Close;
        };
        match form.on_key(key, &cx.app.keymap) {
            FormEvent::None => Outcome::Stay,
            FormEvent::Changed(field) => {
                self.refused = None;
                self.changed(field);
                Outcome::Stay
            }
            FormEvent::Complete(field) => Outcome::Run(vec![Effect::ListFolders {
                dialog: cx.id,
                field,
                path: form.fields[field].text().to_owned(),
            }]),
            FormEvent::Submit => self.submit(cx),
            FormEvent::Cancel if form.changed() => {
                self.step = Step::Discard(Buttons::new(&["Keep editing", "Discard"]));
                Outcome::Stay
            }
            FormEvent::Cancel => Outcome::Close,
        }
    }

    /// Back from a check or a review: to the form, or closed when there is none.
    fn back(&mut self, cx: &mut Cx) -> Outcome {
        if matches!(self.front, Front::Direct) {
            cx.app
                .set_status(Level::Info, "cancelled: no permission was changed");
            return Outcome::Close;
        }
        self.step = Step::Form;
        Outcome::Stay
    }
}

impl Dialog for AclDialog {
    fn layer(&self) -> Layer {
        match self.step {
            Step::Form => Layer::Form,
            _ => Layer::Confirm,
        }
    }

    fn hint_layer(&self) -> Layer {
        match self.step {
            Step::Form if self.form().is_some_and(|f| f.picker.is_some()) => Layer::Picker,
            _ => self.layer(),
        }
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        let action = cx.app.keymap.action(Layer::Confirm, &Key::from_event(key));
        match &mut self.step {
            Step::Form => self.form_key(key, cx),
            Step::Discard(buttons) => match action {
                Some(Action::Press) if buttons.focus == 1 => Outcome::Close,
                Some(Action::Press | Action::Cancel) => {
                    self.step = Step::Form;
                    Outcome::Stay
                }
                Some(step) => {
                    buttons.step(step);
                    Outcome::Stay
                }
                None => Outcome::Stay,
            },
            // The check's late answer is dropped once the step has changed.
            Step::Checking(_) => match action {
                Some(Action::Cancel) => self.back(cx),
                _ => Outcome::Stay,
            },
            Step::Refused(_) => match action {
                Some(Action::Cancel | Action::Press) => Outcome::Close,
                _ => Outcome::Stay,
            },
            Step::Review(review) => {
                let page = AclReview::page(cx.app);
                match review.handle(key, &cx.app.keymap, page) {
                    ReviewEvent::None => Outcome::Stay,
                    ReviewEvent::Back => self.back(cx),
                    ReviewEvent::Save => Outcome::Run(review.apply_effect(cx.app, cx.id)),
                }
            }
        }
    }

    fn on_paste(&mut self, text: &str, _cx: &mut Cx) -> Outcome {
        if self.step == Step::Form {
            if let Some(FormEvent::Changed(field)) = self.form_mut().map(|f| f.paste(text)) {
                self.changed(field);
            }
        }
        Outcome::Stay
    }

    fn on_result(&mut self, result: DialogResult, cx: &mut Cx) -> Outcome {
        match (&mut self.step, result) {
            (_, DialogResult::Folders { field, names }) => {
                let names = names.unwrap_or_default();
                if let Some(FormEvent::Changed(field)) =
                    self.form_mut().map(|f| f.complete(field, &names))
                {
                    self.changed(field);
                }
                Outcome::Stay
            }
            (Step::Checking(_), DialogResult::AclPreview(Ok(preview))) => {
                self.step = Step::Review(Box::new(AclReview::of_preview(
                    *preview,
                    self.warning.clone(),
                )));
                Outcome::Stay
            }
            (Step::Checking(_), DialogResult::AclPreview(Err(why))) => {
                cx.app.set_status(Level::Warning, why.clone());
                if matches!(self.front, Front::Direct) {
                    self.step = Step::Refused(why);
                } else {
                    self.refused = Some(why);
                    self.step = Step::Form;
                }
                Outcome::Stay
            }
            (Step::Review(review), result @ DialogResult::Saved(_)) => {
                if review.finished(&result) {
                    Outcome::Close
                } else {
                    Outcome::Stay
                }
            }
            _ => Outcome::Stay,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, app: &App, active: bool) {
        match &self.step {
            Step::Review(review) => review.draw(frame, area, &app.theme),
            Step::Refused(why) => self.draw_message(frame, area, app, why, true),
            Step::Checking(_) if matches!(self.front, Front::Direct) => {
                self.draw_message(frame, area, app, "checking the change…", false)
            }
            _ => self.draw_form(frame, area, app, active),
        }
    }

    fn holds_input(&self) -> bool {
        self.form().is_some_and(Form::changed) || matches!(self.step, Step::Review(_))
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
