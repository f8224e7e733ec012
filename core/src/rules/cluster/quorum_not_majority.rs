use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;

declare_rule! {
    /// A master `--quorum` that is not a majority of the masters.
    ///
    /// ## What it finds
    /// `--quorum` (with `--zk` and the replicated-log registry) at or below half the number of
    /// masters: `--quorum=1` with three masters, `--quorum=2` with four.
    ///
    /// ## Why it matters
    /// Mesos is never told how many masters there are; it trusts `--quorum`. When two disjoint
    /// groups of masters can each reach the quorum, a newly elected leader may recover the
    /// registry from replicas that missed writes, or replicas diverge: agents, maintenance
    /// schedules, quotas and weights are lost. Mesos accepts the value without a word (the
    /// packages even ship `quorum=1`).
    ///
    /// ## How to fix
    /// Set `--quorum` to a majority, `masters / 2 + 1`: 2 for three masters, 3 for five.
    ///
    /// ## Example
    /// Three masters started with `--quorum=1`.
    pub static QUORUM_NOT_MAJORITY = Rule {
        code: "CM101",
        name: "quorum_not_majority",
        severity: Severity::Error,
        applies_to: "all Mesos releases",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let masters = ctx.masters();
    if masters.count < 2 || masters.count_unknown() {
        return Vec::new();
    }
    let majority = masters.count / 2 + 1;
    let mut findings = Vec::new();
    let groups = masters.by_quorum();
    for (&quorum, holders) in &groups {
        if quorum < 1 || quorum as usize >= majority {
            continue;
        }
        let mut finding = Finding::new(format!(
            "`--quorum={quorum}` is not a majority of the {} masters (set on {})",
            masters.count,
            masters.hosts_text(holders)
        ));
        for (host, span) in holders {
            finding = finding.primary(
                *span,
                format!("{host}: a minority of the masters can commit writes"),
            );
            if let Some((n, written)) = masters.copies(host) {
                finding = finding.secondary(written, format!("{host} runs {n} masters"));
            }
        }
        // The other masters' quorum, when it is a sound one: the value to copy.
        for (other, others) in &groups {
            if *other != quorum
                && !masters.quorum_is_reported(*other)
                && let Some((host, span)) = others.first()
            {
                finding = finding.secondary(*span, format!("{host} uses `--quorum={other}`"));
            }
        }
        findings.push(finding.help(format!(
            "use `--quorum={majority}` for {} masters",
            masters.count
        )));
    }
    findings
}
