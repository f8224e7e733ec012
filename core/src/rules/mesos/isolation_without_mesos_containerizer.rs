use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::Role;
use crate::rules::Context;

declare_rule! {
    /// Isolators or image providers set on an agent without the Mesos containerizer.
    ///
    /// ## What it finds
    /// `--isolation` or `--image_providers` when `--containerizers` does not include `mesos`.
    ///
    /// ## Why it matters
    /// Only the Mesos containerizer uses them; with `--containerizers=docker` they are silently
    /// ignored and containers run without the intended isolation.
    ///
    /// ## How to fix
    /// Add `mesos` to `--containerizers`, or remove the unused flags.
    ///
    /// ## Example
    /// `--containerizers=docker --isolation=cgroups/cpu,cgroups/mem`.
    pub static ISOLATION_WITHOUT_MESOS_CONTAINERIZER = Rule {
        code: "MS404",
        name: "isolation_without_mesos_containerizer",
        severity: Severity::Warning,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for process in super::processes(ctx).filter(|p| p.role == Role::Agent) {
        let Some(containerizers) = process.containerizers() else {
            continue;
        };
        if containerizers.iter().any(|c| c == "mesos") {
            continue;
        }
        let Some(list) = process.flag("containerizers") else {
            continue;
        };
        for name in ["isolation", "image_providers"] {
            if let Some(flag) = process.flag(name) {
                out.push(
                    Finding::new(format!(
                        "`{}` has no effect without the Mesos containerizer",
                        flag.display
                    ))
                    .primary(flag.name.span, "ignored")
                    .secondary(list.value.span, "no `mesos` here")
                    .help(format!(
                        "add `mesos` to `{}`, or remove `{}`",
                        list.display, flag.display
                    )),
                );
            }
        }
    }
    out
}
