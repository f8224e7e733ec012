use crate::diagnostic::{Finding, Severity};
use crate::model::problems::MesosProblem;
use crate::rules::Context;

declare_rule! {
    /// A command-line flag name written with upper-case letters.
    ///
    /// ## What it finds
    /// `--ZK=...`, `--Work_Dir=...` and other flag names that are not all lower case.
    ///
    /// ## Why it matters
    /// Mesos lower-cases flag names before looking them up, so the flag works; but the
    /// spelling suggests a copy from somewhere else and hides the flag from searches.
    ///
    /// ## How to fix
    /// Write the flag name in lower case.
    ///
    /// ## Example
    /// `--Quorum=2`.
    pub static FLAG_NAME_CASE = Rule {
        code: "MS008",
        name: "flag_name_case",
        severity: Severity::Info,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for problem in &ctx.cluster.problems.mesos {
        if let MesosProblem::NameCase { setting } = problem {
            out.push(
                Finding::new(format!(
                    "`{}` is read as `--{}`",
                    setting.display, setting.key
                ))
                .primary(setting.name.span, "Mesos lower-cases flag names")
                .help(format!("write `--{}`", setting.key)),
            );
        }
    }
    out
}
