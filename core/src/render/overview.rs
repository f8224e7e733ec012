//! Two views of the model beyond diagnostics: what each tier of each cluster tolerates
//! (`meslint report`), and every effective setting of one host with where it came from
//! (`meslint show HOST`). Values are read back from the source map, whose secrets are already
//! masked, so neither view can print a credential.

use crate::sort::CollectSorted;
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::catalog::mesos as mesos_catalog;
use crate::catalog::zookeeper::PARSED_KEYS;
use crate::diagnostic::Severity;
use crate::model::mesos::{MesosProcess, Origin};
use crate::model::zookeeper::{ZkServer, effective};
use crate::model::{Cluster, Host};
use crate::report::Report;
use crate::rules::cluster::masters::{self, Masters};
use crate::settings::Settings;
use crate::source::{FileId, SourceMap, Span};

/// How many failures each tier of one cluster survives.
///
/// A tier that an error touches (a diagnostic of severity error whose primary label is in one
/// of the tier's files, or on its settings in a file several tiers share) is broken: it shows
/// the codes and no tolerance, whatever its numbers.
#[derive(Debug, Serialize)]
pub struct Tolerance {
    pub zookeeper: Option<ZkTier>,
    pub masters: Option<MasterTier>,
    pub agents: usize,
    /// Codes of the errors in the agents' files, sorted.
    pub agent_errors: Vec<&'static str>,
    /// Plain-language lines, one per finding about the whole cluster.
    pub notes: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ZkTier {
    pub voters: usize,
    pub observers: usize,
    /// Servers that must be up for the ensemble to serve.
    pub quorum: usize,
    /// Failures survived; `None` when the tier is broken.
    pub tolerates: Option<usize>,
    /// Codes of the errors in the servers' files, sorted.
    pub errors: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct MasterTier {
    pub masters: usize,
    /// The `--quorum` every master that uses the replicated log agrees on, if they agree.
    pub quorum: Option<i64>,
    /// Each `--quorum` value with the masters that use it.
    pub quorums: Vec<QuorumUse>,
    pub state: MasterState,
    /// Master failures the replicated log survives, from the largest `--quorum` any master
    /// uses; `None` unless the state is `ok` and no error touches the masters.
    pub tolerates: Option<usize>,
    /// True when the count came from `meslint.toml` or from more than one master found.
    pub count_known: bool,
    /// Codes of the errors in the masters' files, sorted.
    pub errors: Vec<&'static str>,
}

/// The masters that use one `--quorum` value.
#[derive(Debug, Serialize)]
pub struct QuorumUse {
    pub quorum: i64,
    pub masters: Vec<String>,
}

/// What the masters' `--quorum` values mean for the replicated log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MasterState {
    /// Every quorum is a majority that the masters can reach.
    Ok,
    /// Some master's quorum is at or below half the masters: two groups can each elect a
    /// leader and write.
    SplitBrain,
    /// Some master's quorum is more than the masters: no progress.
    Unreachable,
    /// Some master's quorum is zero or negative.
    NotPositive,
    /// The masters use ZooKeeper but keep the registry in memory: a failover loses it.
    InMemory,
    /// A master using ZooKeeper and the replicated log has no `--quorum` meslint can read.
    NoQuorum,
    /// No master uses `--zk`: each is a cluster of its own, with no failover.
    NoFailover,
    /// Only one master configuration and no `masters =`: the count is a guess.
    CountUnknown,
}

/// `meslint report`: what each cluster of the tree tolerates, each judged on its own hosts,
/// settings and errors, as `lint` checked it.
#[derive(Debug, Serialize)]
pub struct FaultTolerance {
    /// In the order of [`Report::clusters`]; one, for the whole tree, when no host was found.
    pub clusters: Vec<ClusterTolerance>,
}

#[derive(Debug, Serialize)]
pub struct ClusterTolerance {
    /// The cluster's directory, relative to the linted root; empty for the root itself.
    pub root: String,
    #[serde(flatten)]
    pub tolerance: Tolerance,
}

/// Works out what each tier of each cluster tolerates.
pub fn tolerance(report: &Report) -> FaultTolerance {
    let claimed: BTreeSet<FileId> = report
        .clusters
        .iter()
        .flat_map(|c| c.files.iter().copied())
        .collect_set();
    let mut clusters: Vec<ClusterTolerance> = report
        .clusters
        .iter()
        .map(|info| {
            let names: BTreeSet<&str> = info.hosts.iter().map(|h| h.name.as_str()).collect_set();
            let cluster = Cluster {
                hosts: report
                    .model
                    .hosts
                    .iter()
                    .filter(|h| names.contains(h.name.as_str()))
                    .cloned()
                    .collect(),
                ..Cluster::default()
            };
            // The hosts `meslint.toml` names, as the model names them.
            let mut settings = info.settings.clone();
            settings.project.hosts = std::mem::take(&mut settings.project.hosts)
                .into_iter()
                .map(|(name, host)| (info.host_name(&name), host))
                .collect();
            let files: BTreeSet<FileId> = info.files.iter().copied().collect_set();
            // A finding that points only at files of no cluster (the tree's `meslint.toml`
            // beside several clusters) may be about any of them.
            let ours = |file: &FileId| files.contains(file) || !claimed.contains(file);
            ClusterTolerance {
                root: info.root.clone(),
                tolerance: tolerance_of(&cluster, &settings, report, &ours),
            }
        })
        .collect();
    if clusters.is_empty() {
        clusters.push(ClusterTolerance {
            root: String::new(),
            tolerance: tolerance_of(&report.model, &report.settings, report, &|_| true),
        });
    }
    FaultTolerance { clusters }
}

/// What each tier of one cluster tolerates; `ours` says which files are the cluster's.
fn tolerance_of(
    cluster: &Cluster,
    settings: &Settings,
    report: &Report,
    ours: &dyn Fn(&FileId) -> bool,
) -> Tolerance {
    let errors = TierErrors::of(cluster, report, ours);
    let mut notes = Vec::new();
    let zookeeper = cluster.ensemble().map(|e| {
        let voters = e.voters();
        let observers = e.members.len() - voters;
        let hierarchical = hierarchical(e.reference.1);
        let (quorum, tolerates) = hierarchical.unwrap_or_else(|| {
            let quorum = voters / 2 + 1;
            (quorum, voters.saturating_sub(quorum))
        });
        if hierarchical.is_none() && voters > 2 && voters % 2 == 0 {
            notes.push(format!(
                "{voters} voting ZooKeeper servers survive no more failures than {} would",
                voters - 1
            ));
        }
        ZkTier {
            voters,
            observers,
            quorum,
            tolerates: errors.zookeeper.is_empty().then_some(tolerates),
            errors: errors.zookeeper.iter().copied().collect(),
        }
    });
    let masters = Masters::of(cluster, settings);
    let agents = masters::daemons(cluster, mesos_catalog::Role::Agent).len();
    let master_tier = (!masters.found.is_empty()).then(|| {
        let tier = master_tier(&masters, errors.masters.iter().copied().collect());
        if tier.state == MasterState::NoFailover && tier.masters > 1 {
            notes.push("masters without --zk do not fail over: each is its own cluster".to_owned());
        }
        tier
    });
    Tolerance {
        zookeeper,
        masters: master_tier,
        agents,
        agent_errors: errors.agents.iter().copied().collect(),
        notes,
    }
}

/// Judges the masters' quorums one master at a time: the tier is as weak as its weakest
/// master, so a single master with `--quorum=1` makes split-brain possible.
fn master_tier(masters: &Masters<'_>, errors: Vec<&'static str>) -> MasterTier {
    let count = masters.count;
    let by_quorum = masters.by_quorum();
    let quorums: Vec<QuorumUse> = by_quorum
        .iter()
        .map(|(q, holders)| {
            let mut names: Vec<String> = holders.iter().map(|(h, _)| (*h).to_owned()).collect();
            names.dedup();
            QuorumUse {
                quorum: *q,
                masters: names,
            }
        })
        .collect();
    let replicated: Vec<_> = masters
        .found
        .iter()
        .filter(|(_, p)| p.is_set("zk") && p.registry() != "in_memory")
        .collect();
    let uses_zk = masters.found.iter().any(|(_, p)| p.is_set("zk"));
    let without_quorum = replicated.iter().any(|(_, p)| p.quorum().is_none());
    let highest = by_quorum.keys().next_back().copied();
    let state = if !uses_zk {
        MasterState::NoFailover
    } else if replicated.is_empty() {
        MasterState::InMemory
    } else if masters.count_unknown() {
        MasterState::CountUnknown
    } else if by_quorum
        .keys()
        .any(|&q| q >= 1 && (q as usize) <= count / 2)
    {
        MasterState::SplitBrain
    } else if by_quorum.keys().any(|&q| q < 1) {
        MasterState::NotPositive
    } else if by_quorum.keys().any(|&q| q as usize > count) {
        MasterState::Unreachable
    } else if without_quorum || highest.is_none() {
        MasterState::NoQuorum
    } else {
        MasterState::Ok
    };
    let tolerates = if !errors.is_empty() {
        None
    } else {
        match state {
            MasterState::Ok => highest.map(|q| count - q as usize),
            // A lone master without ZooKeeper survives nothing, and says so.
            MasterState::NoFailover if count == 1 => Some(0),
            _ => None,
        }
    };
    MasterTier {
        masters: count,
        quorum: (quorums.len() == 1 && !without_quorum).then(|| quorums[0].quorum),
        quorums,
        state,
        tolerates,
        count_known: !masters.count_unknown(),
        errors,
    }
}

/// The codes of the errors that touch each tier of a cluster, by the files their primary
/// labels are in.
#[derive(Default)]
struct TierErrors {
    zookeeper: BTreeSet<&'static str>,
    masters: BTreeSet<&'static str>,
    agents: BTreeSet<&'static str>,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    ZooKeeper,
    Masters,
    Agents,
}

impl TierErrors {
    fn of(cluster: &Cluster, report: &Report, ours: &dyn Fn(&FileId) -> bool) -> TierErrors {
        let mut tiers: BTreeMap<FileId, BTreeSet<Tier>> = BTreeMap::new();
        // The settings each tier reads, to tell the tiers of one file apart (a compose file
        // running ZooKeeper and the masters).
        let mut settings: BTreeMap<FileId, Vec<(Span, Tier)>> = BTreeMap::new();
        let mut read = |span: Span, tier: Tier| {
            settings.entry(span.file).or_default().push((span, tier));
        };
        for (_, server) in cluster.zk_servers() {
            let files = [
                Some(server.config.file),
                server.myid.as_ref().map(|m| m.file),
                server.dynamic.as_ref().map(|d| d.file),
            ];
            for file in files.into_iter().flatten() {
                tiers.entry(file).or_default().insert(Tier::ZooKeeper);
            }
            for entry in &server.config.entries {
                read(entry.key.span, Tier::ZooKeeper);
                read(entry.value.span, Tier::ZooKeeper);
            }
            if let Some(myid) = &server.myid {
                read(myid.first_line.span, Tier::ZooKeeper);
            }
        }
        for (_, process) in cluster.mesos_processes() {
            let tier = match process.role {
                mesos_catalog::Role::Master => Tier::Masters,
                mesos_catalog::Role::Agent => Tier::Agents,
            };
            for source in &process.sources {
                tiers.entry(source.file).or_default().insert(tier);
            }
            for flag in process.flags.values() {
                read(flag.name.span, tier);
                read(flag.value.span, tier);
            }
            if let Some(anchor) = process.anchor {
                read(anchor, tier);
            }
        }
        // A label in a file of several tiers touches the tiers whose settings it covers, or
        // all of them when it covers none.
        let touched_by = |span: &Span| -> Vec<Tier> {
            let Some(of_file) = tiers.get(&span.file) else {
                return Vec::new();
            };
            if of_file.len() > 1 {
                let covered: BTreeSet<Tier> = settings
                    .get(&span.file)
                    .into_iter()
                    .flatten()
                    .filter(|(s, _)| {
                        s.start < span.end.max(span.start + 1)
                            && span.start < s.end.max(s.start + 1)
                    })
                    .map(|(_, tier)| *tier)
                    .collect_set();
                if !covered.is_empty() {
                    return covered.into_iter().collect();
                }
            }
            of_file.iter().copied().collect()
        };
        let mut out = TierErrors::default();
        for diagnostic in report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
        {
            let mut touched: BTreeSet<Tier> = diagnostic
                .labels
                .iter()
                .filter(|l| l.primary)
                .flat_map(|l| touched_by(&l.span))
                .collect_set();
            // A cross-host finding that points at no tier's file (`meslint.toml`) belongs to
            // its family's tier, in the cluster whose file it points at.
            let mut primaries = diagnostic.labels.iter().filter(|l| l.primary).peekable();
            let primary_ours = primaries.peek().is_none() || primaries.any(|l| ours(&l.span.file));
            if touched.is_empty() && primary_ours {
                if diagnostic.code.starts_with("CZ") {
                    touched.insert(Tier::ZooKeeper);
                } else if diagnostic.code.starts_with("CM") {
                    touched.insert(Tier::Masters);
                }
            }
            for tier in touched {
                match tier {
                    Tier::ZooKeeper => out.zookeeper.insert(diagnostic.code),
                    Tier::Masters => out.masters.insert(diagnostic.code),
                    Tier::Agents => out.agents.insert(diagnostic.code),
                };
            }
        }
        out
    }
}

/// For hierarchical quorums (`group.N`): the fewest servers up that can form a quorum, and
/// the failures survived whichever servers fail. `None` without groups, or when a group
/// member is not known.
fn hierarchical(server: &ZkServer) -> Option<(usize, usize)> {
    let groups = server.effective_groups();
    if groups.is_empty() {
        return None;
    }
    let weight_of = |sid: i64| {
        server
            .effective_weights()
            .iter()
            .rfind(|w| w.sid.value.known() == Some(&sid))
            .and_then(|w| w.weight.value.known().copied())
            .unwrap_or(1)
    };
    // Per group with weight: servers up to hold more than half its weight, and failures
    // (heaviest first) that leave it half or less.
    let mut to_hold = Vec::new();
    let mut to_break = Vec::new();
    for group in groups {
        let mut weights = Vec::new();
        for member in &group.members {
            weights.push(weight_of(*member.value.known()?));
        }
        let total: i64 = weights.iter().sum();
        if total <= 0 {
            continue;
        }
        crate::sort::sort_by(&mut weights, |a, b| b.cmp(a));
        let (mut held, mut up) = (0, 0);
        for w in &weights {
            if 2 * held > total {
                break;
            }
            held += w;
            up += 1;
        }
        let (mut left, mut down) = (total, 0);
        for w in &weights {
            if 2 * left <= total {
                break;
            }
            left -= w;
            down += 1;
        }
        to_hold.push(up);
        to_break.push(down);
    }
    let count = to_hold.len();
    if count == 0 {
        return None;
    }
    crate::sort::sort(&mut to_hold);
    crate::sort::sort(&mut to_break);
    // A quorum needs more than half of the groups; breaking it, all the others.
    let quorum = to_hold.iter().take(count / 2 + 1).sum();
    let fewest_failures: usize = to_break.iter().take(count - count / 2).sum();
    Some((quorum, fewest_failures.saturating_sub(1)))
}

/// `meslint report` as text: one section per cluster, headed by its directory when the tree
/// holds several.
pub fn tolerance_text(t: &FaultTolerance) -> String {
    if let [only] = t.clusters.as_slice() {
        return cluster_text("Fault tolerance\n".to_owned(), &only.tolerance);
    }
    let sections: Vec<String> = t
        .clusters
        .iter()
        .map(|c| {
            let root = if c.root.is_empty() { "." } else { &c.root };
            cluster_text(format!("Fault tolerance of cluster {root}\n"), &c.tolerance)
        })
        .collect();
    sections.join("\n")
}

/// One cluster's tiers, after `heading`.
fn cluster_text(heading: String, t: &Tolerance) -> String {
    let mut out = heading;
    match &t.zookeeper {
        Some(z) => {
            let servers = format!(
                "{} voting server{}{}",
                z.voters,
                plural(z.voters),
                if z.observers > 0 {
                    format!(" and {} observer{}", z.observers, plural(z.observers))
                } else {
                    String::new()
                }
            );
            let survives = match z.tolerates {
                Some(n) => format!("needs {} up, survives {n} failure{}", z.quorum, plural(n)),
                None => format!("needs {} up; broken", z.quorum),
            };
            out.push_str(&format!("  ZooKeeper  {servers}: {survives}\n"));
            broken_line(&mut out, &z.errors);
        }
        None => out.push_str("  ZooKeeper  no server list found\n"),
    }
    match &t.masters {
        Some(m) => {
            let quorum = match (m.quorum, m.quorums.as_slice()) {
                _ if m.state == MasterState::InMemory => "the registry in memory".to_owned(),
                (Some(q), _) => format!("--quorum={q}"),
                (None, []) => "no --quorum".to_owned(),
                (None, uses) => uses
                    .iter()
                    .map(|u| format!("--quorum={} on {}", u.quorum, u.masters.join(", ")))
                    .collect::<Vec<_>>()
                    .join(" and "),
            };
            let majority = m.masters / 2 + 1;
            let state = match m.state {
                MasterState::Ok => match m.tolerates {
                    Some(n) => format!("survives {n} failure{}", plural(n)),
                    None => "broken".to_owned(),
                },
                MasterState::SplitBrain => format!(
                    "split-brain possible: a quorum at or below half of {} masters lets two groups write (a majority is {majority})",
                    m.masters
                ),
                MasterState::Unreachable => {
                    "cannot make progress: the quorum is more than the masters".to_owned()
                }
                MasterState::NotPositive => {
                    "cannot make progress: the quorum is not positive".to_owned()
                }
                MasterState::InMemory => "no failover: a new leader starts without it".to_owned(),
                // Reported (MS201, or a misspelt name): the master exits at start.
                MasterState::NoQuorum if !m.errors.is_empty() => {
                    "broken: a master with --zk does not start without --quorum".to_owned()
                }
                // Not reported: the quorum may come from where meslint cannot see (templates).
                MasterState::NoQuorum => {
                    "tolerance unknown: no --quorum found on a master with --zk".to_owned()
                }
                MasterState::NoFailover if m.masters == 1 && m.errors.is_empty() => {
                    "survives 0 failures (no --zk, no failover)".to_owned()
                }
                MasterState::NoFailover => "no failover: no master uses --zk".to_owned(),
                MasterState::CountUnknown => {
                    "tolerance unknown: set `masters =` in meslint.toml".to_owned()
                }
            };
            out.push_str(&format!(
                "  Masters    {}{} master{} with {quorum}: {state}\n",
                m.masters,
                if m.count_known {
                    ""
                } else {
                    " (count unknown)"
                },
                plural(m.masters)
            ));
            broken_line(&mut out, &m.errors);
        }
        None => out.push_str("  Masters    none found\n"),
    }
    out.push_str(&format!("  Agents     {}\n", t.agents));
    broken_line(&mut out, &t.agent_errors);
    if let (Some(z), Some(m)) = (&t.zookeeper, &t.masters)
        && let (Some(zn), Some(n)) = (z.tolerates, m.tolerates)
        && m.state == MasterState::Ok
    {
        out.push_str(&format!(
            "  Together   the cluster keeps a leading master through {zn} ZooKeeper and {n} master failure{} at once\n",
            plural(n)
        ));
    }
    for note in &t.notes {
        out.push_str(&format!("  Note       {note}\n"));
    }
    out
}

/// The indented line that names the errors breaking a tier.
fn broken_line(out: &mut String, codes: &[&'static str]) {
    if codes.is_empty() {
        return;
    }
    let named: Vec<String> = codes
        .iter()
        .map(|code| match crate::rules::find(code) {
            Some(rule) => format!("{code} {}", rule.name),
            None => (*code).to_owned(),
        })
        .collect();
    out.push_str(&format!(
        "             broken by errors: {} (run `meslint check`)\n",
        named.join(", ")
    ));
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// One effective setting of a host.
#[derive(Debug, Serialize)]
pub struct SettingRow {
    /// `zookeeper`, `master` or `agent`.
    pub component: String,
    pub name: String,
    /// As written (secrets masked), or the default.
    pub value: String,
    /// `zk1/zoo.cfg:5`, `environment (m1/mesos.env:2)`, or `default`.
    pub source: String,
}

/// Every effective setting of the host named `name` (directory name or its last component).
pub fn host_settings(report: &Report, name: &str) -> Option<Vec<SettingRow>> {
    let host = report
        .model
        .hosts
        .iter()
        .find(|h| h.name == name || h.name.rsplit('/').next() == Some(name))?;
    let sources = &report.sources;
    let mut rows = Vec::new();
    for server in &host.zookeeper {
        zookeeper_rows(server, sources, &mut rows);
    }
    for process in &host.mesos {
        mesos_rows(process, sources, &mut rows);
    }
    Some(rows)
}

/// The names of every host, for error messages.
pub fn host_names(report: &Report) -> Vec<&str> {
    report
        .model
        .hosts
        .iter()
        .map(|h: &Host| h.name.as_str())
        .collect()
}

fn at(sources: &SourceMap, span: Span) -> String {
    let file = sources.file(span.file);
    let (line, _) = file.line_col(span.start as usize);
    format!("{}:{line}", file.path())
}

fn zookeeper_rows(server: &ZkServer, sources: &SourceMap, rows: &mut Vec<SettingRow>) {
    let config = &server.config;
    let mut row = |name: &str, value: String, source: String| {
        rows.push(SettingRow {
            component: "zookeeper".to_owned(),
            name: name.to_owned(),
            value,
            source,
        });
    };
    if let Some(myid) = &server.myid {
        let value = myid
            .id
            .as_ref()
            .map_or_else(|| myid.first_line.value.clone(), |i| i.value.to_string());
        row("myid", value, at(sources, myid.first_line.span));
    }
    let mut written: Vec<&str> = Vec::new();
    for entry in config.entries.iter().filter(|e| !e.overridden) {
        written.push(&entry.key.value);
        row(
            &entry.key.value,
            sources.text(entry.value.span).trim().to_owned(),
            at(sources, entry.key.span),
        );
    }
    if let Some(dynamic) = &server.dynamic {
        for entry in effective(&dynamic.servers) {
            row(
                &entry.key.value,
                sources.text(entry.value.span).to_owned(),
                at(sources, entry.key.span),
            );
        }
    }
    for key in PARSED_KEYS.iter().filter(|k| k.since <= config.version) {
        if !written.contains(&key.name) {
            row(key.name, key.default.to_owned(), "default".to_owned());
        }
    }
}

fn mesos_rows(process: &MesosProcess, sources: &SourceMap, rows: &mut Vec<SettingRow>) {
    let component = process.role.as_str().to_owned();
    for (name, flag) in &process.flags {
        let via = match flag.origin {
            Origin::CommandLine => "command line".to_owned(),
            other => other.describe().to_owned(),
        };
        let mut source = format!("{via} ({})", at(sources, flag.name.span));
        for over in &flag.overridden {
            source.push_str(&format!(
                "; overrides {} ({})",
                over.origin.describe(),
                at(sources, over.name.span)
            ));
        }
        rows.push(SettingRow {
            component: component.clone(),
            name: format!("--{name}"),
            value: sources.text(flag.value.span).to_owned(),
            source,
        });
    }
    for spec in mesos_catalog::all(process.role) {
        if spec.alias_of.is_some() || process.flags.contains_key(spec.name) {
            continue;
        }
        if let Some(default) = spec.default {
            rows.push(SettingRow {
                component: component.clone(),
                name: format!("--{}", spec.name),
                value: default.to_owned(),
                source: "default".to_owned(),
            });
        }
    }
}

/// `meslint show HOST` as text: one aligned table per component.
pub fn host_settings_text(host: &str, rows: &[SettingRow]) -> String {
    let name_width = rows.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let value_width = rows
        .iter()
        .map(|r| r.value.chars().count().min(48))
        .max()
        .unwrap_or(0);
    let mut out = format!("Host {host}\n");
    let mut component = "";
    for row in rows {
        if row.component != component {
            component = &row.component;
            out.push_str(&format!("\n  {component}\n"));
        }
        out.push_str(&format!(
            "    {:<name_width$}  {:<value_width$}  {}\n",
            row.name, row.value, row.source
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Input, lint};

    /// One zoo.cfg with `servers` participants and the given group and weight lines.
    fn tolerance_of(servers: usize, extra: &str) -> (usize, usize) {
        let mut text = String::from("tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=/d\n");
        for sid in 1..=servers {
            text.push_str(&format!("server.{sid}=zk{sid}:2888:3888\n"));
        }
        text.push_str(extra);
        let settings = Settings::default();
        let report = lint(vec![Input::file("zoo.cfg", text.into_bytes())], &settings);
        let zk = tolerance(&report)
            .clusters
            .remove(0)
            .tolerance
            .zookeeper
            .expect("an ensemble");
        (zk.quorum, zk.tolerates.expect("no errors"))
    }

    /// Three masters with `--quorum=quorum` under `dir`, with `meslint.toml` lines.
    fn masters_under(dir: &str, quorum: usize, toml: &str) -> Vec<Input> {
        let mut inputs = vec![Input::file(
            format!("{dir}/meslint.toml"),
            toml.as_bytes().to_vec(),
        )];
        for n in 1..=3 {
            let env = format!(
                "MESOS_QUORUM={quorum}\nMESOS_ZK=zk://{dir}-zk:2181/mesos\nMESOS_WORK_DIR=/w\n"
            );
            inputs.push(Input::file(
                format!("{dir}/m{n}/mesos-master.env"),
                env.into_bytes(),
            ));
        }
        inputs
    }

    #[test]
    fn each_cluster_is_judged_with_its_own_masters_and_settings() {
        let mut inputs = masters_under("big", 3, "masters = 5\n");
        inputs.extend(masters_under("small", 2, ""));
        let report = lint(inputs, &Settings::default());
        let t = tolerance(&report);
        let tiers: Vec<(&str, usize, MasterState, Option<usize>)> = t
            .clusters
            .iter()
            .map(|c| {
                let m = c.tolerance.masters.as_ref().expect("masters");
                (c.root.as_str(), m.masters, m.state, m.tolerates)
            })
            .collect();
        assert_eq!(
            tiers,
            [
                ("big", 5, MasterState::Ok, Some(2)),
                ("small", 3, MasterState::Ok, Some(1)),
            ]
        );
        let text = tolerance_text(&t);
        assert!(
            text.starts_with("Fault tolerance of cluster big\n"),
            "{text}"
        );
        assert!(
            text.contains("\nFault tolerance of cluster small\n"),
            "{text}"
        );
    }

    #[test]
    fn quorum_and_failures_survived() {
        let cases = [
            (3, "", (2, 1)),
            (6, "", (4, 2)),
            // Three groups of two: two whole groups are needed; two failures can break two.
            (6, "group.1=1:2\ngroup.2=3:4\ngroup.3=5:6\n", (4, 1)),
            // The reference's example: three groups of three survive any three failures.
            (9, "group.1=1:2:3\ngroup.2=4:5:6\ngroup.3=7:8:9\n", (4, 3)),
            // A heavy server holds its group alone, and its failure alone breaks it; with two
            // groups both are needed.
            (
                6,
                "group.1=1:2:3\ngroup.2=4:5:6\nweight.1=3\nweight.4=3\n",
                (2, 0),
            ),
        ];
        for (servers, extra, expected) in cases {
            assert_eq!(
                tolerance_of(servers, extra),
                expected,
                "{servers} {extra:?}"
            );
        }
    }
}
