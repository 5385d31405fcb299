//! Advanced Settings (`A`): a property grid generated from the schema for one or more sites,
//! application pools or applications, grouped into IIS Manager's categories. Each row shows the
//! friendly name, attribute path, value and origin (inherited dimmed). `/` searches names and
//! paths, Enter edits with the field that fits the type, `r` resets to inherited; edits stay
//! pending (marked) until Ctrl-S opens the review (diff + `iistui set …`) and Enter saves.
//! Collections (environment variables, recycling times) are edited as item lists.

mod catalog;
mod edit;
mod items;
mod render;
mod rows;

pub use catalog::On;
pub use edit::{Pending, field_for_schema, written};
pub use items::{ItemState, ItemsEditor};
pub use render::items_lines;
pub use rows::{GridRow, ObjectKind, build_rows};

use std::collections::BTreeMap;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::model::apphost::{Setting, Target};

use super::action::{Action, Layer};
use super::app::{App, Level};
use super::dialog::{Buttons, Cx, Dialog, DialogId, Outcome, Review, ReviewEvent};
use super::form::{Edited, Form, FormEvent, TextInput};
use super::keymap::Key;
use super::msg::{DialogResult, Effect};
use super::op::ModelOp;

use edit::field_for;

/// What the grid is doing.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Browse,
    /// Editing one row's value.
    Edit {
        row: usize,
        form: Form,
    },
    /// Editing a collection row's items.
    Items(ItemsEditor),
    Review(Box<Review>),
    /// Esc with pending edits: discard them?
    Discard(Buttons),
}

/// The grid dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct AdvancedSettings {
    pub conn: usize,
    pub kind: ObjectKind,
    /// Names (pools, sites) or ids (applications) of the objects edited together.
    pub objects: Vec<String>,
    pub rows: Vec<GridRow>,
    pub pending: BTreeMap<usize, Pending>,
    /// Index into [`AdvancedSettings::visible`].
    pub selected: usize,
    pub search: TextInput,
    pub searching: bool,
    pub mode: Mode,
}

impl AdvancedSettings {
    /// Opens the grid for objects of one kind on a connection.
    pub fn open(
        app: &App,
        conn: usize,
        kind: ObjectKind,
        objects: Vec<String>,
    ) -> Result<AdvancedSettings, String> {
        let store = app
            .conns
            .get(conn)
            .and_then(|c| c.store.as_ref())
            .ok_or("this configuration could not be opened")?;
        let rows = build_rows(store.document(), &app.schema, kind, &objects)?;
        Ok(AdvancedSettings {
            conn,
            kind,
            objects,
            rows,
            pending: BTreeMap::new(),
            selected: 0,
            search: TextInput::default(),
            searching: false,
            mode: Mode::Browse,
        })
    }

    /// The rows shown (all, or those matching the search), as indices into `rows`.
    pub fn visible(&self) -> Vec<usize> {
        let query = self.search.text().trim();
        if query.is_empty() {
            return (0..self.rows.len()).collect();
        }
        // Words found in the name or attribute path first; a fuzzy match only when nothing
        // contains them (fuzzy alone finds "clr" in "processModel.userName").
        let lower = query.to_lowercase();
        let contains: Vec<usize> = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, row)| {
                let text = format!("{} {}", row.spec.label, row.spec.key).to_lowercase();
                lower.split_whitespace().all(|word| text.contains(word))
            })
            .map(|(i, _)| i)
            .collect();
        if !contains.is_empty() {
            return contains;
        }
        let matcher = SkimMatcherV2::default().ignore_case();
        // Keep the grid's order within the matches, so categories stay together.
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, row)| {
                matcher.fuzzy_match(&row.spec.label, query).is_some()
                    || matcher.fuzzy_match(&row.spec.key, query).is_some()
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The selected row's index into `rows`.
    pub fn selected_row(&self) -> Option<usize> {
        self.visible().get(self.selected).copied()
    }

    fn title(&self) -> String {
        match self.objects.as_slice() {
            [one] => format!("Advanced Settings — {} \"{one}\"", self.kind.noun()),
            many => format!("Advanced Settings — {} {}s", many.len(), self.kind.noun()),
        }
    }

    /// The value a row currently shows in its editor: pending, else the common effective one.
    fn current(&self, row: usize) -> String {
        match self.pending.get(&row) {
            Some(Pending::Set(value)) => value.clone(),
            _ => {
                let Some(grid_row) = self.rows.get(row) else {
                    return String::new();
                };
                match grid_row.values.first() {
                    Some(v)
                        if !v.encrypted && grid_row.values.iter().all(|o| o.value == v.value) =>
                    {
                        v.text().to_owned()
                    }
                    _ => String::new(),
                }
            }
        }
    }

    /// The pending edits as `set` arguments per target, in row order.
    pub fn edits(&self) -> Vec<(Target, Vec<Setting>)> {
        let mut edits: Vec<(Target, Vec<Setting>)> = Vec::new();
        for object in &self.objects {
            for (row, pending) in &self.pending {
                let Some(grid_row) = self.rows.get(*row) else {
                    continue;
                };
                let target = self.kind.target(object, grid_row.spec.on);
                let settings = pending.settings(&grid_row.spec.key);
                match edits.iter_mut().find(|(t, _)| *t == target) {
                    Some((_, list)) => list.extend(settings),
                    None => edits.push((target, settings)),
                }
            }
        }
        edits
    }

    fn begin_edit(&mut self, app: &mut App) {
        let Some(row) = self.selected_row() else {
            return;
        };
        let grid_row = &self.rows[row];
        if grid_row.spec.read_only {
            let text = if grid_row.spec.key == "path" {
                String::from(
                    "a virtual path is not changed in place (as in IIS Manager): remove the application (C) and add it again (n) at the new path",
                )
            } else {
                format!(
                    "{} is changed in Basic Settings (e), not here",
                    grid_row.spec.label
                )
            };
            app.set_status(Level::Info, text);
            return;
        }
        if let Some(attrs) = &grid_row.spec.collection {
            if self.objects.len() > 1 {
                app.set_status(
                    Level::Info,
                    "collections are edited one object at a time (unmark the others)",
                );
                return;
            }
            let pending = match self.pending.get(&row) {
                Some(Pending::Items(settings)) => settings.clone(),
                _ => Vec::new(),
            };
            let items = grid_row.items.first().cloned().unwrap_or_default();
            self.mode = Mode::Items(ItemsEditor::new(
                row,
                &grid_row.spec.key,
                attrs,
                &items,
                &pending,
            ));
            return;
        }
        let field = field_for(grid_row, &self.current(row));
        // A yes/no row flips in place: no form needed.
        if matches!(field.kind, super::form::FieldKind::Bool) {
            let mut field = field;
            field.step_choice(true);
            self.set_pending(row, written(&field));
            return;
        }
        let choices = !field.kind.choices().is_empty();
        let mut form = Form::new(vec![field]);
        if choices {
            form.picker = form
                .fields
                .first()
                .map(|f| super::form::Picker::open(0, f, ""));
        }
        self.mode = Mode::Edit { row, form };
    }

    /// Records a new value, dropping the pending edit when it equals what is written.
    fn set_pending(&mut self, row: usize, value: String) {
        let Some(grid_row) = self.rows.get(row) else {
            return;
        };
        let unchanged = grid_row.explicit_anywhere()
            && grid_row
                .values
                .iter()
                .all(|v| v.value.as_deref() == Some(value.as_str()) && !v.origin.is_inherited());
        if unchanged {
            self.pending.remove(&row);
        } else {
            self.pending.insert(row, Pending::Set(value));
        }
    }

    fn reset(&mut self, app: &mut App) {
        let Some(row) = self.selected_row() else {
            return;
        };
        let grid_row = &self.rows[row];
        if grid_row.spec.read_only || grid_row.spec.collection.is_some() {
            app.set_status(
                Level::Info,
                format!("{} cannot be reset here", grid_row.spec.label),
            );
            return;
        }
        if self.pending.remove(&row).is_some() {
            app.set_status(
                Level::Info,
                format!("{}: pending edit dropped", grid_row.spec.label),
            );
        } else if grid_row.explicit_anywhere() {
            self.pending.insert(row, Pending::Reset);
        } else {
            app.set_status(
                Level::Info,
                format!("{} is already inherited", grid_row.spec.label),
            );
        }
    }

    fn review(&mut self, app: &mut App) {
        if self.pending.is_empty() {
            app.set_status(Level::Info, "nothing to save: no pending edits");
            return;
        }
        match Review::preview(app, self.conn, &ModelOp::Settings(self.edits())) {
            Ok(review) => self.mode = Mode::Review(Box::new(review)),
            Err(why) => app.set_status(Level::Error, why),
        }
    }

    fn browse_key(&mut self, key: &KeyEvent, app: &mut App) -> Outcome {
        let pressed = Key::from_event(key);
        if self.searching {
            match self.search.on_key(key, &app.keymap) {
                Edited::Changed => self.selected = 0,
                Edited::Moved => {}
                Edited::Ignored => {
                    self.searching = false;
                    if app.keymap.action(Layer::Grid, &pressed) == Some(Action::Close) {
                        self.search = TextInput::default();
                    }
                }
            }
            return Outcome::Stay;
        }
        let len = self.visible().len();
        let page = (app.height as usize).saturating_sub(10).max(1);
        match app.keymap.action(Layer::Grid, &pressed) {
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Down) => self.selected += 1,
            Some(Action::PageUp) => self.selected = self.selected.saturating_sub(page),
            Some(Action::PageDown) => self.selected += page,
            Some(Action::Top) => self.selected = 0,
            Some(Action::Bottom) => self.selected = len,
            Some(Action::Edit) => self.begin_edit(app),
            Some(Action::Reset) => self.reset(app),
            Some(Action::Search) => self.searching = true,
            Some(Action::Review) => self.review(app),
            Some(Action::Close) if !self.search.text().is_empty() => {
                self.search = TextInput::default();
            }
            Some(Action::Close) if self.pending.is_empty() => return Outcome::Close,
            Some(Action::Close) => {
                self.mode = Mode::Discard(Buttons::new(&["Keep editing", "Discard"]));
            }
            _ => {}
        }
        self.selected = self.selected.min(len.saturating_sub(1));
        Outcome::Stay
    }

    fn edit_key(&mut self, key: &KeyEvent, app: &mut App, id: DialogId) -> Outcome {
        let Mode::Edit { row, form } = &mut self.mode else {
            return Outcome::Stay;
        };
        let row = *row;
        let had_picker = form.picker.is_some();
        match form.on_key(key, &app.keymap) {
            FormEvent::Submit => {
                form.check_all();
                if form.focus_first_error() {
                    return Outcome::Stay;
                }
                let value = form.fields.first().map(written).unwrap_or_default();
                let encrypted_blank =
                    self.rows[row].schema.as_ref().is_some_and(|s| s.encrypted) && value.is_empty();
                self.mode = Mode::Browse;
                if !encrypted_blank {
                    self.set_pending(row, value);
                }
            }
            FormEvent::Cancel => self.mode = Mode::Browse,
            // A choice taken from the list that opened with the editor ends the edit.
            FormEvent::Changed(_) if had_picker && form.picker.is_none() => {
                let value = form.fields.first().map(written).unwrap_or_default();
                self.mode = Mode::Browse;
                self.set_pending(row, value);
            }
            FormEvent::None if had_picker && form.picker.is_none() => self.mode = Mode::Browse,
            FormEvent::Complete(field) => {
                let path = form.fields[field].text().to_owned();
                return Outcome::Run(vec![Effect::ListFolders {
                    dialog: id,
                    field,
                    path,
                }]);
            }
            _ => {}
        }
        Outcome::Stay
    }

    fn items_key(&mut self, key: &KeyEvent, app: &mut App) -> Outcome {
        let Mode::Items(editor) = &mut self.mode else {
            return Outcome::Stay;
        };
        if let Some((form, _)) = editor.form.as_mut() {
            match form.on_key(key, &app.keymap) {
                FormEvent::Submit => {
                    if let Err(why) = editor.submit_form() {
                        app.set_status(Level::Warning, why);
                    }
                }
                FormEvent::Cancel => editor.form = None,
                _ => {}
            }
            return Outcome::Stay;
        }
        let result = match app.keymap.action(Layer::Grid, &Key::from_event(key)) {
            Some(Action::Up) => {
                editor.selected = editor.selected.saturating_sub(1);
                Ok(())
            }
            Some(Action::Down) => {
                editor.selected = (editor.selected + 1).min(editor.items.len().saturating_sub(1));
                Ok(())
            }
            Some(Action::Add) => editor.open_form(false),
            Some(Action::Edit) => editor.open_form(true),
            Some(Action::Remove) => editor.remove_selected(),
            Some(Action::Close) => {
                let (row, settings) = (editor.row, editor.settings.clone());
                self.mode = Mode::Browse;
                if settings.is_empty() {
                    self.pending.remove(&row);
                } else {
                    self.pending.insert(row, Pending::Items(settings));
                }
                Ok(())
            }
            _ => Ok(()),
        };
        if let Err(why) = result {
            app.set_status(Level::Info, why);
        }
        Outcome::Stay
    }
}

impl Dialog for AdvancedSettings {
    fn layer(&self) -> Layer {
        match &self.mode {
            Mode::Browse if self.searching => Layer::Input,
            Mode::Browse => Layer::Grid,
            Mode::Edit { .. } => Layer::Form,
            Mode::Items(editor) if editor.form.is_some() => Layer::Form,
            Mode::Items(_) => Layer::Grid,
            Mode::Review(_) | Mode::Discard(_) => Layer::Confirm,
        }
    }

    fn hint_layer(&self) -> Layer {
        match &self.mode {
            Mode::Edit { form, .. } if form.picker.is_some() => Layer::Picker,
            _ => self.layer(),
        }
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome {
        match &mut self.mode {
            Mode::Browse => self.browse_key(key, cx.app),
            Mode::Edit { .. } => self.edit_key(key, cx.app, cx.id),
            Mode::Items(_) => self.items_key(key, cx.app),
            Mode::Discard(buttons) => {
                match cx.app.keymap.action(Layer::Confirm, &Key::from_event(key)) {
                    Some(Action::Press) if buttons.focus == 1 => return Outcome::Close,
                    Some(Action::Press | Action::Cancel) => self.mode = Mode::Browse,
                    Some(step) => {
                        buttons.step(step);
                    }
                    None => {}
                }
                Outcome::Stay
            }
            Mode::Review(review) => {
                let page = review.page(cx.app);
                match review.handle(key, &cx.app.keymap, page) {
                    ReviewEvent::None => Outcome::Stay,
                    ReviewEvent::Back => {
                        self.mode = Mode::Browse;
                        Outcome::Stay
                    }
                    ReviewEvent::Save => Outcome::Run(review.save_effect(cx.app, cx.id)),
                }
            }
        }
    }

    fn on_paste(&mut self, text: &str, _cx: &mut Cx) -> Outcome {
        match &mut self.mode {
            Mode::Edit { form, .. } => {
                form.paste(text);
            }
            Mode::Items(ItemsEditor {
                form: Some((form, _)),
                ..
            }) => {
                form.paste(text);
            }
            Mode::Browse if self.searching => {
                self.search.paste(text);
                self.selected = 0;
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
                if review.saved(&result) {
                    // The marked rows were edited together: the marks have done their work.
                    if self.objects.len() > 1 {
                        if let Some(list) = cx.app.list_mut() {
                            list.marked.clear();
                        }
                    }
                    Outcome::Close
                } else {
                    Outcome::Stay
                }
            }
            _ => Outcome::Stay,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, app: &App, active: bool) {
        render::draw(self, frame, area, app, active);
    }

    fn holds_input(&self) -> bool {
        !self.pending.is_empty()
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
