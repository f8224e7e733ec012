use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::Role;
use crate::model::zk_url::ZkUrlProblem;
use crate::rules::Context;
use crate::source::Span;

use super::urls::{UrlUse, whose};

declare_rule! {
    /// An agent's zk host one typo away from a host the masters' `--zk` lists.
    ///
    /// ## What it finds
    /// A host in an agent's `--master=zk://...` that no master's `--zk` names and that is one
    /// edit (one character changed, added or dropped) away from a host they do name:
    /// `10.0.0.22` where the masters say `10.0.0.12`, `zk-3` where they say `zk3`. Checked when
    /// the tree holds no ZooKeeper ensemble; with one, every zk host is held against the
    /// ensemble instead (`zk_url_outside_ensemble`, CX101). One finding per wrong host, with a
    /// label on every agent that names it. Hosts the masters write but lose to a path after
    /// every host (`zk_url_path_per_host`, MS301) count as named.
    ///
    /// ## Why it matters
    /// The agent finds the leading master through ZooKeeper. Its client tries the mistyped
    /// host on every reconnect and fails there (or, worse, reaches another ensemble); when
    /// it is the only host, the agent never registers.
    ///
    /// ## How to fix
    /// Give the agents the ZooKeeper hosts the masters use.
    ///
    /// ## Example
    /// Masters `--zk=zk://10.0.0.11:2181,10.0.0.12:2181,10.0.0.13:2181/mesos`, an agent
    /// `--master=zk://10.0.0.11:2181,10.0.0.22:2181,10.0.0.13:2181/mesos`.
    pub static AGENT_ZK_HOST_TYPO = Rule {
        code: "CX107",
        name: "agent_zk_host_typo",
        severity: Severity::Warning,
        applies_to: "all Mesos releases",
        check,
    };
}

/// Where a zk URL names a host: the use and the host's span in it.
type Named<'u, 'a> = (&'u UrlUse<'a>, Span);

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    if ctx.ensemble().is_some() {
        return Vec::new();
    }
    let urls = ctx.zk_urls();
    // The masters' hosts, each with the first place that names it.
    let mut known: BTreeMap<&str, Named<'_, '_>> = BTreeMap::new();
    for use_ in urls.iter().filter(|u| u.process.role == Role::Master) {
        for item in &use_.url.hosts {
            known
                .entry(item.value.host.as_str())
                .or_insert((use_, item.span));
        }
    }
    if known.is_empty() {
        return Vec::new();
    }
    // Hosts the masters write but Mesos loses to a path after every host (`zk_url_path_per_host`,
    // MS301): named by the masters all the same, so no agent's host is a typo of another.
    let lost: BTreeSet<String> = urls
        .iter()
        .filter(|u| u.process.role == Role::Master)
        .flat_map(|u| &u.url.problems)
        .filter_map(|p| match p {
            ZkUrlProblem::PathPerHost { lost } => Some(lost),
            _ => None,
        })
        .flatten()
        .map(|h| host_part(&h.value).to_ascii_lowercase())
        .collect();
    // The agents' hosts the masters do not name, each with a place that names it.
    let mut unnamed: Vec<(&str, Named<'_, '_>)> = Vec::new();
    for use_ in urls.iter().filter(|u| u.process.role == Role::Agent) {
        for item in &use_.url.hosts {
            let host = item.value.host.as_str();
            if known.contains_key(host)
                || lost.contains(&host.to_ascii_lowercase())
                || crate::net::is_loopback(host)
            {
                continue;
            }
            unnamed.push((host, (use_, item.span)));
        }
    }
    // One mistake, one finding: the wrong host, the host meant, and every place it is named.
    let mut findings = Vec::new();
    for (host, uses) in crate::sort::group(unnamed) {
        // The masters' distinct zk hosts are the ensemble's few servers.
        let mut near = known.keys().filter(|k| one_edit_apart(host, k));
        // A host as near to a lost one is no clear typo of either.
        let near_lost = lost.iter().any(|l| one_edit_apart(host, l));
        let (Some(meant), None, false) = (near.next(), near.next(), near_lost) else {
            continue;
        };
        let Some((master, master_span)) = known.get(meant) else {
            continue;
        };
        let who: Vec<&UrlUse<'_>> = uses.iter().map(|(u, _)| *u).collect();
        let mut f = Finding::new(format!(
            "`{host}` in {} is no host the masters' `--zk` names; `{meant}` is",
            whose(&who)
        ));
        for (use_, span) in &uses {
            f = f.primary(*span, format!("{}: `{host}`", use_.host.name));
        }
        findings.push(
            f.secondary(*master_span, format!("{} names `{meant}`", master.who()))
                .help(format!("write `{meant}` if that is the host meant")),
        );
    }
    findings
}

/// The host of `host:port` (`[::1]:2181` keeps its brackets' content).
fn host_part(address: &str) -> &str {
    let address = address.trim();
    if let Some(rest) = address.strip_prefix('[') {
        return rest.split(']').next().unwrap_or(rest);
    }
    match address.rsplit_once(':') {
        Some((host, port)) if !host.contains(':') && port.chars().all(|c| c.is_ascii_digit()) => {
            host
        }
        _ => address,
    }
}

/// True when `a` becomes `b` by changing, adding or dropping one character.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 || a == b {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    let rest = prefix + usize::from(short.len() == long.len());
    short.get(rest..) == long.get(prefix + 1..)
}

#[cfg(test)]
mod tests {
    use super::one_edit_apart;

    #[test]
    fn one_edit() {
        assert!(one_edit_apart("10.0.0.21", "10.0.0.11"));
        assert!(one_edit_apart("10.0.0.112", "10.0.0.12"));
        assert!(one_edit_apart("zk-3", "zk3"));
        assert!(!one_edit_apart("10.0.0.21", "10.0.0.12"));
        assert!(!one_edit_apart("zk3", "zk3"));
        assert!(!one_edit_apart("zk1", "zk123"));
    }
}
