use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::ProblemKind;
use crate::rules::Context;
use crate::rules::zookeeper::{server_lists, servers};

declare_rule! {
    /// A server line with several `|`-separated addresses.
    ///
    /// ## What it finds
    /// A `server.N` value listing more than one `host:port:port` address.
    ///
    /// ## Why it matters
    /// ZooKeeper 3.6+ accepts several addresses only when the JVM runs with
    /// `-Dzookeeper.multiAddress.enabled=true`; the zoo.cfg key `multiAddress.enabled` is not
    /// consulted when the line is parsed. Without the flag it refuses to start: `Multiple address
    /// feature is disabled, but multiple addresses were specified for sid N`.
    ///
    /// ## How to fix
    /// Add `-Dzookeeper.multiAddress.enabled=true` to the server's JVM flags on every server, or
    /// keep one address per server. Silence this rule when the flag is set.
    ///
    /// ## Example
    /// `server.1=10.0.0.1:2888:3888|10.1.0.1:2888:3888`.
    pub static MULTI_ADDRESS_NEEDS_JVM_FLAG = Rule {
        code: "ZK203",
        name: "multi_address_needs_jvm_flag",
        severity: Severity::Error,
        applies_to: "ZooKeeper 3.6+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        for list in server_lists(zk) {
            for s in list {
                for p in s
                    .problems
                    .iter()
                    .filter(|p| p.kind == ProblemKind::MultiAddress)
                {
                    out.push(
                        Finding::new(format!("`{}` lists several addresses, which ZooKeeper rejects unless the JVM flag `zookeeper.multiAddress.enabled` is true", s.key.value))
                            .primary(p.span, p.label.clone())
                            .help(p.help.clone()),
                    );
                }
            }
        }
    }
    out
}
