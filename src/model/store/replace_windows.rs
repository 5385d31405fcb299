//! `ReplaceFileW`, the one Windows call std and the crates we use do not wrap: it replaces a file
//! with another while keeping the replaced file's ACL, attributes, creation time and alternate
//! streams (a plain rename would give the new file the folder's inherited ACL instead).

use std::io;
use std::os::windows::ffi::OsStrExt;
use std::path::Path;

use windows_sys::Win32::Storage::FileSystem::{
    REPLACEFILE_IGNORE_MERGE_ERRORS, REPLACEFILE_WRITE_THROUGH, ReplaceFileW,
};

fn wide(path: &Path) -> Vec<u16> {
    path.as_os_str().encode_wide().chain(Some(0)).collect()
}

/// Replaces `replaced` by `replacement` (both in the same folder); no backup file is made
/// (iistui keeps its own backups).
pub fn replace_file(replaced: &Path, replacement: &Path) -> io::Result<()> {
    let (replaced, replacement) = (wide(replaced), wide(replacement));
    // SAFETY: both pointers are to NUL-terminated UTF-16 buffers that outlive the call; the
    // backup name, exclude and reserved arguments are documented as optional (null).
    #[allow(unsafe_code)]
    let ok = unsafe {
        ReplaceFileW(
            replaced.as_ptr(),
            replacement.as_ptr(),
            std::ptr::null(),
            REPLACEFILE_WRITE_THROUGH | REPLACEFILE_IGNORE_MERGE_ERRORS,
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    if ok == 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(())
    }
}
