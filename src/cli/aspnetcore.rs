//! `iistui set aspnetcore SITE/APP SETTING…` and `iistui get aspnetcore SITE/APP [KEY]`: the
//! `<aspNetCore>` element of an application's web.config, found through the open
//! applicationHost.config (or, with `--config path\to\web.config`, that file itself, ID `.`),
//! changed with `set`'s syntax (`key=value`, `-key`, `+environmentVariables.[name='A',value='1']`,
//! `-handlerSettings.[name='stackSize']`) through the same model function and safe store as the
//! TUI's ASP.NET Core settings. Turning stdout logging on creates its folder when missing.

use std::path::PathBuf;

use crate::host::aspnetcore::{app_folder, ensure_stdout_folder, web_config_of};
use crate::model::apphost::{AppHost, SetOptions, Setting, Target};
use crate::model::doc::Document;
use crate::model::schema::SchemaSet;
use crate::model::store::Store;
use crate::model::webconfig::find_aspnetcore;

use super::GlobalArgs;
use super::error::CliError;
use super::stdio::{Out, note};

/// The web.config an id names: `.` for the opened file when it is a web.config, else the
/// application's, through applicationHost.config. Also the app's folder (for the log folder).
fn locate(
    doc: &Document,
    schema: &SchemaSet,
    opened: &std::path::Path,
    id: &str,
) -> Result<(PathBuf, Option<PathBuf>), CliError> {
    let host = AppHost::new(doc, schema);
    if id == "." {
        if host.sites_section().is_some() {
            return Err(CliError::usage(
                "`.` names the opened file when it is a web.config; with applicationHost.config give the application: Site/app",
            ));
        }
        return Ok((
            opened.to_path_buf(),
            opened.parent().map(|p| p.to_path_buf()),
        ));
    }
    if host.sites_section().is_none() {
        return Err(CliError::usage(format!(
            "{} is not an applicationHost.config; with --config path\\to\\web.config the ID is `.`",
            opened.display()
        )));
    }
    let file = web_config_of(host, id).map_err(CliError::refused)?;
    let folder = app_folder(host, id).ok();
    Ok((file, folder))
}

/// `set aspnetcore`.
pub fn set(
    apphost: &Store,
    schema: &SchemaSet,
    global: &GlobalArgs,
    id: &str,
    pairs: &[String],
    dry_run: bool,
) -> Result<(), CliError> {
    let (file, folder) = locate(apphost.document(), schema, apphost.path(), id)?;
    let dry_run = dry_run || pairs.iter().any(|p| p == "--dry-run");
    let options = global.store_options();
    let mut store = if dry_run || global.readonly {
        Store::open_with(&file, options)?
    } else {
        Store::open_locked(&file, options, &mut |n| note("iistui", n))?
    };
    store.set_read_only(global.readonly);
    let enables_stdout = pairs.iter().any(|p| {
        matches!(Setting::parse(p), Ok(Setting::Set { key, value })
            if key.eq_ignore_ascii_case("stdoutLogEnabled") && value.eq_ignore_ascii_case("true"))
    });
    super::mutate::set(
        &mut store,
        schema,
        &Target::AspNetCore,
        pairs,
        SetOptions {
            force: global.force,
        },
        dry_run,
    )?;
    if enables_stdout && !dry_run {
        if let (Some(folder), Some(ancm)) = (folder, find_aspnetcore(store.document(), schema)) {
            match ensure_stdout_folder(&folder, &ancm.stdout_log_file()) {
                Ok(Some(made)) => note(
                    "iistui",
                    &format!("created the stdout log folder {}", made.display()),
                ),
                Ok(None) => {}
                Err(why) => note("warning", &why),
            }
        }
        note(
            "note",
            "stdout logging has no size limit and is for start-up troubleshooting: turn it off again (stdoutLogEnabled=false)",
        );
    }
    Ok(())
}

/// `get aspnetcore`: every setting (or one) with its value and origin.
pub fn get(
    apphost: &Store,
    schema: &SchemaSet,
    id: &str,
    key: Option<&str>,
) -> Result<(), CliError> {
    let (file, _) = locate(apphost.document(), schema, apphost.path(), id)?;
    let store = Store::open(&file)?;
    let ancm = find_aspnetcore(store.document(), schema).ok_or_else(|| {
        CliError::refused(format!("{} has no <aspNetCore> element", file.display()))
    })?;
    let resolver = ancm.resolver()?;
    let mut out = Out::new();
    let values = match key {
        Some(key) => vec![resolver.get(key)?],
        None => resolver.all(),
    };
    for value in values {
        out.line(&format!(
            "{} = {}  ({})",
            value.key,
            value.shown(),
            value.origin.label()
        ))?;
    }
    if key.is_none() {
        for (list, pairs) in [
            ("environmentVariables", ancm.environment_variables()),
            ("handlerSettings", ancm.handler_settings()),
        ] {
            for (name, value) in pairs {
                out.line(&format!("{list}.[name='{name}'] = {value}"))?;
            }
        }
    }
    out.finish()
}
