use crate::diagnostic::{Finding, Severity};
use crate::model::live::{Answer, address};
use crate::rules::Context;

declare_rule! {
    /// A zk URL host that answers as a ZooKeeper server but is not in the ensemble.
    ///
    /// ## What it finds
    /// A `host:port` of a zk URL that no `server.N` line of the ensemble names, and where a
    /// ZooKeeper server answers the probe.
    ///
    /// ## Why it matters
    /// The ZooKeeper client connects to any host of the list. A server there that is not a
    /// member belongs to another ensemble (or runs standalone): the Mesos daemons connected to
    /// it see other data, and masters may elect a second leading master there.
    ///
    /// ## How to fix
    /// List only the ensemble's servers in the zk URL, or add the server to the ensemble.
    ///
    /// ## Example
    /// `--zk=zk://zk1:2181,zk2:2181,zk9:2181/mesos` with the ensemble `zk1`-`zk3`, and a
    /// test ZooKeeper running on `zk9`.
    pub static UNLISTED_SERVER_ANSWERS = Rule {
        code: "PR007",
        name: "unlisted_server_answers",
        severity: Severity::Warning,
        applies_to: "all ZooKeeper releases (with `--probe`)",
        check: live_check!(check),
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let Some(live) = ctx.live() else {
        return Vec::new();
    };
    let ids = ctx.identities();
    let mut out = Vec::new();
    for (target, answer) in live.servers() {
        // A zk URL host that is no server of the configuration, where something answers.
        let answers_as_zookeeper = matches!(
            answer,
            Answer::Refused | Answer::NotServing | Answer::Srvr(_)
        );
        if target.is_member()
            || !answers_as_zookeeper
            || live
                .plan
                .targets
                .values()
                .any(|t| t.is_member() && ids.same(&t.host, &target.host))
        {
            continue;
        }
        let Some(first) = target.urls.first() else {
            continue;
        };
        let shown = address(&target.host, target.port);
        let mut finding = Finding::new(format!(
            "`{shown}` in {}'s zk URL answers as a ZooKeeper server, but it is not in the \
             ensemble",
            first.who
        ))
        .primary(first.span, "a ZooKeeper outside the ensemble")
        .help("list only the ensemble's servers in the zk URL, or add this server to it");
        if let Some((declared, _)) = live.plan.ensemble {
            finding = finding.secondary(declared, "the ensemble");
        }
        out.push(finding);
    }
    out
}
