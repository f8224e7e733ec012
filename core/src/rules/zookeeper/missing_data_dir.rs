use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;
use crate::rules::zookeeper::servers;

declare_rule! {
    /// A zoo.cfg without `dataDir`.
    ///
    /// ## What it finds
    /// A zoo.cfg that never sets `dataDir` (an empty file, or a wrong-case `datadir`).
    ///
    /// ## Why it matters
    /// ZooKeeper refuses to start: `dataDir is not set`. There is no default.
    ///
    /// ## How to fix
    /// Set `dataDir` to an absolute path on persistent storage, e.g. `dataDir=/var/lib/zookeeper`.
    ///
    /// ## Example
    /// A zoo.cfg with `clientPort=2181` and nothing else.
    pub static MISSING_DATA_DIR = Rule {
        code: "ZK106",
        name: "missing_data_dir",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    servers(ctx)
        .filter(|zk| zk.config.data_dir.is_none() && !zk.config.has_templated_keys())
        .map(|zk| {
            Finding::new("`dataDir` is not set")
                .primary(
                    zk.config.missing_key_anchor("dataDir"),
                    "no `dataDir` in this file",
                )
                .help("add `dataDir=/var/lib/zookeeper` (an absolute path on persistent storage)")
        })
        .collect()
}
