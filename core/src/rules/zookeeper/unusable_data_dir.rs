use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::Value;
use crate::rules::Context;
use crate::rules::zookeeper::servers;
use crate::version::ZkVersion;

declare_rule! {
    /// An empty or one-character relative `dataDir` or `dataLogDir`.
    ///
    /// ## What it finds
    /// `dataDir=` with no value (often an unset template variable), or a relative path of one
    /// character such as `dataDir=x`.
    ///
    /// ## Why it matters
    /// ZooKeeper 3.5+ crashes while parsing such a path with a raw
    /// `StringIndexOutOfBoundsException`. ZooKeeper 3.4 accepts an empty `dataDir` and then
    /// resolves its files against `/` (`/version-2`, `/myid`), which is reported as a warning
    /// there.
    ///
    /// ## Severity
    /// An error on ZooKeeper 3.5+ and for a one-character path; a warning for an empty path on
    /// 3.4, which then keeps its files in `/`.
    ///
    /// ## How to fix
    /// Set the directory to an absolute path.
    ///
    /// ## Example
    /// `dataDir=` rendered from `dataDir={{ zk_data_dir }}` with the variable unset.
    pub static UNUSABLE_DATA_DIR = Rule {
        code: "ZK107",
        name: "unusable_data_dir",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let cfg = &zk.config;
        for (key, setting) in [
            ("dataDir", &cfg.data_dir),
            ("dataLogDir", &cfg.data_log_dir),
        ] {
            let Some(Value::Known(path)) = setting.as_ref().map(|s| &s.value) else {
                continue;
            };
            let span = setting.as_ref().map_or(cfg.end, |s| s.span);
            // ZooKeeper reads the file as ISO-8859-1: a non-ASCII character written in UTF-8 is
            // several characters to it, so count bytes.
            let short = path.len() <= 1 && !path.starts_with('/');
            if !short {
                continue;
            }
            let finding = if cfg.version >= ZkVersion::V3_5 {
                Finding::new(format!(
                    "{} is too short: ZooKeeper {} crashes on a relative path of less than two characters",
                    if path.is_empty() {
                        format!("empty `{key}`")
                    } else {
                        format!("`{key}` `{path}`")
                    },
                    cfg.version
                ))
                .primary(span, "empty or one-character path")
            } else if path.is_empty() {
                Finding::new(format!(
                    "`{key}` is empty: ZooKeeper 3.4 then keeps its files in `/`"
                ))
                .primary(span, "empty path")
                .severity(Severity::Warning)
            } else {
                continue;
            };
            out.push(finding.help("set an absolute path, e.g. `/var/lib/zookeeper`"));
        }
    }
    out
}
