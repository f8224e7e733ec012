use crate::diagnostic::Severity;

declare_rule! {
    /// An ensemble whose answering servers have no leader.
    ///
    /// ## What it finds
    /// At least one server of the ensemble answered, and none of them is the leader: they
    /// answer `This ZooKeeper instance is not currently serving requests`, or `Mode: follower`
    /// with the leader among the servers that did not answer.
    ///
    /// ## Why it matters
    /// Without a leader the ensemble serves no client: Mesos masters cannot elect a leading
    /// master and abort after their ZooKeeper session timeout, and agents cannot find a
    /// master. Servers that run but do not serve usually lack a majority (too many are down,
    /// or they cannot reach each other on the quorum and election ports).
    ///
    /// ## How to fix
    /// Bring up enough servers for a majority of the voting servers, and check that each can
    /// reach the others on the ports of its `server.N` lines.
    ///
    /// ## Example
    /// Three servers, two of them stopped: the third answers but does not serve.
    pub static LEADERLESS_ENSEMBLE = Rule {
        code: "PR004",
        name: "leaderless_ensemble",
        severity: Severity::Error,
        applies_to: "all ZooKeeper releases (with `--probe`)",
        check: super::live,
    };
}
