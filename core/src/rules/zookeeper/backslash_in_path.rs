use crate::diagnostic::{Finding, Severity};
use crate::model::problems::ConfigProblem;
use crate::rules::Context;

declare_rule! {
    /// A path written with backslashes.
    ///
    /// ## What it finds
    /// A path value (`dataDir`, `dataLogDir`, `dynamicConfigFile`, ...) holding `\`.
    ///
    /// ## Why it matters
    /// In a Properties file a backslash starts an escape: `C:\zookeeper\data` silently becomes
    /// `C:zookeeperdata`, and `\u` followed by non-hex digits stops ZooKeeper from starting.
    ///
    /// ## How to fix
    /// Write paths with forward slashes (`C:/zookeeper/data`), which Java accepts on Windows too,
    /// or double each backslash.
    ///
    /// ## Example
    /// `dataDir=C:\zookeeper\data`.
    pub static BACKSLASH_IN_PATH = Rule {
        code: "ZK005",
        name: "backslash_in_path",
        severity: Severity::Warning,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for problem in &ctx.cluster.problems.config {
        if let ConfigProblem::BackslashInPath {
            span,
            written,
            read_as,
        } = problem
        {
            out.push(
                Finding::new(format!(
                    "path `{written}` is written with backslashes, which ZooKeeper reads as escapes: it becomes `{read_as}`"
                ))
                .primary(*span, "backslashes are escapes here")
                .help("write the path with forward slashes"),
            );
        }
    }
    out
}
