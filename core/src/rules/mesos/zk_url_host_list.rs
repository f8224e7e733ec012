use crate::diagnostic::{Finding, Severity};
use crate::model::zk_url::ZkUrlProblem;
use crate::rules::Context;

declare_rule! {
    /// A ZooKeeper server list with empty items, spaces, brackets, or no server at all.
    ///
    /// ## What it finds
    /// Trailing, leading or doubled commas and spaces in the server list (warnings: tolerated
    /// but fragile), IPv6 addresses in brackets, and URLs without any server (errors).
    ///
    /// ## Why it matters
    /// The ZooKeeper client Mesos bundles skips empty items and leading spaces, but a space
    /// before the colon breaks name resolution. It does not understand `[::1]`, and an empty
    /// list makes Mesos retry for ten minutes, then abort.
    ///
    /// ## Severity
    /// An error for brackets or a list with no server; a warning for stray commas and spaces,
    /// which the ZooKeeper client skips.
    ///
    /// ## How to fix
    /// Write `host:port` items separated by single commas, without spaces.
    ///
    /// ## Example
    /// `zk://zk1:2181,zk2:2181,/mesos`, `zk://zk1:2181, zk2:2181/mesos`, `zk:///mesos`.
    pub static ZK_URL_HOST_LIST = Rule {
        code: "MS305",
        name: "zk_url_host_list",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (_, flag, problem) in super::url_problems(ctx) {
        let finding = match problem {
            ZkUrlProblem::EmptyHost { span } => {
                Finding::new(format!("`{}` has an empty server entry", flag.display))
                    .primary(*span, "stray comma")
                    .help("remove the extra comma")
                    .severity(Severity::Warning)
            }
            ZkUrlProblem::Whitespace { span } => {
                Finding::new(format!("`{}` has spaces in its server list", flag.display))
                    .primary(*span, "space inside the list")
                    .help("remove the spaces")
                    .severity(Severity::Warning)
            }
            ZkUrlProblem::Ipv6Brackets { span } => Finding::new(format!(
                "`{}` writes an IPv6 server in brackets",
                flag.display
            ))
            .primary(
                *span,
                "the bundled ZooKeeper client does not understand brackets",
            )
            .help("use a host name or an IPv4 address"),
            ZkUrlProblem::NoHosts { span } => {
                Finding::new(format!("`{}` names no ZooKeeper server", flag.display))
                    .primary(*span, "empty server list")
                    .help("list the servers: `zk://zk1:2181,zk2:2181,zk3:2181/mesos`")
            }
            _ => continue,
        };
        out.push(finding);
    }
    out
}
