//! What a lint run targets: the ZooKeeper and Mesos releases, and what `meslint.toml` adds.

use crate::project::Project;
use crate::version::{MesosVersion, ZkVersion};

/// The knobs of one lint run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    pub zookeeper: ZkVersion,
    pub mesos: MesosVersion,
    /// Which versions the user chose explicitly; `meslint.toml` does not override those.
    pub fixed: Fixed,
    /// What `meslint.toml` says, once read.
    pub project: Project,
    /// Findings accepted by `--baseline`: not reported.
    pub baseline: Baseline,
}

/// Accepted findings, keyed by file, code and message (which names the key or flag), never by
/// line; the count says how many identical findings are accepted.
pub type Baseline = std::collections::BTreeMap<(String, String, String), usize>;

/// Settings the caller chose explicitly.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fixed {
    pub zookeeper: bool,
    pub mesos: bool,
}

impl Settings {
    /// Takes in `meslint.toml`: its versions apply where the caller chose none.
    pub fn with_project(mut self, project: Project) -> Self {
        if let (false, Some(v)) = (self.fixed.zookeeper, project.zookeeper_version) {
            self.zookeeper = v;
        }
        if let (false, Some(v)) = (self.fixed.mesos, project.mesos_version) {
            self.mesos = v;
        }
        self.project = project;
        self
    }
}
