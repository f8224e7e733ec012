use crate::diagnostic::{Finding, Severity};
use crate::model::live::Outcome;
use crate::rules::Context;

declare_rule! {
    /// A zk URL path that does not exist in the running ensemble.
    ///
    /// ## What it finds
    /// Through the URL's session, the znode of its path (`/mesos` in
    /// `zk://zk1:2181/mesos`) does not exist.
    ///
    /// ## Why it matters
    /// Mesos masters create the path when they first register, so a missing path means that
    /// no master has ever run against this ensemble with this path: the masters use another
    /// path or another ensemble, or have never started. Agents that follow this URL find no
    /// master.
    ///
    /// ## How to fix
    /// Give masters and agents the same ensemble and path; start the masters.
    ///
    /// ## Example
    /// Masters with `--zk=zk://zk1:2181/mesos-prod` and agents with
    /// `--master=zk://zk1:2181/mesos`.
    pub static ZK_CHROOT_MISSING = Rule {
        code: "PR102",
        name: "zk_chroot_missing",
        severity: Severity::Warning,
        applies_to: "all Mesos and ZooKeeper releases (with `--probe`)",
        check: live_check!(check),
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let Some(live) = ctx.live() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (session, outcome) in live.session_outcomes() {
        if *outcome != Outcome::PathMissing {
            continue;
        }
        out.push(
            Finding::new(format!(
                "`{}` does not exist in the ZooKeeper ensemble of `{}`: no Mesos master has \
                 registered there",
                session.path, session.display
            ))
            .primary(session.path_span, "no such znode")
            .help("give masters and agents the same ensemble and path, and start the masters"),
        );
    }
    out
}
