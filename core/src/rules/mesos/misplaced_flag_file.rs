use crate::diagnostic::{Finding, Severity};
use crate::model::problems::MesosProblem;
use crate::rules::Context;

declare_rule! {
    /// A flag file in `/etc/mesos/`, where the init wrapper does not look for flags.
    ///
    /// ## What it finds
    /// Any file in `/etc/mesos/` other than `zk`, such as `/etc/mesos/quorum`.
    ///
    /// ## Why it matters
    /// The Mesosphere init wrapper reads flags from `/etc/mesos-master/` and
    /// `/etc/mesos-slave/`; from `/etc/mesos/` it only uses `zk`. A flag put there is silently
    /// ignored and the daemon runs with the default.
    ///
    /// ## How to fix
    /// Move the file to `/etc/mesos-master/` or `/etc/mesos-slave/`.
    ///
    /// ## Example
    /// `/etc/mesos/quorum` holding `2`: masters keep the package default quorum of 1.
    pub static MISPLACED_FLAG_FILE = Rule {
        code: "MS009",
        name: "misplaced_flag_file",
        severity: Severity::Warning,
        applies_to: "Mesosphere packages",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for problem in &ctx.cluster.problems.mesos {
        if let MesosProblem::MisplacedFlagFile { whole, file_name } = problem {
            out.push(
                Finding::new(format!(
                    "`{file_name}` in `/etc/mesos/` is not read by the init wrapper"
                ))
                .primary(*whole, "ignored")
                .help(format!(
                    "move it to `/etc/mesos-master/{file_name}` or \
                         `/etc/mesos-slave/{file_name}`; only `/etc/mesos/zk` is read from here"
                )),
            );
        }
    }
    out
}
