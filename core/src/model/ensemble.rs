//! The ZooKeeper ensemble as the cluster's hosts describe it, for rules that compare hosts.
//!
//! Each server's config lists the ensemble (`server.N` lines, static or dynamic). The
//! *reference* list is the one most servers agree on; rules compare every other list and every
//! zk URL with it. Building it is linear in the number of server lines read.

use crate::sort::CollectSorted;
use std::collections::BTreeMap;

use super::zookeeper::{ServerEntry, Value, ZkServer, effective};
use super::{Cluster, Host};
use crate::source::Span;

/// The ensemble most hosts agree on.
pub struct Ensemble<'a> {
    /// Members by server id, from the reference list.
    pub members: BTreeMap<i64, Member<'a>>,
    /// The host and server whose list is the reference.
    pub reference: (&'a Host, &'a ZkServer),
    /// A span covering the reference list's `server.N` lines, for "the ensemble is declared
    /// here" labels.
    pub declared: Span,
    /// For each server id, the host the other servers' lines name: what a server's own
    /// wildcard line (`server.1=0.0.0.0:2888:3888` on server 1) stands for.
    pub usual_hosts: BTreeMap<i64, String>,
}

/// One member of the ensemble.
pub struct Member<'a> {
    pub sid: i64,
    pub entry: &'a ServerEntry,
    /// The member's first address, lower-cased: what a zk URL should name.
    pub host: String,
    /// The port clients use: the line's `;port`, the member's own clientPort, or the
    /// reference config's clientPort.
    pub client_port: Option<i64>,
}

/// How one server line reads, for comparing lists across hosts.
pub fn entry_key(entry: &ServerEntry) -> String {
    entry_key_as(entry, None)
}

/// [`entry_key`], with the first address's host replaced by `host` when given.
fn entry_key_as(entry: &ServerEntry, host: Option<&str>) -> String {
    let mut key = String::new();
    for (i, address) in entry.addresses.iter().enumerate() {
        if i > 0 {
            key.push('|');
        }
        match host {
            Some(host) if i == 0 => key.push_str(host),
            _ => key.push_str(&address.host.value.to_ascii_lowercase()),
        }
        for port in [&address.quorum_port, &address.election_port] {
            key.push(':');
            match port.as_ref().map(|p| &p.value) {
                Some(Value::Known(n)) => key.push_str(&n.to_string()),
                Some(_) => key.push('?'),
                None => {}
            }
        }
    }
    if entry.role == super::zookeeper::Role::Observer {
        key.push_str(":observer");
    }
    if let Some(client) = &entry.client {
        key.push(';');
        if let Some(host) = &client.host {
            key.push_str(&host.value.to_ascii_lowercase());
            key.push(':');
        }
        if let Value::Known(port) = client.port.value {
            key.push_str(&port.to_string());
        }
    }
    key
}

/// The known sid of a line.
pub fn sid(entry: &ServerEntry) -> Option<i64> {
    entry.sid.value.known().copied()
}

/// True for a server's own line written with a wildcard address (`0.0.0.0`), which binds all
/// interfaces: a common, valid way to write the own line, equal to the host's name elsewhere.
pub fn is_own_wildcard(server: &ZkServer, entry: &ServerEntry) -> bool {
    let own = server
        .myid
        .as_ref()
        .and_then(|m| m.id.as_ref())
        .map(|i| i.value);
    own.is_some()
        && own == sid(entry)
        && entry
            .addresses
            .first()
            .is_some_and(|a| crate::net::is_wildcard(&a.host.value))
}

/// How `server`'s line `entry` reads, its own wildcard line read as the usual host name.
pub fn line_key(server: &ZkServer, entry: &ServerEntry, usual: &BTreeMap<i64, String>) -> String {
    let host = if is_own_wildcard(server, entry) {
        sid(entry).and_then(|id| usual.get(&id)).map(String::as_str)
    } else {
        None
    };
    entry_key_as(entry, host)
}

/// A server's list as comparable `(sid, line)` pairs, sorted by sid.
fn signature(server: &ZkServer, usual: &BTreeMap<i64, String>) -> Vec<(i64, String)> {
    let mut list: Vec<(i64, String)> = effective(server.effective_servers())
        .filter_map(|e| Some((sid(e)?, line_key(server, e, usual))))
        .collect();
    crate::sort::sort(&mut list);
    list
}

/// For each server id, the host most lines name, not counting wildcard addresses.
fn usual_hosts(servers: &[(&Host, &ZkServer)]) -> BTreeMap<i64, String> {
    // (server id, a host a line names for it)
    let mut votes = Vec::new();
    for (_, server) in servers {
        for entry in effective(server.effective_servers()) {
            let (Some(id), Some(address)) = (sid(entry), entry.addresses.first()) else {
                continue;
            };
            // A wildcard names no machine, on whichever line it is written.
            if !crate::net::is_wildcard(&address.host.value) {
                votes.push((id, address.host.value.to_ascii_lowercase()));
            }
        }
    }
    crate::sort::group(votes)
        .into_iter()
        .filter_map(|(id, hosts)| {
            // Of hosts named equally often, the first in name order.
            let best = crate::sort::group_by(hosts, String::clone)
                .into_iter()
                .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(&a.0)))?;
            Some((id, best.0))
        })
        .collect_map()
}

/// True when a server's list can be compared: known, and not built by a template.
pub fn comparable(server: &ZkServer) -> bool {
    !server.servers_unknown()
        && !server.config.is_template
        && !effective(server.effective_servers()).any(|e| e.templated)
        && effective(server.effective_servers()).next().is_some()
}

impl Cluster {
    /// The ensemble most servers agree on, when any server lists one.
    pub fn ensemble(&self) -> Option<Ensemble<'_>> {
        let candidates: Vec<(&Host, &ZkServer)> =
            self.zk_servers().filter(|(_, z)| comparable(z)).collect();
        let usual = usual_hosts(&candidates);
        // The candidates' positions by the list they hold.
        let lists = crate::sort::group(
            candidates
                .iter()
                .enumerate()
                .map(|(index, (_, server))| (signature(server, &usual), index)),
        );
        // Most votes wins; on a tie, the first server in path order.
        let (_, holders) = lists
            .iter()
            .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.1[0].cmp(&a.1[0])))?;
        let first = holders[0];
        let (host, server) = candidates[first];
        let by_myid: BTreeMap<i64, &ZkServer> = self
            .zk_servers()
            .filter_map(|(_, z)| Some((z.myid.as_ref()?.id.as_ref()?.value, z)))
            .collect_map();
        let mut members = BTreeMap::new();
        for entry in effective(server.effective_servers()) {
            let Some(sid) = sid(entry) else { continue };
            let Some(address) = entry.addresses.first() else {
                continue;
            };
            let own_config = by_myid.get(&sid).copied();
            let client_port = entry
                .client
                .as_ref()
                .and_then(|c| c.port.value.known().copied())
                .or_else(|| own_config.and_then(client_port))
                .or_else(|| client_port(server));
            members.insert(
                sid,
                Member {
                    sid,
                    entry,
                    host: match usual.get(&sid) {
                        Some(name) if is_own_wildcard(server, entry) => name.clone(),
                        _ => address.host.value.to_ascii_lowercase(),
                    },
                    client_port,
                },
            );
        }
        let spans: Vec<Span> = effective(server.effective_servers())
            .map(|e| e.key.span.cover(e.value.span))
            .collect();
        let declared = spans
            .iter()
            .copied()
            .reduce(Span::cover)
            .unwrap_or(server.config.end);
        Some(Ensemble {
            members,
            reference: (host, server),
            declared,
            usual_hosts: usual,
        })
    }
}

/// A config's plaintext client port, when known and non-zero.
pub fn client_port(server: &ZkServer) -> Option<i64> {
    server
        .config
        .client_port
        .as_ref()
        .and_then(|p| p.value.known().copied())
        .filter(|p| *p > 0)
}

impl Ensemble<'_> {
    /// The member a zk URL host names, by address (case-insensitive).
    pub fn member_by_host(&self, host: &str) -> Option<&Member<'_>> {
        let host = host.to_ascii_lowercase();
        self.members.values().find(|m| m.host == host)
    }

    /// Number of voting members.
    pub fn voters(&self) -> usize {
        self.members
            .values()
            .filter(|m| m.entry.role == super::zookeeper::Role::Participant)
            .count()
    }
}
