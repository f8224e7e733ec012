use crate::diagnostic::Severity;

declare_rule! {
    /// A zk URL host that answers as a ZooKeeper server but is not in the ensemble.
    ///
    /// ## What it finds
    /// A `host:port` of a zk URL that no `server.N` line of the ensemble names, and where a
    /// ZooKeeper server answers the probe.
    ///
    /// ## Why it matters
    /// The ZooKeeper client connects to any host of the list. A server there that is not a
    /// member belongs to another ensemble (or runs standalone): the Mesos daemons connected to
    /// it see other data, and masters may elect a second leading master there.
    ///
    /// ## How to fix
    /// List only the ensemble's servers in the zk URL, or add the server to the ensemble.
    ///
    /// ## Example
    /// `--zk=zk://zk1:2181,zk2:2181,zk9:2181/mesos` with the ensemble `zk1`-`zk3`, and a
    /// test ZooKeeper running on `zk9`.
    pub static UNLISTED_SERVER_ANSWERS = Rule {
        code: "PR007",
        name: "unlisted_server_answers",
        severity: Severity::Warning,
        applies_to: "all ZooKeeper releases (with `--probe`)",
        check: super::live,
    };
}
