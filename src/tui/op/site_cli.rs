//! The CLI words of the adding operations: `add site` (whose `--certificate`, `--ssl-flags` and
//! `--certificate-store` apply to every https binding, so https bindings with other options
//! follow as `add binding` lines, run in the same order by the TUI), `add app`, `add vdir` and
//! `add apppool`.

use crate::host::shell_quote::CommandLine;
use crate::model::apphost::{Binding, DEFAULT_CERTIFICATE_STORE, NewSite};

use super::ModelOp;

/// What `add site`'s options give an https binding: SSL flags, certificate hash, store.
type HttpsOptions = (Option<String>, Option<String>, Option<String>);

fn https_options(binding: &Binding) -> Option<HttpsOptions> {
    if !binding.protocol.eq_ignore_ascii_case("https") {
        return None;
    }
    let store = binding.certificate_hash.as_ref().map(|_| {
        binding
            .certificate_store_name
            .clone()
            .unwrap_or_else(|| String::from(DEFAULT_CERTIFICATE_STORE))
    });
    Some((
        binding.ssl_flags.clone(),
        binding.certificate_hash.clone(),
        store,
    ))
}

/// The site `add site` can add (every binding but the https ones whose options differ from
/// the first https binding's) and the bindings added after it, in order.
pub fn split(site: &NewSite) -> (NewSite, Vec<Binding>) {
    let first = site.bindings.iter().find_map(https_options);
    let (kept, more): (Vec<Binding>, Vec<Binding>) = site
        .bindings
        .iter()
        .cloned()
        .partition(|b| https_options(b).is_none_or(|o| Some(o) == first));
    let mut head = site.clone();
    head.bindings = kept;
    (head, more)
}

/// `iistui add site …`, then `iistui add binding …` for each binding it cannot carry.
pub fn cli(site: &NewSite, start: impl Fn() -> CommandLine) -> String {
    let (head, more) = split(site);
    let mut cmd = start()
        .word("add")
        .word("site")
        .option("--name", &head.name)
        .option("--physical-path", &head.physical_path);
    for binding in &head.bindings {
        cmd = cmd.option("--binding", &binding.spec());
    }
    if let Some(pool) = &head.app_pool {
        cmd = cmd.option("--apppool", pool);
    }
    if let Some(id) = head.id {
        cmd = cmd.option("--id", &id.to_string());
    }
    if let Some((flags, hash, store)) = head.bindings.iter().find_map(https_options) {
        if let Some(hash) = &hash {
            cmd = cmd.option("--certificate", hash);
        }
        if let Some(store) = store.filter(|s| s != DEFAULT_CERTIFICATE_STORE) {
            cmd = cmd.option("--certificate-store", &store);
        }
        if let Some(flags) = &flags {
            cmd = cmd.option("--ssl-flags", flags);
        }
    }
    let mut lines = vec![cmd.finish()];
    for binding in more {
        let add = ModelOp::AddBinding {
            site: head.name.clone(),
            binding,
        };
        lines.push(add.cli_with(start()));
    }
    lines.join("\n")
}

/// `add app`, `add vdir` and `add apppool`; `None` for other operations.
pub fn add_cli(op: &ModelOp, cmd: CommandLine) -> Option<String> {
    let line = match op {
        ModelOp::AddApplication {
            site,
            path,
            physical_path,
            pool,
        } => {
            let mut cmd = cmd
                .word("add")
                .word("app")
                .option("--site", site)
                .option("--path", path)
                .option("--physical-path", physical_path);
            if let Some(pool) = pool {
                cmd = cmd.option("--apppool", pool);
            }
            cmd.finish()
        }
        ModelOp::AddVirtualDirectory {
            app,
            path,
            physical_path,
        } => cmd
            .word("add")
            .word("vdir")
            // `Site` names the root application, as the CLI reads it.
            .option("--app", app.strip_suffix('/').unwrap_or(app))
            .option("--path", path)
            .option("--physical-path", physical_path)
            .finish(),
        ModelOp::AddAppPool(pool) => {
            let mut cmd = cmd.word("add").word("apppool").option("--name", &pool.name);
            if let Some(runtime) = &pool.runtime {
                let runtime = if runtime.is_empty() { "none" } else { runtime };
                cmd = cmd.option("--runtime", runtime);
            }
            if let Some(auto_start) = pool.auto_start {
                cmd = cmd.option("--auto-start", if auto_start { "true" } else { "false" });
            }
            if let Some(pipeline) = &pool.pipeline {
                cmd = cmd.option("--pipeline", pipeline);
            }
            if let Some(identity) = &pool.identity {
                cmd = cmd.option("--identity", identity);
            }
            cmd.finish()
        }
        _ => return None,
    };
    Some(line)
}
