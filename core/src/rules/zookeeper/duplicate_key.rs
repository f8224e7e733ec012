use crate::diagnostic::{Finding, Severity};
use crate::model::problems::ConfigProblem;
use crate::rules::Context;

declare_rule! {
    /// A key set more than once in one file.
    ///
    /// ## What it finds
    /// The same key on two lines of zoo.cfg or a dynamic file.
    ///
    /// ## Why it matters
    /// ZooKeeper keeps only the last value and says nothing. Which line the author meant is a
    /// guess, and edits to the first line have no effect.
    ///
    /// ## How to fix
    /// Delete all but one of the lines.
    ///
    /// ## Example
    /// `clientPort=2181` and, further down, `clientPort=2182`: the server listens on 2182.
    pub static DUPLICATE_KEY = Rule {
        code: "ZK006",
        name: "duplicate_key",
        severity: Severity::Warning,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for problem in &ctx.cluster.problems.config {
        if let ConfigProblem::DuplicateKey {
            ignored,
            kept,
            key,
            kept_value,
        } = problem
        {
            let wins = kept_value
                .as_ref()
                .map_or(String::new(), |v| format!(" (`{v}` wins)"));
            out.push(
                Finding::new(format!("`{key}` is set more than once{wins}"))
                    .primary(*ignored, "this line is ignored")
                    .secondary(*kept, "ZooKeeper keeps this one")
                    .help("delete the line that should not apply"),
            );
        }
    }
    out
}
