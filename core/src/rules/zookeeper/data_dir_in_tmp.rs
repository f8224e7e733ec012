use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::Value;
use crate::rules::Context;

declare_rule! {
    /// A `dataDir` or `dataLogDir` under `/tmp`.
    ///
    /// ## What it finds
    /// A data directory inside `/tmp`, as in ZooKeeper's sample config and Debian's 3.8 default.
    ///
    /// ## Why it matters
    /// `/tmp` is cleaned at boot or by age on most systems. Losing the snapshots, transaction logs
    /// and `myid` of a server loses its data and its identity.
    ///
    /// ## How to fix
    /// Move the data to persistent storage, e.g. `/var/lib/zookeeper`.
    ///
    /// ## Example
    /// `dataDir=/tmp/zookeeper`.
    pub static DATA_DIR_IN_TMP = Rule {
        code: "ZK108",
        name: "data_dir_in_tmp",
        severity: Severity::Warning,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (host, zk) in ctx.cluster.zk_servers() {
        let cfg = &zk.config;
        for (key, setting) in [
            ("dataDir", &cfg.data_dir),
            ("dataLogDir", &cfg.data_log_dir),
        ] {
            let Some(setting) = setting else { continue };
            let Value::Known(path) = &setting.value else {
                continue;
            };
            let in_tmp =
                path == "/tmp" || path.starts_with("/tmp/") || path.starts_with("/var/tmp/");
            // A container's `/tmp` under a bind mount or volume is persistent storage.
            let mounted = host
                .containers
                .iter()
                .any(|c| c.mount_holding(path).is_some());
            if in_tmp && !mounted {
                out.push(
                    Finding::new(format!("`{key}` `{path}` is under a temporary directory"))
                        .primary(setting.span, "may be cleaned at any time")
                        .help("move it to persistent storage such as `/var/lib/zookeeper`"),
                );
            }
        }
    }
    out
}
