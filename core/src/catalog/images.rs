//! The container images people run ZooKeeper and Mesos from, and what each image's entrypoint
//! does with the container's command and environment.
//!
//! Every fact cites the image's own entrypoint or Dockerfile. This table only describes the
//! images; turning a container into a ZooKeeper server or a Mesos process is
//! the assembly's work.

use crate::catalog::mesos::Role;
use crate::version::ZkVersion;

/// What an image runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Runs {
    /// A Mesos daemon: the image's entrypoint is the binary, the container's command is its
    /// flags, and Mesos itself reads every `MESOS_*` variable.
    Mesos(Role),
    /// ZooKeeper, configured by an entrypoint script that writes zoo.cfg and myid.
    ZooKeeper(ZkScript),
}

/// How a ZooKeeper image's entrypoint writes zoo.cfg and myid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZkScript {
    /// The official `zookeeper` image (docker-library, maintained in 31z4/zookeeper-docker):
    /// fixed keys from `ZOO_*` variables, then each blank-separated item of `ZOO_SERVERS` as a
    /// line, then each item of `ZOO_CFG_EXTRA`; myid from `ZOO_MY_ID` (default 1).
    Official,
    /// `mesoscloud/zookeeper`: a fixed zoo.cfg, `server.N=<item>:2888:3888` for the N-th
    /// comma-separated item of `SERVERS`; myid from `MYID` (default 1).
    Mesoscloud,
    /// `bobrik/zookeeper`: `dataDir=/var/lib/zookeeper`, then each comma-separated item of
    /// `ZK_CONFIG` as a line; myid from `ZK_ID` (the container exits without it).
    Bobrik,
    /// `jplock/zookeeper`: ZooKeeper's `zoo_sample.cfg`, plus each comma-separated
    /// `server.N=...` item of `SERVERS`; myid from `SERVER_ID`.
    Jplock,
    /// Confluent's `cp-zookeeper`: zoo.cfg from a template over `ZOOKEEPER_*` variables,
    /// `server.N=<item>` for the N-th `;`-separated item of `ZOOKEEPER_SERVERS` (or
    /// `id|item`); myid from `ZOOKEEPER_SERVER_ID`.
    Confluent,
}

/// One image (every tag of it).
#[derive(Debug)]
pub struct Image {
    /// Repository names without registry or tag (`zookeeper` also matches `library/zookeeper`).
    pub names: &'static [&'static str],
    pub runs: Runs,
    /// The arguments the image passes when the container is given no command of its own.
    pub default_args: &'static [&'static str],
    /// Environment variables the entrypoint reads (beyond `MESOS_*` for Mesos images).
    pub reads: &'static [&'static str],
    /// Where the facts come from: repository and file.
    pub source: &'static str,
}

/// Variables `zkServer.sh`/`zkEnv.sh` read in every ZooKeeper image, whoever wrote the
/// entrypoint (apache/zookeeper `bin/zkEnv.sh`).
pub const ZK_SCRIPT_VARS: &[&str] = &[
    "ZOOCFGDIR",
    "ZOOCFG",
    "ZOO_LOG_DIR",
    "ZOO_LOG4J_PROP",
    "JVMFLAGS",
    "SERVER_JVMFLAGS",
    "CLIENT_JVMFLAGS",
    "JAVA_OPTS",
    "JMXPORT",
    "ZOO_DATADIR_AUTOCREATE_DISABLE",
];

/// Every image meslint knows.
pub static IMAGES: &[Image] = &[
    Image {
        names: &["mesosphere/mesos-master", "mesoscloud/mesos-master"],
        runs: Runs::Mesos(Role::Master),
        // mesosphere/docker-containers `mesos/dockerfile-templates/mesos-master`:
        // `ENTRYPOINT ["mesos-master"]`, `CMD ["--registry=in_memory"]`; images built FROM it
        // repeat the CMD.
        default_args: &["--registry=in_memory"],
        reads: &[],
        source: "mesosphere/docker-containers: mesos/dockerfile-templates/mesos-master (ENTRYPOINT [\"mesos-master\"], CMD [\"--registry=in_memory\"])",
    },
    Image {
        names: &[
            "mesosphere/mesos-slave",
            "mesosphere/mesos-agent",
            "mesoscloud/mesos-slave",
        ],
        runs: Runs::Mesos(Role::Agent),
        // mesosphere/docker-containers `mesos/dockerfile-templates/mesos-slave`:
        // `ENTRYPOINT ["mesos-slave"]`, no CMD.
        default_args: &[],
        reads: &[],
        source: "mesosphere/docker-containers: mesos/dockerfile-templates/mesos-slave (ENTRYPOINT [\"mesos-slave\"])",
    },
    Image {
        names: &["zookeeper", "library/zookeeper"],
        runs: Runs::ZooKeeper(ZkScript::Official),
        default_args: &[],
        // 31z4/zookeeper-docker `3.9.5/docker-entrypoint.sh` and `3.9.5/Dockerfile` (the
        // defaults); `3.4.14/docker-entrypoint.sh` writes `clientPort=$ZOO_PORT` instead of
        // standaloneEnabled and admin.enableServer.
        reads: &[
            "ZOO_MY_ID",
            "ZOO_SERVERS",
            "ZOO_CONF_DIR",
            "ZOO_DATA_DIR",
            "ZOO_DATA_LOG_DIR",
            "ZOO_TICK_TIME",
            "ZOO_INIT_LIMIT",
            "ZOO_SYNC_LIMIT",
            "ZOO_AUTOPURGE_SNAPRETAINCOUNT",
            "ZOO_AUTOPURGE_PURGEINTERVAL",
            "ZOO_MAX_CLIENT_CNXNS",
            "ZOO_STANDALONE_ENABLED",
            "ZOO_ADMINSERVER_ENABLED",
            "ZOO_4LW_COMMANDS_WHITELIST",
            "ZOO_CFG_EXTRA",
            "ZOO_PORT",
            "ZOO_USER",
        ],
        source: "31z4/zookeeper-docker: 3.9.5/docker-entrypoint.sh, 3.9.5/Dockerfile, 3.4.14/docker-entrypoint.sh",
    },
    Image {
        names: &["mesoscloud/zookeeper"],
        runs: Runs::ZooKeeper(ZkScript::Mesoscloud),
        default_args: &[],
        reads: &["MYID", "SERVERS"],
        source: "mesoscloud/zookeeper: 3.4.7/ubuntu/14.04/entrypoint.sh",
    },
    Image {
        names: &["bobrik/zookeeper"],
        runs: Runs::ZooKeeper(ZkScript::Bobrik),
        default_args: &[],
        reads: &["ZK_ID", "ZK_CONFIG"],
        source: "bobrik/docker-zookeeper: run.sh",
    },
    Image {
        names: &["jplock/zookeeper"],
        runs: Runs::ZooKeeper(ZkScript::Jplock),
        default_args: &[],
        reads: &["SERVER_ID", "SERVERS"],
        source: "jplock/docker-zookeeper: Dockerfile (zoo_sample.cfg), docker-entrypoint.sh",
    },
    Image {
        names: &["confluentinc/cp-zookeeper", "cp-zookeeper"],
        runs: Runs::ZooKeeper(ZkScript::Confluent),
        default_args: &[],
        reads: &[
            "ZOOKEEPER_SERVER_ID",
            "ZOOKEEPER_SERVERS",
            "ZOOKEEPER_GROUPS",
            "ZOOKEEPER_WEIGHTS",
            "ZOOKEEPER_CLIENT_PORT",
            "ZOOKEEPER_TICK_TIME",
            "ZOOKEEPER_INIT_LIMIT",
            "ZOOKEEPER_SYNC_LIMIT",
            "KAFKA_OPTS",
            "KAFKA_HEAP_OPTS",
            "KAFKA_JMX_OPTS",
        ],
        source: "confluentinc/cp-docker-images: debian/zookeeper/include/etc/confluent/docker/configure, zookeeper.properties.template",
    },
];

/// The `ZOOKEEPER_*` variables of Confluent's template and the zoo.cfg key each one sets
/// (confluentinc/cp-docker-images `debian/zookeeper/include/etc/confluent/docker/
/// zookeeper.properties.template`).
pub const CONFLUENT_KEYS: &[(&str, &str)] = &[
    ("ZOOKEEPER_TICK_TIME", "tickTime"),
    (
        "ZOOKEEPER_GLOBAL_OUTSTANDING_LIMIT",
        "globalOutstandingLimit",
    ),
    ("ZOOKEEPER_PRE_ALLOC_SIZE", "preAllocSize"),
    ("ZOOKEEPER_SNAP_COUNT", "snapCount"),
    ("ZOOKEEPER_TRACE_FILE", "traceFile"),
    ("ZOOKEEPER_MAX_CLIENT_CNXNS", "maxClientCnxns"),
    ("ZOOKEEPER_CLIENT_PORT_ADDRESS", "clientPortAddress"),
    ("ZOOKEEPER_MIN_SESSION_TIMEOUT", "minSessionTimeout"),
    ("ZOOKEEPER_MAX_SESSION_TIMEOUT", "maxSessionTimeout"),
    (
        "ZOOKEEPER_FSYNC_WARNING_THRESHOLDMS",
        "fsync.warningthresholdms",
    ),
    (
        "ZOOKEEPER_AUTOPURGE_SNAP_RETAIN_COUNT",
        "autopurge.snapRetainCount",
    ),
    (
        "ZOOKEEPER_AUTOPURGE_PURGE_INTERVAL",
        "autopurge.purgeInterval",
    ),
    ("ZOOKEEPER_SYNC_ENABLED", "syncEnabled"),
    ("ZOOKEEPER_ELECTION_ALG", "electionAlg"),
    ("ZOOKEEPER_INIT_LIMIT", "initLimit"),
    ("ZOOKEEPER_LEADER_SERVES", "leaderServes"),
    ("ZOOKEEPER_SYNC_LIMIT", "syncLimit"),
    ("ZOOKEEPER_CNX_TIMEOUT", "cnxTimeout"),
    ("ZOOKEEPER_FORCE_SYNC", "forceSync"),
    ("ZOOKEEPER_JUTE_MAX_BUFFER", "jute.maxbuffer"),
    ("ZOOKEEPER_SKIP_ACL", "skipACL"),
    ("ZOOKEEPER_QUORUM_LISTEN_ON_ALL_IPS", "quorumListenOnAllIPs"),
];

/// The official image's fixed keys: (zoo.cfg key, variable, the Dockerfile's default), in the
/// order `docker-entrypoint.sh` writes them (31z4/zookeeper-docker `3.9.5`).
pub const OFFICIAL_KEYS: &[(&str, &str, &str)] = &[
    ("dataDir", "ZOO_DATA_DIR", "/data"),
    ("dataLogDir", "ZOO_DATA_LOG_DIR", "/datalog"),
    ("tickTime", "ZOO_TICK_TIME", "2000"),
    ("initLimit", "ZOO_INIT_LIMIT", "5"),
    ("syncLimit", "ZOO_SYNC_LIMIT", "2"),
    (
        "autopurge.snapRetainCount",
        "ZOO_AUTOPURGE_SNAPRETAINCOUNT",
        "3",
    ),
    (
        "autopurge.purgeInterval",
        "ZOO_AUTOPURGE_PURGEINTERVAL",
        "0",
    ),
    ("maxClientCnxns", "ZOO_MAX_CLIENT_CNXNS", "60"),
    ("standaloneEnabled", "ZOO_STANDALONE_ENABLED", "true"),
    ("admin.enableServer", "ZOO_ADMINSERVER_ENABLED", "true"),
];

/// The 3.4 images' fixed keys (31z4/zookeeper-docker `3.4.14/docker-entrypoint.sh`).
pub const OFFICIAL_KEYS_34: &[(&str, &str, &str)] = &[
    ("clientPort", "ZOO_PORT", "2181"),
    ("dataDir", "ZOO_DATA_DIR", "/data"),
    ("dataLogDir", "ZOO_DATA_LOG_DIR", "/datalog"),
    ("tickTime", "ZOO_TICK_TIME", "2000"),
    ("initLimit", "ZOO_INIT_LIMIT", "5"),
    ("syncLimit", "ZOO_SYNC_LIMIT", "2"),
    (
        "autopurge.snapRetainCount",
        "ZOO_AUTOPURGE_SNAPRETAINCOUNT",
        "3",
    ),
    (
        "autopurge.purgeInterval",
        "ZOO_AUTOPURGE_PURGEINTERVAL",
        "0",
    ),
    ("maxClientCnxns", "ZOO_MAX_CLIENT_CNXNS", "60"),
];

/// mesoscloud/zookeeper's fixed zoo.cfg (`3.4.7/ubuntu/14.04/entrypoint.sh`).
pub const MESOSCLOUD_CFG: &[(&str, &str)] = &[
    ("tickTime", "2000"),
    ("initLimit", "10"),
    ("syncLimit", "5"),
    ("dataDir", "/tmp/zookeeper"),
    ("clientPort", "2181"),
];

/// ZooKeeper's `conf/zoo_sample.cfg`, which jplock/zookeeper copies to zoo.cfg.
pub const ZOO_SAMPLE_CFG: &[(&str, &str)] = &[
    ("tickTime", "2000"),
    ("initLimit", "10"),
    ("syncLimit", "5"),
    ("dataDir", "/tmp/zookeeper"),
    ("clientPort", "2181"),
];

/// The image a reference names: `registry:5000/mesosphere/mesos-master:1.0.1` is
/// `mesosphere/mesos-master`; `None` for images meslint does not know.
pub fn lookup(reference: &str) -> Option<&'static Image> {
    let repo = repository(reference);
    IMAGES.iter().find(|i| i.names.contains(&repo.as_str()))
}

/// The repository of an image reference, without registry host, tag or digest, lower-cased.
pub fn repository(reference: &str) -> String {
    let no_digest = reference.split('@').next().unwrap_or(reference);
    // A tag is after the last `:` that follows the last `/` (a registry port comes before).
    let last_slash = no_digest.rfind('/').map_or(0, |i| i + 1);
    let no_tag = match no_digest[last_slash..].rfind(':') {
        Some(at) => &no_digest[..last_slash + at],
        None => no_digest,
    };
    let mut parts: Vec<&str> = no_tag.split('/').collect();
    // A first part with a dot or a port, or `localhost`, is a registry.
    if parts.len() > 1
        && parts
            .first()
            .is_some_and(|p| p.contains('.') || p.contains(':') || *p == "localhost")
    {
        parts.remove(0);
    }
    if parts.first() == Some(&"library") && parts.len() == 2 {
        parts.remove(0);
    }
    parts.join("/").to_ascii_lowercase()
}

/// The tag of an image reference (`3.4.14` of `zookeeper:3.4.14`), if any.
pub fn tag(reference: &str) -> Option<&str> {
    let no_digest = reference.split('@').next().unwrap_or(reference);
    let last_slash = no_digest.rfind('/').map_or(0, |i| i + 1);
    no_digest[last_slash..]
        .rfind(':')
        .map(|at| &no_digest[last_slash + at + 1..])
}

/// The ZooKeeper release an image's tag names (`zookeeper:3.4.14`, `jplock/zookeeper:3.4.6`,
/// `zookeeper:3.8-jre-17`); `None` for a tag that names none (`latest`) and for Confluent's
/// image, whose tags are Confluent Platform releases.
pub fn zookeeper_release(reference: &str) -> Option<ZkVersion> {
    let image = lookup(reference)?;
    if !matches!(image.runs, Runs::ZooKeeper(script) if script != ZkScript::Confluent) {
        return None;
    }
    let tag = tag(reference)?;
    let end = tag
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(tag.len());
    tag[..end].trim_end_matches('.').parse().ok()
}

/// The image family a variable belongs to, when some known image reads it: what is reported
/// when it is given to an image of another family.
pub fn family_of(variable: &str) -> Option<&'static Image> {
    if variable.starts_with("MESOS_") {
        return IMAGES.first();
    }
    IMAGES
        .iter()
        .filter(|i| matches!(i.runs, Runs::ZooKeeper(_)))
        .find(|i| i.reads.contains(&variable))
}

/// True when `image` (or the program it runs) reads `variable`.
pub fn reads(image: &Image, variable: &str) -> bool {
    match image.runs {
        Runs::Mesos(_) => {
            variable.starts_with("MESOS_")
                || variable.starts_with("LIBPROCESS_")
                || variable.starts_with("GLOG_")
        }
        Runs::ZooKeeper(script) => {
            image.reads.contains(&variable)
                || ZK_SCRIPT_VARS.contains(&variable)
                || (script == ZkScript::Confluent
                    && CONFLUENT_KEYS.iter().any(|(v, _)| *v == variable))
        }
    }
}

/// The variables without which `image`'s entrypoint stops the container, given the names
/// the container sets, with why: `bobrik/zookeeper`'s `run.sh` exits without `ZK_CONFIG` or
/// `ZK_ID`; Confluent's `configure` runs `dub ensure` on `ZOOKEEPER_CLIENT_PORT` and
/// `ZOOKEEPER_TICK_TIME`, and with `ZOOKEEPER_SERVERS` on `ZOOKEEPER_SERVER_ID`,
/// `ZOOKEEPER_INIT_LIMIT` and `ZOOKEEPER_SYNC_LIMIT`. (A mounted zoo.cfg or myid is the
/// caller's to rule out.)
pub fn missing_required(
    image: &Image,
    has: &dyn Fn(&str) -> bool,
) -> Vec<(&'static str, &'static str)> {
    const EXITS: &str = "its entrypoint exits";
    const ENSURE: &str = "the image's `dub ensure` stops the container";
    let wanted: &[&str] = match image.runs {
        Runs::ZooKeeper(ZkScript::Bobrik) => &["ZK_CONFIG", "ZK_ID"],
        Runs::ZooKeeper(ZkScript::Confluent) if has("ZOOKEEPER_SERVERS") => &[
            "ZOOKEEPER_CLIENT_PORT",
            "ZOOKEEPER_TICK_TIME",
            "ZOOKEEPER_SERVER_ID",
            "ZOOKEEPER_INIT_LIMIT",
            "ZOOKEEPER_SYNC_LIMIT",
        ],
        Runs::ZooKeeper(ZkScript::Confluent) => &["ZOOKEEPER_CLIENT_PORT", "ZOOKEEPER_TICK_TIME"],
        _ => &[],
    };
    let why = if matches!(image.runs, Runs::ZooKeeper(ZkScript::Bobrik)) {
        EXITS
    } else {
        ENSURE
    };
    wanted
        .iter()
        .filter(|v| !has(v))
        .map(|v| (*v, why))
        .collect()
}

/// A short name for the family of an image, for messages.
pub fn family_name(image: &Image) -> &'static str {
    match image.runs {
        Runs::Mesos(_) => "Mesos images",
        Runs::ZooKeeper(ZkScript::Official) => "the official `zookeeper` image",
        Runs::ZooKeeper(ZkScript::Mesoscloud) => "`mesoscloud/zookeeper`",
        Runs::ZooKeeper(ZkScript::Bobrik) => "`bobrik/zookeeper`",
        Runs::ZooKeeper(ZkScript::Jplock) => "`jplock/zookeeper`",
        Runs::ZooKeeper(ZkScript::Confluent) => "`confluentinc/cp-zookeeper`",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_name_repositories() {
        assert_eq!(repository("zookeeper:3.8"), "zookeeper");
        assert_eq!(repository("docker.io/library/zookeeper"), "zookeeper");
        assert_eq!(
            repository("registry:5000/mesosphere/mesos-master:1.0.1-2.0.93.ubuntu1404"),
            "mesosphere/mesos-master"
        );
        assert_eq!(repository("localhost/bobrik/zookeeper"), "bobrik/zookeeper");
        assert_eq!(tag("zookeeper:3.4.14"), Some("3.4.14"));
        assert_eq!(tag("registry:5000/zookeeper"), None);
        assert_eq!(zookeeper_release("zookeeper:3.4.14"), Some(ZkVersion::V3_4));
        assert_eq!(
            zookeeper_release("zookeeper:3.7-temurin"),
            Some(ZkVersion::V3_7)
        );
        assert_eq!(
            zookeeper_release("jplock/zookeeper:3.4.6"),
            Some(ZkVersion::V3_4)
        );
        assert_eq!(zookeeper_release("zookeeper:latest"), None);
        assert_eq!(zookeeper_release("zookeeper"), None);
        assert_eq!(zookeeper_release("confluentinc/cp-zookeeper:5.5.0"), None);
        assert_eq!(zookeeper_release("confluentinc/cp-zookeeper:3.3.0"), None);
        assert_eq!(zookeeper_release("mesosphere/mesos-master:1.4.1"), None);
        assert!(lookup("mesosphere/mesos-slave:1.4.1").is_some());
        assert!(lookup("mesosphere/marathon:v1.3.0").is_none());
    }

    #[test]
    fn variables_belong_to_families() {
        let official = lookup("zookeeper").expect("present");
        assert!(reads(official, "ZOO_MY_ID") && reads(official, "JVMFLAGS"));
        assert!(!reads(official, "ZK_ID"));
        assert_eq!(
            family_of("ZK_ID").map(|i| i.names[0]),
            Some("bobrik/zookeeper")
        );
        assert!(family_of("JVMFLAGS").is_none());
        let confluent = lookup("confluentinc/cp-zookeeper:5.0.0").expect("present");
        assert!(reads(confluent, "ZOOKEEPER_SYNC_LIMIT"));
    }
}
