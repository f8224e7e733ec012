use crate::diagnostic::{Finding, Severity};
use crate::model::zk_url::MasterAddr;
use crate::rules::Context;

declare_rule! {
    /// An agent pointed at one master by address instead of through ZooKeeper.
    ///
    /// ## What it finds
    /// `--master=host:port` or `--master=master@host:port` on an agent.
    ///
    /// ## Why it matters
    /// The agent resolves the address once and never follows a failover: when that master
    /// dies or loses leadership, the agent stays disconnected. Fine for a single master,
    /// wrong for a highly available one.
    ///
    /// ## How to fix
    /// Use the masters' ZooKeeper URL, e.g. `--master=zk://zk1:2181,zk2:2181,zk3:2181/mesos`.
    ///
    /// ## Example
    /// `--master=10.0.0.1:5050`.
    pub static MASTER_WITHOUT_FAILOVER = Rule {
        code: "MS307",
        name: "master_without_failover",
        severity: Severity::Info,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    // A cluster of one master, or of masters without ZooKeeper, has nothing to fail over to.
    let masters = ctx.masters();
    let single = masters.declared && masters.count <= 1;
    let no_zk = !masters.found.is_empty() && masters.found.iter().all(|(_, m)| !m.is_set("zk"));
    if single || no_zk {
        return out;
    }
    for process in super::processes(ctx) {
        let Some(MasterAddr::Pid { host, port }) = process.master() else {
            continue;
        };
        out.push(
            Finding::new(format!(
                "the agent follows the single master `{}:{}`",
                host.value, port.value
            ))
            .primary(host.span.cover(port.span), "no failover to another master")
            .help("with several masters, use their ZooKeeper URL: `zk://host:2181,.../mesos`"),
        );
    }
    out
}
