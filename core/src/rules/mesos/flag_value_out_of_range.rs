use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::{Duration, EffectiveFlag, FlagValue, MesosProcess, Role};
use crate::rules::Context;

declare_rule! {
    /// A flag value that parses but lies outside the range Mesos allows.
    ///
    /// ## What it finds
    /// Masters: `--agent_ping_timeout` outside 1secs to 15mins, `--agent_reregister_timeout`
    /// under 10mins, `--offer_timeout` of zero, `--max_agent_ping_timeouts` under 1. Agents:
    /// `--executor_reregistration_timeout` over 15secs, `--registration_backoff_factor` over
    /// 1mins, `--gc_disk_headroom` outside 0.0 to 1.0. Both: `--advertise_port=0`.
    ///
    /// ## Why it matters
    /// Mesos checks these at start-up and exits, e.g. `Invalid value '5mins' for
    /// --agent_reregister_timeout: Must be at least 10mins`.
    ///
    /// ## How to fix
    /// Bring the value inside the range.
    ///
    /// ## Example
    /// `--agent_reregister_timeout=5mins`, `--gc_disk_headroom=10`.
    pub static FLAG_VALUE_OUT_OF_RANGE = Rule {
        code: "MS106",
        name: "flag_value_out_of_range",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

/// A duration bound: flag, role, lowest, highest, and Mesos's complaint.
struct DurationBound {
    flag: &'static str,
    role: Role,
    min: Option<Duration>,
    max: Option<Duration>,
    says: &'static str,
}

fn bounds() -> [DurationBound; 5] {
    [
        DurationBound {
            flag: "agent_ping_timeout",
            role: Role::Master,
            min: Some(Duration::secs(1)),
            max: Some(Duration::mins(15)),
            says: "Expected `--agent_ping_timeout` to be between 1secs and 15mins",
        },
        DurationBound {
            flag: "agent_reregister_timeout",
            role: Role::Master,
            min: Some(Duration::mins(10)),
            max: None,
            says: "Must be at least 10mins",
        },
        DurationBound {
            flag: "offer_timeout",
            role: Role::Master,
            min: Some(Duration(1)),
            max: None,
            says: "Must be greater than zero",
        },
        DurationBound {
            flag: "executor_reregistration_timeout",
            role: Role::Agent,
            min: None,
            max: Some(Duration::secs(15)),
            says: "Expected `--executor_reregistration_timeout` to be not more than 15secs",
        },
        DurationBound {
            flag: "registration_backoff_factor",
            role: Role::Agent,
            min: None,
            max: Some(Duration::mins(1)),
            says: "Must be less than 1mins",
        },
    ]
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for process in super::processes(ctx) {
        for bound in bounds().iter().filter(|b| b.role == process.role) {
            let Some(flag) = readable(process, bound.flag) else {
                continue;
            };
            let FlagValue::Duration(d) = flag.read else {
                continue;
            };
            let low = bound.min.is_some_and(|m| d < m);
            let high = bound.max.is_some_and(|m| d > m);
            if low || high {
                out.push(finding(flag, bound.says));
            }
        }
        if process.role == Role::Master
            && let Some(flag) = readable(process, "max_agent_ping_timeouts")
            && matches!(flag.read, FlagValue::Uint { value, .. } if value < 1)
        {
            out.push(finding(
                flag,
                "Expected `--max_agent_ping_timeouts` to be at least 1",
            ));
        }
        if process.role == Role::Agent
            && let Some(flag) = readable(process, "gc_disk_headroom")
            && matches!(flag.read, FlagValue::Double(n) if !(0.0..=1.0).contains(&n))
        {
            out.push(finding(flag, "Must be between 0.0 and 1.0"));
        }
        if let Some(flag) = readable(process, "advertise_port")
            && flag.value.value == "0"
        {
            out.push(finding(flag, "not a valid port"));
        }
    }
    out
}

fn readable<'a>(process: &'a MesosProcess, name: &str) -> Option<&'a EffectiveFlag> {
    process.flag(name).filter(|f| !f.unknown)
}

fn finding(flag: &EffectiveFlag, says: &str) -> Finding {
    let (value, display) = (&flag.value.value, &flag.display);
    Finding::new(format!("`{value}` is out of range for `{display}`"))
        .primary(flag.value.span, says.to_owned())
        .help(format!(
            "Mesos fails with: Invalid value '{value}' for {display}: {says}"
        ))
}
