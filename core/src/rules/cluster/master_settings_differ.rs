use std::collections::BTreeMap;

use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::MesosProcess;
use crate::rules::Context;
use crate::source::Span;

declare_rule! {
    /// Masters of one cluster that run with different quorum, zk, registry or cluster settings.
    ///
    /// ## What it finds
    /// A master whose value differs from what most masters use: `--quorum`, the servers or path
    /// of `--zk` (errors), `--registry` or `--cluster` (warnings). One finding per differing
    /// value, with a label on every master that holds it. A `--quorum` that is not a majority
    /// or cannot be reached is left to `quorum_not_majority` and `quorum_unreachable` (CM101,
    /// CM102), which name the other masters' value; it is never the value to copy.
    ///
    /// ## Why it matters
    /// Mesos never compares masters. Different quorums break the replicated log's majority
    /// guarantee; different zk servers or paths mean separate leader elections, so several
    /// masters each believe they lead; a different registry loses state when that master
    /// leads. Differing `--cluster` names only confuse the web UI, but usually betray a
    /// copy-paste slip.
    ///
    /// ## Severity
    /// An error for `--quorum` and `--zk`; a warning for `--registry` and `--cluster`.
    ///
    /// ## How to fix
    /// Start every master with the same values, from one shared file or template.
    ///
    /// ## Example
    /// `--quorum=2` on two masters and `--quorum=3` on the third.
    pub static MASTER_SETTINGS_DIFFER = Rule {
        code: "CM103",
        name: "master_settings_differ",
        severity: Severity::Error,
        applies_to: "all Mesos releases",
        check,
    };
}

type Read = fn(&MesosProcess) -> Option<(String, Span)>;

const COMPARED: &[(&str, Severity, Read)] = &[
    ("--quorum", Severity::Error, |p| {
        p.quorum().map(|q| (q.value.to_string(), q.span))
    }),
    ("--zk servers", Severity::Error, |p| {
        let url = p.zk()?;
        let mut hosts: Vec<String> = url
            .hosts
            .iter()
            .map(|h| h.value.address().to_ascii_lowercase())
            .collect();
        crate::sort::sort(&mut hosts);
        let span = url.hosts.iter().map(|h| h.span).reduce(Span::cover)?;
        Some((hosts.join(","), span))
    }),
    ("--zk path", Severity::Error, |p| {
        p.zk().map(|u| (u.path.value.clone(), u.path.span))
    }),
    ("--registry", Severity::Warning, |p| {
        p.flag("registry")
            .map(|f| (f.value.value.clone(), f.value.span))
    }),
    ("--cluster", Severity::Warning, |p| {
        p.cluster_name().map(|c| (c.value.clone(), c.span))
    }),
];

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let masters = ctx.masters();
    let mut findings = Vec::new();
    for (what, severity, read) in COMPARED {
        let mut values: BTreeMap<String, Vec<(&str, Span)>> = BTreeMap::new();
        for (host, p) in &masters.found {
            if let Some((value, span)) = read(p) {
                values.entry(value).or_default().push((&host.name, span));
            }
        }
        if values.len() < 2 {
            continue;
        }
        // A quorum that is wrong by itself is reported by the quorum rules, with the others'
        // value as evidence: one mistake, one finding. Nor is such a quorum the value the
        // others should copy, however many masters hold it.
        let reported = |value: &str| {
            *what == "--quorum"
                && value
                    .parse::<i64>()
                    .is_ok_and(|q| masters.quorum_is_reported(q))
        };
        let Some((common, majority)) = values
            .iter()
            .filter(|(value, _)| !reported(value))
            .max_by_key(|(_, v)| v.len())
        else {
            continue;
        };
        let (ref_host, ref_span) = majority[0];
        for (value, holders) in &values {
            if value == common || reported(value) {
                continue;
            }
            let (first, _) = holders[0];
            let (whom, has) = if holders.len() == 1 {
                (format!("the master on {first}"), "has")
            } else {
                let names: Vec<&str> = holders.iter().map(|(h, _)| *h).collect();
                (format!("the masters on {}", names.join(", ")), "have")
            };
            let mut finding = Finding::new(format!(
                "{whom} {has} {what} `{value}`, the master on {ref_host} `{common}`"
            ));
            for (host, span) in holders {
                finding = finding.primary(*span, format!("{host}: `{value}`"));
            }
            findings.push(
                finding
                    .secondary(ref_span, format!("{ref_host}: `{common}`"))
                    .help(format!("give every master the same {what}"))
                    .severity(*severity),
            );
        }
    }
    findings
}
