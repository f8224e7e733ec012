use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;

declare_rule! {
    /// Published ports on a container that uses the host's network.
    ///
    /// ## What it finds
    /// `ports:` (or `-p`) on a service with `network_mode: host` (or `--net=host`).
    ///
    /// ## Why it matters
    /// On the host network there is nothing to publish: Docker discards the mappings
    /// ("Published ports are discarded when using host network mode") and the daemon listens
    /// on the host's own port. A mapping such as `"15050:5050"` suggests a port that nothing
    /// listens on, and two such services on one host clash although their mappings differ.
    ///
    /// ## How to fix
    /// Remove the mappings and set the port with the daemon's own flag (`--port`,
    /// `clientPort`), or leave the host network and keep the mappings.
    ///
    /// ## Example
    /// `network_mode: host` with `ports: ["15050:5050"]`.
    pub static PORTS_ON_HOST_NETWORK = Rule {
        code: "CT102",
        name: "ports_on_host_network",
        severity: Severity::Warning,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for container in ctx.cluster.hosts.iter().flat_map(|h| &h.containers) {
        let (Some(first), Some(net)) = (container.ports.first(), container.host_network) else {
            continue;
        };
        let span = container.ports.iter().skip(1).fold(first.span, |s, p| {
            if p.span.file == s.file {
                s.cover(p.span)
            } else {
                s
            }
        });
        findings.push(
            Finding::new(format!(
                "`{}` publishes ports on the host network, where Docker discards them",
                container.name.value
            ))
            .primary(span, "discarded")
            .secondary(net, "the container uses the host's network")
            .help("remove the port mappings: the daemons listen on the host's own ports (set them with flags)"),
        );
    }
    findings
}
