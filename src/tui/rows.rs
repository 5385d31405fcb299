//! Row models for the lists, built from the model once per document version so that drawing,
//! sorting and filtering 10,000 sites never walks the XML again.

use std::borrow::Cow;

use crate::host::runtime::RuntimeStates;
use crate::model::apphost::{AppHost, Application, Site};

/// One column of a list, and how it is sized (see `view::table`): the first column (the name)
/// keeps its longest visible value up to `width`; numbers are never cut; columns that `grow`
/// (physical paths, bindings) take the room left over; when even the floors do not fit, the
/// columns with the largest `priority` number go first.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub title: &'static str,
    /// Width this column is sure to get when there is room (the name's floor; a fixed column's
    /// floor). Columns that grow take at least `GROWING_FLOOR` instead.
    pub width: u16,
    pub numeric: bool,
    /// Drop order when the terminal is narrow: 0 (the name) stays, higher numbers go first.
    pub priority: u8,
    /// Takes the room left over, up to its longest visible value.
    pub grows: bool,
    /// A path: when cut, its end is kept (`…\sites\contoso.com`), since paths on one server
    /// tend to share their beginning.
    pub keeps_end: bool,
}

/// What a growing column keeps (or its longest value, if shorter) before lower-priority
/// columns are dropped to make room.
pub const GROWING_FLOOR: u16 = 24;

const fn col(title: &'static str, width: u16, priority: u8) -> Column {
    Column {
        title,
        width,
        numeric: false,
        priority,
        grows: false,
        keeps_end: false,
    }
}

const fn num(title: &'static str, priority: u8) -> Column {
    Column {
        title,
        width: 0,
        numeric: true,
        priority,
        grows: false,
        keeps_end: false,
    }
}

const fn wide(title: &'static str, priority: u8) -> Column {
    Column {
        title,
        width: GROWING_FLOOR,
        numeric: false,
        priority,
        grows: true,
        keeps_end: false,
    }
}

const fn path(title: &'static str, priority: u8) -> Column {
    Column {
        keeps_end: true,
        ..wide(title, priority)
    }
}

/// A row of any list: cells by column. The filter matches the name first (fuzzy), then every
/// other cell (as a substring).
pub trait Row {
    fn cell(&self, column: usize) -> Cow<'_, str>;
    /// The object's name (first column), whose filter matches rank first.
    fn name(&self) -> &str;
}

#[derive(Debug, Clone, PartialEq)]
pub struct SiteRow {
    pub name: String,
    pub id: Option<u32>,
    pub state: Option<String>,
    pub bindings: String,
    pub physical_path: String,
    pub pool: String,
    pub applications: usize,
}

pub const SITE_COLUMNS: &[Column] = &[
    col("Name", 24, 0),
    num("ID", 4),
    col("State", 8, 2),
    wide("Bindings", 1),
    path("Physical Path", 3),
    col("App Pool", 18, 5),
];

impl Row for SiteRow {
    fn cell(&self, column: usize) -> Cow<'_, str> {
        match column {
            0 => Cow::Borrowed(&self.name),
            1 => Cow::Owned(self.id.map(|i| i.to_string()).unwrap_or_default()),
            2 => Cow::Borrowed(self.state.as_deref().unwrap_or("—")),
            3 => Cow::Borrowed(&self.bindings),
            4 => Cow::Borrowed(&self.physical_path),
            _ => Cow::Borrowed(&self.pool),
        }
    }
    fn name(&self) -> &str {
        &self.name
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PoolRow {
    pub name: String,
    pub state: Option<String>,
    pub runtime: String,
    pub pipeline: String,
    pub identity: String,
    pub start_mode: String,
    pub applications: usize,
}

pub const POOL_COLUMNS: &[Column] = &[
    col("Name", 24, 0),
    col("State", 8, 1),
    col(".NET CLR", 16, 2),
    col("Pipeline", 11, 3),
    col("Identity", 24, 4),
    col("Start Mode", 13, 6),
    num("Apps", 5),
];

impl Row for PoolRow {
    fn cell(&self, column: usize) -> Cow<'_, str> {
        match column {
            0 => Cow::Borrowed(&self.name),
            1 => Cow::Borrowed(self.state.as_deref().unwrap_or("—")),
            2 => Cow::Borrowed(&self.runtime),
            3 => Cow::Borrowed(&self.pipeline),
            4 => Cow::Borrowed(&self.identity),
            5 => Cow::Borrowed(&self.start_mode),
            _ => Cow::Owned(self.applications.to_string()),
        }
    }
    fn name(&self) -> &str {
        &self.name
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppRow {
    /// `Site/path`
    pub id: String,
    pub site: String,
    pub path: String,
    pub pool: String,
    pub physical_path: String,
    pub virtual_directories: usize,
}

pub const APP_COLUMNS: &[Column] = &[
    col("Application", 30, 0),
    col("App Pool", 20, 2),
    path("Physical Path", 1),
    num("VDirs", 3),
];

impl Row for AppRow {
    fn cell(&self, column: usize) -> Cow<'_, str> {
        match column {
            0 => Cow::Borrowed(&self.id),
            1 => Cow::Borrowed(&self.pool),
            2 => Cow::Borrowed(&self.physical_path),
            _ => Cow::Owned(self.virtual_directories.to_string()),
        }
    }
    fn name(&self) -> &str {
        &self.id
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct VdirRow {
    /// `Site/app/vdir`
    pub id: String,
    /// The application's `Site/app` id (a vdir's id alone cannot say where the app ends).
    pub app: String,
    pub path: String,
    pub physical_path: String,
    /// Whether the folder exists here (`None`: not on this machine).
    pub exists: Option<bool>,
}

pub const VDIR_COLUMNS: &[Column] = &[
    col("Virtual Directory", 30, 0),
    path("Physical Path", 1),
    col("On Disk", 10, 2),
];

impl Row for VdirRow {
    fn cell(&self, column: usize) -> Cow<'_, str> {
        match column {
            0 => Cow::Borrowed(&self.id),
            1 => Cow::Borrowed(&self.physical_path),
            _ => Cow::Borrowed(match self.exists {
                Some(true) => "yes",
                Some(false) => "missing",
                None => "elsewhere",
            }),
        }
    }
    fn name(&self) -> &str {
        &self.id
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FolderRow {
    pub name: String,
    pub is_dir: bool,
    pub size: Option<u64>,
}

pub const FOLDER_COLUMNS: &[Column] = &[col("Name", 40, 0), col("Type", 8, 2), num("Size", 1)];

impl Row for FolderRow {
    fn cell(&self, column: usize) -> Cow<'_, str> {
        match column {
            0 => Cow::Borrowed(&self.name),
            1 => Cow::Borrowed(if self.is_dir { "folder" } else { "file" }),
            _ => Cow::Owned(self.size.map(|s| s.to_string()).unwrap_or_default()),
        }
    }
    fn name(&self) -> &str {
        &self.name
    }
}

/// The rows of one connection's lists.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rows {
    pub sites: Vec<SiteRow>,
    pub pools: Vec<PoolRow>,
}

impl Rows {
    pub fn build(host: AppHost<'_>, states: Option<&RuntimeStates>) -> Rows {
        let sites: Vec<Site<'_>> = host.sites();
        let mut usage = std::collections::HashMap::<String, usize>::new();
        let mut site_rows = Vec::with_capacity(sites.len());
        for site in &sites {
            let apps = site.applications();
            for app in &apps {
                if let Some(pool) = app.app_pool_name() {
                    *usage.entry(pool.to_lowercase()).or_default() += 1;
                }
            }
            let root = apps.iter().find(|a| a.path() == "/");
            let name = site.name().into_owned();
            site_rows.push(SiteRow {
                state: states.and_then(|s| s.site(&name)).map(str::to_owned),
                id: site.id(),
                bindings: site.binding_specs().join(", "),
                physical_path: root
                    .and_then(|a| a.root_virtual_directory())
                    .and_then(|v| v.physical_path_text())
                    .unwrap_or_default(),
                pool: root.and_then(|a| a.app_pool_name()).unwrap_or_default(),
                applications: apps.len(),
                name,
            });
        }
        let pools = host
            .app_pools()
            .iter()
            .map(|pool| {
                let name = pool.name().into_owned();
                PoolRow {
                    state: states.and_then(|s| s.app_pool(&name)).map(str::to_owned),
                    runtime: pool.clr_label(),
                    pipeline: pool.text("managedPipelineMode"),
                    identity: pool.text("processModel.identityType"),
                    start_mode: pool.text("startMode"),
                    applications: usage.get(&name.to_lowercase()).copied().unwrap_or(0),
                    name,
                }
            })
            .collect();
        Rows {
            sites: site_rows,
            pools,
        }
    }
}

/// Application rows of one site, or of every site.
pub fn app_rows(host: AppHost<'_>, site: Option<&str>) -> Vec<AppRow> {
    let sites = match site {
        Some(name) => host.site(name).map(|s| vec![s]).unwrap_or_default(),
        None => host.sites(),
    };
    sites
        .iter()
        .flat_map(|s| s.applications())
        .map(|app| app_row(&app))
        .collect()
}

fn app_row(app: &Application<'_>) -> AppRow {
    AppRow {
        id: app.id(),
        site: app.site_name().into_owned(),
        path: app.path().into_owned(),
        pool: app.app_pool_name().unwrap_or_default(),
        physical_path: app
            .root_virtual_directory()
            .and_then(|v| v.physical_path_text())
            .unwrap_or_default(),
        virtual_directories: app.virtual_directories().len(),
    }
}

/// Virtual directory rows of one application (`Site/app` id).
pub fn vdir_rows(host: AppHost<'_>, app_id: &str) -> Vec<VdirRow> {
    let Ok(app) = host.application(app_id) else {
        return Vec::new();
    };
    let id = app.id();
    app.virtual_directories()
        .iter()
        .map(|v| {
            let physical = v.physical_path_text().unwrap_or_default();
            VdirRow {
                id: v.id(),
                app: id.clone(),
                path: v.path().into_owned(),
                exists: crate::host::paths::local_path(&physical).map(|p| p.is_dir()),
                physical_path: physical,
            }
        })
        .collect()
}
