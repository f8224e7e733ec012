use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::{Role, Value};
use crate::rules::Context;
use crate::rules::zookeeper::servers;

declare_rule! {
    /// A `peerType` that ZooKeeper rejects or that the server's own line overrides.
    ///
    /// ## What it finds
    /// A `peerType` value other than `observer` or `participant` (any case), and a `peerType` that
    /// differs from the role on this server's own `server.N` line.
    ///
    /// ## Why it matters
    /// An unknown value stops ZooKeeper: `Unrecognised peertype: <value>`. When the own server line
    /// says otherwise, ZooKeeper logs a warning and uses the server line's role, so a server meant
    /// as an observer votes as a participant (a warning).
    ///
    /// ## Severity
    /// An error for a value ZooKeeper refuses; a warning for a `peerType` that the server's own
    /// line silently overrides.
    ///
    /// ## How to fix
    /// Write `observer` or `participant`; for an observer also add `:observer` to its `server.N`
    /// line on every server.
    ///
    /// ## Example
    /// `peerType=observer` with `server.4=zk4:2888:3888` (no `:observer`).
    pub static INVALID_PEER_TYPE = Rule {
        code: "ZK116",
        name: "invalid_peer_type",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let Some(peer) = &zk.config.peer_type else {
            continue;
        };
        match &peer.value {
            Value::Invalid => {
                let text = zk
                    .config
                    .get("peerType")
                    .map_or("", |e| e.value.value.as_str());
                out.push(
                    Finding::new(format!(
                        "`peerType` `{text}` is neither `participant` nor `observer`"
                    ))
                    .primary(peer.span, "unknown peer type")
                    .help("write `participant` or `observer`"),
                );
            }
            Value::Known(role) => {
                let Some(own) = zk.own_server() else { continue };
                if own.role != *role && !own.templated {
                    let mut f = Finding::new(format!(
                        "`peerType` says {} but this server's own line `{}` makes it {}",
                        name(*role),
                        own.key.value,
                        name(own.role)
                    ))
                    .primary(peer.span, "ignored")
                    .secondary(own.role_span.unwrap_or(own.value.span), "the server line wins")
                    .help("make the server line and `peerType` agree (`:observer` on the line for an observer)")
                    .severity(Severity::Warning);
                    if own.role_span.is_none() {
                        f = f.help(format!(
                            "add `:{}` to `{}` on every server, or fix `peerType`",
                            name(*role),
                            own.key.value
                        ));
                    }
                    out.push(f);
                }
            }
            Value::Unknown => {}
        }
    }
    out
}

fn name(role: Role) -> &'static str {
    match role {
        Role::Participant => "participant",
        Role::Observer => "observer",
    }
}
