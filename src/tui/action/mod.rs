//! Every user intent is an [`Action`]; the registry gives each its name, one-line description,
//! default keys and the keymap [`Layer`] it lives in (main screen, forms, confirm dialogs, help,
//! palette, pickers, the settings grid, text input, the log view). The keymap, the help overlay,
//! the hint bar, `keymap.toml` and the `:` palette are all generated from this one registry.

mod dialogs;
mod logs;
mod permissions;
mod screen;

/// A user intent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    // The main screen.
    Quit,
    Help,
    Palette,
    Filter,
    Back,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    NextPane,
    PrevPane,
    GoConnections,
    GoSites,
    GoPools,
    GoApps,
    GoLogs,
    GoHealth,
    Redraw,
    Reload,
    Undo,
    Redo,
    Delete,
    SortNext,
    SortReverse,
    AddWebsite,
    ToggleDetails,
    Mark,
    AdvancedSettings,
    BasicSettings,
    EditBindings,
    Messages,
    GoProblems,
    StartStop,
    Recycle,
    ApplyFix,
    Permissions,
    GrantPoolIdentity,
    Refresh,
    AddNew,
    AddApplication,
    AddVirtualDirectory,
    AddAppPool,
    Convert,
    RemoveApplication,
    OpenFolder,
    // Text input (form fields, the palette, filters, searches).
    CursorLeft,
    CursorRight,
    LineStart,
    LineEnd,
    DeleteBack,
    DeleteForward,
    DeleteWord,
    ClearLine,
    // Forms.
    NextField,
    PrevField,
    Submit,
    Cancel,
    Toggle,
    Choose,
    PrevChoice,
    NextChoice,
    Suggest,
    // Buttons of confirm dialogs.
    NextButton,
    PrevButton,
    Press,
    // The help overlay and the settings grid.
    Search,
    Close,
    Edit,
    Reset,
    Review,
    Add,
    Remove,
    // Logs and the ASP.NET Core settings.
    OpenLogs,
    AspNetCoreSettings,
    Follow,
    Wrap,
    Times,
    SaveView,
    LogFiles,
    SearchNext,
    SearchPrev,
    StdoutLogging,
    Offline,
    ShadowCopy,
}

/// Which part of the UI a key binding belongs to. The main screen resolves keys through the
/// focused pane's layer, then Navigation, then Global; a dialog through its own layer (and
/// Input for a text field).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    Global,
    Navigation,
    Tree,
    List,
    Input,
    Form,
    Picker,
    Confirm,
    Help,
    Palette,
    Grid,
    Items,
    Log,
    Problems,
    /// Typing a list's `/` filter.
    Filter,
    Permissions,
    AspNetCore,
}

impl Layer {
    pub const ALL: [Layer; 17] = [
        Layer::Global,
        Layer::Navigation,
        Layer::Tree,
        Layer::List,
        Layer::Input,
        Layer::Form,
        Layer::Picker,
        Layer::Confirm,
        Layer::Help,
        Layer::Palette,
        Layer::Grid,
        Layer::Items,
        Layer::Log,
        Layer::Problems,
        Layer::Filter,
        Layer::Permissions,
        Layer::AspNetCore,
    ];

    /// The `keymap.toml` table of this layer (`[keys]` holds the main screen's layers).
    pub fn table(self) -> &'static str {
        match self {
            Layer::Global | Layer::Navigation | Layer::Tree | Layer::List => "keys",
            Layer::Input => "input",
            Layer::Form => "form",
            Layer::Picker => "picker",
            Layer::Confirm => "confirm",
            Layer::Help => "help",
            Layer::Palette => "palette",
            Layer::Grid => "grid",
            Layer::Items => "items",
            Layer::Log => "log",
            Layer::Problems => "problems",
            Layer::Filter => "filter",
            Layer::Permissions => "permissions",
            Layer::AspNetCore => "aspnetcore",
        }
    }

    /// The heading help shows above the layer's actions.
    pub fn heading(self) -> &'static str {
        match self {
            Layer::Global => "Everywhere on the main screen",
            Layer::Navigation => "Moving around",
            Layer::Tree => "In the Connections tree",
            Layer::List => "In a list",
            Layer::Input => "Editing text (fields, filters, the palette)",
            Layer::Form => "In a form",
            Layer::Picker => "In a choice list",
            Layer::Confirm => "In a confirm or review dialog",
            Layer::Help => "In this help",
            Layer::Palette => "In the command palette",
            Layer::Grid => "In Advanced Settings",
            Layer::Items => "In a list of items (a site's bindings)",
            Layer::Log => "In the log view",
            Layer::Problems => "In the Problems view",
            Layer::Filter => "Typing a list filter (/)",
            Layer::Permissions => "In the Permissions view",
            Layer::AspNetCore => "In the ASP.NET Core settings",
        }
    }
}

/// One registry entry: an action as it exists in one layer.
#[derive(Debug, Clone, Copy)]
pub struct ActionInfo {
    pub action: Action,
    pub layer: Layer,
    /// Stable name used in keymap.toml and the palette (`quit`, `add-website`), unique in its
    /// `keymap.toml` table.
    pub name: &'static str,
    /// Short title for the hint bar and the palette.
    pub title: &'static str,
    pub description: &'static str,
    pub keys: &'static [&'static str],
    /// Changes the configuration (disabled when read-only).
    pub mutating: bool,
    /// Shown in the hint bar when its layer is active.
    pub hint: bool,
}

const fn info(
    layer: Layer,
    action: Action,
    name: &'static str,
    title: &'static str,
    description: &'static str,
    keys: &'static [&'static str],
) -> ActionInfo {
    ActionInfo {
        action,
        layer,
        name,
        title,
        description,
        keys,
        mutating: false,
        hint: false,
    }
}

const fn hinted(mut a: ActionInfo) -> ActionInfo {
    a.hint = true;
    a
}

const fn mutating(mut a: ActionInfo) -> ActionInfo {
    a.mutating = true;
    a
}

/// The whole registry, in the order help lists it.
pub fn registry() -> impl Iterator<Item = &'static ActionInfo> {
    screen::SCREEN
        .iter()
        .chain(permissions::PERMISSIONS.iter())
        .chain(dialogs::DIALOGS.iter())
        .chain(logs::LOGS.iter())
}

/// The entries of one layer.
pub fn in_layer(layer: Layer) -> impl Iterator<Item = &'static ActionInfo> {
    registry().filter(move |a| a.layer == layer)
}

/// The main screen's layers, where the palette finds actions to run.
pub const SCREEN_LAYERS: [Layer; 5] = [
    Layer::Global,
    Layer::Navigation,
    Layer::Tree,
    Layer::List,
    Layer::Problems,
];

impl Action {
    /// The action's entry on the main screen (or its first entry anywhere).
    pub fn info(self) -> &'static ActionInfo {
        registry()
            .find(|a| a.action == self && SCREEN_LAYERS.contains(&a.layer))
            .or_else(|| registry().find(|a| a.action == self))
            .unwrap_or(&screen::SCREEN[0])
    }

    /// The action's entry in a layer.
    pub fn in_layer(self, layer: Layer) -> Option<&'static ActionInfo> {
        registry().find(|a| a.action == self && a.layer == layer)
    }

    /// Finds an entry by its keymap.toml table and name.
    pub fn by_name(table: &str, name: &str) -> Option<&'static ActionInfo> {
        registry().find(|a| a.layer.table() == table && a.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_in_their_table_and_every_layer_is_reachable() {
        let mut seen = std::collections::HashSet::new();
        for entry in registry() {
            assert!(
                seen.insert((entry.layer.table(), entry.name)),
                "{} registered twice in [{}]",
                entry.name,
                entry.layer.table()
            );
        }
        for layer in Layer::ALL {
            assert!(in_layer(layer).next().is_some(), "{layer:?} has no actions");
        }
    }

    #[test]
    fn one_entry_per_action_and_layer() {
        let mut seen = std::collections::HashSet::new();
        for entry in registry() {
            assert!(
                seen.insert((entry.layer, entry.action)),
                "{:?} twice in {:?}",
                entry.action,
                entry.layer
            );
        }
    }
}
