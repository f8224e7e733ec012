use crate::diagnostic::{Finding, Severity};
use crate::model::problems::MesosProblem;
use crate::rules::Context;

declare_rule! {
    /// A flag written `--name value` or without any value.
    ///
    /// ## What it finds
    /// A non-boolean flag without `=value`, usually because the value follows as a separate
    /// word; and a boolean flag followed by a stray word.
    ///
    /// ## Why it matters
    /// Mesos reads only `--name=value`. A non-boolean flag without `=` stops the daemon
    /// (`Failed to load non-boolean flag 'quorum': Missing value`). A boolean flag without `=`
    /// is set to true and the next word is skipped, so `--switch_user false` turns the switch
    /// on (a warning).
    ///
    /// ## Severity
    /// An error for a non-boolean flag without a value; a warning for a boolean flag followed
    /// by a stray word.
    ///
    /// ## How to fix
    /// Join name and value with `=`.
    ///
    /// ## Example
    /// `--quorum 2`, `--switch_user false`.
    pub static SPACE_SEPARATED_VALUE = Rule {
        code: "MS003",
        name: "space_separated_value",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for problem in &ctx.cluster.problems.mesos {
        match problem {
            MesosProblem::MissingValue {
                setting,
                bare,
                next: Some(word),
            } => out.push(
                Finding::new(format!(
                    "`{} {}` is not `{}={}`",
                    setting.display, word.display, setting.display, word.display
                ))
                .primary(setting.whole, "read as a flag without a value")
                .secondary(word.whole, "skipped by Mesos")
                .help(format!(
                    "write `{}={}`; Mesos fails with: Failed to load non-boolean flag '{bare}': \
                     Missing value",
                    setting.display, word.display
                )),
            ),
            MesosProblem::MissingValue {
                setting,
                bare,
                next: None,
            } => out.push(
                Finding::new(format!("`{}` has no value", setting.display))
                    .primary(setting.whole, "a value is required")
                    .help(format!(
                        "write `{}=<value>`; Mesos fails with: Failed to load non-boolean flag \
                         '{bare}': Missing value",
                        setting.display
                    )),
            ),
            MesosProblem::BooleanThenWord {
                setting,
                bare,
                word,
                negated,
            } => {
                let meaning = if *negated { "false" } else { "true" };
                out.push(
                    Finding::new(format!(
                        "`{} {}` sets `{bare}` to {meaning} and ignores `{}`",
                        setting.display, word.display, word.display
                    ))
                    .primary(word.whole, "skipped by Mesos")
                    .secondary(setting.whole, format!("sets `{bare}` to {meaning}"))
                    .help(format!("write `--{bare}={}`", word.display))
                    .severity(Severity::Warning),
                );
            }
            _ => {}
        }
    }
    out
}
