use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::{EffectiveFlag, Origin, Overridden, Role};
use crate::rules::Context;

declare_rule! {
    /// A highly available master with the in-memory registry.
    ///
    /// ## What it finds
    /// `--registry=in_memory` on a master that also has `--zk` or `--quorum`, or passed by an
    /// image's default command over a `MESOS_REGISTRY` the container sets.
    ///
    /// ## Why it matters
    /// The in-memory registry is for testing: every failover loses the registered agents,
    /// maintenance schedules, quotas and weights. The `mesosphere/mesos-master` Docker image
    /// passes `--registry=in_memory` by default, beating `MESOS_REGISTRY`.
    ///
    /// ## How to fix
    /// Use `--registry=replicated_log` (the default) with `--work_dir` and `--quorum`. In a
    /// container, give it as the container's command: that replaces the image's `CMD`.
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
        if let Some(env) = env_beaten_by_image(registry) {
            out.push(image_default_finding(registry, env));
            continue;
        }
        let Some(ha) = process.flag("zk").or_else(|| process.flag("quorum")) else {
            continue;
        };
        // The image's CMD passes it: the fix is a command for the container, not a flag.
        let (message, help) = if registry.origin == Origin::Default {
            (
                format!(
                    "the image's default command passes `--registry=in_memory` to a master with `{}`",
                    ha.display
                ),
                "give the container a command with `--registry=replicated_log` (it replaces the image's CMD)",
            )
        } else {
            (
                format!(
                    "`{}` is `in_memory` on a master with `{}`",
                    registry.display, ha.display
                ),
                "use `--registry=replicated_log` with `--work_dir` and `--quorum`",
            )
        };
        out.push(
            Finding::new(message)
                .primary(registry.value.span, "state is lost on every failover")
                .secondary(ha.name.span, "set up for high availability")
                .help(help),
        );
    }
    out
}

/// The `MESOS_REGISTRY` an image's default command (`CMD ["--registry=in_memory"]`) beats:
/// the container asked for another registry and silently got the in-memory one.
pub(crate) fn env_beaten_by_image(registry: &EffectiveFlag) -> Option<&Overridden> {
    if registry.origin != Origin::Default {
        return None;
    }
    registry.overridden.iter().find(|o| {
        o.origin == Origin::Env && o.value.as_ref().is_some_and(|v| v.value != "in_memory")
    })
}

/// One finding for an image's default `--registry=in_memory` that beats the container's
/// `MESOS_REGISTRY`; `in_memory_registry_ha` (CM104) words its message for several masters.
pub(crate) fn image_default_finding(registry: &EffectiveFlag, env: &Overridden) -> Finding {
    let wanted = env
        .value
        .as_ref()
        .map_or("replicated_log", |v| v.value.as_str());
    let finding = Finding::new(format!(
        "the image's default command passes `--registry=in_memory`, which overrides `{}={wanted}`",
        env.display
    ))
    .primary(
        registry.value.span,
        "its CMD: the registry is kept in memory",
    )
    .help(format!(
        "give the container a command with `--registry={wanted}` (it replaces the image's CMD)"
    ));
    match &env.value {
        Some(value) => finding.secondary(value.span, "ignored: the image's command line wins"),
        None => finding,
    }
}
