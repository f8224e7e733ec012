use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;

declare_rule! {
    /// Two Mesos daemons on one host that listen on the same port.
    ///
    /// ## What it finds
    /// A master and an agent (or two of either) configured on one host with the same
    /// `--port`, for example through a shared `/etc/default/mesos` that sets `MESOS_PORT`, which
    /// both daemons read.
    ///
    /// ## Why it matters
    /// Both binaries read every `MESOS_*` variable, so one shared setting moves both daemons.
    /// The second to start cannot bind: `Failed to initialize: Failed to bind on <ip>:<port>:
    /// Address already in use`.
    ///
    /// ## How to fix
    /// Set the port per daemon (`/etc/default/mesos-master`, `/etc/mesos-slave/port`, or the
    /// command line), or keep the defaults: 5050 for masters, 5051 for agents.
    ///
    /// ## Example
    /// `/etc/default/mesos` with `MESOS_PORT=5050` on a host that runs a master and an agent.
    pub static MESOS_PORT_CLASH = Rule {
        code: "CM107",
        name: "mesos_port_clash",
        severity: Severity::Error,
        applies_to: "all Mesos releases",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for host in &ctx.cluster.hosts {
        if host.mesos.len() < 2 {
            continue;
        }
        let mut ports = Vec::new();
        for process in &host.mesos {
            if let Some(port) = process.port().filter(|p| p.value != 0) {
                ports.push((port.value, (process, port.span)));
            }
        }
        for (port, users) in crate::sort::group(ports) {
            let Some(((first, first_span), rest)) = users.split_first() else {
                continue;
            };
            if rest.is_empty() {
                continue;
            }
            let role = first.role.as_str();
            let message = if rest.iter().all(|(p, _)| p.role == first.role) {
                match rest.len() {
                    1 => format!("both {role}s on {} listen on port {port}", host.name),
                    n => format!(
                        "the {} {role}s on {} all listen on port {port}",
                        n + 1,
                        host.name
                    ),
                }
            } else {
                format!(
                    "the {role} and the {} on {} both listen on port {port}",
                    rest[0].0.role.as_str(),
                    host.name
                )
            };
            let mut finding = Finding::new(message);
            if rest.iter().all(|(_, span)| span == first_span) {
                // One setting read by both daemons: one place to fix.
                finding = finding.primary(*first_span, "read by both daemons");
            } else {
                finding = finding.secondary(*first_span, format!("this {role}'s port"));
                for (process, span) in rest {
                    finding =
                        finding.primary(*span, format!("this {}'s port", process.role.as_str()));
                }
            }
            findings
                .push(finding.help("give each daemon its own port (masters 5050, agents 5051)"));
        }
    }
    findings
}
