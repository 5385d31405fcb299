//! The ASP.NET Core settings dialog: the rows of `rows.rs` with their values (written or the
//! module's default), Enter edits one (with the field its schema calls for; yes/no flips),
//! `r` resets, `s` / `c` turn stdout logging / shadow copying on or off, `o` takes the app
//! offline (with an editable message) or online; edits stay pending until Ctrl-S (or a toggle)
//! opens the review with the diff and the `iistui set aspnetcore …` line, and Enter saves.

use std::collections::BTreeMap;
use std::path::PathBuf;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::host::aspnetcore::{OFFLINE_MESSAGE, app_folder, is_offline, web_config_of};
use crate::host::terminal_text::escape;
use crate::model::apphost::{CollectionItem, Setting, Target, apply_settings};
use crate::model::store::unified_diff;
use crate::model::webconfig::find_aspnetcore;
use crate::tui::action::{Action, Layer};
use crate::tui::advanced::{ItemsEditor, field_for_schema, written};
use crate::tui::app::{App, Level};
use crate::tui::dialog::{Buttons, Cx, Dialog, Outcome, Review, ReviewEvent, SaveState};
use crate::tui::form::{Field, FieldKind, Form, FormEvent};
use crate::tui::keymap::Key;
use crate::tui::msg::{DialogResult, Effect};
use crate::tui::op::ModelOp;

use super::rows::{self, ROWS, RowKind};
use super::{WebConfigEffect, cli, host};

/// What the dialog is doing.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Browse,
    Edit {
        row: usize,
        form: Form,
    },
    Items(ItemsEditor),
    Review(Box<Review>),
    Discard(Buttons),
    /// Taking the app offline: the page's message.
    Offline(Form),
    /// Bringing it online: confirm.
    Online(Buttons),
}

/// The dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct AspNetCoreEditor {
    pub conn: usize,
    /// appcmd id of the application.
    pub app: String,
    pub file: PathBuf,
    pub folder: PathBuf,
    /// Per row: the value shown and whether it is written in the file.
    pub values: Vec<(String, bool)>,
    pub env: Vec<(String, String)>,
    /// Per row: the `set` arguments waiting for the review, and how the new value shows.
    pub pending: BTreeMap<usize, (Vec<Setting>, String)>,
    pub selected: usize,
    pub mode: Mode,
    pub offline: bool,
    /// Opened for one change (`S` in the log view): close once it is saved.
    pub close_after_save: bool,
}

fn row_of(key: &str) -> usize {
    ROWS.iter().position(|r| r.key == key).unwrap_or(0)
}

impl AspNetCoreEditor {
    /// Opens the settings of application `id` on connection `conn` (loading its web.config).
    pub fn open(app: &mut App, conn: usize, id: &str) -> Result<AspNetCoreEditor, String> {
        let (file, folder, options, read_only, app_id) = {
            let host = host(app, conn)?;
            let file = web_config_of(host, id)?;
            let folder = app_folder(host, id)?;
            let app_id = host.application(id).map_err(|e| e.to_string())?.id();
            let c = &app.conns[conn];
            let options = c
                .store
                .as_ref()
                .map(|s| s.options().clone())
                .unwrap_or_default();
            (file, folder, options, c.is_read_only(), app_id)
        };
        app.web_configs.open(&file, options, read_only)?;
        let mut editor = AspNetCoreEditor {
            conn,
            app: app_id,
            offline: is_offline(&folder),
            file,
            folder,
            values: Vec::new(),
            env: Vec::new(),
            pending: BTreeMap::new(),
            selected: 0,
            mode: Mode::Browse,
            close_after_save: false,
        };
        editor.reload(app)?;
        Ok(editor)
    }

    /// Reads the values from the (saved) document.
    fn reload(&mut self, app: &App) -> Result<(), String> {
        let store = &app
            .web_configs
            .get(&self.file)
            .ok_or("the web.config is not open")?
            .store;
        let ancm = find_aspnetcore(store.document(), &app.schema).ok_or_else(|| {
            format!(
                "{} has no <aspNetCore> element: the app is not hosted by the ASP.NET Core Module",
                self.file.display()
            )
        })?;
        self.values = ROWS.iter().map(|row| rows::current(&ancm, row)).collect();
        self.env = ancm
            .environment_variables()
            .into_iter()
            .map(|(n, v)| (n.into_owned(), v.into_owned()))
            .collect();
        Ok(())
    }

    /// The value a row shows now (pending first).
    pub fn shown(&self, row: usize) -> (String, bool, bool) {
        match self.pending.get(&row) {
            Some((_, shown)) => (shown.clone(), true, true),
            None => {
                let (value, written) = self.values.get(row).cloned().unwrap_or_default();
                (value, written, false)
            }
        }
    }

    /// Every pending argument, in row order.
    pub fn settings(&self) -> Vec<Setting> {
        self.pending.values().flat_map(|(s, _)| s.clone()).collect()
    }

    /// Records a new value for an attribute row; `choice` when it was picked from a list (an
    /// enum or yes/no), which IIS reads without regard to case: picking `InProcess` where
    /// `inprocess` is written is no change.
    fn set_attribute(&mut self, row: usize, value: String, choice: bool) {
        let spec = ROWS[row];
        let (now, written) = self.values[row].clone();
        let same = now == value || (choice && now.eq_ignore_ascii_case(&value));
        if written && same {
            self.pending.remove(&row);
            return;
        }
        let setting = match spec.kind {
            RowKind::Attribute => vec![Setting::Set {
                key: spec.key.to_owned(),
                value: value.clone(),
            }],
            RowKind::Handler => rows::handler_settings(
                spec.key,
                written,
                Some(value.as_str()).filter(|v| !v.is_empty()),
            ),
            RowKind::Environment => return,
        };
        let shown = if value.is_empty() && spec.kind == RowKind::Handler {
            String::from("(removed)")
        } else {
            value
        };
        self.pending.insert(row, (setting, shown));
    }

    /// `s`: stdout logging the other way, straight to the review.
    pub fn toggle_stdout(&mut self, app: &mut App) {
        let row = row_of("stdoutLogEnabled");
        let on = self.shown(row).0.eq_ignore_ascii_case("true");
        self.set_attribute(row, String::from(if on { "false" } else { "true" }), true);
        self.review(app);
    }

    /// `c`: shadow copying the other way (a directory too when none is set).
    fn toggle_shadow_copy(&mut self, app: &mut App) {
        let row = row_of("enableShadowCopy");
        let on = self.shown(row).0.eq_ignore_ascii_case("true");
        self.set_attribute(row, String::from(if on { "false" } else { "true" }), true);
        let dir = row_of("shadowCopyDirectory");
        if !on && self.shown(dir).0.is_empty() {
            self.set_attribute(dir, String::from("../ShadowCopyDirectory/"), false);
        }
        self.review(app);
    }

    fn reset(&mut self, app: &mut App) {
        let row = self.selected;
        let spec = ROWS[row];
        if self.pending.remove(&row).is_some() {
            app.set_status(Level::Info, format!("{}: pending edit dropped", spec.label));
            return;
        }
        let written = self.values[row].1;
        if !written {
            app.set_status(
                Level::Info,
                format!("{} is not written; the default applies", spec.label),
            );
            return;
        }
        let settings = match spec.kind {
            RowKind::Attribute => vec![Setting::Reset {
                key: spec.key.to_owned(),
            }],
            RowKind::Handler => rows::handler_settings(spec.key, true, None),
            RowKind::Environment => {
                app.set_status(
                    Level::Info,
                    "environment variables: Enter, then d removes one",
                );
                return;
            }
        };
        self.pending
            .insert(row, (settings, String::from("(default)")));
    }

    fn begin_edit(&mut self, app: &mut App) {
        let row = self.selected;
        let spec = ROWS[row];
        let (value, _, _) = self.shown(row);
        match spec.kind {
            RowKind::Environment => {
                let items: Vec<CollectionItem> = self
                    .env
                    .iter()
                    .map(|(n, v)| CollectionItem {
                        attrs: vec![
                            (String::from("name"), n.clone()),
                            (String::from("value"), v.clone()),
                        ],
                        inherited_from: None,
                    })
                    .collect();
                let pending = self
                    .pending
                    .get(&row)
                    .map(|p| p.0.clone())
                    .unwrap_or_default();
                let attrs = [String::from("name"), String::from("value")];
                self.mode = Mode::Items(ItemsEditor::new(row, spec.key, &attrs, &items, &pending));
            }
            RowKind::Attribute => {
                let schema = app
                    .schema
                    .section(crate::model::webconfig::ASPNETCORE_SECTION)
                    .and_then(|s| s.attribute(spec.key))
                    .cloned();
                let field = field_for_schema(spec.key, spec.label, schema, &value).help(spec.help);
                self.edit_field(row, field);
            }
            RowKind::Handler => {
                let kind = match spec.key {
                    "stackSize" => FieldKind::Number {
                        min: 0,
                        max: i128::from(u32::MAX),
                    },
                    "enableShadowCopy" => FieldKind::Bool,
                    "shadowCopyDirectory" | "debugFile" => FieldKind::Path,
                    _ => FieldKind::Text,
                };
                let field = Field::new(spec.key, spec.label, kind)
                    .value(value)
                    .help(spec.help);
                self.edit_field(row, field);
            }
        }
    }

    fn edit_field(&mut self, row: usize, mut field: Field) {
        if matches!(field.kind, FieldKind::Bool) {
            field.step_choice(true);
            self.set_attribute(row, written(&field), true);
            return;
        }
        let choices = !field.kind.choices().is_empty();
        let mut form = Form::new(vec![field]);
        if choices {
            form.picker = form
                .fields
                .first()
                .map(|f| crate::tui::form::Picker::open(0, f, ""));
        }
        self.mode = Mode::Edit { row, form };
    }

    /// Opens the review of every pending edit.
    pub fn review(&mut self, app: &mut App) {
        let settings = self.settings();
        if settings.is_empty() {
            app.set_status(Level::Info, "nothing to save: no pending edits");
            return;
        }
        match self.preview(app, settings) {
            Ok(review) => self.mode = Mode::Review(Box::new(review)),
            Err(why) => {
                app.set_status(Level::Error, why);
                self.mode = Mode::Browse;
            }
        }
    }

    fn preview(&self, app: &App, settings: Vec<Setting>) -> Result<Review, String> {
        let store = &app
            .web_configs
            .get(&self.file)
            .ok_or("the web.config is not open")?
            .store;
        let mut copy = store.document().clone();
        let change = apply_settings(&mut copy, &app.schema, &Target::AspNetCore, &settings)
            .map_err(|e| e.to_string())?;
        let mut message = change.summary.clone();
        message.extend(change.warnings.iter().map(|w| format!("warning: {w}")));
        if self.turns_stdout_on(&settings) {
            message.push(String::from(
                "warning: stdout logging has no size limit and is for start-up troubleshooting only; turn it off again (s) once the app starts",
            ));
            message.push(String::from(
                "the stdout log folder is created if it is missing (the module does not create it)",
            ));
        }
        Ok(Review {
            conn: self.conn,
            op: ModelOp::Settings(vec![(Target::AspNetCore, settings.clone())]),
            title: format!("ASP.NET Core settings of \"{}\"", self.app),
            message,
            diff: unified_diff(
                store.document().text(),
                copy.text(),
                std::path::Path::new(&*escape(&self.file.display().to_string())),
            ),
            cli: cli(app, self.conn, &self.app, &settings),
            buttons: Buttons::new(&["Cancel", "Save"]),
            scroll: 0,
            state: SaveState::Ready,
        })
    }

    fn turns_stdout_on(&self, settings: &[Setting]) -> bool {
        settings.iter().any(|s| {
            matches!(s, Setting::Set { key, value }
                if key == "stdoutLogEnabled" && value.eq_ignore_ascii_case("true"))
        })
    }

    fn save(&mut self, app: &mut App, id: crate::tui::dialog::DialogId) -> Outcome {
        let settings = self.settings();
        let stdout_folder = self.turns_stdout_on(&settings).then(|| {
            let row = row_of("stdoutLogFile");
            (self.folder.clone(), self.shown(row).0)
        });
        if let Mode::Review(review) = &mut self.mode {
            review.state = SaveState::Saving;
        }
        app.busy += 1;
        Outcome::Run(vec![Effect::WebConfig(WebConfigEffect::Save {
            file: self.file.clone(),
            settings,
            dialog: Some(id),
            stdout_folder,
        })])
    }

    fn browse_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        let app = &mut *cx.app;
        let read_only = app.conns.get(self.conn).is_some_and(|c| c.is_read_only());
        let action = app.keymap.action(Layer::AspNetCore, &Key::from_event(key));
        let changes = matches!(
            action,
            Some(
                Action::Edit
                    | Action::Reset
                    | Action::StdoutLogging
                    | Action::ShadowCopy
                    | Action::Offline
                    | Action::Undo
            )
        );
        if changes && read_only {
            app.set_status(
                Level::Warning,
                "ASP.NET Core settings: this connection is read-only",
            );
            return Outcome::Stay;
        }
        match action {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected = (self.selected + 1).min(ROWS.len() - 1),
            Some(Action::Edit) => self.begin_edit(app),
            Some(Action::Reset) => self.reset(app),
            Some(Action::StdoutLogging) => self.toggle_stdout(app),
            Some(Action::ShadowCopy) => self.toggle_shadow_copy(app),
            Some(Action::Offline) if self.offline => {
                self.mode = Mode::Online(Buttons::new(&["Cancel", "Bring online"]));
            }
            Some(Action::Offline) => {
                let field = Field::new("message", "Page message", FieldKind::Text)
                    .value(OFFLINE_MESSAGE)
                    .required()
                    .help("shown to visitors while app_offline.htm exists; Enter writes it, Esc cancels");
                self.mode = Mode::Offline(Form::new(vec![field]));
            }
            Some(Action::Review) => self.review(app),
            Some(Action::Undo) => {
                app.busy += 1;
                return Outcome::Run(vec![Effect::WebConfig(WebConfigEffect::Undo {
                    file: self.file.clone(),
                    dialog: Some(cx.id),
                })]);
            }
            Some(Action::Close) if self.pending.is_empty() => return Outcome::Close,
            Some(Action::Close) => {
                self.mode = Mode::Discard(Buttons::new(&["Keep editing", "Discard"]));
            }
            _ => {}
        }
        Outcome::Stay
    }

    fn mode_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        let keymap = cx.app.keymap.clone();
        match &mut self.mode {
            Mode::Browse => self.browse_key(key, cx),
            Mode::Edit { row, form } => {
                let row = *row;
                let had_picker = form.picker.is_some();
                match form.on_key(key, &keymap) {
                    FormEvent::Submit => {
                        form.check_all();
                        if form.focus_first_error() {
                            return Outcome::Stay;
                        }
                        let value = form.fields.first().map(written).unwrap_or_default();
                        let choice = form
                            .fields
                            .first()
                            .is_some_and(|f| !f.kind.choices().is_empty());
                        self.mode = Mode::Browse;
                        self.set_attribute(row, value, choice);
                    }
                    FormEvent::Changed(_) if had_picker && form.picker.is_none() => {
                        let value = form.fields.first().map(written).unwrap_or_default();
                        self.mode = Mode::Browse;
                        self.set_attribute(row, value, true);
                    }
                    FormEvent::None if had_picker && form.picker.is_none() => {
                        self.mode = Mode::Browse;
                    }
                    FormEvent::Cancel => self.mode = Mode::Browse,
                    FormEvent::Complete(field) => {
                        let path = form.fields[field].text().to_owned();
                        return Outcome::Run(vec![Effect::ListFolders {
                            dialog: cx.id,
                            field,
                            path,
                        }]);
                    }
                    _ => {}
                }
                Outcome::Stay
            }
            Mode::Items(editor) => {
                if let Some((form, _)) = editor.form.as_mut() {
                    match form.on_key(key, &keymap) {
                        FormEvent::Submit => {
                            if let Err(why) = editor.submit_form() {
                                cx.app.set_status(Level::Warning, why);
                            }
                        }
                        FormEvent::Cancel => editor.form = None,
                        _ => {}
                    }
                    return Outcome::Stay;
                }
                let result = match keymap.action(Layer::Grid, &Key::from_event(key)) {
                    Some(Action::Up) => {
                        editor.selected = editor.selected.saturating_sub(1);
                        Ok(())
                    }
                    Some(Action::Down) => {
                        editor.selected =
                            (editor.selected + 1).min(editor.items.len().saturating_sub(1));
                        Ok(())
                    }
                    Some(Action::Add) => editor.open_form(false),
                    Some(Action::Edit) => editor.open_form(true),
                    Some(Action::Remove) => editor.remove_selected(),
                    Some(Action::Close) => {
                        let (row, settings) = (editor.row, editor.settings.clone());
                        let count = editor.items.len();
                        self.mode = Mode::Browse;
                        if settings.is_empty() {
                            self.pending.remove(&row);
                        } else {
                            let shown =
                                format!("{count} variable{}", if count == 1 { "" } else { "s" });
                            self.pending.insert(row, (settings, shown));
                        }
                        Ok(())
                    }
                    _ => Ok(()),
                };
                if let Err(why) = result {
                    cx.app.set_status(Level::Info, why);
                }
                Outcome::Stay
            }
            Mode::Review(review) => {
                let page = review.page(cx.app);
                match review.handle(key, &keymap, page) {
                    ReviewEvent::None => Outcome::Stay,
                    ReviewEvent::Back if self.close_after_save => Outcome::Close,
                    ReviewEvent::Back => {
                        self.mode = Mode::Browse;
                        Outcome::Stay
                    }
                    ReviewEvent::Save => self.save(cx.app, cx.id),
                }
            }
            Mode::Discard(_) | Mode::Online(_) => {
                let online = matches!(self.mode, Mode::Online(_));
                let (Mode::Discard(buttons) | Mode::Online(buttons)) = &mut self.mode else {
                    return Outcome::Stay;
                };
                match keymap.action(Layer::Confirm, &Key::from_event(key)) {
                    Some(Action::Press) if buttons.focus == 1 && online => {
                        self.mode = Mode::Browse;
                        return Outcome::Run(vec![Effect::WebConfig(WebConfigEffect::Offline {
                            folder: self.folder.clone(),
                            message: None,
                            dialog: Some(cx.id),
                        })]);
                    }
                    Some(Action::Press) if buttons.focus == 1 => return Outcome::Close,
                    Some(Action::Press | Action::Cancel) => self.mode = Mode::Browse,
                    Some(step) => {
                        buttons.step(step);
                    }
                    None => {}
                }
                Outcome::Stay
            }
            Mode::Offline(form) => {
                match form.on_key(key, &keymap) {
                    FormEvent::Submit => {
                        form.check_all();
                        if form.focus_first_error() {
                            return Outcome::Stay;
                        }
                        let message = form.text("message");
                        self.mode = Mode::Browse;
                        return Outcome::Run(vec![Effect::WebConfig(WebConfigEffect::Offline {
                            folder: self.folder.clone(),
                            message: Some(message),
                            dialog: Some(cx.id),
                        })]);
                    }
                    FormEvent::Cancel => self.mode = Mode::Browse,
                    _ => {}
                }
                Outcome::Stay
            }
        }
    }
}

impl Dialog for AspNetCoreEditor {
    fn layer(&self) -> Layer {
        match &self.mode {
            Mode::Browse => Layer::AspNetCore,
            Mode::Edit { .. } | Mode::Offline(_) => Layer::Form,
            Mode::Items(editor) if editor.form.is_some() => Layer::Form,
            Mode::Items(_) => Layer::Grid,
            Mode::Review(_) | Mode::Discard(_) | Mode::Online(_) => Layer::Confirm,
        }
    }

    fn hint_layer(&self) -> Layer {
        match &self.mode {
            Mode::Edit { form, .. } if form.picker.is_some() => Layer::Picker,
            _ => self.layer(),
        }
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        self.mode_key(key, cx)
    }

    fn on_paste(&mut self, text: &str, _cx: &mut Cx) -> Outcome {
        match &mut self.mode {
            Mode::Edit { form, .. } | Mode::Offline(form) => {
                form.paste(text);
            }
            Mode::Items(ItemsEditor {
                form: Some((form, _)),
                ..
            }) => {
                form.paste(text);
            }
            _ => {}
        }
        Outcome::Stay
    }

    fn on_result(&mut self, result: DialogResult, cx: &mut Cx) -> Outcome {
        match (&mut self.mode, result) {
            (Mode::Edit { form, .. }, DialogResult::Folders { field, names }) => {
                form.complete(field, &names.unwrap_or_default());
                Outcome::Stay
            }
            (Mode::Review(review), result) => {
                if !review.saved(&result) {
                    return Outcome::Stay;
                }
                if self.close_after_save {
                    return Outcome::Close;
                }
                self.pending.clear();
                self.mode = Mode::Browse;
                if let Err(why) = self.reload(cx.app) {
                    cx.app.set_status(Level::Error, why);
                }
                Outcome::Stay
            }
            (_, DialogResult::Saved(Ok(_))) => {
                // An undo saved, or app_offline.htm written or removed.
                self.offline = is_offline(&self.folder);
                if let Err(why) = self.reload(cx.app) {
                    cx.app.set_status(Level::Error, why);
                }
                Outcome::Stay
            }
            _ => Outcome::Stay,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, app: &App, active: bool) {
        super::render::draw(self, frame, area, app, active);
    }

    fn holds_input(&self) -> bool {
        !self.pending.is_empty()
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
