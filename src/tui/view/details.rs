//! The details pane: the selected object's bindings, applications and key settings with their
//! effective values and origin; inherited values are dimmed, explicit ones are not.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::host::paths::local_path;
use crate::model::apphost::{AppHost, Effective, Origin, Resolver, locations_for};

use super::super::app::{App, Focus, View};
use super::super::theme::Theme;
use super::safe_text::escape_spans;

const SITE_KEYS: &[&str] = &[
    "serverAutoStart",
    "limits.connectionTimeout",
    "limits.maxConnections",
    "logFile.directory",
    "logFile.logFormat",
    "logFile.period",
    "traceFailedRequestsLogging.enabled",
    "hsts.enabled",
];

const POOL_KEYS: &[&str] = &[
    "managedRuntimeVersion",
    "managedPipelineMode",
    "startMode",
    "autoStart",
    "enable32BitAppOnWin64",
    "queueLength",
    "processModel.identityType",
    "processModel.userName",
    "processModel.idleTimeout",
    "processModel.loadUserProfile",
    "recycling.periodicRestart.time",
    "failure.rapidFailProtection",
    "cpu.limit",
];

const APP_KEYS: &[&str] = &[
    "applicationPool",
    "enabledProtocols",
    "preloadEnabled",
    "serviceAutoStartEnabled",
];
const VDIR_KEYS: &[&str] = &[
    "physicalPath",
    "userName",
    "password",
    "logonMethod",
    "allowSubDirConfig",
];

fn heading<'a>(theme: &Theme, text: &str) -> Line<'a> {
    Line::from(Span::styled(text.to_owned(), theme.header()))
}

fn setting<'a>(theme: &Theme, value: &Effective) -> Line<'a> {
    let origin = match &value.origin {
        Origin::Explicit { line, .. } => format!("  (line {line})"),
        Origin::Defaults { element, .. } => format!("  (from {element})"),
        Origin::Schema => String::from("  (default)"),
        Origin::Unset => String::new(),
    };
    let style = if value.origin.is_inherited() {
        theme.dim()
    } else {
        theme.text()
    };
    // A password typed in clear is not shown on a screen someone may be watching.
    let shown = if value.key.eq_ignore_ascii_case("password")
        && !value.encrypted
        && !value.text().is_empty()
    {
        String::from(crate::model::apphost::MASK)
    } else {
        value.shown().into_owned()
    };
    Line::from(vec![
        Span::styled(format!("  {:<24} ", value.key), theme.dim()),
        Span::styled(shown, style),
        Span::styled(origin, theme.dim()),
    ])
}

fn settings<'a>(theme: &Theme, resolver: &Resolver<'_>, keys: &[&str], lines: &mut Vec<Line<'a>>) {
    lines.push(heading(theme, "Settings (dim: inherited)"));
    for key in keys {
        if let Ok(value) = resolver.get(key) {
            lines.push(setting(theme, &value));
        }
    }
}

fn site_details<'a>(app: &App, host: AppHost<'_>, name: &str, lines: &mut Vec<Line<'a>>) {
    let theme = &app.theme;
    let Ok(site) = host.site(name) else { return };
    let row = app
        .conn()
        .and_then(|c| c.rows.sites.iter().find(|r| r.name == name));
    lines.push(Line::from(vec![
        Span::styled(format!("Site {name}"), theme.title(true)),
        Span::styled(
            format!(
                "  ID {}",
                site.id()
                    .map(|i| i.to_string())
                    .unwrap_or_else(|| String::from("?"))
            ),
            theme.dim(),
        ),
        Span::styled(
            format!(
                "  State {}",
                row.and_then(|r| r.state.clone())
                    .unwrap_or_else(|| String::from("—"))
            ),
            theme.dim(),
        ),
    ]));
    lines.push(heading(theme, "Bindings"));
    for binding in site.bindings() {
        let mut spans = vec![Span::raw(format!("  {}", binding.spec()))];
        if let Some(hash) = &binding.certificate_hash {
            spans.push(Span::styled(
                format!("  cert {}…", &hash[..hash.len().min(8)]),
                theme.dim(),
            ));
        }
        for warning in binding.warnings() {
            if warning.contains("no host name") {
                spans.push(Span::styled("  any host name", theme.warning()));
            }
        }
        lines.push(Line::from(spans));
    }
    lines.push(heading(theme, "Applications"));
    for app_view in site.applications() {
        let pool = app_view
            .app_pool_name()
            .unwrap_or_else(|| String::from("(none)"));
        let path = app_view
            .root_virtual_directory()
            .and_then(|v| v.physical_path_text())
            .unwrap_or_default();
        lines.push(Line::from(vec![
            Span::raw(format!("  {:<12}", app_view.path())),
            Span::styled(format!(" pool {pool}"), theme.accent()),
        ]));
        lines.push(Line::from(Span::styled(
            format!("  {:<12} {path}", ""),
            theme.dim(),
        )));
    }
    if let Ok(resolver) = site.resolver() {
        settings(theme, &resolver, SITE_KEYS, lines);
    }
    let locations = locations_for(host.doc, name);
    if !locations.is_empty() {
        lines.push(heading(theme, "<location> sections"));
        for location in locations {
            lines.push(Line::from(Span::styled(
                format!(
                    "  \"{}\" (line {}): {}",
                    location.path,
                    location.location.line,
                    location.sections.join(", ")
                ),
                theme.dim(),
            )));
        }
    }
}

fn pool_details<'a>(app: &App, host: AppHost<'_>, name: &str, lines: &mut Vec<Line<'a>>) {
    let theme = &app.theme;
    let Some(pool) = host.find_app_pool(name) else {
        return;
    };
    lines.push(Line::from(vec![
        Span::styled(format!("Application pool {name}"), theme.title(true)),
        Span::styled(format!("  .NET CLR: {}", pool.clr_label()), theme.dim()),
    ]));
    if let Ok(resolver) = pool.resolver() {
        settings(theme, &resolver, POOL_KEYS, lines);
    }
    let apps = host.applications_using_pool(name);
    lines.push(heading(theme, &format!("Applications ({})", apps.len())));
    for id in apps.iter().take(20) {
        lines.push(Line::from(format!("  {id}")));
    }
    if apps.len() > 20 {
        lines.push(Line::from(Span::styled(
            format!("  … and {} more", apps.len() - 20),
            theme.dim(),
        )));
    }
}

fn app_details<'a>(app: &App, host: AppHost<'_>, id: &str, lines: &mut Vec<Line<'a>>) {
    let theme = &app.theme;
    let Ok(application) = host.application(id) else {
        return;
    };
    lines.push(Line::from(Span::styled(
        format!("Application {id}"),
        theme.title(true),
    )));
    if let Ok(resolver) = application.resolver() {
        settings(theme, &resolver, APP_KEYS, lines);
    }
    lines.push(heading(theme, "Virtual directories"));
    for vdir in application.virtual_directories() {
        lines.push(Line::from(vec![
            Span::raw(format!("  {:<12}", vdir.path())),
            Span::styled(vdir.physical_path_text().unwrap_or_default(), theme.dim()),
        ]));
    }
}

fn vdir_details<'a>(app: &App, host: AppHost<'_>, id: &str, lines: &mut Vec<Line<'a>>) {
    let theme = &app.theme;
    let Ok(vdir) = host.virtual_directory(id) else {
        return;
    };
    lines.push(Line::from(Span::styled(
        format!("Virtual directory {id}"),
        theme.title(true),
    )));
    if let Ok(resolver) = vdir.resolver() {
        settings(theme, &resolver, VDIR_KEYS, lines);
    }
    let written = vdir.physical_path_text().unwrap_or_default();
    let (text, style) = match local_path(&written) {
        Some(path) if path.is_dir() => {
            (format!("  on this machine: {}", path.display()), theme.ok())
        }
        Some(path) => (
            format!("  missing here: {}", path.display()),
            theme.warning(),
        ),
        None => (
            String::from("  on another machine (UNC path or drive not mounted here)"),
            theme.dim(),
        ),
    };
    lines.push(Line::from(Span::styled(text, style)));
}

/// Builds the details of the current selection when it (or the document) changed.
fn refresh(app: &mut App) {
    let key = (
        app.current,
        app.conn().map_or(0, |c| c.version),
        app.view.clone(),
        app.selected_name(),
    );
    if app.details.key.as_ref() == Some(&key) {
        return;
    }
    let mut lines: Vec<Line<'static>> = Vec::new();
    match (app.conn().and_then(|c| c.host(&app.schema)), &key.3) {
        (Some(host), Some(name)) => match &app.view {
            View::Sites => site_details(app, host, name, &mut lines),
            View::Pools => pool_details(app, host, name, &mut lines),
            View::Apps { .. } => app_details(app, host, name, &mut lines),
            View::Vdirs { .. } => vdir_details(app, host, name, &mut lines),
            _ => {}
        },
        _ => lines.push(Line::from(Span::styled(
            "Nothing selected.",
            app.theme.dim(),
        ))),
    }
    if app.details.key.as_ref().map(|k| &k.3) != Some(&key.3) {
        app.details.scroll = 0;
    }
    app.details.lines = lines;
    app.details.key = Some(key);
}

/// Draws the details pane; it scrolls (↑↓ PgUp PgDn g G) when focused.
pub fn draw(frame: &mut Frame, app: &mut App, area: Rect) {
    refresh(app);
    let focused = app.focus == Focus::Details;
    let theme = &app.theme;
    let block = Block::bordered()
        .title(Span::styled(" Details ", theme.title(focused)))
        .border_style(theme.border(focused));
    let inner = block.inner(area);
    let mut lines = app.details.lines.clone();
    if !app.is_wide() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            "Enter opens · Esc back to the list · i hides",
            theme.dim(),
        )));
    }
    escape_spans(&mut lines);
    let lines = super::fit::fit_lines(lines, inner.width as usize);
    let height = inner.height as usize;
    let bottom = lines.len().saturating_sub(height);
    app.details.scroll = app.details.scroll.min(bottom);
    let scroll = app.details.scroll;
    if bottom > 0 {
        let shown = format!(
            " {}-{} of {} ",
            scroll + 1,
            (scroll + height).min(lines.len()),
            lines.len()
        );
        frame.render_widget(
            Paragraph::new(lines)
                .block(block.title_bottom(Span::styled(shown, theme.dim())))
                .scroll((scroll as u16, 0)),
            area,
        );
    } else {
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }
}
