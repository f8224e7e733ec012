use crate::diagnostic::{Finding, Severity};
use crate::model::live::Answer;
use crate::rules::Context;

declare_rule! {
    /// An ensemble whose answering servers have no leader.
    ///
    /// ## What it finds
    /// At least one server of the ensemble answered, and none of them is the leader: they
    /// answer `This ZooKeeper instance is not currently serving requests`, or `Mode: follower`
    /// with the leader among the servers that did not answer.
    ///
    /// ## Why it matters
    /// Without a leader the ensemble serves no client: Mesos masters cannot elect a leading
    /// master and abort after their ZooKeeper session timeout, and agents cannot find a
    /// master. Servers that run but do not serve usually lack a majority (too many are down,
    /// or they cannot reach each other on the quorum and election ports).
    ///
    /// ## How to fix
    /// Bring up enough servers for a majority of the voting servers, and check that each can
    /// reach the others on the ports of its `server.N` lines.
    ///
    /// ## Example
    /// Three servers, two of them stopped: the third answers but does not serve.
    pub static LEADERLESS_ENSEMBLE = Rule {
        code: "PR004",
        name: "leaderless_ensemble",
        severity: Severity::Error,
        applies_to: "all ZooKeeper releases (with `--probe`)",
        check: live_check!(check),
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let Some(live) = ctx.live() else {
        return Vec::new();
    };
    let Some((declared, voters)) = live.plan.ensemble else {
        return Vec::new();
    };
    if voters < 2 {
        return Vec::new();
    }
    let count = |f: fn(&Answer) -> bool| live.members().filter(|(_, a)| f(a)).count();
    let leading = count(|a| matches!(a, Answer::Srvr(s) if s.mode == "leader"));
    let answering = count(|a| matches!(a, Answer::Srvr(_) | Answer::NotServing));
    let standalone = count(|a| matches!(a, Answer::Srvr(s) if s.mode == "standalone"));
    if leading > 0 || answering == 0 || standalone > 0 {
        return Vec::new();
    }
    let not_serving = count(|a| matches!(a, Answer::NotServing));
    let down = count(|a| matches!(a, Answer::Unreachable(_)));
    vec![
        Finding::new(format!(
            "the ZooKeeper ensemble has no leader: {answering} of {} servers answer, \
             {not_serving} of them not serving requests, {down} not reachable",
            live.members().count()
        ))
        .primary(declared, "no server of this ensemble leads")
        .help(format!(
            "start enough servers for a majority ({} of {voters} voting servers) and check \
             that they reach each other on their quorum and election ports",
            voters / 2 + 1
        )),
    ]
}
