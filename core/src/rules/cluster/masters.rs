//! The masters of a cluster and how many there are, for the `CM` rules.

use crate::model::mesos::{MesosProcess, Role};
use crate::model::{Cluster, Host};
use crate::settings::Settings;

/// The masters found, and how many the cluster runs.
pub struct Masters<'a> {
    pub found: Vec<(&'a Host, &'a MesosProcess)>,
    /// From `meslint.toml` when it says, else the number found.
    pub count: usize,
    /// True when `meslint.toml` gave the count.
    pub declared: bool,
}

impl<'a> Masters<'a> {
    pub fn of(cluster: &'a Cluster, settings: &Settings) -> Masters<'a> {
        let found: Vec<_> = cluster
            .mesos_processes()
            .filter(|(_, p)| p.role == Role::Master)
            .collect();
        let declared = settings.project.masters;
        Masters {
            count: declared.unwrap_or(found.len()),
            declared: declared.is_some(),
            found,
        }
    }

    /// The masters that use the replicated log through ZooKeeper (where `--quorum` counts),
    /// grouped by their `--quorum`: value -> (host, span of the value).
    pub fn by_quorum(
        &self,
    ) -> std::collections::BTreeMap<i64, Vec<(&'a str, crate::source::Span)>> {
        let mut groups: std::collections::BTreeMap<i64, Vec<_>> = std::collections::BTreeMap::new();
        for (host, p) in &self.found {
            if p.zk().is_none() || p.registry() == "in_memory" {
                continue;
            }
            if let Some(q) = p.quorum() {
                groups
                    .entry(q.value)
                    .or_default()
                    .push((host.name.as_str(), q.span));
            }
        }
        groups
    }

    /// True when the count cannot be trusted: one master configuration (often a template
    /// shared by all masters) and no `masters =` in meslint.toml.
    pub fn count_unknown(&self) -> bool {
        !self.declared && self.found.len() == 1
    }
}
