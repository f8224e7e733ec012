use crate::diagnostic::Severity;

declare_rule! {
    /// A `#` comment written after a value on the same line.
    ///
    /// ## What it finds
    /// A value holding blanks followed by `#`, as in `clientPort=2181 # client port`.
    ///
    /// ## Why it matters
    /// Properties files only have whole-line comments. The comment becomes part of the value: a
    /// number then fails to parse (ZooKeeper refuses to start), and a path or host silently gets
    /// the comment appended.
    ///
    /// ## How to fix
    /// Move the comment to a line of its own.
    ///
    /// ## Example
    /// `dataDir=/var/lib/zookeeper # data` makes ZooKeeper write to a directory named `zookeeper #
    /// data`.
    pub static INLINE_COMMENT = Rule {
        code: "ZK004",
        name: "inline_comment",
        severity: Severity::Warning,
        applies_to: "all",
        check: None,
    };
}
