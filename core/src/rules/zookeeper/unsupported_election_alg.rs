use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::Value;
use crate::rules::Context;
use crate::rules::zookeeper::servers;
use crate::version::ZkVersion;

declare_rule! {
    /// An `electionAlg` other than 3.
    ///
    /// ## What it finds
    /// `electionAlg` set to 0, 1, 2 or any value but 3.
    ///
    /// ## Why it matters
    /// ZooKeeper 3.6+ refuses to start: `Invalid electionAlg value. Only 3 is supported.`.
    /// ZooKeeper 3.4 and 3.5 still accept 0 to 2, but those algorithms are deprecated (a warning
    /// there).
    ///
    /// ## Severity
    /// An error on ZooKeeper 3.6+, which refuses any value but 3; a warning before 3.6, where 0
    /// to 2 are deprecated and other numbers leave the server without a working election.
    ///
    /// ## How to fix
    /// Delete the line; 3 (fast leader election) is the default.
    ///
    /// ## Example
    /// `electionAlg=0` left over from an old config.
    pub static UNSUPPORTED_ELECTION_ALG = Rule {
        code: "ZK115",
        name: "unsupported_election_alg",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let cfg = &zk.config;
        let Some(alg) = &cfg.election_alg else {
            continue;
        };
        let Value::Known(n) = alg.value else { continue };
        if n == 3 {
            continue;
        }
        let finding = Finding::new(format!(
            "`electionAlg` `{n}` is not supported by ZooKeeper {}",
            cfg.version
        ))
        .primary(alg.span, "only 3 is supported")
        .help("delete the line to use fast leader election (3)");
        out.push(if cfg.version < ZkVersion::V3_6 && (0..=2).contains(&n) {
            Finding::new(format!("`electionAlg` `{n}` is deprecated"))
                .primary(alg.span, "deprecated")
                .help("delete the line to use fast leader election (3)")
                .severity(Severity::Warning)
        } else if cfg.version < ZkVersion::V3_6 {
            // Before 3.6 the parser takes any number; the server starts without a working
            // election, so this is a warning there.
            finding.severity(Severity::Warning)
        } else {
            finding
        });
    }
    out
}
