use crate::diagnostic::Severity;

declare_rule! {
    /// A zoo.cfg or dynamic file that starts with a UTF-8 byte order mark.
    ///
    /// ## What it finds
    /// The three bytes `EF BB BF` that some Windows editors put at the start of a file.
    ///
    /// ## Why it matters
    /// ZooKeeper reads the file as ISO-8859-1, so the mark becomes part of the first key
    /// (`ï»¿tickTime`). That key is then unknown and silently ignored: the setting falls back to
    /// its default.
    ///
    /// ## How to fix
    /// Save the file without a byte order mark ("UTF-8", not "UTF-8 with BOM").
    ///
    /// ## Example
    /// A file whose first line `tickTime=2000` is read as the unknown key `ï»¿tickTime`; tickTime
    /// stays 3000.
    pub static BYTE_ORDER_MARK = Rule {
        code: "ZK002",
        name: "byte_order_mark",
        severity: Severity::Warning,
        applies_to: "all",
        check: None,
    };
}
