use crate::diagnostic::{Finding, Severity};
use crate::model::zk_url::ZkUrlProblem;
use crate::rules::Context;

declare_rule! {
    /// A ZooKeeper URL without a znode path, with `/` as path, or with doubled slashes.
    ///
    /// ## What it finds
    /// `zk://a:2181,b:2181`, `zk://a:2181/`, and paths such as `//mesos` or `/mesos//`.
    ///
    /// ## Why it matters
    /// Leader election needs a chroot path: masters exit with `Failed to create a master
    /// contender: Expecting a (chroot) path for ZooKeeper ('/' is not supported)`, agents with
    /// the same text from the master detector. Doubled slashes are normalised differently by
    /// different parts of Mesos and can abort it.
    ///
    /// ## How to fix
    /// End the URL with one path, e.g. `/mesos`, the same on masters and agents.
    ///
    /// ## Example
    /// `--zk=zk://zk1:2181,zk2:2181,zk3:2181`.
    pub static ZK_URL_MISSING_PATH = Rule {
        code: "MS302",
        name: "zk_url_missing_path",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (url, flag, problem) in super::url_problems(ctx) {
        match problem {
            ZkUrlProblem::MissingPath { span } => out.push(
                Finding::new(format!("`{}` has no znode path", flag.display))
                    .primary(*span, "no path, or only `/`")
                    .help(
                        "end the URL with a path such as `/mesos`; Mesos fails with: \
                             Expecting a (chroot) path for ZooKeeper ('/' is not supported)",
                    ),
            ),
            ZkUrlProblem::DoubleSlash { span } => out.push(
                Finding::new(format!(
                    "`{}` has a doubled slash in its path `{}`",
                    flag.display, url.path.value
                ))
                .primary(*span, "doubled slash")
                .help("write the path with single slashes, e.g. `/mesos`"),
            ),
            _ => {}
        }
    }
    out
}
