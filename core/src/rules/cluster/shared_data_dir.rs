use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::Value;
use crate::rules::Context;
use crate::source::Span;

declare_rule! {
    /// Several ZooKeeper servers on one machine that share a `dataDir` or `dataLogDir`.
    ///
    /// ## What it finds
    /// On one machine (one host directory, or servers whose own `server.N` lines use a loopback
    /// address, as in a pseudo-cluster), two servers whose `dataDir` is the same path, or whose
    /// transaction logs (`dataLogDir`, else `dataDir`) land in the same directory. Typical of a
    /// pseudo-cluster made by copying `zoo1.cfg` to `zoo2.cfg` and `zoo3.cfg` and changing only
    /// the ports.
    ///
    /// ## Why it matters
    /// ZooKeeper takes no lock on its directories. Each server reads its id from
    /// `<dataDir>/myid` (`QuorumPeerConfig.setupMyId`), so servers sharing a `dataDir` share an
    /// id and claim the same `server.N` line; and each writes its snapshots and transaction log
    /// under `<dir>/version-2` (`FileTxnSnapLog`), so two servers interleave writes in one log:
    /// the data is corrupt after the first restart.
    ///
    /// ## How to fix
    /// Give every server its own directories, e.g. `dataDir=/var/lib/zookeeper/zk2`, with its
    /// own `myid` inside.
    ///
    /// ## Example
    /// `zoo1.cfg`, `zoo2.cfg` and `zoo3.cfg` side by side, all with `dataDir=/tmp/zookeeper`.
    pub static SHARED_DATA_DIR = Rule {
        code: "CZ108",
        name: "shared_data_dir",
        severity: Severity::Error,
        applies_to: "all ZooKeeper releases",
        check,
    };
}

/// One server's use of a directory.
struct Use {
    who: String,
    span: Span,
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut servers = Vec::new();
    for (host, server) in ctx.cluster.zk_servers() {
        if server.config.is_template {
            continue;
        }
        let own = server
            .own_server()
            .and_then(|e| e.addresses.first())
            .map(|a| a.host.value.to_ascii_lowercase());
        // A zoo.cfg shared by several hosts stands for one server per machine.
        let machine = match own {
            Some(a) if crate::net::is_loopback(&a) => "loopback".to_owned(),
            _ => host.name.clone(),
        };
        servers.push((machine, host, server));
    }
    // A zoo.cfg counts once per machine.
    crate::sort::retain_first(&mut servers, |(machine, _, server)| {
        (machine.clone(), server.config.file)
    });
    // ((machine, what, path), a server that uses it).
    let mut uses = Vec::new();
    for (machine, host, server) in servers {
        let config = &server.config;
        let known = |s: &Option<crate::model::zookeeper::Setting<String>>| {
            s.as_ref().and_then(|s| match &s.value {
                Value::Known(p) if !p.is_empty() => {
                    Some((p.trim_end_matches('/').to_owned(), s.span))
                }
                _ => None,
            })
        };
        let who = ctx.cluster.describe(host, server);
        let data = known(&config.data_dir);
        if let Some((path, span)) = &data {
            let user = Use {
                who: who.clone(),
                span: *span,
            };
            uses.push(((machine.clone(), "dataDir", path.clone()), user));
        }
        // The transaction log goes to dataLogDir, else dataDir; a shared dataDir already says so.
        if let Some((path, span)) = known(&config.data_log_dir) {
            uses.push((
                (machine, "transaction log directory", path),
                Use { who, span },
            ));
        }
    }
    let mut findings = Vec::new();
    for ((_, what, path), users) in crate::sort::group(uses) {
        if users.len() < 2 {
            continue;
        }
        let names: Vec<&str> = users.iter().map(|u| u.who.as_str()).collect();
        let mut finding = Finding::new(format!(
            "{} servers on one machine share the {what} `{path}` ({})",
            users.len(),
            names.join(", ")
        ));
        for u in &users {
            finding = finding.primary(u.span, format!("{} keeps its data here", u.who));
        }
        findings.push(finding.help(
            "give every server its own directory, with its own myid (e.g. `/var/lib/zookeeper/zk2`)",
        ));
    }
    findings
}
