use crate::diagnostic::Severity;

declare_rule! {
    /// A ZooKeeper server that refuses the `srvr` four-letter word.
    ///
    /// ## What it finds
    /// The server accepted the connection but answered `srvr is not executed because it is
    /// not in the whitelist`: its `4lw.commands.whitelist` is set and does not list `srvr`.
    ///
    /// ## Why it matters
    /// Since ZooKeeper 3.5.3 four-letter words are refused unless whitelisted; without a
    /// whitelist line only `srvr` is allowed. A server that refuses `srvr` cannot tell
    /// meslint (or monitoring) its mode, version and zxid, so the leader checks skip it.
    ///
    /// ## How to fix
    /// Add `srvr` to the server's whitelist; the diagnostic gives the exact line, e.g.
    /// `4lw.commands.whitelist=srvr,ruok`. The server reads it at start-up.
    ///
    /// ## Example
    /// `4lw.commands.whitelist=ruok` in `zk1/zoo.cfg`.
    pub static FOUR_LETTER_WORD_REFUSED = Rule {
        code: "PR002",
        name: "four_letter_word_refused",
        severity: Severity::Warning,
        applies_to: "ZooKeeper 3.5.3+ (with `--probe`)",
        check: super::live,
    };
}
