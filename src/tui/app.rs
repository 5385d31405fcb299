//! The TUI's state: open connections, the tree, what the main pane shows and its list states,
//! the modal stack, the status message, keymap and theme. UI-only state (selection, scroll,
//! filter) lives in the per-view [`ListState`]s and the [`TreeState`].

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use crate::model::schema::SchemaSet;

use super::action::Layer;
use super::connection::Conn;
use super::dialog::Dialogs;
use super::keymap::Keymap;
use super::list::ListState;
use super::msg::Effect;
use super::rows::{self, AppRow, Column, FolderRow, Row, VdirRow};
use super::subscription::{Source, Subscriptions, Topic};
use super::theme::Theme;
use super::tree::{FolderListing, TreeKey, TreeState};

/// What the main pane shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// The connection's start page.
    Start,
    Sites,
    Pools,
    /// Applications of one site (or of all sites).
    Apps {
        site: Option<String>,
    },
    /// Virtual directories of one application (`Site/app` id).
    Vdirs {
        app: String,
    },
    /// A physical folder's contents.
    Folder {
        path: PathBuf,
    },
    Logs,
    Health,
    /// What `iistui check` finds, with fixes.
    Problems,
    /// The ACL of a path (`app.permissions` says which).
    Permissions,
}

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Tree,
    /// The list (or the start page).
    Main,
    /// The details pane (beside the list when wide, in its place when narrow).
    Details,
}

/// The details pane's content for one selection, built once per selection and change, and
/// its scroll offset.
#[derive(Debug, Default)]
pub struct DetailsPane {
    /// (connection, document version, view, selected name): what `lines` show.
    pub key: Option<(usize, u64, View, Option<String>)>,
    pub lines: Vec<ratatui::text::Line<'static>>,
    pub scroll: usize,
}

/// Severity of a status message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Success,
    Warning,
    Error,
}

/// The message shown in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub level: Level,
}

/// Row caches for the lists that depend on a selected parent.
#[derive(Debug, Default)]
pub struct Lists {
    pub sites: ListState,
    pub pools: ListState,
    pub apps: ListState,
    pub vdirs: ListState,
    pub folder: ListState,
    pub app_rows: Vec<AppRow>,
    app_rows_for: Option<(usize, u64, Option<String>)>,
    pub vdir_rows: Vec<VdirRow>,
    vdir_rows_for: Option<(usize, u64, String)>,
    pub folder_rows: Vec<FolderRow>,
    folder_rows_for: Option<(PathBuf, u64)>,
    folder_version: u64,
}

/// The whole TUI state.
pub struct App {
    pub conns: Vec<Conn>,
    pub schema: SchemaSet,
    pub current: usize,
    pub tree: TreeState,
    pub view: View,
    /// The view Logs, Health or Problems was opened from: where `Esc` goes back to.
    pub return_to: Option<View>,
    pub focus: Focus,
    pub lists: Lists,
    /// Narrow terminals show details instead of the list (Enter / i).
    pub details_open: bool,
    /// Wide terminals hide the details beside the list (i).
    pub details_hidden: bool,
    pub details: DetailsPane,
    /// The Permissions view: its path, ACL, selection and undo list.
    pub permissions: super::permissions::PermissionsPane,
    /// Scroll offset of the start page (its problem list can be long).
    pub start_scroll: usize,
    pub dialogs: Dialogs,
    /// The live generation of each subscription.
    pub subscriptions: Subscriptions,
    pub status: Option<Status>,
    /// Every status message of the session, oldest first (`:messages`), at most
    /// [`MESSAGE_LOG`].
    pub messages: Vec<(std::time::SystemTime, Level, String)>,
    pub keymap: Keymap,
    pub theme: Theme,
    pub width: u16,
    pub height: u16,
    pub quit: bool,
    /// Something changed: draw a frame.
    pub redraw: bool,
    /// Clear the terminal before the next frame (Ctrl-L).
    pub clear: bool,
    pub folders: HashMap<PathBuf, FolderListing>,
    /// Effects in flight (saves, reads) that make quitting ask first.
    pub busy: usize,
    pub started: Instant,
    /// The log view (`5`, `L`).
    pub logs: super::logview::LogView,
    /// The web.config files opened by the ASP.NET Core settings, each with its safe store.
    pub web_configs: super::aspnetcore::WebConfigs,
    /// The health strip's and the Health view's samples, history and settings.
    pub health: super::health::HealthState,
    /// The Problems view's selection.
    pub problems_view: super::problems::ProblemsView,
}

/// Width from which details sit beside the list.
pub const WIDE: u16 = 120;

/// How many status messages `:messages` keeps.
pub const MESSAGE_LOG: usize = 500;

impl App {
    pub fn new(conns: Vec<Conn>, schema: SchemaSet, keymap: Keymap, theme: Theme) -> App {
        let mut app = App {
            conns,
            schema,
            current: 0,
            tree: TreeState::default(),
            view: View::Start,
            return_to: None,
            focus: Focus::Tree,
            lists: Lists::default(),
            details_open: false,
            details_hidden: false,
            details: DetailsPane::default(),
            permissions: Default::default(),
            start_scroll: 0,
            dialogs: Dialogs::default(),
            subscriptions: Subscriptions::default(),
            status: None,
            messages: Vec::new(),
            keymap,
            theme,
            width: 80,
            height: 24,
            quit: false,
            redraw: true,
            clear: false,
            folders: HashMap::new(),
            busy: 0,
            started: Instant::now(),
            logs: Default::default(),
            web_configs: Default::default(),
            health: Default::default(),
            problems_view: Default::default(),
        };
        for c in 0..app.conns.len() {
            app.tree.expanded.insert(TreeKey::Conn(c));
            if app.conns[c].rows.sites.len() <= 200 {
                app.tree.expanded.insert(TreeKey::Sites(c));
            }
        }
        app.rebuild_tree();
        app
    }

    pub fn is_wide(&self) -> bool {
        self.width >= WIDE
    }

    /// Whether the details pane is on screen (beside the list, or in its place).
    pub fn details_shown(&self) -> bool {
        let has_details = matches!(
            self.view,
            View::Sites | View::Pools | View::Apps { .. } | View::Vdirs { .. }
        );
        has_details
            && if self.is_wide() {
                !self.details_hidden
            } else {
                self.details_open
            }
    }

    pub fn conn(&self) -> Option<&Conn> {
        self.conns.get(self.current)
    }

    pub fn rebuild_tree(&mut self) {
        self.tree.rebuild(&self.conns, &self.schema, &self.folders);
    }

    pub fn set_status(&mut self, level: Level, text: impl Into<String>) {
        let text = text.into();
        let now = std::time::SystemTime::now();
        match self.messages.last_mut() {
            // The same message said again (a save's status from its dialog and its job) is
            // logged once, at its latest time.
            Some(last) if last.1 == level && last.2 == text => last.0 = now,
            _ => {
                if self.messages.len() >= MESSAGE_LOG {
                    self.messages.remove(0);
                }
                self.messages.push((now, level, text.clone()));
            }
        }
        self.status = Some(Status { text, level });
        self.redraw = true;
    }

    /// The session's messages, one per line with their time, for `:messages`.
    pub fn message_log(&self) -> String {
        if self.messages.is_empty() {
            return String::from("No messages yet.");
        }
        self.messages
            .iter()
            .map(|(at, level, text)| {
                let time = humantime::format_rfc3339_seconds(*at).to_string();
                let time = time.get(11..19).unwrap_or(&time).to_owned();
                let level = match level {
                    Level::Info => "info ",
                    Level::Success => "done ",
                    Level::Warning => "warn ",
                    Level::Error => "error",
                };
                format!("{time} {level} {text}")
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The keymap layers the main screen resolves keys through, most specific first.
    pub fn layers(&self) -> Vec<Layer> {
        if self.focus == Focus::Main && self.list().is_some_and(|l| l.filtering) {
            return vec![Layer::Filter];
        }
        let pane = match self.focus {
            Focus::Tree => Some(Layer::Tree),
            Focus::Main if self.view == View::Permissions => Some(Layer::Permissions),
            Focus::Main if self.view == View::Logs => Some(Layer::Log),
            Focus::Main if self.list().is_some() => Some(Layer::List),
            Focus::Main if self.view == View::Problems => Some(Layer::Problems),
            Focus::Main | Focus::Details => None,
        };
        pane.into_iter()
            .chain([Layer::Navigation, Layer::Global])
            .collect()
    }

    /// Refreshes the row caches and list orders the current view needs.
    pub fn prepare(&mut self) {
        let Some(conn) = self.conns.get(self.current) else {
            return;
        };
        let version = conn.version;
        let current = self.current;
        let lists = &mut self.lists;
        match &self.view {
            View::Sites => lists
                .sites
                .refresh(&conn.rows.sites, rows::SITE_COLUMNS, version),
            View::Pools => lists
                .pools
                .refresh(&conn.rows.pools, rows::POOL_COLUMNS, version),
            View::Apps { site } => {
                let key = (current, version, site.clone());
                if lists.app_rows_for.as_ref() != Some(&key) {
                    lists.app_rows = conn
                        .host(&self.schema)
                        .map(|h| rows::app_rows(h, site.as_deref()))
                        .unwrap_or_default();
                    lists.app_rows_for = Some(key);
                    lists.apps.invalidate();
                }
                lists
                    .apps
                    .refresh(&lists.app_rows, rows::APP_COLUMNS, version);
            }
            View::Vdirs { app } => {
                let key = (current, version, app.clone());
                if lists.vdir_rows_for.as_ref() != Some(&key) {
                    lists.vdir_rows = conn
                        .host(&self.schema)
                        .map(|h| rows::vdir_rows(h, app))
                        .unwrap_or_default();
                    lists.vdir_rows_for = Some(key);
                    lists.vdirs.invalidate();
                }
                lists
                    .vdirs
                    .refresh(&lists.vdir_rows, rows::VDIR_COLUMNS, version);
            }
            View::Folder { path } => {
                let key = (path.clone(), lists.folder_version);
                if lists.folder_rows_for.as_ref() != Some(&key) {
                    lists.folder_rows = match self.folders.get(path) {
                        Some(FolderListing::Loaded(entries)) => entries
                            .iter()
                            .map(|(name, is_dir, size)| FolderRow {
                                name: name.clone(),
                                is_dir: *is_dir,
                                size: *size,
                            })
                            .collect(),
                        _ => Vec::new(),
                    };
                    lists.folder_rows_for = Some(key);
                    lists.folder.invalidate();
                }
                lists.folder.refresh(
                    &lists.folder_rows,
                    rows::FOLDER_COLUMNS,
                    lists.folder_version,
                );
            }
            View::Start | View::Logs | View::Health | View::Problems | View::Permissions => {}
        }
    }

    /// A folder listing arrived: lists showing it must rebuild.
    pub fn folders_changed(&mut self) {
        self.lists.folder_version += 1;
        self.rebuild_tree();
    }

    /// The list state of the current view, if it is a list.
    pub fn list_mut(&mut self) -> Option<&mut ListState> {
        match self.view {
            View::Sites => Some(&mut self.lists.sites),
            View::Pools => Some(&mut self.lists.pools),
            View::Apps { .. } => Some(&mut self.lists.apps),
            View::Vdirs { .. } => Some(&mut self.lists.vdirs),
            View::Folder { .. } => Some(&mut self.lists.folder),
            _ => None,
        }
    }

    /// Selects the row named `name` in the list on screen. A filter that hides it is cleared
    /// (and said), so a jump from the palette or the Problems view always lands on it.
    pub fn select_named(&mut self, name: &str) {
        self.prepare();
        if self.select_visible(name) {
            return;
        }
        let Some(list) = self.list_mut().filter(|l| !l.filter.is_empty()) else {
            return;
        };
        list.set_filter(String::new());
        self.prepare();
        if self.select_visible(name) {
            self.set_status(Level::Info, format!("filter cleared to show {name}"));
        }
    }

    /// Selects the row named `name` if the list shows it.
    fn select_visible(&mut self, name: &str) -> bool {
        let Some(conn) = self.conns.get(self.current) else {
            return false;
        };
        let lists = &mut self.lists;
        match self.view {
            View::Sites => lists.sites.select_name(&conn.rows.sites, name),
            View::Pools => lists.pools.select_name(&conn.rows.pools, name),
            View::Apps { .. } => lists.apps.select_name(&lists.app_rows, name),
            _ => false,
        }
    }

    pub fn list(&self) -> Option<&ListState> {
        match self.view {
            View::Sites => Some(&self.lists.sites),
            View::Pools => Some(&self.lists.pools),
            View::Apps { .. } => Some(&self.lists.apps),
            View::Vdirs { .. } => Some(&self.lists.vdirs),
            View::Folder { .. } => Some(&self.lists.folder),
            _ => None,
        }
    }

    /// Columns of the current list.
    pub fn columns(&self) -> &'static [Column] {
        match self.view {
            View::Sites => rows::SITE_COLUMNS,
            View::Pools => rows::POOL_COLUMNS,
            View::Apps { .. } => rows::APP_COLUMNS,
            View::Vdirs { .. } => rows::VDIR_COLUMNS,
            View::Folder { .. } => rows::FOLDER_COLUMNS,
            _ => &[],
        }
    }

    /// The name (first cell) of the selected row of the current list.
    pub fn selected_name(&self) -> Option<String> {
        let list = self.list()?;
        let index = list.selected_row()?;
        let conn = self.conn()?;
        Some(match self.view {
            View::Sites => conn.rows.sites.get(index)?.name().to_owned(),
            View::Pools => conn.rows.pools.get(index)?.name().to_owned(),
            View::Apps { .. } => self.lists.app_rows.get(index)?.name().to_owned(),
            View::Vdirs { .. } => self.lists.vdir_rows.get(index)?.name().to_owned(),
            View::Folder { .. } => self.lists.folder_rows.get(index)?.name().to_owned(),
            _ => return None,
        })
    }

    /// The effect that starts watching a connection's file for changes made elsewhere.
    pub fn watch_config(&mut self, conn: usize) -> Option<Effect> {
        let store = self.conns.get(conn)?.store.as_ref()?;
        let source = Source::File {
            path: store.path().to_path_buf(),
            max_size: store.options().max_size,
            every: std::time::Duration::from_secs(2),
        };
        let topic = Topic::ConfigFile { conn };
        let generation = self.subscriptions.start(topic.clone());
        Some(Effect::Subscribe {
            topic,
            generation,
            source,
        })
    }

    /// Whether an operation is unfinished (quitting then asks first).
    pub fn has_unfinished_work(&self) -> bool {
        self.busy > 0 || self.dialogs.iter().any(|d| d.holds_input())
    }
}
