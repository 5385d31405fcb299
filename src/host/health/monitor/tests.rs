//! The collector against real processes: children started inside a temporary site folder are
//! seen and mapped to the site's application.

use std::path::Path;
use std::process::{Child, Command};

use super::*;
use crate::host::health::{Evidence, topology, watched_folders};
use crate::model::apphost::AppHost;
use crate::model::doc::Document;
use crate::model::schema::SchemaSet;

struct Reaped(Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn config_for(site_folder: &Path) -> Document {
    let text = format!(
        r#"<configuration><system.applicationHost>
  <applicationPools><add name="Shop" /><add name="Idle" /></applicationPools>
  <sites>
    <site name="Shop" id="1">
      <application path="/" applicationPool="Shop"><virtualDirectory path="/" physicalPath="{}" /></application>
      <bindings><binding protocol="http" bindingInformation="*:8080:" /></bindings>
    </site>
  </sites>
</system.applicationHost></configuration>"#,
        site_folder.display()
    );
    Document::parse_str(&text).expect("parses")
}

#[test]
fn processes_started_in_a_site_folder_are_mapped_to_its_application() {
    let root = tempfile::tempdir().expect("tempdir");
    let site = root.path().join("sites").join("shop");
    std::fs::create_dir_all(site.join("bin")).expect("mkdir");
    let doc = config_for(&site);
    let schema = SchemaSet::bundled();
    let host = AppHost::new(&doc, &schema);
    let topology = topology(host);
    let folders = watched_folders(host, &topology);
    assert_eq!(topology.app_pools, ["Shop", "Idle"]);
    assert_eq!(topology.apps.len(), 1);

    // A Kestrel-like app run from the site's folder (working directory) …
    let in_folder = Reaped(
        Command::new("sh")
            .args(["-c", "exec sleep 30"])
            .current_dir(&site)
            .spawn()
            .expect("spawn sh"),
    );
    // … and a self-contained app whose executable lives in it.
    let exe = site.join("bin").join("Shop.Web");
    std::fs::copy("/bin/sleep", &exe).expect("copy sleep");
    let own_exe = Reaped(
        Command::new(&exe)
            .arg("30")
            .current_dir(root.path())
            .spawn()
            .expect("spawn copied sleep"),
    );

    let mut monitor = HealthMonitor::new(topology, folders, 10);
    // sh execs sleep: wait until the process shows its final executable and folder.
    let mut report = monitor.tick(true);
    for _ in 0..50 {
        let seen = report
            .workers
            .as_ref()
            .map(|w| w.workers.len())
            .unwrap_or(0);
        if seen >= 2 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        report = monitor.tick(true);
    }
    let workers = report.workers.expect("workers sampled");
    let found: Vec<(u32, Owner, Evidence)> = workers
        .workers
        .iter()
        .map(|w| (w.process.pid, w.owner.clone(), w.evidence))
        .collect();
    let shop = Owner::Application(String::from("Shop/"));
    assert!(
        found.contains(&(in_folder.0.id(), shop.clone(), Evidence::WorkingDirectory)),
        "{found:?}"
    );
    assert!(
        found.contains(&(own_exe.0.id(), shop.clone(), Evidence::Executable)),
        "{found:?}"
    );
    let usage = workers.application("Shop/").expect("usage");
    assert_eq!(usage.pids.len(), 2);
    assert!(usage.memory_bytes > 0 && usage.started.is_some());
    assert!(
        monitor
            .history()
            .points(&shop)
            .is_some_and(|p| !p.is_empty())
    );
    // The site folder's drive is reported.
    assert_eq!(
        report
            .host
            .drives
            .iter()
            .map(|d| d.folders.len())
            .sum::<usize>(),
        1
    );
}
