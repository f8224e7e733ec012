use crate::diagnostic::Severity;

declare_rule! {
    /// A flag or `MESOS_*` variable that the daemon does not know.
    ///
    /// ## What it finds
    /// A command-line flag, flag file or `MESOS_*` environment variable whose name is not a flag
    /// of `mesos-master` or `mesos-agent` in any release, with the closest known name.
    ///
    /// ## Why it matters
    /// An unknown command-line flag stops the daemon (`Failed to load unknown flag 'NAME'`).
    /// An unknown `MESOS_*` variable is silently ignored, so a typo such as `MESOS_ISOLATOR`
    /// leaves the setting at its default without any message. Variables that the other daemon
    /// knows are not reported: one environment file often serves both.
    ///
    /// ## How to fix
    /// Correct the name (flag names use `_`, never `-`), or remove the setting.
    ///
    /// ## Example
    /// `--work-dir=/var/lib/mesos` (should be `--work_dir`), `MESOS_ISOLATOR=cgroups/cpu`.
    pub static UNKNOWN_FLAG = Rule {
        code: "MS001",
        name: "unknown_flag",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check: None,
    };
}
