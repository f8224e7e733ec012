use std::net::IpAddr;

use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::{Value, effective};
use crate::rules::Context;
use crate::rules::zookeeper::servers;
use crate::source::java_trim;
use crate::version::ZkVersion;

declare_rule! {
    /// A `clientPort` that disagrees with the `;clientPort` of the server's own line.
    ///
    /// ## What it finds
    /// A static `clientPort` (or `clientPortAddress`) that differs from the client part of this
    /// server's `server.N` line, in zoo.cfg or the dynamic file.
    ///
    /// ## Why it matters
    /// ZooKeeper 3.5+ refuses to start: `client address for this server (id = N) in static config
    /// file is ... is different from client address found in dynamic file: ...`.
    ///
    /// ## How to fix
    /// Make them agree, or drop `clientPort` from zoo.cfg and keep the `;clientPort` on the server
    /// lines.
    ///
    /// ## Example
    /// `clientPort=2181` with `server.1=zk1:2888:3888;2182` on server 1.
    pub static CLIENT_PORT_MISMATCH = Rule {
        code: "ZK214",
        name: "client_port_mismatch",
        severity: Severity::Error,
        applies_to: "ZooKeeper 3.5+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let cfg = &zk.config;
        if cfg.version < ZkVersion::V3_5 {
            continue;
        }
        let Some(static_port) = &cfg.client_port else {
            continue;
        };
        let Value::Known(port) = static_port.value else {
            continue;
        };
        if port == 0 {
            continue;
        }
        // The own line when the myid is known; else only when every line disagrees.
        let lines: Vec<_> = match zk.own_server() {
            Some(own) => vec![own],
            // Without a myid a standalone server never compares (3.5+ skips the check when the
            // id is unset); a quorum member needs a myid anyway.
            None if !zk.is_quorum_mode() => Vec::new(),
            // A myid that names no line: 3.5+ finds no own line and compares nothing.
            None if zk.myid.is_some() => Vec::new(),
            None => {
                let all: Vec<_> = effective(zk.effective_servers()).collect();
                let all_differ = !all.is_empty()
                    && all.iter().all(|s| {
                        s.client
                            .as_ref()
                            .and_then(|c| c.port.value.known())
                            .is_some_and(|p| *p != port)
                    });
                if all_differ {
                    all.into_iter().take(1).collect()
                } else {
                    Vec::new()
                }
            }
        };
        for s in lines {
            let Some(client) = &s.client else { continue };
            let Value::Known(line_port) = client.port.value else {
                continue;
            };
            if line_port == port {
                // Same port: a static address that is not the wildcard must match too. An
                // empty one means loopback; a host name is compared only with the wildcard.
                let static_addr = cfg.client_port_address.as_ref().and_then(|a| {
                    let text = java_trim(a.value.known()?).to_owned();
                    let ip = if text.is_empty() {
                        Some(IpAddr::from([127, 0, 0, 1]))
                    } else {
                        text.trim_matches(['[', ']']).parse::<IpAddr>().ok()
                    };
                    Some((text, ip, a.span))
                });
                // A `;port` without a host listens on the wildcard address.
                let line_ip = match client.host.as_ref() {
                    Some(h) => h
                        .value
                        .trim_matches(['[', ']'])
                        .parse::<IpAddr>()
                        .ok()
                        .map(|ip| (ip, h.span)),
                    None => Some((IpAddr::from([0, 0, 0, 0]), client.port.span)),
                };
                let differ = match (&static_addr, line_ip) {
                    (Some((_, Some(a), _)), Some((b, _))) => !a.is_unspecified() && *a != b,
                    (Some((_, None, _)), Some((b, _))) => b.is_unspecified(),
                    _ => false,
                };
                if let (true, Some((text, ip, a_span)), Some((b, b_span))) =
                    (differ, static_addr, line_ip)
                {
                    let shown = match ip {
                        Some(ip) if text.is_empty() => format!("(empty, so `{ip}`)"),
                        _ => format!("`{text}`"),
                    };
                    out.push(
                        Finding::new(format!(
                            "`clientPortAddress` {shown} differs from the client address `{b}` of `{}`",
                            s.key.value
                        ))
                        .primary(a_span, "static client address")
                        .secondary(b_span, "client address on the server line")
                        .help("make them agree, or delete `clientPortAddress` and keep the address on the server lines"),
                    );
                }
            } else {
                out.push(
                    Finding::new(format!(
                        "`clientPort` `{port}` differs from the client port `{line_port}` of `{}`",
                        s.key.value
                    ))
                    .primary(static_port.span, "static client port")
                    .secondary(client.port.span, "client port on the server line")
                    .help("make them agree, or delete `clientPort` and keep the `;port` on the server lines"),
                );
            }
        }
    }
    out
}
