use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::Value;
use crate::rules::Context;
use crate::rules::zookeeper::servers;
use crate::version::ZkVersion;

declare_rule! {
    /// A server with no client port.
    ///
    /// ## What it finds
    /// A zoo.cfg without `clientPort` (or with `clientPort=0`), no `secureClientPort`, and no
    /// `;clientPort` on the server lines.
    ///
    /// ## Why it matters
    /// ZooKeeper 3.4 refuses to start: `clientPort is not set`. ZooKeeper 3.5+ starts but opens no
    /// client listener, so no client can connect (reported as a warning there); a wrong-case
    /// `clientport` is the usual cause. On 3.9+ `clientPort=0` picks a random port clients cannot
    /// know.
    ///
    /// ## Severity
    /// An error on ZooKeeper 3.4, which requires `clientPort`; a warning on 3.5+, which starts
    /// without a client listener.
    ///
    /// ## How to fix
    /// Set `clientPort=2181`, or give each server line a `;2181` client part (3.5+).
    ///
    /// ## Example
    /// A 3.8 config with `clientport=2181`.
    pub static MISSING_CLIENT_PORT = Rule {
        code: "ZK110",
        name: "missing_client_port",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let cfg = &zk.config;
        let port = cfg.client_port.as_ref().map(|p| &p.value);
        let missing = matches!(port, None | Some(Value::Known(0)));
        if !missing || (port.is_none() && cfg.has_templated_keys()) {
            continue;
        }
        let span = cfg
            .client_port
            .as_ref()
            .map_or_else(|| cfg.missing_key_anchor("clientPort"), |p| p.span);
        if cfg.version < ZkVersion::V3_5 {
            if !port.is_some_and(|p| p.is_unknown()) {
                out.push(
                    Finding::new("`clientPort` is not set, which ZooKeeper 3.4 requires")
                        .primary(span, "no `clientPort` in this file")
                        .help("add `clientPort=2181`"),
                );
            }
            continue;
        }
        if cfg.secure_client_port.is_some() || zk.servers_unknown() {
            continue;
        }
        // ZooKeeper takes the client address from this server's own line; without a myid,
        // any line with a client part may be it.
        let line_port = match zk.own_server() {
            Some(own) => own.client.is_some() || own.templated,
            None => zk
                .effective_servers()
                .iter()
                .any(|s| s.client.is_some() || s.templated),
        };
        if line_port {
            continue;
        }
        let message = if port.is_some() && cfg.version >= ZkVersion::V3_9 {
            format!(
                "`clientPort=0` makes ZooKeeper {} listen on a random port clients cannot know",
                cfg.version
            )
        } else {
            format!(
                "no client port is set: ZooKeeper {} will accept no client connections",
                cfg.version
            )
        };
        out.push(
            Finding::new(message)
                .primary(span, "no client listener")
                .help("add `clientPort=2181`")
                .severity(Severity::Warning),
        );
    }
    out
}
