use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::effective;
use crate::rules::Context;
use crate::rules::zookeeper::servers;

declare_rule! {
    /// A server whose own `server.N` line uses a loopback address while its peers are remote.
    ///
    /// ## What it finds
    /// This server's line (found through its myid) names `127.x.x.x`, `::1` or `localhost`, while
    /// other server lines name non-loopback hosts.
    ///
    /// ## Why it matters
    /// ZooKeeper binds its quorum and election ports on the address of its own line. On loopback,
    /// the other servers cannot reach it: elections fail with `Cannot open channel to N at election
    /// address ...`. (A host name that resolves to `127.0.1.1`, as Debian's `/etc/hosts` does for
    /// the machine's own name, has the same effect but cannot be seen in the file.)
    ///
    /// ## How to fix
    /// Use the address peers reach this server on, `0.0.0.0` for the own line, or set
    /// `quorumListenOnAllIPs=true`.
    ///
    /// ## Example
    /// On server 1: `server.1=127.0.0.1:2888:3888`, `server.2=10.0.0.2:2888:3888`.
    pub static OWN_ADDRESS_LOOPBACK = Rule {
        code: "ZK216",
        name: "own_address_loopback",
        severity: Severity::Warning,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let Some(own) = zk.own_server() else { continue };
        if own.templated {
            continue;
        }
        let listen_all = zk
            .config
            .get("quorumListenOnAllIPs")
            .is_some_and(|e| e.value.value.eq_ignore_ascii_case("true"));
        if listen_all {
            continue;
        }
        let remote_peer = effective(zk.effective_servers())
            .filter(|s| s.sid.value != own.sid.value && !s.templated)
            .flat_map(|s| &s.addresses)
            .any(|a| !a.host.value.is_empty() && !crate::net::is_loopback(&a.host.value));
        if !remote_peer {
            continue;
        }
        for a in own
            .addresses
            .iter()
            .filter(|a| crate::net::is_loopback(&a.host.value))
        {
            out.push(
                Finding::new(format!(
                    "this server's own line `{}` uses the loopback address `{}`, which its peers cannot reach",
                    own.key.value, a.host.value
                ))
                .primary(a.host.span, "loopback")
                .help("use the address peers reach this server on, or `0.0.0.0` on the own line"),
            );
        }
    }
    out
}
