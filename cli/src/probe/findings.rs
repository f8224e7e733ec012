//! Turns what the probe heard into findings of the `PR` rules, stamped by each rule's
//! `report` like every other diagnostic, and into the JSON results.

use std::collections::BTreeMap;

use meslint_core::model::identity::Identities;
use meslint_core::rules::Rule;
use meslint_core::rules::probe::{
    four_letter_word_refused::FOUR_LETTER_WORD_REFUSED, leaderless_ensemble::LEADERLESS_ENSEMBLE,
    master_registration_differs::MASTER_REGISTRATION_DIFFERS, multiple_leaders::MULTIPLE_LEADERS,
    registered_masters_below_quorum::REGISTERED_MASTERS_BELOW_QUORUM,
    standalone_ensemble_member::STANDALONE_ENSEMBLE_MEMBER,
    unlisted_server_answers::UNLISTED_SERVER_ANSWERS, zk_chroot_missing::ZK_CHROOT_MISSING,
    zk_server_unreachable::ZK_SERVER_UNREACHABLE, zk_session_failed::ZK_SESSION_FAILED,
    zk_version_differs::ZK_VERSION_DIFFERS,
};
use meslint_core::{Diagnostic, Finding, Report, Severity, Span, ZkVersion};

use super::four_letter::Answer;
use super::session::{Outcome, Registration};
use super::targets::{Plan, Target, address};
use super::{Asked, Probe, Results, ServerResult, SessionResult};

pub(super) fn build(
    report: &Report,
    plan: &Plan,
    answers: &[Asked],
    outcomes: &[Outcome],
) -> Probe {
    let mut out = Out::default();
    let ids = Identities::new(&report.model, &report.settings);
    let members: Vec<(&Target, &Answer)> = plan
        .targets
        .values()
        .zip(answers)
        .filter(|(t, _)| t.server.as_ref().is_some_and(|s| s.member))
        .map(|(t, (_, a))| (t, a))
        .collect();
    let mut versions: BTreeMap<&str, Vec<&Target>> = BTreeMap::new();
    for (target, (connected, answer)) in plan.targets.values().zip(answers) {
        out.results
            .servers
            .push(server_result(target, *connected, answer));
        let shown = address(&target.host, target.port);
        let (primary, what) = where_declared(target);
        let with_urls = |mut finding: Finding| {
            for url in &target.urls {
                if url.span != primary {
                    finding = finding.secondary(url.span, format!("in {}'s zk URL", url.who));
                }
            }
            finding
        };
        match answer {
            Answer::Unreachable(why) => out.push(
                &ZK_SERVER_UNREACHABLE,
                with_urls(
                    Finding::new(format!("{what} `{shown}` does not answer: {why}"))
                        .primary(primary, "not reachable")
                        .help(
                            "start the server, or correct its address or client port; \
                             a firewall between meslint and the server looks the same",
                        ),
                ),
            ),
            Answer::Refused => {
                let server = target.server.as_ref();
                let (span, line) = match server.and_then(|s| s.whitelist.as_ref()) {
                    Some((span, value)) => (*span, whitelist_with_srvr(value)),
                    None => (
                        server.map_or(primary, |s| s.config_end),
                        "4lw.commands.whitelist=srvr".to_owned(),
                    ),
                };
                out.push(
                    &FOUR_LETTER_WORD_REFUSED,
                    with_urls(
                        Finding::new(format!(
                            "{what} `{shown}` refuses `srvr`: it is not in its \
                             `4lw.commands.whitelist`"
                        ))
                        .primary(span, "`srvr` is not whitelisted")
                        .help(format!(
                            "write `{line}` in this server's zoo.cfg and restart it, so \
                             its mode and version can be checked"
                        )),
                    ),
                );
            }
            Answer::Srvr(srvr) => {
                if srvr.mode == "standalone"
                    && target.server.as_ref().is_some_and(|s| s.member)
                    && plan.ensemble.is_some_and(|(_, voters)| voters > 1)
                {
                    let mut finding = Finding::new(format!(
                        "ZooKeeper server `{shown}` runs standalone, but the configuration \
                         puts it in an ensemble"
                    ))
                    .primary(primary, "answers `Mode: standalone`")
                    .help(
                        "start it with the zoo.cfg that lists the ensemble and its myid, \
                         then restart the Mesos daemons connected to it",
                    );
                    if let Some((declared, _)) = plan.ensemble
                        && declared != primary
                    {
                        finding = finding.secondary(declared, "the ensemble it should be in");
                    }
                    out.push(&STANDALONE_ENSEMBLE_MEMBER, finding);
                }
                if !version_is(&srvr.version, report.settings.zookeeper) {
                    versions
                        .entry(srvr.version.as_str())
                        .or_default()
                        .push(target);
                }
            }
            Answer::NotServing | Answer::Unrecognized(_) => {}
        }
        // A zk URL host that is no server of the configuration, where something answers.
        let answers_as_zookeeper = matches!(
            answer,
            Answer::Refused | Answer::NotServing | Answer::Srvr(_)
        );
        if !target.server.as_ref().is_some_and(|s| s.member)
            && answers_as_zookeeper
            && !plan.targets.values().any(|t| {
                t.server.as_ref().is_some_and(|s| s.member) && ids.same(&t.host, &target.host)
            })
            && let Some(first) = target.urls.first()
        {
            let mut finding = Finding::new(format!(
                "`{shown}` in {}'s zk URL answers as a ZooKeeper server, but it is not in the \
                 ensemble",
                first.who
            ))
            .primary(first.span, "a ZooKeeper outside the ensemble")
            .help("list only the ensemble's servers in the zk URL, or add this server to it");
            if let Some((declared, _)) = plan.ensemble {
                finding = finding.secondary(declared, "the ensemble");
            }
            out.push(&UNLISTED_SERVER_ANSWERS, finding);
        }
    }
    for (version, targets) in versions {
        let mut finding = Finding::new(format!(
            "{} ZooKeeper {version}, but meslint checks the configuration against {}",
            plural(targets.len(), "server runs", "servers run"),
            report.settings.zookeeper
        ));
        for (i, target) in targets.iter().enumerate() {
            let (span, _) = where_declared(target);
            let label = format!("reports {version}");
            finding = if i == 0 {
                finding.primary(span, label)
            } else {
                finding.secondary(span, label)
            };
        }
        out.push(
            &ZK_VERSION_DIFFERS,
            finding.help(format!(
                "check against the running release (`--zookeeper-version {}` or \
                 `zookeeper_version` in meslint.toml), or upgrade the servers",
                minor_of(version).unwrap_or_else(|| version.to_owned())
            )),
        );
    }
    leaders(plan, &members, &mut out);
    for (session, outcome) in plan.sessions.iter().zip(outcomes) {
        sessions(plan, &ids, session, outcome, &mut out);
    }
    Probe {
        diagnostics: out.diagnostics,
        results: out.results,
    }
}

#[derive(Default)]
struct Out {
    diagnostics: Vec<Diagnostic>,
    results: Results,
}

impl Out {
    fn push(&mut self, rule: &Rule, finding: Finding) {
        self.diagnostics.push(rule.report(finding));
    }
}

/// Where a target is declared: its server line (or clientPort), else its first URL mention.
fn where_declared(target: &Target) -> (Span, &'static str) {
    match &target.server {
        Some(server) => (server.span, "ZooKeeper server"),
        None => (target.anchor, "zk URL host"),
    }
}

/// Leader checks over the members that answered.
fn leaders(plan: &Plan, members: &[(&Target, &Answer)], out: &mut Out) {
    let Some((declared, voters)) = plan.ensemble else {
        return;
    };
    if voters < 2 {
        return;
    }
    let leading: Vec<&Target> = members
        .iter()
        .filter(|(_, a)| matches!(a, Answer::Srvr(s) if s.mode == "leader"))
        .map(|(t, _)| *t)
        .collect();
    let answering = members
        .iter()
        .filter(|(_, a)| matches!(a, Answer::Srvr(_) | Answer::NotServing))
        .count();
    let standalone = members
        .iter()
        .any(|(_, a)| matches!(a, Answer::Srvr(s) if s.mode == "standalone"));
    if leading.len() > 1 {
        let mut finding = Finding::new(format!(
            "{} servers of one ensemble answer as leader: {}",
            leading.len(),
            leading
                .iter()
                .map(|t| format!("`{}`", address(&t.host, t.port)))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        for (i, target) in leading.iter().enumerate() {
            let (span, _) = where_declared(target);
            finding = if i == 0 {
                finding.primary(span, "leader")
            } else {
                finding.secondary(span, "also leader")
            };
        }
        out.push(
            &MULTIPLE_LEADERS,
            finding.help(
                "the servers run as separate ensembles: give every server the same `server.N` \
                 list and a matching myid, then restart the smaller side",
            ),
        );
    } else if leading.is_empty() && answering > 0 && !standalone {
        let not_serving = members
            .iter()
            .filter(|(_, a)| matches!(a, Answer::NotServing))
            .count();
        let down = members
            .iter()
            .filter(|(_, a)| matches!(a, Answer::Unreachable(_)))
            .count();
        out.push(
            &LEADERLESS_ENSEMBLE,
            Finding::new(format!(
                "the ZooKeeper ensemble has no leader: {answering} of {} servers answer, \
                 {not_serving} of them not serving requests, {down} not reachable",
                members.len()
            ))
            .primary(declared, "no server of this ensemble leads")
            .help(format!(
                "start enough servers for a majority ({} of {voters} voting servers) and check \
                 that they reach each other on their quorum and election ports",
                voters / 2 + 1
            )),
        );
    }
}

/// Session findings for one zk URL.
fn sessions(
    plan: &Plan,
    ids: &Identities,
    session: &super::targets::SessionPlan,
    outcome: &Outcome,
    out: &mut Out,
) {
    let users = session.users.join(", ");
    let (status, error, registered) = match outcome {
        Outcome::Failed(why) => ("failed", Some(why.clone()), Vec::new()),
        Outcome::PathMissing => ("path_missing", None, Vec::new()),
        Outcome::Read(found) => ("read", None, found.clone()),
    };
    out.results.sessions.push(SessionResult {
        url: session.display.clone(),
        credentials: session.credentials.is_some(),
        status,
        error,
        registered_masters: registered,
    });
    let found = match outcome {
        Outcome::Failed(why) => {
            out.push(
                &ZK_SESSION_FAILED,
                Finding::new(format!(
                    "no working ZooKeeper session through `{}` (used by {users}): {why}",
                    session.display
                ))
                .primary(session.path_span, "read through this URL")
                .help(
                    "make a listed host reachable, and give the URL the credentials the \
                     path's ACL grants (`zk://user:password@host:2181/path`)",
                ),
            );
            return;
        }
        Outcome::PathMissing => {
            out.push(
                &ZK_CHROOT_MISSING,
                Finding::new(format!(
                    "`{}` does not exist in the ZooKeeper ensemble of `{}`: no Mesos master \
                     has registered there",
                    session.path, session.display
                ))
                .primary(session.path_span, "no such znode")
                .help("give masters and agents the same ensemble and path, and start the masters"),
            );
            return;
        }
        Outcome::Read(found) => found,
    };
    let configured: Vec<_> = plan
        .masters
        .iter()
        .filter(|m| m.zk_path.as_deref() == Some(session.path.as_str()))
        .collect();
    let mut matched = vec![false; configured.len()];
    for registration in found {
        if let Some(why) = &registration.unreadable {
            out.push(
                &MASTER_REGISTRATION_DIFFERS,
                Finding::new(format!(
                    "`{}/{}` holds no MasterInfo meslint can read ({why})",
                    session.path.trim_end_matches('/'),
                    registration.znode
                ))
                .primary(session.path_span, "registered under this path")
                .severity(Severity::Info),
            );
            continue;
        }
        let hit = configured
            .iter()
            .position(|m| is_registration_of(ids, m, registration));
        match hit {
            Some(i) => matched[i] = true,
            None if !configured.is_empty() => out.push(
                &MASTER_REGISTRATION_DIFFERS,
                Finding::new(format!(
                    "a Mesos master registered under `{}` as `{}` ({}) is none of the \
                     configured masters",
                    session.path,
                    registration.address(),
                    registration.znode
                ))
                .primary(session.path_span, "registered under this path")
                .help(
                    "stop the stray master or add its configuration; give every cluster its \
                     own zk path",
                ),
            ),
            None => {}
        }
    }
    for (master, seen) in configured.iter().zip(&matched) {
        if !seen {
            out.push(
                &MASTER_REGISTRATION_DIFFERS,
                Finding::new(format!(
                    "{} (port {}) is not registered under `{}`: it is not running, or \
                     registers elsewhere",
                    master.who, master.port, session.path
                ))
                .primary(master.span, "not registered")
                .secondary(session.path_span, "the path it should be registered under")
                .severity(Severity::Info),
            );
        }
    }
    let registered = found.iter().filter(|r| r.unreadable.is_none()).count();
    if let Some((quorum, span)) = session.quorum
        && (registered as i64) < quorum
    {
        out.push(
            &REGISTERED_MASTERS_BELOW_QUORUM,
            Finding::new(format!(
                "{} registered under `{}`, but `--quorum={quorum}` needs {quorum} running",
                plural(registered, "Mesos master is", "Mesos masters are"),
                session.path
            ))
            .primary(span, format!("needs {quorum}"))
            .secondary(session.path_span, format!("{registered} registered here"))
            .help("start the missing masters with this zk URL, or lower `--quorum` to a majority of the masters that run"),
        );
    }
}

fn is_registration_of(
    ids: &Identities,
    master: &super::targets::ConfiguredMaster,
    registration: &Registration,
) -> bool {
    let names = [registration.ip.as_deref(), registration.hostname.as_deref()];
    registration.port == Some(master.port)
        && master
            .names
            .iter()
            .any(|n| names.iter().flatten().any(|r| ids.same(n, r)))
}

fn server_result(
    target: &Target,
    connected: Option<std::net::SocketAddr>,
    answer: &Answer,
) -> ServerResult {
    let mut result = ServerResult {
        address: address(&target.host, target.port),
        connected_to: None,
        server_id: target.server.as_ref().and_then(|s| s.sid),
        configured_server: target.server.is_some(),
        status: "answered",
        mode: None,
        version: None,
        zxid: None,
        error: None,
    };
    match answer {
        Answer::Unreachable(why) => {
            result.status = "unreachable";
            result.error = Some(why.clone());
        }
        Answer::Refused => result.status = "refused",
        Answer::NotServing => result.status = "not_serving",
        Answer::Unrecognized(what) => {
            result.status = "unrecognized";
            result.error = Some(format!("not a ZooKeeper answer: {what}"));
        }
        Answer::Srvr(srvr) => {
            result.mode = Some(srvr.mode.clone());
            result.version = Some(srvr.version.clone());
            result.zxid = srvr.zxid.clone();
        }
    }
    if !matches!(answer, Answer::Unreachable(_)) {
        result.connected_to = connected.map(|a| a.to_string());
    }
    result
}

/// The whitelist value with `srvr` added in front.
fn whitelist_with_srvr(value: &str) -> String {
    let items: Vec<&str> = value
        .split(',')
        .map(str::trim)
        .filter(|i| !i.is_empty() && *i != "srvr")
        .collect();
    if items.is_empty() {
        "4lw.commands.whitelist=srvr".to_owned()
    } else {
        format!("4lw.commands.whitelist=srvr,{}", items.join(","))
    }
}

/// `3.8` of `3.8.0`.
fn minor_of(version: &str) -> Option<String> {
    let mut parts = version.split('.');
    Some(format!("{}.{}", parts.next()?, parts.next()?))
}

fn version_is(version: &str, target: ZkVersion) -> bool {
    minor_of(version).and_then(|m| m.parse::<ZkVersion>().ok()) == Some(target)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitelist_advice_keeps_the_words_already_allowed() {
        assert_eq!(
            whitelist_with_srvr("ruok, mntr"),
            "4lw.commands.whitelist=srvr,ruok,mntr"
        );
        assert_eq!(whitelist_with_srvr(""), "4lw.commands.whitelist=srvr");
    }

    #[test]
    fn versions_compare_by_minor_release() {
        assert!(version_is("3.8.0", ZkVersion::V3_8));
        assert!(!version_is("3.8.0", ZkVersion::V3_7));
        assert!(!version_is("garbage", ZkVersion::V3_8));
    }
}
