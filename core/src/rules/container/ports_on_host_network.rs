use crate::diagnostic::Severity;

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
        check: None,
    };
}
