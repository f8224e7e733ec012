use crate::catalog::images::{self, Image};
use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;

declare_rule! {
    /// A variable that another ZooKeeper or Mesos image reads, given to an image that ignores it.
    ///
    /// ## What it finds
    /// An environment variable of a container that some image meslint knows reads, but the
    /// container's own image does not: `ZOO_MY_ID` on `bobrik/zookeeper` (which reads `ZK_ID`),
    /// `MYID` on the official `zookeeper` image (which reads `ZOO_MY_ID`), `MESOS_*` on a
    /// ZooKeeper image. The images and the variables each entrypoint reads are listed in the
    /// README, with the entrypoint script each fact comes from.
    ///
    /// ## Why it matters
    /// The entrypoint never looks at the variable, so the setting silently does nothing: a
    /// server keeps the image's default myid (often `1` on every server) or its default server
    /// list, and runs standalone or in the wrong ensemble.
    ///
    /// ## How to fix
    /// Use the variable the image reads (the help names it), or the image the variable was
    /// written for.
    ///
    /// ## Example
    /// `image: zookeeper:3.8` with `environment: {MYID: 2, SERVERS: zk1,zk2,zk3}` (the
    /// `mesoscloud/zookeeper` variables).
    pub static FOREIGN_IMAGE_VARIABLE = Rule {
        code: "CT101",
        name: "foreign_image_variable",
        severity: Severity::Warning,
        applies_to: "all",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for container in ctx.cluster.hosts.iter().flat_map(|h| &h.containers) {
        let Some(image_ref) = &container.image else {
            continue;
        };
        let Some(image) = images::lookup(&image_ref.value) else {
            continue;
        };
        for var in &container.env {
            let name = &var.name.value;
            if images::reads(image, name) {
                continue;
            }
            let Some(owner) = images::family_of(name) else {
                continue;
            };
            if std::ptr::eq(owner, image) {
                continue;
            }
            findings.push(
                Finding::new(format!(
                    "`{name}` is read by {}, not by `{}`: it does nothing here",
                    images::family_name(owner),
                    image_ref.value
                ))
                .primary(var.name.span, "ignored by this image")
                .secondary(image_ref.span, "this image's entrypoint never reads it")
                .help(equivalent(image, name).map_or_else(
                    || "remove it, or use the image it was written for".to_owned(),
                    |e| format!("this image reads `{e}` instead"),
                )),
            );
        }
    }
    findings
}

/// The variable of `image` that does what `foreign` does in its own image.
fn equivalent(image: &Image, foreign: &str) -> Option<&'static str> {
    const MYID: &[&str] = &[
        "ZOO_MY_ID",
        "MYID",
        "ZK_ID",
        "SERVER_ID",
        "ZOOKEEPER_SERVER_ID",
    ];
    const SERVERS: &[&str] = &["ZOO_SERVERS", "SERVERS", "ZK_CONFIG", "ZOOKEEPER_SERVERS"];
    let group = [MYID, SERVERS].into_iter().find(|g| g.contains(&foreign))?;
    group.iter().copied().find(|v| image.reads.contains(v))
}
