use crate::diagnostic::Severity;

declare_rule! {
    /// A running ZooKeeper server of another release than the one meslint checks against.
    ///
    /// ## What it finds
    /// The version a server reports in its `srvr` answer is not of the target release
    /// (`--zookeeper-version`, else `zookeeper_version` in `meslint.toml`, else 3.8).
    ///
    /// ## Why it matters
    /// meslint judges the configuration by the rules of the target release: keys, defaults
    /// and server line syntax differ between 3.4, 3.5 and later. A different running release
    /// may read the same file differently. Servers of different releases in one ensemble are
    /// supported only during a rolling upgrade.
    ///
    /// ## How to fix
    /// Lint against the release that runs (`--zookeeper-version 3.8`), or upgrade the servers
    /// to the intended release.
    ///
    /// ## Example
    /// `zookeeper_version = "3.4"` in `meslint.toml`, and the servers report `3.8.0`.
    pub static ZK_VERSION_DIFFERS = Rule {
        code: "PR006",
        name: "zk_version_differs",
        severity: Severity::Warning,
        applies_to: "all ZooKeeper releases (with `--probe`)",
        check: super::live,
    };
}
