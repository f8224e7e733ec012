use crate::diagnostic::Severity;

declare_rule! {
    /// Two or more servers of one configured ensemble answer as leader.
    ///
    /// ## What it finds
    /// More than one server the configuration lists as one ensemble answers `srvr` with
    /// `Mode: leader`.
    ///
    /// ## Why it matters
    /// One ensemble has one leader. Two leaders mean the servers run as separate ensembles
    /// (their server lists or myids differ from what was linted), each with its own data: a
    /// split cluster in which Mesos masters on each side elect their own leading master.
    ///
    /// ## How to fix
    /// Give every server the same `server.N` list and a myid matching its own line, then
    /// restart the smaller side so that it joins the other.
    ///
    /// ## Example
    /// `zk1` and `zk2` each started with a zoo.cfg that lists only itself and `zk3`.
    pub static MULTIPLE_LEADERS = Rule {
        code: "PR005",
        name: "multiple_leaders",
        severity: Severity::Error,
        applies_to: "all ZooKeeper releases (with `--probe`)",
        check: super::live,
    };
}
