use crate::diagnostic::Severity;

declare_rule! {
    /// A flag written `--name value` or without any value.
    ///
    /// ## What it finds
    /// A non-boolean flag without `=value`, usually because the value follows as a separate
    /// word; and a boolean flag followed by a stray word.
    ///
    /// ## Why it matters
    /// Mesos reads only `--name=value`. A non-boolean flag without `=` stops the daemon
    /// (`Failed to load non-boolean flag 'quorum': Missing value`). A boolean flag without `=`
    /// is set to true and the next word is skipped, so `--switch_user false` turns the switch
    /// on (a warning).
    ///
    /// ## How to fix
    /// Join name and value with `=`.
    ///
    /// ## Example
    /// `--quorum 2`, `--switch_user false`.
    pub static SPACE_SEPARATED_VALUE = Rule {
        code: "MS003",
        name: "space_separated_value",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check: None,
    };
}
