use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;
use crate::rules::zookeeper::servers;
use crate::version::ZkVersion;

declare_rule! {
    /// A `dynamicConfigFile` in a ZooKeeper 3.4 config.
    ///
    /// ## What it finds
    /// The 3.5+ key `dynamicConfigFile` in a file for ZooKeeper 3.4.
    ///
    /// ## Why it matters
    /// ZooKeeper 3.4 has no dynamic configuration: it ignores the key, sees no server lines and
    /// runs standalone. Every host configured this way runs its own standalone server, and the data
    /// silently splits.
    ///
    /// ## How to fix
    /// Put the `server.N` lines into zoo.cfg for 3.4, or upgrade to 3.5+.
    ///
    /// ## Example
    /// `dynamicConfigFile=/etc/zookeeper/zoo.cfg.dynamic` on 3.4.
    pub static DYNAMIC_CONFIG_IGNORED = Rule {
        code: "ZK402",
        name: "dynamic_config_ignored",
        severity: Severity::Warning,
        applies_to: "ZooKeeper 3.4",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let cfg = &zk.config;
        if cfg.version >= ZkVersion::V3_5 {
            continue;
        }
        let Some(e) = cfg.get("dynamicConfigFile") else {
            continue;
        };
        let message = if cfg.servers.is_empty() {
            "`dynamicConfigFile` is ignored by ZooKeeper 3.4, which then runs this server standalone"
        } else {
            "`dynamicConfigFile` is ignored by ZooKeeper 3.4"
        };
        out.push(
            Finding::new(message)
                .primary(e.key.span, "ignored by 3.4")
                .help("put the `server.N` lines into zoo.cfg, or upgrade to ZooKeeper 3.5+"),
        );
    }
    out
}
