use crate::diagnostic::{Finding, Severity};
use crate::model::problems::InputProblem;
use crate::project::ProjectProblem;
use crate::rules::Context;

declare_rule! {
    /// A `meslint.toml` that meslint cannot use.
    ///
    /// ## What it finds
    /// TOML syntax errors, unknown keys, and values of the wrong kind in `meslint.toml`, such as
    /// a release meslint does not know.
    ///
    /// ## Why it matters
    /// The file tells meslint what the configuration files cannot (target releases, host
    /// addresses, the number of masters); a part it cannot read is ignored, and checks that
    /// depend on it run with defaults.
    ///
    /// ## How to fix
    /// Correct the line the label points at; the README lists every key.
    ///
    /// ## Example
    /// `zookeeper_version = "3.10"`.
    pub static INVALID_PROJECT_FILE = Rule {
        code: "ML004",
        name: "invalid_project_file",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for problem in &ctx.cluster.problems.inputs {
        match problem {
            InputProblem::Project(ProjectProblem::Unreadable { span, error }) => out.push(
                Finding::new(format!("meslint.toml cannot be read: {error}"))
                    .primary(*span, "here")
                    .help("see the meslint.toml section of the README"),
            ),
            InputProblem::Project(ProjectProblem::BadRelease { span, key, why }) => out.push(
                Finding::new(format!("`{key}` in meslint.toml is not usable: {why}"))
                    .primary(*span, "here")
                    .help("use a release meslint knows: ZooKeeper 3.4 to 3.9, Mesos 1.0 to 1.11"),
            ),
            _ => {}
        }
    }
    out
}
