//! [`Report`]: what a lint run hands back, and all that renderers read.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model;
use crate::rules::input::unreadable_file::UNREADABLE_FILE;
use crate::settings::Settings;
use crate::source::{FileId, SourceMap};

/// The outcome of a lint run: the files as read (secrets masked) and what was found in them.
#[derive(Debug)]
pub struct Report {
    pub sources: SourceMap,
    /// Sorted by file, offset and code.
    pub diagnostics: Vec<Diagnostic>,
    pub model: model::Cluster,
    /// The settings the run used, after `meslint.toml`.
    pub settings: Settings,
    /// Every input and what became of it, sorted by path.
    pub files: Vec<FileOutcome>,
    /// The clusters the tree holds, each checked on its own (see [`crate::clusters`]).
    pub clusters: Vec<ClusterInfo>,
    /// What the policy was given, for the findings `--probe` adds later (`probe_report`).
    pub(crate) unfiltered: Unfiltered,
}

/// The diagnostics of a run before its policy, and the files it read with their kinds (for
/// inline suppressions): findings added later pass through the policy with these, once.
#[derive(Debug, Default)]
pub(crate) struct Unfiltered {
    pub diagnostics: Vec<Diagnostic>,
    pub files: Vec<(crate::source::FileId, crate::layout::FileKind)>,
    /// The rule selection of each cluster with a `meslint.toml` of its own, by its directory.
    pub cluster_rules: Vec<(String, crate::project::RuleSelection)>,
}

/// One cluster of the tree: its directory and what runs on each of its hosts.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ClusterInfo {
    /// The directory, relative to the linted root; empty for the root itself.
    pub root: String,
    pub hosts: Vec<HostInfo>,
    /// The settings the cluster was checked with: the tree's, with its own `meslint.toml`.
    #[serde(skip)]
    pub settings: Settings,
    /// The files the cluster was built from.
    #[serde(skip)]
    pub files: Vec<FileId>,
}

impl ClusterInfo {
    /// The name a host of this cluster has in [`Report::model`] (`dc1/zk1`), from its name
    /// within the cluster (`zk1`, `.` for the cluster's own directory).
    pub fn host_name(&self, own: &str) -> String {
        match (self.root.as_str(), own) {
            ("", _) => own.to_owned(),
            (root, ".") => root.to_owned(),
            (root, own) => format!("{root}/{own}"),
        }
    }
}

/// A host as `meslint show --clusters` lists it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct HostInfo {
    /// As in diagnostics and `meslint show HOST`.
    pub name: String,
    /// `zookeeper`, `master`, `agent`, each with the file that made it.
    pub roles: Vec<RoleInfo>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct RoleInfo {
    pub role: &'static str,
    pub file: String,
}

/// What became of one input: read as configuration, or skipped and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileOutcome {
    pub path: String,
    pub status: FileStatus,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileStatus {
    /// Recognised and read.
    Read,
    /// Recognised, but holding nothing beyond blank lines and comments.
    NoSettings,
    /// Not read, for the reason given.
    Skipped(String),
}

impl Report {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// How many inputs ended with `status` (compared by kind, not by reason).
    pub fn count_files(&self, status: &FileStatus) -> usize {
        self.files
            .iter()
            .filter(|f| std::mem::discriminant(&f.status) == std::mem::discriminant(status))
            .count()
    }

    /// True when any input could not be read at all.
    pub fn had_unreadable_input(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.code == UNREADABLE_FILE.code)
    }
}
