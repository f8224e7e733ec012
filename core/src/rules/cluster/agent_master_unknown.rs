use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::Role;
use crate::model::zk_url::MasterAddr;
use crate::rules::Context;
use crate::template::has_placeholder;

declare_rule! {
    /// An agent whose `--master=host:port` is not one of the cluster's masters.
    ///
    /// ## What it finds
    /// An agent configured with a fixed master address (`host:port` or `master@host:port`)
    /// that matches no master meslint found: no master host with that name or address, or
    /// the master there listens on another port.
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
    let mut findings = Vec::new();
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
        let at_host: Vec<_> = masters
            .iter()
            .filter(|(i, _, _)| Some(ids.machine(*i)) == machine)
            .collect();
        match at_host.first() {
            None => findings.push(
                Finding::new(format!(
                    "the agent on {} registers with `{}`, which is not {}",
                    host.name,
                    target.value,
                    if masters.len() == 1 {
                        "the master found".to_owned()
                    } else {
                        format!("one of the {} masters found", masters.len())
                    }
                ))
                .primary(target.span, "no master here")
                .help("use the masters' zk:// URL, or a master's address"),
            ),
            Some((_, mh, master)) => {
                let Some(mport) = master.port() else { continue };
                if mport.value != port.value {
                    findings.push(
                        Finding::new(format!(
                            "the agent on {} registers with port {}, but the master on {} listens on {}",
                            host.name, port.value, mh.name, mport.value
                        ))
                        .primary(port.span, format!("should be {}", mport.value))
                        .secondary(mport.span, "the master's port")
                        .help("use the master's `--port`"),
                    );
                }
            }
        }
    }
    findings
}
