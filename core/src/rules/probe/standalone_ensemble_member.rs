use crate::diagnostic::{Finding, Severity};
use crate::model::live::{Answer, address};
use crate::rules::Context;

use super::where_declared;

declare_rule! {
    /// A server the configuration puts in an ensemble that runs standalone.
    ///
    /// ## What it finds
    /// The ensemble has two or more voting servers, but this server answers `srvr` with
    /// `Mode: standalone`.
    ///
    /// ## Why it matters
    /// A standalone server serves clients on its own data: masters and agents connected to it
    /// see a different ZooKeeper than those connected to the rest of the ensemble, so two
    /// Mesos masters can both be elected leader. It usually runs from another zoo.cfg than the
    /// one linted (no `server.N` lines, or 3.5+ with a single server line).
    ///
    /// ## How to fix
    /// Start the server with the zoo.cfg that lists the ensemble (and its myid), then restart
    /// the Mesos daemons connected to it.
    ///
    /// ## Example
    /// `server.1` to `server.3` in every zoo.cfg, and `zk2` started with the package's default
    /// zoo.cfg, which has no server lines.
    pub static STANDALONE_ENSEMBLE_MEMBER = Rule {
        code: "PR003",
        name: "standalone_ensemble_member",
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
    let mut out = Vec::new();
    for (target, answer) in live.members() {
        let Answer::Srvr(srvr) = answer else {
            continue;
        };
        if srvr.mode != "standalone" {
            continue;
        }
        let (primary, _) = where_declared(target);
        let shown = address(&target.host, target.port);
        let mut finding = Finding::new(format!(
            "ZooKeeper server `{shown}` runs standalone, but the configuration puts it in an \
             ensemble"
        ))
        .primary(primary, "answers `Mode: standalone`")
        .help(
            "start it with the zoo.cfg that lists the ensemble and its myid, \
             then restart the Mesos daemons connected to it",
        );
        if declared != primary {
            finding = finding.secondary(declared, "the ensemble it should be in");
        }
        out.push(finding);
    }
    out
}
