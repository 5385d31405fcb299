//! Helpers for the wizard tests: every effect a wizard asks for run through the real runner
//! (folder listings, machine work, saves) until nothing is pending, and a demo copy with a site
//! whose folders are real folders in a temp directory.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use iistui::model::apphost::{Binding, NewSite, add_application, add_site};
use iistui::model::doc::Document;
use iistui::model::schema::SchemaSet;
use iistui::tui::app::App;
use iistui::tui::effect::Runner;
use iistui::tui::msg::{Effect, Msg};
use iistui::tui::theme::Theme;
use iistui::tui::update;

use super::tui::{DEMO_CONFIG, file_app};

/// Sends a message and runs the effects that answer with one message each (saves, machine
/// work, folder listings) on a real runtime, feeding their answers back, until none is
/// pending.
pub fn settle(app: &mut App, msg: Msg) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let _entered = runtime.enter();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let runner = Runner::new(tx);
    let mut pending = 0usize;
    let mut queue = vec![msg];
    loop {
        while let Some(msg) = queue.pop() {
            for effect in update::update(app, msg) {
                if matches!(
                    effect,
                    Effect::Apply { .. }
                        | Effect::Undo { .. }
                        | Effect::Redo { .. }
                        | Effect::Host { .. }
                        | Effect::ListFolders { .. }
                        | Effect::ListFolder(_)
                ) {
                    pending += 1;
                    runner.run(app, effect);
                }
            }
        }
        if pending == 0 {
            break;
        }
        let next = runtime
            .block_on(async { tokio::time::timeout(Duration::from_secs(20), rx.recv()).await })
            .expect("an effect answered in time")
            .expect("the runner is alive");
        pending -= 1;
        queue.push(next);
    }
}

/// Shows a site's applications, as Enter on it in the Sites list does.
pub fn apps_of(app: &mut App, site: &str) {
    iistui::tui::update::show(
        app,
        iistui::tui::app::View::Apps {
            site: Some(site.to_owned()),
        },
    );
    app.prepare();
}

/// Shows an application's virtual directories (`Site/app`).
pub fn vdirs_of(app: &mut App, id: &str) {
    iistui::tui::update::show(app, iistui::tui::app::View::Vdirs { app: id.to_owned() });
    app.prepare();
}

/// Types text key by key, settling after each (probes and inspections answer as typed).
pub fn typed_settled(app: &mut App, text: &str) {
    for c in text.chars() {
        settle(app, super::tui::ch(c));
    }
}

/// A temp copy of the demo with site "shop" (pool "shop") on `<temp>/shop`, whose folder
/// holds `api/` and `static/`; the app shows its file as the demo's (the review's command
/// names `C:\Windows\…\applicationHost.config`).
pub struct ShopSite {
    pub dir: tempfile::TempDir,
    pub config: PathBuf,
    pub root: PathBuf,
}

/// An ASP.NET Core web.config (in process) whose handler sub-applications inherit.
pub const IN_PROCESS_WEB_CONFIG: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <system.webServer>\n    <handlers>\n      <add name=\"aspNetCore\" path=\"*\" verb=\"*\" modules=\"AspNetCoreModuleV2\" resourceType=\"Unspecified\" />\n    </handlers>\n    <aspNetCore processPath=\"dotnet\" arguments=\".\\Shop.dll\" hostingModel=\"inprocess\" />\n  </system.webServer>\n</configuration>\n";

impl ShopSite {
    pub fn new() -> ShopSite {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("shop");
        std::fs::create_dir_all(root.join("api")).expect("mkdir");
        std::fs::create_dir_all(root.join("static")).expect("mkdir");
        let schema = SchemaSet::bundled();
        let text = std::fs::read_to_string(DEMO_CONFIG).expect("demo");
        let mut doc = Document::parse_str(&text).expect("parses");
        let site = NewSite {
            name: String::from("shop"),
            physical_path: root.display().to_string(),
            bindings: vec![Binding::parse_spec("http/*:80:shop.test").expect("binding")],
            app_pool: None,
            id: None,
        };
        add_site(&mut doc, &schema, &site).expect("site");
        let config = dir.path().join("applicationHost.config");
        std::fs::write(&config, doc.text()).expect("write");
        ShopSite { dir, config, root }
    }

    /// An application `shop/legacy` in pool "shop" on `<temp>/legacy`, in-process too.
    pub fn with_in_process_neighbour(self) -> ShopSite {
        let folder = self.dir.path().join("legacy");
        std::fs::create_dir_all(&folder).expect("mkdir");
        std::fs::write(folder.join("web.config"), IN_PROCESS_WEB_CONFIG).expect("write");
        let schema = SchemaSet::bundled();
        let text = std::fs::read_to_string(&self.config).expect("read");
        let mut doc = Document::parse_str(&text).expect("parses");
        add_application(
            &mut doc,
            &schema,
            "shop",
            "/legacy",
            &folder.display().to_string(),
            None,
        )
        .expect("app");
        std::fs::write(&self.config, doc.text()).expect("write");
        self
    }

    /// The app over it, named as the demo tests name their file.
    pub fn app(&self) -> App {
        let mut app = file_app(&self.config, Theme::default_theme());
        for conn in &mut app.conns {
            conn.display_path =
                String::from("C:\\Windows\\System32\\inetsrv\\config\\applicationHost.config");
            conn.path = PathBuf::from(&conn.display_path);
            if let Some(store) = conn.store.as_mut() {
                store.set_backup_dir(self.dir.path().join("backups"));
            }
        }
        app.prepare();
        app
    }

    pub fn text(&self) -> String {
        std::fs::read_to_string(&self.config).expect("read")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }
}

impl Default for ShopSite {
    fn default() -> Self {
        ShopSite::new()
    }
}

/// The text a terminal frame shows, one line per row.
pub fn screen(terminal: &ratatui::Terminal<ratatui::backend::TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let width = buffer.area.width as usize;
    buffer
        .content()
        .chunks(width)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `path` exists.
pub fn exists(path: &Path) -> bool {
    path.exists()
}
