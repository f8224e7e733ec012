use crate::diagnostic::{Finding, Severity};
use crate::model::problems::ConfigProblem;
use crate::rules::Context;

declare_rule! {
    /// A dynamic config file holding a key other than `server.N`, `group.N` or `weight.N`.
    ///
    /// ## What it finds
    /// Any other key in the file `dynamicConfigFile` names, including `version`.
    ///
    /// ## Why it matters
    /// ZooKeeper refuses to start: `Unrecognised parameter: <key>`, or `dynamic file shouldn't have
    /// version inside` for a `version` line. The version comes from the file name's hex suffix.
    ///
    /// ## How to fix
    /// Move the key to zoo.cfg. Drop `version` lines; name the file `zoo.cfg.dynamic.<hex version>`
    /// instead.
    ///
    /// ## Example
    /// `clientPort=2181` in `zoo.cfg.dynamic.100000000`.
    pub static INVALID_DYNAMIC_KEY = Rule {
        code: "ZK401",
        name: "invalid_dynamic_key",
        severity: Severity::Error,
        applies_to: "ZooKeeper 3.5+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for problem in &ctx.cluster.problems.config {
        match problem {
            ConfigProblem::DynamicVersionLine { line, version } => out.push(
                Finding::new("dynamic file holds a `version` line")
                    .primary(*line, "ZooKeeper refuses this line")
                    .help(format!(
                        "delete the line; the version comes from the file name's hex suffix (here `{version:x}`)"
                    )),
            ),
            ConfigProblem::DynamicKeyNotAllowed { span, key } => out.push(
                Finding::new(format!("`{key}` is not allowed in a dynamic config file"))
                    .primary(*span, "only server, group and weight keys belong here")
                    .help("move this setting to zoo.cfg"),
            ),
            _ => {}
        }
    }
    out
}
