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
                let name = key(name);
                if !name.is_empty()
                    && name != "."
                    && !net::is_wildcard(&name)
                    && !net::is_loopback(&name)
                {
                    names.entry(name).or_insert(index);
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
        Identities { names }
    }

    /// The host a name stands for.
    pub fn host_of(&self, name: &str) -> Option<usize> {
        self.names.get(&key(name)).copied()
    }

    /// True when two names are the same text or address, or stand for the same host.
    pub fn same(&self, a: &str, b: &str) -> bool {
        key(a) == key(b)
            || matches!((self.host_of(a), self.host_of(b)), (Some(x), Some(y)) if x == y)
    }
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
}
