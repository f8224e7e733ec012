//! Finds the run's `meslint.toml`: `--config FILE`, else one among the linted files, else the
//! nearest one above the first linted path (up to the root of its git repository).

use std::path::{Path, PathBuf};

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
    let start = std::fs::canonicalize(path).ok()?;
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
