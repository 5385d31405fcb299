//! The health strip on the top line of every screen: CPU, memory, sites started / stopped /
//! unknown, pools, and the problems by severity, coloured by the `[health]` thresholds. It is
//! written in four widths, from words to markers, and the widest that fits is shown, so it
//! stays on one line at 80 columns. Markers (`▲` started, `▼` stopped, `?` unknown, `E` `W`
//! `I` for errors, warnings and info) carry the meaning without colour (`NO_COLOR`).

use ratatui::style::Style;
use ratatui::text::Span;

use crate::model::store::human_size;
use crate::model::validate::hosting::Severity;
use crate::model::wording::count;

use super::super::app::App;
use super::super::theme::Theme;
use super::settings::Band;

/// Runtime states counted over a list's rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct States {
    pub started: usize,
    pub stopped: usize,
    /// No state (no IIS runtime here), or one in between (`Starting`, `Stopping`).
    pub unknown: usize,
}

impl States {
    pub fn count<'a>(states: impl Iterator<Item = Option<&'a str>>) -> States {
        let mut counted = States::default();
        for state in states {
            match state {
                Some(s) if s.eq_ignore_ascii_case("Started") => counted.started += 1,
                Some(s) if s.eq_ignore_ascii_case("Stopped") => counted.stopped += 1,
                _ => counted.unknown += 1,
            }
        }
        counted
    }

    pub fn total(&self) -> usize {
        self.started + self.stopped + self.unknown
    }
}

/// What the strip says, gathered once per frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Glance {
    /// Whole-machine CPU use, its band and the number of cores (none before the first sample).
    pub cpu: Option<(f32, Band, usize)>,
    pub load: Option<f64>,
    /// Memory use in percent, its band, used and total bytes.
    pub memory: Option<(f32, Band, u64, u64)>,
    pub sites: States,
    pub pools: States,
    /// Errors, warnings and info (none until the check has run).
    pub problems: Option<[usize; 3]>,
}

impl Glance {
    pub fn of(app: &App) -> Glance {
        let settings = &app.health.settings;
        let host = app.health.host.as_ref();
        let conn = app.conn();
        let sites = conn
            .map(|c| States::count(c.rows.sites.iter().map(|s| s.state.as_deref())))
            .unwrap_or_default();
        let pools = conn
            .map(|c| States::count(c.rows.pools.iter().map(|p| p.state.as_deref())))
            .unwrap_or_default();
        let problems = conn.and_then(|c| c.problems.as_ref()).map(|r| {
            [
                r.count(Severity::Error),
                r.count(Severity::Warning),
                r.count(Severity::Info),
            ]
        });
        Glance {
            cpu: host.map(|h| (h.cpu_percent, settings.cpu.band(h.cpu_percent), h.cpu_count)),
            load: host.and_then(|h| h.load).map(|l| l.one),
            memory: host.map(|h| {
                let percent = h.memory.percent();
                (
                    percent,
                    settings.memory.band(percent),
                    h.memory.used_bytes,
                    h.memory.total_bytes,
                )
            }),
            sites,
            pools,
            problems,
        }
    }
}

/// The style of a value in a band.
pub fn band_style(theme: &Theme, band: Band) -> Style {
    match band {
        Band::Normal => theme.text(),
        Band::Warning => theme.warning(),
        Band::Error => theme.error(),
    }
}

/// One way of writing the strip: how wide and how its pieces are labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Width {
    Words,
    Short,
    Markers,
    Tight,
}

/// Spans being assembled.
struct Out<'t> {
    theme: &'t Theme,
    spans: Vec<Span<'static>>,
}

impl Out<'_> {
    fn push(&mut self, text: impl Into<String>, style: Style) {
        self.spans.push(Span::styled(text.into(), style));
    }

    fn label(&mut self, text: &str) {
        self.push(text, self.theme.dim());
    }
}

fn percent(value: f32) -> String {
    format!("{:.0}%", value)
}

fn write(glance: &Glance, theme: &Theme, width: Width) -> Vec<Span<'static>> {
    let mut out = Out {
        theme,
        spans: Vec::new(),
    };
    let sep = if width == Width::Tight { " " } else { " · " };
    // CPU and memory.
    match glance.cpu {
        Some((cpu, band, cores)) => {
            out.label("CPU ");
            out.push(percent(cpu), band_style(theme, band));
            if width == Width::Words {
                out.label(format!(" of {}", count(cores, "core")).as_str());
            }
        }
        None => out.label("CPU …"),
    }
    if width == Width::Words {
        if let Some(load) = glance.load {
            out.label(sep);
            out.label("load ");
            out.push(format!("{load:.2}"), theme.text());
        }
    }
    out.label(if width == Width::Tight { " " } else { sep });
    let memory_label = match width {
        Width::Words | Width::Short => "memory ",
        _ => "mem ",
    };
    match glance.memory {
        Some((used, band, bytes, total)) => {
            out.label(memory_label);
            out.push(percent(used), band_style(theme, band));
            if width == Width::Words {
                out.label(format!(" ({} of {})", human_size(bytes), human_size(total)).as_str());
            }
        }
        None => out.label(&format!("{memory_label}…")),
    }
    // Sites by state.
    out.label(sep);
    let s = glance.sites;
    let stopped_style = if s.stopped > 0 {
        theme.warning()
    } else {
        theme.text()
    };
    match width {
        Width::Words | Width::Short => {
            out.label("sites ");
            out.push(s.started.to_string(), theme.text());
            out.label(" started");
            out.label(if width == Width::Words { ", " } else { " " });
            out.push(s.stopped.to_string(), stopped_style);
            out.label(" stopped");
            out.label(if width == Width::Words { ", " } else { " " });
            out.push(s.unknown.to_string(), theme.dim());
            out.label(" unknown");
        }
        Width::Markers | Width::Tight => {
            if width == Width::Markers {
                out.label("sites ");
            }
            out.push(format!("▲{}", s.started), theme.text());
            out.label(" ");
            out.push(format!("▼{}", s.stopped), stopped_style);
            out.label(" ");
            out.push(format!("?{}", s.unknown), theme.dim());
        }
    }
    // Pools.
    out.label(sep);
    let p = glance.pools;
    match width {
        Width::Words | Width::Short => {
            out.push(p.total().to_string(), theme.text());
            out.label(if p.total() == 1 { " pool" } else { " pools" });
            if p.stopped > 0 {
                out.push(format!(" ({} stopped)", p.stopped), theme.warning());
            }
        }
        Width::Markers | Width::Tight => {
            out.label(if width == Width::Markers {
                "pools "
            } else {
                "P"
            });
            out.push(p.total().to_string(), theme.text());
            if p.stopped > 0 {
                out.push(format!(" ▼{}", p.stopped), theme.warning());
            }
        }
    }
    // Problems by severity.
    out.label(sep);
    match glance.problems {
        None => out.label(match width {
            Width::Words | Width::Short => "checking…",
            _ => "E… W… I…",
        }),
        Some([errors, warnings, info]) => {
            let styles = [
                if errors > 0 {
                    theme.error()
                } else {
                    theme.ok()
                },
                if warnings > 0 {
                    theme.warning()
                } else {
                    theme.ok()
                },
                theme.dim(),
            ];
            let words = [
                ("error", "errors"),
                ("warning", "warnings"),
                ("info", "info"),
            ];
            let marks = ["E", "W", "I"];
            for (i, n) in [errors, warnings, info].into_iter().enumerate() {
                if i > 0 {
                    out.label(if width == Width::Words { ", " } else { " " });
                }
                match width {
                    Width::Words | Width::Short => {
                        out.push(n.to_string(), styles[i]);
                        let (one, many) = words[i];
                        out.label(&format!(" {}", if n == 1 { one } else { many }));
                    }
                    Width::Markers | Width::Tight => {
                        out.push(format!("{}{n}", marks[i]), styles[i]);
                    }
                }
            }
        }
    }
    out.spans
}

/// The widest way of writing the strip that fits in `room` columns, or `None` when not even
/// the tightest does.
pub fn spans(glance: &Glance, theme: &Theme, room: usize) -> Option<Vec<Span<'static>>> {
    [Width::Words, Width::Short, Width::Markers, Width::Tight]
        .into_iter()
        .map(|w| write(glance, theme, w))
        .find(|spans| spans.iter().map(|s| s.width()).sum::<usize>() <= room)
}

/// The width of the tightest strip (what the top line keeps room for).
pub fn tightest(glance: &Glance, theme: &Theme) -> usize {
    write(glance, theme, Width::Tight)
        .iter()
        .map(|s| s.width())
        .sum()
}
