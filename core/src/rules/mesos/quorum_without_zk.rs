use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::Role;
use crate::rules::Context;

declare_rule! {
    /// A master with `--quorum` but without `--zk`.
    ///
    /// ## What it finds
    /// A master given a quorum but no ZooKeeper URL (often because `--zk` was written with one
    /// dash, or forgotten).
    ///
    /// ## Why it matters
    /// Without ZooKeeper the master runs alone: the replicated log uses a single replica and
    /// ignores `--quorum`, and every such master elects itself leader.
    ///
    /// ## How to fix
    /// Add `--zk=zk://.../mesos`, or remove `--quorum` for a deliberate single master.
    ///
    /// ## Example
    /// `mesos-master --quorum=2 --work_dir=/var/lib/mesos`.
    pub static QUORUM_WITHOUT_ZK = Rule {
        code: "MS205",
        name: "quorum_without_zk",
        severity: Severity::Warning,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    // With several masters, `zk_missing_with_masters` (CM105) reports it as the error it is.
    let masters = ctx.masters();
    if masters.count > 1 {
        return out;
    }
    for process in super::processes(ctx).filter(|p| p.role == Role::Master) {
        if process.is_template || process.is_set("zk") || process.is_set("master_contender") {
            continue;
        }
        if let Some(quorum) = process.flag("quorum") {
            out.push(
                Finding::new("`--quorum` is set but `--zk` is not")
                    .primary(quorum.name.span, "ignored without ZooKeeper")
                    .help("add `--zk=zk://host:2181,.../mesos`, or remove `--quorum` for a single master"),
            );
        }
    }
    out
}
