use crate::diagnostic::{Finding, Severity};
use crate::model::problems::InputProblem;
use crate::rules::Context;
use crate::source::Span;

declare_rule! {
    /// A configuration file that holds binary data.
    ///
    /// ## What it finds
    /// A file whose name says it is configuration (`zoo.cfg`, `myid`, a Mesos env file) but
    /// whose bytes include NUL characters.
    ///
    /// ## Why it matters
    /// Neither ZooKeeper nor Mesos expects binary data; a copied image or a truncated transfer
    /// in place of a config file fails at start-up or silently yields garbage values.
    ///
    /// ## How to fix
    /// Replace the file with the intended text configuration.
    ///
    /// ## Example
    /// A `myid` that holds `\0\0\0\x01` instead of the text `1`.
    pub static BINARY_FILE = Rule {
        code: "ML002",
        name: "binary_file",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for problem in &ctx.cluster.problems.inputs {
        if let InputProblem::Binary { file, path } = problem {
            out.push(
                Finding::new(format!("`{path}` holds binary data"))
                    .primary(Span::point(*file, 0), "binary file")
                    .help("replace it with the intended text configuration"),
            );
        }
    }
    out
}
