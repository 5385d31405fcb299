//! Basic Settings (`e`) on the selected site, application, virtual directory or application
//! pool: IIS Manager's most used dialog as a form over the generic one (what each kind edits is
//! in `basic_form`). Fields are checked as they are typed with the model's rules; a physical
//! path that is not a folder on this machine gets a plain note under it (asked in the
//! background). Ctrl-S (or Enter on the last field) opens the review with the diff and the
//! equivalent `iistui set` commands; Esc with something typed asks first.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::model::apphost::AppHost;
use crate::tui::action::Layer;
use crate::tui::app::{App, Focus, Level, View};
use crate::tui::form::{Form, FormEvent};
use crate::tui::msg::{DialogResult, Effect};
use crate::tui::op::ModelOp;

use super::basic_edits;
use super::basic_form::{self, BasicKind, Subject};
use super::path_probe::{PROBE, PathProbe};
use super::review::Review;
use super::steps::{FormBox, Step, complete, draw_form_box, foot_line, has_errors};
use super::{Cx, Dialog, Outcome};

/// The Basic Settings dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct BasicSettings {
    pub conn: usize,
    pub subject: Subject,
    pub form: Form,
    pub step: Step,
    pub probe: PathProbe,
}

/// `e` on the main screen: Basic Settings of the selected row, with the first question about
/// its physical path on its way.
pub fn open(app: &mut App) -> Vec<Effect> {
    let kind = match (&app.view, app.focus) {
        (View::Sites, Focus::Main) => BasicKind::Site,
        (View::Pools, Focus::Main) => BasicKind::AppPool,
        (View::Apps { .. }, Focus::Main) => BasicKind::Application,
        (View::Vdirs { .. }, Focus::Main) => BasicKind::VirtualDirectory,
        _ => {
            app.set_status(
                Level::Info,
                "Basic Settings: select a site, application, virtual directory or application pool in its list",
            );
            return Vec::new();
        }
    };
    let Some(object) = app.selected_name() else {
        app.set_status(Level::Info, "Basic Settings: the list is empty");
        return Vec::new();
    };
    match BasicSettings::new(app, app.current, kind, &object) {
        Ok(mut dialog) => {
            let id = app.dialogs.next_id();
            let effects = dialog.ask_about_path(id);
            app.dialogs.push(Box::new(dialog));
            effects
        }
        Err(why) => {
            app.set_status(Level::Error, format!("Basic Settings: {why}"));
            Vec::new()
        }
    }
}

impl BasicSettings {
    pub fn new(
        app: &App,
        conn: usize,
        kind: BasicKind,
        object: &str,
    ) -> Result<BasicSettings, String> {
        let (subject, fields) = basic_form::build(app, conn, kind, object)?;
        let mut dialog = BasicSettings {
            conn,
            subject,
            form: Form::new(fields),
            step: Step::Form,
            probe: PathProbe::default(),
        };
        dialog.check(app, None);
        Ok(dialog)
    }

    fn title(&self) -> String {
        format!(
            "Basic Settings — {} \"{}\"",
            self.subject.kind.noun(),
            self.subject.object
        )
    }

    /// Own checks ran in the form; these are the model's.
    fn check(&mut self, app: &App, changed: Option<usize>) {
        let key = changed
            .and_then(|i| self.form.fields.get(i))
            .map(|f| f.key.clone());
        if key.is_none() {
            self.form.check_all();
        }
        let Some(store) = app.conns.get(self.conn).and_then(|c| c.store.as_ref()) else {
            return;
        };
        let host = AppHost::new(store.document(), &app.schema);
        basic_form::check(&self.subject, &mut self.form, &host, key.as_deref());
    }

    /// Asks whether the path field's folder exists (a new question after every change).
    fn ask_about_path(&mut self, id: super::DialogId) -> Vec<Effect> {
        let Some(field) = self.form.field_mut("path") else {
            return Vec::new();
        };
        field.warning = None;
        let text = field.text().to_owned();
        self.probe.ask(id, &text)
    }

    fn changed(&mut self, field: usize, cx: &mut Cx) -> Outcome {
        self.check(cx.app, Some(field));
        if self.form.fields.get(field).is_some_and(|f| f.key == "path") {
            return Outcome::Run(self.ask_about_path(cx.id));
        }
        Outcome::Stay
    }

    fn submit(&mut self, app: &mut App) -> Outcome {
        self.check(app, None);
        if has_errors(&mut self.form, app) {
            return Outcome::Stay;
        }
        let edits = basic_edits::settings(&self.subject, &self.form);
        if edits.is_empty() {
            app.set_status(Level::Info, "nothing changed: nothing to save");
            return Outcome::Stay;
        }
        match Review::preview(app, self.conn, &ModelOp::Settings(edits)) {
            Ok(mut review) => {
                // One object to the admin, though its root application and virtual
                // directory may change with it.
                review.title = format!(
                    "Change the basic settings of {} \"{}\"",
                    self.subject.kind.noun(),
                    self.subject.object
                );
                self.step = Step::Review(Box::new(review));
            }
            Err(why) => app.set_status(Level::Error, why),
        }
        Outcome::Stay
    }

    fn form_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        match self.form.on_key(key, &cx.app.keymap) {
            FormEvent::None => Outcome::Stay,
            FormEvent::Changed(field) => self.changed(field, cx),
            FormEvent::Complete(field) => Outcome::Run(vec![Effect::ListFolders {
                dialog: cx.id,
                field,
                path: self.form.fields[field].text().to_owned(),
            }]),
            FormEvent::Submit => self.submit(cx.app),
            FormEvent::Cancel => self.step.cancel(&self.form),
        }
    }

    fn note(&self) -> &'static str {
        match self.subject.kind {
            BasicKind::Site => "Pool and path are those of the root application.",
            BasicKind::Application => "The path is the application's root virtual directory's.",
            BasicKind::VirtualDirectory => {
                "A new password is written as typed (IIS Manager would encrypt it)."
            }
            BasicKind::AppPool => "Other pool settings are in Advanced Settings (A).",
        }
    }
}

impl Dialog for BasicSettings {
    fn layer(&self) -> Layer {
        self.step.layer()
    }

    fn hint_layer(&self) -> Layer {
        self.step.hint_layer(&self.form)
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        match self.step.key(key, cx) {
            Some(outcome) => outcome,
            None => self.form_key(key, cx),
        }
    }

    fn on_paste(&mut self, text: &str, cx: &mut Cx) -> Outcome {
        match (&self.step, self.form.paste(text)) {
            (Step::Form, FormEvent::Changed(field)) => self.changed(field, cx),
            _ => Outcome::Stay,
        }
    }

    fn on_result(&mut self, result: DialogResult, cx: &mut Cx) -> Outcome {
        match result {
            DialogResult::Folders { field, names } if field == PROBE => {
                let text = self.form.text("path");
                let (note, effects) = self.probe.answer(cx.id, &text, names);
                if let Some(path) = self.form.field_mut("path") {
                    path.warning = note;
                }
                Outcome::Run(effects)
            }
            DialogResult::Folders { field, names } => {
                match complete(&mut self.form, field, names) {
                    FormEvent::Changed(field) => self.changed(field, cx),
                    _ => Outcome::Stay,
                }
            }
            result => self.step.result(&result),
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, app: &App, active: bool) {
        let theme = &app.theme;
        if let Step::Review(review) = &self.step {
            review.draw(frame, area, theme);
            return;
        }
        let title = self.title();
        let parts = FormBox {
            title: &title,
            width: 100,
            note: vec![Line::from(Span::styled(self.note(), theme.dim()))],
            foot: foot_line(
                &self.step,
                theme,
                "^S or Enter on the last field reviews the change · Esc cancels",
            ),
        };
        let editing = active && self.step == Step::Form;
        draw_form_box(frame, area, app, &self.form, editing, parts);
    }

    fn holds_input(&self) -> bool {
        self.form.changed() || matches!(self.step, Step::Review(_))
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
