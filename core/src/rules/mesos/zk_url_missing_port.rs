use crate::diagnostic::{Finding, Severity};
use crate::model::zk_url::ZkUrlProblem;
use crate::rules::Context;

declare_rule! {
    /// A ZooKeeper server in a URL without a usable port.
    ///
    /// ## What it finds
    /// Servers written without `:port` (`zk://zk1/mesos`), and ports that are zero, too
    /// large, not decimal, or with a leading `0` or `0x` that the ZooKeeper client would read
    /// as octal or hexadecimal.
    ///
    /// ## Why it matters
    /// Neither Mesos nor the ZooKeeper client assumes 2181. The client rejects the list
    /// (`Invalid argument`); Mesos retries every second for ten minutes, then aborts with
    /// `Failed to create ZooKeeper, zookeeper_init: Invalid argument`.
    ///
    /// ## How to fix
    /// Write every server as `host:port`, e.g. `zk1:2181`.
    ///
    /// ## Example
    /// `--master=zk://10.42.122.245/mesos`.
    pub static ZK_URL_MISSING_PORT = Rule {
        code: "MS303",
        name: "zk_url_missing_port",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (_, flag, problem) in super::url_problems(ctx) {
        match problem {
            ZkUrlProblem::MissingPort { span, host } => out.push(
                Finding::new(format!("server `{host}` in `{}` has no port", flag.display))
                    .primary(*span, "no port; 2181 is not assumed")
                    .help(format!(
                        "write `{host}:2181` (or the port the server listens on)"
                    )),
            ),
            ZkUrlProblem::BadPort { span, port } => out.push(
                Finding::new(format!(
                    "`{port}` is not a usable ZooKeeper port in `{}`",
                    flag.display
                ))
                .primary(*span, "not a decimal port from 1 to 65535")
                .help("write the port as a plain decimal number, e.g. `2181`"),
            ),
            _ => {}
        }
    }
    out
}
