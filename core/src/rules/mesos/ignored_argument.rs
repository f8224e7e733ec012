use crate::diagnostic::Severity;

declare_rule! {
    /// An argument that Mesos skips without a word: single dash or stray word.
    ///
    /// ## What it finds
    /// Arguments of a `mesos-master` or `mesos-agent` invocation that do not start with `--`,
    /// such as `-zk=...` or a positional word.
    ///
    /// ## Why it matters
    /// Mesos ignores every argument that does not start with `--`. A flag written with one dash
    /// is silently dropped: `-zk=zk://...` leaves a master without ZooKeeper, running alone
    /// and electing itself leader.
    ///
    /// ## How to fix
    /// Write flags with two dashes; remove stray words.
    ///
    /// ## Example
    /// `mesos-master -zk=zk://10.0.0.1:2181/mesos -quorum=2`.
    pub static IGNORED_ARGUMENT = Rule {
        code: "MS005",
        name: "ignored_argument",
        severity: Severity::Warning,
        applies_to: "Mesos 1.0+",
        check: None,
    };
}
