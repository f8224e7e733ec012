use crate::catalog::zookeeper::KeyClass;
use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;
use crate::rules::zookeeper::servers;

declare_rule! {
    /// Server, group or weight lines in zoo.cfg next to a `dynamicConfigFile`.
    ///
    /// ## What it finds
    /// `server.N`, `group.N` or `weight.N` keys in a zoo.cfg that also sets `dynamicConfigFile`.
    ///
    /// ## Why it matters
    /// ZooKeeper 3.5+ refuses to start: `parameter: server.1 must be in a separate dynamic config
    /// file`.
    ///
    /// ## How to fix
    /// Move those lines into the dynamic file, or drop `dynamicConfigFile`.
    ///
    /// ## Example
    /// `dynamicConfigFile=/etc/zookeeper/zoo.cfg.dynamic` and `server.1=...` in the same zoo.cfg.
    pub static SERVERS_IN_STATIC_AND_DYNAMIC = Rule {
        code: "ZK403",
        name: "servers_in_static_and_dynamic",
        severity: Severity::Error,
        applies_to: "ZooKeeper 3.5+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        if !zk.uses_dynamic_file() {
            continue;
        }
        let cfg = &zk.config;
        let dynamic = cfg.dynamic_config_file.as_ref().map(|d| d.span);
        for e in &cfg.entries {
            if !matches!(
                e.class,
                KeyClass::Server | KeyClass::Group | KeyClass::Weight
            ) {
                continue;
            }
            let mut f = Finding::new(format!(
                "`{}` must be in the dynamic config file",
                e.key.value
            ))
            .primary(e.key.span, "not allowed with `dynamicConfigFile`")
            .help("move the line into the dynamic file");
            if let Some(span) = dynamic {
                f = f.secondary(span, "dynamic file set here");
            }
            out.push(f);
        }
    }
    out
}
