use std::collections::BTreeSet;

use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::{EffectiveFlag, FlagValue, Role};
use crate::rules::Context;

declare_rule! {
    /// Effective capabilities that the bounding set does not hold.
    ///
    /// ## What it finds
    /// An agent with the `linux/capabilities` isolator whose `--effective_capabilities` (or
    /// its old name `--allowed_capabilities`) names a capability missing from
    /// `--bounding_capabilities`.
    ///
    /// ## Why it matters
    /// A task cannot hold a capability outside its bounding set, so the isolator refuses the
    /// pair and the agent does not start: `Allowed capabilities are not a subset of the
    /// bounding capabilites` (`src/slave/containerizer/mesos/isolators/linux/capabilities.cpp`,
    /// Mesos 1.4+). Values given as `file://` are not read.
    ///
    /// ## How to fix
    /// Add the capability to `--bounding_capabilities`, or drop it from
    /// `--effective_capabilities`.
    ///
    /// ## Example
    /// `--isolation=linux/capabilities --effective_capabilities={"capabilities":["NET_RAW","SYS_ADMIN"]}
    /// --bounding_capabilities={"capabilities":["NET_RAW"]}`.
    pub static CAPABILITIES_OUTSIDE_BOUNDING_SET = Rule {
        code: "MS408",
        name: "capabilities_outside_bounding_set",
        severity: Severity::Error,
        applies_to: "Mesos 1.4+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for process in super::processes(ctx).filter(|p| p.role == Role::Agent) {
        let isolated = process
            .flag("isolation")
            .filter(|f| !f.unknown)
            .is_some_and(|f| f.items().iter().any(|i| i.value == "linux/capabilities"));
        if !isolated {
            continue;
        }
        let (Some(effective), Some(bounding)) = (
            process.flag("effective_capabilities"),
            process.flag("bounding_capabilities"),
        ) else {
            continue;
        };
        let (Some(wanted), Some(allowed)) = (capabilities(effective), capabilities(bounding))
        else {
            continue;
        };
        let outside: Vec<String> = wanted
            .difference(&allowed)
            .map(|c| format!("`{c}`"))
            .collect();
        if outside.is_empty() {
            continue;
        }
        let list = outside.join(", ");
        out.push(
            Finding::new(format!(
                "`{}` holds {list}, outside `{}`",
                effective.display, bounding.display
            ))
            .primary(
                effective.value.span,
                format!("{list} not in the bounding set"),
            )
            .secondary(bounding.value.span, "the bounding set")
            .help(format!(
                "add {list} to `{}` or drop it from `{}`; the agent fails with: Allowed \
                 capabilities are not a subset of the bounding capabilites",
                bounding.display, effective.display
            )),
        );
    }
    out
}

/// The names in a `{"capabilities": [...]}` value; `None` when it is not read or has
/// another shape (`invalid_json_value` and Mesos's own parser speak of that).
fn capabilities(flag: &EffectiveFlag) -> Option<BTreeSet<String>> {
    let FlagValue::Json(json) = &flag.read else {
        return None;
    };
    let list = json.get("capabilities")?.as_array()?;
    let mut set = BTreeSet::new();
    for c in list {
        set.insert(c.as_str()?.to_owned());
    }
    Some(set)
}
