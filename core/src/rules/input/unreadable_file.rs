use crate::diagnostic::{Finding, Severity};
use crate::model::problems::InputProblem;
use crate::rules::Context;
use crate::source::Span;

declare_rule! {
    /// A file or directory that meslint could not read.
    ///
    /// ## What it finds
    /// A path that could not be opened or read: no permission, a dangling or looping symbolic
    /// link, a FIFO or device, a file larger than meslint reads, or a read error.
    ///
    /// ## Why it matters
    /// What meslint cannot read it cannot check; the daemon reading the same path may fail too.
    ///
    /// ## How to fix
    /// Make the file readable, or leave it out of the paths given to meslint.
    ///
    /// ## Example
    /// `zk1/zoo.cfg` with mode `000`.
    pub static UNREADABLE_FILE = Rule {
        code: "ML001",
        name: "unreadable_file",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for problem in &ctx.cluster.problems.inputs {
        if let InputProblem::Unreadable { file, path, why } = problem {
            out.push(
                Finding::new(format!("cannot read `{path}`: {why}"))
                    .primary(Span::point(*file, 0), why.clone()),
            );
        }
    }
    out
}
