use crate::diagnostic::Severity;

declare_rule! {
    /// A `meslint.toml` that meslint cannot use.
    ///
    /// ## What it finds
    /// TOML syntax errors, unknown keys, and values of the wrong kind in `meslint.toml`, such as
    /// a release meslint does not know.
    ///
    /// ## Why it matters
    /// The file tells meslint what the configuration files cannot (target releases, host
    /// addresses, the number of masters); a part it cannot read is ignored, and checks that
    /// depend on it run with defaults.
    ///
    /// ## How to fix
    /// Correct the line the label points at; the README lists every key.
    ///
    /// ## Example
    /// `zookeeper_version = "3.10"`.
    pub static INVALID_PROJECT_FILE = Rule {
        code: "ML004",
        name: "invalid_project_file",
        severity: Severity::Error,
        applies_to: "all",
        check: None,
    };
}
