//! The Health view (`6`, `:health`): the machine (CPU, load, uptime, memory, swap, each with a
//! sparkline of the last minutes), the free space of the drives that hold the sites and their
//! logs, and per application pool and application the worker processes serving it (PIDs, CPU,
//! memory, age) with sparklines of their CPU and memory while the view was open. Values past the
//! `[health]` thresholds are coloured; every name from the configuration or the machine is
//! escaped.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline};

use crate::host::health::{History, HostSample, Owner, Usage};
use crate::host::terminal_text::escape;
use crate::model::store::human_size;
use crate::model::wording::count;
use crate::tui::app::{App, Focus};
use crate::tui::health::WorkerSample;
use crate::tui::health::strip::band_style;
use crate::tui::theme::Theme;

use super::fit::fit_line;
use super::pane_block;
use super::safe_text::escape_spans;

/// How long ago, in words: `45 s`, `12 min`, `3 h 5 min`, `2 d 4 h`.
pub fn age(secs: u64) -> String {
    match secs {
        0..60 => format!("{secs} s"),
        60..3600 => format!("{} min", secs / 60),
        3600..86400 => format!("{} h {} min", secs / 3600, secs % 3600 / 60),
        _ => format!("{} d {} h", secs / 86400, secs % 86400 / 3600),
    }
}

fn percent(value: f32) -> String {
    if value < 10.0 {
        format!("{value:.1}%")
    } else {
        format!("{value:.0}%")
    }
}

/// The last `width` points of a series, for a sparkline.
fn tail(series: Vec<u64>, width: usize) -> Vec<u64> {
    let skip = series.len().saturating_sub(width);
    series.into_iter().skip(skip).collect()
}

/// Draws a one-row sparkline of `data` at `area`; CPU series scale to at least 10%.
fn sparkline(frame: &mut Frame, area: Rect, data: Vec<u64>, floor: u64, style: Style) {
    if area.width == 0 || data.is_empty() {
        return;
    }
    let data = tail(data, area.width as usize);
    let max = data.iter().copied().max().unwrap_or(0).max(floor).max(1);
    frame.render_widget(Sparkline::default().data(&data).max(max).style(style), area);
}

/// The columns of the process table for an inner width.
struct Columns {
    name: usize,
    pids: usize,
    cpu: usize,
    memory: usize,
    age: usize,
    /// Width of each sparkline (CPU, and memory when there is room for two).
    spark: usize,
    sparks: usize,
}

impl Columns {
    fn for_width(width: usize) -> Columns {
        let wide = width >= 100;
        let (name, pids, age) = if wide { (30, 16, 10) } else { (18, 9, 0) };
        let (cpu, memory) = (7, 10);
        let rest = width.saturating_sub(name + pids + cpu + memory + age);
        let sparks = if rest >= 24 {
            2
        } else {
            usize::from(rest >= 6)
        };
        let spark = rest
            .checked_div(sparks)
            .map_or(0, |each| each.saturating_sub(2).min(60));
        Columns {
            name: (name + rest.saturating_sub((spark + 2) * sparks)).min(name + 20),
            pids,
            cpu,
            memory,
            age,
            spark,
            sparks,
        }
    }

    fn spark_x(&self, n: usize) -> usize {
        self.name + self.pids + self.cpu + self.memory + self.age + n * (self.spark + 2)
    }
}

fn cell(text: &str, width: usize) -> String {
    let count = text.chars().count();
    if count < width {
        format!("{text:<width$}")
    } else if width > 1 {
        let cut: String = text.chars().take(width.saturating_sub(2)).collect();
        format!("{cut}… ")
    } else {
        String::new()
    }
}

/// One row of the process table: an owner, its usage (if any process serves it).
struct Row {
    label: String,
    owner: Owner,
    usage: Option<Usage>,
    /// A pool with no worker process of its own whose applications' processes are listed
    /// under it (off Windows, or out-of-process apps).
    apps_below: bool,
}

fn rows(app: &App) -> Vec<Row> {
    let Some(watch) = app.health.watches.get(&app.current) else {
        return Vec::new();
    };
    let map = app
        .health
        .workers
        .as_ref()
        .and_then(|w| w.report.workers.as_ref());
    let usage = |owner: &Owner| map.and_then(|m| m.usage.get(owner)).cloned();
    let mut rows = Vec::new();
    let mut shown_apps = Vec::new();
    for pool in &watch.topology.app_pools {
        let owner = Owner::AppPool(pool.clone());
        let pool_row = rows.len();
        rows.push(Row {
            label: pool.clone(),
            usage: usage(&owner),
            owner,
            apps_below: false,
        });
        for app_folder in watch.topology.apps.iter().filter(|a| {
            a.app_pool
                .as_deref()
                .is_some_and(|p| p.eq_ignore_ascii_case(pool))
        }) {
            let owner = Owner::Application(app_folder.app.clone());
            if let Some(found) = usage(&owner) {
                shown_apps.push(app_folder.app.clone());
                rows.push(Row {
                    label: format!("  {}", app_folder.app),
                    usage: Some(found),
                    owner,
                    apps_below: false,
                });
            }
        }
        let served = rows.len() > pool_row + 1;
        if let Some(row) = rows.get_mut(pool_row) {
            row.apps_below = served && row.usage.is_none();
        }
    }
    // Applications served by processes whose pool is not in the configuration.
    if let Some(map) = map {
        for (owner, found) in &map.usage {
            if let Owner::Application(id) = owner {
                if !shown_apps.contains(id) {
                    rows.push(Row {
                        label: format!("  {id} (no pool)"),
                        usage: Some(found.clone()),
                        owner: owner.clone(),
                        apps_below: false,
                    });
                }
            }
        }
    }
    rows
}

fn host_lines(
    app: &App,
    host: Option<&HostSample>,
    workers: Option<&WorkerSample>,
) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let settings = &app.health.settings;
    let label = |text: &str| Span::styled(format!("{text:<8}"), theme.dim());
    let Some(host) = host else {
        return vec![Line::from(vec![
            label("Host"),
            Span::styled("sampling…", theme.dim()),
        ])];
    };
    let mut cpu = vec![
        label("CPU"),
        Span::styled(
            percent(host.cpu_percent),
            band_style(theme, settings.cpu.band(host.cpu_percent)),
        ),
        Span::styled(
            format!(" of {}", count(host.cpu_count, "core")),
            theme.dim(),
        ),
    ];
    if let Some(load) = host.load {
        cpu.push(Span::styled(
            format!(
                " · load {:.2} {:.2} {:.2}",
                load.one, load.five, load.fifteen
            ),
            theme.text(),
        ));
    }
    cpu.push(Span::styled(
        format!(" · up {}", age(host.uptime_secs)),
        theme.text(),
    ));
    let memory_percent = host.memory.percent();
    let mut memory = vec![
        label("Memory"),
        Span::styled(
            format!(
                "{} of {} ({})",
                human_size(host.memory.used_bytes),
                human_size(host.memory.total_bytes),
                percent(memory_percent)
            ),
            band_style(theme, settings.memory.band(memory_percent)),
        ),
    ];
    if host.swap.total_bytes > 0 {
        memory.push(Span::styled(
            format!(
                " · swap {} of {}",
                human_size(host.swap.used_bytes),
                human_size(host.swap.total_bytes)
            ),
            theme.text(),
        ));
    } else {
        memory.push(Span::styled(" · no swap", theme.dim()));
    }
    let mut lines = vec![Line::from(cpu), Line::from(memory)];
    match workers {
        None => lines.push(Line::from(vec![
            label("Drives"),
            Span::styled("sampling…", theme.dim()),
        ])),
        Some(sample) if sample.report.host.drives.is_empty() => lines.push(Line::from(vec![
            label("Drives"),
            Span::styled(
                "no folder of this configuration is on this machine",
                theme.dim(),
            ),
        ])),
        Some(sample) => {
            for (n, drive) in sample.report.host.drives.iter().enumerate() {
                let used = drive.total_bytes.saturating_sub(drive.available_bytes);
                let used_percent = if drive.total_bytes == 0 {
                    0.0
                } else {
                    (used as f64 * 100.0 / drive.total_bytes as f64) as f32
                };
                let band = settings.disk.band(used_percent);
                lines.push(Line::from(vec![
                    label(if n == 0 { "Drives" } else { "" }),
                    Span::styled(
                        escape(&drive.mount_point.display().to_string()).into_owned(),
                        theme.accent(),
                    ),
                    Span::styled(
                        format!(
                            " {} free of {} ({} used)",
                            human_size(drive.available_bytes),
                            human_size(drive.total_bytes),
                            percent(used_percent)
                        ),
                        band_style(theme, band),
                    ),
                    Span::styled(
                        format!(" · {}", count(drive.folders.len(), "folder")),
                        theme.dim(),
                    ),
                ]));
            }
            let unplaced = sample.report.host.unplaced.len();
            if unplaced > 0 {
                lines.push(Line::from(vec![
                    label(""),
                    Span::styled(
                        format!(
                            "{} on no drive this system lists",
                            count(unplaced, "folder")
                        ),
                        theme.dim(),
                    ),
                ]));
            }
        }
    }
    lines
}

fn row_line(theme: &Theme, columns: &Columns, row: &Row, at: Option<u64>) -> Line<'static> {
    let mut spans = vec![Span::styled(
        cell(&row.label, columns.name),
        if matches!(row.owner, Owner::AppPool(_)) {
            theme.text()
        } else {
            theme.accent()
        },
    )];
    match &row.usage {
        None => spans.push(Span::styled(
            if row.apps_below {
                "no worker of its own · apps below"
            } else if at.is_some() {
                "no worker process"
            } else {
                "sampling…"
            },
            theme.dim(),
        )),
        Some(usage) => {
            let pids: Vec<String> = usage.pids.iter().map(u32::to_string).collect();
            spans.push(Span::styled(
                cell(&pids.join(" "), columns.pids),
                theme.text(),
            ));
            spans.push(Span::styled(
                cell(&percent(usage.cpu_percent), columns.cpu),
                theme.text(),
            ));
            spans.push(Span::styled(
                cell(&human_size(usage.memory_bytes), columns.memory),
                theme.text(),
            ));
            if columns.age > 0 {
                let shown = match (at, usage.started) {
                    (Some(at), Some(started)) => age(at.saturating_sub(started)),
                    _ => String::from("—"),
                };
                spans.push(Span::styled(cell(&shown, columns.age), theme.dim()));
            }
        }
    }
    Line::from(spans)
}

pub fn draw(frame: &mut Frame, app: &mut App, area: Rect) {
    let theme = &app.theme;
    let focused = app.focus == Focus::Main;
    let block = pane_block(theme, String::from(" Health "), focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let host = app.health.host.as_ref();
    let workers = app.health.workers.as_ref();
    let mut head = host_lines(app, host, workers);
    escape_spans(&mut head);
    // The host's sparklines sit at the right of the CPU and memory lines when there is room.
    let spark_width = if width >= 100 { 30 } else { 0 };
    let text_width = width.saturating_sub(spark_width + usize::from(spark_width > 0) * 2);
    let head: Vec<Line> = head.into_iter().map(|l| fit_line(l, text_width)).collect();
    let head_height = head.len() as u16;
    frame.render_widget(
        Paragraph::new(head),
        Rect {
            height: head_height.min(inner.height),
            ..inner
        },
    );
    if spark_width > 0 && host.is_some() && inner.height >= 2 {
        let x = inner.x + inner.width - spark_width as u16;
        let history: &History<()> = &app.health.host_history;
        sparkline(
            frame,
            Rect::new(x, inner.y, spark_width as u16, 1),
            history.cpu_permille(&()),
            100,
            theme.accent(),
        );
        sparkline(
            frame,
            Rect::new(x, inner.y + 1, spark_width as u16, 1),
            history.memory_bytes(&()),
            // Scaled to the machine's memory: 2% used is a low bar, not a full one.
            host.map_or(1, |h| h.memory.total_bytes),
            theme.ok(),
        );
    }
    // The process table.
    let table_top = inner.y + head_height + 1;
    if table_top + 2 > inner.y + inner.height {
        return;
    }
    let columns = Columns::for_width(width);
    let mut header = cell("Pool / application", columns.name)
        + &cell("PIDs", columns.pids)
        + &cell("CPU", columns.cpu)
        + &cell("Memory", columns.memory);
    if columns.age > 0 {
        header += &cell("Age", columns.age);
    }
    let minutes =
        app.health.settings.every().as_secs_f64() * crate::tui::health::HISTORY as f64 / 60.0;
    let spark_titles = if columns.spark >= 16 {
        [
            format!("CPU, last {minutes:.0} min"),
            String::from("Memory"),
        ]
    } else {
        [String::from("CPU"), String::from("Memory")]
    };
    for title in spark_titles.iter().take(columns.sparks) {
        header += &cell(title, columns.spark + 2);
    }
    frame.render_widget(
        Paragraph::new(fit_line(
            Line::from(Span::styled(header, theme.header())),
            width,
        )),
        Rect::new(inner.x, table_top, inner.width, 1),
    );
    let body = Rect::new(
        inner.x,
        table_top + 1,
        inner.width,
        (inner.y + inner.height).saturating_sub(table_top + 2),
    );
    let rows = rows(app);
    let at = app.health.workers.as_ref().map(|w| w.at);
    let height = body.height as usize;
    app.health.scroll = app.health.scroll.min(rows.len().saturating_sub(height));
    let theme = &app.theme;
    if rows.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(
                "No application pools in this configuration (or its check has not run yet).",
                theme.dim(),
            ))),
            body,
        );
    }
    for (n, row) in rows.iter().skip(app.health.scroll).take(height).enumerate() {
        let y = body.y + n as u16;
        let mut line = row_line(theme, &columns, row, at);
        escape_spans(std::slice::from_mut(&mut line));
        frame.render_widget(
            Paragraph::new(fit_line(line, width)),
            Rect::new(body.x, y, body.width, 1),
        );
        if row.usage.is_none() {
            continue;
        }
        let series = [
            (
                app.health.history.cpu_permille(&row.owner),
                100,
                theme.accent(),
            ),
            (app.health.history.memory_bytes(&row.owner), 1, theme.ok()),
        ];
        for (i, (data, floor, style)) in series.into_iter().take(columns.sparks).enumerate() {
            let x = body.x + columns.spark_x(i) as u16;
            if x as usize + columns.spark <= (body.x + body.width) as usize {
                sparkline(
                    frame,
                    Rect::new(x, y, columns.spark as u16, 1),
                    data,
                    floor,
                    style,
                );
            }
        }
    }
    let every = app.health.settings.every_label();
    let foot = if width >= 150 {
        format!(
            "sampled every {every} · processes are mapped while this view is open: w3wp.exe by its pool, others by the application folder holding their program · ↑↓ scroll"
        )
    } else {
        format!("sampled every {every} · processes mapped while this view is open")
    };
    let foot = Line::from(Span::styled(foot, theme.dim()));
    frame.render_widget(
        Paragraph::new(fit_line(foot, width)),
        Rect::new(inner.x, inner.y + inner.height - 1, inner.width, 1),
    );
}
