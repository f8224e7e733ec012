use crate::diagnostic::Severity;

declare_rule! {
    /// The Mesos masters registered in ZooKeeper differ from the masters configured.
    ///
    /// ## What it finds
    /// Under a zk URL's path, each running Mesos master (1.0+) holds an ephemeral
    /// `json.info_*` znode with its MasterInfo: address (ip, port, hostname), id and version.
    /// meslint compares them with the configured masters (by host name, `--ip`,
    /// `--hostname` and `--port`, default 5050): a registered master that no configuration
    /// describes is a warning; a configured master that is not registered is info (it is
    /// down, or registers elsewhere).
    ///
    /// ## Why it matters
    /// A master registered but not configured takes part in leader election and in the
    /// replicated log's quorum without being managed with the rest: it may run an old
    /// configuration, or belong to another cluster that shares the path.
    ///
    /// ## How to fix
    /// Stop the stray master or give it a configuration in the linted tree; give every
    /// cluster its own path.
    ///
    /// ## Example
    /// Masters `10.0.0.11`-`13` configured, and a `json.info_` znode for `10.0.0.99:5050`.
    pub static MASTER_REGISTRATION_DIFFERS = Rule {
        code: "PR103",
        name: "master_registration_differs",
        severity: Severity::Warning,
        applies_to: "Mesos 1.0+ (with `--probe`)",
        check: super::live,
    };
}
