//! Which names and addresses stand for the same machine.
//!
//! A host is known by its directory name, the addresses `meslint.toml` gives it, the `--ip` and
//! `--hostname` of its Mesos processes, and the address of its own `server.N` line. Rules use
//! this to tell whether a zk URL or an agent's `--master` names a machine of the cluster.

use std::collections::BTreeMap;

use super::Cluster;
use crate::net;
use crate::settings::Settings;

/// Every name of every host, lower-cased, mapped to the host's index in [`Cluster::hosts`].
pub struct Identities {
    names: BTreeMap<String, usize>,
}

impl Identities {
    pub fn new(cluster: &Cluster, settings: &Settings) -> Identities {
        let mut names = BTreeMap::new();
        for (index, host) in cluster.hosts.iter().enumerate() {
            let mut add = |name: &str| {
                let name = name.trim().to_ascii_lowercase();
                if !name.is_empty()
                    && name != "."
                    && !net::is_wildcard(&name)
                    && !net::is_loopback(&name)
                {
                    names.entry(name).or_insert(index);
                }
            };
            add(host.name.rsplit('/').next().unwrap_or(&host.name));
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
        Identities { names }
    }

    /// The host a name stands for.
    pub fn host_of(&self, name: &str) -> Option<usize> {
        self.names.get(&name.trim().to_ascii_lowercase()).copied()
    }

    /// True when two names are the same text or stand for the same host.
    pub fn same(&self, a: &str, b: &str) -> bool {
        a.eq_ignore_ascii_case(b)
            || matches!((self.host_of(a), self.host_of(b)), (Some(x), Some(y)) if x == y)
    }
}
