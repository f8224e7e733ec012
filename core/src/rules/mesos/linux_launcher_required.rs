use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::Role;
use crate::rules::Context;

declare_rule! {
    /// Isolators that need the Linux launcher on an agent with `--launcher=posix`.
    ///
    /// ## What it finds
    /// `filesystem/linux`, `namespaces/pid`, `namespaces/ipc`, `linux/devices`,
    /// `network/ports`, `volume/host_path` or `volume/secret` in `--isolation` together with
    /// `--launcher=posix`: one finding at the launcher, with a label on each such isolator.
    ///
    /// ## Why it matters
    /// These isolators rely on namespaces or cgroups that only the `linux` launcher sets up;
    /// each refuses to be created with another launcher and the agent does not start
    /// (`The 'network/ports' isolator requires the 'linux' launcher`, `'linux' launcher must be
    /// used`). The checks are in each isolator's `create` in Mesos 1.11
    /// `src/slave/containerizer/mesos/isolators/`: `filesystem/linux.cpp`,
    /// `namespaces/pid.cpp`, `namespaces/ipc.cpp`, `linux/devices.cpp`, `network/ports.cpp`,
    /// `volume/host_path.cpp`, `volume/secret.cpp`.
    ///
    /// ## How to fix
    /// Remove `--launcher=posix` (the agent picks `linux` when it runs as root), or drop the
    /// isolators.
    ///
    /// ## Example
    /// `--launcher=posix --isolation=filesystem/linux,cgroups/cpu`.
    pub static LINUX_LAUNCHER_REQUIRED = Rule {
        code: "MS406",
        name: "linux_launcher_required",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

const NEED_LINUX: &[&str] = &[
    "filesystem/linux",
    "namespaces/pid",
    "namespaces/ipc",
    "linux/devices",
    "network/ports",
    "volume/host_path",
    "volume/secret",
];

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for process in super::processes(ctx).filter(|p| p.role == Role::Agent) {
        let Some(launcher) = process
            .flag("launcher")
            .filter(|f| f.value.value == "posix")
        else {
            continue;
        };
        let Some(isolation) = process.flag("isolation").filter(|f| !f.unknown) else {
            continue;
        };
        // One mistake, one finding: the launcher, with every isolator that needs another.
        let needing: Vec<_> = isolation
            .items()
            .iter()
            .filter(|item| NEED_LINUX.contains(&item.value.as_str()))
            .collect();
        if needing.is_empty() {
            continue;
        }
        let names: Vec<String> = needing.iter().map(|i| format!("`{}`", i.value)).collect();
        let (names, need) = if let [only] = names.as_slice() {
            (only.clone(), "needs")
        } else {
            (names.join(", "), "need")
        };
        let mut finding = Finding::new(format!("{names} {need} the `linux` launcher, not `posix`"))
            .primary(launcher.value.span, "`posix` launcher");
        for item in &needing {
            finding = finding.secondary(item.span, "needs `--launcher=linux`");
        }
        out.push(finding.help(if needing.len() == 1 {
            "remove `--launcher=posix`, or drop the isolator"
        } else {
            "remove `--launcher=posix`, or drop the isolators"
        }));
    }
    out
}
