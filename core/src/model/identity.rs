//! Which names and addresses stand for the same machine.
//!
//! A host is known by its directory name, the addresses `meslint.toml` gives it, the `--ip` and
//! `--hostname` of its Mesos processes, and the address of its own `server.N` line. Rules use
//! this to tell whether a zk URL or an agent's `--master` names a machine of the cluster.

use std::collections::BTreeMap;

use super::Cluster;
use crate::net;
use crate::settings::Settings;

/// Every name of every host, lower-cased, mapped to the machine it names.
///
/// Two host directories that share a name (an agent's and a master's directory that both say
/// `--ip=10.0.0.1`) are one machine, whichever comes first in path order: a machine is
/// identified by the lowest index in [`Cluster::hosts`] of the directories that stand for it.
pub struct Identities {
    names: BTreeMap<String, usize>,
    /// For each host index, the machine (lowest host index) it belongs to.
    machines: Vec<usize>,
}

impl Identities {
    pub fn new(cluster: &Cluster, settings: &Settings) -> Identities {
        let mut names: BTreeMap<String, usize> = BTreeMap::new();
        let mut sets = DisjointSets::new(cluster.hosts.len());
        for (index, host) in cluster.hosts.iter().enumerate() {
            let mut add = |name: &str| {
                let name = key(name);
                if !name.is_empty()
                    && name != "."
                    && !net::is_wildcard(&name)
                    && !net::is_loopback(&name)
                {
                    let first = *names.entry(name).or_insert(index);
                    sets.union(first, index);
                }
            };
            add(host.name.rsplit('/').next().unwrap_or(&host.name));
            host.aliases.iter().for_each(|a| add(a));
            if let Some(config) = settings.project.hosts.get(&host.name) {
                config.address.iter().for_each(|a| add(a));
                config.aliases.iter().for_each(|a| add(a));
            }
            for process in &host.mesos {
                for value in [process.ip(), process.hostname()].into_iter().flatten() {
                    add(&value.value);
                }
            }
            for server in &host.zookeeper {
                if let Some(address) = server.own_server().and_then(|e| e.addresses.first()) {
                    add(&address.host.value);
                }
            }
        }
        let machines = (0..cluster.hosts.len()).map(|i| sets.find(i)).collect();
        Identities { names, machines }
    }

    /// The machine a name stands for: the lowest index in [`Cluster::hosts`] of the host
    /// directories it names.
    pub fn host_of(&self, name: &str) -> Option<usize> {
        self.names.get(&key(name)).map(|&i| self.machines[i])
    }

    /// The machine the host at `index` in [`Cluster::hosts`] belongs to.
    pub fn machine(&self, index: usize) -> usize {
        self.machines.get(index).copied().unwrap_or(index)
    }

    /// True when two names are the same text or address, or stand for the same host.
    /// `localhost`, `127.0.0.1` and `::1` are one name: the machine the process runs on (other
    /// `127.x` addresses are listeners of their own).
    pub fn same(&self, a: &str, b: &str) -> bool {
        key(a) == key(b)
            || (is_localhost(a) && is_localhost(b))
            || matches!((self.host_of(a), self.host_of(b)), (Some(x), Some(y)) if x == y)
    }
}

/// Disjoint sets of indices (a union-find with path halving): each set is represented by its
/// lowest index.
pub struct DisjointSets {
    parent: Vec<usize>,
}

impl DisjointSets {
    pub fn new(len: usize) -> Self {
        DisjointSets {
            parent: (0..len).collect(),
        }
    }

    /// The representative of `index`'s set: the lowest index in it.
    pub fn find(&mut self, mut index: usize) -> usize {
        while self.parent[index] != index {
            self.parent[index] = self.parent[self.parent[index]];
            index = self.parent[index];
        }
        index
    }

    /// Joins the sets of `a` and `b` under the lower of their representatives.
    pub fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        self.parent[a.max(b)] = a.min(b);
    }
}

/// The names of the local machine's own loopback address.
fn is_localhost(name: &str) -> bool {
    matches!(key(name).as_str(), "localhost" | "127.0.0.1" | "::1")
}

/// How a name is compared: an IP literal in its canonical form (`[2001:DB8::1]` and
/// `2001:db8::1` are one address), anything else trimmed and lower-cased.
fn key(name: &str) -> String {
    net::parse_ip(name).map_or_else(|| name.trim().to_ascii_lowercase(), |ip| ip.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localhost_names_one_machine_but_other_loopback_addresses_do_not() {
        let ids = Identities::new(&Cluster::default(), &Settings::default());
        assert!(ids.same("localhost", "127.0.0.1"));
        assert!(ids.same("LOCALHOST", "::1"));
        assert!(!ids.same("127.0.0.31", "127.0.0.39"));
        assert!(!ids.same("localhost", "127.0.0.2"));
    }

    #[test]
    fn names_compare_as_addresses_or_text() {
        let ids = Identities::new(&Cluster::default(), &Settings::default());
        let cases = [
            ("[2001:db8::1]", "2001:DB8:0::1", true),
            ("10.0.0.1", "10.0.0.1", true),
            ("ZK1", "zk1", true),
            ("zk1", "zk2", false),
            ("10.0.0.1", "10.0.0.2", false),
        ];
        for (a, b, same) in cases {
            assert_eq!(ids.same(a, b), same, "{a} {b}");
        }
    }

    /// Two directories that share an address are one machine, in either path order.
    #[test]
    fn a_shared_address_joins_hosts_in_any_order() {
        use crate::{Input, lint};
        for (agent, master) in [("a", "b"), ("b", "a")] {
            let inputs = vec![
                Input::file(
                    format!("{agent}/mesos-agent.env"),
                    b"MESOS_IP=10.0.0.1\nMESOS_MASTER=10.0.0.1:5050\n".to_vec(),
                ),
                Input::file(
                    format!("{master}/mesos-master.env"),
                    b"MESOS_IP=10.0.0.1\n".to_vec(),
                ),
            ];
            let settings = Settings::default();
            let report = lint(inputs, &settings);
            let ids = Identities::new(&report.model, &settings);
            assert_eq!(ids.machine(0), ids.machine(1), "{agent} {master}");
            assert_eq!(ids.host_of("10.0.0.1"), Some(0));
            assert!(ids.same("a", "b"));
        }
    }
}
