//! Add Website (`a`, `n` on Sites, `:add website`), IIS Manager's dialog and more: the site's
//! name, its application pool (a new pool named after the site, or a fuzzy list of the pools
//! with CLR and pipeline), the physical path (Tab completes; a missing folder is noted in the
//! background and offered to be created, after the review), any number of bindings (each in
//! the Site Bindings form: type, IP with this machine's addresses, port by type, host name, and
//! for https SNI and a certificate with the HTTP.sys note), and "start website immediately"
//! where IIS can be started from here. Every field and binding is checked as it is typed.
//! Ctrl-S (or Enter on the last field) opens the review: the diff and the equivalent
//! `iistui add site` command; Enter saves, Esc goes back a step, nothing is written before.

use std::collections::HashMap;
use std::net::IpAddr;

use ratatui::crossterm::event::KeyEvent;

use crate::host::connection::ConnectionKind;
use crate::host::runtime::Control;
use crate::model::apphost::{BindingIndex, NewSite, check_new_site_name, trim_trailing_separator};
use crate::tui::action::{Action, Layer};
use crate::tui::app::{App, Level};
use crate::tui::form::{Choice, Field, FieldKind, Form, FormEvent};
use crate::tui::host_job::HostJob;
use crate::tui::keymap::Key;
use crate::tui::msg::{DialogResult, Effect};
use crate::tui::op::ModelOp;

use super::binding_form::{BindingForm, Others};
use super::commit::Job;
use super::path_probe::PathProbe;
use super::review::Review;
use super::review_page::ReviewPage;
use super::site_bindings::SiteBindings;
use super::steps::{DiscardAnswer, discard_buttons, discard_key, has_errors};
use super::wizard::{Answered, around, check_path_field, form_answer, start_field};
use super::{Buttons, Cx, Dialog, Outcome};

/// Where the wizard is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The site's fields and its bindings.
    Form,
    /// One binding in the binding form.
    Binding,
    /// Esc with something typed: discard it (the binding, or the whole wizard)?
    Discard(Buttons),
    Review(Box<ReviewPage>),
}

/// Which part of the form has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Fields,
    Bindings,
}

/// The Add Website wizard.
#[derive(Debug, Clone, PartialEq)]
pub struct AddSite {
    pub conn: usize,
    pub form: Form,
    pub bindings: SiteBindings,
    pub part: Part,
    pub step: Step,
    /// The binding being added or edited (its index when edited).
    pub binding: Option<(BindingForm, Option<usize>)>,
    pub probe: PathProbe,
    /// Every site's bindings by endpoint, read when the wizard opens.
    pub index: BindingIndex,
    pub addresses: Vec<IpAddr>,
    pub machine: bool,
    /// The sites' and pools' names, read when the wizard opens.
    pub taken: TakenNames,
}

/// Existing site and pool names by their lower-case form (IIS compares them so): a check per
/// keystroke is one lookup, not a walk of 10,000 sites.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TakenNames {
    sites: HashMap<String, String>,
    pools: HashMap<String, String>,
}

impl TakenNames {
    fn of(app: &App, conn: usize) -> TakenNames {
        let by_lower = |names: &mut dyn Iterator<Item = &String>| {
            names.map(|n| (n.to_lowercase(), n.clone())).collect()
        };
        match app.conns.get(conn) {
            Some(c) => TakenNames {
                sites: by_lower(&mut c.rows.sites.iter().map(|r| &r.name)),
                pools: by_lower(&mut c.rows.pools.iter().map(|r| &r.name)),
            },
            None => TakenNames::default(),
        }
    }

    fn site(&self, name: &str) -> Option<&str> {
        self.sites.get(&name.to_lowercase()).map(String::as_str)
    }

    fn pool(&self, name: &str) -> Option<&str> {
        self.pools.get(&name.to_lowercase()).map(String::as_str)
    }
}

const NEW_POOL: &str = "";

/// `a` on the main screen: the wizard, asking whether IIS can be started from here.
pub fn open(app: &mut App) -> Vec<Effect> {
    let conn = app.current;
    let addresses = crate::host::addresses::local_addresses();
    let wizard = AddSite::new(app, conn, addresses);
    let id = app.dialogs.next_id();
    app.dialogs.push(Box::new(wizard));
    vec![Effect::Host {
        dialog: id,
        job: HostJob::CanControl {
            machine: app.conns.get(conn).is_some_and(|c| c.is_machine()),
        },
    }]
}

impl AddSite {
    pub fn new(app: &App, conn: usize, addresses: Vec<IpAddr>) -> AddSite {
        let mut pools = vec![Choice::labelled(
            NEW_POOL,
            "(a new pool named after the site)",
        )];
        if let Some(c) = app.conns.get(conn) {
            pools.extend(c.rows.pools.iter().map(|p| {
                Choice::new(p.name.clone()).with_detail(format!("{} · {}", p.runtime, p.pipeline))
            }));
        }
        // The demo's folders are under its own %SystemDrive%, not a C: this machine lacks.
        let example = if app.conns.get(conn).is_some_and(|c| c.is_demo()) {
            "e.g. %SystemDrive%\\inetpub\\shop (the demo server's drive; Tab completes folder names)"
        } else {
            "e.g. C:\\inetpub\\shop (Tab completes folder names)"
        };
        let fields = vec![
            Field::new("name", "Site name", FieldKind::Text)
                .required()
                .help("e.g. shop.example.com (the first binding's host name follows it)"),
            Field::new("pool", "Application pool", FieldKind::Enum(pools))
                .value(NEW_POOL)
                .help("Space or type: the existing pools, with CLR and pipeline"),
            Field::new("path", "Physical path", FieldKind::Path)
                .required()
                .help(example),
            start_field("Start website now"),
        ];
        let (index, machine) = match app.conns.get(conn) {
            Some(c) => (
                c.host(&app.schema)
                    .map(|h| BindingIndex::new(&h))
                    .unwrap_or_default(),
                c.kind == ConnectionKind::Machine,
            ),
            None => (BindingIndex::default(), false),
        };
        let mut wizard = AddSite {
            conn,
            form: Form::new(fields),
            bindings: SiteBindings::new(""),
            part: Part::Fields,
            step: Step::Form,
            binding: None,
            probe: PathProbe::default(),
            index,
            addresses,
            machine,
            taken: TakenNames::of(app, conn),
        };
        wizard.check(None);
        wizard
    }

    /// The model's checks: of one field after it changed (its own checks have run), or of
    /// every field and binding (`None`, on open and submit).
    fn check(&mut self, changed: Option<usize>) {
        let changed = changed
            .and_then(|i| self.form.fields.get(i))
            .map(|f| f.key.clone());
        let wants = |key: &str| changed.as_deref().is_none_or(|c| c == key);
        if changed.is_none() {
            self.form.check_all();
        }
        let name = self.form.text("name");
        if wants("path") {
            check_path_field(&mut self.form);
        }
        if wants("name") {
            self.bindings.follow_name(&name);
            self.bindings.check(&self.index);
        }
        if wants("name") {
            let name_error = name_error(&self.taken, &name);
            if let Some(field) = self.form.field_mut("name") {
                field.error = field.error.take().or(name_error);
            }
            self.name_the_new_pool(&name);
        }
    }

    /// The "new pool" choice says which pool the site will get.
    fn name_the_new_pool(&mut self, name: &str) {
        let label = if name.is_empty() {
            String::from("(a new pool named after the site)")
        } else {
            match self.taken.pool(name) {
                Some(pool) => format!("(the existing pool \"{pool}\")"),
                None => format!("(a new pool \"{name}\")"),
            }
        };
        if let Some(FieldKind::Enum(choices)) = self.form.field_mut("pool").map(|f| &mut f.kind) {
            if let Some(choice) = choices.first_mut() {
                choice.label = label;
            }
        }
    }

    fn site(&self) -> NewSite {
        let pool = self.form.text("pool");
        NewSite {
            name: self.form.text("name"),
            physical_path: trim_trailing_separator(&self.form.text("path")).to_owned(),
            bindings: self.bindings.bindings.clone(),
            app_pool: Some(pool).filter(|p| !p.is_empty()),
            id: None,
        }
    }

    fn submit(&mut self, app: &mut App) -> Outcome {
        self.check(None);
        if has_errors(&mut self.form, app) {
            self.part = Part::Fields;
            return Outcome::Stay;
        }
        if let Some((at, why)) = self.bindings.first_error() {
            self.part = Part::Bindings;
            self.bindings.selected = at;
            app.set_status(Level::Warning, why);
            return Outcome::Stay;
        }
        let site = self.site();
        let name = site.name.clone();
        let op = ModelOp::AddSite(site);
        match Review::preview(app, self.conn, &op) {
            Ok(mut review) => {
                let mut jobs = vec![Job::Apply {
                    conn: self.conn,
                    op,
                }];
                let start = Some(Control::StartSite(name));
                around(&mut review, &mut jobs, &self.form, self.machine, start);
                self.step = Step::Review(Box::new(ReviewPage::new(review, jobs)));
            }
            Err(why) => app.set_status(Level::Error, why),
        }
        Outcome::Stay
    }

    fn changed(&mut self, field: usize, cx: &mut Cx) -> Outcome {
        self.check(Some(field));
        if self.form.fields.get(field).is_some_and(|f| f.key == "path") {
            if let Some(path) = self.form.field_mut("path") {
                path.warning = None;
            }
            let text = self.form.text("path");
            return Outcome::Run(self.probe.ask(cx.id, &text));
        }
        Outcome::Stay
    }

    fn fields_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        let last = self.form.fields.len().saturating_sub(1);
        if self.form.picker.is_none() {
            let action = cx.app.keymap.action(Layer::Form, &Key::from_event(key));
            let at = self.form.focused;
            let typing_path = self
                .form
                .fields
                .get(at)
                .is_some_and(|f| matches!(f.kind, FieldKind::Path) && !f.text().is_empty())
                && key.code == ratatui::crossterm::event::KeyCode::Tab;
            match action {
                Some(Action::NextField) if at == last && !typing_path => {
                    self.part = Part::Bindings;
                    return Outcome::Stay;
                }
                Some(Action::PrevField) if at == 0 => {
                    self.part = Part::Bindings;
                    return Outcome::Stay;
                }
                _ => {}
            }
        }
        match self.form.on_key(key, &cx.app.keymap) {
            FormEvent::None => Outcome::Stay,
            FormEvent::Changed(field) => self.changed(field, cx),
            FormEvent::Complete(field) => Outcome::Run(vec![Effect::ListFolders {
                dialog: cx.id,
                field,
                path: self.form.fields[field].text().to_owned(),
            }]),
            FormEvent::Submit => self.submit(cx.app),
            FormEvent::Cancel => self.cancel(),
        }
    }

    fn cancel(&mut self) -> Outcome {
        if self.form.changed() || self.bindings.touched {
            self.step = Step::Discard(discard_buttons());
            Outcome::Stay
        } else {
            Outcome::Close
        }
    }

    fn list_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        let pressed = Key::from_event(key);
        let last = self.bindings.bindings.len().saturating_sub(1);
        let list = &mut self.bindings;
        match cx.app.keymap.action(Layer::Items, &pressed) {
            Some(Action::Up) if list.selected == 0 => {
                self.part = Part::Fields;
                self.form.focused = self.form.fields.len().saturating_sub(1);
            }
            Some(Action::Up) => list.selected -= 1,
            Some(Action::Down) => list.selected = (list.selected + 1).min(last),
            Some(Action::Top) => list.selected = 0,
            Some(Action::Bottom) => list.selected = last,
            Some(Action::Add) => self.open_binding(cx.app, None),
            Some(Action::Edit) => self.open_binding(cx.app, Some(self.bindings.selected)),
            Some(Action::Remove) => match self.bindings.remove() {
                Ok(()) => self.bindings.check(&self.index),
                Err(why) => cx.app.set_status(Level::Info, why),
            },
            Some(Action::Close) => return self.cancel(),
            _ => match cx.app.keymap.action(Layer::Form, &pressed) {
                Some(Action::NextField) => {
                    self.part = Part::Fields;
                    self.form.focused = 0;
                }
                Some(Action::PrevField) => {
                    self.part = Part::Fields;
                    self.form.focused = self.form.fields.len().saturating_sub(1);
                }
                Some(Action::Submit) => return self.submit(cx.app),
                _ => {}
            },
        }
        Outcome::Stay
    }

    fn open_binding(&mut self, app: &App, editing: Option<usize>) {
        let binding = match editing {
            Some(i) => match self.bindings.bindings.get(i) {
                Some(b) => b.clone(),
                None => return,
            },
            None => self.bindings.prefill(),
        };
        let mut form = BindingForm::new(&app.schema, &self.addresses, Some(binding));
        // Not a binding in the file: the wizard's own list is what it is checked against.
        form.editing = None;
        self.binding = Some((form, editing));
        self.check_binding(None);
        self.step = Step::Binding;
    }

    fn check_binding(&mut self, changed: Option<usize>) {
        let name = self.form.text("name");
        let Some((form, editing)) = self.binding.as_mut() else {
            return;
        };
        let key = changed
            .and_then(|i| form.form.fields.get(i))
            .map(|f| f.key.clone());
        form.follow_type(key.as_deref());
        let own = self.bindings.others(*editing);
        let others = Others {
            index: &self.index,
            site: &name,
            own: &own,
            local: self.machine.then_some(self.addresses.as_slice()),
        };
        form.check(&others, key.as_deref());
        // Within the wizard: the same endpoint twice.
        if let Ok(binding) = form.binding() {
            if own.iter().any(|b| b.same_endpoint(&binding)) {
                if let Some(host) = form.form.field_mut("host") {
                    host.error = Some(format!("this site has binding {} already", binding.spec()));
                }
            }
        }
    }

    fn binding_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        let Some((form, _)) = self.binding.as_mut() else {
            self.step = Step::Form;
            return Outcome::Stay;
        };
        match form.form.on_key(key, &cx.app.keymap) {
            FormEvent::Changed(field) => self.check_binding(Some(field)),
            FormEvent::Submit => self.accept_binding(cx.app),
            FormEvent::Cancel if form.form.changed() => {
                self.step = Step::Discard(discard_buttons());
            }
            FormEvent::Cancel => {
                self.binding = None;
                self.step = Step::Form;
            }
            FormEvent::None | FormEvent::Complete(_) => {}
        }
        Outcome::Stay
    }

    /// The binding form is done: its binding goes into the list.
    fn accept_binding(&mut self, app: &mut App) {
        self.check_binding(None);
        let Some((form, editing)) = self.binding.as_mut() else {
            return;
        };
        if has_errors(&mut form.form, app) {
            return;
        }
        match form.binding() {
            Ok(binding) => {
                let editing = *editing;
                self.bindings.put(binding, editing);
                self.bindings.check(&self.index);
                self.binding = None;
                self.step = Step::Form;
                self.part = Part::Bindings;
            }
            Err(why) => app.set_status(Level::Error, why),
        }
    }
}

/// Why a site name is refused (its rules, or a site by that name), as it is typed.
fn name_error(taken: &TakenNames, name: &str) -> Option<String> {
    if name.is_empty() {
        None
    } else if let Err(e) = check_new_site_name(name) {
        Some(e.to_string())
    } else {
        taken
            .site(name)
            .map(|s| format!("a site named \"{s}\" already exists"))
    }
}

impl Dialog for AddSite {
    fn layer(&self) -> Layer {
        match (&self.step, self.part) {
            (Step::Form, Part::Fields) | (Step::Binding, _) => Layer::Form,
            (Step::Form, Part::Bindings) => Layer::Items,
            _ => Layer::Confirm,
        }
    }

    fn hint_layer(&self) -> Layer {
        let picker = match &self.step {
            Step::Form => self.form.picker.is_some(),
            Step::Binding => self
                .binding
                .as_ref()
                .is_some_and(|(f, _)| f.form.picker.is_some()),
            _ => false,
        };
        if picker { Layer::Picker } else { self.layer() }
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        match &mut self.step {
            Step::Form => match self.part {
                Part::Fields => self.fields_key(key, cx),
                Part::Bindings => self.list_key(key, cx),
            },
            Step::Binding => self.binding_key(key, cx),
            Step::Discard(buttons) => {
                let answer = discard_key(buttons, key, &cx.app.keymap);
                let in_binding = self.binding.is_some();
                match answer {
                    DiscardAnswer::Drop if in_binding => {
                        self.binding = None;
                        self.step = Step::Form;
                    }
                    DiscardAnswer::Drop => return Outcome::Close,
                    DiscardAnswer::KeepEditing if in_binding => self.step = Step::Binding,
                    DiscardAnswer::KeepEditing => self.step = Step::Form,
                    DiscardAnswer::Stay => {}
                }
                Outcome::Stay
            }
            Step::Review(page) => page.on_key(key, cx).unwrap_or_else(|| {
                self.step = Step::Form;
                Outcome::Stay
            }),
        }
    }

    fn on_paste(&mut self, text: &str, cx: &mut Cx) -> Outcome {
        match &self.step {
            Step::Form if self.part == Part::Fields => match self.form.paste(text) {
                FormEvent::Changed(field) => self.changed(field, cx),
                _ => Outcome::Stay,
            },
            Step::Binding => {
                if let Some(FormEvent::Changed(field)) =
                    self.binding.as_mut().map(|(f, _)| f.form.paste(text))
                {
                    self.check_binding(Some(field));
                }
                Outcome::Stay
            }
            _ => Outcome::Stay,
        }
    }

    fn on_result(&mut self, result: DialogResult, cx: &mut Cx) -> Outcome {
        if let Step::Review(page) = &mut self.step {
            return page.on_result(&result, cx);
        }
        match form_answer(&mut self.form, &mut self.probe, cx.id, result) {
            Answered::Run(effects) => Outcome::Run(effects),
            Answered::Changed(field) => self.changed(field, cx),
            Answered::Other(_) => Outcome::Stay,
        }
    }

    fn render(
        &self,
        frame: &mut ratatui::Frame,
        area: ratatui::layout::Rect,
        app: &App,
        active: bool,
    ) {
        self.draw(frame, area, app, active);
    }

    fn holds_input(&self) -> bool {
        self.form.changed() || self.bindings.touched || matches!(self.step, Step::Review(_))
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
