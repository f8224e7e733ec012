use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::{CfgEntry, Value, ZkServer};
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

/// The entry that spells `key` in another case, when this server needs `key` and lacks it.
pub(crate) fn misspelt<'z>(zk: &'z ZkServer, key: &str) -> Option<&'z CfgEntry> {
    if zk.servers_unknown() || !zk.is_quorum_mode() || zk.voters().is_empty() {
        return None;
    }
    let set = match key {
        "initLimit" => zk.config.init_limit.is_some(),
        "syncLimit" => zk.config.sync_limit.is_some(),
        _ => return None,
    };
    if set {
        return None;
    }
    zk.config
        .entries
        .iter()
        .rev()
        .find(|e| e.key.value != key && e.key.value.eq_ignore_ascii_case(key))
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
            // `synclimit=5` is the key in the wrong case: point there, and `unknown_key` stays
            // quiet about it (one mistake, one finding).
            let misspelt = setting.is_none().then(|| misspelt(zk, key)).flatten();
            let (missing, span, label) = match (setting, misspelt) {
                (None, Some(entry)) => (
                    true,
                    entry.key.span,
                    format!("written `{}`: keys are case-sensitive", entry.key.value),
                ),
                (None, None) => (
                    !cfg.has_templated_keys(),
                    cfg.missing_key_anchor(key),
                    format!("no `{key}` in this file"),
                ),
                (Some(s), _) => (
                    s.value == Value::Known(0),
                    s.span,
                    format!("no `{key}` in this file"),
                ),
            };
            if missing {
                out.push(
                    Finding::new(format!("`{key}` is not set, which quorum mode requires"))
                        .primary(span, label)
                        .help(if misspelt.is_some() {
                            format!("write the key as `{key}`")
                        } else {
                            format!(
                                "set `{key}` in ticks, e.g. `{key}={}`",
                                if key == "initLimit" { 10 } else { 5 }
                            )
                        }),
                );
            }
        }
    }
    out
}
