use crate::sort::CollectSorted;
use std::collections::{BTreeMap, HashMap};

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
    /// one cluster that all lack them (a warning: each runs on its own). A server whose list
    /// differs in several lines draws one finding that labels each line, and servers whose
    /// lists differ in the same way (two servers added on two hosts only) share one finding.
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
        .collect_map();
    let ref_who = ctx.cluster.describe(ref_host, ref_server);
    let mut findings = Vec::new();
    let mut differing: Vec<Vec<(String, Vec<Line>)>> = Vec::new();
    let mut by_signature: HashMap<String, usize> = HashMap::new();
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
            .collect_map();
        // Every line of this server that differs, as (`server.N`, finding of that line alone):
        // one line is told on its own, several become one finding for the server.
        let mut lines: Vec<Line> = Vec::new();
        for (id, entry) in &own {
            match reference.get(id) {
                Some(theirs)
                    if same_or_unreadable(
                        &line_key(ref_server, theirs, &ensemble.usual_hosts),
                        &line_key(server, entry, &ensemble.usual_hosts),
                    ) => {}
                Some(theirs) => lines.push((
                    *id,
                    format!("{id}={}", line_key(server, entry, &ensemble.usual_hosts)),
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
                    format!("{id}={}", line_key(server, entry, &ensemble.usual_hosts)),
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
                    format!("{id} missing"),
                    Finding::new(format!(
                        "{who} does not list `server.{id}`, which {ref_who} does"
                    ))
                    .primary(end, format!("{who} lacks `server.{id}`"))
                    .secondary(
                        theirs.key.span.cover(theirs.value.span),
                        format!("{ref_who} lists it"),
                    ),
                ));
            }
        }
        let signature: Vec<&str> = lines.iter().map(|(_, sig, _)| sig.as_str()).collect();
        let signature = signature.join(" ");
        match by_signature.get(&signature) {
            Some(&at) => differing[at].push((who, lines)),
            None if !lines.is_empty() => {
                by_signature.insert(signature, differing.len());
                differing.push(vec![(who, lines)]);
            }
            None => {}
        }
    }
    // Servers whose lists differ in the same way are one mistake: one finding names them all.
    findings.extend(
        differing
            .into_iter()
            .filter_map(|servers| one_finding(&ref_who, servers)),
    );
    findings
}

/// One line where a server's list differs: `server.N`, what the difference is (servers with
/// the same differences share one finding), and the line's finding on its own.
type Line = (i64, String, Finding);

/// The servers whose lists differ from the reference in the same lines, as one finding: a
/// single line of a single server keeps its own finding; otherwise one finding labels every
/// line, labels on one span merged into one.
fn one_finding(ref_who: &str, mut servers: Vec<(String, Vec<Line>)>) -> Option<Finding> {
    const HELP: &str = "make the `server.N` lines identical on every host";
    if servers.len() == 1 && servers[0].1.len() == 1 {
        return servers[0].1.pop().map(|(_, _, finding)| finding.help(HELP));
    }
    let whos: Vec<&str> = servers.iter().map(|(who, _)| who.as_str()).collect();
    let (_, first) = servers.first()?;
    let mut ids: Vec<i64> = first.iter().map(|(id, _, _)| *id).collect();
    crate::sort::sort(&mut ids);
    ids.dedup();
    let ids: Vec<String> = ids.iter().map(|id| format!("`server.{id}`")).collect();
    let message = match whos.as_slice() {
        [who] => format!("the server list on {who} differs from {ref_who}'s"),
        _ => format!(
            "the server lists on {} differ from {ref_who}'s",
            whos.join(", ")
        ),
    };
    let mut merged = Finding::new(format!(
        "{message} in {} line{}: {}",
        ids.len(),
        if ids.len() == 1 { "" } else { "s" },
        ids.join(", ")
    ))
    .help(HELP);
    let mut lines: Vec<Line> = servers.into_iter().flat_map(|(_, lines)| lines).collect();
    crate::sort::sort_by_key(&mut lines, |(id, _, _)| *id);
    for (_, _, finding) in lines {
        for label in finding.labels {
            match merged.labels.iter_mut().find(|l| l.span == label.span) {
                Some(same) => same.message = joined(&same.message, &label.message),
                None => merged.labels.push(label),
            }
        }
    }
    Some(merged)
}

/// Two labels of one span as one: `zk1's list has no `server.4``, `zk1's list has no
/// `server.5`` -> `zk1's list has no `server.4`, `server.5``.
fn joined(first: &str, second: &str) -> String {
    let common = first
        .char_indices()
        .zip(second.chars())
        .take_while(|((_, a), b)| a == b)
        .filter(|((_, a), _)| *a == ' ')
        .last()
        .map_or(0, |((i, _), _)| i + 1);
    let added = &second[common..];
    if first == second || first[common..].split(", ").any(|item| item == added) {
        return first.to_owned();
    }
    format!("{first}, {added}")
}

#[cfg(test)]
mod tests {
    use super::joined;

    #[test]
    fn labels_on_one_span_name_each_line_once() {
        let one = joined(
            "zk1's list has no `server.4`",
            "zk1's list has no `server.5`",
        );
        assert_eq!(one, "zk1's list has no `server.4`, `server.5`");
        assert_eq!(joined(&one, "zk1's list has no `server.5`"), one);
        assert_eq!(joined(&one, "zk1's list has no `server.4`"), one);
        assert_eq!(joined("only on zk4", "only on zk4"), "only on zk4");
    }
}
