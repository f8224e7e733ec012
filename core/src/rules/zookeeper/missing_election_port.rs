use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::{Role, Value, effective};
use crate::rules::Context;
use crate::rules::zookeeper::servers;
use crate::source::Span;
use crate::version::ZkVersion;

declare_rule! {
    /// A server line without an election port in a 3.4 quorum.
    ///
    /// ## What it finds
    /// `server.N=host:2888` (no election port) in a ZooKeeper 3.4 config that runs as a quorum with
    /// the default election algorithm. (3.5+ rejects the line itself; see `invalid_server_line`.)
    ///
    /// ## Why it matters
    /// ZooKeeper 3.4 refuses to start: `Missing election port for server: N`. Only the deprecated
    /// `electionAlg=0` works without election ports.
    ///
    /// ## How to fix
    /// Add the election port: `server.N=host:2888:3888`.
    ///
    /// ## Example
    /// `server.2=zk2:2888`.
    pub static MISSING_ELECTION_PORT = Rule {
        code: "ZK207",
        name: "missing_election_port",
        severity: Severity::Error,
        applies_to: "ZooKeeper 3.4",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let cfg = &zk.config;
        if cfg.version >= ZkVersion::V3_5 || !zk.is_quorum_mode() {
            continue;
        }
        if cfg
            .election_alg
            .as_ref()
            .is_some_and(|a| a.value == Value::Known(0))
        {
            continue;
        }
        // 3.4 checks the participants only.
        for s in effective(&cfg.servers).filter(|s| s.role != Role::Observer) {
            for a in &s.addresses {
                if let (Some(q), None) = (&a.quorum_port, &a.election_port) {
                    out.push(
                        Finding::new(format!("`{}` has no election port", s.key.value))
                            .primary(
                                Span::point(q.span.file, q.span.end as usize),
                                "election port expected here",
                            )
                            .help("add the election port, e.g. `:3888`"),
                    );
                }
            }
        }
    }
    out
}
