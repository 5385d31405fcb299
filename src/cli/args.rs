//! The command line, declared with clap: global options shared with the TUI and the
//! appcmd-like subcommands.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::host::connection::Request;
use crate::model::store::{DEFAULT_MAX_SIZE, StoreOptions};

/// A terminal management console for IIS: sites, application pools, applications and
/// web.config, edited losslessly. Without a subcommand it opens the TUI.
#[derive(Debug, Parser)]
#[command(name = "iistui", version, about, long_about = None, after_help = AFTER_HELP)]
pub struct Args {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

const AFTER_HELP: &str = "\
Examples:
  iistui list sites --json
  iistui get apppool DefaultAppPool processModel.idleTimeout
  iistui set apppool DefaultAppPool startMode=AlwaysRunning --dry-run
  iistui set binding Shop http/*:80:shop.example.com bindingInformation=*:8080:shop.example.com
  iistui add site --name Shop --physical-path D:\\sites\\shop --binding http/*:80:shop.example.com
  iistui validate applicationHost.config web.config
  iistui check --severity warning";

/// Options shared by the TUI and every subcommand.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct GlobalArgs {
    /// Configuration file to open (applicationHost.config, a copy, or a shared-configuration
    /// share); also IISTUI_CONFIG. The TUI accepts it several times, one connection each.
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "PATH"
    )]
    pub config: Vec<PathBuf>,
    /// Open IIS Express's configuration: the Visual Studio solution's (.vs) when run inside one,
    /// else the user's (Documents\IISExpress).
    #[arg(long, global = true, help_heading = "Global options")]
    pub iisexpress: bool,
    /// Open the bundled demo server (copied to the data directory once).
    #[arg(long, global = true, help_heading = "Global options")]
    pub demo: bool,
    /// With --demo: copy the demo server afresh.
    #[arg(long, global = true, help_heading = "Global options")]
    pub reset: bool,
    /// Disable every change.
    #[arg(long, global = true, help_heading = "Global options")]
    pub readonly: bool,
    /// TUI theme (default, light, high-contrast, monochrome, nord, or one of your own).
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "NAME"
    )]
    pub theme: Option<String>,
    /// Do not follow redirection.config (shared configuration) to the shared copy.
    #[arg(long, global = true, help_heading = "Global options")]
    pub no_redirect: bool,
    /// Write even when a check refuses it: a read-only configuration (no write bits, or the
    /// Windows read-only attribute; it stays read-only), or `set` naming a pool that does not
    /// exist.
    #[arg(long, global = true, help_heading = "Global options")]
    pub force: bool,
    /// Largest configuration file to open, in bytes or with K, M, G (powers of 1024); default 1G.
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        value_name = "SIZE",
        value_parser = parse_size
    )]
    pub max_size: Option<u64>,
}

impl GlobalArgs {
    /// The connection options, for `host::connection`.
    pub fn request(&self) -> Request {
        Request {
            config: self.config.clone(),
            iisexpress: self.iisexpress,
            demo: self.demo,
            reset: self.reset,
            no_redirect: self.no_redirect,
        }
    }

    /// How the options say to open and save configurations (CLI and TUI alike).
    pub fn store_options(&self) -> StoreOptions {
        StoreOptions {
            max_size: self.max_size.unwrap_or(DEFAULT_MAX_SIZE),
            force: self.force,
            backup_dir: crate::host::paths::backup_dir(),
        }
    }
}

/// A size like `1073741824`, `512M`, `2G` or `1GiB` (K, M, G, T are powers of 1024).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        "t" | "tb" | "tib" => 40,
        other => return Err(format!("unknown unit \"{other}\" (use K, M, G or T)")),
    };
    let number: u64 = digits
        .parse()
        .map_err(|_| format!("expected a size like 1G or 512M, got \"{text}\""))?;
    number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("{text} is too large"))
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List sites, application pools, applications or virtual directories.
    List {
        kind: ListKind,
        /// Only objects of this site (apps, vdirs).
        #[arg(long, value_name = "NAME")]
        site: Option<String>,
        /// JSON output (keys documented in the README).
        #[arg(long)]
        json: bool,
    },
    /// Show settings of one object with their effective values and where they come from.
    Get {
        kind: ObjectKind,
        /// Site name, pool name, `Site/app` or `Site/app/vdir`.
        id: String,
        /// Dotted key (processModel.idleTimeout); all keys when omitted.
        key: Option<String>,
        /// JSON output (keys documented in the README).
        #[arg(long)]
        json: bool,
    },
    /// Change settings: KEY=VALUE pairs, checked against the schema.
    Set {
        kind: SetKind,
        /// Site name, pool name, `Site/app` or `Site/app/vdir`; for a binding, its site.
        id: String,
        /// `KEY=VALUE` sets, `-KEY` resets to the inherited value, `+COLLECTION.[name='A',value='1']`
        /// adds an item, `-COLLECTION.[name='A']` removes one (appcmd's syntax). Settings that
        /// start with `-` go after `--`: `iistui set apppool P -- -processModel.idleTimeout`.
        /// `set binding SITE BINDING SETTING...` changes one binding in place: the binding as
        /// `http/*:80:host`, then protocol=, bindingInformation=, sslFlags=, certificateHash=,
        /// certificateStoreName= (or -sslFlags, -certificateHash to remove them).
        #[arg(required = true, value_name = "SETTING")]
        pairs: Vec<String>,
        /// Print the diff and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Add a site, application, virtual directory, application pool or binding.
    Add {
        #[command(subcommand)]
        what: AddCommand,
    },
    /// Delete a site, application, virtual directory, application pool or binding.
    Delete {
        kind: DeleteKind,
        /// Site name, pool name, `Site/app`, `Site/app/vdir`, or for a binding `Site` …
        id: String,
        /// For `delete binding`: the binding (`http/*:80:host`).
        binding: Option<String>,
        /// Print the diff and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// File and folder permissions in icacls' terms: show, grant, deny, remove, grant-pool.
    Acl {
        #[command(subcommand)]
        action: super::acl::AclCommand,
    },
    /// Check configuration files for XML and schema errors.
    Validate {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Extra schema files or folders (like inetsrv\config\schema) to check against.
        #[arg(long, value_name = "PATH")]
        schema: Vec<PathBuf>,
        /// JSON output (keys documented in the README).
        #[arg(long)]
        json: bool,
    },
    /// Print an application's ASP.NET Core stdout log (or its site's W3C request log); with
    /// --follow, keep printing like `tail -F`, across recycles and rotation, until Ctrl-C.
    Logs {
        /// The application: `Site/app`, or `Site` for the root; repeat for one stream of
        /// several, each line prefixed by its app.
        #[arg(long = "app", required = true, value_name = "SITE/APP")]
        apps: Vec<String>,
        /// Keep printing new lines (truncation, a replaced file and a recycle's new log are
        /// followed; what happened goes to standard error).
        #[arg(long, short = 'f')]
        follow: bool,
        /// How many of the last lines to print first.
        #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
        lines: usize,
        /// The site's W3C request log instead of the stdout log.
        #[arg(long)]
        w3c: bool,
        /// List the log files (newest first, with size and time) instead of printing lines.
        #[arg(long)]
        list: bool,
        /// With --w3c: after the lines, the requests by status class, time-taken percentiles
        /// and the most failing URLs of the file (lines starting with #).
        #[arg(long, requires = "w3c")]
        summary: bool,
    },
    /// Diagnose the configuration and this machine: validate plus the hosting rules, each
    /// problem with its rule ID and fix; exit 1 when any error is found.
    Check {
        /// JSON output (keys documented in the README).
        #[arg(long)]
        json: bool,
        /// Show problems of this severity and worse.
        #[arg(long, value_enum, default_value = "info", value_name = "LEVEL")]
        severity: CheckSeverity,
    },
}

/// The least severe problems `check` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckSeverity {
    Error,
    Warning,
    Info,
}

impl Command {
    /// Whether the command writes the configuration (a mutating command, not a dry run).
    pub fn writes(&self) -> bool {
        match self {
            // `set aspnetcore` writes the application's web.config, not this file.
            Command::Set {
                kind: SetKind::Aspnetcore,
                ..
            } => false,
            Command::Set { dry_run, .. } | Command::Delete { dry_run, .. } => !dry_run,
            Command::Add { what } => !what.dry_run(),
            Command::List { .. }
            | Command::Get { .. }
            | Command::Validate { .. }
            | Command::Check { .. }
            | Command::Logs { .. }
            | Command::Acl { .. } => false,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum AddCommand {
    /// Add a website (IIS Manager's Add Website).
    Site {
        /// The site's name (IIS Manager's characters \ / ? ; : @ & = + $ , | " < > * are refused).
        #[arg(long)]
        name: String,
        /// Folder of the root virtual directory; %SystemDrive%-style variables are kept as written.
        #[arg(long, value_name = "PATH")]
        physical_path: String,
        /// protocol/ip:port:host, e.g. http/*:80:example.com (repeatable).
        #[arg(long = "binding", required = true, value_name = "BINDING")]
        bindings: Vec<String>,
        /// Existing pool; default: a pool named after the site (created if absent).
        #[arg(long, value_name = "POOL")]
        apppool: Option<String>,
        /// Site ID; default: the lowest free one.
        #[arg(long)]
        id: Option<u32>,
        /// Certificate thumbprint for https bindings (store My).
        #[arg(long, value_name = "HASH")]
        certificate: Option<String>,
        /// The store of --certificate; default My (Personal). WebHosting for Web Hosting.
        #[arg(long, value_name = "STORE", requires = "certificate")]
        certificate_store: Option<String>,
        /// SSL flags of the https bindings: Sni, CentralCertStore, … comma-separated.
        #[arg(long, value_name = "FLAGS")]
        ssl_flags: Option<String>,
        /// Print the diff and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Add an application to a site.
    App {
        /// The site it belongs to.
        #[arg(long)]
        site: String,
        /// Virtual path, starting with / (e.g. /api).
        #[arg(long)]
        path: String,
        /// Folder of the application's root virtual directory.
        #[arg(long, value_name = "PATH")]
        physical_path: String,
        /// Pool to run in; default: the site's root application pool (as IIS Manager does).
        #[arg(long, value_name = "POOL")]
        apppool: Option<String>,
        /// Print the diff and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Add a virtual directory to an application (`Site/app`, or `Site` for the root).
    Vdir {
        /// The application: `Site/app`, or `Site` for the root application.
        #[arg(long)]
        app: String,
        /// Virtual path inside the application, starting with / (e.g. /images).
        #[arg(long)]
        path: String,
        /// Folder it maps to (local, UNC, or with %VARIABLES%).
        #[arg(long, value_name = "PATH")]
        physical_path: String,
        /// Print the diff and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Add an application pool.
    Apppool {
        /// The pool's name (up to 64 characters; | < > & and " are refused).
        #[arg(long)]
        name: String,
        /// v4.0, v2.0 or none (No Managed Code); default from applicationPoolDefaults.
        #[arg(long)]
        runtime: Option<String>,
        /// integrated or classic.
        #[arg(long)]
        pipeline: Option<String>,
        /// ApplicationPoolIdentity, NetworkService, LocalService, LocalSystem, SpecificUser.
        #[arg(long)]
        identity: Option<String>,
        /// true or false: whether WAS starts the pool with IIS (autoStart); default inherited.
        #[arg(long)]
        auto_start: Option<bool>,
        /// Print the diff and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Add a binding to a site.
    Binding {
        /// The site to add it to.
        #[arg(long)]
        site: String,
        /// protocol/ip:port:host, e.g. https/*:443:shop.example.com
        binding: String,
        /// Certificate thumbprint (40 hexadecimal digits) for an https binding.
        #[arg(long, value_name = "HASH")]
        certificate: Option<String>,
        /// The store the certificate is in; default My (Personal). WebHosting for Web Hosting.
        #[arg(long, value_name = "STORE")]
        certificate_store: Option<String>,
        /// SSL flags of an https binding: Sni (require Server Name Indication),
        /// CentralCertStore, DisableHTTP2, … comma-separated, or a number.
        #[arg(long, value_name = "FLAGS")]
        ssl_flags: Option<String>,
        /// Print the diff and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

impl AddCommand {
    fn dry_run(&self) -> bool {
        match self {
            AddCommand::Site { dry_run, .. }
            | AddCommand::App { dry_run, .. }
            | AddCommand::Vdir { dry_run, .. }
            | AddCommand::Apppool { dry_run, .. }
            | AddCommand::Binding { dry_run, .. } => *dry_run,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListKind {
    #[value(alias = "site")]
    Sites,
    #[value(alias = "apppool", alias = "pools")]
    Apppools,
    #[value(alias = "app", alias = "applications")]
    Apps,
    #[value(alias = "vdir")]
    Vdirs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ObjectKind {
    Site,
    #[value(alias = "pool")]
    Apppool,
    App,
    Vdir,
    /// The `<aspNetCore>` element of an application's web.config (ID `Site/app`; `.` when
    /// --config names the web.config itself).
    #[value(alias = "ancm")]
    Aspnetcore,
}

/// What `set` changes: an object's settings, or one binding of a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SetKind {
    Site,
    #[value(alias = "pool")]
    Apppool,
    App,
    Vdir,
    Binding,
    /// An application's `<aspNetCore>` element, in its web.config.
    Aspnetcore,
}

impl SetKind {
    /// The object whose settings change; `None` for a binding.
    pub fn object(self) -> Option<ObjectKind> {
        match self {
            SetKind::Site => Some(ObjectKind::Site),
            SetKind::Apppool => Some(ObjectKind::Apppool),
            SetKind::App => Some(ObjectKind::App),
            SetKind::Vdir => Some(ObjectKind::Vdir),
            SetKind::Aspnetcore => Some(ObjectKind::Aspnetcore),
            SetKind::Binding => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DeleteKind {
    Site,
    #[value(alias = "pool")]
    Apppool,
    App,
    Vdir,
    Binding,
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_take_binary_units() {
        assert_eq!(parse_size("1073741824"), Ok(1 << 30));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("512MiB"), Ok(512 << 20));
        assert_eq!(parse_size("4k"), Ok(4096));
        assert!(parse_size("1.5G").is_err());
        assert!(parse_size("12Q").is_err());
        assert!(parse_size("99999999T").is_err());
    }
}
