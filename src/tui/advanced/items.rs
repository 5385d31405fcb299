//! The items of a collection row (a pool's environment variables, recycling's specific times):
//! a list with its own and inherited items; `a` adds (a small form with the item's attributes),
//! Enter edits an own item (remove + add), `d` removes one. Every change becomes a `set`
//! argument (`+environmentVariables.[name='A',value='1']`, `-…[name='A']`) pending with the
//! grid's other edits.

use crate::model::apphost::{CollectionItem, Setting};
use crate::tui::form::{Field, FieldKind, Form};

/// Where an item in the working list comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemState {
    Own,
    Inherited(String),
    /// Added (or replaced) in this session.
    Added,
}

/// The collection being edited.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemsEditor {
    /// The grid row.
    pub row: usize,
    pub collection: String,
    /// Item attribute names, key first.
    pub attrs: Vec<String>,
    pub items: Vec<(Vec<(String, String)>, ItemState)>,
    pub selected: usize,
    /// The add/edit form and the index of the item it replaces.
    pub form: Option<(Form, Option<usize>)>,
    pub settings: Vec<Setting>,
}

impl ItemsEditor {
    pub fn new(
        row: usize,
        collection: &str,
        attrs: &[String],
        items: &[CollectionItem],
        pending: &[Setting],
    ) -> ItemsEditor {
        let mut editor = ItemsEditor {
            row,
            collection: collection.to_owned(),
            attrs: attrs.to_vec(),
            items: items
                .iter()
                .map(|i| {
                    let state = match &i.inherited_from {
                        Some(from) => ItemState::Inherited(from.clone()),
                        None => ItemState::Own,
                    };
                    (i.attrs.clone(), state)
                })
                .collect(),
            selected: 0,
            form: None,
            settings: Vec::new(),
        };
        for setting in pending {
            editor.replay(setting.clone());
        }
        editor
    }

    fn key_of(&self, attrs: &[(String, String)]) -> Vec<(String, String)> {
        let key = self.attrs.first().cloned().unwrap_or_default();
        attrs.iter().filter(|(n, _)| *n == key).cloned().collect()
    }

    /// The item with these key values; inherited ones only when `inherited`.
    fn position(&self, keys: &[(String, String)], inherited: bool) -> Option<usize> {
        self.items.iter().position(|(attrs, state)| {
            (inherited || !matches!(state, ItemState::Inherited(_)))
                && keys.iter().all(|(k, v)| {
                    attrs
                        .iter()
                        .any(|(n, value)| n == k && value.eq_ignore_ascii_case(v))
                })
        })
    }

    /// Applies a setting to the working list and records it.
    fn replay(&mut self, setting: Setting) {
        match &setting {
            Setting::AddItem { attrs, .. } => self.items.push((attrs.clone(), ItemState::Added)),
            Setting::RemoveItem { keys, .. } => {
                if let Some(i) = self.position(keys, false) {
                    self.items.remove(i);
                }
            }
            _ => {}
        }
        self.settings.push(setting);
    }

    /// Opens the form to add an item, or to edit the selected own item.
    pub fn open_form(&mut self, edit: bool) -> Result<(), String> {
        let editing = if edit {
            match self.items.get(self.selected) {
                Some((_, ItemState::Inherited(from))) => {
                    return Err(format!(
                        "this item is inherited from {from}; change it there (or add one here that overrides it)"
                    ));
                }
                Some(_) => Some(self.selected),
                None => return Err(String::from("no item selected")),
            }
        } else {
            None
        };
        let fields = self
            .attrs
            .iter()
            .map(|name| {
                let value = editing
                    .and_then(|i| self.items.get(i))
                    .and_then(|(attrs, _)| attrs.iter().find(|(n, _)| n == name))
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default();
                let kind = if self.collection.ends_with("schedule") {
                    FieldKind::TimeSpan
                } else {
                    FieldKind::Text
                };
                Field::new(name.clone(), name.clone(), kind)
                    .value(value)
                    .required()
            })
            .collect();
        self.form = Some((Form::new(fields), editing));
        Ok(())
    }

    /// Takes the form's values as a new item (replacing the edited one).
    pub fn submit_form(&mut self) -> Result<(), String> {
        let Some((form, editing)) = self.form.as_mut() else {
            return Ok(());
        };
        form.check_all();
        if form.focus_first_error() {
            return Err(String::from("fix the marked fields first"));
        }
        let attrs: Vec<(String, String)> = form
            .fields
            .iter()
            .map(|f| (f.key.clone(), f.text().trim().to_owned()))
            .collect();
        let editing = *editing;
        let keys = self.key_of(&attrs);
        let clash = self.position(&keys, true).filter(|i| Some(*i) != editing);
        if clash.is_some() {
            return Err(format!(
                "an item with {} already exists",
                keys.iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            ));
        }
        if let Some(i) = editing {
            let old = self.key_of(&self.items[i].0);
            self.replay(Setting::RemoveItem {
                collection: self.collection.clone(),
                keys: old,
            });
        }
        self.replay(Setting::AddItem {
            collection: self.collection.clone(),
            attrs,
        });
        self.selected = self.items.len().saturating_sub(1);
        self.form = None;
        Ok(())
    }

    /// Removes the selected item.
    pub fn remove_selected(&mut self) -> Result<(), String> {
        match self.items.get(self.selected) {
            None => Err(String::from("no item selected")),
            Some((_, ItemState::Inherited(from))) => Err(format!(
                "this item is inherited from {from}; remove it there"
            )),
            Some((attrs, _)) => {
                let keys = self.key_of(attrs);
                self.replay(Setting::RemoveItem {
                    collection: self.collection.clone(),
                    keys,
                });
                self.selected = self.selected.min(self.items.len().saturating_sub(1));
                Ok(())
            }
        }
    }
}
