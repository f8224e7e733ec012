use crate::diagnostic::{Finding, Severity};
use crate::model::live::Answer;
use crate::model::live::address;
use crate::rules::Context;

use super::{where_declared, with_urls};

declare_rule! {
    /// A ZooKeeper server or zk URL host that does not accept a connection.
    ///
    /// ## What it finds
    /// `meslint --probe` opened a TCP connection to the client address and port of every
    /// server of the ensemble and every `host:port` of every zk URL. This one refused the
    /// connection, did not answer within `--probe-timeout` (2 s by default), or its name did
    /// not resolve.
    ///
    /// ## Why it matters
    /// A server that is down takes one failure off what the ensemble survives; a URL host that
    /// never answers slows every reconnect of the Mesos masters and agents that list it (the
    /// ZooKeeper client tries the hosts in turn). When a majority is down the ensemble stops.
    ///
    /// ## How to fix
    /// Start the server, or correct the address or client port in the configuration. A
    /// firewall between meslint and the server gives the same result: probe from a machine
    /// that the masters' network can reach.
    ///
    /// ## Example
    /// `server.3=zk3:2888:3888` with `clientPort=2181`, and nothing listening on `zk3:2181`.
    pub static ZK_SERVER_UNREACHABLE = Rule {
        code: "PR001",
        name: "zk_server_unreachable",
        severity: Severity::Warning,
        applies_to: "all ZooKeeper releases (with `--probe`)",
        check: live_check!(check),
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let Some(live) = ctx.live() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (target, answer) in live.servers() {
        let Answer::Unreachable(why) = answer else {
            continue;
        };
        let (primary, what) = where_declared(target);
        let shown = address(&target.host, target.port);
        out.push(with_urls(
            target,
            Finding::new(format!("{what} `{shown}` does not answer: {why}"))
                .primary(primary, "not reachable")
                .help(
                    "start the server, or correct its address or client port; \
                     a firewall between meslint and the server looks the same",
                ),
        ));
    }
    out
}
