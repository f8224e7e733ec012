use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::Value;
use crate::rules::Context;
use crate::rules::zookeeper::{server_lists, servers};
use crate::version::ZkVersion;

declare_rule! {
    /// A server line whose quorum and election ports are the same.
    ///
    /// ## What it finds
    /// `server.N=host:P:P`: the same port for the quorum (follower) connection and for leader
    /// election.
    ///
    /// ## Why it matters
    /// ZooKeeper 3.5+ refuses to start: `Client and election port must be different! Please update
    /// the configuration file on server.N`. ZooKeeper 3.4 accepts the line and fails when it binds
    /// the second socket (a warning there).
    ///
    /// ## Severity
    /// An error on ZooKeeper 3.5+; a warning on 3.4, which starts but cannot elect a leader
    /// through that line.
    ///
    /// ## How to fix
    /// Use two different ports, conventionally 2888 and 3888.
    ///
    /// ## Example
    /// `server.1=zk1:2888:2888`.
    pub static SAME_QUORUM_AND_ELECTION_PORT = Rule {
        code: "ZK206",
        name: "same_quorum_and_election_port",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        for list in server_lists(zk) {
            for s in list {
                for a in &s.addresses {
                    let (Some(q), Some(e)) = (&a.quorum_port, &a.election_port) else {
                        continue;
                    };
                    let (Value::Known(qp), Value::Known(ep)) = (&q.value, &e.value) else {
                        continue;
                    };
                    if qp != ep {
                        continue;
                    }
                    let f = Finding::new(format!(
                        "`{}` uses port {qp} for both quorum and election",
                        s.key.value
                    ))
                    .primary(e.span, "same as the quorum port")
                    .secondary(q.span, "quorum port")
                    .help("use different ports, e.g. 2888 for the quorum and 3888 for election");
                    out.push(if zk.config.version < ZkVersion::V3_5 {
                        f.severity(Severity::Warning)
                    } else {
                        f
                    });
                }
            }
        }
    }
    out
}
