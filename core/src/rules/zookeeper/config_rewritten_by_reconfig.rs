use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::Value;
use crate::rules::Context;
use crate::rules::zookeeper::servers;
use crate::version::ZkVersion;

declare_rule! {
    /// A zoo.cfg that ZooKeeper will rewrite because `reconfigEnabled=true`.
    ///
    /// ## What it finds
    /// `reconfigEnabled=true` in a zoo.cfg that still holds `server.N` lines (or uses a dynamic
    /// file).
    ///
    /// ## Why it matters
    /// With reconfiguration on, ZooKeeper writes `<cfg>.bak` while parsing, moves the server list
    /// into a `zoo.cfg.dynamic.<version>` file, and rewrites zoo.cfg as bare `key=value` lines in
    /// hash order: comments are lost, and configuration management that owns the file will fight
    /// with ZooKeeper over it.
    ///
    /// ## How to fix
    /// Keep reconfiguration off unless dynamic membership is needed; when it is, let ZooKeeper own
    /// zoo.cfg and its dynamic files.
    ///
    /// ## Example
    /// `reconfigEnabled=true` with three `server.N` lines.
    pub static CONFIG_REWRITTEN_BY_RECONFIG = Rule {
        code: "ZK405",
        name: "config_rewritten_by_reconfig",
        severity: Severity::Info,
        applies_to: "ZooKeeper 3.5+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let cfg = &zk.config;
        if cfg.version < ZkVersion::V3_5 {
            continue;
        }
        let Some(flag) = &cfg.reconfig_enabled else {
            continue;
        };
        if flag.value != Value::Known(true) || (cfg.servers.is_empty() && !zk.uses_dynamic_file()) {
            continue;
        }
        out.push(
            Finding::new(
                "`reconfigEnabled=true` makes ZooKeeper rewrite this file and drop its comments",
            )
            .primary(flag.span, "reconfiguration on")
            .help("let ZooKeeper own zoo.cfg, or turn reconfiguration off"),
        );
    }
    out
}
