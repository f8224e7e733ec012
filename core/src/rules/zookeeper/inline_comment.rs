use crate::diagnostic::{Finding, Severity};
use crate::model::problems::ConfigProblem;
use crate::rules::Context;

declare_rule! {
    /// A `#` comment written after a value on the same line.
    ///
    /// ## What it finds
    /// A value holding blanks followed by `#`, as in `clientPort=2181 # client port`.
    ///
    /// ## Why it matters
    /// Properties files only have whole-line comments. The comment becomes part of the value: a
    /// number then fails to parse (ZooKeeper refuses to start), and a path or host silently gets
    /// the comment appended.
    ///
    /// ## How to fix
    /// Move the comment to a line of its own.
    ///
    /// ## Example
    /// `dataDir=/var/lib/zookeeper # data` makes ZooKeeper write to a directory named `zookeeper #
    /// data`.
    pub static INLINE_COMMENT = Rule {
        code: "ZK004",
        name: "inline_comment",
        severity: Severity::Warning,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for problem in &ctx.cluster.problems.config {
        if let ConfigProblem::InlineComment { span, key, comment } = problem {
            out.push(
                Finding::new(format!(
                    "`{key}` has `{comment}` in its value: zoo.cfg has no inline comments"
                ))
                .primary(*span, "part of the value")
                .help("move the comment to a line of its own"),
            );
        }
    }
    out
}
