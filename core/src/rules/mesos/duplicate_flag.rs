use crate::diagnostic::Severity;

declare_rule! {
    /// A flag given twice, under the same or different names.
    ///
    /// ## What it finds
    /// The same flag set twice on the command line (including by the init wrapper from a
    /// variable and a flag file), a deprecated alias next to its canonical name, `--x` next to
    /// `--no-x`, or an environment variable and a command-line flag that name one flag
    /// differently. Two `MESOS_*` variables for one flag are a warning: one silently wins.
    ///
    /// ## Why it matters
    /// Mesos refuses to start: `Flag 'zk' is already loaded via name 'zk'`.
    ///
    /// ## How to fix
    /// Keep one setting per flag, under its canonical name.
    ///
    /// ## Example
    /// `ZK=...` in `/etc/default/mesos-master` together with `/etc/mesos-master/zk`;
    /// `MESOS_SLAVE_PING_TIMEOUT` with `--agent_ping_timeout`.
    pub static DUPLICATE_FLAG = Rule {
        code: "MS002",
        name: "duplicate_flag",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check: None,
    };
}
