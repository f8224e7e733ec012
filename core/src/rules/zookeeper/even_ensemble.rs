use crate::diagnostic::{Finding, Severity};
use crate::rules::zookeeper::{known_servers, servers};
use crate::rules::{Context, Scope};

declare_rule! {
    /// An ensemble with an even number of voters.
    ///
    /// ## What it finds
    /// Four, six or any even number (four or more) of participant server lines, in an ensemble
    /// that counts a plain majority (`group.N` lines switch to hierarchical quorums, where the
    /// groups and weights decide what survives).
    ///
    /// ## Why it matters
    /// A majority of 2k voters tolerates as many failures as 2k-1 voters, so the extra server adds
    /// a machine that can fail, slows every write, and a clean network split leaves no majority.
    /// ZooKeeper logs `Non-optimal configuration, consider an odd number of servers.`.
    ///
    /// ## How to fix
    /// Use an odd number of voters; make the extra server an observer (`:observer`) if it is needed
    /// for reads.
    ///
    /// ## Example
    /// Four `server.N` lines, all participants.
    pub static EVEN_ENSEMBLE = Rule {
        scope: Scope::Ensemble,
        code: "ZK211",
        name: "even_ensemble",
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
        if list.iter().any(|s| s.templated) || !zk.effective_groups().is_empty() {
            continue;
        }
        let voters = zk.voters();
        let n = voters.len();
        if n >= 4
            && n % 2 == 0
            && let Some(last) = voters.last()
        {
            out.push(
                Finding::new(format!(
                    "the ensemble has {n} voters, which survive {} failure{}, as {} voters do",
                    (n - 1) / 2,
                    if (n - 1) / 2 == 1 { "" } else { "s" },
                    n - 1
                ))
                .primary(last.key.span, format!("voter number {n}"))
                .help("use an odd number of voters, or make one of them an observer"),
            );
        }
    }
    out
}
