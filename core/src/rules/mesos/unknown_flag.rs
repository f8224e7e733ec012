use crate::catalog::mesos;
use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::{MesosProcess, Origin, Role};
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
    /// the daemon ignores. An error for a variable too when the name it was meant to be is a
    /// flag the daemon requires and nothing else sets (`MESOS_WORKDIR` on an agent): the daemon
    /// then stops for want of it, and this finding stands for `missing_required_flag` (MS201).
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
        // The variable stands for a required flag nothing else sets: the daemon stops.
        let required = suggestion.filter(|s| {
            env && ctx
                .cluster
                .mesos_processes()
                .map(|(_, p)| p)
                .find(|p| {
                    p.sources.iter().any(|src| {
                        src.settings
                            .iter()
                            .any(|r| r.name.span == setting.name.span)
                    })
                })
                .is_some_and(|p| required_unset(p, s))
        });
        let mut finding = if let Some(meant) = required {
            Finding::new(format!(
                "`{}` is not a {} flag, so the required `--{meant}` is missing",
                setting.display,
                role.binary()
            ))
            .primary(
                setting.name.span,
                format!(
                    "ignored: the {} does not start without `--{meant}`",
                    role.as_str()
                ),
            )
        } else if env {
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

/// True when `flag` is one the process needs to start (as `missing_required_flag` judges it)
/// and no setting gives it.
fn required_unset(process: &MesosProcess, flag: &str) -> bool {
    if process.is_template || process.is_set(flag) || process.uses_package_layout() {
        return false;
    }
    match (process.role, flag) {
        (Role::Agent, "work_dir") => true,
        (Role::Agent, "master") => !process.is_set("master_detector"),
        (Role::Master, "work_dir") => {
            matches!(process.registry(), "replicated_log" | "log_storage")
        }
        (Role::Master, "quorum") => {
            matches!(process.registry(), "replicated_log" | "log_storage") && process.is_set("zk")
        }
        _ => false,
    }
}
