use crate::catalog::mesos::isolator;
use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::Role;
use crate::rules::Context;

declare_rule! {
    /// A deprecated isolator name that Mesos rewrites.
    ///
    /// ## What it finds
    /// `process` (for `posix/cpu,posix/mem`), `cgroups` (for `cgroups/cpu,cgroups/mem`) and
    /// `posix/disk` (for `disk/du`) in `--isolation`.
    ///
    /// ## Why it matters
    /// Mesos replaces them with a warning; before 1.6 `process` and `cgroups` were only
    /// recognised as the whole value, so combined with other isolators they fail.
    ///
    /// ## How to fix
    /// Write the current names.
    ///
    /// ## Example
    /// `MESOS_isolation=cgroups` from the tarball's agent template.
    pub static DEPRECATED_ISOLATOR = Rule {
        code: "MS403",
        name: "deprecated_isolator",
        severity: Severity::Warning,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for process in super::processes(ctx).filter(|p| p.role == Role::Agent) {
        let Some(flag) = process.flag("isolation").filter(|f| !f.unknown) else {
            continue;
        };
        for item in flag.items() {
            let Some(replacement) = isolator(&item.value).and_then(|i| i.replaced_by) else {
                continue;
            };
            out.push(
                Finding::new(format!("`{}` is a deprecated isolator name", item.value))
                    .primary(item.span, format!("read as `{replacement}`"))
                    .help(format!("write `{replacement}`")),
            );
        }
    }
    out
}
