//! `iistui acl show|grant|deny|remove|grant-pool`: file and folder permissions in icacls'
//! vocabulary, on this machine's ACLs (icacls on Windows, POSIX ACLs elsewhere). A change shows
//! the icacls command, the ACL before and (expected) after, then applies, reads back, and says
//! how to undo.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use serde::Serialize;

use crate::host::acl::{
    self, AceSpec, Acl, AclBackend, AclChange, AclError, AclOperation, Flavor, PoolIdentity,
    Preview, Principal, RemoveWhich, Right, RightKind, propose_pool_grant,
};
use crate::host::paths;
use crate::host::shell_quote::Shell;
use crate::host::terminal_text::escape;
use crate::model::apphost::AppHost;
use crate::model::store::Store;

use super::args::GlobalArgs;
use super::error::CliError;
use super::stdio::{Out, note};
use crate::host::connection;

/// `iistui acl …`
#[derive(Debug, Subcommand)]
pub enum AclCommand {
    /// Show the ACL of a file or folder as icacls lists it.
    Show {
        path: PathBuf,
        /// JSON output: path, owner, group, entries (principal, type, rights, inheritance,
        /// inherited).
        #[arg(long)]
        json: bool,
    },
    /// Grant rights (icacls /grant): PRINCIPAL:RIGHTS such as "IIS AppPool\Shop:(OI)(CI)RX";
    /// on Linux/macOS name a local account: "group:www-data:(OI)(CI)RX", "user:alice:R".
    Grant {
        path: PathBuf,
        /// PRINCIPAL:[(OI)(CI)(IO)(NP)]RIGHTS; RIGHTS is N F M RX R W D or a list such as
        /// (RD,WD,AD). A trailing /T means --recursive.
        #[arg(required = true, value_name = "PRINCIPAL:RIGHTS")]
        entries: Vec<String>,
        /// Replace the principal's explicit grants instead of adding to them (icacls /grant:r).
        #[arg(long)]
        replace: bool,
        #[command(flatten)]
        change: ChangeArgs,
    },
    /// Deny rights (icacls /deny); POSIX ACLs have no deny entries and refuse it.
    Deny {
        path: PathBuf,
        /// PRINCIPAL:[(OI)(CI)…]RIGHTS. A trailing /T means --recursive.
        #[arg(required = true, value_name = "PRINCIPAL:RIGHTS")]
        entries: Vec<String>,
        #[command(flatten)]
        change: ChangeArgs,
    },
    /// Remove a principal's explicit entries (icacls /remove).
    Remove {
        path: PathBuf,
        /// Principals (`IIS AppPool\Shop`, `group:www-data`). A trailing /T means --recursive.
        #[arg(required = true, value_name = "PRINCIPAL")]
        principals: Vec<String>,
        /// Only its grants (icacls /remove:g).
        #[arg(long, conflicts_with = "denied")]
        granted: bool,
        /// Only its denials (icacls /remove:d).
        #[arg(long)]
        denied: bool,
        #[command(flatten)]
        change: ChangeArgs,
    },
    /// Grant an application's pool identity access to its physical path (the hosting docs'
    /// `ICACLS <site> /grant "IIS AppPool\<pool>":…`), resolved through the configuration.
    GrantPool {
        /// The application: `Site/app`, or `Site` for the site's root application.
        #[arg(long, value_name = "SITE/APP")]
        app: String,
        /// R, RX, W, M or F; default RX, or M for a folder the application writes (App_Data,
        /// logs).
        #[arg(long, value_name = "RIGHTS")]
        rights: Option<String>,
        /// A folder inside the application's physical path (e.g. App_Data) instead of the whole
        /// path.
        #[arg(long, value_name = "SUBFOLDER")]
        folder: Option<String>,
        #[command(flatten)]
        change: ChangeArgs,
    },
}

/// Options every change takes.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct ChangeArgs {
    /// Show the command and the ACL before and after; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The path and everything below it (icacls /T).
    #[arg(long)]
    pub recursive: bool,
}

impl From<AclError> for CliError {
    fn from(err: AclError) -> Self {
        let code = match err {
            AclError::Spawn { .. } | AclError::Io { .. } | AclError::Output { .. } => 2,
            _ => 1,
        };
        CliError {
            message: escape(&err.to_string()).into_owned(),
            code,
            quiet: false,
        }
    }
}

/// A path as typed, or as the configuration writes physical paths (`%SystemDrive%\sites\shop`,
/// `C:\inetpub\wwwroot`): expanded as the TUI and `check` expand them (with `--demo`, the demo
/// server's drive).
fn typed_path(global: &GlobalArgs, path: PathBuf) -> Result<PathBuf, CliError> {
    let text = path.to_string_lossy().into_owned();
    let configured = text.contains('%') || (!cfg!(windows) && text.contains('\\'));
    if !configured || path.exists() {
        return Ok(path);
    }
    if global.demo {
        // Opening the demo server defines its %SystemDrive%.
        connection::resolve_one(&global.request())?;
    }
    let path = paths::local_path(&text).ok_or_else(|| {
        CliError::usage(format!(
            "{}: names a variable or a drive this system does not have (with --demo, %SystemDrive% is the demo server's drive)",
            escape(&text)
        ))
    })?;
    if global.demo {
        // The demo's drive is a folder of this machine: `..` must not lead out of it.
        let drive = PathBuf::from(paths::expand_env("%SystemDrive%"));
        if !lexical(&path).starts_with(lexical(&drive)) {
            return Err(CliError::refused(format!(
                "{}: leads out of the demo server's drive ({}); with --demo, ACLs are read and changed only there",
                escape(&text),
                drive.display()
            )));
        }
    }
    Ok(path)
}

/// `path` with `.` and `..` worked out by name (nothing is looked up).
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Runs an `acl` subcommand.
pub fn run(command: AclCommand, global: &GlobalArgs) -> Result<u8, CliError> {
    let backend = acl::for_this_machine();
    let backend = backend.as_ref();
    let (change, dry_run) = match command {
        AclCommand::Show { path, json } => {
            return show(backend, &typed_path(global, path)?, json);
        }
        AclCommand::Grant {
            path,
            entries,
            replace,
            change,
        } => {
            let (entries, slash_t) = parse_specs(entries)?;
            let operation = AclOperation::Grant { replace, entries };
            (
                acl_change(typed_path(global, path)?, operation, change, slash_t),
                change.dry_run,
            )
        }
        AclCommand::Deny {
            path,
            entries,
            change,
        } => {
            let (entries, slash_t) = parse_specs(entries)?;
            let operation = AclOperation::Deny { entries };
            (
                acl_change(typed_path(global, path)?, operation, change, slash_t),
                change.dry_run,
            )
        }
        AclCommand::Remove {
            path,
            principals,
            granted,
            denied,
            change,
        } => {
            let (principals, slash_t) = without_slash_t(principals);
            let principals = principals
                .iter()
                .map(|p| Principal::parse(p))
                .collect::<Result<Vec<_>, _>>()?;
            let which = match (granted, denied) {
                (true, _) => RemoveWhich::Granted,
                (_, true) => RemoveWhich::Denied,
                _ => RemoveWhich::All,
            };
            let operation = AclOperation::Remove { principals, which };
            (
                acl_change(typed_path(global, path)?, operation, change, slash_t),
                change.dry_run,
            )
        }
        AclCommand::GrantPool {
            app,
            rights,
            folder,
            change,
        } => {
            let proposal = grant_pool(global, &app, rights.as_deref(), folder.as_deref())?;
            let mut acl_change = proposal.change;
            acl_change.recursive |= change.recursive;
            (acl_change, change.dry_run)
        }
    };
    if global.readonly && !dry_run {
        return Err(CliError::refused(
            "--readonly: permissions are not changed (use --dry-run to see what would change)",
        ));
    }
    let mut out = Out::new();
    apply(&mut out, backend, &change, dry_run)?;
    out.finish()?;
    Ok(0)
}

fn acl_change(
    path: PathBuf,
    operation: AclOperation,
    args: ChangeArgs,
    slash_t: bool,
) -> AclChange {
    AclChange {
        path,
        operation,
        recursive: args.recursive || slash_t,
    }
}

/// Drops `/T` (icacls' recursion switch) from positional arguments, saying whether it was there.
fn without_slash_t(args: Vec<String>) -> (Vec<String>, bool) {
    let before = args.len();
    let kept: Vec<String> = args
        .into_iter()
        .filter(|a| !a.eq_ignore_ascii_case("/T"))
        .collect();
    let found = kept.len() != before;
    (kept, found)
}

/// `PRINCIPAL:RIGHTS` arguments, and whether a `/T` was among them.
fn parse_specs(texts: Vec<String>) -> Result<(Vec<AceSpec>, bool), CliError> {
    let (texts, slash_t) = without_slash_t(texts);
    if texts.is_empty() {
        return Err(CliError::usage("no PRINCIPAL:RIGHTS given"));
    }
    let specs = texts
        .iter()
        .map(|t| AceSpec::parse(t))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((specs, slash_t))
}

/// One ACL as JSON.
#[derive(Serialize)]
struct AclJson<'a> {
    path: &'a str,
    owner: Option<&'a str>,
    group: Option<&'a str>,
    entries: Vec<AceJson>,
}

#[derive(Serialize)]
struct AceJson {
    principal: String,
    /// `allow` or `deny`.
    r#type: &'static str,
    /// As icacls lists them (`RX`, `M,DC`) or POSIX bits (`r-x`).
    rights: String,
    /// `OI`, `CI`, `IO`, `NP` (and `I` when inherited).
    inheritance: Vec<&'static str>,
    inherited: bool,
    /// The entry as a listing shows it.
    text: String,
}

impl<'a> AclJson<'a> {
    fn new(acl: &'a Acl) -> Self {
        AclJson {
            path: &acl.path,
            owner: acl.owner.as_deref(),
            group: acl.group.as_deref(),
            entries: acl
                .entries
                .iter()
                .map(|ace| AceJson {
                    principal: ace.principal.to_string(),
                    r#type: if ace.deny { "deny" } else { "allow" },
                    rights: ace.rights.listing(),
                    inheritance: ace.flags.iter().map(|f| f.code()).collect(),
                    inherited: ace.inherited(),
                    text: ace.listing(),
                })
                .collect(),
        }
    }
}

fn show(backend: &dyn AclBackend, path: &Path, json: bool) -> Result<u8, CliError> {
    let acl = backend.read(path)?;
    let mut out = Out::new();
    if json {
        out.json(&AclJson::new(&acl), false)?;
    } else {
        out.text(&acl.listing())?;
        if let (Some(owner), Some(group)) = (&acl.owner, &acl.group) {
            out.line("")?;
            out.line(&format!("owner: {owner}  group: {group}"))?;
        }
    }
    out.finish()?;
    Ok(0)
}

/// A listing, two spaces in.
fn indented(out: &mut Out, text: &str) -> Result<(), CliError> {
    for line in text.lines() {
        out.line(&format!("  {line}"))?;
    }
    Ok(())
}

fn print_preview(out: &mut Out, preview: &Preview, shell: Shell) -> Result<(), CliError> {
    out.line(&format!(
        "icacls: {}",
        preview.change.icacls_command_line(shell)
    ))?;
    let runs = &preview.runs;
    let mut line = shell.command_line(&runs.program, &runs.args);
    if runs.stdin.is_some() {
        line.push_str(&match preview.files {
            Some(1) => String::from("  (the new ACL of 1 file on standard input)"),
            Some(n) => format!("  (the new ACLs of {n} files on standard input)"),
            None => String::from("  (with the new ACLs on standard input)"),
        });
    }
    out.line(&format!("runs:   {line}"))?;
    for note in &preview.notes {
        out.line(&format!("note:   {note}"))?;
    }
    out.line("before:")?;
    indented(out, &preview.before.listing())
}

fn apply(
    out: &mut Out,
    backend: &dyn AclBackend,
    change: &AclChange,
    dry_run: bool,
) -> Result<(), CliError> {
    let shell = Shell::native();
    let preview = backend.preview(change)?;
    print_preview(out, &preview, shell)?;
    if dry_run || preview.is_empty() {
        match &preview.after {
            Some(after) => {
                out.line("after (expected):")?;
                indented(out, &after.listing())?;
            }
            None => out.line("after: known once applied (it depends on the parent folder)")?,
        }
        if preview.is_empty() {
            out.line("nothing to change")?;
        } else {
            out.flush()?;
            super::stdio::note_line("dry run: nothing changed");
        }
        return Ok(());
    }
    let applied = backend.apply(change, &paths::backup_dir())?;
    out.line("after:")?;
    indented(out, &applied.after.listing())?;
    if let Some(undo) = &applied.undo {
        out.line(&format!(
            "undo:   {}",
            shell.command_line(&undo.restore.program, &undo.restore.args)
        ))?;
    }
    Ok(())
}

/// Resolves `--app` to its physical path and pool identity, and proposes the grant.
fn grant_pool(
    global: &GlobalArgs,
    app_id: &str,
    rights: Option<&str>,
    folder: Option<&str>,
) -> Result<acl::GrantProposal, CliError> {
    let connection = connection::resolve_one(&global.request())?;
    for line in &connection.notes {
        note("note", line);
    }
    let store = Store::open(&connection.path)?;
    let schema = super::machine_schema();
    let host = AppHost::new(store.document(), &schema);
    let app = host.application(app_id)?;
    let written = app
        .root_virtual_directory()
        .and_then(|v| v.physical_path_text())
        .ok_or_else(|| {
            CliError::refused(format!(
                "application \"{}\" has no root virtual directory with a physical path",
                app.id()
            ))
        })?;
    let mut path = paths::local_path(&written).ok_or_else(|| {
        CliError::refused(format!(
            "the physical path \"{}\" of \"{}\" is not a path on this system",
            escape(&written),
            app.id()
        ))
    })?;
    if let Some(folder) = folder {
        if Path::new(folder).is_absolute() || folder.split(['/', '\\']).any(|p| p == "..") {
            return Err(CliError::usage(format!(
                "--folder {folder}: give a folder inside the application's path (no .., not absolute)"
            )));
        }
        for part in folder.split(['/', '\\']).filter(|p| !p.is_empty()) {
            path.push(part);
        }
    }
    let pool_name = app.app_pool_name().ok_or_else(|| {
        CliError::refused(format!(
            "application \"{}\" has no application pool",
            app.id()
        ))
    })?;
    let pool = host.app_pool(&pool_name)?;
    let identity = PoolIdentity::of(&pool)?;
    let right = rights.map(parse_right).transpose()?;
    let proposal = propose_pool_grant(&identity, &path, right, Flavor::native())?;
    let mut out = Out::new();
    out.line(&format!(
        "pool:   {} runs as {} ({})",
        identity.pool,
        identity.principal.as_str(),
        identity.identity_type.name()
    ))?;
    out.line(&format!("grant:  {}", proposal.spec.command()))?;
    out.line(&format!("why:    {}", proposal.reason))?;
    out.flush()?;
    if let Some(warning) = &proposal.warning {
        note("warning", warning);
    }
    Ok(proposal)
}

fn parse_right(text: &str) -> Result<Right, CliError> {
    Right::parse(text)
        .filter(|r| r.kind() == RightKind::Simple)
        .ok_or_else(|| CliError::usage(format!("--rights {text}: use R, RX, W, M or F")))
}
