use super::*;

#[test]
fn a_folder_is_on_the_deepest_mount_holding_it() {
    let posix = [
        PathBuf::from("/"),
        PathBuf::from("/srv"),
        PathBuf::from("/srv2"),
    ];
    let style = PathStyle::Posix;
    assert_eq!(drive_of(style, Path::new("/srv/sites/a"), &posix), Some(1));
    assert_eq!(drive_of(style, Path::new("/srv2x/a"), &posix), Some(0));
    assert_eq!(drive_of(style, Path::new("/srv"), &posix), Some(1));
    let windows = [
        PathBuf::from(r"C:\"),
        PathBuf::from(r"D:\"),
        PathBuf::from(r"D:\mnt\logs"),
    ];
    let style = PathStyle::Windows;
    assert_eq!(
        drive_of(style, Path::new(r"d:\Mnt\Logs\W3SVC1"), &windows),
        Some(2)
    );
    assert_eq!(
        drive_of(style, Path::new(r"\\?\C:\sites"), &windows),
        Some(0)
    );
    assert_eq!(
        drive_of(style, Path::new(r"\\fileserver01\docs"), &windows),
        None
    );
}

#[test]
fn samples_this_machine() {
    let here = std::env::temp_dir();
    let missing = here.join("iistui-no-such-folder");
    let mut sampler = Sampler::new(vec![here.clone(), missing]);
    std::thread::sleep(sysinfo::MINIMUM_CPU_UPDATE_INTERVAL);
    let sample = sampler.sample_host();
    assert!(sample.cpu_count >= 1);
    assert!((0.0..=100.0).contains(&sample.cpu_percent));
    assert!(sample.memory.total_bytes > 0 && sample.memory.used_bytes <= sample.memory.total_bytes);
    assert!(sample.uptime_secs > 0);
    assert_eq!(sample.load.is_some(), !cfg!(windows));
    // Both folders are on the temp folder's drive (a missing folder still names its drive).
    let folders: usize = sample.drives.iter().map(|d| d.folders.len()).sum();
    assert_eq!(folders + sample.unplaced.len(), 2);
    let drive = sample.drives.first().expect("the temp folder's drive");
    assert!(drive.total_bytes > 0 && drive.available_bytes <= drive.total_bytes);
    // A second sample reuses the mount list.
    assert_eq!(sampler.sample_host().drives.len(), sample.drives.len());
    let me = std::process::id();
    let processes = sampler.sample_processes();
    let this = processes
        .iter()
        .find(|p| p.pid == me)
        .expect("this process");
    assert!(this.memory_bytes > 0);
    assert_eq!(this.exe.as_deref(), std::env::current_exe().ok().as_deref());
}
