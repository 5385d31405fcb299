//! appcmd's recorded outputs (tests/fixtures/appcmd) replayed through a fake runner that also
//! checks the exact argument vectors.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/appcmd")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn argv(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.to_string()).collect()
}

/// Answers each expected argument vector with a recorded output and exit code, in order.
struct Replay {
    script: Mutex<Vec<(Vec<String>, &'static str, i32)>>,
    calls: Mutex<Vec<(PathBuf, Vec<String>)>>,
}

impl Replay {
    fn new(script: Vec<(Vec<String>, &'static str, i32)>) -> AppCmd<Replay> {
        AppCmd {
            exe: PathBuf::from(r"C:\Windows\system32\inetsrv\appcmd.exe"),
            runner: Replay {
                script: Mutex::new(script),
                calls: Mutex::new(Vec::new()),
            },
        }
    }

    fn calls(&self) -> Vec<Vec<String>> {
        let calls = self.calls.lock().expect("lock");
        for (program, _) in calls.iter() {
            assert_eq!(
                program,
                Path::new(r"C:\Windows\system32\inetsrv\appcmd.exe")
            );
        }
        calls.iter().map(|(_, args)| args.clone()).collect()
    }
}

impl CommandRunner for Replay {
    fn run(&self, program: &Path, args: &[String]) -> std::io::Result<RunOutput> {
        self.calls
            .lock()
            .expect("lock")
            .push((program.to_path_buf(), args.to_vec()));
        let mut script = self.script.lock().expect("lock");
        assert!(!script.is_empty(), "unexpected appcmd call {args:?}");
        let (expected, file, code) = script.remove(0);
        assert_eq!(args, expected.as_slice(), "argument vector");
        Ok(RunOutput {
            exit_code: Some(code),
            stdout: fixture(file),
            stderr: Vec::new(),
        })
    }
}

#[test]
fn reads_states_from_list_xml() {
    let appcmd = Replay::new(vec![
        (argv(&["list", "site", "/xml"]), "list-site.xml", 0),
        (argv(&["list", "apppool", "/xml"]), "list-apppool.xml", 0),
    ]);
    let states = appcmd.states().expect("states");
    assert_eq!(states.site("Default Web Site"), Some("Started"));
    assert_eq!(states.site("LEGACY-CRM"), Some("Stopped"));
    assert_eq!(states.app_pool("legacycrm"), Some("Stopped"));
    assert_eq!(states.app_pool("nope"), None);
    assert_eq!(appcmd.runner.calls().len(), 2);
}

#[test]
fn parses_list_text_lines_with_commas_in_bindings() {
    let sites = parse_list(&String::from_utf8_lossy(&fixture("list-site.txt")));
    assert_eq!(sites.len(), 4);
    assert_eq!(sites[1].name, "contoso.com");
    assert_eq!(
        sites[1].get("bindings"),
        Some("http/*:80:contoso.com,http/*:80:www.contoso.com,https/*:443:contoso.com")
    );
    assert_eq!(
        sites[2].get("bindings"),
        Some("http/*:8081:crm.corp.local,net.tcp/808:*")
    );
    assert_eq!(
        sites
            .iter()
            .map(|s| s.get("state").unwrap_or(""))
            .collect::<Vec<_>>(),
        ["Started", "Started", "Stopped", "Unknown"]
    );
    let pools = parse_list(&String::from_utf8_lossy(&fixture("list-apppool.txt")));
    assert_eq!(pools[1].kind, "APPPOOL");
    assert_eq!(pools[1].get("MgdVersion"), Some(""));
    assert_eq!(pools[2].get("MgdMode"), Some("Classic"));
    assert_eq!(parse_list_line("garbage"), None);
    assert_eq!(parse_list_line("SITE \"x\" (,state:Started)"), None);
}

/// A control, its vector and output, the listing vector and output, the message and state.
type ControlCase = (
    Control,
    Vec<String>,
    &'static str,
    Vec<String>,
    &'static str,
    &'static str,
    &'static str,
);

#[test]
fn controls_send_exact_argument_vectors_and_report_the_state_after() {
    let cases: Vec<ControlCase> = vec![
        (
            Control::StopAppPool(String::from("Shop Pool")),
            argv(&["stop", "apppool", "/apppool.name:Shop Pool"]),
            "stop-apppool-ok.txt",
            argv(&["list", "apppool", "/apppool.name:Shop Pool"]),
            "list-apppool-one-stopped.txt",
            "\"Shop Pool\" successfully stopped.",
            "Stopped",
        ),
        (
            Control::StartSite(String::from("Default Web Site")),
            argv(&["start", "site", "/site.name:Default Web Site"]),
            "start-site-ok.txt",
            argv(&["list", "site", "/site.name:Default Web Site"]),
            "list-site-one-started.txt",
            "\"Default Web Site\" successfully started.",
            "Started",
        ),
    ];
    for (control, args, output, list_args, listed, message, state) in cases {
        let appcmd = Replay::new(vec![(args, output, 0), (list_args, listed, 0)]);
        let outcome = appcmd.control(&control).expect("controls");
        assert_eq!(outcome.message, message);
        assert_eq!(outcome.state.as_deref(), Some(state));
        assert_eq!(appcmd.runner.calls().len(), 2);
    }
    // The other verbs' vectors.
    assert_eq!(
        Control::RecycleAppPool(String::from("DefaultAppPool")).appcmd_args(),
        ["recycle", "apppool", "/apppool.name:DefaultAppPool"]
    );
    assert_eq!(
        Control::StartAppPool(String::from("a\"b & c")).appcmd_args(),
        ["start", "apppool", "/apppool.name:a\"b & c"]
    );
    assert_eq!(
        Control::StopSite(String::from("x")).appcmd_args(),
        ["stop", "site", "/site.name:x"]
    );
    let recycle = Replay::new(vec![
        (
            argv(&["recycle", "apppool", "/apppool.name:DefaultAppPool"]),
            "recycle-apppool-ok.txt",
            0,
        ),
        (
            argv(&["list", "apppool", "/apppool.name:DefaultAppPool"]),
            "list-apppool.txt",
            0,
        ),
    ]);
    let outcome = recycle
        .control(&Control::RecycleAppPool(String::from("DefaultAppPool")))
        .expect("recycles");
    assert_eq!(outcome.message, "\"DefaultAppPool\" successfully recycled.");
    assert_eq!(outcome.state.as_deref(), Some("Started"));
}

#[test]
fn failures_carry_the_exit_code_hresult_and_message() {
    let cases = [
        (
            Control::StopAppPool(String::from("Shop Pool")),
            "stop-apppool-not-started.txt",
            1062,
            Some("80070426"),
            "Command execution failed. The service has not been started.",
        ),
        (
            Control::StartAppPool(String::from("Shop Pool")),
            "start-apppool-already-running.txt",
            1056,
            Some("80070420"),
            "Command execution failed. An instance of the service is already running.",
        ),
        (
            Control::StopAppPool(String::from("Nope")),
            "stop-apppool-not-found.txt",
            1168,
            None,
            "Cannot find APPPOOL object with identifier \"Nope\".",
        ),
        (
            Control::StartSite(String::from("Default Web Site")),
            "start-site-port-in-use.txt",
            32,
            Some("80070020"),
            "Command execution failed. The process cannot access the file because it is being used by another process.",
        ),
        (
            Control::StartSite(String::from("Default Web Site")),
            "start-site-access-denied.txt",
            5,
            None,
            "Cannot read configuration file due to insufficient permissions Filename: redirection.config Error: Cannot read configuration file due to insufficient permissions",
        ),
    ];
    for (control, file, code, hresult, message) in cases {
        let appcmd = Replay::new(vec![(control.appcmd_args(), file, code)]);
        let err = appcmd.control(&control).expect_err("fails");
        assert_eq!(
            err,
            ControlError::Failed {
                command: format!(
                    "appcmd {} {} {}",
                    control.verb(),
                    control.object_type(),
                    if control.name().contains(' ') {
                        format!("\"/{}.name:{}\"", control.object_type(), control.name())
                    } else {
                        format!("/{}.name:{}", control.object_type(), control.name())
                    }
                ),
                exit_code: Some(code),
                hresult: hresult.map(String::from),
                message: String::from(message),
            },
            "{file}"
        );
        assert!(err.to_string().contains(&format!("exit code {code}")));
        // No state is read after a failure.
        assert_eq!(appcmd.runner.calls().len(), 1);
    }
}

#[test]
fn without_iis_nothing_pretends() {
    if cfg!(windows) {
        return;
    }
    let runtime = for_connection(true);
    assert!(runtime.states().is_err());
    let refused = runtime.control(&Control::StopAppPool(String::from("DefaultAppPool")));
    assert_eq!(
        refused,
        Err(ControlError::Unavailable(String::from(NOT_AVAILABLE)))
    );
    assert_eq!(
        runtime.can_control().map_err(|e| e.to_string()),
        Err(String::from(
            "IIS runtime control is only available on Windows with IIS installed"
        ))
    );
    assert!(Control::StopSite(String::from("x")).needs_confirmation());
    assert!(!Control::StartSite(String::from("x")).needs_confirmation());
    assert_eq!(
        Control::RecycleAppPool(String::from("Shop")).to_string(),
        "Recycle application pool \"Shop\""
    );
}

#[test]
fn a_runner_that_cannot_start_appcmd_is_reported() {
    struct Missing;
    impl CommandRunner for Missing {
        fn run(&self, _: &Path, _: &[String]) -> std::io::Result<RunOutput> {
            Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "not found",
            ))
        }
    }
    let appcmd = AppCmd {
        exe: PathBuf::from("appcmd.exe"),
        runner: Missing,
    };
    let err = appcmd
        .control(&Control::StartSite(String::from("x")))
        .expect_err("fails");
    assert!(matches!(err, ControlError::CannotRun { .. }), "{err}");
    assert!(appcmd.states().is_err());
}
