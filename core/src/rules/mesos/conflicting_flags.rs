use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::{FlagValue, MesosProcess, Role};
use crate::rules::Context;

declare_rule! {
    /// Flags that exclude each other, or one of a pair that needs the other.
    ///
    /// ## What it finds
    /// `--ip` with `--ip_discovery_command`, `--ip6` with `--ip6_discovery_command`,
    /// `--modules` with `--modules_dir`, an agent's `--master` with `--master_detector`, a
    /// master's `--zk` with `--master_contender`/`--master_detector`, one of the contender
    /// and detector modules without the other, and, on an agent with the `network/ports`
    /// isolator, `--check_agent_port_range_only` with `--container_ports_isolated_range`.
    ///
    /// ## Why it matters
    /// Mesos refuses to start, e.g. ``Only one of `--ip` or `--ip_discovery_command` should be
    /// specified`` or `Both --master_contender and --master_detector should be specified or
    /// omitted.` The port pair is refused by the isolator when the agent creates it
    /// (`src/slave/containerizer/mesos/isolators/network/ports.cpp`, Mesos 1.8+): ``Only one of
    /// `--check_agent_port_range_only` or '--container_ports_isolated_range` should be
    /// specified``; without `network/ports` neither flag is read.
    ///
    /// ## How to fix
    /// Keep one of the exclusive flags; give contender and detector together.
    ///
    /// ## Example
    /// `--ip=10.0.0.5 --ip_discovery_command=/opt/bin/detect_ip`.
    pub static CONFLICTING_FLAGS = Rule {
        code: "MS202",
        name: "conflicting_flags",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for process in super::processes(ctx) {
        let mut pairs = vec![("ip", "ip_discovery_command"), ("modules", "modules_dir")];
        match process.role {
            Role::Agent => {
                pairs.push(("ip6", "ip6_discovery_command"));
                pairs.push(("master", "master_detector"));
            }
            Role::Master => {
                pairs.push(("zk", "master_contender"));
                pairs.push(("zk", "master_detector"));
            }
        }
        for (a, b) in pairs {
            if let (Some(fa), Some(fb)) = (process.flag(a), process.flag(b)) {
                out.push(
                    Finding::new(format!(
                        "`{}` and `{}` exclude each other",
                        fa.display, fb.display
                    ))
                    .primary(fb.name.span, "remove this one")
                    .secondary(fa.name.span, "or this one")
                    .help(format!("keep only one; Mesos fails with: Only one of --{a} or --{b} should be specified")),
                );
            }
        }
        if process.role == Role::Agent {
            port_policies(process, &mut out);
        }
        if process.role == Role::Master && !process.is_set("zk") {
            pair_needed(process, &mut out);
        }
    }
    out
}

/// The two ways of choosing the ports `network/ports` polices, which the isolator refuses
/// together; `--check_agent_port_range_only=false` chooses nothing.
fn port_policies(process: &MesosProcess, out: &mut Vec<Finding>) {
    let isolated = process
        .flag("isolation")
        .filter(|f| !f.unknown)
        .is_some_and(|f| f.items().iter().any(|i| i.value == "network/ports"));
    let only = process
        .flag("check_agent_port_range_only")
        .filter(|f| f.read == FlagValue::Bool(true));
    let (true, Some(only), Some(range)) = (
        isolated,
        only,
        process.flag("container_ports_isolated_range"),
    ) else {
        return;
    };
    out.push(
        Finding::new(format!(
            "`{}` and `{}` exclude each other",
            only.display, range.display
        ))
        .primary(range.name.span, "remove this one")
        .secondary(only.name.span, "or this one")
        .help(
            "keep only one; the `network/ports` isolator fails with: Only one of \
             `--check_agent_port_range_only` or '--container_ports_isolated_range` should be \
             specified",
        ),
    );
}

fn pair_needed(process: &MesosProcess, out: &mut Vec<Finding>) {
    let contender = process.flag("master_contender");
    let detector = process.flag("master_detector");
    let (present, absent) = match (contender, detector) {
        (Some(c), None) => (c, "master_detector"),
        (None, Some(d)) => (d, "master_contender"),
        _ => return,
    };
    out.push(
        Finding::new(format!("`{}` without `--{absent}`", present.display))
            .primary(present.name.span, "needs its partner module")
            .help(format!(
                "add `--{absent}` or remove `{}`; Mesos fails with: Both --master_contender \
                 and --master_detector should be specified or omitted.",
                present.display
            )),
    );
}
