use std::collections::BTreeMap;

use crate::diagnostic::{Finding, Severity};
use crate::model::live::{Answer, Target};
use crate::rules::Context;

use super::{minor_of, plural, version_is, where_declared};

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
        check: live_check!(check),
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let Some(live) = ctx.live() else {
        return Vec::new();
    };
    let running = ctx.settings.zookeeper;
    let mut versions: BTreeMap<&str, Vec<&Target>> = BTreeMap::new();
    for (target, answer) in live.servers() {
        if let Answer::Srvr(srvr) = answer
            && !version_is(&srvr.version, running)
        {
            versions
                .entry(srvr.version.as_str())
                .or_default()
                .push(target);
        }
    }
    let mut out = Vec::new();
    for (version, targets) in versions {
        let mut finding = Finding::new(format!(
            "{} ZooKeeper {version}, but meslint checks the configuration against {running}",
            plural(targets.len(), "server runs", "servers run"),
        ));
        for (i, target) in targets.iter().enumerate() {
            let (span, _) = where_declared(target);
            let label = format!("reports {version}");
            finding = if i == 0 {
                finding.primary(span, label)
            } else {
                finding.secondary(span, label)
            };
        }
        out.push(finding.help(format!(
            "check against the running release (`--zookeeper-version {}` or \
             `zookeeper_version` in meslint.toml), or upgrade the servers",
            minor_of(version).unwrap_or_else(|| version.to_owned())
        )));
    }
    out
}
