use crate::catalog::zookeeper::KeyClass;
use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;
use crate::rules::zookeeper::servers;

declare_rule! {
    /// A zoo.cfg key that the target ZooKeeper release does not read yet.
    ///
    /// ## What it finds
    /// A key that a later release parses (`standaloneEnabled`, `secureClientPort`,
    /// `metricsProvider.className`, ...) in a file for an older release.
    ///
    /// ## Why it matters
    /// The older release treats it as an unknown key and ignores it, so the setting silently has no
    /// effect.
    ///
    /// ## How to fix
    /// Upgrade ZooKeeper, target the right release with `--zookeeper-version`, or delete the line.
    ///
    /// ## Example
    /// `standaloneEnabled=false` on ZooKeeper 3.4.
    pub static KEY_NOT_IN_VERSION = Rule {
        code: "ZK103",
        name: "key_not_in_version",
        severity: Severity::Warning,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        for e in &zk.config.entries {
            let KeyClass::TooNew(info) = e.class else {
                continue;
            };
            if info.name == "dynamicConfigFile" {
                continue;
            }
            out.push(
                Finding::new(format!(
                    "`{}` is not read by ZooKeeper {}; it needs {}+",
                    e.key.value, zk.config.version, info.since
                ))
                .primary(e.key.span, format!("ignored by {}", zk.config.version))
                .help("delete the line, or upgrade ZooKeeper"),
            );
        }
    }
    out
}
