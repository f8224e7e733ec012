use std::collections::BTreeMap;

use crate::diagnostic::{Finding, Severity};
use crate::model::Host;
use crate::model::zookeeper::ZkServer;
use crate::rules::Context;
use crate::source::Span;

declare_rule! {
    /// Two ZooKeeper servers with the same myid.
    ///
    /// ## What it finds
    /// The same number in the `myid` file of two or more servers of one cluster.
    ///
    /// ## Why it matters
    /// The myid is a server's identity in the ensemble. Each server checks only its own file, so
    /// nothing stops two of them claiming the same id: both take the same `server.N` line, the
    /// ensemble is one voter short, elections and peer connections misbehave, and the server
    /// whose line it really is may never join. Copying one myid to every host (or running
    /// `echo "1" >> myid` on each, as setup guides do) is the usual cause.
    ///
    /// ## How to fix
    /// Give each server the number of its own `server.N` line.
    ///
    /// ## Example
    /// `zk1/myid` and `zk2/myid` both hold `1`.
    pub static DUPLICATE_MYID = Rule {
        code: "CZ102",
        name: "duplicate_myid",
        severity: Severity::Error,
        applies_to: "all ZooKeeper releases",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let ensemble = ctx.cluster.ensemble();
    // id -> (server, span of its myid, the id of the line that names its host, if another).
    let mut by_id: BTreeMap<i64, Vec<(String, Span, Option<i64>)>> = BTreeMap::new();
    for (host, server) in ctx.cluster.zk_servers() {
        if let Some(id) = server.myid.as_ref().and_then(|m| m.id.as_ref()) {
            let label = host.name.rsplit('/').next().unwrap_or(&host.name);
            let own_line = ensemble
                .as_ref()
                .and_then(|e| e.member_by_host(label))
                .map(|m| m.sid)
                .filter(|sid| *sid != id.value);
            by_id
                .entry(id.value)
                .or_default()
                .push((server_name(host, server), id.span, own_line));
        }
    }
    let mut findings = Vec::new();
    for (id, holders) in by_id {
        if holders.len() < 2 {
            continue;
        }
        let hosts: Vec<&str> = holders.iter().map(|(h, _, _)| h.as_str()).collect();
        let mut finding = Finding::new(format!(
            "myid `{id}` is used by {} servers: {}",
            holders.len(),
            hosts.join(", ")
        ));
        // Where each server's own line is known, the fix is on the servers whose line has
        // another id (what `myid_selects_other_host` would say about each); without lines,
        // every server after the first.
        let any_known = holders.iter().any(|(_, _, own)| own.is_some());
        for (index, (host, span, own_line)) in holders.iter().enumerate() {
            finding = match own_line {
                Some(sid) => finding.primary(
                    *span,
                    format!("{host} is `{id}`, but its own line is `server.{sid}`"),
                ),
                None if any_known || index == 0 => {
                    finding.secondary(*span, format!("{host} is `{id}`"))
                }
                None => finding.primary(*span, format!("{host} is `{id}` too")),
            };
        }
        findings.push(finding.help("give each server the number of its own `server.N` line"));
    }
    findings
}

/// The host, or for servers sharing one host (a pseudo-cluster) their dataDir: the id alone
/// cannot tell apart servers that claim the same id.
fn server_name(host: &Host, server: &ZkServer) -> String {
    let data_dir = server
        .config
        .data_dir
        .as_ref()
        .and_then(|d| d.value.known());
    match data_dir {
        Some(dir) if host.name == "." || host.zookeeper.len() > 1 => {
            format!("the server of `{dir}`")
        }
        _ => host.name.clone(),
    }
}
