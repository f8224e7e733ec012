use crate::diagnostic::{Finding, Severity};
use crate::model::problems::ConfigProblem;
use crate::rules::Context;

declare_rule! {
    /// A key or value holding characters outside ASCII.
    ///
    /// ## What it finds
    /// Characters above U+007F written directly in a key or value (comments are not checked).
    ///
    /// ## Why it matters
    /// ZooKeeper reads zoo.cfg as ISO-8859-1, not UTF-8: `é` written in UTF-8 arrives as `Ã©`.
    /// Paths and host names then silently name something else.
    ///
    /// ## How to fix
    /// Use ASCII, or write the character as a `\uXXXX` escape.
    ///
    /// ## Example
    /// `dataDir=/données/zk` reaches ZooKeeper as `/donnÃ©es/zk`.
    pub static NON_ASCII_TEXT = Rule {
        code: "ZK003",
        name: "non_ascii_text",
        severity: Severity::Warning,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for problem in &ctx.cluster.problems.config {
        if let ConfigProblem::NonAscii {
            span,
            key,
            character,
        } = problem
        {
            out.push(
                Finding::new(format!(
                    "`{key}` holds the non-ASCII character `{character}`, which ZooKeeper reads as ISO-8859-1"
                ))
                .primary(*span, "not ASCII")
                .help(format!(
                    "use ASCII, or write it as `\\u{:04x}`",
                    u32::from(*character)
                )),
            );
        }
    }
    out
}
