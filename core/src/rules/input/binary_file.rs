use crate::diagnostic::Severity;

declare_rule! {
    /// A configuration file that holds binary data.
    ///
    /// ## What it finds
    /// A file whose name says it is configuration (`zoo.cfg`, `myid`, a Mesos env file) but
    /// whose bytes include NUL characters.
    ///
    /// ## Why it matters
    /// Neither ZooKeeper nor Mesos expects binary data; a copied image or a truncated transfer
    /// in place of a config file fails at start-up or silently yields garbage values.
    ///
    /// ## How to fix
    /// Replace the file with the intended text configuration.
    ///
    /// ## Example
    /// A `myid` that holds `\0\0\0\x01` instead of the text `1`.
    pub static BINARY_FILE = Rule {
        code: "ML002",
        name: "binary_file",
        severity: Severity::Error,
        applies_to: "all",
        check: None,
    };
}
