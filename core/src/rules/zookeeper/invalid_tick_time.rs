use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::Value;
use crate::rules::Context;
use crate::rules::zookeeper::servers;

declare_rule! {
    /// A `tickTime` of zero or less.
    ///
    /// ## What it finds
    /// `tickTime=0` or a negative `tickTime`.
    ///
    /// ## Why it matters
    /// ZooKeeper refuses `tickTime=0` (`tickTime is not set`). A negative value is a warning: 3.4
    /// accepts it and every timeout derived from it is broken; 3.5+ refuses to start only when
    /// the session timeouts derived from it come out with the minimum above the maximum, which
    /// `session_timeout_range` reports (with Java's wrap-around, `-2147483648` passes).
    ///
    /// ## Severity
    /// An error for zero; a warning for a negative value, which ZooKeeper accepts and then
    /// misbehaves with.
    ///
    /// ## How to fix
    /// Set `tickTime` to the tick length in milliseconds, e.g. `tickTime=2000`.
    ///
    /// ## Example
    /// `tickTime=0`.
    pub static INVALID_TICK_TIME = Rule {
        code: "ZK112",
        name: "invalid_tick_time",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let cfg = &zk.config;
        let Some(tick) = &cfg.tick_time else { continue };
        let Value::Known(n) = tick.value else {
            continue;
        };
        if n > 0 {
            continue;
        }
        let finding = Finding::new(format!(
            "`tickTime` is `{n}`; it must be a positive number of milliseconds"
        ))
        .primary(tick.span, "not a positive tick")
        .help("set `tickTime=2000`");
        out.push(if n < 0 {
            finding.severity(Severity::Warning)
        } else {
            finding
        });
    }
    out
}
