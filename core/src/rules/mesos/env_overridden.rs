use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::Origin;
use crate::model::problems::MesosProblem;
use crate::rules::Context;

declare_rule! {
    /// A `MESOS_*` variable that a command-line flag silently overrides.
    ///
    /// ## What it finds
    /// A flag set both as a `MESOS_*` environment variable and on the command line (or by a
    /// flag file or init-wrapper variable, which become command-line flags).
    ///
    /// ## Why it matters
    /// Mesos uses the command-line value without any message, so editing the environment file
    /// changes nothing. The Docker image of the master, for instance, passes
    /// `--registry=in_memory`, which beats `MESOS_REGISTRY=replicated_log`.
    ///
    /// ## How to fix
    /// Set each flag in one place.
    ///
    /// ## Example
    /// `MESOS_QUORUM=2` in `/etc/default/mesos-master` and `/etc/mesos-master/quorum` holding `1`.
    pub static ENV_OVERRIDDEN = Rule {
        code: "MS007",
        name: "env_overridden",
        severity: Severity::Info,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for problem in &ctx.cluster.problems.mesos {
        if let MesosProblem::EnvOverridden { used, ignored } = problem {
            // An image's default `--registry=in_memory` beating `MESOS_REGISTRY` is reported by
            // `in_memory_registry` (MS206) or `in_memory_registry_ha` (CM104), as the
            // lost state it causes.
            if used.origin == Origin::Default && used.key == "registry" {
                continue;
            }
            out.push(
                Finding::new(format!(
                    "`{}` overrides `{}`",
                    used.display, ignored.display
                ))
                .primary(used.whole, "this value is used")
                .secondary(ignored.whole, "this value is ignored")
                .help("set the flag in one place only"),
            );
        }
    }
    out
}
