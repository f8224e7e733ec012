use crate::diagnostic::{Finding, Severity};
use crate::model::live::Outcome;
use crate::rules::Context;

use super::plural;

declare_rule! {
    /// Fewer Mesos masters are registered in ZooKeeper than `--quorum` needs.
    ///
    /// ## What it finds
    /// The number of `json.info_*` znodes under a zk URL's path (one per running master) is
    /// smaller than the masters' `--quorum`.
    ///
    /// ## Why it matters
    /// The replicated log needs `--quorum` masters running to write: with fewer, the elected
    /// master cannot recover the registry and aborts after `--registry_fetch_timeout`, and the
    /// cluster has no working master.
    ///
    /// ## How to fix
    /// Start the missing masters (and check that they use the same zk URL), or, when the
    /// cluster really has fewer masters, lower `--quorum` to a majority of them.
    ///
    /// ## Example
    /// Three masters with `--quorum=2`, and one `json.info_` znode.
    pub static REGISTERED_MASTERS_BELOW_QUORUM = Rule {
        code: "PR104",
        name: "registered_masters_below_quorum",
        severity: Severity::Warning,
        applies_to: "Mesos 1.0+ (with `--probe`)",
        check: live_check!(check),
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let Some(live) = ctx.live() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (session, outcome) in live.session_outcomes() {
        let Outcome::Read(found) = outcome else {
            continue;
        };
        let registered = found.iter().filter(|r| r.unreadable.is_none()).count();
        let Some((quorum, span)) = session.quorum else {
            continue;
        };
        if registered as i64 >= quorum {
            continue;
        }
        out.push(
            Finding::new(format!(
                "{} registered under `{}`, but `--quorum={quorum}` needs {quorum} running",
                plural(registered, "Mesos master is", "Mesos masters are"),
                session.path
            ))
            .primary(span, format!("needs {quorum}"))
            .secondary(session.path_span, format!("{registered} registered here"))
            .help(
                "start the missing masters with this zk URL, or lower `--quorum` to a \
                 majority of the masters that run",
            ),
        );
    }
    out
}
