use crate::catalog::mesos;
use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::Origin;
use crate::model::problems::MesosProblem;
use crate::rules::Context;

declare_rule! {
    /// A flag or `MESOS_*` variable that the daemon does not know.
    ///
    /// ## What it finds
    /// A command-line flag, flag file or `MESOS_*` environment variable whose name is not a flag
    /// of `mesos-master` or `mesos-agent` in any release, with the closest known name.
    ///
    /// ## Why it matters
    /// An unknown command-line flag stops the daemon (`Failed to load unknown flag 'NAME'`).
    /// An unknown `MESOS_*` variable is silently ignored, so a typo such as `MESOS_ISOLATOR`
    /// leaves the setting at its default without any message. Variables that the other daemon
    /// knows are not reported: one environment file often serves both.
    ///
    /// ## Severity
    /// An error for a command-line flag or flag file; a warning for a `MESOS_*` variable, which
    /// the daemon ignores.
    ///
    /// ## How to fix
    /// Correct the name (flag names use `_`, never `-`), or remove the setting.
    ///
    /// ## Example
    /// `--work-dir=/var/lib/mesos` (should be `--work_dir`), `MESOS_ISOLATOR=cgroups/cpu`.
    pub static UNKNOWN_FLAG = Rule {
        code: "MS001",
        name: "unknown_flag",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for problem in &ctx.cluster.problems.mesos {
        let MesosProblem::UnknownFlag {
            setting,
            bare,
            role,
        } = problem
        else {
            continue;
        };
        let (role, bare) = (*role, bare.as_str());
        let env = setting.origin == Origin::Env;
        let suggestion = mesos::suggest(role, bare, ctx.settings.mesos);
        let shown = |name: &str| {
            if env {
                format!("MESOS_{}", name.to_ascii_uppercase())
            } else if setting.origin == Origin::FlagFile {
                name.to_owned()
            } else {
                format!("--{name}")
            }
        };
        let mut finding = if env {
            Finding::new(format!(
                "`{}` is not a {} flag and is ignored",
                setting.display,
                role.binary()
            ))
            .primary(setting.name.span, "unknown variable, silently ignored")
            .severity(Severity::Warning)
        } else {
            Finding::new(format!(
                "`{}` is not a {} flag",
                setting.display,
                role.binary()
            ))
            .primary(setting.name.span, "unknown flag")
        };
        let other_role = mesos::lookup(role.other(), bare).is_some();
        finding = match (suggestion, other_role) {
            (Some(s), _) => finding.help(format!("did you mean `{}`?", shown(s))),
            (None, true) => finding.help(format!(
                "`{bare}` is a flag of {}; remove it here",
                role.other().binary()
            )),
            (None, false) if env => finding.help("remove the variable or fix its name"),
            (None, false) => finding.help(format!(
                "Mesos fails with: Failed to load unknown flag '{bare}'; remove it or fix its name"
            )),
        };
        out.push(finding);
    }
    out
}
