//! The module graph's rules, checked on the source: the model imports nothing above it (no
//! host, CLI or TUI, no terminal or async crates), and the CLI and the TUI never import each
//! other (what both need lives in `host`).

use std::path::{Path, PathBuf};

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// `(file, line number, line)` for code lines (not comments) that mention a forbidden name.
fn offenders(folder: &str, forbidden: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(folder);
    let mut found = Vec::new();
    for file in sources(&root) {
        let text = std::fs::read_to_string(&file).expect("read");
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            for name in forbidden {
                if code.contains(name) {
                    found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    found
}

#[test]
fn the_model_imports_nothing_above_it() {
    let found = offenders(
        "model",
        &[
            "crate::host",
            "crate::cli",
            "crate::tui",
            "ratatui",
            "crossterm",
            "tokio",
        ],
    );
    assert!(
        found.is_empty(),
        "the model reaches up:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_cli_and_the_tui_do_not_import_each_other() {
    let tui = offenders("tui", &["crate::cli"]);
    assert!(
        tui.is_empty(),
        "the TUI imports the CLI:\n{}",
        tui.join("\n")
    );
    let cli = offenders("cli", &["crate::tui"]);
    assert!(
        cli.is_empty(),
        "the CLI imports the TUI:\n{}",
        cli.join("\n")
    );
}

#[test]
fn the_checks_look_at_real_files() {
    // A moved folder must not make the rules above pass vacuously.
    for folder in ["model", "host", "cli", "tui"] {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src")
            .join(folder);
        assert!(sources(&root).len() > 3, "{folder} has sources");
    }
}
