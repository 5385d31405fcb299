//! Reading a configuration safely: only a regular file (a FIFO would block forever, `/dev/zero`
//! never ends, a directory is not a file), and only up to a size limit checked before reading and
//! enforced while reading (a file that grows meanwhile is still cut off at the limit).

use std::fs::{self, File};
use std::io::Read;
use std::path::Path;

use super::error::{StoreError, describe_io};

/// The default size limit for a configuration file: 1 GiB (a 10,000-site applicationHost.config
/// is about 12 MB).
pub const DEFAULT_MAX_SIZE: u64 = 1 << 30;

/// What a non-regular file is, for the refusal.
fn kind_of(file_type: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else {
        "a special file"
    }
}

/// Refuses what is not a regular file, or is over `max_size` bytes.
pub(super) fn check_regular(
    path: &Path,
    meta: &fs::Metadata,
    max_size: u64,
) -> Result<(), StoreError> {
    if !meta.is_file() {
        return Err(StoreError::NotRegular {
            path: path.to_path_buf(),
            kind: kind_of(meta.file_type()),
        });
    }
    if meta.len() > max_size {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: max_size,
        });
    }
    Ok(())
}

/// Refuses `path` (symlinks followed) unless it is a regular file within `max_size`, without
/// opening it.
pub(super) fn check_path(path: &Path, max_size: u64) -> Result<(), StoreError> {
    let meta = fs::metadata(path).map_err(|e| StoreError::Read {
        path: path.to_path_buf(),
        reason: describe_io(&e, path),
    })?;
    check_regular(path, &meta, max_size)
}

/// Reads a configuration file: refused before opening unless it is a regular file of at most
/// `max_size` bytes (symlinks are followed), checked again on the opened handle, and never more
/// than `max_size` bytes read.
pub fn read_config(path: &Path, max_size: u64) -> Result<Vec<u8>, StoreError> {
    read_opened(path, max_size).map(|(bytes, _)| bytes)
}

/// [`read_config`], with the metadata of the file that was actually read.
pub(super) fn read_opened(
    path: &Path,
    max_size: u64,
) -> Result<(Vec<u8>, fs::Metadata), StoreError> {
    let read_error = |e: std::io::Error| StoreError::Read {
        path: path.to_path_buf(),
        reason: describe_io(&e, path),
    };
    // Before opening: opening a FIFO blocks until someone writes to it.
    check_path(path, max_size)?;
    let file = File::open(path).map_err(read_error)?;
    // The same checks on what was opened (the path may have been swapped in between).
    let meta = file.metadata().map_err(read_error)?;
    check_regular(path, &meta, max_size)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    let read = bytes.len() as u64;
    if read > max_size {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size: read,
            limit: max_size,
        });
    }
    Ok((bytes, meta))
}
