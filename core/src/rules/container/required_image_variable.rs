use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;

declare_rule! {
    /// A ZooKeeper image run without a variable its entrypoint requires.
    ///
    /// ## What it finds
    /// `bobrik/zookeeper` without `ZK_CONFIG` or `ZK_ID` (its `run.sh` exits when either is
    /// missing and no zoo.cfg or myid is mounted); Confluent's `cp-zookeeper` without
    /// `ZOOKEEPER_CLIENT_PORT`, or with `ZOOKEEPER_SERVERS` but without `ZOOKEEPER_TICK_TIME`
    /// or `ZOOKEEPER_SERVER_ID` (its `configure` script runs `dub ensure` on them).
    ///
    /// ## Why it matters
    /// The container stops at start-up, before ZooKeeper runs.
    ///
    /// ## How to fix
    /// Set the variable in the container's environment.
    ///
    /// ## Example
    /// `image: confluentinc/cp-zookeeper:5.5.0` with only `ZOOKEEPER_SERVERS` set.
    pub static REQUIRED_IMAGE_VARIABLE = Rule {
        code: "CT103",
        name: "required_image_variable",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for container in ctx.cluster.hosts.iter().flat_map(|h| &h.containers) {
        let Some(image) = &container.image else {
            continue;
        };
        for (name, why) in container.missing_variables() {
            findings.push(
                Finding::new(format!(
                    "`{}` runs `{}` without `{name}`: {why}",
                    container.name.value, image.value
                ))
                .primary(image.span, format!("needs `{name}`"))
                .help(format!("set `{name}` in the container's environment")),
            );
        }
    }
    findings
}
