use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::ZkServer;
use crate::rules::Context;
use crate::source::Span;

declare_rule! {
    /// Two ZooKeeper listeners on the same port of one machine.
    ///
    /// ## What it finds
    /// On one machine (one host directory, or several servers whose own `server.N` lines all use
    /// a loopback address, as in a pseudo-cluster), the same port used by two servers among the
    /// client port, the secure client port, each server's own quorum and election ports, and the
    /// AdminServer port (8080 unless changed, ZooKeeper 3.5+).
    ///
    /// ## Why it matters
    /// ZooKeeper checks none of this when it reads its config. The second listener fails to bind
    /// at start-up: `Address already in use`, or for the AdminServer `Unable to start
    /// AdminServer, exiting abnormally` (exit 4). Pseudo-clusters hit the AdminServer clash
    /// first, since every server defaults to 8080. A server in quorum mode (with `server.N`
    /// lines) only logs `Problem starting AdminServer` and runs on without it, so a clash of
    /// AdminServer ports alone between quorum servers is reported as info.
    ///
    /// ## Severity
    /// An error; info when only default AdminServer ports clash, which ZooKeeper logs and runs
    /// on.
    ///
    /// ## How to fix
    /// Give every listener on the machine its own port; on 3.5+ set `admin.serverPort` per server
    /// or `admin.enableServer=false`.
    ///
    /// ## Example
    /// `zoo1.cfg` and `zoo3.cfg` on one host both set `clientPort=2181`.
    pub static PORT_CLASH = Rule {
        code: "CZ105",
        name: "port_clash",
        severity: Severity::Error,
        applies_to: "all ZooKeeper releases (the AdminServer from 3.5)",
        check,
    };
}

/// A port some listener of a server binds.
struct Listener {
    port: i64,
    what: &'static str,
    span: Span,
    /// Which server, to tell two servers apart from one server using a port twice.
    server: usize,
    /// The AdminServer of a server in quorum mode, which starts without it on a clash.
    optional: bool,
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut servers = Vec::new();
    for (index, (host, server)) in ctx.cluster.zk_servers().enumerate() {
        if server.config.is_template {
            continue;
        }
        // A shared zoo.cfg stands for servers on different machines: its ports are per machine.
        let machine = match own_address(server) {
            Some(a) if crate::net::is_loopback(&a) => "loopback".to_owned(),
            _ => host.name.clone(),
        };
        servers.push((machine, index, server));
    }
    // A zoo.cfg counts once per machine.
    crate::sort::retain_first(&mut servers, |(machine, _, server)| {
        (machine.clone(), server.config.file)
    });
    let mut listening = Vec::new();
    for (machine, index, server) in servers {
        for listener in listeners(server, index) {
            listening.push((machine.clone(), listener));
        }
    }
    let mut findings = Vec::new();
    for (machine, listeners) in crate::sort::group(listening) {
        for (port, users) in crate::sort::group_by(&listeners, |l| l.port) {
            let Some((first, rest)) = users.split_first() else {
                continue;
            };
            // One server using a port twice is `port_conflict` (ZK215); here, only clashes
            // between servers.
            if rest.iter().all(|l| l.server == first.server) {
                continue;
            }
            let machine_name = if machine == "loopback" || machine == "." {
                "this machine".to_owned()
            } else {
                machine.clone()
            };
            let admin_only = users.iter().all(|l| l.optional);
            let consequence = if admin_only {
                ": only one AdminServer starts, the other servers run without one"
            } else {
                ""
            };
            let mut finding = Finding::new(format!(
                "port {port} is bound {} times on {machine_name}{consequence}",
                users.len()
            ))
            .secondary(first.span, format!("{} {port}", first.what));
            for l in rest {
                let whose = if l.server == first.server {
                    "the same server's"
                } else {
                    "another server's"
                };
                finding = finding.primary(l.span, format!("{whose} {} {port}", l.what));
            }
            let mut finding = finding.help("give every listener on one machine its own port");
            if admin_only {
                finding = finding.severity(Severity::Info);
            }
            findings.push(finding);
        }
    }
    findings
}

fn own_address(server: &ZkServer) -> Option<String> {
    let entry = server.own_server()?;
    Some(entry.addresses.first()?.host.value.to_ascii_lowercase())
}

fn listeners(server: &ZkServer, index: usize) -> Vec<Listener> {
    let mut out = Vec::new();
    let config = &server.config;
    let quorum = server.own_server().is_some();
    let mut push = |port: Option<i64>, what, span, admin: bool| {
        if let Some(port) = port.filter(|p| *p > 0) {
            out.push(Listener {
                port,
                what,
                span,
                server: index,
                optional: admin && quorum,
            });
        }
    };
    for (setting, what) in [
        (&config.client_port, "clientPort"),
        (&config.secure_client_port, "secureClientPort"),
    ] {
        if let Some(s) = setting {
            push(s.value.known().copied(), what, s.span, false);
        }
    }
    if let Some(entry) = server.own_server() {
        for address in entry.addresses.iter().take(1) {
            for (port, what) in [
                (&address.quorum_port, "quorum port"),
                (&address.election_port, "election port"),
            ] {
                if let Some(p) = port {
                    push(p.value.known().copied(), what, p.span, false);
                }
            }
        }
    }
    if let Some(admin) = config.admin_port() {
        let span = config
            .get("admin.serverPort")
            .map_or(config.end, |e| e.value.span);
        let what = if config.get("admin.serverPort").is_some() {
            "AdminServer port"
        } else {
            "default AdminServer port"
        };
        push(Some(admin), what, span, true);
    }
    out
}
