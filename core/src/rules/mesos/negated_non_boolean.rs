use crate::diagnostic::Severity;

declare_rule! {
    /// A `--no-` prefix on a flag that is not a boolean, or with a value.
    ///
    /// ## What it finds
    /// `--no-name` where `name` takes a value other than a boolean, and `--no-name=value`
    /// with a non-empty value.
    ///
    /// ## Why it matters
    /// Mesos refuses to start: `Failed to load non-boolean flag 'NAME' via 'no-NAME'`, or
    /// `Failed to load boolean flag 'NAME' via 'no-NAME' with value 'VALUE'`.
    ///
    /// ## How to fix
    /// Use `--no-name` alone for booleans, or `--name=false`; give other flags a value.
    ///
    /// ## Example
    /// `--no-switch_user=true`, `--no-quorum`.
    pub static NEGATED_NON_BOOLEAN = Rule {
        code: "MS004",
        name: "negated_non_boolean",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check: None,
    };
}
