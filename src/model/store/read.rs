//! Reading a configuration safely: only a regular file (a FIFO would block forever, `/dev/zero`
//! never ends, a directory is not a file), and only up to a size limit checked before reading and
//! enforced while reading (a file that grows meanwhile is still cut off at the limit).

use std::fs::{self, File};
use std::io::{self, Read};
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

fn read_error(path: &Path) -> impl Fn(io::Error) -> StoreError + '_ {
    move |e| StoreError::Read {
        path: path.to_path_buf(),
        reason: describe_io(&e, path),
    }
}

/// Refuses `path` (symlinks followed) unless it is a regular file within `max_size`, without
/// opening it.
pub(super) fn check_path(path: &Path, max_size: u64) -> Result<(), StoreError> {
    let meta = fs::metadata(path).map_err(read_error(path))?;
    check_regular(path, &meta, max_size)
}

/// Opens a configuration file for reading: refused before opening unless it is a regular file
/// of at most `max_size` bytes (symlinks are followed; opening a FIFO would block until someone
/// writes to it), and checked again on the opened handle (the path may have been swapped in
/// between). The handle reads at most one byte past the limit.
fn open_checked(path: &Path, max_size: u64) -> Result<(io::Take<File>, fs::Metadata), StoreError> {
    check_path(path, max_size)?;
    let file = File::open(path).map_err(read_error(path))?;
    let meta = file.metadata().map_err(read_error(path))?;
    check_regular(path, &meta, max_size)?;
    Ok((file.take(max_size.saturating_add(1)), meta))
}

/// Refuses what turned out longer than the limit while it was read (a file that grew).
fn within_limit(path: &Path, read: u64, max_size: u64) -> Result<(), StoreError> {
    if read > max_size {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            size: read,
            limit: max_size,
        });
    }
    Ok(())
}

/// Reads a configuration file (see [`open_checked`]), never more than `max_size` bytes.
pub fn read_config(path: &Path, max_size: u64) -> Result<Vec<u8>, StoreError> {
    let (mut file, meta) = open_checked(path, max_size)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes).map_err(read_error(path))?;
    within_limit(path, bytes.len() as u64, max_size)?;
    Ok(bytes)
}

/// The xxh3 hash, size and metadata of a configuration file, read in blocks through one small
/// buffer (the same checks as [`read_config`]): what a save needs to know whether the file
/// changed since it was loaded, without a 12 MB allocation.
pub(super) fn hash_file(
    path: &Path,
    max_size: u64,
) -> Result<(u64, u64, fs::Metadata), StoreError> {
    let (mut file, meta) = open_checked(path, max_size)?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut block = vec![0u8; 256 * 1024];
    let mut total = 0u64;
    loop {
        let n = match file.read(&mut block) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(read_error(path)(e)),
        };
        hasher.update(&block[..n]);
        total += n as u64;
    }
    within_limit(path, total, max_size)?;
    Ok((hasher.digest(), total, meta))
}

/// The xxh3 hash of a configuration file as a save would compute it (for a watcher that tells
/// whether the file on disk is still the one loaded).
pub fn file_hash(path: &Path, max_size: u64) -> Result<u64, StoreError> {
    hash_file(path, max_size).map(|(hash, _, _)| hash)
}
