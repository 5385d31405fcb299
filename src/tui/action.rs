//! Every user intent is an [`Action`] with a name, a one-line description, default keys and the
//! panes it applies to. The keymap, the help overlay, the hint bar and the `:` palette are all
//! generated from this one registry.

/// A user intent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
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
}

/// Where an action applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everywhere.
    Global,
    /// In the lists and the tree.
    Navigation,
    /// In a list of objects.
    List,
}

/// One registry entry.
#[derive(Debug, Clone, Copy)]
pub struct ActionInfo {
    pub action: Action,
    /// Stable name used in keymap.toml and the palette (`quit`, `add-website`).
    pub name: &'static str,
    /// Short title for the hint bar and the palette.
    pub title: &'static str,
    pub description: &'static str,
    pub keys: &'static [&'static str],
    pub scope: Scope,
    /// Changes the configuration (disabled when read-only).
    pub mutating: bool,
    /// Shown in the hint bar of its scope.
    pub hint: bool,
}

const fn info(
    action: Action,
    name: &'static str,
    title: &'static str,
    description: &'static str,
    keys: &'static [&'static str],
    scope: Scope,
) -> ActionInfo {
    ActionInfo {
        action,
        name,
        title,
        description,
        keys,
        scope,
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

/// The registry, in the order help lists it.
pub const ACTIONS: &[ActionInfo] = &[
    hinted(info(
        Action::Help,
        "help",
        "Help",
        "Show every action, its keys and description (/ searches)",
        &["?"],
        Scope::Global,
    )),
    hinted(info(
        Action::Palette,
        "palette",
        "Command",
        "Command palette: fuzzy search over actions and objects",
        &[":"],
        Scope::Global,
    )),
    hinted(info(
        Action::Quit,
        "quit",
        "Quit",
        "Quit iistui (asks only if an operation is unfinished)",
        &["q", "ctrl-c"],
        Scope::Global,
    )),
    info(
        Action::Back,
        "back",
        "Back",
        "Close the dialog, clear the filter or go back; never quits",
        &["esc"],
        Scope::Global,
    ),
    hinted(info(
        Action::NextPane,
        "next-pane",
        "Pane",
        "Move focus to the next pane",
        &["tab"],
        Scope::Global,
    )),
    info(
        Action::PrevPane,
        "prev-pane",
        "Previous pane",
        "Move focus to the previous pane",
        &["backtab"],
        Scope::Global,
    ),
    info(
        Action::GoConnections,
        "connections",
        "Connections",
        "Jump to the Connections tree",
        &["1"],
        Scope::Global,
    ),
    info(
        Action::GoSites,
        "sites",
        "Sites",
        "Show the Sites list",
        &["2"],
        Scope::Global,
    ),
    info(
        Action::GoPools,
        "pools",
        "Application Pools",
        "Show the Application Pools list",
        &["3"],
        Scope::Global,
    ),
    info(
        Action::GoApps,
        "apps",
        "Applications",
        "Show the applications of the selected site (or all)",
        &["4"],
        Scope::Global,
    ),
    info(
        Action::GoLogs,
        "logs",
        "Logs",
        "Show the Logs pane",
        &["5"],
        Scope::Global,
    ),
    info(
        Action::GoHealth,
        "health",
        "Health",
        "Show the Health pane",
        &["6"],
        Scope::Global,
    ),
    info(
        Action::Up,
        "up",
        "Up",
        "Move the selection up",
        &["up", "k"],
        Scope::Navigation,
    ),
    info(
        Action::Down,
        "down",
        "Down",
        "Move the selection down",
        &["down", "j"],
        Scope::Navigation,
    ),
    info(
        Action::Left,
        "left",
        "Collapse",
        "Collapse the tree node (or go to its parent)",
        &["left", "h"],
        Scope::Navigation,
    ),
    info(
        Action::Right,
        "right",
        "Expand",
        "Expand the tree node",
        &["right", "l"],
        Scope::Navigation,
    ),
    info(
        Action::PageUp,
        "page-up",
        "Page up",
        "Move one page up",
        &["pgup", "ctrl-b"],
        Scope::Navigation,
    ),
    info(
        Action::PageDown,
        "page-down",
        "Page down",
        "Move one page down",
        &["pgdn", "ctrl-f"],
        Scope::Navigation,
    ),
    info(
        Action::Top,
        "top",
        "Top",
        "Jump to the first row",
        &["g", "home"],
        Scope::Navigation,
    ),
    info(
        Action::Bottom,
        "bottom",
        "Bottom",
        "Jump to the last row",
        &["G", "end"],
        Scope::Navigation,
    ),
    hinted(info(
        Action::Open,
        "open",
        "Open",
        "Open or drill down into the selection (details when narrow)",
        &["enter"],
        Scope::Navigation,
    )),
    hinted(info(
        Action::Filter,
        "filter",
        "Filter",
        "Filter the list (fuzzy; Esc clears)",
        &["/"],
        Scope::List,
    )),
    hinted(info(
        Action::SortNext,
        "sort",
        "Sort",
        "Sort by the next column",
        &["s"],
        Scope::List,
    )),
    info(
        Action::SortReverse,
        "sort-reverse",
        "Reverse sort",
        "Reverse the sort order",
        &["S"],
        Scope::List,
    ),
    info(
        Action::ToggleDetails,
        "details",
        "Details",
        "Show or hide the details of the selection",
        &["i"],
        Scope::List,
    ),
    hinted(mutating(info(
        Action::AddWebsite,
        "add-website",
        "Add Website",
        "Add a website (IIS Manager's Add Website)",
        &["a"],
        Scope::Global,
    ))),
    hinted(mutating(info(
        Action::Delete,
        "delete",
        "Delete",
        "Delete the selected object after a confirm (Cancel is the default)",
        &["d"],
        Scope::List,
    ))),
    hinted(mutating(info(
        Action::Undo,
        "undo",
        "Undo",
        "Undo the last saved change (written through the safe store)",
        &["z"],
        Scope::Global,
    ))),
    mutating(info(
        Action::Redo,
        "redo",
        "Redo",
        "Redo the last undone change",
        &["Z"],
        Scope::Global,
    )),
    info(
        Action::Reload,
        "reload",
        "Reload",
        "Reload the configuration from disk",
        &["ctrl-r"],
        Scope::Global,
    ),
    info(
        Action::Redraw,
        "redraw",
        "Redraw",
        "Redraw the screen (when a resize was missed)",
        &["ctrl-l"],
        Scope::Global,
    ),
];

impl Action {
    pub fn info(self) -> &'static ActionInfo {
        // Every action has exactly one entry (a test checks it).
        ACTIONS
            .iter()
            .find(|a| a.action == self)
            .unwrap_or(&ACTIONS[0])
    }

    pub fn by_name(name: &str) -> Option<Action> {
        ACTIONS.iter().find(|a| a.name == name).map(|a| a.action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_is_registered_once_with_a_unique_name() {
        let all = [
            Action::Quit,
            Action::Help,
            Action::Palette,
            Action::Filter,
            Action::Back,
            Action::Up,
            Action::Down,
            Action::Left,
            Action::Right,
            Action::PageUp,
            Action::PageDown,
            Action::Top,
            Action::Bottom,
            Action::Open,
            Action::NextPane,
            Action::PrevPane,
            Action::GoConnections,
            Action::GoSites,
            Action::GoPools,
            Action::GoApps,
            Action::GoLogs,
            Action::GoHealth,
            Action::Redraw,
            Action::Reload,
            Action::Undo,
            Action::Redo,
            Action::Delete,
            Action::SortNext,
            Action::SortReverse,
            Action::AddWebsite,
            Action::ToggleDetails,
        ];
        assert_eq!(all.len(), ACTIONS.len());
        for action in all {
            assert_eq!(
                ACTIONS.iter().filter(|a| a.action == action).count(),
                1,
                "{action:?}"
            );
        }
        let mut names: Vec<&str> = ACTIONS.iter().map(|a| a.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), ACTIONS.len());
    }
}
