use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::Role;
use crate::rules::Context;

declare_rule! {
    /// Isolators that need `filesystem/linux` in an `--isolation` without it.
    ///
    /// ## What it finds
    /// `namespaces/pid`, `namespaces/ipc`, `linux/devices`, `volume/host_path`,
    /// `volume/image`, `volume/secret` or `volume/csi` in `--isolation` without
    /// `filesystem/linux`.
    ///
    /// ## Why it matters
    /// These isolators mount into the container's own mount namespace, which
    /// `filesystem/linux` prepares; each refuses to be created without it and the agent does
    /// not start (`'filesystem/linux' must be used to enable pid namespace`, `Volume secret
    /// isolation requires filesystem/linux isolator.`). The checks are in each isolator's
    /// `create` in Mesos 1.11 `src/slave/containerizer/mesos/isolators/`:
    /// `namespaces/pid.cpp`, `namespaces/ipc.cpp`, `linux/devices.cpp`,
    /// `volume/host_path.cpp`, `volume/image.cpp`, `volume/secret.cpp`,
    /// `volume/csi/isolator.cpp`. Mesos 1.0 and 1.1 are not checked.
    ///
    /// ## How to fix
    /// Add `filesystem/linux` to `--isolation` (it needs `--launcher=linux`, the default when
    /// the agent runs as root).
    ///
    /// ## Example
    /// `--isolation=cgroups/cpu,cgroups/mem,namespaces/pid`.
    pub static FILESYSTEM_LINUX_REQUIRED = Rule {
        code: "MS410",
        name: "filesystem_linux_required",
        severity: Severity::Error,
        applies_to: "Mesos 1.2+",
        check,
    };
}

const NEED_FILESYSTEM_LINUX: &[&str] = &[
    "namespaces/pid",
    "namespaces/ipc",
    "linux/devices",
    "volume/host_path",
    "volume/image",
    "volume/secret",
    "volume/csi",
];

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    if ctx.settings.mesos.minor() < 2 {
        return Vec::new();
    }
    let mut out = Vec::new();
    for process in super::processes(ctx).filter(|p| p.role == Role::Agent) {
        let Some(isolation) = process.flag("isolation").filter(|f| !f.unknown) else {
            continue;
        };
        let items = isolation.items();
        if items.iter().any(|i| i.value == "filesystem/linux") {
            continue;
        }
        let needing: Vec<_> = items
            .iter()
            .filter(|i| NEED_FILESYSTEM_LINUX.contains(&i.value.as_str()))
            .collect();
        let Some(first) = needing.first() else {
            continue;
        };
        // One missing isolator, one finding: every isolator that needs it is labelled.
        let message = if needing.len() == 1 {
            format!("`{}` needs `filesystem/linux`", first.value)
        } else {
            let names: Vec<String> = needing.iter().map(|i| format!("`{}`", i.value)).collect();
            format!("{} need `filesystem/linux`", names.join(", "))
        };
        let mut finding = Finding::new(message);
        for item in &needing {
            finding = finding.primary(item.span, "needs `filesystem/linux` in `--isolation`");
        }
        out.push(finding.help("add `filesystem/linux` to `--isolation`"));
    }
    out
}
