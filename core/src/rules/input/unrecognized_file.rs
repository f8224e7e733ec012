use crate::diagnostic::{Finding, Severity};
use crate::model::problems::InputProblem;
use crate::rules::Context;
use crate::source::Span;

declare_rule! {
    /// A file named on the command line that meslint does not know how to read.
    ///
    /// ## What it finds
    /// A path given explicitly (not found while walking a directory) whose name and content
    /// match none of the formats meslint reads.
    ///
    /// ## Why it matters
    /// A file the user asked to check but that was not checked gives false confidence.
    ///
    /// ## How to fix
    /// Name the file after its kind (`zoo.cfg`, `myid`, `mesos-master.env`, ...), or pass the
    /// directory that holds it.
    ///
    /// ## Example
    /// `meslint notes.txt`.
    pub static UNRECOGNIZED_FILE = Rule {
        code: "ML003",
        name: "unrecognized_file",
        severity: Severity::Info,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for problem in &ctx.cluster.problems.inputs {
        if let InputProblem::Unrecognized { file, path } = problem {
            out.push(
                Finding::new(format!(
                    "`{path}` is not a ZooKeeper or Mesos file meslint knows"
                ))
                .primary(Span::point(*file, 0), "not checked")
                .help("name it after its kind (`zoo.cfg`, `myid`, `mesos-master.env`, ...)"),
            );
        }
    }
    out
}
