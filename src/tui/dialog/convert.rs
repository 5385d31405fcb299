//! Convert to Application (`c` on a folder, virtual directory, application or site; `:convert`):
//! the folder (picked in the tree or a listing, or typed with Tab completion under the site's
//! folder, never outside it: `..` is refused as typed, and symlinks and junctions are resolved
//! in the background and refused with the reason when they lead out), the alias it gets (its
//! path under the site) and the pool (the site's by default). Warnings from the ASP.NET Core
//! hosting docs come with their fix, ticked in the form and carried out after the review: an
//! in-process app sharing a pool with another in-process app gets a pool of its own; a parent
//! web.config whose ASP.NET Core handler the new application would inherit (500.19) is wrapped
//! in `<location path="." inheritInChildApplications="false">` through the safe store.

use std::path::PathBuf;

use crate::host::paths::local_path;
use crate::model::apphost::{Change, NewAppPool, Setting, Target, app_id, check_virtual_path};
use crate::model::doc::Document;
use crate::model::store::{StoreOptions, unified_diff};
use crate::model::webconfig::location_wrap::wrap_in_location;
use crate::tui::app::{App, Level};
use crate::tui::form::{Field, FieldKind, Form};
use crate::tui::host_job::{FolderFacts, HostAnswer, HostJob, ParentWebConfig};
use crate::tui::msg::Effect;
use crate::tui::op::ModelOp;

use super::DialogId;
use super::basic_form::pool_field;
use super::commit::Job;
use super::convert_source::{Source, from_screen, join_virtual};
use super::review::Review;
use super::wizard::{Spec, Wizard};

/// The Convert to Application wizard.
pub type Convert = Wizard<ConvertSpec>;

/// What Convert works on and what the machine said about the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvertSpec {
    pub conn: usize,
    pub source: Source,
    /// The folder text a question is out for, and whether it changed meanwhile.
    asked: Option<String>,
    again: bool,
    /// The answer about the folder field's current text.
    pub facts: Option<Result<FolderFacts, String>>,
    /// `(application, pool)` of the in-process ASP.NET Core applications (`None`: not known
    /// yet).
    pub in_process: Option<Vec<(String, String)>>,
}

/// The fix fields.
const OWN_POOL: &str = "own_pool";
const WRAP: &str = "wrap";

/// `c` on the main screen: Convert for what it points at.
pub fn open(app: &mut App) -> Vec<Effect> {
    let source = match from_screen(app) {
        Ok(source) => source,
        Err(why) => {
            app.set_status(Level::Info, format!("Convert to Application: {why}"));
            return Vec::new();
        }
    };
    open_for(app, source)
}

/// Opens Convert for a source.
pub fn open_for(app: &mut App, source: Source) -> Vec<Effect> {
    let conn = app.current;
    let Some(host) = app.conns.get(conn).and_then(|c| c.host(&app.schema)) else {
        return Vec::new();
    };
    let site = match &source {
        Source::Folder { base, .. } => base.site.clone(),
        Source::Vdir(v) => v.site.clone(),
    };
    let pool = host
        .site(&site)
        .ok()
        .and_then(|s| s.app_pool_name())
        .unwrap_or_default();
    let folder = match &source {
        Source::Folder { base, folder } => Field::new("folder", "Folder", FieldKind::Path)
            .value(folder.clone())
            .required()
            .help(format!(
                "under {} (Tab completes; it cannot leave it)",
                base.physical
            )),
        Source::Vdir(v) => Field::new("folder", "Virtual directory", FieldKind::Text)
            .value(v.id.clone())
            .disabled(format!(
                "its folder {} becomes the application's",
                v.physical
            )),
    };
    let fields = vec![folder, pool_field(app, conn, &pool)];
    let spec = ConvertSpec {
        conn,
        source,
        asked: None,
        again: false,
        facts: None,
        in_process: None,
    };
    let id: DialogId = app.dialogs.next_id();
    let (mut wizard, mut effects) = Convert::open(app, spec, fields, id);
    effects.push(Effect::Host {
        dialog: id,
        job: HostJob::InProcessApps { conn },
    });
    let text = wizard.form.text("folder");
    effects.extend(wizard.spec.ask(&text, id));
    wizard.spec.check(&mut wizard.form, app, None);
    app.dialogs.push(Box::new(wizard));
    effects
}

/// Why a typed folder cannot be under the root, before asking the machine.
fn typed_problem(folder: &str) -> Option<String> {
    let folder = folder.trim();
    if folder.starts_with(['/', '\\']) || folder.contains(':') {
        return Some(String::from(
            "type the folder's path under the site's folder, not a full path",
        ));
    }
    folder
        .split(['/', '\\'])
        .any(|s| s == "..")
        .then(|| String::from("\"..\" would leave the site's folder; pick a folder inside it"))
}

/// A pool name from an alias (`/shop/api` → `shop-api`).
fn pool_name(alias: &str) -> String {
    alias.trim_matches('/').replace('/', "-")
}

/// Adds the field `key` at the end, or removes it.
fn offer(form: &mut Form, key: &str, field: Option<Field>) {
    let at = form.fields.iter().position(|f| f.key == key);
    match (at, field) {
        (None, Some(field)) => form.fields.push(field),
        (Some(at), None) => {
            form.fields.remove(at);
            if form.focused >= form.fields.len() {
                form.focused = form.fields.len().saturating_sub(1);
            }
        }
        (Some(at), Some(field)) => form.fields[at].label = field.label,
        (None, None) => {}
    }
}

impl ConvertSpec {
    /// The site, the application's virtual path and its physical path as configured.
    fn target(&self, form: &Form) -> (String, String, String) {
        match &self.source {
            Source::Folder { base, .. } => {
                let rel = form.text("folder").replace('\\', "/");
                let rel = rel.trim_matches('/');
                let separator = if base.physical.contains('/') && !base.physical.contains('\\') {
                    "/"
                } else {
                    "\\"
                };
                let physical = format!(
                    "{}{separator}{}",
                    base.physical.trim_end_matches(['\\', '/']),
                    rel.replace('/', separator)
                );
                (base.site.clone(), join_virtual(&base.path, rel), physical)
            }
            Source::Vdir(v) => (v.site.clone(), v.path.clone(), v.physical.clone()),
        }
    }

    /// Asks about the folder text, one question at a time (a virtual directory's folder is
    /// asked about once, when it is on this machine).
    fn ask(&mut self, text: &str, dialog: DialogId) -> Vec<Effect> {
        let (root, folder, parent) = match &self.source {
            Source::Folder { base, .. } => {
                if text.trim().is_empty() || typed_problem(text).is_some() {
                    self.facts = None;
                    return Vec::new();
                }
                (
                    base.root.clone(),
                    base.root.join(text.trim().replace('\\', "/")),
                    base.parent_folder.clone(),
                )
            }
            Source::Vdir(v) => {
                let Some(folder) = local_path(&v.physical) else {
                    return Vec::new();
                };
                let Some(root) = folder.parent().map(PathBuf::from) else {
                    return Vec::new();
                };
                (root, folder, v.parent_folder.clone())
            }
        };
        if self.asked.is_some() {
            self.again = true;
            return Vec::new();
        }
        self.asked = Some(text.to_owned());
        self.facts = None;
        vec![Effect::Host {
            dialog,
            job: HostJob::InspectFolder {
                root,
                folder,
                parent,
            },
        }]
    }

    fn parent_app(&self) -> &str {
        match &self.source {
            Source::Folder { base, .. } => &base.parent_app,
            Source::Vdir(v) => &v.parent_app,
        }
    }

    /// The in-process app that already runs in `pool`, when the new one runs in process too.
    fn pool_clash(&self, form: &Form, id: &str) -> Option<(String, String)> {
        let facts = self.facts.as_ref()?.as_ref().ok()?;
        if !facts.in_process {
            return None;
        }
        let pool = form.text("pool");
        self.in_process
            .as_ref()?
            .iter()
            .find(|(app, p)| p.eq_ignore_ascii_case(&pool) && !app.eq_ignore_ascii_case(id))
            .cloned()
    }

    /// The parent's handler the new application would inherit.
    fn inherited_handler(&self) -> Option<(PathBuf, String)> {
        let facts = self.facts.as_ref()?.as_ref().ok()?;
        let parent = facts.parent.as_ref()?;
        Some((parent.file.clone(), parent.inherited_handler.clone()?))
    }

    fn ticked(form: &Form, key: &str) -> bool {
        form.field(key).is_some_and(|f| f.text() == "true")
    }

    /// The parent web.config, and what wrapping its `<system.webServer>` makes of it.
    fn wrapped_parent(&self) -> Result<(ParentWebConfig, Document, Change), String> {
        let parent = self
            .facts
            .as_ref()
            .and_then(|f| f.as_ref().ok())
            .and_then(|f| f.parent.clone())
            .ok_or("the parent web.config could not be read")?;
        let mut doc = Document::parse_str(&parent.text).map_err(|e| e.to_string())?;
        let change = wrap_in_location(&mut doc).map_err(|e| e.to_string())?;
        Ok((parent, doc, change))
    }
}

/// The element the parent web.config's fix wraps `<system.webServer>` in.
const WRAP_ELEMENT: &str = "<location path=\".\" inheritInChildApplications=\"false\">";

impl Spec for ConvertSpec {
    fn title(&self) -> String {
        String::from("Convert to Application")
    }

    fn notes(&self, form: &Form) -> Vec<(String, bool)> {
        let (site, path, physical) = self.target(form);
        let id = app_id(&site, &path);
        let mut notes = vec![(
            format!("Alias {path}: application {id} over {physical}; its files are not touched."),
            false,
        )];
        if let Some((other, pool)) = self.pool_clash(form, &id) {
            notes.push((
                format!(
                    "! In-process ASP.NET Core, as {other} in pool \"{pool}\": the second app answers 500.35; each needs its own pool (tick the fix above)."
                ),
                true,
            ));
        }
        if let Some((_, handler)) = self.inherited_handler() {
            notes.push((
                format!(
                    "! The web.config of {} gives handler \"{handler}\" to its sub-applications: one that adds it again fails with 500.19 (tick the fix above).",
                    self.parent_app()
                ),
                true,
            ));
        }
        if self.asked.is_some() {
            notes.push((String::from("checking the folder…"), false));
        }
        notes
    }

    fn check(&mut self, form: &mut Form, app: &App, changed: Option<&str>) {
        let (site, path, _) = self.target(form);
        let id = app_id(&site, &path);
        if changed.is_none_or(|c| c == "folder") {
            let text = form.text("folder");
            let error = typed_problem(&text)
                .or_else(|| match &self.facts {
                    Some(Err(why)) => Some(why.clone()),
                    _ => None,
                })
                .or_else(|| {
                    (path != "/")
                        .then(|| check_virtual_path(&path).err().map(|e| e.to_string()))
                        .flatten()
                })
                .or_else(|| {
                    let host = app.conns.get(self.conn)?.host(&app.schema)?;
                    host.application(&id)
                        .ok()
                        .map(|a| format!("\"{}\" is an application already", a.id()))
                });
            if let Some(field) = form.field_mut("folder") {
                if field.disabled.is_none() {
                    field.error = field.error.take().or(error);
                }
            }
        }
        let own_pool = self.pool_clash(form, &id).map(|_| {
            Field::new(
                OWN_POOL,
                format!("Fix: new pool \"{}\"", pool_name(&path)),
                FieldKind::Bool,
            )
            .value("false")
            .help("creates it (No Managed Code) and runs the application in it")
        });
        offer(form, OWN_POOL, own_pool);
        let wrap = self.inherited_handler().map(|_| {
            Field::new(WRAP, "Fix: parent web.config", FieldKind::Bool)
                .value("false")
                .help(format!(
                    "wraps {}'s <system.webServer> in {WRAP_ELEMENT}",
                    self.parent_app()
                ))
        });
        offer(form, WRAP, wrap);
    }

    fn asks(&mut self, form: &Form, changed: &str, dialog: DialogId) -> Vec<Effect> {
        if changed != "folder" {
            return Vec::new();
        }
        self.ask(&form.text("folder"), dialog)
    }

    fn answer(
        &mut self,
        form: &mut Form,
        answer: &HostAnswer,
        app: &App,
        dialog: DialogId,
    ) -> Vec<Effect> {
        match answer {
            HostAnswer::InProcessApps(apps) => self.in_process = Some(apps.clone()),
            HostAnswer::Folder { result, .. } => {
                let asked = self.asked.take();
                let text = form.text("folder");
                if std::mem::take(&mut self.again) || asked.as_deref() != Some(text.as_str()) {
                    return self.ask(&text, dialog);
                }
                self.facts = Some(result.clone());
            }
            _ => return Vec::new(),
        }
        if let Some(field) = form.field_mut("folder") {
            field.check();
        }
        self.check(form, app, None);
        Vec::new()
    }

    fn completion_path(&self, field: &str, text: &str) -> Option<String> {
        let Source::Folder { base, .. } = &self.source else {
            return None;
        };
        (field == "folder").then(|| format!("{}/{}", base.root.display(), text))
    }

    fn review(&self, form: &Form, app: &App) -> Result<(Review, Vec<Job>), String> {
        if matches!(self.source, Source::Folder { .. }) && self.facts.is_none() {
            return Err(String::from(
                "the folder is still being checked; try again in a moment",
            ));
        }
        let (site, path, physical) = self.target(form);
        let id = app_id(&site, &path);
        let chosen = form
            .field("pool")
            .filter(|f| f.changed())
            .map(|f| f.text().to_owned());
        let mut ops = Vec::new();
        let pool = if Self::ticked(form, OWN_POOL) {
            let name = pool_name(&path);
            ops.push(ModelOp::AddAppPool(NewAppPool {
                name: name.clone(),
                runtime: Some(String::new()),
                ..NewAppPool::default()
            }));
            Some(name)
        } else {
            chosen
        };
        if let Source::Vdir(v) = &self.source {
            ops.push(ModelOp::DeleteVirtualDirectory(v.id.clone()));
        }
        ops.push(ModelOp::AddApplication {
            site: site.clone(),
            path: path.clone(),
            physical_path: physical,
            pool,
        });
        if let Source::Vdir(v) = &self.source {
            // The folder's connect-as user stays with it, on the new root virtual directory.
            let set = |key: &str, value: &String| Setting::Set {
                key: key.to_owned(),
                value: value.clone(),
            };
            let user: Vec<Setting> = [("userName", &v.user), ("password", &v.password)]
                .into_iter()
                .filter_map(|(key, value)| value.as_ref().map(|v| set(key, v)))
                .collect();
            if !user.is_empty() {
                ops.push(ModelOp::Settings(vec![(
                    Target::VirtualDirectory(id.trim_end_matches('/').to_owned()),
                    user,
                )]));
            }
        }
        // The parent web.config's fix: its own file and its own step, said in the change (and
        // so in undo's status, which reverts only this configuration) and in "Same as".
        let wrap = match Self::ticked(form, WRAP) {
            true => Some(self.wrapped_parent()?),
            false => None,
        };
        if let Some((parent, _, _)) = &wrap {
            ops.push(ModelOp::Note(format!(
                "{} is changed too: its <system.webServer> wrapped in {WRAP_ELEMENT} (by hand: put the <system.webServer> element inside that <location> element); undo (z) reverts applicationHost.config only and keeps this wrap",
                parent.file.display()
            )));
        }
        let op = match ops.len() {
            1 => ops.remove(0),
            _ => ModelOp::Batch {
                title: format!("Convert to application \"{id}\""),
                verb: "Convert",
                ops,
            },
        };
        let mut review = Review::preview(app, self.conn, &op)?;
        review.title = format!("Convert to application \"{id}\"");
        review.buttons = super::Buttons::new(&["Cancel", "Convert"]);
        let mut jobs = vec![Job::Apply {
            conn: self.conn,
            op,
        }];
        if let Some((parent, doc, change)) = wrap {
            review.message.extend(change.summary.iter().map(|s| {
                format!(
                    "{}: {s} (no iistui command; the diff below shows it)",
                    parent.file.display()
                )
            }));
            review
                .diff
                .push_str(&unified_diff(&parent.text, doc.text(), &parent.file));
            let options = app
                .conns
                .get(self.conn)
                .and_then(|c| c.store.as_ref())
                .map(|s| StoreOptions {
                    backup_dir: s.backup_dir().to_path_buf(),
                    ..s.options().clone()
                })
                .unwrap_or_default();
            jobs.insert(
                0,
                Job::WrapWebConfig {
                    path: parent.file,
                    expected: parent.text,
                    options,
                },
            );
        }
        Ok((review, jobs))
    }

    fn conn(&self) -> usize {
        self.conn
    }
}
