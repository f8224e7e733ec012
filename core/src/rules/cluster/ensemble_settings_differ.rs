use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::{Setting, ZooCfg};
use crate::rules::Context;

declare_rule! {
    /// ZooKeeper servers of one ensemble with different timing or client-port settings.
    ///
    /// ## What it finds
    /// `tickTime`, `initLimit`, `syncLimit` or `clientPort` set to different values on different
    /// servers of the ensemble. An absent `tickTime` counts as ZooKeeper's default, 3000 ms (not
    /// the 2000 of the sample config).
    ///
    /// ## Why it matters
    /// The leader's `initLimit` and `syncLimit` (in ticks of its own `tickTime`) decide how long
    /// followers may take, so timeouts change every time leadership moves; a server with a
    /// different `clientPort` is missed by clients and zk URLs written for the others.
    ///
    /// ## How to fix
    /// Give every server the same values, ideally from one shared template.
    ///
    /// ## Example
    /// `tickTime=2000` on zk1 and zk2, no `tickTime` (3000) on zk3.
    pub static ENSEMBLE_SETTINGS_DIFFER = Rule {
        code: "CZ104",
        name: "ensemble_settings_differ",
        severity: Severity::Warning,
        applies_to: "all ZooKeeper releases",
        check,
    };
}

/// True when the server is one of several on one machine: its own line (or, without a myid,
/// every line) uses a loopback address.
fn on_loopback(server: &crate::model::zookeeper::ZkServer) -> bool {
    let loopback = |e: &crate::model::zookeeper::ServerEntry| {
        e.addresses
            .first()
            .is_some_and(|a| crate::net::is_loopback(&a.host.value))
    };
    match server.own_server() {
        Some(own) => loopback(own),
        None => {
            let mut lines =
                crate::model::zookeeper::effective(server.effective_servers()).peekable();
            lines.peek().is_some() && lines.all(loopback)
        }
    }
}

type Getter = fn(&ZooCfg) -> Option<&Setting<i64>>;

const SETTINGS: &[(&str, Getter, Option<i64>)] = &[
    ("tickTime", |c| c.tick_time.as_ref(), Some(3000)),
    ("initLimit", |c| c.init_limit.as_ref(), None),
    ("syncLimit", |c| c.sync_limit.as_ref(), None),
    ("clientPort", |c| c.client_port.as_ref(), None),
];

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    // One entry per config file: a shared zoo.cfg counts once.
    let mut servers: Vec<_> = ctx
        .cluster
        .zk_servers()
        .filter(|(_, z)| z.is_quorum_mode() && !z.config.is_template)
        .collect();
    crate::sort::retain_first(&mut servers, |(_, z)| z.config.file);
    let configs: Vec<(String, &ZooCfg, bool)> = servers
        .into_iter()
        .map(|(h, z)| (ctx.cluster.describe(h, z), &z.config, on_loopback(z)))
        .collect();
    let mut findings = Vec::new();
    for (key, get, default) in SETTINGS {
        // (value, a server that has it, with where it is set)
        let mut set = Vec::new();
        for (host, config, loopback) in &configs {
            // Servers sharing one machine (a pseudo-cluster) need different client ports.
            if *key == "clientPort" && *loopback {
                continue;
            }
            match get(config) {
                Some(setting) => {
                    if let Some(v) = setting.value.known() {
                        set.push((*v, (host.as_str(), setting.span, true)));
                    }
                }
                None => {
                    if let Some(v) = default {
                        set.push((*v, (host.as_str(), config.end, false)));
                    }
                }
            }
        }
        let values = crate::sort::group(set);
        if values.len() < 2 {
            continue;
        }
        let Some(&(common, ref majority)) = values.iter().max_by_key(|(_, hosts)| hosts.len())
        else {
            continue;
        };
        let (ref_host, ref_span, _) = majority[0];
        for (value, holders) in &values {
            if *value == common {
                continue;
            }
            for (host, span, explicit) in holders {
                let what = if *explicit {
                    format!("{host} has `{key}={value}`")
                } else {
                    format!("{host} has no `{key}`: ZooKeeper uses {value}")
                };
                findings.push(
                    Finding::new(format!(
                        "`{key}` is {value} on {host} but {common} on {} other server{}",
                        majority.len(),
                        if majority.len() == 1 { "" } else { "s" }
                    ))
                    .primary(*span, what)
                    .secondary(ref_span, format!("{ref_host} has {common}"))
                    .help(format!(
                        "set the same `{key}` on every server of the ensemble"
                    )),
                );
            }
        }
    }
    findings
}
