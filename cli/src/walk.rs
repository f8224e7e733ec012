//! Finds the files to lint under the paths the user gave and reads them, safely.
//!
//! Nothing here ever writes, and nothing may hang or crash on odd files: FIFOs and devices are
//! never opened, symbolic-link loops are cut, huge files are not read whole, and every failure
//! becomes an [`Input`] that says why, so the core reports it like any other finding.

use std::collections::BTreeSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use meslint_core::Input;
use meslint_core::layout::is_candidate;

/// Files larger than this are not read; no real configuration file comes close.
pub const MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// Directories that never hold cluster configuration.
const SKIPPED_DIRS: &[&str] = &[
    ".git",
    ".hg",
    ".svn",
    "target",
    "node_modules",
    "__pycache__",
];

/// Reads every candidate file under `paths`, in sorted order.
pub fn collect(paths: &[PathBuf]) -> Vec<Input> {
    let mut inputs = Vec::new();
    let mut seen_dirs = BTreeSet::new();
    for path in paths {
        let shown = display(path);
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let first = inputs.len();
                walk_dir(path, &shown, &mut seen_dirs, &mut inputs);
                for input in &mut inputs[first..] {
                    input.root = Some(shown.clone());
                }
            }
            Ok(_) => {
                let mut input = read_file(path, &shown);
                input.explicit = true;
                inputs.push(input);
            }
            Err(error) => inputs.push(Input::unreadable(shown, describe(path, &error))),
        }
    }
    inputs.sort_by(|a, b| a.path.cmp(&b.path));
    inputs.dedup_by(|a, b| a.path == b.path);
    inputs
}

fn walk_dir(dir: &Path, shown: &str, seen: &mut BTreeSet<(u64, u64)>, out: &mut Vec<Input>) {
    if let Some(id) = dir_identity(dir)
        && !seen.insert(id)
    {
        // Already walked: a symbolic link leads back into the tree.
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            out.push(Input::unreadable(shown.to_owned(), describe(dir, &error)));
            return;
        }
    };
    let mut names: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    names.sort();
    for name in names {
        let path = dir.join(&name);
        let name = name.to_string_lossy();
        let child_shown = join(shown, &name);
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                if !SKIPPED_DIRS.contains(&name.as_ref()) {
                    walk_dir(&path, &child_shown, seen, out);
                }
            }
            Ok(_) if is_candidate(&child_shown) => out.push(read_file(&path, &child_shown)),
            Ok(_) => {}
            // A dangling or looping link, or no permission to look: report it only when the
            // name says it would have been read.
            Err(error) if is_candidate(&child_shown) => {
                out.push(Input::unreadable(child_shown, describe(&path, &error)));
            }
            Err(_) => {}
        }
    }
}

#[cfg(unix)]
fn dir_identity(dir: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(dir).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn dir_identity(dir: &Path) -> Option<(u64, u64)> {
    use std::hash::{Hash, Hasher};
    let canonical = fs::canonicalize(dir).ok()?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    canonical.hash(&mut hasher);
    Some((0, hasher.finish()))
}

/// Reads one file without ever blocking on a FIFO or a device and without reading past
/// [`MAX_FILE_SIZE`].
fn read_file(path: &Path, shown: &str) -> Input {
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(error) => return Input::unreadable(shown, describe(path, &error)),
    };
    if !meta.is_file() {
        return Input::unreadable(shown, format!("not a regular file ({})", file_type(&meta)));
    }
    if meta.len() > MAX_FILE_SIZE {
        return Input::unreadable(
            shown,
            format!(
                "file is {} bytes, larger than the {MAX_FILE_SIZE} bytes meslint reads",
                meta.len()
            ),
        );
    }
    let file = match fs::File::open(path) {
        Ok(file) => file,
        Err(error) => return Input::unreadable(shown, describe(path, &error)),
    };
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // `take` guards against a file that grows while it is read.
    match file.take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() as u64 > MAX_FILE_SIZE => Input::unreadable(
            shown,
            format!("file grew past the {MAX_FILE_SIZE} bytes meslint reads"),
        ),
        Ok(_) => Input::file(shown, bytes),
        Err(error) => Input::unreadable(shown, describe(path, &error)),
    }
}

fn file_type(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    let _ = meta;
    "not a file"
}

/// One line saying why a path could not be read.
fn describe(path: &Path, error: &std::io::Error) -> String {
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return match error.raw_os_error() {
            Some(40) => "symbolic link loop".to_owned(),
            _ if error.kind() == std::io::ErrorKind::NotFound => {
                "dangling symbolic link".to_owned()
            }
            _ => format!("symbolic link cannot be followed: {}", plain(error)),
        };
    }
    plain(error)
}

/// The error text without Rust's `(os error N)` suffix.
fn plain(error: &std::io::Error) -> String {
    let text = match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => error.to_string(),
    };
    match text.find(" (os error") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    }
}

/// The path as the user typed it, `/`-separated, without a leading `./`.
fn display(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let trimmed = text.trim_start_matches("./");
    if trimmed.is_empty() || trimmed == "." {
        String::new()
    } else {
        trimmed.trim_end_matches('/').to_owned()
    }
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_owned()
    } else {
        format!("{dir}/{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_paths_are_relative_as_given() {
        assert_eq!(display(Path::new(".")), "");
        assert_eq!(display(Path::new("./")), "");
        assert_eq!(display(Path::new("./config/")), "config");
        assert_eq!(display(Path::new("/etc/zookeeper")), "/etc/zookeeper");
        assert_eq!(join("", "zoo.cfg"), "zoo.cfg");
        assert_eq!(join("zk1", "zoo.cfg"), "zk1/zoo.cfg");
    }
}
