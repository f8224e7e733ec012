use crate::diagnostic::{Finding, Severity};
use crate::rules::zookeeper::{known_servers, servers};
use crate::rules::{Context, Scope};

declare_rule! {
    /// An ensemble of two voters, which tolerates no failure.
    ///
    /// ## What it finds
    /// A quorum whose server lines name exactly two participants (and, on 3.5+, a one-voter quorum
    /// with `standaloneEnabled=false`, as info).
    ///
    /// ## Why it matters
    /// A majority of two is two: losing either server stops the ensemble, so two servers are less
    /// available than one. ZooKeeper logs `No server failure will be tolerated. You need at least 3
    /// servers.`.
    ///
    /// ## Severity
    /// A warning for two voters; info for a single voter.
    ///
    /// ## How to fix
    /// Run three (or five) voters.
    ///
    /// ## Example
    /// `server.1` and `server.2` only.
    pub static ZERO_FAULT_TOLERANCE = Rule {
        scope: Scope::Ensemble,
        code: "ZK210",
        name: "zero_fault_tolerance",
        severity: Severity::Warning,
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
        if list.iter().any(|s| s.templated) || !zk.is_quorum_mode() {
            continue;
        }
        let voters = zk.voters();
        match voters.as_slice() {
            [a, b] => out.push(
                Finding::new("the ensemble has two voters, so it tolerates no server failure")
                    .primary(b.key.span, "second of two voters")
                    .secondary(a.key.span, "first voter")
                    .help("run three or five voters"),
            ),
            [only] => out.push(
                Finding::new("the quorum has one voter, so it tolerates no server failure")
                    .primary(only.key.span, "the only voter")
                    .help("add voters (three or five) once the ensemble grows")
                    .severity(Severity::Info),
            ),
            _ => {}
        }
    }
    out
}
