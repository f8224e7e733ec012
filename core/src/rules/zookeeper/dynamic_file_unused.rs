use crate::diagnostic::{Finding, Severity};
use crate::model::zookeeper::ConfigProblem;
use crate::rules::Context;

declare_rule! {
    /// A dynamic configuration file that no zoo.cfg reads.
    ///
    /// ## What it finds
    /// A `zoo.cfg.dynamic*` file on a host whose zoo.cfg files name another file in
    /// `dynamicConfigFile`, or none. `<cfg>.dynamic.next` beside a zoo.cfg is read by
    /// ZooKeeper itself and is not reported; nor is a dynamic file on a host whose
    /// `dynamicConfigFile` is a template or names a file outside the tree (the file here may be
    /// a copy of it), or whose zoo.cfg is not in the tree.
    ///
    /// ## Why it matters
    /// ZooKeeper reads only the file `dynamicConfigFile` names. Server lines edited in another
    /// file change nothing: the ensemble keeps the membership of the file it reads. Without
    /// `dynamicConfigFile` at all, a 3.5+ server takes its servers from zoo.cfg alone.
    ///
    /// ## Severity
    /// A warning when no zoo.cfg of the host names a dynamic file; info when one names another
    /// file, since a reconfig leaves older `zoo.cfg.dynamic.<version>` files behind.
    ///
    /// ## How to fix
    /// Point `dynamicConfigFile` at the file, or remove the file.
    ///
    /// ## Example
    /// `zoo.cfg` without `dynamicConfigFile` beside `zoo.cfg.dynamic` with the server lines.
    pub static DYNAMIC_FILE_UNUSED = Rule {
        code: "ZK406",
        name: "dynamic_file_unused",
        severity: Severity::Warning,
        applies_to: "ZooKeeper 3.5+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for problem in &ctx.cluster.problems.config {
        let ConfigProblem::UnusedDynamic { file, name, named } = problem else {
            continue;
        };
        let base = name.rsplit('/').next().unwrap_or(name);
        let finding = Finding::new(format!("no zoo.cfg reads the dynamic file `{base}`"))
            .primary(*file, "ZooKeeper never reads this file");
        out.push(match named {
            Some(span) => finding
                .secondary(*span, "the dynamic file zoo.cfg reads")
                .help("an older version a reconfig left behind can go; otherwise point `dynamicConfigFile` at it")
                .severity(Severity::Info),
            None => finding.help(format!(
                "add `dynamicConfigFile={base}` (its path on the server) to zoo.cfg, or remove the file"
            )),
        });
    }
    out
}
