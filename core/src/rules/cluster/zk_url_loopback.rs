use std::collections::BTreeMap;

use crate::diagnostic::{Finding, Severity};
use crate::model::ensemble::Ensemble;
use crate::net;
use crate::rules::Context;
use crate::source::Span;

use super::urls::{UrlUse, whose};

declare_rule! {
    /// A loopback host in a zk URL of a cluster whose ensemble runs on other machines.
    ///
    /// ## What it finds
    /// A master's `--zk` or an agent's `--master=zk://...` naming a loopback host
    /// (`127.x.x.x`, `localhost`, `::1`), when the
    /// ZooKeeper ensemble's `server.N` lines name at least two servers by addresses or names
    /// that are not loopback.
    ///
    /// ## Why it matters
    /// A loopback host is whatever ZooKeeper runs on the machine that reads the URL. On a
    /// machine without one (an agent, a master on its own box) every connection to it is
    /// refused, and the URL reaches fewer servers than it seems to; with only loopback hosts
    /// the daemon cannot reach ZooKeeper at all and exits after its ten-minute retry. Where a
    /// member does run locally, the URL still names a different server on every machine it
    /// is copied to, so what "the zk URL" is differs from host to host.
    ///
    /// ## How to fix
    /// Name the ensemble's servers by the addresses their `server.N` lines use.
    ///
    /// ## Example
    /// `MESOS_MASTER=zk://localhost:2181/mesos` on an agent, with `server.1=10.0.0.21:2888:3888`,
    /// `server.2=10.0.0.22:2888:3888`, `server.3=10.0.0.23:2888:3888`.
    pub static ZK_URL_LOOPBACK = Rule {
        code: "CX106",
        name: "zk_url_loopback",
        severity: Severity::Warning,
        applies_to: "all Mesos and ZooKeeper releases",
        check,
    };
}

/// True when the ensemble has at least two members off loopback: a loopback host in a zk
/// URL is then this rule's to report, not a server outside the ensemble.
pub(crate) fn ensemble_off_loopback(ensemble: &Ensemble<'_>) -> bool {
    ensemble
        .members
        .values()
        .filter(|m| !net::is_loopback(&m.host))
        .take(2)
        .count()
        == 2
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let Some(ensemble) = ctx.ensemble().filter(|e| ensemble_off_loopback(e)) else {
        return Vec::new();
    };
    // One URL read by several daemons (`/etc/mesos/zk`) is one mistake.
    let mut groups: BTreeMap<Vec<Span>, (Vec<String>, Vec<&UrlUse<'_>>)> = BTreeMap::new();
    for use_ in ctx.zk_urls() {
        let loopback: Vec<_> = use_
            .url
            .hosts
            .iter()
            .filter(|h| net::is_loopback(&h.value.host))
            .collect();
        if loopback.is_empty() {
            continue;
        }
        let spans = loopback.iter().map(|h| h.span).collect();
        let group = groups.entry(spans).or_insert_with(|| {
            (
                loopback.iter().map(|h| h.value.host.clone()).collect(),
                Vec::new(),
            )
        });
        group.1.push(use_);
    }
    let servers: Vec<String> = ensemble
        .members
        .values()
        .map(|m| match m.client_port {
            Some(port) => format!("{}:{port}", m.host),
            None => m.host.clone(),
        })
        .collect();
    let mut findings = Vec::new();
    for (spans, (hosts, uses)) in groups {
        let quoted: Vec<String> = hosts.iter().map(|h| format!("`{h}`")).collect();
        let mut finding = Finding::new(format!(
            "{} in {} names the machine that reads it, not a server of the ensemble",
            quoted.join(", "),
            whose(&uses)
        ));
        for span in spans {
            finding = finding.primary(span, "loopback: only a ZooKeeper on the same machine");
        }
        findings.push(
            finding
                .secondary(
                    ensemble.declared,
                    format!("the ensemble, as {} lists it", ensemble.reference.0.name),
                )
                .help(format!(
                    "name the ensemble's servers: `{}`",
                    servers.join(",")
                )),
        );
    }
    findings
}
