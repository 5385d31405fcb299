//! getfacl's own view of files, to check what a change through iistui did to real ACLs.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

fn run_getfacl(path: &Path, recursive: bool) -> String {
    let mut command = Command::new("getfacl");
    if recursive {
        command.args(["-R", "-P"]);
    }
    let out = command
        .args(["-p", "-E", "--"])
        .arg(path)
        .output()
        .expect("getfacl runs (install the acl package)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The ACLs of a folder and everything below it (symbolic links not followed).
pub fn getfacl(path: &Path) -> String {
    run_getfacl(path, true)
}

/// The ACL of one path.
pub fn getfacl_one(path: &Path) -> String {
    run_getfacl(path, false)
}
