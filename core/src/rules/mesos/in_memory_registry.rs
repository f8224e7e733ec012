use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::Role;
use crate::rules::Context;

declare_rule! {
    /// A highly available master with the in-memory registry.
    ///
    /// ## What it finds
    /// `--registry=in_memory` on a master that also has `--zk` or `--quorum`.
    ///
    /// ## Why it matters
    /// The in-memory registry is for testing: every failover loses the registered agents,
    /// maintenance schedules, quotas and weights. The `mesosphere/mesos-master` Docker image
    /// passes `--registry=in_memory` by default, beating `MESOS_REGISTRY`.
    ///
    /// ## How to fix
    /// Use `--registry=replicated_log` (the default) with `--work_dir` and `--quorum`.
    ///
    /// ## Example
    /// `MESOS_REGISTRY=in_memory` with `MESOS_ZK=zk://.../mesos`.
    pub static IN_MEMORY_REGISTRY = Rule {
        code: "MS206",
        name: "in_memory_registry",
        severity: Severity::Warning,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    // With several masters, `in_memory_registry_ha` (CM104) reports it as the error it is.
    // Counted as CM104 counts them, `meslint.toml`'s `masters = N` included.
    let masters = ctx.masters();
    if masters.count > 1 {
        return out;
    }
    for process in super::processes(ctx).filter(|p| p.role == Role::Master) {
        let Some(registry) = process
            .flag("registry")
            .filter(|f| f.value.value == "in_memory")
        else {
            continue;
        };
        let Some(ha) = process.flag("zk").or_else(|| process.flag("quorum")) else {
            continue;
        };
        out.push(
            Finding::new(format!(
                "`{}` is `in_memory` on a master with `{}`",
                registry.display, ha.display
            ))
            .primary(registry.value.span, "state is lost on every failover")
            .secondary(ha.name.span, "set up for high availability")
            .help("use `--registry=replicated_log` with `--work_dir` and `--quorum`"),
        );
    }
    out
}
