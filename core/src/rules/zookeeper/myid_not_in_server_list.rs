use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::effective;
use crate::rules::Context;
use crate::rules::container::statefulset_replicas_differ::replicas_against_list;
use crate::rules::zookeeper::known_servers;

declare_rule! {
    /// A myid that no `server.N` line of the server's own config names.
    ///
    /// ## What it finds
    /// A quorum-mode server whose myid is N while its zoo.cfg (or dynamic file) has no `server.N`
    /// line. The extra replicas of a StatefulSet are reported once, on its `replicas:`
    /// (CT104).
    ///
    /// ## Why it matters
    /// The config parses, but the server dies at startup with `java.lang.RuntimeException: My id N
    /// not in the peer list`.
    ///
    /// ## How to fix
    /// Fix the myid, or add `server.N=...` for this server to the server list on every host.
    ///
    /// ## Example
    /// myid `4` with only `server.1` to `server.3` listed.
    pub static MYID_NOT_IN_SERVER_LIST = Rule {
        code: "ZK303",
        name: "myid_not_in_server_list",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (host, zk) in ctx.cluster.zk_servers() {
        let Some(id) = zk.myid.as_ref().and_then(|m| m.id.as_ref()) else {
            continue;
        };
        // A StatefulSet's extra replicas are one finding on its `replicas:` (CT104).
        if replicas_against_list(host, zk).is_some() {
            continue;
        }
        let Some(list) = known_servers(zk) else {
            continue;
        };
        if !zk.is_quorum_mode() || list.iter().any(|s| s.templated || s.sid.value.is_unknown()) {
            continue;
        }
        if zk.server(id.value).is_some() {
            continue;
        }
        let listed: Vec<String> = effective(list)
            .filter_map(|s| s.sid.value.known().map(|n| n.to_string()))
            .collect();
        let mut f = Finding::new(format!(
            "myid `{}` has no `server.{}` line",
            id.value, id.value
        ))
        .primary(id.span, "not in the server list")
        .help(format!(
            "fix the myid (listed ids: {}), or add `server.{}=...`",
            listed.join(", "),
            id.value
        ));
        if let Some(first) = list.first() {
            f = f.secondary(first.key.span, "server list");
        }
        out.push(f);
    }
    out
}
