use crate::diagnostic::{Finding, Severity};
use crate::model::problems::MesosProblem;
use crate::rules::Context;

declare_rule! {
    /// A flag given twice, under the same or different names.
    ///
    /// ## What it finds
    /// The same flag set twice on the command line (including by the init wrapper from a
    /// variable and a flag file), a deprecated alias next to its canonical name, `--x` next to
    /// `--no-x`, or an environment variable and a command-line flag that name one flag
    /// differently. Two `MESOS_*` variables for one flag are a warning: one silently wins.
    ///
    /// ## Why it matters
    /// Mesos refuses to start: `Flag 'zk' is already loaded via name 'zk'`.
    ///
    /// ## Severity
    /// An error; a warning for two `MESOS_*` variables for one flag, where one silently wins.
    ///
    /// ## How to fix
    /// Keep one setting per flag, under its canonical name.
    ///
    /// ## Example
    /// `ZK=...` in `/etc/default/mesos-master` together with `/etc/mesos-master/zk`;
    /// `MESOS_SLAVE_PING_TIMEOUT` with `--agent_ping_timeout`.
    pub static DUPLICATE_FLAG = Rule {
        code: "MS002",
        name: "duplicate_flag",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for problem in &ctx.cluster.problems.mesos {
        let MesosProblem::DuplicateFlag {
            later,
            first,
            fatal,
        } = problem
        else {
            continue;
        };
        let message = if later.display == first.display {
            format!("`{}` is set twice", later.display)
        } else {
            format!(
                "`{}` and `{}` set the same flag",
                first.display, later.display
            )
        };
        let (help, severity) = if *fatal {
            (
                format!(
                    "keep one; Mesos fails with: Flag '{}' is already loaded via name '{}'",
                    later.key, first.key
                ),
                Severity::Error,
            )
        } else {
            (
                "keep one; which one Mesos uses depends on the environment's order".to_owned(),
                Severity::Warning,
            )
        };
        out.push(
            Finding::new(message)
                .primary(later.whole, "set again here")
                .secondary(first.whole, "first set here")
                .help(help)
                .severity(severity),
        );
    }
    out
}
