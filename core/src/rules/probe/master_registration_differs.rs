use crate::diagnostic::{Finding, Severity};
use crate::model::identity::Identities;
use crate::model::live::{ConfiguredMaster, Outcome, Registration};
use crate::rules::Context;

declare_rule! {
    /// The Mesos masters registered in ZooKeeper differ from the masters configured.
    ///
    /// ## What it finds
    /// Under a zk URL's path, each running Mesos master (1.0+) holds an ephemeral
    /// `json.info_*` znode with its MasterInfo: address (ip, port, hostname), id and version.
    /// meslint compares them with the configured masters (by host name, `--ip`,
    /// `--hostname` and `--port`, default 5050): a registered master that no configuration
    /// describes is a warning; a configured master that is not registered is info (it is
    /// down, or registers elsewhere).
    ///
    /// ## Why it matters
    /// A master registered but not configured takes part in leader election and in the
    /// replicated log's quorum without being managed with the rest: it may run an old
    /// configuration, or belong to another cluster that shares the path.
    ///
    /// ## How to fix
    /// Stop the stray master or give it a configuration in the linted tree; give every
    /// cluster its own path.
    ///
    /// ## Severity
    /// Warning for a registered master that no configuration describes; info for a
    /// configured master that is not registered, and for a `json.info_*` znode that holds no
    /// MasterInfo meslint can read.
    ///
    /// ## Example
    /// Masters `10.0.0.11`-`13` configured, and a `json.info_` znode for `10.0.0.99:5050`.
    pub static MASTER_REGISTRATION_DIFFERS = Rule {
        code: "PR103",
        name: "master_registration_differs",
        severity: Severity::Warning,
        applies_to: "Mesos 1.0+ (with `--probe`)",
        check: live_check!(check),
    };
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let Some(live) = ctx.live() else {
        return Vec::new();
    };
    let ids = ctx.identities();
    let mut out = Vec::new();
    for (session, outcome) in live.session_outcomes() {
        let Outcome::Read(found) = outcome else {
            continue;
        };
        let configured: Vec<&ConfiguredMaster> = live
            .plan
            .masters
            .iter()
            .filter(|m| m.zk_path.as_deref() == Some(session.path.as_str()))
            .collect();
        let mut matched = vec![false; configured.len()];
        for registration in found {
            if let Some(why) = &registration.unreadable {
                out.push(
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
                    Finding::new(format!(
                        "a Mesos master registered under `{}` as `{}` ({}) is none of the \
                         configured masters",
                        session.path,
                        registration.address(),
                        registration.znode
                    ))
                    .primary(session.path_span, "registered under this path")
                    .help(
                        "stop the stray master or add its configuration; give every cluster \
                         its own zk path",
                    ),
                ),
                None => {}
            }
        }
        for (master, seen) in configured.iter().zip(&matched) {
            if !seen {
                out.push(
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
    }
    out
}

fn is_registration_of(
    ids: &Identities,
    master: &ConfiguredMaster,
    registration: &Registration,
) -> bool {
    let names = [registration.ip.as_deref(), registration.hostname.as_deref()];
    registration.port == Some(master.port)
        && master
            .names
            .iter()
            .any(|n| names.iter().flatten().any(|r| ids.same(n, r)))
}
