use std::collections::BTreeSet;

use serde_json::Value;

use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::{FlagValue, Role};
use crate::rules::Context;

declare_rule! {
    /// A `--default_container_dns` that Mesos refuses.
    ///
    /// ## What it finds
    /// Inline JSON for `--default_container_dns` that is not a `ContainerDNSInfo`: `mesos` or
    /// `docker` not a list, an entry without `dns`, a `network_mode` that is missing,
    /// `UNKNOWN`, `HOST` (not supported) or not a mode of its list (`CNI` for `mesos`;
    /// `BRIDGE` or `USER` for `docker`); two entries for the same network (two `CNI` or two
    /// `USER` entries with the same `network_name` or both without one, two `BRIDGE`
    /// entries).
    ///
    /// ## Why it matters
    /// The agent validates the flag when it loads it and does not start, e.g. ``Configuring
    /// DNS for HOST network with `--default_container_dns` is not yet supported`` (the
    /// validator of `default_container_dns` in `src/slave/flags.cpp`, the message in
    /// `src/messages/flags.proto`, Mesos 1.4+). Values given as `file://` are not read.
    ///
    /// ## How to fix
    /// One entry per network, each with its `network_mode` and a `dns` object:
    /// `{"mesos": [{"network_mode": "CNI", "network_name": "net1", "dns": {"nameservers":
    /// ["8.8.8.8"]}}]}`.
    ///
    /// ## Example
    /// `--default_container_dns={"docker": [{"network_mode": "HOST", "dns": {"nameservers":
    /// ["8.8.8.8"]}}]}`.
    pub static INVALID_CONTAINER_DNS = Rule {
        code: "MS117",
        name: "invalid_container_dns",
        severity: Severity::Error,
        applies_to: "Mesos 1.4+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for process in super::processes(ctx).filter(|p| p.role == Role::Agent) {
        let Some(flag) = process.flag("default_container_dns") else {
            continue;
        };
        let FlagValue::Json(json) = &flag.read else {
            continue;
        };
        if let Some(why) = problem(json) {
            out.push(
                Finding::new(format!("`{}` is refused: {why}", flag.display))
                    .primary(flag.value.span, "the agent refuses this value at start-up")
                    .help(
                        "give each network one entry with its `network_mode` (`CNI` for \
                         `mesos`; `BRIDGE` or `USER` for `docker`) and a `dns` object",
                    ),
            );
        }
    }
    out
}

/// The first thing Mesos refuses in the value, in its own words where it has them.
fn problem(json: &Value) -> Option<String> {
    let Some(object) = json.as_object() else {
        return Some("the value is not a JSON object".to_owned());
    };
    for (list, modes) in [("mesos", &["CNI"][..]), ("docker", &["BRIDGE", "USER"][..])] {
        let Some(entries) = object.get(list) else {
            continue;
        };
        let Some(entries) = entries.as_array() else {
            return Some(format!("`{list}` is not a list"));
        };
        let mut seen = BTreeSet::new();
        for entry in entries {
            if entry.get("dns").is_none_or(|d| !d.is_object()) {
                return Some(format!("an entry of `{list}` has no `dns` object"));
            }
            let mode = entry
                .get("network_mode")
                .and_then(Value::as_str)
                .unwrap_or("UNKNOWN");
            match mode {
                "UNKNOWN" => {
                    return Some(
                        "UNKNOWN network mode configured in `--default_container_dns`".to_owned(),
                    );
                }
                "HOST" => {
                    return Some(
                        "Configuring DNS for HOST network with `--default_container_dns` is \
                         not yet supported"
                            .to_owned(),
                    );
                }
                _ if !modes.contains(&mode) => {
                    return Some(format!("`{mode}` is not a network mode of `{list}`"));
                }
                _ => {}
            }
            // Bridge is one network; the others are told apart by name, or are the default.
            let name = match mode {
                "BRIDGE" => None,
                _ => entry.get("network_name").and_then(Value::as_str),
            };
            if !seen.insert((mode, name)) {
                return Some(match name {
                    Some(name) => {
                        format!("two entries of `{list}` for the {mode} network `{name}`")
                    }
                    None if mode == "BRIDGE" => {
                        "two entries of `docker` for the default bridge network".to_owned()
                    }
                    None => format!("two entries of `{list}` for {mode} networks without a name"),
                });
            }
        }
    }
    None
}
