use crate::diagnostic::{Finding, Severity};
use crate::model::zk_url::MasterAddr;
use crate::rules::Context;

declare_rule! {
    /// An agent `--master` in none of the forms Mesos accepts.
    ///
    /// ## What it finds
    /// `--master` values that are neither `zk://...`, `file://...`, `host:port` nor
    /// `master@host:port`: a host without port, IPv6 addresses, empty values.
    ///
    /// ## Why it matters
    /// The agent exits: `Failed to create a master detector: Failed to parse '10.0.0.1'`.
    /// There is no default port.
    ///
    /// ## How to fix
    /// Use the masters' ZooKeeper URL (`zk://zk1:2181,zk2:2181,zk3:2181/mesos`), or
    /// `host:5050` for a single master.
    ///
    /// ## Example
    /// `--master=10.0.0.1`.
    pub static INVALID_MASTER_ADDRESS = Rule {
        code: "MS306",
        name: "invalid_master_address",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for process in super::processes(ctx) {
        let Some(MasterAddr::Invalid { span, why }) = process.master() else {
            continue;
        };
        let Some(flag) = process.flag("master") else {
            continue;
        };
        if flag.value.value.is_empty() {
            // Reported as an empty value.
            continue;
        }
        // The value is not shown: a malformed address may still carry credentials.
        out.push(
            Finding::new(format!("`{}` is not a master address", flag.display))
                .primary(*span, why.clone())
                .help(
                    "write `zk://host:2181,.../mesos` or `host:5050`; Mesos fails with: Failed \
                     to create a master detector: Failed to parse the value",
                ),
        );
    }
    out
}
