//! Dialogs as components, kept as a stack that sees keys first. Each dialog lives in its own
//! file with its state, its `on_key` (keys resolved through its keymap layer) returning an
//! [`Outcome`], and its `render`; `update` routes to the top one in a few lines. Adding a dialog
//! touches one new file and the place that opens it.

mod add_app;
mod add_pool;
mod add_site;
mod add_site_draw;
mod add_vdir;
mod basic;
mod basic_edits;
mod basic_form;
mod binding_form;
mod bindings;
mod bindings_draw;
mod buttons;
pub mod chrome;
mod commit;
mod conflict;
mod control;
mod convert;
mod convert_source;
mod help;
mod message;
mod open;
mod palette;
mod path_probe;
mod quit;
mod review;
mod review_page;
mod site_bindings;
mod steps;
mod viewer;
mod wizard;
mod xml_colour;

pub use add_app::{AddApp, AppSpec};
pub use add_pool::{AddPool, PoolSpec};
pub use add_site::{AddSite, Part as AddSitePart, Step as AddSiteStep};
pub use add_vdir::{AddVdir, VdirSpec};
pub use basic::BasicSettings;
pub use basic_form::{BasicKind, Subject};
pub use binding_form::BindingForm;
pub use bindings::{Bindings, Step as BindingsStep};
pub use buttons::{Answer, Buttons};
pub use commit::{Commit, Job};
pub use conflict::Conflict;
pub use control::ConfirmControl;
pub use convert::{Convert, ConvertSpec};
pub use convert_source::{Source as ConvertSource, from_folder as convert_source_of};
pub use help::Help;
pub use message::Message;
pub use palette::{Palette, PaletteItem, PaletteTarget, palette_items};
pub use path_probe::{PROBE, PathProbe};
pub use quit::Quit;
pub use review::{Review, ReviewEvent, SaveState, review_key, save_answer};
pub use review_page::ReviewPage;
pub use site_bindings::SiteBindings;
/// The steps of a one-form dialog (Basic Settings): the form, the discard question, the review.
pub use steps::Step as FormStep;
pub use viewer::{Shown as ViewerShown, Viewer};
pub use wizard::{Page as WizardPage, Spec as WizardSpec, Wizard};

/// `e`: Basic Settings of the selected object; `b`: the selected site's bindings.
pub use basic::open as open_basic_settings;
pub use bindings::open as open_bindings;

/// The wizards and the viewer, opened from the main screen (`a`, `n`, `c`, `C`, Enter on a
/// file).
pub use add_app::open as open_add_app;
pub use add_pool::open as open_add_pool;
pub use add_site::open as open_add_website;
pub use add_vdir::open as open_add_vdir;
pub use convert::{open as open_convert, open_for as open_convert_for};
pub use open::{add_new, remove_application};
pub use viewer::open as open_viewer;

use std::any::Any;

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::action::{Action, Layer};
use super::app::App;
use super::msg::{DialogResult, Effect};

/// Identifies an open dialog, so background results find it even when it is not on top.
pub type DialogId = u64;

/// What a dialog is handed while it handles a key or a result: the rest of the app (the
/// dialog itself is taken off the stack meanwhile) and its own id, for effects that answer it.
pub struct Cx<'a> {
    pub app: &'a mut App,
    pub id: DialogId,
}

/// What a dialog wants after a key or a result.
#[derive(Debug)]
pub enum Outcome {
    /// Stay open.
    Stay,
    /// Close.
    Close,
    /// Stay open and open another dialog above it.
    Push(Box<dyn Dialog>),
    /// Close and open another in its place.
    Replace(Box<dyn Dialog>),
    /// Stay open and have the runtime perform these.
    Run(Vec<Effect>),
    /// Close and have the runtime perform these.
    Finish(Vec<Effect>),
    /// Close and perform a main-screen action.
    Dispatch(Action),
}

/// A modal dialog.
pub trait Dialog: std::fmt::Debug + Any {
    /// The keymap layer its keys come from (help and the hint bar show it).
    fn layer(&self) -> Layer;

    fn on_key(&mut self, key: &KeyEvent, cx: &mut Cx) -> Outcome;

    /// Pasted text (bracketed paste).
    fn on_paste(&mut self, _text: &str, _cx: &mut Cx) -> Outcome {
        Outcome::Stay
    }

    /// A background result addressed to this dialog.
    fn on_result(&mut self, _result: DialogResult, _cx: &mut Cx) -> Outcome {
        Outcome::Stay
    }

    /// Draws it; `active` is false when another dialog sits above it (no cursor then).
    fn render(&self, frame: &mut Frame, area: Rect, app: &App, active: bool);

    /// Whether closing it would lose something (typed input, a pending change).
    fn holds_input(&self) -> bool {
        false
    }

    /// The layer the hint bar shows (a form's choice list shows the Picker layer).
    fn hint_layer(&self) -> Layer {
        self.layer()
    }

    /// The hint bar's actions when they come from more than one layer (`None`: the hinted
    /// actions of `hint_layer`).
    fn hints(&self) -> Option<Vec<(Layer, crate::tui::action::Action)>> {
        None
    }

    fn as_any(&self) -> &dyn Any;
}

/// A dialog on the stack, with its id.
#[derive(Debug)]
pub struct Stacked {
    pub id: DialogId,
    pub dialog: Box<dyn Dialog>,
}

/// The stack of open dialogs; the last one has the keyboard.
#[derive(Debug, Default)]
pub struct Dialogs {
    stack: Vec<Stacked>,
    next_id: DialogId,
}

impl Dialogs {
    pub fn push(&mut self, dialog: Box<dyn Dialog>) -> DialogId {
        self.next_id += 1;
        self.stack.push(Stacked {
            id: self.next_id,
            dialog,
        });
        self.next_id
    }

    /// The id the next dialog pushed gets (for effects that answer it, made before it opens).
    pub fn next_id(&self) -> DialogId {
        self.next_id + 1
    }

    pub fn is_empty(&self) -> bool {
        self.stack.is_empty()
    }

    pub fn len(&self) -> usize {
        self.stack.len()
    }

    pub fn top(&self) -> Option<&dyn Dialog> {
        self.stack.last().map(|s| s.dialog.as_ref())
    }

    /// The top dialog if it is a `T`.
    pub fn top_as<T: Dialog>(&self) -> Option<&T> {
        self.top().and_then(|d| d.as_any().downcast_ref::<T>())
    }

    pub fn iter(&self) -> impl Iterator<Item = &dyn Dialog> {
        self.stack.iter().map(|s| s.dialog.as_ref())
    }

    pub fn pop(&mut self) -> Option<Stacked> {
        self.stack.pop()
    }

    pub fn clear(&mut self) {
        self.stack.clear();
    }

    fn take(&mut self, id: DialogId) -> Option<(usize, Stacked)> {
        let index = self.stack.iter().position(|s| s.id == id)?;
        Some((index, self.stack.remove(index)))
    }

    fn restore(&mut self, index: usize, stacked: Stacked) {
        let index = index.min(self.stack.len());
        self.stack.insert(index, stacked);
    }
}

/// Whether an outcome keeps the dialog that produced it.
fn keeps(outcome: &Outcome) -> bool {
    matches!(outcome, Outcome::Stay | Outcome::Push(_) | Outcome::Run(_))
}

/// Puts the dialog back (or not) and performs its outcome.
fn settle(app: &mut App, index: usize, stacked: Stacked, outcome: Outcome) -> Vec<Effect> {
    if keeps(&outcome) {
        app.dialogs.restore(index, stacked);
    }
    match outcome {
        Outcome::Stay | Outcome::Close => Vec::new(),
        Outcome::Push(dialog) | Outcome::Replace(dialog) => {
            app.dialogs.push(dialog);
            Vec::new()
        }
        Outcome::Run(effects) | Outcome::Finish(effects) => effects,
        Outcome::Dispatch(action) => super::update::dispatch(app, action),
    }
}

/// Routes a key to the top dialog.
pub fn on_key(app: &mut App, key: &KeyEvent) -> Vec<Effect> {
    let Some(mut stacked) = app.dialogs.pop() else {
        return Vec::new();
    };
    let index = app.dialogs.len();
    let outcome = stacked.dialog.on_key(
        key,
        &mut Cx {
            app,
            id: stacked.id,
        },
    );
    settle(app, index, stacked, outcome)
}

/// Routes pasted text to the top dialog.
pub fn on_paste(app: &mut App, text: &str) -> Vec<Effect> {
    let Some(mut stacked) = app.dialogs.pop() else {
        return Vec::new();
    };
    let index = app.dialogs.len();
    let outcome = stacked.dialog.on_paste(
        text,
        &mut Cx {
            app,
            id: stacked.id,
        },
    );
    settle(app, index, stacked, outcome)
}

/// Routes a background result to the dialog it answers; dropped when that dialog is gone.
pub fn on_result(app: &mut App, id: DialogId, result: DialogResult) -> Vec<Effect> {
    let Some((index, mut stacked)) = app.dialogs.take(id) else {
        return Vec::new();
    };
    let outcome = stacked.dialog.on_result(result, &mut Cx { app, id });
    settle(app, index, stacked, outcome)
}

/// Draws every open dialog, bottom first.
pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let top = app.dialogs.len().saturating_sub(1);
    for (i, dialog) in app.dialogs.iter().enumerate() {
        dialog.render(frame, area, app, i == top);
    }
}
