use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::Value;
use crate::rules::Context;
use crate::rules::zookeeper::{server_lists, servers};
use crate::version::ZkVersion;

declare_rule! {
    /// A server id outside 1 to 255.
    ///
    /// ## What it finds
    /// A `server.N` id of 0, above 255, or negative.
    ///
    /// ## Why it matters
    /// ZooKeeper stores the server id in the top byte of every session id, so only 1 to 255 are
    /// documented; ids that are equal modulo 256 produce colliding session ids, and with
    /// `extendedTypesEnabled` a leader refuses ids above 254. ZooKeeper 3.5+ uses -1 internally for
    /// 'unset', so `server.-1` can never match a myid (an error there).
    ///
    /// ## Severity
    /// A warning; an error for id `-1` on ZooKeeper 3.5+, which refuses it.
    ///
    /// ## How to fix
    /// Number servers from 1 to 255.
    ///
    /// ## Example
    /// `server.256=zk256:2888:3888`.
    pub static SERVER_ID_OUT_OF_RANGE = Rule {
        code: "ZK205",
        name: "server_id_out_of_range",
        severity: Severity::Warning,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        for list in server_lists(zk) {
            for s in list {
                let Value::Known(sid) = s.sid.value else {
                    continue;
                };
                if (1..=255).contains(&sid) {
                    continue;
                }
                let mut f = Finding::new(format!("server id `{sid}` is outside 1 to 255"))
                    .primary(s.sid.span, "out of range")
                    .help("number servers from 1 to 255");
                // The server's own myid says the same id: one mistake, written twice
                // (`myid_out_of_range` stays quiet about it).
                if let Some(myid) = zk.myid.as_ref().and_then(|m| m.id.as_ref())
                    && myid.value == sid
                {
                    f = f.primary(myid.span, "this server's myid, out of range too");
                }
                out.push(if sid == -1 && zk.config.version >= ZkVersion::V3_5 {
                    f.severity(Severity::Error)
                } else {
                    f
                });
            }
        }
    }
    out
}
