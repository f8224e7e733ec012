use crate::diagnostic::{Finding, Severity};
use crate::model::zk_url::{SchemeProblem, ZkUrlProblem};
use crate::rules::Context;

declare_rule! {
    /// A master's `--zk` that does not start with `zk://`.
    ///
    /// ## What it finds
    /// ZooKeeper URLs written `ZK://...`, `zk:/...`, or without a scheme (`10.0.0.1:2181/mesos`).
    ///
    /// ## Why it matters
    /// The prefix is exact and case-sensitive. Masters exit with `Error parsing ZooKeeper URL:
    /// Expecting 'zk://' at the beginning of the URL` (or `Failed to create a master
    /// contender: Failed to parse '...'`).
    ///
    /// ## How to fix
    /// Start the URL with `zk://`.
    ///
    /// ## Example
    /// `--zk=10.0.0.1:2181,10.0.0.2:2181/mesos`.
    pub static ZK_URL_SCHEME = Rule {
        code: "MS304",
        name: "zk_url_scheme",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (_, flag, problem) in super::url_problems(ctx) {
        let ZkUrlProblem::Scheme { span, kind } = problem else {
            continue;
        };
        let label = match kind {
            SchemeProblem::Uppercase => "the `zk://` prefix is case-sensitive",
            SchemeProblem::Malformed => "malformed `zk://` prefix",
            SchemeProblem::Missing => "no `zk://` prefix",
        };
        out.push(
            Finding::new(format!("`{}` does not start with `zk://`", flag.display))
                .primary(*span, label)
                .help(
                    "start the URL with `zk://`; Mesos fails with: Expecting 'zk://' at the \
                         beginning of the URL",
                ),
        );
    }
    out
}
