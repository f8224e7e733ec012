use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;
use crate::rules::zookeeper::{missing_server_prefix, servers};

declare_rule! {
    /// A line that looks like a server line but lacks the `server.` prefix.
    ///
    /// ## What it finds
    /// Lines such as `1=zk1:2888:3888`, `server1=zk1:2888:3888` or a bare `10.0.0.1:2888:3888`.
    ///
    /// ## Why it matters
    /// ZooKeeper reads them as unknown keys (a bare address becomes the key `10.0.0.1` with the
    /// value `2888:3888`) and silently ignores them: the ensemble is one server short, and the
    /// server whose line it was fails with `My id N not in the peer list`.
    ///
    /// ## How to fix
    /// Write the line as `server.N=host:quorumPort:electionPort`.
    ///
    /// ## Example
    /// `2=zk2:2888:3888`.
    pub static SERVER_LINE_WITHOUT_PREFIX = Rule {
        code: "ZK208",
        name: "server_line_without_prefix",
        severity: Severity::Warning,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        for e in zk
            .config
            .entries
            .iter()
            .filter(|e| missing_server_prefix(e))
        {
            out.push(
                Finding::new(format!(
                    "`{}` looks like a server line but has no `server.` prefix; ZooKeeper ignores it",
                    e.key.value
                ))
                .primary(e.key.span, "not a `server.N` key")
                .help("write it as `server.N=host:quorumPort:electionPort`"),
            );
        }
    }
    out
}
