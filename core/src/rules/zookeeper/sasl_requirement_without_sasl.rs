use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;
use crate::rules::zookeeper::servers;

declare_rule! {
    /// Quorum SASL required without being enabled.
    ///
    /// ## What it finds
    /// `quorum.auth.serverRequireSasl=true` or `quorum.auth.learnerRequireSasl=true` while
    /// `quorum.auth.enableSasl` is not true, and `serverRequireSasl` without `learnerRequireSasl`.
    ///
    /// ## Why it matters
    /// ZooKeeper refuses to start, e.g. `quorum.auth.enableSasl is disabled, so cannot enable
    /// quorum.auth.serverRequireSasl`.
    ///
    /// ## How to fix
    /// Set `quorum.auth.enableSasl=true` (and `quorum.auth.learnerRequireSasl=true` when the server
    /// requires SASL), or drop the requirement.
    ///
    /// ## Example
    /// `quorum.auth.serverRequireSasl=true` alone.
    pub static SASL_REQUIREMENT_WITHOUT_SASL = Rule {
        code: "ZK122",
        name: "sasl_requirement_without_sasl",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for zk in servers(ctx) {
        let cfg = &zk.config;
        let is_true = |key: &str| {
            cfg.get(key)
                .filter(|e| !e.templated && e.value.value.eq_ignore_ascii_case("true"))
        };
        let enabled = is_true("quorum.auth.enableSasl").is_some();
        let learner = is_true("quorum.auth.learnerRequireSasl");
        let server = is_true("quorum.auth.serverRequireSasl");
        for (key, entry) in [
            ("quorum.auth.serverRequireSasl", server),
            ("quorum.auth.learnerRequireSasl", learner),
        ] {
            if let (Some(e), false) = (entry, enabled) {
                out.push(
                    Finding::new(format!(
                        "`{key}` is true but `quorum.auth.enableSasl` is not"
                    ))
                    .primary(e.value.span, "requires quorum SASL")
                    .help("set `quorum.auth.enableSasl=true`, or drop the requirement"),
                );
            }
        }
        if let (Some(e), None, true) = (server, learner, enabled) {
            out.push(
                Finding::new("`quorum.auth.serverRequireSasl` is true but `quorum.auth.learnerRequireSasl` is not")
                    .primary(e.value.span, "requires learner SASL too")
                    .help("set `quorum.auth.learnerRequireSasl=true`"),
            );
        }
    }
    out
}
