use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;
use crate::source::Span;

use super::urls::{UrlUse, whose};

declare_rule! {
    /// A zk URL that lists only part of the ZooKeeper ensemble.
    ///
    /// ## What it finds
    /// A master's `--zk` or an agent's `--master=zk://...` whose hosts are all ensemble
    /// members but leave some voting members out. One finding per set of servers left out,
    /// with a label on every URL that leaves them out.
    ///
    /// ## Why it matters
    /// The ZooKeeper client only ever connects to the servers in its list. When those are down
    /// or cut off, the process loses its session although the ensemble still has a quorum:
    /// masters lose leadership and agents lose their master, which is the failover the
    /// ensemble was built to survive.
    ///
    /// ## How to fix
    /// List every server of the ensemble in every zk URL.
    ///
    /// ## Example
    /// Five servers, `--zk=zk://zk1:2181,zk2:2181/mesos`.
    pub static ZK_URL_PARTIAL_ENSEMBLE = Rule {
        code: "CX102",
        name: "zk_url_partial_ensemble",
        severity: Severity::Warning,
        applies_to: "all Mesos and ZooKeeper releases",
        check,
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let Some(ensemble) = ctx.ensemble() else {
        return Vec::new();
    };
    let ids = ctx.identities();
    // One mistake, one finding: the URLs that leave out the same servers, together.
    let mut partial = Vec::new();
    for use_ in ctx.zk_urls() {
        // A path after every host already loses hosts; `MS301` names them.
        if use_
            .url
            .problems
            .iter()
            .any(|p| matches!(p, crate::model::zk_url::ZkUrlProblem::PathPerHost { .. }))
        {
            continue;
        }
        let mut listed = Vec::new();
        let mut all_members = true;
        for item in &use_.url.hosts {
            let host = &item.value.host;
            // The member of that very name first: two servers that claim one myid are not
            // one machine.
            let member = ensemble
                .members
                .values()
                .find(|m| m.host.eq_ignore_ascii_case(host))
                .or_else(|| ensemble.members.values().find(|m| ids.same(&m.host, host)));
            match member {
                Some(m) => {
                    listed.push(m.sid);
                }
                None => all_members = false,
            }
        }
        crate::sort::sort(&mut listed);
        listed.dedup();
        if !all_members || listed.is_empty() {
            continue;
        }
        let missing: Vec<&str> = ensemble
            .members
            .values()
            .filter(|m| m.entry.role == crate::model::zookeeper::Role::Participant)
            .filter(|m| listed.binary_search(&m.sid).is_err())
            .map(|m| m.host.as_str())
            .collect();
        if missing.is_empty() {
            continue;
        }
        let span = use_
            .url
            .hosts
            .iter()
            .map(|h| h.span)
            .reduce(Span::cover)
            .unwrap_or(use_.url.raw.span);
        partial.push(((listed.len(), missing), (use_, span)));
    }
    let mut findings = Vec::new();
    for ((listed, missing), uses) in crate::sort::group(partial) {
        let named = name_some(&missing);
        let who: Vec<&UrlUse<'_>> = uses.iter().map(|(u, _)| *u).collect();
        let (lists, leaves) = if who.len() == 1 {
            ("lists", "it leaves")
        } else {
            ("list", "they leave")
        };
        let mut f = Finding::new(format!(
            "{} {lists} {listed} of the ensemble's {} voting servers; {leaves} out {named}",
            whose(&who),
            ensemble.voters(),
        ));
        for (_, span) in &uses {
            f = f.primary(*span, format!("missing {named}"));
        }
        findings.push(
            f.secondary(ensemble.declared, "the ensemble").help(
                "list every server of the ensemble so the client can fail over to any of them",
            ),
        );
    }
    findings
}

/// `a, b, c`, or `a, b, c, d, e and 7 more` for long lists.
fn name_some(names: &[&str]) -> String {
    const SHOWN: usize = 5;
    if names.len() <= SHOWN + 1 {
        names.join(", ")
    } else {
        format!(
            "{} and {} more",
            names[..SHOWN].join(", "),
            names.len() - SHOWN
        )
    }
}
