use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::Setting;
use crate::rules::Context;
use crate::rules::zookeeper::servers;
use crate::source::Span;
use crate::version::ZkVersion;

declare_rule! {
    /// A `minSessionTimeout` larger than the `maxSessionTimeout` in force.
    ///
    /// ## What it finds
    /// Session timeout bounds that contradict each other once defaults are applied: an unset
    /// minimum is 2 x tickTime and an unset maximum 20 x tickTime (3.5+). ZooKeeper 3.4 compares
    /// the raw values, with -1 for unset, so setting only `minSessionTimeout` always fails there.
    ///
    /// ## Why it matters
    /// ZooKeeper refuses to start: `minSessionTimeout must not be larger than maxSessionTimeout`.
    /// On 3.4 a `maxSessionTimeout` below 2 x tickTime is accepted but leaves the runtime minimum
    /// above the maximum (a warning).
    ///
    /// ## Severity
    /// An error where ZooKeeper refuses the pair; a warning for a 3.4 `maxSessionTimeout` below
    /// the default minimum, which 3.4 accepts.
    ///
    /// ## How to fix
    /// Set both bounds explicitly, with the minimum at most the maximum.
    ///
    /// ## Example
    /// `maxSessionTimeout=3000` with `tickTime=2000` (minimum 4000 by default).
    pub static SESSION_TIMEOUT_RANGE = Rule {
        code: "ZK113",
        name: "session_timeout_range",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let cfg = &zk.config;
        // `tickTime=0` is refused before this check; a negative tick still reaches it on 3.5+.
        let Some(tick) = cfg.effective_tick_time().filter(|t| *t != 0) else {
            continue;
        };
        let known = |s: &Option<Setting<i64>>| match s {
            None => Some(None),
            Some(s) => s.value.known().map(|v| Some((*v, s.span))),
        };
        let (Some(min), Some(max)) = (
            known(&cfg.min_session_timeout),
            known(&cfg.max_session_timeout),
        ) else {
            continue;
        };
        if cfg.version < ZkVersion::V3_5 {
            let raw_min = min.map_or(-1, |m| m.0);
            let raw_max = max.map_or(-1, |m| m.0);
            if raw_min > raw_max {
                let span = min.map_or(cfg.end, |m| m.1);
                let finding = if max.is_none() {
                    Finding::new("`minSessionTimeout` is set without `maxSessionTimeout`, which ZooKeeper 3.4 rejects")
                        .primary(span, "needs `maxSessionTimeout` too")
                        .help("set `maxSessionTimeout` as well")
                } else {
                    min_above_max(raw_min, raw_max, span, max.map(|m| m.1))
                };
                out.push(finding);
            } else if min.is_none() && max.is_some_and(|m| m.0 >= 0 && m.0 < 2 * tick) {
                let (m, span) = max.unwrap_or((0, cfg.end));
                out.push(
                    Finding::new(format!(
                        "`maxSessionTimeout` `{m}` is below the default minimum of 2 x tickTime ({})",
                        2 * tick
                    ))
                    .primary(span, "below the minimum in force")
                    .help("raise `maxSessionTimeout`, or set `minSessionTimeout` no larger than it")
                    .severity(Severity::Warning),
                );
            }
            continue;
        }
        let unset = |v: Option<(i64, Span)>| v.filter(|(n, _)| *n != -1);
        let (min, max) = (unset(min), unset(max));
        // Java int arithmetic: the defaults wrap around for huge or negative ticks.
        let Ok(tick32) = i32::try_from(tick) else {
            continue;
        };
        let min_value = min.map_or(i64::from(tick32.wrapping_mul(2)), |m| m.0);
        let max_value = max.map_or(i64::from(tick32.wrapping_mul(20)), |m| m.0);
        if min_value > max_value {
            let primary = max.or(min).map_or(cfg.end, |m| m.1);
            let other = if max.is_some() {
                min.map(|m| m.1)
            } else {
                None
            };
            out.push(min_above_max(min_value, max_value, primary, other));
        }
    }
    out
}

fn min_above_max(min: i64, max: i64, primary: Span, other: Option<Span>) -> Finding {
    let mut f = Finding::new(format!(
        "session timeout minimum `{min}` is larger than maximum `{max}`"
    ))
    .primary(primary, "bound in conflict")
    .help(
        "make `minSessionTimeout` no larger than `maxSessionTimeout` (unset: 2 and 20 x tickTime)",
    );
    if let Some(span) = other {
        f = f.secondary(span, "the other bound");
    }
    f
}
