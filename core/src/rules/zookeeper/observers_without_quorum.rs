use crate::diagnostic::{Finding, Severity};
use crate::rules::zookeeper::{known_servers, servers};
use crate::rules::{Context, Scope};
use crate::version::ZkVersion;

declare_rule! {
    /// Observers with fewer than two participants, or a forced quorum with no participant.
    ///
    /// ## What it finds
    /// Server lines that are all observers, or a single participant plus observers (standalone mode
    /// allowed), or `standaloneEnabled=false` with no participant at all (3.5+).
    ///
    /// ## Why it matters
    /// ZooKeeper refuses to start: `Observers w/o participants is an invalid configuration`,
    /// `Observers w/o quorum is an invalid configuration`, or `standaloneEnabled = false then
    /// number of participants should be >0`.
    ///
    /// ## How to fix
    /// Add participant servers (three or five), or remove the observer lines.
    ///
    /// ## Example
    /// `server.1=zk1:2888:3888` and `server.2=zk2:2888:3888:observer`.
    pub static OBSERVERS_WITHOUT_QUORUM = Rule {
        scope: Scope::Ensemble,
        code: "ZK212",
        name: "observers_without_quorum",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let Some(list) = known_servers(zk) else {
            continue;
        };
        if list.iter().any(|s| s.templated) {
            continue;
        }
        let (voters, observers) = (zk.voters(), zk.observers());
        let standalone = zk.config.standalone_enabled();
        let first_observer = observers.first().map(|o| o.key.span);
        match (voters.len(), first_observer) {
            (0, Some(span)) => out.push(
                Finding::new("the server lines name observers but no participant")
                    .primary(span, "observer")
                    .help("add participant servers"),
            ),
            (1, Some(span)) if standalone => out.push(
                Finding::new("observers need at least two participants, but only one is listed")
                    .primary(span, "observer")
                    .help("add participants, or set `standaloneEnabled=false`"),
            ),
            (0, None) if !standalone && zk.config.version >= ZkVersion::V3_5 => {
                let span = zk
                    .config
                    .standalone_enabled
                    .as_ref()
                    .map_or(zk.config.end, |s| s.span);
                out.push(
                    Finding::new(
                        "`standaloneEnabled=false` needs at least one participant server line",
                    )
                    .primary(span, "no participants")
                    .help("add the `server.N` lines, or delete `standaloneEnabled=false`"),
                );
            }
            _ => {}
        }
    }
    out
}
