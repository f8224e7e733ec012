use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;
use crate::rules::mesos::in_memory_registry::{env_beaten_by_image, image_default_finding};

declare_rule! {
    /// `--registry=in_memory` on a cluster with several masters.
    ///
    /// ## What it finds
    /// A master started with `--registry=in_memory` when the cluster runs more than one
    /// master.
    ///
    /// ## Why it matters
    /// The in-memory registry exists for tests: it is not replicated. Every failover starts the
    /// new leader with an empty registry, so agents, maintenance schedules, quotas and weights
    /// are forgotten. The `mesosphere/mesos-master` image passes it by default on its command
    /// line, which silently beats `MESOS_REGISTRY=replicated_log`.
    ///
    /// ## How to fix
    /// Use the default `--registry=replicated_log` with `--quorum` and `--work_dir`.
    ///
    /// ## Example
    /// Three masters with `--registry=in_memory`.
    pub static IN_MEMORY_REGISTRY_HA = Rule {
        code: "CM104",
        name: "in_memory_registry_ha",
        severity: Severity::Error,
        applies_to: "all Mesos releases",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let masters = ctx.masters();
    if masters.count < 2 {
        return Vec::new();
    }
    masters
        .found
        .iter()
        .filter_map(|(host, p)| {
            let flag = p
                .flag("registry")
                .filter(|f| f.value.value == "in_memory")?;
            // No host in the message: the same mistake on every master is one finding, with
            // a label on each.
            if let Some(env) = env_beaten_by_image(flag) {
                let finding = image_default_finding(flag, env);
                return Some(Finding {
                    message: format!(
                        "{}, in a cluster of {} masters",
                        finding.message, masters.count
                    ),
                    ..finding
                });
            }
            Some(
                Finding::new(format!(
                    "a master keeps its registry in memory, in a cluster of {} masters",
                    masters.count
                ))
                .primary(
                    flag.value.span,
                    format!("{}: state is lost at every failover", host.name),
                )
                .help("use `--registry=replicated_log` (the default) with `--quorum`"),
            )
        })
        .collect()
}
