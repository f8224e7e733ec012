use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;
use crate::rules::zookeeper::servers;

declare_rule! {
    /// An `autopurge.snapRetainCount` below 3.
    ///
    /// ## What it finds
    /// `autopurge.snapRetainCount` set to 0, 1 or 2.
    ///
    /// ## Why it matters
    /// ZooKeeper logs `Invalid autopurge.snapRetainCount: N. Defaulting to 3` and keeps 3
    /// snapshots, so the setting does not do what it says.
    ///
    /// ## How to fix
    /// Set it to 3 or more, or delete the line.
    ///
    /// ## Example
    /// `autopurge.snapRetainCount=1`.
    pub static SNAP_RETAIN_COUNT_TOO_LOW = Rule {
        code: "ZK118",
        name: "snap_retain_count_too_low",
        severity: Severity::Warning,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let Some(e) = zk.config.get("autopurge.snapRetainCount") else {
            continue;
        };
        let Some(n) = e.int else {
            continue;
        };
        if n < 3 {
            out.push(
                Finding::new(format!("`autopurge.snapRetainCount` `{n}` is below 3; ZooKeeper keeps 3 snapshots anyway"))
                    .primary(e.value.span, "reset to 3")
                    .help("set it to 3 or more"),
            );
        }
    }
    out
}
