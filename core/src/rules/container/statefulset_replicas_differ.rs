use crate::diagnostic::{Finding, Severity};
use crate::model::Host;
use crate::model::zookeeper::{ZkServer, effective};
use crate::rules::Context;
use crate::rules::zookeeper::known_servers;
use crate::source::Spanned;

declare_rule! {
    /// A ZooKeeper StatefulSet whose `replicas:` is not the number of servers its pods list.
    ///
    /// ## What it finds
    /// A StatefulSet whose pods take their myid from their ordinal (`zk-0` is 1) with
    /// `replicas: 5` while `ZOO_SERVERS` (or the zoo.cfg a ConfigMap mounts) lists 3 servers, or
    /// `replicas: 2` for 3 listed servers.
    ///
    /// ## Why it matters
    /// Each extra replica has a myid no `server.N` line names and dies at start-up
    /// (`My id 4 not in the peer list`); with fewer replicas than listed servers, the listed
    /// servers that never run count against the quorum, so the ensemble tolerates fewer
    /// failures than it seems to (none, or no quorum at all).
    ///
    /// ## How to fix
    /// Make `replicas:` the number of servers in the list, or list a server for every replica.
    ///
    /// ## Example
    /// `replicas: 5` with `ZOO_SERVERS: server.1=zk-0.zk-hs:2888:3888;2181 ... server.3=...`.
    pub static STATEFULSET_REPLICAS_DIFFER = Rule {
        code: "CT104",
        name: "statefulset_replicas_differ",
        severity: Severity::Error,
        applies_to: "all",
        check,
    };
}

/// A StatefulSet pod's `replicas:` and the number of servers its server list names, when
/// the two differ; `None` for any other host, or when either is unknown.
pub(crate) fn replicas_against_list<'a>(
    host: &'a Host,
    zk: &ZkServer,
) -> Option<(&'a Spanned<i64>, usize)> {
    let replicas = host
        .containers
        .iter()
        .find(|c| c.ordinal.is_some())?
        .replicas
        .as_ref()?;
    let list = known_servers(zk)?;
    if list.iter().any(|s| s.templated || s.sid.value.is_unknown()) {
        return None;
    }
    let listed = effective(list).count();
    (usize::try_from(replicas.value).ok()? != listed).then_some((replicas, listed))
}

fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (host, zk) in ctx.cluster.zk_servers() {
        // One finding per StatefulSet: on its first replica.
        if !host.containers.iter().any(|c| c.ordinal == Some(0)) || !zk.is_quorum_mode() {
            continue;
        }
        let Some((replicas, listed)) = replicas_against_list(host, zk) else {
            continue;
        };
        let set = host
            .name
            .rsplit_once('-')
            .map_or(host.name.as_str(), |(s, _)| s);
        let count = match replicas.value {
            1 => "1 replica".to_owned(),
            n => format!("{n} replicas"),
        };
        let mut f = Finding::new(format!(
            "StatefulSet `{set}` runs {count} but its server list names {listed}"
        ))
        .primary(replicas.span, count)
        .help(format!(
            "set `replicas: {listed}`, or list a `server.N` line for every replica"
        ));
        if let Some(first) = known_servers(zk).and_then(|l| l.first()) {
            f = f.secondary(first.key.span, format!("{listed} servers"));
        }
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::settings::Settings;
    use crate::{Input, lint};

    /// The codes meslint reports for a StatefulSet of `replicas` pods listing three servers.
    fn codes(replicas: &str) -> Vec<&'static str> {
        let text = format!(
            "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: zk\nspec:\n  serviceName: zk-hs\n  replicas: {replicas}\n  template:\n    spec:\n      containers:\n      - name: zookeeper\n        image: zookeeper:3.8.4\n        command: [\"bash\", \"-c\", \"export ZOO_MY_ID=$((${{HOSTNAME##*-}}+1)) && exec /docker-entrypoint.sh zkServer.sh start-foreground\"]\n        env:\n        - name: ZOO_SERVERS\n          value: server.1=zk-0.zk-hs:2888:3888;2181 server.2=zk-1.zk-hs:2888:3888;2181 server.3=zk-2.zk-hs:2888:3888;2181\n"
        );
        let report = lint(
            vec![Input::file("zk.yaml", text.into_bytes())],
            &Settings::default(),
        );
        report
            .diagnostics
            .iter()
            .map(|d| d.code)
            .filter(|c| c.starts_with("CT") || *c == "ZK303")
            .collect()
    }

    #[test]
    fn replicas_against_the_server_list() {
        assert_eq!(codes("5"), vec!["CT104"], "one finding, no ZK303 per pod");
        assert_eq!(codes("2"), vec!["CT104"]);
        assert_eq!(codes("1"), vec!["CT104"]);
        assert!(codes("3").is_empty());
        assert!(codes("{{ .Values.replicas }}").is_empty());
    }
}
