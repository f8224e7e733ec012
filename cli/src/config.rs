//! Finds the run's `meslint.toml`: `--config FILE`, else one among the linted files, else the
//! nearest one above the first linted path (up to the root of its git repository); and the
//! cluster around the files `--changed-files` and `--stdin-filename` name.

use std::path::{Component, Path, PathBuf};

use meslint_core::Input;

pub const FILE_NAME: &str = "meslint.toml";

/// Adds the configuration to `inputs` when it is not already among them.
pub fn add(inputs: &mut Vec<Input>, paths: &[PathBuf], config: Option<&Path>) {
    if let Some(config) = config {
        // `--config` replaces any meslint.toml found in the tree.
        inputs.retain(|input| !is_config_name(&input.path));
        inputs.push(read(config, &display(config)));
        return;
    }
    if inputs.iter().any(|input| is_config_name(&input.path)) {
        return;
    }
    if let Some(found) = paths.first().and_then(|p| find_above(p)) {
        inputs.push(read(&found.0, &found.1));
    }
}

fn is_config_name(path: &str) -> bool {
    path == FILE_NAME || path.ends_with(&format!("/{FILE_NAME}"))
}

/// The nearest meslint.toml in a directory above `path`, with the path to show for it.
fn find_above(path: &Path) -> Option<(PathBuf, String)> {
    let cwd = std::env::current_dir().ok()?;
    let start = real_path(path)?;
    let start = if start.is_dir() {
        start
    } else {
        start.parent()?.to_path_buf()
    };
    for dir in start.ancestors() {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            let shown = match candidate.strip_prefix(&cwd) {
                Ok(relative) => relative.to_string_lossy().into_owned(),
                Err(_) => candidate.to_string_lossy().into_owned(),
            };
            return Some((candidate, shown));
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    None
}

fn read(path: &Path, shown: &str) -> Input {
    match std::fs::read(path) {
        Ok(bytes) => Input::project(shown, bytes),
        Err(error) => Input::unreadable(shown, error.to_string()),
    }
}

fn display(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    text.trim_start_matches("./").to_owned()
}

/// The changed files as meslint shows paths (`/`-separated, no leading `./`).
pub fn changed_set(paths: &[PathBuf]) -> std::collections::BTreeSet<String> {
    paths.iter().map(|p| display(p)).collect()
}

/// The directory to lint for a set of changed files: that of the nearest meslint.toml above
/// the first of them (shown relative to the current directory), else the current directory.
pub fn cluster_around(paths: &[PathBuf]) -> PathBuf {
    if let Some((found, _)) = paths.first().and_then(|p| find_above(p))
        && let Some(dir) = found.parent()
        && let Ok(cwd) = std::env::current_dir()
        && let Ok(relative) = dir.strip_prefix(&cwd)
    {
        if relative.as_os_str().is_empty() {
            return PathBuf::from(".");
        }
        return relative.to_path_buf();
    }
    PathBuf::from(".")
}

/// Where a buffer read from standard input belongs (`--stdin-filename PATH`).
#[derive(Debug)]
pub struct Placed {
    /// The directory to lint around it, as the user would type it (relative when it lies in
    /// the current directory).
    pub dir: PathBuf,
    /// PATH as the walk of `dir` shows it.
    pub path: String,
}

/// The cluster around `path`, which need not exist (an editor's unsaved buffer): the directory
/// of the nearest meslint.toml above it, else the root of its git repository (as
/// `--changed-files` does), else the current directory when `path` lies in it, else its own
/// directory.
pub fn place(path: &Path) -> Result<Placed, String> {
    let cwd = std::env::current_dir()
        .and_then(std::fs::canonicalize)
        .map_err(|e| format!("cannot read the current directory: {e}"))?;
    let real = real_path(path).ok_or_else(|| format!("`{}` is no usable path", path.display()))?;
    if real.is_dir() {
        return Err(format!(
            "--stdin-filename `{}` is a directory; it names the file the buffer stands for",
            path.display()
        ));
    }
    let parent = real
        .parent()
        .ok_or_else(|| format!("`{}` is no usable path", path.display()))?;
    let dir = match find_above(parent)
        .as_ref()
        .and_then(|(found, _)| found.parent())
    {
        Some(dir) => dir.to_path_buf(),
        None => repository_root(parent).unwrap_or_else(|| {
            if real.starts_with(&cwd) {
                cwd.clone()
            } else {
                parent.to_path_buf()
            }
        }),
    };
    let rest = real
        .strip_prefix(&dir)
        .map_err(|_| format!("`{}` is no usable path", path.display()))?
        .to_string_lossy()
        .replace('\\', "/");
    let dir = match dir.strip_prefix(&cwd) {
        Ok(relative) if relative.as_os_str().is_empty() => PathBuf::from("."),
        Ok(relative) => relative.to_path_buf(),
        Err(_) => dir,
    };
    let shown = crate::walk::display(&dir);
    let path = if shown.is_empty() {
        rest
    } else {
        format!("{shown}/{rest}")
    };
    Ok(Placed { dir, path })
}

/// The nearest directory at or above `dir` that holds `.git`.
fn repository_root(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// `path` made absolute, with symbolic links resolved as far as it exists; the part that does
/// not exist (yet) is kept as written.
fn real_path(path: &Path) -> Option<PathBuf> {
    let mut lexical = PathBuf::new();
    for component in std::env::current_dir().ok()?.join(path).components() {
        match component {
            Component::ParentDir => {
                lexical.pop();
            }
            Component::CurDir => {}
            other => lexical.push(other),
        }
    }
    let mut existing = lexical.as_path();
    let mut missing = Vec::new();
    loop {
        if let Ok(mut real) = std::fs::canonicalize(existing) {
            real.extend(missing.iter().rev());
            return Some(real);
        }
        missing.push(existing.file_name()?);
        existing = existing.parent()?;
    }
}
