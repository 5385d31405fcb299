//! Site Bindings (`b` on a site): the site's bindings as a list; `a` adds one, Enter edits the
//! selected one, `d` removes it (never the last). Each change goes through its own review
//! (diff + the equivalent `iistui add binding` / `set binding` / `delete binding`) and is
//! saved on its own, as IIS Manager's Site Bindings dialog applies each change; the list then
//! shows the file as saved.

use std::net::IpAddr;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::host::connection::ConnectionKind;
use crate::model::apphost::{AppHost, Binding, BindingIndex};
use crate::tui::action::{Action, Layer};
use crate::tui::app::{App, Focus, Level, View};
use crate::tui::form::FormEvent;
use crate::tui::keymap::Key;
use crate::tui::msg::{DialogResult, Effect};
use crate::tui::op::ModelOp;

use super::binding_form::{BindingForm, Others};
use super::review::Review;
use super::steps::{
    DiscardAnswer, ReviewStep, discard_buttons, discard_key, has_errors, review_key,
};
use super::{Buttons, Cx, Dialog, Outcome};

/// Where the dialog is.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    List,
    Form,
    Discard(Buttons),
    Review(Box<Review>),
}

/// The Site Bindings dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct Bindings {
    pub conn: usize,
    pub site: String,
    pub bindings: Vec<Binding>,
    pub selected: usize,
    pub form: Option<BindingForm>,
    pub step: Step,
    /// This machine's addresses, offered in the IP field.
    pub addresses: Vec<IpAddr>,
    /// The connection is this machine's IIS: an address it does not have gets a warning.
    pub machine: bool,
    /// Every site's bindings by endpoint, read when the list opens and after each save.
    pub index: BindingIndex,
    /// Why the last change was refused, shown in the list (the status line may be cut).
    pub refusal: Option<String>,
}

/// `b` on the main screen: the bindings of the selected site (or of the site whose
/// applications are shown).
pub fn open(app: &mut App) -> Vec<Effect> {
    let site = match (&app.view, app.focus) {
        (View::Sites, Focus::Main) => app.selected_name(),
        (View::Apps { site: Some(site) }, _) => Some(site.clone()),
        _ => None,
    };
    let Some(site) = site else {
        app.set_status(Level::Info, "Bindings: select a site in the Sites list");
        return Vec::new();
    };
    let addresses = crate::host::addresses::local_addresses();
    match Bindings::new(app, app.current, &site, addresses) {
        Ok(dialog) => {
            app.dialogs.push(Box::new(dialog));
        }
        Err(why) => app.set_status(Level::Error, format!("Bindings: {why}")),
    }
    Vec::new()
}

impl Bindings {
    pub fn new(
        app: &App,
        conn: usize,
        site: &str,
        addresses: Vec<IpAddr>,
    ) -> Result<Bindings, String> {
        let c = app.conns.get(conn).ok_or("no such connection")?;
        let mut dialog = Bindings {
            conn,
            site: site.to_owned(),
            bindings: Vec::new(),
            selected: 0,
            form: None,
            step: Step::List,
            addresses,
            machine: c.kind == ConnectionKind::Machine,
            index: BindingIndex::default(),
            refusal: None,
        };
        dialog.reload(app)?;
        Ok(dialog)
    }

    /// Reads the site's bindings from the document as it is now.
    fn reload(&mut self, app: &App) -> Result<(), String> {
        let store = app
            .conns
            .get(self.conn)
            .and_then(|c| c.store.as_ref())
            .ok_or("this configuration could not be opened")?;
        let host = AppHost::new(store.document(), &app.schema);
        let site = host.site(&self.site).map_err(|e| e.to_string())?;
        self.site = site.name().into_owned();
        self.bindings = site.bindings();
        self.index = BindingIndex::new(&host);
        self.selected = self.selected.min(self.bindings.len().saturating_sub(1));
        Ok(())
    }

    fn check(&mut self, changed: Option<usize>) {
        let Some(form) = self.form.as_mut() else {
            return;
        };
        let key = changed
            .and_then(|i| form.form.fields.get(i))
            .map(|f| f.key.clone());
        form.follow_type(key.as_deref());
        let others = Others {
            index: &self.index,
            site: &self.site,
            own: &self.bindings,
            local: self.machine.then_some(self.addresses.as_slice()),
        };
        form.check(&others, key.as_deref());
    }

    fn open_form(&mut self, app: &mut App, edit: bool) {
        let editing = if edit {
            match self.bindings.get(self.selected) {
                Some(binding) => Some(binding.clone()),
                None => return,
            }
        } else {
            None
        };
        self.form = Some(BindingForm::new(&app.schema, &self.addresses, editing));
        self.check(None);
        self.step = Step::Form;
    }

    fn preview(&mut self, app: &mut App, op: &ModelOp) {
        match Review::preview(app, self.conn, op) {
            Ok(review) => self.step = Step::Review(Box::new(review)),
            Err(why) => {
                self.refusal = Some(why.clone());
                app.set_status(Level::Error, why);
            }
        }
    }

    fn remove(&mut self, app: &mut App) {
        let Some(binding) = self.bindings.get(self.selected) else {
            return;
        };
        // The model refuses the last binding, with the rule; the preview shows its words.
        let op = ModelOp::RemoveBinding {
            site: self.site.clone(),
            binding: binding.spec(),
        };
        self.form = None;
        self.preview(app, &op);
    }

    fn submit(&mut self, app: &mut App) {
        self.check(None);
        let Some(form) = self.form.as_mut() else {
            return;
        };
        if has_errors(&mut form.form, app) {
            return;
        }
        let binding = match form.binding() {
            Ok(binding) => binding,
            Err(why) => {
                app.set_status(Level::Error, why);
                return;
            }
        };
        let op = match &form.editing {
            None => ModelOp::AddBinding {
                site: self.site.clone(),
                binding,
            },
            Some(old) => {
                let settings = form.settings(&binding);
                if settings.is_empty() {
                    app.set_status(Level::Info, "nothing changed: nothing to save");
                    return;
                }
                ModelOp::EditBinding {
                    site: self.site.clone(),
                    binding: old.spec(),
                    settings,
                }
            }
        };
        self.preview(app, &op);
    }

    fn list_key(&mut self, key: &KeyEvent, app: &mut App) -> Outcome {
        self.refusal = None;
        let last = self.bindings.len().saturating_sub(1);
        match app.keymap.action(Layer::Items, &Key::from_event(key)) {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(last),
            Some(Action::Top) => self.selected = 0,
            Some(Action::Bottom) => self.selected = last,
            Some(Action::Add) => self.open_form(app, false),
            Some(Action::Edit) => self.open_form(app, true),
            Some(Action::Remove) => self.remove(app),
            Some(Action::Close) => return Outcome::Close,
            _ => {}
        }
        Outcome::Stay
    }

    fn form_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        let Some(form) = self.form.as_mut() else {
            self.step = Step::List;
            return Outcome::Stay;
        };
        match form.form.on_key(key, &cx.app.keymap) {
            FormEvent::Changed(field) => self.check(Some(field)),
            FormEvent::Submit => self.submit(cx.app),
            FormEvent::Cancel if form.form.changed() => {
                self.step = Step::Discard(discard_buttons());
            }
            FormEvent::Cancel => {
                self.form = None;
                self.step = Step::List;
            }
            FormEvent::None | FormEvent::Complete(_) => {}
        }
        Outcome::Stay
    }

    /// A change was saved: back to the list, which shows the file as it is now.
    fn saved(&mut self, app: &App) {
        let added = matches!(&self.form, Some(f) if f.editing.is_none());
        self.form = None;
        self.step = Step::List;
        if self.reload(app).is_err() {
            self.bindings.clear();
        }
        if added {
            self.selected = self.bindings.len().saturating_sub(1);
        }
    }
}

impl Dialog for Bindings {
    fn layer(&self) -> Layer {
        match self.step {
            Step::List => Layer::Items,
            Step::Form => Layer::Form,
            Step::Discard(_) | Step::Review(_) => Layer::Confirm,
        }
    }

    fn hint_layer(&self) -> Layer {
        match (&self.step, &self.form) {
            (Step::Form, Some(form)) if form.form.picker.is_some() => Layer::Picker,
            _ => self.layer(),
        }
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        match &mut self.step {
            Step::List => self.list_key(key, cx.app),
            Step::Form => self.form_key(key, cx),
            Step::Discard(buttons) => {
                match discard_key(buttons, key, &cx.app.keymap) {
                    DiscardAnswer::Drop => {
                        self.form = None;
                        self.step = Step::List;
                    }
                    DiscardAnswer::KeepEditing => self.step = Step::Form,
                    DiscardAnswer::Stay => {}
                }
                Outcome::Stay
            }
            Step::Review(review) => match review_key(review, key, cx) {
                ReviewStep::Stay => Outcome::Stay,
                ReviewStep::Back => {
                    self.step = if self.form.is_some() {
                        Step::Form
                    } else {
                        Step::List
                    };
                    Outcome::Stay
                }
                ReviewStep::Save(effects) => Outcome::Run(effects),
            },
        }
    }

    fn on_paste(&mut self, text: &str, _cx: &mut Cx) -> Outcome {
        if self.step == Step::Form {
            if let Some(FormEvent::Changed(field)) = self.form.as_mut().map(|f| f.form.paste(text))
            {
                self.check(Some(field));
            }
        }
        Outcome::Stay
    }

    fn on_result(&mut self, result: DialogResult, cx: &mut Cx) -> Outcome {
        if let Step::Review(review) = &mut self.step {
            if review.saved(&result) {
                self.saved(cx.app);
            }
        }
        Outcome::Stay
    }

    fn render(&self, frame: &mut Frame, area: Rect, app: &App, active: bool) {
        match &self.step {
            Step::Review(review) => review.draw(frame, area, &app.theme),
            Step::Form | Step::Discard(_) => self.render_form(frame, area, app, active),
            Step::List => self.render_list(frame, area, app),
        }
    }

    fn holds_input(&self) -> bool {
        match &self.step {
            Step::List => false,
            Step::Review(_) => true,
            _ => self.form.as_ref().is_some_and(|f| f.form.changed()),
        }
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
