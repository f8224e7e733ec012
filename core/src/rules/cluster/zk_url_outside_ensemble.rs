use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;

use crate::source::Span;

use super::urls::{UrlUse, whose};

declare_rule! {
    /// A zk URL that names servers which are not in the ZooKeeper ensemble.
    ///
    /// ## What it finds
    /// A host in a master's `--zk` or an agent's `--master=zk://...` that no `server.N` line of
    /// the ensemble names (directly, or through the host names, `--ip`/`--hostname` and
    /// `meslint.toml` addresses meslint knows), or whose port is not that member's client port.
    /// When the URL names every server by IP address and the ensemble every server by host name
    /// (or the reverse) and nothing links the two, only DNS could tell: meslint says so as info.
    /// Loopback hosts, when the ensemble runs on other machines, are `zk_url_loopback`'s
    /// (CX106).
    ///
    /// ## Why it matters
    /// Mesos hands the list to the ZooKeeper client unchecked. A host that is not a member is
    /// either unreachable (every connection attempt to it fails and the client moves on,
    /// slowing every reconnect) or, worse, a member of another ensemble: masters then elect
    /// their leader in a ZooKeeper the rest of the cluster never sees. A wrong port is
    /// refused. When no listed host is a member, Mesos retries for ten minutes and aborts.
    ///
    /// ## Severity
    /// An error; info when the URL names servers by address and the ensemble by host name (or
    /// the reverse), which only DNS could match.
    ///
    /// ## How to fix
    /// List the ensemble's servers with their `clientPort` in every zk URL.
    ///
    /// ## Example
    /// The servers are `192.168.113.160`-`164`, but `--zk=zk://192.168.232.191:2181/mesos`.
    pub static ZK_URL_OUTSIDE_ENSEMBLE = Rule {
        code: "CX101",
        name: "zk_url_outside_ensemble",
        severity: Severity::Error,
        applies_to: "all Mesos and ZooKeeper releases",
        check,
    };
}

/// What is wrong with a zk URL, as the key that groups the uses making the same mistake.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Mistake {
    /// Only DNS could match the URL's names with the ensemble's: the URL's hosts.
    NamesAndAddresses(String),
    /// Hosts that are not members, and whether they are all the URL names.
    Outside(Vec<String>, bool),
    /// A member named with a port that is not its client port: address, sid, client port.
    WrongPort(String, i64, i64),
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let Some(ensemble) = ctx.ensemble() else {
        return Vec::new();
    };
    let ids = ctx.identities();
    let ref_host = &ensemble.reference.0.name;
    let urls = ctx.zk_urls();
    // One mistake, one finding: (mistake, a use that makes it, with the spans to label).
    let mut mistakes = Vec::new();
    // Loopback hosts of a URL in a cluster whose ensemble is elsewhere are `zk_url_loopback`'s.
    let skip_loopback = super::zk_url_loopback::ensemble_off_loopback(ensemble);
    let unreadable_members: Vec<&str> = ensemble
        .members
        .values()
        .map(|m| m.host.as_str())
        .filter(|host| !is_host_like(host))
        .collect();
    for use_ in urls {
        let mut outside = Vec::new();
        let hosts: Vec<_> = use_
            .url
            .hosts
            .iter()
            .filter(|h| !(skip_loopback && crate::net::is_loopback(&h.value.host)))
            .collect();
        for item in hosts.iter().copied() {
            let member = ensemble
                .members
                .values()
                .find(|m| ids.same(&m.host, &item.value.host));
            match member {
                None => outside.push(item),
                Some(m) => {
                    if let (Some(port), Some(expected)) = (item.value.port, m.client_port)
                        && i64::from(port) != expected
                    {
                        let mistake = Mistake::WrongPort(item.value.address(), m.sid, expected);
                        mistakes.push((mistake, (use_, vec![item.span])));
                    }
                }
            }
        }
        let all = outside.len() == hosts.len();
        // A member whose address is no host name (`server.1=...` given where an image wants a
        // bare host) cannot be compared: the line's own rules speak of it.
        if outside.is_empty() || !unreadable_members.is_empty() {
            continue;
        }
        if all && names_and_addresses(outside.iter().map(|h| h.value.host.as_str()), ensemble) {
            // Only DNS could tell whether `10.0.0.1` is `zk1`: say so rather than call it wrong.
            let (Some(first), Some(last)) = (use_.url.hosts.first(), use_.url.hosts.last()) else {
                continue;
            };
            let hosts: Vec<String> = use_.url.hosts.iter().map(|h| h.value.address()).collect();
            let mistake = Mistake::NamesAndAddresses(hosts.join(","));
            mistakes.push((mistake, (use_, vec![first.span.cover(last.span)])));
            continue;
        }
        let names = outside.iter().map(|h| h.value.host.clone()).collect();
        let spans = outside.iter().map(|h| h.span).collect();
        mistakes.push((Mistake::Outside(names, all), (use_, spans)));
    }
    let mut findings = Vec::new();
    let ensemble_label = format!("the ensemble, as {ref_host} lists it");
    for (mistake, uses) in crate::sort::group(mistakes) {
        let who: Vec<&UrlUse<'_>> = uses.iter().map(|(u, _)| *u).collect();
        let whose = whose(&who);
        let mut spans: Vec<Span> = Vec::new();
        for (_, s) in &uses {
            for span in s {
                if !spans.contains(span) {
                    spans.push(*span);
                }
            }
        }
        let finding = match &mistake {
            Mistake::NamesAndAddresses(_) => {
                let mut f = Finding::new(format!(
                    "{whose} and the ZooKeeper ensemble name their servers in different ways \
                     (addresses and host names), so meslint cannot tell whether they match"
                ));
                for span in &spans {
                    f = f.primary(*span, "servers as this URL names them");
                }
                f.secondary(ensemble.declared, ensemble_label.clone())
                    .help("give each host's `address` (and names) in meslint.toml so that they can be compared")
                    .severity(Severity::Info)
            }
            Mistake::Outside(names, all) => {
                let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
                let mut f = Finding::new(format!(
                    "{} in {whose} {} not {} of the ZooKeeper ensemble",
                    quoted.join(", "),
                    if names.len() == 1 { "is" } else { "are" },
                    if names.len() == 1 {
                        "a server"
                    } else {
                        "servers"
                    },
                ));
                for span in &spans {
                    f = f.primary(*span, "not in the ensemble");
                }
                f.secondary(ensemble.declared, ensemble_label.clone())
                    .help(if *all {
                        "no listed server is in the ensemble: list the `server.N` hosts with their client port"
                    } else {
                        "list only the ensemble's servers"
                    })
            }
            Mistake::WrongPort(address, sid, expected) => {
                let member = &ensemble.members[sid];
                let host = address
                    .rsplit_once(':')
                    .map_or(address.as_str(), |(h, _)| h);
                let port = address.rsplit_once(':').map_or("", |(_, p)| p);
                let mut f = Finding::new(format!(
                    "`{address}` in {whose} uses port {port}, but server {sid} serves clients on {expected}"
                ));
                for span in &spans {
                    f = f.primary(*span, format!("should be `{host}:{expected}`"));
                }
                f.secondary(member.entry.value.span, format!("server {sid}"))
                    .help("use each server's clientPort in the zk URL")
            }
        };
        findings.push(finding);
    }
    findings
}

/// True when every URL host is an IP literal and every member a name, or the other way round.
pub(crate) fn names_and_addresses<'h>(
    url_hosts: impl Iterator<Item = &'h str>,
    ensemble: &crate::model::ensemble::Ensemble<'_>,
) -> bool {
    let is_ip = |h: &str| crate::net::parse_ip(h).is_some();
    let url: Vec<bool> = url_hosts.map(is_ip).collect();
    let members: Vec<bool> = ensemble.members.values().map(|m| is_ip(&m.host)).collect();
    let all = |v: &[bool], ip: bool| !v.is_empty() && v.iter().all(|&b| b == ip);
    (all(&url, true) && all(&members, false)) || (all(&url, false) && all(&members, true))
}

/// True when a text can be a host name or an IP address (letters, digits, `.`, `-`, `_`, `:`,
/// brackets): what a zk URL's host could equal.
fn is_host_like(host: &str) -> bool {
    !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '[' | ']'))
}
