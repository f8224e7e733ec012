use crate::diagnostic::Severity;

declare_rule! {
    /// A path written with backslashes.
    ///
    /// ## What it finds
    /// A path value (`dataDir`, `dataLogDir`, `dynamicConfigFile`, ...) holding `\`.
    ///
    /// ## Why it matters
    /// In a Properties file a backslash starts an escape: `C:\zookeeper\data` silently becomes
    /// `C:zookeeperdata`, and `\u` followed by non-hex digits stops ZooKeeper from starting.
    ///
    /// ## How to fix
    /// Write paths with forward slashes (`C:/zookeeper/data`), which Java accepts on Windows too,
    /// or double each backslash.
    ///
    /// ## Example
    /// `dataDir=C:\zookeeper\data`.
    pub static BACKSLASH_IN_PATH = Rule {
        code: "ZK005",
        name: "backslash_in_path",
        severity: Severity::Warning,
        applies_to: "all",
        check: None,
    };
}
