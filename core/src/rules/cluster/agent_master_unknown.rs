use std::collections::BTreeMap;

use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::Role;
use crate::model::zk_url::MasterAddr;
use crate::rules::Context;
use crate::source::Span;
use crate::template::has_placeholder;

declare_rule! {
    /// An agent whose `--master=host:port` is not one of the cluster's masters.
    ///
    /// ## What it finds
    /// An agent configured with a fixed master address (`host:port` or `master@host:port`)
    /// that matches no master meslint found: no master host with that name or address, or
    /// the master there listens on another port. One finding per wrong address, with a label
    /// on every agent that names it.
    ///
    /// ## Why it matters
    /// The agent registers with that address only. If it is not a master, the agent never
    /// registers and its resources are never offered.
    ///
    /// ## How to fix
    /// Point the agent at the masters' `zk://` URL (it then follows failovers), or at a
    /// master's address and `--port`.
    ///
    /// ## Example
    /// Masters on `m1:5050`, agent `--master=m2:5050`.
    pub static AGENT_MASTER_UNKNOWN = Rule {
        code: "CX105",
        name: "agent_master_unknown",
        severity: Severity::Error,
        applies_to: "all Mesos releases",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    // Each master with the index of its host, for comparing machines.
    let masters: Vec<_> = ctx
        .cluster
        .hosts
        .iter()
        .enumerate()
        .flat_map(|(i, h)| h.mesos.iter().map(move |p| (i, h, p)))
        .filter(|(_, _, p)| p.role == Role::Master)
        .collect();
    if masters.is_empty() {
        return Vec::new();
    }
    let ids = ctx.identities();
    // One mistake, one finding: every agent that names the same wrong address (or the same
    // master with the same wrong port) is a label of one finding.
    let mut unknown: BTreeMap<String, Vec<(&str, Span)>> = BTreeMap::new();
    // ((the master's host, the port named), (the master, an agent that names it)).
    let mut wrong_port = Vec::new();
    let agents = ctx
        .cluster
        .hosts
        .iter()
        .enumerate()
        .flat_map(|(i, h)| h.mesos.iter().map(move |p| (i, h, p)));
    for (index, host, agent) in agents {
        let Some(MasterAddr::Pid { host: target, port }) = agent.master() else {
            continue;
        };
        if has_placeholder(&target.value) {
            continue;
        }
        // A loopback address means a master on the agent's own host.
        let local = crate::net::is_loopback(&target.value);
        let machine = if local {
            Some(ids.machine(index))
        } else {
            ids.host_of(&target.value)
        };
        let at_host = masters
            .iter()
            .find(|(i, _, _)| Some(ids.machine(*i)) == machine);
        match at_host {
            None => {
                // A loopback target is another address on each agent's machine.
                let key = if local {
                    format!("{}\0{}", target.value, host.name)
                } else {
                    target.value.clone()
                };
                unknown
                    .entry(key)
                    .or_default()
                    .push((host.name.as_str(), target.span));
            }
            Some((mi, mh, master)) => {
                let Some(mport) = master.port() else { continue };
                if mport.value != port.value {
                    let wrong = WrongPort {
                        master: mh.name.as_str(),
                        listens: mport.value,
                        listens_at: mport.span,
                    };
                    wrong_port.push(((*mi, port.value), (wrong, (host.name.as_str(), port.span))));
                }
            }
        }
    }
    let found = if masters.len() == 1 {
        "the master found".to_owned()
    } else {
        format!("one of the {} masters found", masters.len())
    };
    let mut findings = Vec::new();
    for (key, agents) in unknown {
        let target = key.split('\0').next().unwrap_or_default();
        let verb = registers(agents.len());
        let mut f = Finding::new(format!(
            "{} {verb} with `{target}`, which is not {found}",
            the_agents(&agents)
        ));
        for (_, span) in &agents {
            f = f.primary(*span, "no master here");
        }
        findings.push(f.help("use the masters' zk:// URL, or a master's address"));
    }
    for ((_, port), uses) in crate::sort::group(wrong_port) {
        let wrong = &uses[0].0;
        let agents: Vec<(&str, Span)> = uses.iter().map(|(_, agent)| *agent).collect();
        let verb = registers(agents.len());
        let mut f = Finding::new(format!(
            "{} {verb} with port {port}, but the master on {} listens on {}",
            the_agents(&agents),
            wrong.master,
            wrong.listens
        ));
        for (_, span) in &agents {
            f = f.primary(*span, format!("should be {}", wrong.listens));
        }
        findings.push(
            f.secondary(wrong.listens_at, "the master's port")
                .help("use the master's `--port`"),
        );
    }
    findings
}

/// A master that agents name with a port it does not listen on.
struct WrongPort<'a> {
    master: &'a str,
    listens: u16,
    listens_at: Span,
}

/// "the agent on a1", "the agents on a1, a2".
/// The verb for that many agents.
fn registers(agents: usize) -> &'static str {
    if agents == 1 { "registers" } else { "register" }
}

fn the_agents(agents: &[(&str, Span)]) -> String {
    let mut names: Vec<&str> = agents.iter().map(|(n, _)| *n).collect();
    names.dedup();
    let plural = if names.len() == 1 { "" } else { "s" };
    format!("the agent{plural} on {}", names.join(", "))
}
