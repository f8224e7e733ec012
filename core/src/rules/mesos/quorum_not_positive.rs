use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;

declare_rule! {
    /// A master `--quorum` of zero or less.
    ///
    /// ## What it finds
    /// `--quorum=0` or a negative quorum.
    ///
    /// ## Why it matters
    /// Mesos does not check the number. Zero removes every safety of the replicated log; a
    /// negative value wraps around to a huge quorum that can never be reached, so the
    /// registry never recovers.
    ///
    /// ## How to fix
    /// Set the quorum to a majority of the masters: 2 for 3 masters, 3 for 5.
    ///
    /// ## Example
    /// `--quorum=0`.
    pub static QUORUM_NOT_POSITIVE = Rule {
        code: "MS109",
        name: "quorum_not_positive",
        severity: Severity::Warning,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for process in super::processes(ctx) {
        let Some(quorum) = process.quorum() else {
            continue;
        };
        if quorum.value <= 0 {
            out.push(
                Finding::new(format!("`--quorum` is `{}`", quorum.value))
                    .primary(quorum.span, "must be at least 1")
                    .help("set the quorum to a majority of the masters: 2 for 3 masters, 3 for 5"),
            );
        }
    }
    out
}
