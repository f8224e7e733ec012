use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::Role;
use crate::model::zk_url::ZkUrlProblem;
use crate::rules::Context;

declare_rule! {
    /// Masters and agents that use different ZooKeeper paths.
    ///
    /// ## What it finds
    /// A master's `--zk` or an agent's `--master=zk://...` whose znode path differs from the one
    /// the masters use (the most common path among masters, or among all processes when there
    /// are no masters).
    ///
    /// ## Why it matters
    /// Masters elect their leader under the path, and agents and frameworks look for the
    /// leader there. Everything starts without error, but an agent under `/mesos-prod` never
    /// finds masters under `/mesos` (it logs `Detecting new master` forever), and masters with
    /// different paths elect separate leaders.
    ///
    /// ## How to fix
    /// Use the same path in every zk URL of the cluster.
    ///
    /// ## Example
    /// Masters `--zk=zk://zk1:2181/mesos`, agent `--master=zk://zk1:2181/mesos-prod`.
    pub static ZK_PATH_DIFFERS = Rule {
        code: "CX103",
        name: "zk_path_differs",
        severity: Severity::Error,
        applies_to: "all Mesos releases",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    // A path written after every host is MS301's finding; its "path" is not one anybody chose.
    let urls: Vec<_> = ctx
        .zk_urls()
        .iter()
        .filter(|u| {
            !u.url
                .problems
                .iter()
                .any(|p| matches!(p, ZkUrlProblem::PathPerHost { .. }))
        })
        .collect();
    let masters: Vec<_> = urls
        .iter()
        .filter(|u| u.process.role == Role::Master)
        .collect();
    // Masters that differ among themselves are CM103's finding; here the others are held
    // against the masters' path.
    let masters_lead = !masters.is_empty();
    let basis = if masters_lead {
        masters
    } else {
        urls.iter().collect()
    };
    // The path most URLs use; of paths used equally often, the one used first.
    let by_path =
        crate::sort::group_by(basis.iter().enumerate(), |(_, u)| u.url.path.value.as_str());
    let Some((path, _)) = by_path
        .iter()
        .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.1[0].0.cmp(&a.1[0].0)))
    else {
        return Vec::new();
    };
    let Some(reference) = basis.iter().find(|u| u.url.path.value == *path) else {
        return Vec::new();
    };
    let mut findings = Vec::new();
    for u in &urls {
        if u.url.path.value == *path || (masters_lead && u.process.role == Role::Master) {
            continue;
        }
        findings.push(
            Finding::new(format!(
                "{} uses the ZooKeeper path `{}`, but {} uses `{}`",
                u.who(),
                u.url.path.value,
                reference.who(),
                path
            ))
            .primary(
                u.url.path.span,
                format!("{} looks under `{}`", u.who(), u.url.path.value),
            )
            .secondary(
                reference.url.path.span,
                format!("{} uses `{path}`", reference.who()),
            )
            .help("use the same znode path in every zk URL of the cluster"),
        );
    }
    findings
}
