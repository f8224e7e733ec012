use crate::diagnostic::{Finding, Severity};
use crate::model::live::Outcome;
use crate::rules::Context;

declare_rule! {
    /// A zk URL through which no ZooKeeper session could be opened or used.
    ///
    /// ## What it finds
    /// `meslint --probe` opened a ZooKeeper client session the way Mesos does: the URL's
    /// hosts as the connect string and its digest credentials (`zk://user:pass@...`) added to
    /// the session. The session could not be established in time, or reading the URL's path
    /// failed (for example `not authorized` when the path's ACL wants other credentials).
    ///
    /// ## Why it matters
    /// Mesos masters and agents use exactly this session: what fails here fails for them.
    /// Masters that cannot read or write their path cannot elect a leader.
    ///
    /// ## How to fix
    /// Make at least one listed host reachable; give the URL the credentials the path's ACL
    /// grants (`zk://user:password@host:2181/mesos`), the same on every master and agent.
    ///
    /// ## Example
    /// `/mesos` created with a digest ACL for `mesos:secret`, and `--zk=zk://zk1:2181/mesos`
    /// without credentials.
    pub static ZK_SESSION_FAILED = Rule {
        code: "PR101",
        name: "zk_session_failed",
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
        let Outcome::Failed(why) = outcome else {
            continue;
        };
        out.push(
            Finding::new(format!(
                "no working ZooKeeper session through `{}` (used by {}): {why}",
                session.display,
                session.users.join(", ")
            ))
            .primary(session.path_span, "read through this URL")
            .help(
                "make a listed host reachable, and give the URL the credentials the \
                 path's ACL grants (`zk://user:password@host:2181/path`)",
            ),
        );
    }
    out
}
