//! What a replaced configuration keeps from the original. On Unix the temp file gets the
//! original's permissions, owner (when run as root) and extended attributes, POSIX ACLs included
//! (`system.posix_acl_access` is one), before it is renamed over the original. On Windows
//! `ReplaceFileW` carries the ACL, attributes and alternate streams over by itself.

use std::fs;
use std::path::Path;

/// Gives `temp` what it must keep of `original`; returns notes for what could not be kept.
#[cfg(unix)]
pub fn copy_metadata(
    original: &Path,
    meta: &fs::Metadata,
    temp: &Path,
) -> std::io::Result<Vec<String>> {
    use std::os::unix::fs::MetadataExt;
    // Attributes first, while the temp file is still writable by us (user.* attributes need
    // write permission); the mode then sets the ACL mask to the original's group bits, which
    // is what the copied ACL says too.
    let lost = copy_xattrs(original, temp);
    fs::set_permissions(temp, meta.permissions())?;
    // Only root can give a file away; for others the owner is already right.
    let _ = std::os::unix::fs::chown(temp, Some(meta.uid()), Some(meta.gid()));
    Ok(lost)
}

#[cfg(not(unix))]
pub fn copy_metadata(
    _original: &Path,
    _meta: &fs::Metadata,
    _temp: &Path,
) -> std::io::Result<Vec<String>> {
    Ok(Vec::new())
}

/// Copies every extended attribute.
#[cfg(unix)]
fn copy_xattrs(original: &Path, temp: &Path) -> Vec<String> {
    let Ok(names) = xattr::list(original) else {
        // A file system without extended attributes: nothing to keep.
        return Vec::new();
    };
    let mut lost = Vec::new();
    for name in names {
        let copied = xattr::get(original, &name).and_then(|value| match value {
            Some(value) => xattr::set(temp, &name, &value),
            None => Ok(()),
        });
        if let Err(e) = copied {
            lost.push(format!(
                "could not keep the extended attribute {} of {}: {e}",
                name.to_string_lossy(),
                original.display()
            ));
        }
    }
    lost
}

/// Windows refuses to replace a read-only file: for a forced save its read-only attribute is
/// cleared first. Returns whether it must be set again on the new file.
#[cfg(windows)]
pub fn allow_replacing(target: &Path, read_only: bool) -> std::io::Result<bool> {
    if !read_only {
        return Ok(false);
    }
    let mut permissions = fs::metadata(target)?.permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    fs::set_permissions(target, permissions)?;
    Ok(true)
}

/// On Unix a rename replaces a read-only file (the folder is what must be writable), and the
/// new file already has the original's mode.
#[cfg(not(windows))]
pub fn allow_replacing(_target: &Path, _read_only: bool) -> std::io::Result<bool> {
    Ok(false)
}

/// Sets the read-only attribute again after a forced save (or a failed one).
pub fn restore_read_only(target: &Path) {
    if let Ok(meta) = fs::metadata(target) {
        let mut permissions = meta.permissions();
        permissions.set_readonly(true);
        let _ = fs::set_permissions(target, permissions);
    }
}
