use crate::diagnostic::{Finding, Severity};
use crate::rules::Context;

declare_rule! {
    /// A zk URL that names servers which are not in the ZooKeeper ensemble.
    ///
    /// ## What it finds
    /// A host in a master's `--zk` or an agent's `--master=zk://...` that no `server.N` line of
    /// the ensemble names (directly, or through the host names, `--ip`/`--hostname` and
    /// `meslint.toml` addresses meslint knows), or whose port is not that member's client port.
    /// When the URL names every server by IP address and the ensemble every server by host name
    /// (or the reverse) and nothing links the two, only DNS could tell: meslint says so as info.
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

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let Some(ensemble) = ctx.ensemble() else {
        return Vec::new();
    };
    let ids = ctx.identities();
    let ref_host = &ensemble.reference.0.name;
    let mut findings = Vec::new();
    for use_ in ctx.zk_urls() {
        let mut outside = Vec::new();
        let mut wrong_port = Vec::new();
        for item in &use_.url.hosts {
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
                        wrong_port.push((item, m.sid, expected));
                    }
                }
            }
        }
        if !outside.is_empty()
            && outside.len() == use_.url.hosts.len()
            && names_and_addresses(outside.iter().map(|h| h.value.host.as_str()), ensemble)
        {
            // Only DNS could tell whether `10.0.0.1` is `zk1`: say so rather than call it wrong.
            let Some(first) = outside.first() else {
                continue;
            };
            findings.push(
                Finding::new(format!(
                    "{}'s `{}` and the ZooKeeper ensemble name their servers in different ways \
                     (addresses and host names), so meslint cannot tell whether they match",
                    use_.who(),
                    use_.flag
                ))
                .primary(first.span.cover(use_.url.hosts.last().map_or(first.span, |h| h.span)), "servers as this URL names them")
                .secondary(ensemble.declared, format!("the ensemble, as {ref_host} lists it"))
                .help("give each host's `address` (and names) in meslint.toml so that they can be compared")
                .severity(Severity::Info),
            );
            outside.clear();
        }
        if !outside.is_empty() {
            let names: Vec<String> = outside
                .iter()
                .map(|h| format!("`{}`", h.value.host))
                .collect();
            let all = outside.len() == use_.url.hosts.len();
            let mut finding = Finding::new(format!(
                "{} in {}'s `{}` {} not {} of the ZooKeeper ensemble",
                names.join(", "),
                use_.who(),
                use_.flag,
                if outside.len() == 1 { "is" } else { "are" },
                if outside.len() == 1 {
                    "a server"
                } else {
                    "servers"
                },
            ));
            for item in &outside {
                finding = finding.primary(item.span, "not in the ensemble");
            }
            findings.push(
                finding
                    .secondary(
                        ensemble.declared,
                        format!("the ensemble, as {ref_host} lists it"),
                    )
                    .help(if all {
                        "no listed server is in the ensemble: list the `server.N` hosts with their client port"
                    } else {
                        "list only the ensemble's servers"
                    }),
            );
        }
        for (item, sid, expected) in wrong_port {
            let member = &ensemble.members[&sid];
            findings.push(
                Finding::new(format!(
                    "`{}` in {}'s `{}` uses port {}, but server {sid} serves clients on {expected}",
                    item.value.address(),
                    use_.who(),
                    use_.flag,
                    item.value.port.unwrap_or_default()
                ))
                .primary(
                    item.span,
                    format!("should be `{}:{expected}`", item.value.host),
                )
                .secondary(member.entry.value.span, format!("server {sid}"))
                .help("use each server's clientPort in the zk URL"),
            );
        }
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
