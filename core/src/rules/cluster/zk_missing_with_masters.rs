use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;

declare_rule! {
    /// A master without `--zk` in a cluster of several masters.
    ///
    /// ## What it finds
    /// A master with neither `--zk` nor `--master_contender`/`--master_detector`, when more
    /// than one master is configured.
    ///
    /// ## Why it matters
    /// Without ZooKeeper a master does not take part in leader election: it elects itself and
    /// runs its replicated log alone, ignoring `--quorum`. Several such masters are several
    /// independent clusters, each believing it leads.
    ///
    /// ## How to fix
    /// Give every master the same `--zk=zk://.../mesos` and `--quorum`.
    ///
    /// ## Example
    /// Three masters with `--quorum=2` but no `--zk` (or `-zk=...`, which Mesos ignores).
    pub static ZK_MISSING_WITH_MASTERS = Rule {
        code: "CM105",
        name: "zk_missing_with_masters",
        severity: Severity::Error,
        applies_to: "all Mesos releases",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let masters = ctx.masters();
    if masters.count < 2 {
        return Vec::new();
    }
    masters
        .found
        .iter()
        .filter(|(_, p)| {
            !p.is_template && !p.is_set("zk") && !p.is_set("master_contender") && p.anchor.is_some()
        })
        .filter_map(|(host, p)| {
            Some(
                Finding::new(format!(
                    "the master on {} has no `--zk`, in a cluster of {} masters",
                    host.name, masters.count
                ))
                .primary(p.anchor?, "this master elects itself")
                .help("add `--zk=zk://<ensemble>/mesos` to every master"),
            )
        })
        .collect()
}
