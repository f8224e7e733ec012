use std::collections::BTreeMap;

use crate::diagnostic::{Finding, Severity};
use crate::model::ensemble::{comparable, line_key, sid};
use crate::model::zookeeper::{ZkServer, effective};
use crate::rules::Context;

declare_rule! {
    /// ZooKeeper servers that list different `server.N` lines.
    ///
    /// ## What it finds
    /// A `server.N` line that reads differently on two hosts (another address, port or role), or
    /// that one host lists and another does not. The static list, or the dynamic file's when
    /// `dynamicConfigFile` is used, is compared. The primary label sits on the line that differs
    /// from what most hosts say; the secondary label shows what the others say. A server with no
    /// `server.N` line at all next to an ensemble is reported too, and so are several servers of
    /// one cluster that all lack them (a warning: each runs on its own).
    ///
    /// ## Why it matters
    /// ZooKeeper never compares its list with its peers'. Servers that disagree count votes
    /// against different ensembles: a server may wait forever for a peer that is not there, two
    /// groups may each believe they hold a majority, and clients may be sent to a server that is
    /// not part of the quorum.
    ///
    /// ## Severity
    /// An error; a warning when every server lists no `server.N` line and each runs standalone.
    ///
    /// ## How to fix
    /// Generate every host's `server.N` lines from one list, so that every zoo.cfg (or dynamic
    /// file) is identical in these lines.
    ///
    /// ## Example
    /// `zk1/zoo.cfg` says `server.3=zk3:2888:3888`; `zk2/zoo.cfg` says `server.3=zk9:2888:3888`.
    pub static SERVER_LISTS_DIFFER = Rule {
        code: "CZ101",
        name: "server_lists_differ",
        severity: Severity::Error,
        applies_to: "all ZooKeeper releases",
        check,
    };
}

/// Two lines agree, or one has a port ZooKeeper cannot read (`?`), which the rules of that file
/// report (a trailing blank, a typo): comparing it would only say the same thing again.
fn same_or_unreadable(a: &str, b: &str) -> bool {
    a == b || a.contains('?') || b.contains('?')
}

/// A readable, non-template config without a single `server.N` line: ZooKeeper runs it
/// standalone, whatever myid says.
fn lists_nothing(server: &ZkServer) -> bool {
    !server.servers_unknown()
        && !server.config.is_template
        && effective(server.effective_servers()).next().is_none()
}

/// Several servers, each with a myid but no `server.N` line: each runs standalone.
fn all_standalone(ctx: &Context<'_>) -> Vec<Finding> {
    let servers: Vec<_> = ctx.cluster.zk_servers().collect();
    if servers.len() < 2
        || !servers
            .iter()
            .all(|(_, s)| lists_nothing(s) && s.myid.is_some())
    {
        return Vec::new();
    }
    let mut finding = Finding::new(format!(
        "{} servers have a myid but no `server.N` lines, so each runs standalone",
        servers.len()
    ));
    for (host, server) in &servers {
        finding = finding.primary(
            server.config.end,
            format!(
                "{}: no `server.N` lines",
                ctx.cluster.describe(host, server)
            ),
        );
    }
    vec![
        finding
            .help("list every server of the ensemble as `server.N=host:2888:3888` in each zoo.cfg")
            .severity(Severity::Warning),
    ]
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let Some(ensemble) = ctx.ensemble() else {
        return all_standalone(ctx);
    };
    let (ref_host, ref_server) = ensemble.reference;
    let reference: BTreeMap<i64, _> = effective(ref_server.effective_servers())
        .filter_map(|e| Some((sid(e)?, e)))
        .collect();
    let ref_who = ctx.cluster.describe(ref_host, ref_server);
    let mut findings = Vec::new();
    for (host, server) in ctx.cluster.zk_servers() {
        if lists_nothing(server) {
            let who = ctx.cluster.describe(host, server);
            findings.push(
                Finding::new(format!(
                    "{who} lists no `server.N` lines, so it runs standalone outside the ensemble"
                ))
                .primary(server.config.end, format!("no `server.N` lines on {who}"))
                .secondary(
                    ensemble.declared,
                    format!("the ensemble, as {ref_who} lists it"),
                )
                .help("copy the ensemble's `server.N` lines into this zoo.cfg"),
            );
            continue;
        }
        if !comparable(server) || std::ptr::eq(server, ref_server) {
            continue;
        }
        let who = ctx.cluster.describe(host, server);
        let own: BTreeMap<i64, _> = effective(server.effective_servers())
            .filter_map(|e| Some((sid(e)?, e)))
            .collect();
        // Every line of this server that differs, as (`server.N`, finding of that line alone):
        // one line is told on its own, several become one finding for the server.
        let mut lines: Vec<(i64, Finding)> = Vec::new();
        for (id, entry) in &own {
            match reference.get(id) {
                Some(theirs)
                    if same_or_unreadable(
                        &line_key(ref_server, theirs, &ensemble.usual_hosts),
                        &line_key(server, entry, &ensemble.usual_hosts),
                    ) => {}
                Some(theirs) => lines.push((
                    *id,
                    Finding::new(format!("`server.{id}` on {who} differs from {ref_who}"))
                        .primary(
                            entry.value.span,
                            format!("{who} says `{}`", entry.value.value.trim()),
                        )
                        .secondary(
                            theirs.value.span,
                            format!("{ref_who} says `{}`", theirs.value.value.trim()),
                        ),
                )),
                None => lines.push((
                    *id,
                    Finding::new(format!(
                        "{who} lists `server.{id}`, which {ref_who} does not"
                    ))
                    .primary(
                        entry.key.span.cover(entry.value.span),
                        format!("only on {who}"),
                    )
                    .secondary(
                        ensemble.declared,
                        format!("{ref_who}'s list has no `server.{id}`"),
                    ),
                )),
            }
        }
        let end = server
            .effective_servers()
            .last()
            .map_or(server.config.end, |e| e.key.span.cover(e.value.span));
        for (id, theirs) in &reference {
            if !own.contains_key(id) {
                lines.push((
                    *id,
                    Finding::new(format!(
                        "{who} does not list `server.{id}`, which {ref_who} does"
                    ))
                    .primary(end, format!("no `server.{id}` on {who}"))
                    .secondary(
                        theirs.key.span.cover(theirs.value.span),
                        format!("{ref_who} lists it"),
                    ),
                ));
            }
        }
        findings.extend(one_finding(&who, &ref_who, lines));
    }
    findings
}

/// The lines where one server's list differs from the reference, as one finding: the line's
/// own finding when it is one, else one that labels every line (the reference's lines once).
fn one_finding(who: &str, ref_who: &str, mut lines: Vec<(i64, Finding)>) -> Option<Finding> {
    const HELP: &str = "make the `server.N` lines identical on every host";
    lines.sort_by_key(|(id, _)| *id);
    if lines.len() < 2 {
        return lines.pop().map(|(_, finding)| finding.help(HELP));
    }
    let ids: Vec<String> = lines
        .iter()
        .map(|(id, _)| format!("`server.{id}`"))
        .collect();
    let mut merged = Finding::new(format!(
        "the server list on {who} differs from {ref_who}'s in {} lines: {}",
        lines.len(),
        ids.join(", ")
    ))
    .help(HELP);
    for (_, finding) in lines {
        for label in finding.labels {
            match merged.labels.iter_mut().find(|l| l.span == label.span) {
                // Several missing lines point at the end of the list: one label names them all.
                Some(same) if label.primary => {
                    same.message = format!("{}, {}", same.message, label.message);
                }
                Some(_) => {}
                None => merged.labels.push(label),
            }
        }
    }
    Some(merged)
}
