use std::collections::BTreeMap;

use std::net::IpAddr;

use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;

declare_rule! {
    /// A server whose myid picks the `server.N` line of another host.
    ///
    /// ## What it finds
    /// A host (named by its directory: an address, a host name, or a label used in the
    /// `server.N` lines) whose myid is `N` while `server.N` names a different host.
    ///
    /// ## Why it matters
    /// A server takes its quorum and election addresses from its own line. With the wrong myid
    /// it tries to bind another machine's address (start-up fails with "Cannot assign requested
    /// address"), or, when both resolve locally, it impersonates the other server and the real
    /// one can never join.
    ///
    /// ## How to fix
    /// Write into each host's myid the number of the `server.N` line that names that host.
    ///
    /// ## Example
    /// `zk1/myid` holds `2`, and `server.2=zk2:2888:3888`.
    pub static MYID_SELECTS_OTHER_HOST = Rule {
        code: "CZ103",
        name: "myid_selects_other_host",
        severity: Severity::Error,
        applies_to: "all ZooKeeper releases",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let Some(ensemble) = ctx.ensemble() else {
        return Vec::new();
    };
    // An id that several servers claim is `duplicate_myid`, which names each server's own
    // line: one mistake, one finding.
    let mut claims: BTreeMap<i64, usize> = BTreeMap::new();
    for (_, server) in ctx.cluster.zk_servers() {
        if let Some(id) = server.myid.as_ref().and_then(|m| m.id.as_ref()) {
            *claims.entry(id.value).or_default() += 1;
        }
    }
    let mut findings = Vec::new();
    for (host, server) in ctx.cluster.zk_servers() {
        let Some(id) = server.myid.as_ref().and_then(|m| m.id.as_ref()) else {
            continue;
        };
        if claims.get(&id.value).is_some_and(|n| *n > 1) {
            continue;
        }
        let Some(entry) = server.own_server() else {
            continue;
        };
        let Some(address) = entry.addresses.first() else {
            continue;
        };
        let named = address.host.value.to_ascii_lowercase();
        let me = host_label(&host.name);
        if named == me || crate::net::is_wildcard(&named) || named.is_empty() || entry.templated {
            continue;
        }
        let me_is_member = ensemble.member_by_host(&me);
        // The ensemble's own `server.N` for this id names this host: the myid is right and this
        // host's copy of the line is the typo, which `server_lists_differ` reports.
        if me_is_member.is_some_and(|m| m.sid == id.value) {
            continue;
        }
        let both_ips = me.parse::<IpAddr>().is_ok() && named.parse::<IpAddr>().is_ok();
        let right_line = me_is_member
            .map(|m| format!("`server.{}` names {me}", m.sid))
            .unwrap_or_else(|| format!("no `server.N` line names {me}"));
        if me_is_member.is_some() || both_ips {
            findings.push(
                Finding::new(format!(
                    "myid `{}` on {} selects `server.{}`, which names {}",
                    id.value, host.name, id.value, address.host.value
                ))
                .primary(
                    id.span,
                    format!("{} says it is server {}", host.name, id.value),
                )
                .secondary(
                    address.host.span,
                    format!(
                        "server {} is {}; {right_line}",
                        id.value, address.host.value
                    ),
                )
                .help(match me_is_member {
                    Some(m) => format!("write `{}` into the myid of {}", m.sid, host.name),
                    None => format!(
                        "make `server.{}` name {} or fix the myid",
                        id.value, host.name
                    ),
                }),
            );
        }
    }
    findings
}

/// The last path component of a host directory, lower-cased: what the host is called.
fn host_label(name: &str) -> String {
    name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase()
}
