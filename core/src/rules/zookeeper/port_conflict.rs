use std::collections::HashMap;

use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::{Setting, Value, effective};
use crate::rules::Context;
use crate::rules::zookeeper::servers;
use crate::source::Span;

declare_rule! {
    /// Two listeners of one server, or two servers on one host, configured on the same port.
    ///
    /// ## What it finds
    /// The client port equal to this server's quorum, election or AdminServer port (8080 by default
    /// on 3.5+), the secure client port equal to the client port, and two server lines with the
    /// same host and port, counting the client port of each line (`server.2=h:2888:3888;2181`,
    /// 3.5+), which the server binds on the address the line names (`;10.0.0.12:2181`) or, with
    /// none or a wildcard, on its own host: two lines whose client addresses are the same
    /// address and port collide.
    ///
    /// ## Why it matters
    /// ZooKeeper does not check this when parsing; the second socket fails to bind at startup. An
    /// AdminServer clash aborts with `Unable to start AdminServer, exiting abnormally`.
    ///
    /// ## How to fix
    /// Give every listener its own port; move the AdminServer with `admin.serverPort` or disable it
    /// with `admin.enableServer=false`.
    ///
    /// ## Example
    /// `clientPort=8080` on 3.5+ with the AdminServer left on.
    pub static PORT_CONFLICT = Rule {
        code: "ZK215",
        name: "port_conflict",
        severity: Severity::Warning,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let cfg = &zk.config;
        let known = |s: &Option<Setting<i64>>| {
            s.as_ref().and_then(|s| {
                s.value
                    .known()
                    .copied()
                    .filter(|p| *p > 0)
                    .map(|p| (p, s.span))
            })
        };
        let client = known(&cfg.client_port);
        let secure = known(&cfg.secure_client_port);
        if let (Some((c, cs)), Some((s, ss))) = (client, secure)
            && c == s
        {
            out.push(conflict(
                "`secureClientPort` is the same as `clientPort`",
                c,
                ss,
                cs,
            ));
        }
        if let (Some((c, span)), Some(admin)) = (client, cfg.admin_port())
            && c == admin
        {
            let f = conflict("`clientPort` is the AdminServer's port", c, span, span)
                .help("move the AdminServer with `admin.serverPort`, or disable it with `admin.enableServer=false`");
            out.push(f);
        }
        if let (Some((c, span)), Some(own)) = (client, zk.own_server()) {
            for a in &own.addresses {
                for p in [&a.quorum_port, &a.election_port].into_iter().flatten() {
                    if p.value == Value::Known(c) {
                        out.push(conflict(
                            "`clientPort` is also a quorum or election port of this server",
                            c,
                            span,
                            p.span,
                        ));
                    }
                }
            }
        }
        let mut seen: HashMap<(String, i64), (Span, &str)> = HashMap::new();
        for s in effective(zk.effective_servers()) {
            for a in &s.addresses {
                for p in [&a.quorum_port, &a.election_port].into_iter().flatten() {
                    let Value::Known(port) = p.value else {
                        continue;
                    };
                    if s.templated || a.host.value.is_empty() {
                        continue;
                    }
                    let key = (a.host.value.to_ascii_lowercase(), port);
                    if let Some((first, owner)) = seen.insert(key, (p.span, s.key.value.as_str()))
                        && owner != s.key.value
                    {
                        out.push(conflict(
                            &format!(
                                "`{}` port is already used on host `{}`",
                                s.key.value, a.host.value
                            ),
                            port,
                            p.span,
                            first,
                        ));
                    }
                }
            }
            // The client part (`;[address:]port`, 3.5+) is bound on the address it names, or
            // with a wildcard or no address on the server's own machine, the host of its first
            // address.
            let (Some(client), Some(machine)) = (&s.client, s.addresses.first()) else {
                continue;
            };
            let Value::Known(port) = client.port.value else {
                continue;
            };
            let bound = client
                .host
                .as_ref()
                .map(|h| h.value.as_str())
                .filter(|h| !h.is_empty() && !is_wildcard(h))
                .unwrap_or(machine.host.value.as_str());
            if s.templated || bound.is_empty() {
                continue;
            }
            let key = (bound.to_ascii_lowercase(), port);
            if let Some((first, owner)) = seen.insert(key, (client.port.span, s.key.value.as_str()))
                && owner != s.key.value
            {
                out.push(conflict(
                    &format!(
                        "`{}` client port is already used on host `{}`",
                        s.key.value, bound
                    ),
                    port,
                    client.port.span,
                    first,
                ));
            }
        }
    }
    out
}

/// An address that binds every interface of the machine.
fn is_wildcard(host: &str) -> bool {
    matches!(
        host.trim_matches(['[', ']']),
        "0.0.0.0" | "::" | "0:0:0:0:0:0:0:0"
    )
}

fn conflict(what: &str, port: i64, primary: Span, other: Span) -> Finding {
    let f = Finding::new(format!("{what} ({port})")).primary(primary, "port in conflict");
    let f = if other == primary {
        f
    } else {
        f.secondary(other, "also uses it")
    };
    f.help("give every listener its own port")
}
