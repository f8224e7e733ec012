//! The masters of a cluster and how many there are, for the `CM` rules.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use crate::model::mesos::{MesosProcess, Role, SourceKind};
use crate::model::{Cluster, Host};
use crate::project::HostRole;
use crate::settings::Settings;
use crate::source::Span;

/// The masters found, and how many the cluster runs.
pub struct Masters<'a> {
    pub found: Vec<(&'a Host, &'a MesosProcess)>,
    /// From `meslint.toml` when it says, else the number found.
    pub count: usize,
    /// True when `meslint.toml` gave the count or named master hosts.
    pub declared: bool,
    /// The hosts that stand for several alike masters (a Deployment's replicas): how many, and
    /// where the count is written.
    copies: HashMap<&'a str, (usize, Span)>,
}

impl<'a> Masters<'a> {
    pub fn of(cluster: &'a Cluster, settings: &Settings) -> Masters<'a> {
        let found = daemons(cluster, Role::Master);
        // Hosts `meslint.toml` says run a master whose files were not given still count.
        let listed_only = settings
            .project
            .hosts
            .iter()
            .filter(|(_, h)| h.roles.contains(&HostRole::Master))
            .filter(|(name, _)| !found.iter().any(|(host, _)| host.name == **name))
            .count();
        let declared = settings.project.masters;
        let copies: HashMap<&str, (usize, Span)> = found
            .iter()
            .filter_map(|(host, _)| {
                let written = host.containers.iter().find_map(|c| c.copies.as_ref())?;
                Some((host.name.as_str(), (host.copies(), written.span)))
            })
            .collect();
        let replicas: usize = found.iter().map(|(host, _)| host.copies()).sum();
        Masters {
            count: declared.unwrap_or(replicas + listed_only),
            declared: declared.is_some() || listed_only > 0,
            found,
            copies,
        }
    }

    /// The masters that use the replicated log through ZooKeeper (where `--quorum` counts),
    /// grouped by their `--quorum`: value -> (host, span of the value).
    pub fn by_quorum(
        &self,
    ) -> std::collections::BTreeMap<i64, Vec<(&'a str, crate::source::Span)>> {
        let mut groups: std::collections::BTreeMap<i64, Vec<_>> = std::collections::BTreeMap::new();
        for (host, p) in &self.found {
            if !p.is_set("zk") || p.registry() == "in_memory" {
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

    /// True when `--quorum=q` is itself reported: not positive (`quorum_not_positive`), not a
    /// majority (`quorum_not_majority`) or not reachable (`quorum_unreachable`). Comparing it
    /// with the other masters' quorum would report the same mistake twice.
    pub fn quorum_is_reported(&self, q: i64) -> bool {
        if q <= 0 {
            return true;
        }
        if self.count_unknown() {
            return false;
        }
        let q = q as usize;
        let minority = self.count >= 2 && q < self.count / 2 + 1;
        let unreachable = q > self.count || (q == self.count && self.count > 1);
        minority || unreachable
    }

    /// The hosts of `holders` (as [`Masters::by_quorum`] lists them) for a message: each once,
    /// with how many masters it runs when several (`m1, the 3 masters of compose.yaml (host
    /// network)`, `the 3 masters of mesos-master` for a Deployment's replicas).
    pub fn hosts_text(&self, holders: &[(&str, crate::source::Span)]) -> String {
        let mut runs: Vec<(&str, usize)> = Vec::new();
        for (host, _) in holders {
            let copies = self.copies.get(host).map_or(1, |c| c.0);
            match runs.last_mut() {
                Some((last, n)) if last == host => *n += copies,
                _ => runs.push((host, copies)),
            }
        }
        runs.iter()
            .map(|(host, n)| match n {
                1 => (*host).to_owned(),
                n => format!("the {n} masters of {host}"),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// How many alike masters a host stands for and where that is written, when more than one
    /// (`deploy.replicas: 3`).
    pub fn copies(&self, host: &str) -> Option<(usize, Span)> {
        self.copies.get(host).copied()
    }

    /// True when the count cannot be trusted: one master configuration (often a template
    /// shared by all masters) and no `masters =` in meslint.toml.
    pub fn count_unknown(&self) -> bool {
        !self.declared && self.found.len() == 1 && self.copies.is_empty()
    }
}

/// The daemons of one role, each once: a daemon [`described_twice`] counts as the one that
/// an invocation starts, else as the first in path order.
pub fn daemons(cluster: &Cluster, role: Role) -> Vec<(&Host, &MesosProcess)> {
    let mut found: Vec<(&Host, &MesosProcess)> = Vec::new();
    // Where each bound address is in `found`.
    let mut by_address: HashMap<(String, u16), usize> = HashMap::new();
    for (host, process) in cluster.mesos_processes() {
        if process.role != role {
            continue;
        }
        let Some((ip, port, _)) = process.bound_address() else {
            found.push((host, process));
            continue;
        };
        match by_address.entry((ip, port)) {
            Entry::Occupied(at) => {
                let kept = &mut found[*at.get()];
                if !described_twice(*kept, (host, process)) {
                    found.push((host, process));
                } else if runs(process) && !runs(kept.1) {
                    *kept = (host, process);
                }
            }
            Entry::Vacant(slot) => {
                slot.insert(found.len());
                found.push((host, process));
            }
        }
    }
    found
}

/// True when two daemons of different host directories are one daemon described twice: they
/// bind the same address (`--ip` and port), and the kinds of file that configure them have
/// nothing in common, as when one machine's per-flag directory and its init job sit in two
/// folders of a repository. Files of one kind copied without changing `--ip` (`m1/` and `m2/`
/// with the same env file) are two daemons on one address instead (`CM108`).
pub fn described_twice(a: (&Host, &MesosProcess), b: (&Host, &MesosProcess)) -> bool {
    let kinds = |p: &MesosProcess| {
        p.sources
            .iter()
            .map(|s| s.kind)
            .filter(|k| *k != SourceKind::SharedZk)
            .collect::<Vec<_>>()
    };
    let (ka, kb) = (kinds(a.1), kinds(b.1));
    a.0.name != b.0.name
        && !ka.is_empty()
        && !kb.is_empty()
        && !ka.iter().any(|k| kb.contains(k))
        && a.1.bound_address().map(|(ip, port, _)| (ip, port))
            == b.1.bound_address().map(|(ip, port, _)| (ip, port))
}

/// True when a script or unit starts the process (rather than files it reads).
fn runs(process: &MesosProcess) -> bool {
    process.sources.iter().any(|s| s.kind == SourceKind::Script)
}
