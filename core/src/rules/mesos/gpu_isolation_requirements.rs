use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::Role;
use crate::rules::Context;

declare_rule! {
    /// The `gpu/nvidia` isolator without the isolators it depends on.
    ///
    /// ## What it finds
    /// `gpu/nvidia` in `--isolation` without `cgroups/devices` (or `cgroups/all`) and
    /// `filesystem/linux`.
    ///
    /// ## Why it matters
    /// GPU isolation works by granting device access through the devices cgroup and by
    /// mounting the driver into the container's file system; without them the agent fails to
    /// create the isolator.
    ///
    /// ## How to fix
    /// Add `cgroups/devices` and `filesystem/linux` to `--isolation`.
    ///
    /// ## Example
    /// `--isolation=cgroups/cpu,cgroups/mem,gpu/nvidia`.
    pub static GPU_ISOLATION_REQUIREMENTS = Rule {
        code: "MS407",
        name: "gpu_isolation_requirements",
        severity: Severity::Error,
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
        let items = flag.items();
        let Some(gpu) = items.iter().find(|i| i.value == "gpu/nvidia") else {
            continue;
        };
        let has = |name: &str| items.iter().any(|i| i.value == name);
        let mut missing = Vec::new();
        if !has("cgroups/devices") && !has("cgroups/all") {
            missing.push("`cgroups/devices`");
        }
        if !has("filesystem/linux") {
            missing.push("`filesystem/linux`");
        }
        if !missing.is_empty() {
            let list = missing.join(" and ");
            out.push(
                Finding::new(format!("`gpu/nvidia` needs {list}"))
                    .primary(gpu.span, format!("needs {list}"))
                    .help(format!("add {list} to `--isolation`")),
            );
        }
    }
    out
}
