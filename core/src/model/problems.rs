//! What the parsers and the assembly found wrong while they read the files, as typed values
//! with spans and no wording.
//!
//! A parser records a problem where it sees it (a malformed escape, a flag Mesos's loader
//! refuses); the rule that owns the problem turns it into a finding, in its own words. The
//! problems are collected into [`Problems`] on the [`Cluster`](super::Cluster) as soon as a file
//! is read, so a config that is later shared by several hosts (or by none) is reported once.

pub use crate::model::container::YamlError;
pub use crate::model::mesos::MesosProblem;
pub use crate::model::zookeeper::ConfigProblem;
use crate::project::ProjectProblem;
use crate::source::{FileId, Span};

/// Every problem found while building the model, by where it was found.
#[derive(Clone, Debug, Default)]
pub struct Problems {
    /// The files as handed over: unreadable, binary, unknown kinds, templates, `meslint.toml`.
    pub inputs: Vec<InputProblem>,
    /// The Properties text of zoo.cfg and dynamic files.
    pub config: Vec<ConfigProblem>,
    /// A myid placed where ZooKeeper never reads it.
    pub myids: Vec<MisplacedMyId>,
    /// What Mesos's flag loader refuses or silently drops, and files it never reads.
    pub mesos: Vec<MesosProblem>,
    /// Compose files and manifests that are not valid YAML: each is read up to its error.
    pub yaml: Vec<YamlError>,
}

/// A file as handed over, before it is parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputProblem {
    /// The caller could not read the file; `why` says what it got instead.
    Unreadable {
        file: FileId,
        path: String,
        why: String,
    },
    /// A symbolic link whose target is outside the tree the user named; not read.
    LinkOutsideRoot {
        file: FileId,
        path: String,
        target: String,
    },
    /// The bytes hold a NUL.
    Binary { file: FileId, path: String },
    /// The user named a file meslint cannot tell the kind of.
    Unrecognized { file: FileId, path: String },
    /// The file holds template placeholders; `line` is the first one.
    Template { line: Span, path: String },
    /// `meslint.toml` could not be used.
    Project(ProjectProblem),
}

/// A myid outside the dataDir of the one zoo.cfg of a collected tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MisplacedMyId {
    pub file: FileId,
    /// Its path inside the host.
    pub path: String,
    pub data_dir: String,
    pub data_dir_span: Span,
}
