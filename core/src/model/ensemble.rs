//! The ZooKeeper ensemble as the cluster's hosts describe it, for rules that compare hosts.
//!
//! Each server's config lists the ensemble (`server.N` lines, static or dynamic). The
//! *reference* list is the one most servers agree on; rules compare every other list and every
//! zk URL with it. Building it is linear in the number of server lines read.

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
    let mut key = String::new();
    for (i, address) in entry.addresses.iter().enumerate() {
        if i > 0 {
            key.push('|');
        }
        key.push_str(&address.host.value.to_ascii_lowercase());
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

/// A server's list as comparable `(sid, line)` pairs, sorted by sid.
pub fn signature(server: &ZkServer) -> Vec<(i64, String)> {
    let mut list: Vec<(i64, String)> = effective(server.effective_servers())
        .filter_map(|e| Some((sid(e)?, entry_key(e))))
        .collect();
    list.sort();
    list
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
        let mut counts: BTreeMap<Vec<(i64, String)>, (usize, usize)> = BTreeMap::new();
        for (index, (_, server)) in candidates.iter().enumerate() {
            counts.entry(signature(server)).or_insert((0, index)).0 += 1;
        }
        // Most votes wins; on a tie, the first server in path order.
        let (_, first) = counts
            .values()
            .copied()
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))?;
        let (host, server) = candidates[first];
        let by_myid: BTreeMap<i64, &ZkServer> = self
            .zk_servers()
            .filter_map(|(_, z)| Some((z.myid.as_ref()?.id.as_ref()?.value, z)))
            .collect();
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
                    host: address.host.value.to_ascii_lowercase(),
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
