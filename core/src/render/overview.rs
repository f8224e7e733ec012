//! Two views of the model beyond diagnostics: what each tier of the cluster tolerates
//! (`meslint report`), and every effective setting of one host with where it came from
//! (`meslint show HOST`). Values are read back from the source map, whose secrets are already
//! masked, so neither view can print a credential.

use serde::Serialize;

use crate::catalog::mesos as mesos_catalog;
use crate::catalog::zookeeper::PARSED_KEYS;
use crate::model::Host;
use crate::model::mesos::{MesosProcess, Origin};
use crate::model::zookeeper::{ZkServer, effective};
use crate::report::Report;
use crate::settings::Settings;
use crate::source::{SourceMap, Span};

/// How many failures each tier of the cluster survives.
#[derive(Debug, Serialize)]
pub struct Tolerance {
    pub zookeeper: Option<ZkTier>,
    pub masters: Option<MasterTier>,
    pub agents: usize,
    /// Plain-language lines, one per finding about the whole cluster.
    pub notes: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ZkTier {
    pub voters: usize,
    pub observers: usize,
    /// Servers that must be up for the ensemble to serve.
    pub quorum: usize,
    pub tolerates: usize,
}

#[derive(Debug, Serialize)]
pub struct MasterTier {
    pub masters: usize,
    /// The `--quorum` most masters use, if any.
    pub quorum: Option<i64>,
    /// Master failures the replicated log survives; `None` when the quorum is unknown or
    /// unreachable.
    pub tolerates: Option<usize>,
    /// True when the count came from `meslint.toml` or is only a guess from one file.
    pub count_known: bool,
}

/// Works out what each tier tolerates.
pub fn tolerance(report: &Report, settings: &Settings) -> Tolerance {
    let cluster = &report.model;
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
            tolerates,
        }
    });
    let masters: Vec<&MesosProcess> = cluster
        .mesos_processes()
        .filter(|(_, p)| p.role == mesos_catalog::Role::Master)
        .map(|(_, p)| p)
        .collect();
    let agents = cluster
        .mesos_processes()
        .filter(|(_, p)| p.role == mesos_catalog::Role::Agent)
        .count();
    let master_tier = (!masters.is_empty()).then(|| {
        let count = settings.project.masters.unwrap_or(masters.len());
        let mut quorums: Vec<i64> = masters
            .iter()
            .filter_map(|p| p.quorum())
            .map(|q| q.value)
            .collect();
        quorums.sort_unstable();
        let quorum = most_common(&quorums);
        let uses_zk = masters.iter().any(|p| p.is_set("zk"));
        let tolerates = match quorum {
            Some(q) if uses_zk && q >= 1 && (q as usize) <= count => Some(count - q as usize),
            _ if !uses_zk => Some(0),
            _ => None,
        };
        if !uses_zk && count > 1 {
            notes.push("masters without --zk do not fail over: each is its own cluster".to_owned());
        }
        MasterTier {
            masters: count,
            quorum,
            tolerates,
            count_known: settings.project.masters.is_some() || masters.len() > 1,
        }
    });
    Tolerance {
        zookeeper,
        masters: master_tier,
        agents,
        notes,
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
        weights.sort_unstable_by(|a, b| b.cmp(a));
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
    to_hold.sort_unstable();
    to_break.sort_unstable();
    // A quorum needs more than half of the groups; breaking it, all the others.
    let quorum = to_hold.iter().take(count / 2 + 1).sum();
    let fewest_failures: usize = to_break.iter().take(count - count / 2).sum();
    Some((quorum, fewest_failures.saturating_sub(1)))
}

fn most_common(sorted: &[i64]) -> Option<i64> {
    sorted
        .chunk_by(|a, b| a == b)
        .max_by_key(|run| run.len())
        .and_then(|run| run.first().copied())
}

/// `meslint report` as text.
pub fn tolerance_text(t: &Tolerance) -> String {
    let mut out = String::from("Fault tolerance\n");
    match &t.zookeeper {
        Some(z) => out.push_str(&format!(
            "  ZooKeeper  {} voting server{}{}: needs {} up, survives {} failure{}\n",
            z.voters,
            plural(z.voters),
            if z.observers > 0 {
                format!(" and {} observer{}", z.observers, plural(z.observers))
            } else {
                String::new()
            },
            z.quorum,
            z.tolerates,
            plural(z.tolerates)
        )),
        None => out.push_str("  ZooKeeper  no server list found\n"),
    }
    match &t.masters {
        Some(m) => {
            let quorum = m
                .quorum
                .map_or("no --quorum".to_owned(), |q| format!("--quorum={q}"));
            let survives = match m.tolerates {
                Some(n) => format!("survives {n} failure{}", plural(n)),
                None => "cannot make progress (see the diagnostics)".to_owned(),
            };
            out.push_str(&format!(
                "  Masters    {}{} master{} with {quorum}: {survives}\n",
                m.masters,
                if m.count_known {
                    ""
                } else {
                    " (count unknown)"
                },
                plural(m.masters)
            ));
        }
        None => out.push_str("  Masters    none found\n"),
    }
    out.push_str(&format!("  Agents     {}\n", t.agents));
    if let (Some(z), Some(m)) = (&t.zookeeper, &t.masters)
        && let Some(n) = m.tolerates
    {
        out.push_str(&format!(
            "  Together   the cluster keeps a leading master through {} ZooKeeper and {n} master failure{} at once\n",
            z.tolerates,
            plural(n)
        ));
    }
    for note in &t.notes {
        out.push_str(&format!("  Note       {note}\n"));
    }
    out
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
        let zk = tolerance(&report, &settings)
            .zookeeper
            .expect("an ensemble");
        (zk.quorum, zk.tolerates)
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
