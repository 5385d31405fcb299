use super::*;
use crate::host::health::cmdline::split_windows;

fn process(pid: u32, parent: Option<u32>, line: &str, cwd: Option<&str>) -> ProcessInfo {
    let args = split_windows(line);
    let exe = args.first().map(PathBuf::from);
    ProcessInfo {
        pid,
        parent,
        name: file_name(args.first().map(String::as_str).unwrap_or("")).to_owned(),
        exe,
        cwd: cwd.map(PathBuf::from),
        command_line: vec![line.to_owned()],
        cpu_percent: pid as f32 / 1000.0,
        memory_bytes: u64::from(pid) * 1024,
        start_time: 1_700_000_000 + u64::from(pid),
    }
}

fn app(id: &str, pool: &str, folder: &str) -> AppFolder {
    AppFolder {
        app: id.to_owned(),
        app_pool: Some(pool.to_owned()),
        folder: PathBuf::from(folder),
    }
}

fn windows_topology() -> Topology {
    Topology {
        app_pools: [
            "DefaultAppPool",
            "api.contoso.com",
            "Intranet",
            "WingtipPool",
        ]
        .map(String::from)
        .to_vec(),
        apps: vec![
            app("Default Web Site/", "DefaultAppPool", r"C:\inetpub\wwwroot"),
            app(
                "api.contoso.com/",
                "api.contoso.com",
                r"C:\sites\api.contoso.com",
            ),
            app("intranet/", "Intranet", r"C:\sites\intranet"),
            app("intranet/hr", "Intranet", r"C:\sites\intranet-hr"),
            app(
                "wingtiptoys/store",
                "WingtipPool",
                r"C:\sites\wingtiptoys-store",
            ),
            app("broken/", "DefaultAppPool", r"C:\"),
        ],
    }
}

/// A process list as recorded on an IIS 10 server (Process Explorer's command lines).
fn recorded_windows_processes() -> Vec<ProcessInfo> {
    vec![
        process(4, None, "System", None),
        process(
            612,
            Some(4),
            r"C:\Windows\system32\svchost.exe -k iissvcs",
            Some(r"C:\Windows\system32"),
        ),
        process(
            5120,
            Some(612),
            r#"c:\windows\system32\inetsrv\w3wp.exe -ap "API.CONTOSO.COM" -v "" -a \\.\pipe\iisipm77aa -h "C:\inetpub\temp\apppools\api.contoso.com\api.contoso.com.config" -w "" -m 0 -t 20 -ta 0"#,
            Some(r"C:\Windows\system32"),
        ),
        // ASP.NET Core out of process: dotnet.exe started by the pool's w3wp in the app folder.
        process(
            5188,
            Some(5120),
            r#""C:\Program Files\dotnet\dotnet.exe" .\Contoso.Api.dll"#,
            Some(r"C:\sites\api.contoso.com\"),
        ),
        process(
            5200,
            Some(5188),
            r"C:\Windows\system32\conhost.exe 0x4",
            Some(r"C:\Windows"),
        ),
        process(
            6044,
            Some(612),
            r#"c:\windows\system32\inetsrv\w3wp.exe -ap "DefaultAppPool" -v "v4.0" -l "webengine4.dll" -a \\.\pipe\iisipm5b0a -h "C:\inetpub\temp\apppools\DefaultAppPool\DefaultAppPool.config" -w "" -m 0 -t 20 -ta 0"#,
            Some(r"C:\Windows\system32"),
        ),
        // A self-contained app exe out of process, under the sub-application's folder.
        process(
            7000,
            Some(7001),
            r"C:\sites\wingtiptoys-store\WingtipToys.exe",
            Some(r"C:\Windows\system32"),
        ),
        // An admin's shell in the intranet-hr folder: its working directory says where.
        process(
            7100,
            Some(3000),
            r"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe",
            Some(r"c:\SITES\intranet-hr\bin"),
        ),
        process(
            7200,
            Some(3000),
            r"C:\Windows\explorer.exe",
            Some(r"C:\Windows"),
        ),
    ]
}

#[test]
fn maps_recorded_windows_processes_to_pools_and_applications() {
    let map = map_workers(
        &recorded_windows_processes(),
        &windows_topology(),
        PathStyle::Windows,
        None,
    );
    let owners: Vec<(u32, Owner, Evidence)> = map
        .workers
        .iter()
        .map(|w| (w.process.pid, w.owner.clone(), w.evidence))
        .collect();
    let pool = |n: &str| Owner::AppPool(n.to_owned());
    let app = |n: &str| Owner::Application(n.to_owned());
    assert_eq!(
        owners,
        [
            (5120, pool("api.contoso.com"), Evidence::PoolArgument),
            (5188, app("api.contoso.com/"), Evidence::Argument),
            (6044, pool("DefaultAppPool"), Evidence::PoolArgument),
            (7000, app("wingtiptoys/store"), Evidence::Executable),
            (7100, app("intranet/hr"), Evidence::WorkingDirectory),
        ]
    );
    let usage = map.app_pool("api.contoso.com").expect("pool usage");
    assert_eq!(usage.pids, [5120]);
    assert_eq!(usage.memory_bytes, 5120 * 1024);
    assert_eq!(usage.started, Some(1_700_005_120));
    assert!(map.application("intranet/").is_none());
}

#[test]
fn an_out_of_process_app_is_its_parent_pools_only_app_when_no_path_tells() {
    let mut processes = recorded_windows_processes();
    // dotnet.exe run from elsewhere with an absolute dll path outside any app folder.
    processes[3] = process(
        5188,
        Some(5120),
        r#""C:\Program Files\dotnet\dotnet.exe" D:\deploy\Contoso.Api.dll"#,
        Some(r"D:\deploy"),
    );
    let map = map_workers(&processes, &windows_topology(), PathStyle::Windows, None);
    let worker = map
        .workers
        .iter()
        .find(|w| w.process.pid == 5188)
        .expect("mapped");
    assert_eq!(
        (worker.owner.clone(), worker.evidence),
        (
            Owner::Application(String::from("api.contoso.com/")),
            Evidence::ParentWorkerProcess
        )
    );
}

#[test]
fn posix_kestrel_apps_are_found_by_folder_and_iistui_is_left_out() {
    let topology = Topology {
        app_pools: vec![String::from("contoso.com")],
        apps: vec![
            app("contoso.com/", "contoso.com", "/srv/demo/sites/contoso.com"),
            app(
                "contoso.com/admin",
                "contoso.com",
                "/srv/demo/sites/contoso.com/admin",
            ),
            app("root/", "contoso.com", "/"),
        ],
    };
    let posix = |pid: u32, argv: &[&str], exe: &str, cwd: &str| ProcessInfo {
        pid,
        parent: Some(1),
        name: file_name(exe).to_owned(),
        exe: Some(PathBuf::from(exe)),
        cwd: Some(PathBuf::from(cwd)),
        command_line: argv.iter().map(|a| a.to_string()).collect(),
        cpu_percent: 1.5,
        memory_bytes: 100,
        start_time: 10 + u64::from(pid),
    };
    let processes = vec![
        posix(
            10,
            &[
                "dotnet",
                "Contoso.Web.dll",
                "--urls",
                "http://127.0.0.1:5000",
            ],
            "/usr/share/dotnet/dotnet",
            "/srv/demo/sites/contoso.com",
        ),
        posix(
            11,
            &["./Contoso.Admin"],
            "/srv/demo/sites/contoso.com/admin/Contoso.Admin",
            "/",
        ),
        posix(
            12,
            &["iistui", "--demo"],
            "/usr/bin/iistui",
            "/srv/demo/sites/contoso.com",
        ),
        posix(13, &["bash"], "/usr/bin/bash", "/home/admin"),
        posix(
            14,
            &["sleep", "30"],
            "/usr/bin/sleep",
            "/srv/demo/sites/contoso.com-old",
        ),
    ];
    let map = map_workers(&processes, &topology, PathStyle::Posix, Some(12));
    let owners: Vec<(u32, String, Evidence)> = map
        .workers
        .iter()
        .map(|w| match &w.owner {
            Owner::Application(a) | Owner::AppPool(a) => (w.process.pid, a.clone(), w.evidence),
        })
        .collect();
    assert_eq!(
        owners,
        [
            (10, String::from("contoso.com/"), Evidence::Argument),
            (11, String::from("contoso.com/admin"), Evidence::Executable),
        ]
    );
    let usage = map.application("contoso.com/").expect("usage");
    assert_eq!((usage.pids.clone(), usage.cpu_percent), (vec![10], 1.5));
}
