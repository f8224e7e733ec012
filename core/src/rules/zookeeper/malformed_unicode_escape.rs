use crate::diagnostic::{Finding, Severity};
use crate::model::problems::ConfigProblem;
use crate::rules::Context;

declare_rule! {
    /// A `\u` escape that is not followed by four hex digits.
    ///
    /// ## What it finds
    /// A key or value in zoo.cfg or a dynamic file holding `\u` followed by anything but four
    /// hexadecimal digits.
    ///
    /// ## Why it matters
    /// Java's `Properties.load` stops with `Malformed \uxxxx encoding.`, and ZooKeeper refuses to
    /// start with `Error processing <path>`.
    ///
    /// ## How to fix
    /// Write the escape as `\u` plus exactly four hex digits, or write `\\` for a literal
    /// backslash.
    ///
    /// ## Example
    /// `dataDir=C:\users\zk`: `\us` is not an escape Java can read.
    pub static MALFORMED_UNICODE_ESCAPE = Rule {
        code: "ZK001",
        name: "malformed_unicode_escape",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for problem in &ctx.cluster.problems.config {
        if let ConfigProblem::MalformedEscape { span, raw } = problem {
            out.push(
                Finding::new(format!("`{raw}` is not a valid unicode escape"))
                    .primary(*span, "expected `\\u` and four hex digits")
                    .help("write `\\\\` for a literal backslash, or `\\u` followed by four hex digits"),
            );
        }
    }
    out
}
