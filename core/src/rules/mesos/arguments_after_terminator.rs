use crate::diagnostic::{Finding, Severity};
use crate::model::problems::MesosProblem;
use crate::rules::Context;

declare_rule! {
    /// Arguments after `--`, which Mesos does not read.
    ///
    /// ## What it finds
    /// Anything that follows a bare `--` on a `mesos-master` or `mesos-agent` command line.
    ///
    /// ## Why it matters
    /// Mesos stops reading flags at `--`; later flags have no effect at all.
    ///
    /// ## How to fix
    /// Move the flags before `--`, or remove the `--`.
    ///
    /// ## Example
    /// `mesos-agent --work_dir=/var/lib/mesos -- --master=zk://zk1:2181/mesos`.
    pub static ARGUMENTS_AFTER_TERMINATOR = Rule {
        code: "MS006",
        name: "arguments_after_terminator",
        severity: Severity::Warning,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for problem in &ctx.cluster.problems.mesos {
        if let MesosProblem::AfterTerminator {
            setting,
            terminator,
        } = problem
        {
            out.push(
                Finding::new(format!(
                    "`{}` comes after `--` and is ignored",
                    setting.display
                ))
                .primary(setting.whole, "ignored by Mesos")
                .secondary(*terminator, "Mesos stops reading arguments here")
                .help("move the argument before `--`, or remove the `--`"),
            );
        }
    }
    out
}
