use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;

declare_rule! {
    /// A master `--quorum` that the masters can never reach, or only with all of them up.
    ///
    /// ## What it finds
    /// `--quorum` greater than the number of masters (error), or equal to it with more than one
    /// master (warning). Zero and negative values are `quorum_not_positive` (MS109).
    ///
    /// ## Why it matters
    /// The replicated log needs `--quorum` replicas for every write and for recovery. With
    /// more than there are masters, the leader logs `Unable to finish the recover protocol`
    /// and aborts after `--registry_fetch_timeout`, in a loop. With exactly as many, no master
    /// may ever be down, and a new cluster never initialises its log (that needs `2 * quorum
    /// - 1` empty replicas).
    ///
    /// ## Severity
    /// An error for a quorum above the number of masters; a warning for a quorum equal to it.
    ///
    /// ## How to fix
    /// Run `2 * quorum - 1` masters: `--quorum=2` for three masters, 3 for five.
    ///
    /// ## Example
    /// Three masters with `--quorum=3`, or with `--quorum=4`.
    pub static QUORUM_UNREACHABLE = Rule {
        code: "CM102",
        name: "quorum_unreachable",
        severity: Severity::Error,
        applies_to: "all Mesos releases",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let masters = ctx.masters();
    let mut findings = Vec::new();
    for (quorum, holders) in masters.by_quorum() {
        let on = masters.hosts_text(&holders);
        // Zero and negative values are `quorum_not_positive` (MS109), per master.
        let finding = if quorum <= 0 || masters.count_unknown() {
            continue;
        } else if quorum as usize > masters.count {
            Finding::new(format!(
                "`--quorum={quorum}` is more than the {} master{} of the cluster (set on {on})",
                masters.count,
                if masters.count == 1 { "" } else { "s" }
            ))
            .help(format!("use `--quorum={}`", masters.count / 2 + 1))
        } else if quorum as usize == masters.count && masters.count > 1 {
            Finding::new(format!(
                "`--quorum={quorum}` needs every one of the {} masters (set on {on})",
                masters.count
            ))
            .help(if masters.count / 2 + 1 == quorum as usize {
                // Two masters: the majority is both of them, so only a third master helps.
                format!(
                    "run {} masters with this `--quorum`: with {} masters no smaller quorum is a majority",
                    2 * quorum - 1,
                    masters.count
                )
            } else {
                format!(
                    "use `--quorum={}`, or run {} masters",
                    masters.count / 2 + 1,
                    2 * quorum - 1
                )
            })
            .severity(Severity::Warning)
        } else {
            continue;
        };
        let label = if quorum as usize > masters.count {
            "the replicated log can never reach this many replicas"
        } else {
            "no master may fail"
        };
        let mut finding = finding;
        for (host, span) in &holders {
            finding = finding.primary(*span, format!("{host}: {label}"));
        }
        findings.push(finding);
    }
    findings
}
