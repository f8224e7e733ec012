//! What `meslint --probe` heard from the running cluster, as plain data: the plan of what may
//! be contacted, read from the model, and the answers the caller collected. The probe's rules
//! (`rules/probe/`) turn this into findings; no IO happens here.
//!
//! [`Plan::of`] lists the client address of every ZooKeeper server and every `host:port` of
//! every zk URL. This is the whole list: the caller sends nothing to an address that is not
//! here, and resolves only names written here.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::model::Cluster;
use crate::model::mesos::Role;
use crate::model::zk_url::{MasterAddr, ZkUrl};
use crate::model::zookeeper::{Value, ZkServer, effective};
use crate::net;
use crate::settings::Settings;
use crate::source::Span;
use crate::template::has_placeholder;

/// Everything the probe will do, planned from the model.
pub struct Plan {
    /// Addresses to ask `srvr`, by lower-cased host and port (each contacted once).
    pub targets: BTreeMap<(String, u16), Target>,
    /// One client session per distinct zk URL.
    pub sessions: Vec<SessionPlan>,
    /// The configured masters, to compare with the ones registered in ZooKeeper.
    pub masters: Vec<ConfiguredMaster>,
    /// The ensemble's `server.N` lines (for ensemble-wide findings) and its voting members.
    pub ensemble: Option<(Span, usize)>,
}

/// What the running cluster answered, with the plan it was asked by.
pub struct Live {
    pub plan: Plan,
    /// One answer per target, in the order of `plan.targets`.
    pub answers: Vec<Answer>,
    /// One outcome per session, in the order of `plan.sessions`.
    pub sessions: Vec<Outcome>,
}

impl Live {
    /// Each target with its answer.
    pub fn servers(&self) -> impl Iterator<Item = (&Target, &Answer)> {
        self.plan.targets.values().zip(&self.answers)
    }

    /// The members of the ensemble with their answers.
    pub fn members(&self) -> impl Iterator<Item = (&Target, &Answer)> {
        self.servers().filter(|(t, _)| t.is_member())
    }

    /// Each session with its outcome.
    pub fn session_outcomes(&self) -> impl Iterator<Item = (&SessionPlan, &Outcome)> {
        self.plan.sessions.iter().zip(&self.sessions)
    }
}

/// What one server said to `srvr`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// No connection: the text says why.
    Unreachable(String),
    /// `srvr is not executed because it is not in the whitelist.`
    Refused,
    /// `This ZooKeeper instance is not currently serving requests`: running, without quorum.
    NotServing,
    Srvr(Srvr),
    /// Something answered that is not ZooKeeper's `srvr` (first line, for the message).
    Unrecognized(String),
}

/// The parts of a `srvr` answer meslint reads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Srvr {
    /// `3.8.0` of `Zookeeper version: 3.8.0-abc, built on ...`.
    pub version: String,
    /// `leader`, `follower`, `observer`, `standalone`, `read-only`, ...
    pub mode: String,
    pub zxid: Option<String>,
}

/// What a client session through a zk URL found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// No session, or reading failed; the text says why.
    Failed(String),
    /// The session works, and the path is not there.
    PathMissing,
    Read(Vec<Registration>),
}

/// One `json.info_*` znode a running master holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Registration {
    pub znode: String,
    pub ip: Option<String>,
    pub port: Option<u16>,
    pub hostname: Option<String>,
    pub id: Option<String>,
    pub version: Option<String>,
    /// Set when the znode does not hold a MasterInfo meslint can read.
    pub unreadable: Option<String>,
}

impl Registration {
    /// `ip:port` (or the host name) as the master registered itself.
    pub fn address(&self) -> String {
        let host = self
            .ip
            .clone()
            .or_else(|| self.hostname.clone())
            .unwrap_or_else(|| "?".to_owned());
        match self.port {
            Some(port) => address(&host, port),
            None => host,
        }
    }
}

/// One `host:port` to ask.
pub struct Target {
    pub host: String,
    pub port: u16,
    /// Set when the address is a server of the configuration.
    pub server: Option<ServerRef>,
    /// The zk URLs that list it.
    pub urls: Vec<Mention>,
    /// Where the configuration first names it.
    pub anchor: Span,
}

impl Target {
    /// True for a member of the ensemble (as opposed to a server on its own or a URL host).
    pub fn is_member(&self) -> bool {
        self.server.as_ref().is_some_and(|s| s.member)
    }
}

/// A ZooKeeper server of the configuration, as the probe needs it.
pub struct ServerRef {
    /// The server id, for ensemble members; `None` for a server without `server.N` lines.
    pub sid: Option<i64>,
    /// Where the server is declared: its `server.N` line, or its `clientPort`.
    pub span: Span,
    /// The `4lw.commands.whitelist` line of the server's own zoo.cfg, when meslint has it.
    pub whitelist: Option<(Span, String)>,
    /// Where to add a whitelist line when there is none: the end of its zoo.cfg.
    pub config_end: Span,
    /// True for members of the ensemble (as opposed to a server on its own).
    pub member: bool,
}

/// A zk URL host as written, for labels.
pub struct Mention {
    pub span: Span,
    pub who: String,
}

/// Digest credentials (`user:password`) of a zk URL. Never printed: `Debug` and `Display`
/// show stars.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("****")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("****")
    }
}

/// One ZooKeeper client session to open through a zk URL.
#[derive(Clone)]
pub struct SessionPlan {
    /// `zk://host:port,.../path` without credentials: safe to print.
    pub display: String,
    pub hosts: Vec<(String, u16)>,
    pub path: String,
    pub path_span: Span,
    pub credentials: Option<Secret>,
    /// Who uses the URL (`the master on m1`), first one first.
    pub users: Vec<String>,
    /// The largest `--quorum` of the masters using it, with its span.
    pub quorum: Option<(i64, Span)>,
}

/// A configured master: the names it goes by and its port.
pub struct ConfiguredMaster {
    pub who: String,
    pub names: Vec<String>,
    pub port: u16,
    /// The path of its `--zk`, to compare with the registrations under that path.
    pub zk_path: Option<String>,
    pub span: Span,
}

impl Plan {
    pub fn of(cluster: &Cluster, settings: &Settings) -> Plan {
        let mut targets: BTreeMap<(String, u16), Target> = BTreeMap::new();
        let mut ensemble_info = None;
        if let Some(ensemble) = cluster.ensemble() {
            ensemble_info = Some((ensemble.declared, ensemble.voters()));
            for member in ensemble.members.values() {
                let client_host = member
                    .entry
                    .client
                    .as_ref()
                    .and_then(|c| c.host.as_ref())
                    .map(|h| h.value.to_ascii_lowercase())
                    .filter(|h| !net::is_wildcard(h));
                let host = client_host.unwrap_or_else(|| member.host.clone());
                let Some(port) = member.client_port.and_then(|p| u16::try_from(p).ok()) else {
                    continue;
                };
                if net::is_wildcard(&host) || host.is_empty() || has_placeholder(&host) {
                    continue;
                }
                let own = own_config(cluster, member.sid);
                let span = member.entry.key.span.cover(member.entry.value.span);
                insert_server(
                    &mut targets,
                    host,
                    port,
                    ServerRef {
                        sid: Some(member.sid),
                        span,
                        whitelist: own.and_then(whitelist),
                        config_end: own.map_or(span, |s| s.config.end),
                        member: true,
                    },
                );
            }
        }
        // Servers that list no ensemble run on their own; their address is their
        // `clientPortAddress` or the address `meslint.toml` gives their host.
        for (host, server) in cluster.zk_servers() {
            if effective(server.effective_servers()).next().is_some() {
                continue;
            }
            let Some(port) = known(&server.config.client_port).and_then(|p| u16::try_from(*p).ok())
            else {
                continue;
            };
            let address = server
                .config
                .client_port_address
                .as_ref()
                .and_then(|a| a.value.known().cloned())
                .or_else(|| {
                    settings
                        .project
                        .hosts
                        .get(&host.name)
                        .and_then(|h| h.address.clone())
                });
            let Some(address) = address.filter(|a| !net::is_wildcard(a) && !has_placeholder(a))
            else {
                continue;
            };
            let span = server
                .config
                .client_port
                .as_ref()
                .map_or(server.config.end, |p| p.span);
            insert_server(
                &mut targets,
                address.to_ascii_lowercase(),
                port,
                ServerRef {
                    sid: None,
                    span,
                    whitelist: whitelist(server),
                    config_end: server.config.end,
                    member: false,
                },
            );
        }

        let mut sessions: BTreeMap<SessionKey, SessionPlan> = BTreeMap::new();
        let mut masters = Vec::new();
        for (host, process) in cluster.mesos_processes() {
            let who = if host.name == "." {
                format!("the {}", process.role.as_str())
            } else {
                format!("the {} on {}", process.role.as_str(), host.name)
            };
            let url = match (process.zk(), process.master()) {
                (Some(url), _) => Some(url),
                (None, Some(MasterAddr::Zk(url))) => Some(url),
                _ => None,
            }
            .filter(|u| u.file.is_none() && !has_placeholder(&u.raw.value));
            if process.role == Role::Master {
                let mut names = vec![host.name.clone()];
                names.extend(process.ip().map(|v| v.value.clone()));
                names.extend(process.hostname().map(|v| v.value.clone()));
                if let Some(config) = settings.project.hosts.get(&host.name) {
                    names.extend(config.address.clone());
                    names.extend(config.aliases.iter().cloned());
                }
                if let Some(port) = process.port() {
                    masters.push(ConfiguredMaster {
                        who: who.clone(),
                        names,
                        port: port.value,
                        zk_path: url.map(|u| u.path.value.clone()),
                        span: process.ip().map_or(port.span, |ip| ip.span),
                    });
                }
            }
            let Some(url) = url else { continue };
            let hosts: Vec<(String, u16)> = url
                .hosts
                .iter()
                .filter_map(|h| Some((h.value.host.to_ascii_lowercase(), h.value.port?)))
                .filter(|(h, _)| !h.is_empty() && !net::is_wildcard(h))
                .collect();
            for (item, (host, port)) in url
                .hosts
                .iter()
                .filter(|h| h.value.port.is_some())
                .zip(&hosts)
            {
                let target = targets
                    .entry((host.clone(), *port))
                    .or_insert_with(|| Target {
                        host: host.clone(),
                        port: *port,
                        server: None,
                        urls: Vec::new(),
                        anchor: item.span,
                    });
                target.urls.push(Mention {
                    span: item.span,
                    who: who.clone(),
                });
            }
            if hosts.is_empty() {
                continue;
            }
            let key = (hosts.clone(), url.path.value.clone(), credentials(url));
            let session = sessions.entry(key).or_insert_with(|| SessionPlan {
                display: display(&hosts, &url.path.value),
                hosts,
                path: url.path.value.clone(),
                path_span: url.path.span,
                credentials: credentials(url),
                users: Vec::new(),
                quorum: None,
            });
            session.users.push(who);
            if process.role == Role::Master
                && let Some(q) = process.quorum()
                && session.quorum.is_none_or(|(n, _)| q.value > n)
            {
                session.quorum = Some((q.value, q.span));
            }
        }
        Plan {
            targets,
            sessions: sessions.into_values().collect(),
            masters,
            ensemble: ensemble_info,
        }
    }
}

/// Sessions are shared by URLs with the same hosts, path and credentials.
type SessionKey = (Vec<(String, u16)>, String, Option<Secret>);

fn insert_server(
    targets: &mut BTreeMap<(String, u16), Target>,
    host: String,
    port: u16,
    server: ServerRef,
) {
    let target = targets
        .entry((host.clone(), port))
        .or_insert_with(|| Target {
            host,
            port,
            server: None,
            urls: Vec::new(),
            anchor: server.span,
        });
    if target.server.is_none() {
        target.server = Some(server);
    }
}

fn known<T>(setting: &Option<crate::source::Spanned<Value<T>>>) -> Option<&T> {
    setting.as_ref().and_then(|s| s.value.known())
}

/// The zoo.cfg of the server whose myid is `sid`.
fn own_config(cluster: &Cluster, sid: i64) -> Option<&ZkServer> {
    cluster
        .zk_servers()
        .map(|(_, z)| z)
        .find(|z| z.myid.as_ref().and_then(|m| m.id.as_ref()).map(|i| i.value) == Some(sid))
}

/// The effective `4lw.commands.whitelist` line of a server's zoo.cfg.
fn whitelist(server: &ZkServer) -> Option<(Span, String)> {
    server
        .config
        .entries
        .iter()
        .rfind(|e| e.key.value == "4lw.commands.whitelist" && !e.overridden)
        .map(|e| (e.key.span.cover(e.value.span), e.value.value.clone()))
}

/// The `user:password` of a zk URL, read from the model (the source map only has stars).
fn credentials(url: &ZkUrl) -> Option<Secret> {
    url.credentials?;
    let rest = url.raw.value.strip_prefix("zk://")?;
    let servers = rest.split('/').next().unwrap_or("");
    let at = servers.rfind('@')?;
    Some(Secret(servers[..at].to_owned()))
}

/// The URL as the session uses it, without credentials.
fn display(hosts: &[(String, u16)], path: &str) -> String {
    let list: Vec<String> = hosts.iter().map(|(h, p)| address(h, *p)).collect();
    format!("zk://{}{path}", list.join(","))
}

/// `host:port`, with brackets around an IPv6 address.
pub fn address(host: &str, port: u16) -> String {
    if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_show() {
        let secret = Secret("mesos:hunter2".to_owned());
        assert_eq!(format!("{secret} {secret:?}"), "**** ****");
        assert_eq!(secret.expose(), b"mesos:hunter2");
    }

    #[test]
    fn addresses_bracket_ipv6() {
        assert_eq!(address("::1", 2181), "[::1]:2181");
        assert_eq!(address("zk1", 2181), "zk1:2181");
    }
}
