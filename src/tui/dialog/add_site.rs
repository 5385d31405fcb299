//! Add Website as a wizard over the generic form: site name, physical path (Tab completes
//! folders), binding, application pool (a fuzzy list of the existing pools, or a new pool named
//! after the site). Every field is checked as it is typed, with the model's own rules (name
//! rules, duplicates, a binding another site uses); Enter on the last field (or Ctrl-S) opens the
//! review with the diff and the equivalent `iistui add site` command. Esc in the review goes back
//! to the form with everything still typed.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::model::apphost::{AppHost, Binding, NewSite, check_binding_free, check_new_site_name};
use crate::tui::action::Layer;
use crate::tui::app::{App, Level};
use crate::tui::form::{Choice, Field, FieldKind, Form, FormEvent};
use crate::tui::msg::{DialogResult, Effect};
use crate::tui::op::ModelOp;

use super::review::Review;
pub use super::steps::Step;
use super::steps::{FormBox, complete, draw_form_box, foot_line, has_errors};
use super::{Cx, Dialog, Outcome};

/// The Add Website wizard.
#[derive(Debug, Clone, PartialEq)]
pub struct AddSite {
    pub conn: usize,
    pub form: Form,
    pub step: Step,
}

const NEW_POOL: &str = "";

impl AddSite {
    pub fn new(app: &App, conn: usize) -> AddSite {
        let mut pools = vec![Choice::labelled(
            NEW_POOL,
            "(a new pool named after the site)",
        )];
        if let Some(c) = app.conns.get(conn) {
            pools.extend(c.rows.pools.iter().map(|p| {
                Choice::new(p.name.clone()).with_detail(format!("{} · {}", p.runtime, p.pipeline))
            }));
        }
        let fields = vec![
            Field::new("name", "Site name", FieldKind::Text)
                .required()
                .help("e.g. shop.example.com"),
            Field::new("path", "Physical path", FieldKind::Path)
                .required()
                .help("e.g. C:\\inetpub\\shop (Tab completes folder names)"),
            Field::new("binding", "Binding", FieldKind::Text)
                .value("http/*:80:")
                .required()
                .help("protocol/ip:port:host, e.g. http/*:80:shop.example.com"),
            Field::new("pool", "Application pool", FieldKind::Enum(pools))
                .value(NEW_POOL)
                .help("Space or type to choose an existing pool"),
        ];
        let mut wizard = AddSite {
            conn,
            form: Form::new(fields),
            step: Step::Form,
        };
        wizard.check(app, None);
        wizard
    }

    /// The model's checks: of one field after it changed (its own checks have run), or of
    /// every field (`None`, on open and submit). A keystroke in the name does not walk 10,000
    /// sites' bindings.
    fn check(&mut self, app: &App, changed: Option<usize>) {
        let changed = changed
            .and_then(|i| self.form.fields.get(i))
            .map(|f| f.key.clone());
        let wants = |key: &str| changed.as_deref().is_none_or(|c| c == key);
        if changed.is_none() {
            self.form.check_all();
        }
        let Some(store) = app.conns.get(self.conn).and_then(|c| c.store.as_ref()) else {
            return;
        };
        let host = AppHost::new(store.document(), &app.schema);
        if wants("name") {
            let name_error = self.name_error(&host);
            if let Some(field) = self.form.field_mut("name") {
                field.error = field.error.take().or(name_error);
            }
        }
        if wants("binding") {
            let (error, warning) = self.binding_problems(&host);
            if let Some(field) = self.form.field_mut("binding") {
                field.error = field.error.take().or(error);
                field.warning = warning;
            }
        }
    }

    fn name_error(&self, host: &AppHost<'_>) -> Option<String> {
        let name = self.form.text("name");
        if name.is_empty() {
            None
        } else if let Err(e) = check_new_site_name(&name) {
            Some(e.to_string())
        } else {
            host.find_site(&name)
                .map(|s| format!("a site named \"{}\" already exists", s.name()))
        }
    }

    /// The binding's error (unparsable, used by another site) and warning (no host name).
    fn binding_problems(&self, host: &AppHost<'_>) -> (Option<String>, Option<String>) {
        match Binding::parse_spec(&self.form.text("binding")) {
            Err(e) => (Some(e.to_string()), None),
            Ok(binding) => (
                check_binding_free(host, &binding, None, &[])
                    .err()
                    .map(|e| e.to_string()),
                binding.warnings().into_iter().next(),
            ),
        }
    }

    fn site(&self) -> Result<NewSite, String> {
        let binding = Binding::parse_spec(&self.form.text("binding")).map_err(|e| e.to_string())?;
        let pool = self.form.text("pool");
        Ok(NewSite {
            name: self.form.text("name"),
            physical_path: self.form.text("path"),
            bindings: vec![binding],
            app_pool: Some(pool).filter(|p| !p.is_empty()),
            id: None,
        })
    }

    fn submit(&mut self, app: &mut App) -> Outcome {
        self.check(app, None);
        if has_errors(&mut self.form, app) {
            return Outcome::Stay;
        }
        match self
            .site()
            .and_then(|site| Review::preview(app, self.conn, &ModelOp::AddSite(site)))
        {
            Ok(review) => self.step = Step::Review(Box::new(review)),
            Err(why) => app.set_status(Level::Error, why),
        }
        Outcome::Stay
    }

    fn form_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        match self.form.on_key(key, &cx.app.keymap) {
            FormEvent::None => Outcome::Stay,
            FormEvent::Changed(field) => {
                self.check(cx.app, Some(field));
                Outcome::Stay
            }
            FormEvent::Complete(field) => Outcome::Run(vec![Effect::ListFolders {
                dialog: cx.id,
                field,
                path: self.form.fields[field].text().to_owned(),
            }]),
            FormEvent::Submit => self.submit(cx.app),
            FormEvent::Cancel => self.step.cancel(&self.form),
        }
    }
}

impl Dialog for AddSite {
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
        if let (Step::Form, FormEvent::Changed(field)) = (&self.step, self.form.paste(text)) {
            self.check(cx.app, Some(field));
        }
        Outcome::Stay
    }

    fn on_result(&mut self, result: DialogResult, cx: &mut Cx) -> Outcome {
        if let DialogResult::Folders { field, names } = result {
            if let FormEvent::Changed(field) = complete(&mut self.form, field, names) {
                self.check(cx.app, Some(field));
            }
            return Outcome::Stay;
        }
        self.step.result(&result)
    }

    fn render(&self, frame: &mut Frame, area: Rect, app: &App, active: bool) {
        let theme = &app.theme;
        if let Step::Review(review) = &self.step {
            review.draw(frame, area, theme);
            return;
        }
        let parts = FormBox {
            title: "Add Website",
            width: 96,
            note: vec![Line::from(Span::styled(
                "New sites get the lowest free ID, a root application and virtual directory.",
                theme.dim(),
            ))],
            foot: foot_line(
                &self.step,
                theme,
                "Tab/↓ next · Enter on the last field or ^S reviews · Esc cancels",
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
