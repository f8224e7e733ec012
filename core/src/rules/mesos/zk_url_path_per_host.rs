use crate::diagnostic::{Finding, Severity};
use crate::model::zk_url::ZkUrlProblem;
use crate::rules::Context;
use crate::rules::cluster::zk_url_outside_ensemble::names_and_addresses;
use crate::source::Span;

declare_rule! {
    /// A ZooKeeper URL with a path after every host.
    ///
    /// ## What it finds
    /// `zk://a:2181/mesos,b:2181/mesos,c:2181/mesos`: the znode path repeated after each
    /// server instead of written once at the end.
    ///
    /// ## Why it matters
    /// Mesos takes everything from the first `/` as the path. It starts without complaint but
    /// talks to the first server only, and uses the znode `/mesos,b:2181/mesos,c:2181/mesos`:
    /// masters and agents configured correctly never meet these ones, and losing the one
    /// server stops leader election.
    ///
    /// ## How to fix
    /// List the servers, then the path once: `zk://a:2181,b:2181,c:2181/mesos`.
    ///
    /// ## Example
    /// `--zk=zk://192.168.1.1:2181/mesos,192.168.1.2:2181/mesos`.
    pub static ZK_URL_PATH_PER_HOST = Rule {
        code: "MS301",
        name: "zk_url_path_per_host",
        severity: Severity::Error,
        applies_to: "Mesos 1.0+",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (url, flag, problem) in super::url_problems(ctx) {
        let ZkUrlProblem::PathPerHost { lost } = problem else {
            continue;
        };
        let names: Vec<String> = lost.iter().map(|l| format!("`{}`", l.value)).collect();
        let used: Vec<String> = url.hosts.iter().map(|h| h.value.address()).collect();
        // The message names the URL, not the flag or host: the same URL copied to several
        // daemons is one mistake, reported once with a label on each copy.
        let mut finding = Finding::new(format!(
            "a zk URL has a path after every host: Mesos uses only `{}` and loses {}",
            used.join(","),
            names.join(", ")
        ));
        for host in &url.hosts {
            finding = finding.secondary(host.span, "the only server Mesos uses");
        }
        for l in lost {
            finding = finding.secondary(l.span, "read as part of the path");
        }
        let all: Vec<String> = used
            .into_iter()
            .chain(lost.iter().map(|l| l.value.clone()))
            .collect();
        let path = url.path.value.split(',').next().unwrap_or("/mesos");
        let (servers, whose) = match ensemble_servers(ctx, &all) {
            Some(members) => (members, "the ensemble's servers"),
            None => (all, "all hosts"),
        };
        // Only the first segment: the lost hosts after it carry labels of their own, and
        // labels nested inside another one's span are drawn out of place.
        let start = url.path.span.start as usize;
        let end = (start + path.len()).min(url.path.span.end as usize);
        out.push(
            finding
                .primary(
                    Span::new(url.path.span.file, start, end),
                    format!("{}: znode path read as `{}`", flag.display, url.path.value),
                )
                .help(format!(
                    "write the path once, after {whose}: `zk://{}{path}`",
                    servers.join(",")
                )),
        );
    }
    out
}

/// The ensemble's servers as `host:clientPort`, when the ensemble is known, every member's
/// client port is known, and some host written in the URL is not a member: then the written
/// hosts would make a wrong suggestion (`zk_url_outside_ensemble` says why). Not when the URL
/// names servers by address and the ensemble by host name (or the reverse).
fn ensemble_servers(ctx: &Context<'_>, written: &[String]) -> Option<Vec<String>> {
    let ensemble = ctx.ensemble()?;
    let ids = ctx.identities();
    let host = |address: &str| {
        address
            .rsplit_once(':')
            .map_or(address, |(h, _)| h)
            .to_owned()
    };
    let outside = written.iter().any(|address| {
        !ensemble
            .members
            .values()
            .any(|m| ids.same(&m.host, &host(address)))
    });
    // Addresses against host names: only DNS could tell, so the written hosts may be right.
    if !outside
        || names_and_addresses(
            written
                .iter()
                .map(|a| host(a))
                .collect::<Vec<_>>()
                .iter()
                .map(String::as_str),
            ensemble,
        )
    {
        return None;
    }
    ensemble
        .members
        .values()
        .map(|m| Some(format!("{}:{}", m.host, m.client_port?)))
        .collect()
}
