use crate::diagnostic::{Finding, Severity};
use crate::rules::zookeeper::{known_servers, servers};
use crate::rules::{Context, Scope};

declare_rule! {
    /// A config with exactly one server line.
    ///
    /// ## What it finds
    /// One participant `server.N` line and no observers, with standalone mode allowed (the
    /// default).
    ///
    /// ## Why it matters
    /// ZooKeeper logs `Invalid configuration, only one server specified (ignoring)` and runs
    /// standalone. When every host of a cluster is configured this way, each runs its own
    /// standalone server: the data splits silently.
    ///
    /// ## How to fix
    /// List every ensemble member on every server, or drop the server line for a deliberate
    /// standalone server.
    ///
    /// ## Example
    /// A zoo.cfg with only `server.1=zk1:2888:3888`.
    pub static SINGLE_SERVER_LINE = Rule {
        scope: Scope::Ensemble,
        code: "ZK209",
        name: "single_server_line",
        severity: Severity::Warning,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let Some(list) = known_servers(zk) else {
            continue;
        };
        if !zk.config.standalone_enabled() || list.iter().any(|s| s.templated) {
            continue;
        }
        let (voters, observers) = (zk.voters(), zk.observers());
        if let ([only], []) = (voters.as_slice(), observers.as_slice()) {
            out.push(
                Finding::new(format!(
                    "only one server line (`{}`): ZooKeeper ignores it and runs standalone",
                    only.key.value
                ))
                .primary(only.key.span, "the only server")
                .help(
                    "list every ensemble member here, or delete the line for a standalone server",
                ),
            );
        }
    }
    out
}
