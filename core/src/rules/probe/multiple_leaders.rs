use crate::diagnostic::{Finding, Severity};
use crate::model::live::{Answer, Target, address};
use crate::rules::Context;

use super::where_declared;

declare_rule! {
    /// Two or more servers of one configured ensemble answer as leader.
    ///
    /// ## What it finds
    /// More than one server the configuration lists as one ensemble answers `srvr` with
    /// `Mode: leader`.
    ///
    /// ## Why it matters
    /// One ensemble has one leader. Two leaders mean the servers run as separate ensembles
    /// (their server lists or myids differ from what was linted), each with its own data: a
    /// split cluster in which Mesos masters on each side elect their own leading master.
    ///
    /// ## How to fix
    /// Give every server the same `server.N` list and a myid matching its own line, then
    /// restart the smaller side so that it joins the other.
    ///
    /// ## Example
    /// `zk1` and `zk2` each started with a zoo.cfg that lists only itself and `zk3`.
    pub static MULTIPLE_LEADERS = Rule {
        code: "PR005",
        name: "multiple_leaders",
        severity: Severity::Error,
        applies_to: "all ZooKeeper releases (with `--probe`)",
        check: live_check!(check),
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let Some(live) = ctx.live() else {
        return Vec::new();
    };
    if live.plan.ensemble.is_none_or(|(_, voters)| voters < 2) {
        return Vec::new();
    }
    let leading: Vec<&Target> = live
        .members()
        .filter(|(_, a)| matches!(a, Answer::Srvr(s) if s.mode == "leader"))
        .map(|(t, _)| t)
        .collect();
    if leading.len() < 2 {
        return Vec::new();
    }
    let mut finding = Finding::new(format!(
        "{} servers of one ensemble answer as leader: {}",
        leading.len(),
        leading
            .iter()
            .map(|t| format!("`{}`", address(&t.host, t.port)))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    for (i, target) in leading.iter().enumerate() {
        let (span, _) = where_declared(target);
        finding = if i == 0 {
            finding.primary(span, "leader")
        } else {
            finding.secondary(span, "also leader")
        };
    }
    vec![finding.help(
        "the servers run as separate ensembles: give every server the same `server.N` \
         list and a matching myid, then restart the smaller side",
    )]
}
