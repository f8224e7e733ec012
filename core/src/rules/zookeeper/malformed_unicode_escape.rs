use crate::diagnostic::Severity;

declare_rule! {
    /// A `\u` escape that is not followed by four hex digits.
    ///
    /// ## What it finds
    /// A key or value in zoo.cfg or a dynamic file holding `\u` followed by anything but four
    /// hexadecimal digits.
    ///
    /// ## Why it matters
    /// Java's `Properties.load` stops with `Malformed \uxxxx encoding.`, and ZooKeeper refuses to
    /// start with `Error processing <path>`.
    ///
    /// ## How to fix
    /// Write the escape as `\u` plus exactly four hex digits, or write `\\` for a literal
    /// backslash.
    ///
    /// ## Example
    /// `dataDir=C:\users\zk`: `\us` is not an escape Java can read.
    pub static MALFORMED_UNICODE_ESCAPE = Rule {
        code: "ZK001",
        name: "malformed_unicode_escape",
        severity: Severity::Error,
        applies_to: "all",
        check: None,
    };
}
