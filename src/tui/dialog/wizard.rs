//! The wizards' common frame: a form checked as it is typed, then the review page, then the
//! steps confirming it runs ([`ReviewPage`]). A wizard is a [`Spec`]: its fields, the model's
//! checks, what it asks the machine about, and its review. Fields with these keys get common
//! behaviour: `path` (Tab completes folders; a missing folder is noted in the background and
//! offered to be created, as the `create` field), `start` (enabled only where IIS can be
//! started from here, saying why not otherwise).

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::host::runtime::Control;
use crate::host::terminal_text::escape;
use crate::model::apphost::{check_physical_path, is_absolute_physical_path};
use crate::tui::action::Layer;
use crate::tui::app::App;
use crate::tui::form::{Field, FieldKind, Form, FormEvent};
use crate::tui::host_job::{HostAnswer, HostJob};
use crate::tui::msg::{DialogResult, Effect};
use crate::tui::op::ModelOp;

use super::commit::Job;
use super::path_probe::{PROBE, PathProbe};
use super::review::Review;
use super::review_page::ReviewPage;
use super::steps::{
    DiscardAnswer, FormBox, complete, discard_buttons, discard_key, discard_line, draw_form_box,
    has_errors,
};
use super::{Buttons, Cx, Dialog, DialogId, Outcome};

/// What makes one wizard.
pub trait Spec: std::fmt::Debug + Clone + PartialEq + 'static {
    /// The box's title.
    fn title(&self) -> String;

    /// Dim lines under the fields (what the wizard will do, warnings with their fixes).
    fn notes(&self, form: &Form) -> Vec<(String, bool)>;

    /// The model's checks, after the field `changed` changed (`None`: every field).
    fn check(&mut self, form: &mut Form, app: &App, changed: Option<&str>);

    /// What to ask the machine after a field changed (beyond the folder probe).
    fn asks(&mut self, _form: &Form, _changed: &str, _dialog: DialogId) -> Vec<Effect> {
        Vec::new()
    }

    /// An answer to something it asked.
    fn answer(
        &mut self,
        _form: &mut Form,
        _answer: &HostAnswer,
        _app: &App,
        _dialog: DialogId,
    ) -> Vec<Effect> {
        Vec::new()
    }

    /// The folder Tab completes in, for the text of a path field (`None`: as typed).
    fn completion_path(&self, _field: &str, _text: &str) -> Option<String> {
        None
    }

    /// The review and the steps confirming it runs (the folder and the start are added).
    fn review(&self, form: &Form, app: &App) -> Result<(Review, Vec<Job>), String>;

    /// What the `start` field starts.
    fn start(&self, _form: &Form) -> Option<Control> {
        None
    }

    /// The connection it changes.
    fn conn(&self) -> usize;
}

/// Where a wizard is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Form,
    Discard(Buttons),
    Review(Box<ReviewPage>),
}

/// A wizard dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct Wizard<S: Spec> {
    pub spec: S,
    pub form: Form,
    pub page: Page,
    pub probe: PathProbe,
}

/// The field that offers to create a missing folder.
pub const CREATE: &str = "create";

/// A "start immediately" field, disabled until the machine says IIS can be started here.
pub fn start_field(label: &str) -> Field {
    Field::new("start", label, FieldKind::Bool)
        .value("false")
        .disabled("checking whether IIS can be started from here…")
}

/// The answer to [`HostJob::CanControl`]: enable the `start` field (ticked), or say why not.
pub fn can_control(form: &mut Form, answer: &Result<(), String>) {
    if let Some(field) = form.field_mut("start") {
        match answer {
            Ok(()) => {
                field.disabled = None;
                field.input.set("true");
            }
            Err(why) => {
                field.disabled = Some(why.clone());
                field.input.set("false");
            }
        }
        field.initial = field.text().to_owned();
    }
}

/// Offers (or withdraws) creating the folder of the `path` field, right under it.
pub fn offer_create(form: &mut Form, missing: bool) {
    // Never offered under a path IIS refuses (a relative one): nothing would act on it.
    let missing = missing && is_absolute_physical_path(&form.text("path"));
    let at = form.fields.iter().position(|f| f.key == CREATE);
    let path = form.fields.iter().position(|f| f.key == "path");
    match (missing, at, path) {
        (true, None, Some(path)) => {
            let field = Field::new(CREATE, "Create the folder", FieldKind::Bool)
                .value("true")
                .help("created after the review, before the configuration is saved");
            form.fields.insert(path + 1, field);
            if form.focused > path {
                form.focused += 1;
            }
        }
        (false, Some(at), _) => {
            form.fields.remove(at);
            if form.focused > at {
                form.focused -= 1;
            }
        }
        _ => {}
    }
}

/// Whether the folder will be created: the local folder, when the offer is ticked and the
/// path is one IIS accepts (a refused path never gets a folder).
pub fn folder_to_create(form: &Form) -> Option<std::path::PathBuf> {
    let path = form.text("path");
    form.field(CREATE)
        .filter(|f| f.text() == "true")
        .filter(|_| is_absolute_physical_path(&path))
        .and_then(|_| crate::host::paths::local_path(&path))
}

/// The model's rule for the `path` field, once its text differs from what it was opened with
/// (an unchanged path is not written): an error under it for a path IIS refuses.
pub fn check_path_field(form: &mut Form) {
    let Some(field) = form.field_mut("path") else {
        return;
    };
    let text = field.text().to_owned();
    if text.is_empty() || text == field.initial {
        return;
    }
    if let Err(e) = check_physical_path(&text, "an application") {
        field.error = field.error.take().or(Some(e.to_string()));
    }
}

/// The review's lines about the folder and the start, and their steps around `jobs`.
pub fn around(
    review: &mut Review,
    jobs: &mut Vec<Job>,
    form: &Form,
    machine: bool,
    start: Option<Control>,
) {
    if let Some(folder) = folder_to_create(form) {
        let path = form.text("path");
        review
            .message
            .retain(|m| !(m.starts_with("warning: physical path") && m.contains(&path)));
        review
            .message
            .insert(0, format!("creates the folder {} first", folder.display()));
        jobs.insert(0, Job::CreateFolder(folder));
    }
    let wants_start = form
        .field("start")
        .is_some_and(|f| f.disabled.is_none() && f.text() == "true");
    if let Some(control) = start.filter(|_| wants_start) {
        review
            .message
            .push(format!("then: {control} (runtime, not configuration)"));
        jobs.push(Job::Start { machine, control });
    }
}

/// What the folder probe's note means: the folder is missing here (and can be created).
fn is_missing_note(note: Option<&str>) -> bool {
    note.is_some_and(|n| n.starts_with("this folder does not exist"))
}

/// The folder probe's answer: the note under the `path` field and the offer to create it
/// (the effects ask again when the field changed meanwhile).
pub fn probe_answer(
    form: &mut Form,
    probe: &mut PathProbe,
    dialog: DialogId,
    names: Result<Vec<String>, String>,
) -> Vec<Effect> {
    let text = form.text("path");
    let (note, effects) = probe.answer(dialog, &text, names);
    let missing = is_missing_note(note.as_deref());
    if let Some(path) = form.field_mut("path") {
        path.warning = note;
    }
    if effects.is_empty() {
        offer_create(form, missing);
    }
    effects
}

/// What [`form_answer`] made of a background result.
pub enum Answered {
    /// Done with; these effects follow (maybe none).
    Run(Vec<Effect>),
    /// A completion changed this field: run its checks.
    Changed(usize),
    /// Not a form's: the dialog's own.
    Other(DialogResult),
}

/// The answers every form dialog takes the same way: the folder probe, a Tab completion,
/// whether IIS can be started from here.
pub fn form_answer(
    form: &mut Form,
    probe: &mut PathProbe,
    dialog: DialogId,
    result: DialogResult,
) -> Answered {
    match result {
        DialogResult::Folders { field, names } if field == PROBE => {
            Answered::Run(probe_answer(form, probe, dialog, names))
        }
        DialogResult::Folders { field, names } => match complete(form, field, names) {
            FormEvent::Changed(field) => Answered::Changed(field),
            _ => Answered::Run(Vec::new()),
        },
        DialogResult::Host(HostAnswer::CanControl(answer)) => {
            can_control(form, &answer);
            Answered::Run(Vec::new())
        }
        other => Answered::Other(other),
    }
}

/// The review of a one-operation wizard, whose confirming saves it.
pub fn review_of(app: &App, conn: usize, op: ModelOp) -> Result<(Review, Vec<Job>), String> {
    let review = Review::preview(app, conn, &op)?;
    Ok((review, vec![Job::Apply { conn, op }]))
}

/// The alias field's error: a path IIS refuses, the root, or one that exists (`existing`
/// names it for a virtual path).
pub fn check_alias(form: &mut Form, root: &str, existing: impl FnOnce(&str) -> Option<String>) {
    let alias = form.text("alias");
    let path = super::add_app::virtual_path(&alias);
    let error = if alias.is_empty() {
        None
    } else if path == "/" {
        Some(root.to_owned())
    } else if let Err(e) = crate::model::apphost::check_virtual_path(&path) {
        Some(e.to_string())
    } else {
        existing(&path)
    };
    if let Some(field) = form.field_mut("alias") {
        field.error = field.error.take().or(error);
    }
}

impl<S: Spec> Wizard<S> {
    /// The wizard and what it asks on opening (whether IIS can be started, the folder).
    pub fn open(app: &App, spec: S, fields: Vec<Field>, id: DialogId) -> (Wizard<S>, Vec<Effect>) {
        let mut wizard = Wizard {
            spec,
            form: Form::new(fields),
            page: Page::Form,
            probe: PathProbe::default(),
        };
        wizard.check(app, None);
        let mut effects = Vec::new();
        if wizard.form.field("start").is_some() {
            let machine = app
                .conns
                .get(wizard.spec.conn())
                .is_some_and(|c| c.is_machine());
            effects.push(Effect::Host {
                dialog: id,
                job: HostJob::CanControl { machine },
            });
        }
        if let Some(path) = wizard.form.field("path") {
            let text = path.text().to_owned();
            effects.extend(wizard.probe.ask(id, &text));
        }
        (wizard, effects)
    }

    fn check(&mut self, app: &App, changed: Option<usize>) {
        let key = changed
            .and_then(|i| self.form.fields.get(i))
            .map(|f| f.key.clone());
        if key.is_none() {
            self.form.check_all();
        }
        if key.as_deref().is_none_or(|k| k == "path") {
            check_path_field(&mut self.form);
        }
        self.spec.check(&mut self.form, app, key.as_deref());
    }

    fn changed(&mut self, field: usize, cx: &mut Cx) -> Outcome {
        self.check(cx.app, Some(field));
        let Some(key) = self.form.fields.get(field).map(|f| f.key.clone()) else {
            return Outcome::Stay;
        };
        let mut effects = self.spec.asks(&self.form, &key, cx.id);
        if key == "path" {
            if let Some(path) = self.form.field_mut("path") {
                path.warning = None;
            }
            let text = self.form.text("path");
            effects.extend(self.probe.ask(cx.id, &text));
        }
        Outcome::Run(effects)
    }

    fn submit(&mut self, app: &mut App) -> Outcome {
        self.check(app, None);
        if has_errors(&mut self.form, app) {
            return Outcome::Stay;
        }
        let conn = self.spec.conn();
        let machine = app.conns.get(conn).is_some_and(|c| c.is_machine());
        match self.spec.review(&self.form, app) {
            Ok((mut review, mut jobs)) => {
                let start = self.spec.start(&self.form);
                around(&mut review, &mut jobs, &self.form, machine, start);
                self.page = Page::Review(Box::new(ReviewPage::new(review, jobs)));
            }
            Err(why) => app.set_status(crate::tui::app::Level::Error, why),
        }
        Outcome::Stay
    }

    fn form_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        match self.form.on_key(key, &cx.app.keymap) {
            FormEvent::None => Outcome::Stay,
            FormEvent::Changed(field) => self.changed(field, cx),
            FormEvent::Complete(field) => {
                let Some(f) = self.form.fields.get(field) else {
                    return Outcome::Stay;
                };
                let path = self
                    .spec
                    .completion_path(&f.key, f.text())
                    .unwrap_or_else(|| f.text().to_owned());
                Outcome::Run(vec![Effect::ListFolders {
                    dialog: cx.id,
                    field,
                    path,
                }])
            }
            FormEvent::Submit => self.submit(cx.app),
            FormEvent::Cancel if self.form.changed() => {
                self.page = Page::Discard(discard_buttons());
                Outcome::Stay
            }
            FormEvent::Cancel => Outcome::Close,
        }
    }
}

impl<S: Spec> Dialog for Wizard<S> {
    fn layer(&self) -> Layer {
        match self.page {
            Page::Form => Layer::Form,
            _ => Layer::Confirm,
        }
    }

    fn hint_layer(&self) -> Layer {
        match self.page {
            Page::Form if self.form.picker.is_some() => Layer::Picker,
            _ => self.layer(),
        }
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        match &mut self.page {
            Page::Form => self.form_key(key, cx),
            Page::Discard(buttons) => match discard_key(buttons, key, &cx.app.keymap) {
                DiscardAnswer::Drop => Outcome::Close,
                DiscardAnswer::KeepEditing => {
                    self.page = Page::Form;
                    Outcome::Stay
                }
                DiscardAnswer::Stay => Outcome::Stay,
            },
            Page::Review(page) => page.on_key(key, cx).unwrap_or_else(|| {
                self.page = Page::Form;
                Outcome::Stay
            }),
        }
    }

    fn on_paste(&mut self, text: &str, cx: &mut Cx) -> Outcome {
        match (&self.page, self.form.paste(text)) {
            (Page::Form, FormEvent::Changed(field)) => self.changed(field, cx),
            _ => Outcome::Stay,
        }
    }

    fn on_result(&mut self, result: DialogResult, cx: &mut Cx) -> Outcome {
        if let Page::Review(page) = &mut self.page {
            return page.on_result(&result, cx);
        }
        match form_answer(&mut self.form, &mut self.probe, cx.id, result) {
            Answered::Run(effects) => Outcome::Run(effects),
            Answered::Changed(field) => self.changed(field, cx),
            Answered::Other(DialogResult::Host(answer)) => {
                let effects = self.spec.answer(&mut self.form, &answer, cx.app, cx.id);
                Outcome::Run(effects)
            }
            Answered::Other(_) => Outcome::Stay,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, app: &App, active: bool) {
        let theme = &app.theme;
        if let Page::Review(page) = &self.page {
            page.review.draw(frame, area, theme);
            return;
        }
        let title = self.spec.title();
        let note = self
            .spec
            .notes(&self.form)
            .into_iter()
            .map(|(text, warning)| {
                let style = if warning {
                    theme.warning()
                } else {
                    theme.dim()
                };
                Line::from(Span::styled(escape(&text).into_owned(), style))
            })
            .collect();
        let foot = match &self.page {
            Page::Discard(buttons) => discard_line(buttons, theme),
            _ => Line::from(Span::styled(
                "Tab/↓ next · ^S or Enter on the last field reviews · Esc cancels",
                theme.dim(),
            )),
        };
        let parts = FormBox {
            title: &title,
            width: 96,
            note,
            foot,
        };
        let editing = active && self.page == Page::Form;
        draw_form_box(frame, area, app, &self.form, editing, parts);
    }

    fn holds_input(&self) -> bool {
        self.form.changed() || matches!(self.page, Page::Review(_))
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
