use crate::diagnostic::{Finding, Severity};
use crate::model::problems::MesosProblem;
use crate::rules::Context;

declare_rule! {
    /// A `--no-` prefix on a flag that is not a boolean, or with a value.
    ///
    /// ## What it finds
    /// `--no-name` where `name` takes a value other than a boolean, and `--no-name=value`
    /// with a non-empty value.
    ///
    /// ## Why it matters
    /// Mesos refuses to start: `Failed to load non-boolean flag 'NAME' via 'no-NAME'`, or
    /// `Failed to load boolean flag 'NAME' via 'no-NAME' with value 'VALUE'`.
    ///
    /// ## How to fix
    /// Use `--no-name` alone for booleans, or `--name=false`; give other flags a value.
    ///
    /// ## Example
    /// `--no-switch_user=true`, `--no-quorum`.
    pub static NEGATED_NON_BOOLEAN = Rule {
        code: "MS004",
        name: "negated_non_boolean",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for problem in &ctx.cluster.problems.mesos {
        match problem {
            MesosProblem::NegatedNonBoolean { setting, bare } => out.push(
                Finding::new(format!(
                    "`{}` negates `{bare}`, which is not a boolean",
                    setting.display
                ))
                .primary(setting.name.span, "only boolean flags take `--no-`")
                .help(format!(
                    "Mesos fails with: Failed to load non-boolean flag '{bare}' via 'no-{bare}'; \
                     write `--{bare}=<value>`"
                )),
            ),
            MesosProblem::NegatedWithValue { setting, bare } => {
                let value = setting.value.as_ref().map_or(setting.whole, |v| v.span);
                out.push(
                    Finding::new(format!("`{}` takes no value", setting.display))
                        .primary(value, "a value after `--no-` is refused")
                        .help(format!(
                            "write `--no-{bare}` or `--{bare}=false`; Mesos fails with: Failed to \
                             load boolean flag '{bare}' via 'no-{bare}' with value"
                        )),
                );
            }
            _ => {}
        }
    }
    out
}
