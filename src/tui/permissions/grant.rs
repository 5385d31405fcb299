//! The grant-pool-identity wizard's form: the application's pool and the account it runs as,
//! the folder (the application's, or one it writes such as `App_Data` or `logs`; Tab
//! completes), the rights (`RX` by default, `M` for a folder the application writes, `F` only
//! when chosen, with a warning), inheritance `(OI)(CI)`, and the icacls command, all from
//! `host::acl::propose_pool_grant`. Where this system cannot grant the pool's account (an
//! `ApplicationPoolIdentity` or other Windows account on Linux) it says so and offers what the
//! CLI offers instead: granting a local group.

use ratatui::text::{Line, Span};

use crate::host::acl::{
    AclError, Flavor, GrantProposal, IdentityType, PoolIdentity, Principal, Right,
    propose_pool_grant,
};
use crate::host::paths::local_path;
use crate::host::terminal_text::escape;
use crate::tui::app::App;
use crate::tui::form::{Choice, Field, FieldKind, Form};
use crate::tui::theme::Theme;

use super::entries::simple_right;
use super::target::AclTarget;

/// What the CLI suggests granting instead of a Windows account on Linux.
pub const LOCAL_GROUP: &str = "group:www-data";

/// The wizard's form and what it proposes.
#[derive(Debug, Clone, PartialEq)]
pub struct GrantForm {
    pub form: Form,
    /// The pool's account.
    pub identity: PoolIdentity,
    pub app_id: String,
    /// Why the pool's own account cannot be granted on this system, when it cannot.
    pub refusal: Option<String>,
    pub proposal: Result<GrantProposal, String>,
    /// The rights were picked by hand (a new folder no longer changes them).
    pub rights_chosen: bool,
    pub flavor: Flavor,
}

impl GrantForm {
    /// The wizard for the application `target` belongs to.
    pub fn new(app: &App, target: &AclTarget, flavor: Flavor) -> Result<GrantForm, String> {
        let app_id = target.app.clone().ok_or_else(|| {
            format!(
                "{} is not inside any application's folder: select a site or application",
                target.path.display()
            )
        })?;
        let host = app
            .conns
            .get(target.conn)
            .and_then(|c| c.host(&app.schema))
            .ok_or("this configuration could not be opened")?;
        let application = host.application(&app_id).map_err(|e| e.to_string())?;
        let pool_name = application
            .app_pool_name()
            .ok_or_else(|| format!("application \"{app_id}\" has no application pool"))?;
        let pool = host.app_pool(&pool_name).map_err(|e| e.to_string())?;
        let identity = PoolIdentity::of(&pool).map_err(|e| e.to_string())?;
        let refusal = match propose_pool_grant(&identity, &target.path, None, flavor) {
            Err(AclError::Principal(why)) => Some(why),
            _ => None,
        };
        let folder = target
            .configured
            .clone()
            .unwrap_or_else(|| target.path.display().to_string());
        let mut fields = vec![
            Field::new("folder", "Folder", FieldKind::Path)
                .value(folder)
                .required()
                .help(
                    "the application's folder, or one it writes (App_Data, logs: M); Tab completes",
                ),
            Field::new(
                "rights",
                "Rights",
                FieldKind::Enum(
                    [
                        Right::Read,
                        Right::ReadExecute,
                        Right::Write,
                        Right::Modify,
                        Right::Full,
                    ]
                    .into_iter()
                    .filter_map(|r| {
                        super::entry::rights_choices()
                            .into_iter()
                            .find(|c| c.value == r.command_name())
                    })
                    .collect::<Vec<Choice>>(),
                ),
            )
            .required()
            .help("RX to read the site; M where it writes; F only if you must"),
        ];
        if refusal.is_some() {
            fields.push(
                Field::new("principal", "Grant instead", FieldKind::Text)
                    .value(LOCAL_GROUP)
                    .required()
                    .help("a local group or user here: group:NAME or user:NAME"),
            );
        }
        let mut wizard = GrantForm {
            form: Form::new(fields),
            identity,
            app_id,
            refusal,
            proposal: Err(String::new()),
            rights_chosen: false,
            flavor,
        };
        wizard.refresh();
        // What it proposes is what it opened with: Esc asks only after a change.
        for field in &mut wizard.form.fields {
            field.initial = field.text().to_owned();
        }
        Ok(wizard)
    }

    /// A field changed: picking rights by hand keeps them; everything is proposed again.
    pub fn changed(&mut self, field: usize) {
        if self
            .form
            .fields
            .get(field)
            .is_some_and(|f| f.key == "rights")
        {
            self.rights_chosen = true;
        }
        self.refresh();
    }

    /// The account granted: the pool's own, or the local one typed instead of it.
    fn grantee(&self) -> Result<PoolIdentity, String> {
        if self.refusal.is_none() {
            return Ok(self.identity.clone());
        }
        let principal =
            Principal::parse(&self.form.text("principal")).map_err(|e| e.to_string())?;
        Ok(PoolIdentity {
            pool: self.identity.pool.clone(),
            identity_type: IdentityType::SpecificUser,
            principal,
        })
    }

    /// Proposes the grant again from the fields (and the default rights for the folder,
    /// unless rights were picked by hand).
    fn refresh(&mut self) {
        self.form.check_all();
        if let Some(field) = self.form.field_mut("folder") {
            if field.error.is_none() {
                field.error = folder_problem(field.input.text());
            }
        }
        self.proposal = self.propose();
        let warning = self.proposal.as_ref().ok().and_then(|p| p.warning.clone());
        if let Some(field) = self.form.field_mut("rights") {
            field.warning = warning;
        }
        if let (Err(why), Some(field)) = (&self.proposal, self.form.field_mut("principal")) {
            if field.error.is_none() && !why.is_empty() {
                field.error = Some(why.clone());
            }
        }
    }

    fn propose(&mut self) -> Result<GrantProposal, String> {
        let text = self.form.text("folder");
        let path =
            local_path(&text).ok_or_else(|| format!("{text} is not a path on this system"))?;
        let who = self.grantee()?;
        let default = propose_pool_grant(&who, &path, None, self.flavor).map_err(|e| e.to_string());
        if !self.rights_chosen {
            if let Some(right) = default
                .as_ref()
                .ok()
                .and_then(|p| simple_right(&p.spec.rights))
            {
                if let Some(field) = self.form.field_mut("rights") {
                    field.input.set(right.command_name());
                    field.check();
                }
            }
        }
        let right = Right::parse(&self.form.text("rights"));
        match default {
            Ok(proposal) if right.is_none() || simple_right(&proposal.spec.rights) == right => {
                Ok(proposal)
            }
            _ => propose_pool_grant(&who, &path, right, self.flavor).map_err(|e| e.to_string()),
        }
    }

    /// The lines above the form: who the pool runs as, why it cannot be granted here (and
    /// what is offered instead), what is proposed and why.
    pub fn info_lines<'a>(&self, theme: &Theme) -> Vec<Line<'a>> {
        let label = |text: &str| Span::styled(format!("{text:<9}"), theme.dim());
        let mut lines = vec![Line::from(vec![
            label("Pool"),
            Span::styled(
                format!(
                    "{} runs as {} ({})",
                    escape(&self.identity.pool),
                    escape(self.identity.principal.as_str()),
                    self.identity.identity_type.name()
                ),
                theme.text(),
            ),
        ])];
        if let Some(refusal) = &self.refusal {
            // Its first sentence; the rest says what the form below offers.
            let said = refusal
                .split_once(". ")
                .map_or(refusal.as_str(), |(first, _)| first);
            lines.push(Line::from(Span::styled(
                format!("Not on this system: {}.", escape(said)),
                theme.warning(),
            )));
            lines.push(Line::from(Span::styled(
                "Instead, grant the local group (or user) the site runs as here:",
                theme.text(),
            )));
        }
        match &self.proposal {
            Ok(proposal) => {
                lines.push(Line::from(vec![
                    label("Grant"),
                    Span::styled(
                        escape(&proposal.spec.command()).into_owned(),
                        theme.accent(),
                    ),
                ]));
                lines.push(Line::from(vec![
                    label("Why"),
                    Span::styled(escape(&proposal.reason).into_owned(), theme.text()),
                ]));
                lines.push(Line::from(vec![
                    label("Same as"),
                    Span::styled(escape(&proposal.command_line).into_owned(), theme.accent()),
                ]));
            }
            Err(why) if !why.is_empty() => lines.push(Line::from(Span::styled(
                escape(why).into_owned(),
                theme.error(),
            ))),
            Err(_) => {}
        }
        lines
    }
}

/// Why a typed folder cannot be granted on: not a path here, or not there (a grant needs
/// the folder to exist; create it first).
fn folder_problem(text: &str) -> Option<String> {
    if text.trim().is_empty() {
        return None;
    }
    match local_path(text) {
        None => Some(format!("{text} is not a path on this system")),
        Some(path) if !path.exists() => Some(format!(
            "{} does not exist: create it first, or pick the application's folder",
            path.display()
        )),
        Some(_) => None,
    }
}
