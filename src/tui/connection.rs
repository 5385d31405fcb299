//! One open configuration in the TUI: its safe store (or the parse error to show instead), its
//! cached rows, runtime state (or why there is none) and whether IIS can be controlled from
//! here, the problems `iistui check` finds, and how it is shown (label, read-only, colour).

use std::path::PathBuf;

use crate::host::check::CheckReport;
use crate::host::connection::{Connection, ConnectionKind};
use crate::host::runtime;
use crate::host::runtime::RuntimeStates;
use crate::model::apphost::AppHost;
use crate::model::schema::SchemaSet;
use crate::model::store::{INTERACTIVE_LOCK_TIMEOUT, Store, StoreOptions};

use super::rows::Rows;

/// An open configuration.
pub struct Conn {
    pub label: String,
    pub kind: ConnectionKind,
    pub path: PathBuf,
    /// The path as shown in the status line.
    pub display_path: String,
    pub store: Option<Store>,
    /// Why the file could not be opened (`FILE:LINE:COL: …`), shown as an error page.
    pub error: Option<String>,
    pub read_only: bool,
    /// A colour for the connection's name (e.g. red for production).
    pub color: Option<String>,
    pub notes: Vec<String>,
    pub rows: Rows,
    /// Bumped whenever the rows change; list orders are keyed on it.
    pub version: u64,
    /// Bumped whenever the document changes; validation results are keyed on it.
    pub doc_version: u64,
    pub states: Option<RuntimeStates>,
    /// Why there is no runtime state, once known.
    pub state_note: Option<String>,
    /// What `iistui check` found (validate's findings and the hosting rules), once it ran.
    pub problems: Option<CheckReport>,
    /// Whether start / stop / recycle work for this connection, or why not (shown on the
    /// disabled actions).
    pub control: Result<(), String>,
    /// The file on disk changed since it was loaded.
    pub disk_changed: bool,
    /// A save of this file is running in the background (one at a time).
    pub saving: bool,
}

impl Conn {
    /// Opens a connection; a file that cannot be read or parsed becomes an error page.
    pub fn open(
        connection: &Connection,
        read_only: bool,
        options: StoreOptions,
        schema: &SchemaSet,
    ) -> Conn {
        let (store, error) = match Store::open_with(&connection.path, options) {
            Ok(mut store) => {
                store.set_read_only(read_only);
                store.set_lock_timeout(INTERACTIVE_LOCK_TIMEOUT);
                (Some(store), None)
            }
            Err(err) => (None, Some(err.to_string())),
        };
        let mut conn = Conn {
            label: connection.label.clone(),
            kind: connection.kind,
            path: connection.path.clone(),
            display_path: connection.path.display().to_string(),
            store,
            error,
            read_only,
            color: None,
            notes: connection.notes.clone(),
            rows: Rows::default(),
            version: 0,
            doc_version: 0,
            states: None,
            state_note: None,
            problems: None,
            control: runtime::for_connection(connection.kind == ConnectionKind::Machine)
                .can_control()
                .map_err(|e| e.to_string()),
            disk_changed: false,
            saving: false,
        };
        conn.refresh(schema);
        if let Some(host) = conn.host(schema) {
            let elsewhere = host.sections_elsewhere();
            conn.notes.extend(elsewhere);
        }
        conn
    }

    pub fn host<'a>(&'a self, schema: &'a SchemaSet) -> Option<AppHost<'a>> {
        self.store
            .as_ref()
            .map(|s| AppHost::new(s.document(), schema))
    }

    /// Rebuilds the rows and forgets the validation after the document changed.
    pub fn refresh(&mut self, schema: &SchemaSet) {
        self.doc_version += 1;
        self.problems = None;
        self.refresh_rows(schema);
    }

    /// Rebuilds the rows (e.g. when runtime states arrive); the document is unchanged.
    pub fn refresh_rows(&mut self, schema: &SchemaSet) {
        self.version += 1;
        self.rows = match &self.store {
            Some(store) => {
                Rows::build(AppHost::new(store.document(), schema), self.states.as_ref())
            }
            None => Rows::default(),
        };
    }

    pub fn is_machine(&self) -> bool {
        self.kind == ConnectionKind::Machine
    }

    pub fn is_demo(&self) -> bool {
        self.kind == ConnectionKind::Demo
    }

    /// Whether changes are refused (the whole session or this connection is read-only).
    pub fn is_read_only(&self) -> bool {
        self.read_only || self.store.as_ref().is_some_and(Store::is_read_only)
    }

    /// Application count across sites.
    pub fn application_count(&self) -> usize {
        self.rows.sites.iter().map(|s| s.applications).sum()
    }
}
