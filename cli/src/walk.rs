//! Finds the files to lint under the paths the user gave and reads them, safely.
//!
//! Nothing here ever writes, and nothing may hang or crash on odd files: FIFOs and devices are
//! never opened, symbolic-link loops are cut, huge files are not read whole, and every failure
//! becomes an [`Input`] that says why, so the core reports it like any other finding.
//!
//! Directories are walked as ripgrep walks them (the `ignore` crate): `.ignore` files always
//! apply, `.gitignore` files and `.git/info/exclude` inside a git repository, never the user's
//! global gitignore (so a run does not depend on the machine). `--no-ignore` turns all of them
//! off. `--exclude` patterns and `meslint.toml`'s `exclude` (or that of `--config FILE`, which
//! stands in for it) use gitignore syntax, relative to the walked directory; the `exclude` of a
//! cluster's own `meslint.toml` further down applies below it, relative to its directory.
//!
//! Symbolic links never lead out of the directory being linted: a link whose target lies outside
//! it is handed to the core as such (reported once, never read) unless `--follow-links`; a link to
//! a file inside it is read under the link's own path; a link to a directory inside it is not
//! walked twice. Files found and not read are handed over as skipped, with the reason, so the
//! summary can count them.

use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use meslint_core::Input;
use meslint_core::layout::{is_candidate, skip_reason};

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

/// How to walk directories.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Lint what `.gitignore` and `.ignore` files exclude too.
    pub no_ignore: bool,
    /// Follow symbolic links wherever they lead.
    pub follow_links: bool,
    /// Gitignore-style patterns of paths not to lint, relative to each directory walked.
    pub exclude: Vec<String>,
    /// The `exclude` of `--config FILE`, which stands in for the walked directory's own
    /// `meslint.toml`; `None` without `--config`.
    pub config_exclude: Option<Vec<String>>,
}

/// Reads every candidate file under `paths`, in sorted order.
pub fn collect(paths: &[PathBuf], options: &Options) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        let shown = display(path);
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let first = inputs.len();
                walk_dir(path, &shown, options, &mut inputs);
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

fn walk_dir(dir: &Path, shown: &str, options: &Options, out: &mut Vec<Input>) {
    let first = out.len();
    let root = match fs::canonicalize(dir) {
        Ok(root) => root,
        Err(error) => {
            out.push(Input::unreadable(shown.to_owned(), describe(dir, &error)));
            return;
        }
    };
    let (excludes, exclude_problem) = exclude_matcher(dir, options);
    if let Some(problem) = exclude_problem {
        out.push(problem);
    }
    let excluded = Arc::new(Mutex::new(Vec::new()));
    let mut builder = ignore::WalkBuilder::new(dir);
    let ignoring = !options.no_ignore;
    builder
        .standard_filters(false)
        .hidden(false)
        .ignore(ignoring)
        .git_ignore(ignoring)
        .git_exclude(ignoring)
        .parents(ignoring)
        .require_git(true)
        .git_global(false)
        .follow_links(options.follow_links)
        .sort_by_file_name(|a, b| a.cmp(b));
    {
        let dir = dir.to_path_buf();
        let shown = shown.to_owned();
        let excluded = Arc::clone(&excluded);
        // The `exclude` of each cluster's own meslint.toml below the walked directory, rooted
        // at its directory, as the walk enters it.
        let nested: Mutex<Vec<(PathBuf, Gitignore)>> = Mutex::new(Vec::new());
        builder.filter_entry(move |entry| {
            if entry.depth() == 0 {
                return true;
            }
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            let name = entry.file_name().to_string_lossy();
            if is_dir && SKIPPED_DIRS.contains(&name.as_ref()) {
                return false;
            }
            let path = entry.path();
            let matched = excludes.matched_path_or_any_parents(path, is_dir);
            let mut glob = matched
                .is_ignore()
                .then(|| matched.inner())
                .flatten()
                .map(|g| g.original().to_owned());
            if let Ok(mut nested) = nested.lock() {
                for (root, matcher) in nested.iter() {
                    if glob.is_none() && path.starts_with(root) && path != root {
                        let matched = matcher.matched_path_or_any_parents(path, is_dir);
                        glob = matched
                            .is_ignore()
                            .then(|| matched.inner())
                            .flatten()
                            .map(|g| g.original().to_owned());
                    }
                }
                if glob.is_none()
                    && is_dir
                    && let Some(patterns) = project_excludes(path)
                {
                    let mut builder = GitignoreBuilder::new(path);
                    for pattern in &patterns {
                        // A bad pattern is reported when that meslint.toml is read.
                        let _ = builder.add_line(None, pattern);
                    }
                    if let Ok(matcher) = builder.build() {
                        nested.push((path.to_path_buf(), matcher));
                    }
                }
            }
            if let Some(glob) = glob {
                let child = shown_path(&dir, &shown, path);
                let why = format!("excluded by `{glob}`");
                if let Ok(mut list) = excluded.lock() {
                    list.push(Input::skipped(child, why));
                }
                return false;
            }
            true
        });
    }
    for result in builder.build() {
        match result {
            Ok(entry) if entry.depth() == 0 => {}
            Ok(entry) => {
                let child = shown_path(dir, shown, entry.path());
                visit(
                    entry.path(),
                    child,
                    entry.path_is_symlink(),
                    &root,
                    options,
                    out,
                );
            }
            Err(error) => {
                if let Some(input) = walk_error(dir, shown, &error) {
                    out.push(input);
                }
            }
        }
    }
    read_sourced_env_files(dir, shown, &mut out[first..]);
    if let Ok(mut list) = excluded.lock() {
        out.append(&mut list);
    }
}

/// Reads the files skipped for their names that a unit or script of the walk reads as env
/// files (`EnvironmentFile=/etc/sysconfig/mesos-cluster`). Only regular files: a link is
/// never followed here.
fn read_sourced_env_files(dir: &Path, shown: &str, inputs: &mut [Input]) {
    let named = meslint_core::sourced_env_files(inputs);
    for input in inputs.iter_mut() {
        let skipped_by_name = matches!(
            &input.content,
            meslint_core::InputContent::Skipped(why) if Some(why.as_str()) == skip_reason(&input.path)
        );
        if !skipped_by_name || !named.contains(&input.path) {
            continue;
        }
        let Some(rest) = input.path.strip_prefix(shown) else {
            continue;
        };
        let path = dir.join(rest.trim_start_matches('/'));
        if fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
            *input = read_file(&path, &input.path);
        }
    }
}

/// One entry of the walk: read it, skip it, or say why it cannot be read.
fn visit(
    path: &Path,
    shown: String,
    is_link: bool,
    root: &Path,
    options: &Options,
    out: &mut Vec<Input>,
) {
    if is_link && !options.follow_links {
        match fs::canonicalize(path) {
            Ok(real) if !real.starts_with(root) => {
                let target = link_target(path);
                if real.is_dir() || is_candidate(&shown) {
                    out.push(Input::link_outside_root(shown, target));
                } else {
                    out.push(Input::skipped(
                        shown,
                        format!("symbolic link out of the tree, to `{target}`"),
                    ));
                }
                return;
            }
            // Inside the tree, the directory is walked under its own name.
            Ok(real) if real.is_dir() => return,
            Ok(_) => {}
            Err(error) => {
                let outside = lexical_target(path).is_some_and(|t| !t.starts_with(root));
                if outside && is_candidate(&shown) {
                    out.push(Input::link_outside_root(shown, link_target(path)));
                } else if outside {
                    let target = link_target(path);
                    out.push(Input::skipped(
                        shown,
                        format!("symbolic link out of the tree, to `{target}`"),
                    ));
                } else if is_candidate(&shown) {
                    out.push(Input::unreadable(shown, describe(path, &error)));
                } else {
                    out.push(Input::skipped(shown, describe(path, &error)));
                }
                return;
            }
        }
    }
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => match skip_reason(&shown) {
            Some(why) => out.push(Input::skipped(shown, why)),
            None => out.push(read_file(path, &shown)),
        },
        // A dangling or looping link, or no permission to look: an error only when the name
        // says it would have been read.
        Err(error) if is_candidate(&shown) => {
            out.push(Input::unreadable(shown, describe(path, &error)));
        }
        Err(error) => out.push(Input::skipped(shown, describe(path, &error))),
    }
}

/// The `--exclude` patterns and the `exclude` of the run's configuration (`--config FILE`, else
/// the walked directory's own `meslint.toml`), as one gitignore matcher rooted at `dir`; a bad
/// pattern is meslint's own failure (unreadable input).
fn exclude_matcher(dir: &Path, options: &Options) -> (Gitignore, Option<Input>) {
    let mut builder = GitignoreBuilder::new(dir);
    let mut patterns = options.exclude.clone();
    if let Some(config) = &options.config_exclude {
        patterns.extend(config.iter().cloned());
    } else if let Some(own) = project_excludes(dir) {
        patterns.extend(own);
    }
    let mut problem = None;
    for pattern in &patterns {
        if let Err(error) = builder.add_line(None, pattern) {
            problem = Some(Input::unreadable(
                format!("--exclude {pattern}"),
                format!("not a usable pattern: {error}"),
            ));
        }
    }
    match builder.build() {
        Ok(matcher) => (matcher, problem),
        Err(error) => (
            Gitignore::empty(),
            Some(Input::unreadable(
                "--exclude",
                format!("not usable patterns: {error}"),
            )),
        ),
    }
}

/// The `exclude` patterns of the `meslint.toml` in `dir`, when it has one.
fn project_excludes(dir: &Path) -> Option<Vec<String>> {
    let project = dir.join("meslint.toml");
    if !fs::symlink_metadata(&project).is_ok_and(|m| m.is_file() && m.len() <= MAX_FILE_SIZE) {
        return None;
    }
    let text = fs::read_to_string(&project).ok()?;
    let patterns = meslint_core::project::exclude_patterns(&text);
    (!patterns.is_empty()).then_some(patterns)
}

/// An error of the walk itself (a link loop met while following links, a directory that cannot
/// be listed), as an input that says so.
fn walk_error(dir: &Path, shown: &str, error: &ignore::Error) -> Option<Input> {
    let mut error = error;
    let mut path = None;
    loop {
        match error {
            ignore::Error::WithPath { path: p, err } => {
                path = Some(p.clone());
                error = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                error = err;
            }
            ignore::Error::Loop { child, .. } => {
                return Some(Input::unreadable(
                    shown_path(dir, shown, child),
                    "symbolic link loop",
                ));
            }
            ignore::Error::Io(io) => {
                let path = path?;
                let child = shown_path(dir, shown, &path);
                if !is_candidate(&child) && fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir()) {
                    return Some(Input::skipped(child, describe(&path, io)));
                }
                return Some(Input::unreadable(child, describe(&path, io)));
            }
            // A bad `.gitignore` line is the repository's business, not a reason to stop.
            _ => return None,
        }
    }
}

/// What a link says it points to, as written.
fn link_target(path: &Path) -> String {
    fs::read_link(path).map_or_else(|_| "?".to_owned(), |t| t.to_string_lossy().into_owned())
}

/// Where a dangling link points, worked out from the link's text alone; `None` when it cannot
/// be told.
fn lexical_target(link: &Path) -> Option<PathBuf> {
    let target = fs::read_link(link).ok()?;
    let base = fs::canonicalize(link.parent()?).ok()?;
    let mut resolved = PathBuf::new();
    for component in base.join(target).components() {
        match component {
            Component::ParentDir => {
                resolved.pop();
            }
            Component::CurDir => {}
            other => resolved.push(other),
        }
    }
    Some(resolved)
}

/// The path of `path` (below `dir`) as shown to the user: `shown` joined with the rest.
fn shown_path(dir: &Path, shown: &str, path: &Path) -> String {
    let rest = path.strip_prefix(dir).unwrap_or(path);
    let rest = rest.to_string_lossy().replace('\\', "/");
    join(shown, &rest)
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

/// Reads standard input (`meslint -`), up to [`MAX_FILE_SIZE`].
pub fn read_stdin() -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {}", plain(&e)))?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(format!(
            "standard input is larger than the {MAX_FILE_SIZE} bytes meslint reads"
        ));
    }
    Ok(bytes)
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
pub fn display(path: &Path) -> String {
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
