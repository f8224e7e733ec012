use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::FlagValue;
use crate::rules::Context;

declare_rule! {
    /// `--registry_strict=true`, which Mesos no longer supports.
    ///
    /// ## What it finds
    /// A master with `--registry_strict` set to true.
    ///
    /// ## Why it matters
    /// Mesos 1.0+ recognises the flag only to refuse it: `Support for '--registry_strict' has
    /// been disabled and will be removed in a future version of Mesos`.
    ///
    /// ## How to fix
    /// Remove the flag.
    ///
    /// ## Example
    /// `--registry_strict=true` kept from a 0.x configuration.
    pub static REGISTRY_STRICT_ENABLED = Rule {
        code: "MS107",
        name: "registry_strict_enabled",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for process in super::processes(ctx) {
        let Some(flag) = process.flag("registry_strict").filter(|f| !f.unknown) else {
            continue;
        };
        if flag.read == FlagValue::Bool(true) {
            out.push(
                Finding::new(format!("`{}` enables a disabled feature", flag.display))
                    .primary(flag.value.span, "Mesos refuses `true` here")
                    .help("remove the flag; strict registry mode is gone since Mesos 1.0"),
            );
        }
    }
    out
}
