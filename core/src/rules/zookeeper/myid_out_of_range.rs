use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;
use crate::rules::zookeeper::servers;
use crate::version::ZkVersion;

declare_rule! {
    /// A myid outside 1 to 255.
    ///
    /// ## What it finds
    /// A myid of 0, above 255, or negative.
    ///
    /// ## Why it matters
    /// Server ids end up in the top byte of session ids, so only 1 to 255 are documented and ids
    /// equal modulo 256 collide. ZooKeeper 3.5+ treats -1 as 'no myid' and refuses to start a
    /// quorum with it (`myid file is missing`), an error there.
    ///
    /// ## Severity
    /// A warning; an error for myid `-1` on a 3.5+ quorum-mode server, which refuses to start.
    ///
    /// ## How to fix
    /// Use an id from 1 to 255, unique in the ensemble.
    ///
    /// ## Example
    /// `myid` holding `0`.
    pub static MYID_OUT_OF_RANGE = Rule {
        code: "ZK302",
        name: "myid_out_of_range",
        severity: Severity::Warning,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let Some(id) = zk.myid.as_ref().and_then(|m| m.id.as_ref()) else {
            continue;
        };
        // The server's own line has the same id, out of range too: `server_id_out_of_range`
        // reports both in one finding.
        if (1..=255).contains(&id.value) || zk.own_server().is_some() {
            continue;
        }
        let f = Finding::new(format!("myid `{}` is outside 1 to 255", id.value))
            .primary(id.span, "out of range")
            .help("use an id from 1 to 255, unique in the ensemble");
        let fatal = id.value == -1 && zk.config.version >= ZkVersion::V3_5 && zk.is_quorum_mode();
        out.push(if fatal {
            f.severity(Severity::Error)
        } else {
            f
        });
    }
    out
}
