//! Which configuration files to open, for the CLI and the TUI alike: `--config`/`IISTUI_CONFIG`,
//! `--iisexpress`, `--demo`, or the machine's own IIS; then shared-configuration redirection.

use std::path::PathBuf;

use super::{demo, paths, redirection};

/// What the user asked to open (the command line's connection options).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Request {
    /// `--config` paths, in order.
    pub config: Vec<PathBuf>,
    pub iisexpress: bool,
    pub demo: bool,
    /// With `demo`: copy the demo server afresh.
    pub reset: bool,
    /// Do not follow `redirection.config`.
    pub no_redirect: bool,
}

/// Why nothing could be opened; the message says what to pass instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ConnectionError(pub String);

impl ConnectionError {
    fn new(message: impl Into<String>) -> ConnectionError {
        ConnectionError(message.into())
    }
}

/// What kind of configuration a connection is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectionKind {
    /// The machine's own IIS (`%windir%\System32\inetsrv\config`).
    Machine,
    IisExpress,
    /// A file named on the command line.
    File,
    /// The bundled demo server.
    Demo,
}

/// One configuration to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connection {
    pub path: PathBuf,
    pub kind: ConnectionKind,
    pub label: String,
    /// Things the user should be told (redirection followed, demo copied).
    pub notes: Vec<String>,
}

impl Connection {
    fn new(path: PathBuf, kind: ConnectionKind) -> Connection {
        let label = match kind {
            ConnectionKind::Machine => String::from("Local IIS"),
            ConnectionKind::IisExpress => String::from("IIS Express"),
            ConnectionKind::Demo => String::from("WEB01"),
            ConnectionKind::File => path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        };
        Connection {
            path,
            kind,
            label,
            notes: Vec::new(),
        }
    }

    fn follow_redirection(mut self, enabled: bool) -> Result<Connection, ConnectionError> {
        if !enabled {
            return Ok(self);
        }
        let resolved = redirection::follow(&self.path).map_err(ConnectionError)?;
        if let Some(note) = resolved.note {
            self.notes.push(note);
        }
        self.path = resolved.path;
        Ok(self)
    }
}

/// Every connection the options ask for (the TUI opens them all; the CLI uses one).
pub fn resolve_all(global: &Request) -> Result<Vec<Connection>, ConnectionError> {
    let mut out = Vec::new();
    let mut configs = global.config.clone();
    if configs.is_empty() {
        if let Some(env) = std::env::var_os("IISTUI_CONFIG").filter(|v| !v.is_empty()) {
            configs.push(PathBuf::from(env));
        }
    }
    for path in configs {
        out.push(Connection::new(path, ConnectionKind::File));
    }
    if global.iisexpress {
        let mut found = paths::iisexpress_configs().into_iter();
        let path = found.next().ok_or_else(|| {
            ConnectionError::new("no IIS Express configuration found (a Visual Studio solution's .vs\\<Solution>\\config\\applicationhost.config here or above, or Documents\\IISExpress\\config\\applicationhost.config)")
        })?;
        let mut connection = Connection::new(path, ConnectionKind::IisExpress);
        if let Some(other) = found.next() {
            connection.notes.push(format!(
                "IIS Express: using the Visual Studio solution's configuration {}; the user's is {} (pass --config to open that one)",
                connection.path.display(),
                other.display()
            ));
        }
        out.push(connection);
    }
    if global.demo {
        let (path, note) = demo::prepare(global.reset)
            .map_err(|e| ConnectionError::new(format!("cannot prepare the demo server: {e}")))?;
        let mut connection = Connection::new(path, ConnectionKind::Demo);
        connection.notes.extend(note);
        out.push(connection);
    }
    if out.is_empty() {
        if let Some(machine) = paths::machine_apphost_config() {
            out.push(Connection::new(machine, ConnectionKind::Machine));
        }
    }
    out.into_iter()
        .map(|c| c.follow_redirection(!global.no_redirect))
        .collect()
}

/// The one connection a CLI command works on.
pub fn resolve_one(global: &Request) -> Result<Connection, ConnectionError> {
    let mut all = resolve_all(global)?;
    match all.len() {
        0 => Err(ConnectionError::new(
            "no IIS configuration found on this machine; pass --config PATH (a copy of applicationHost.config), --iisexpress or --demo",
        )),
        1 => Ok(all.remove(0)),
        _ => Err(ConnectionError::new(
            "a command works on one configuration at a time; pass a single --config (or --iisexpress, or --demo)",
        )),
    }
}
