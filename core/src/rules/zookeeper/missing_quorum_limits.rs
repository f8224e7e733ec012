use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::Value;
use crate::rules::Context;
use crate::rules::zookeeper::servers;

declare_rule! {
    /// A quorum member without `initLimit` or `syncLimit`.
    ///
    /// ## What it finds
    /// A server that runs in quorum mode (two or more voters, or `standaloneEnabled=false`) whose
    /// zoo.cfg leaves `initLimit` or `syncLimit` unset or 0.
    ///
    /// ## Why it matters
    /// ZooKeeper refuses to start: `initLimit is not set` / `syncLimit is not set`. Standalone
    /// servers do not need them.
    ///
    /// ## How to fix
    /// Set both, in ticks, e.g. `initLimit=10` and `syncLimit=5`.
    ///
    /// ## Example
    /// A three-server zoo.cfg with `tickTime`, `dataDir`, `clientPort` and the server lines only.
    pub static MISSING_QUORUM_LIMITS = Rule {
        code: "ZK114",
        name: "missing_quorum_limits",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        if zk.servers_unknown() || !zk.is_quorum_mode() || zk.voters().is_empty() {
            continue;
        }
        let cfg = &zk.config;
        for (key, setting) in [
            ("initLimit", &cfg.init_limit),
            ("syncLimit", &cfg.sync_limit),
        ] {
            let (missing, span) = match setting {
                None => (!cfg.has_templated_keys(), cfg.missing_key_anchor(key)),
                Some(s) => (s.value == Value::Known(0), s.span),
            };
            if missing {
                out.push(
                    Finding::new(format!("`{key}` is not set, which quorum mode requires"))
                        .primary(span, format!("no `{key}` in this file"))
                        .help(format!(
                            "set `{key}` in ticks, e.g. `{key}={}`",
                            if key == "initLimit" { 10 } else { 5 }
                        )),
                );
            }
        }
    }
    out
}
