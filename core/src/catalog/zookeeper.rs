//! What ZooKeeper does with each zoo.cfg key, per release.
//!
//! `QuorumPeerConfig.parseProperties` reads a fixed set of keys ([`PARSED_KEYS`]); every other
//! key is copied into the JVM system property `zookeeper.<key>`, where some code may or may
//! not read it ([`PASS_THROUGH_KEYS`]). This module only describes keys; it does not look at
//! any file.

use crate::version::ZkVersion;

/// How ZooKeeper reads a key's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyType {
    /// `Integer.parseInt` after trim.
    Int,
    /// `Long.parseLong` after trim.
    Long,
    /// An int that must also be a TCP port, 0 to 65535.
    Port,
    /// `Boolean.parseBoolean` (anything but `true` is false) up to 3.6; strict from 3.7.
    Bool,
    /// Strict `true`/`false` (any case) in every release that knows the key.
    StrictBool,
    /// A file system path.
    Path,
    /// A host name or IP address, resolved when the file is parsed.
    Host,
    /// `observer` or `participant`, any case.
    PeerType,
    /// Free text.
    Text,
    /// A fully qualified Java class name.
    Class,
}

/// One key that `QuorumPeerConfig` parses itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyInfo {
    pub name: &'static str,
    pub kind: KeyType,
    /// The value ZooKeeper uses when the key is absent, in words.
    pub default: &'static str,
    /// The first minor release that parses the key (point releases are rounded down).
    pub since: ZkVersion,
}

const fn key(
    name: &'static str,
    kind: KeyType,
    default: &'static str,
    since: ZkVersion,
) -> KeyInfo {
    KeyInfo {
        name,
        kind,
        default,
        since,
    }
}

use KeyType::{Bool, Class, Host, Int, Long, Path, PeerType, Port, StrictBool, Text};
const V34: ZkVersion = ZkVersion::V3_4;
const V35: ZkVersion = ZkVersion::V3_5;
const V36: ZkVersion = ZkVersion::V3_6;
const V38: ZkVersion = ZkVersion::V3_8;

/// Every key `QuorumPeerConfig.parseProperties` reads, besides `server.N`, `group.N` and
/// `weight.N`.
pub static PARSED_KEYS: &[KeyInfo] = &[
    key("dataDir", Path, "none (required)", V34),
    key("dataLogDir", Path, "dataDir", V34),
    key("clientPort", Port, "none", V34),
    key("clientPortAddress", Host, "all interfaces", V34),
    key("secureClientPort", Port, "none", V35),
    key("secureClientPortAddress", Host, "all interfaces", V35),
    key("observerMasterPort", Int, "none", V36),
    key("clientPortListenBacklog", Int, "-1", V36),
    key("tickTime", Int, "3000", V34),
    key("maxClientCnxns", Int, "60", V34),
    key("minSessionTimeout", Int, "2 x tickTime", V34),
    key("maxSessionTimeout", Int, "20 x tickTime", V34),
    key("initLimit", Int, "none (required in quorum mode)", V34),
    key("syncLimit", Int, "none (required in quorum mode)", V34),
    key("connectToLearnerMasterLimit", Int, "initLimit", V36),
    key("electionAlg", Int, "3", V34),
    key("quorumListenOnAllIPs", Bool, "false", V34),
    key("peerType", PeerType, "participant", V34),
    key("syncEnabled", Bool, "true", V34),
    key("dynamicConfigFile", Path, "none", V35),
    key("autopurge.snapRetainCount", Int, "3", V34),
    key("autopurge.purgeInterval", Int, "0", V34),
    key("standaloneEnabled", StrictBool, "true", V35),
    key("reconfigEnabled", StrictBool, "false", V35),
    key("localSessionsEnabled", Bool, "false", V35),
    key("localSessionsUpgradingEnabled", Bool, "false", V35),
    key("sslQuorum", Bool, "false", V35),
    key("portUnification", Bool, "false", V35),
    key("sslQuorumReloadCertFiles", Bool, "false", V35),
    key("quorum.auth.enableSasl", Bool, "false", V34),
    key("quorum.auth.serverRequireSasl", Bool, "false", V34),
    key("quorum.auth.learnerRequireSasl", Bool, "false", V34),
    key(
        "quorum.auth.learner.saslLoginContext",
        Text,
        "QuorumLearner",
        V34,
    ),
    key(
        "quorum.auth.server.saslLoginContext",
        Text,
        "QuorumServer",
        V34,
    ),
    key(
        "quorum.auth.kerberos.servicePrincipal",
        Text,
        "zkquorum/localhost",
        V34,
    ),
    key("quorum.cnxn.threads.size", Int, "20", V34),
    key("jvm.pause.monitor", Bool, "false", V35),
    key("jvm.pause.info-threshold.ms", Long, "1000", V35),
    key("jvm.pause.warn-threshold.ms", Long, "10000", V35),
    key("jvm.pause.sleep.time.ms", Long, "500", V35),
    key(
        "metricsProvider.className",
        Class,
        "DefaultMetricsProvider",
        V36,
    ),
    key("multiAddress.enabled", Bool, "false", V36),
    key("multiAddress.reachabilityCheckEnabled", Bool, "true", V36),
    key("multiAddress.reachabilityCheckTimeoutMs", Int, "1000", V36),
    key("oraclePath", Path, "none", V38),
];

/// Keys ZooKeeper does not parse but that work, because some code reads exactly the system
/// property `zookeeper.<key>` the parse creates.
pub static PASS_THROUGH_KEYS: &[&str] = &[
    "snapCount",
    "snapSizeLimitInKb",
    "txnLogSizeLimitInKb",
    "preAllocSize",
    "globalOutstandingLimit",
    "maxCnxns",
    "4lw.commands.whitelist",
    "serverCnxnFactory",
    "leaderServes",
    "forceSync",
    "fsync.warningthresholdms",
    "skipACL",
    "datadir.autocreate",
    "db.autocreate",
    "snapshot.trust.empty",
    "snapshot.compression.method",
    "extendedTypesEnabled",
    "emulate353TTLNodes",
    "tcpKeepAlive",
    "cnxTimeout",
    "electionPortBindRetry",
    "ipReachableTimeout",
    "commitLogCount",
    "nio.numSelectorThreads",
    "nio.numWorkerThreads",
    "nio.directBufferBytes",
    "nio.shutdownTimeout",
    "netty.server.outstandingHandshake.limit",
    "netty.advancedFlowControl.enabled",
    "connection_throttle_tokens",
    "connection_throttle_fill_time",
    "connection_throttle_fill_count",
    "connection_throttle_freeze_time",
    "connection_throttle_drop_increase",
    "connection_throttle_drop_decrease",
    "connection_throttle_decrease_ratio",
    "request_throttle_max_requests",
    "request_throttle_stall_time",
    "request_throttle_drop_stale",
    "request_stale_latency_check",
    "request_stale_connection_check",
    "throttled_op_wait_time",
    "leader.maxConcurrentSnapSyncs",
    "leader.maxConcurrentDiffSyncs",
    "leader.maxTimeToWaitForEpoch",
    "learner.asyncSending",
    "largeRequestMaxBytes",
    "largeRequestThreshold",
    "maxResponseCacheSize",
    "maxGetChildrenResponseCacheSize",
    "digest.enabled",
    "closeSessionTxn.enabled",
    "flushDelay",
    "maxWriteQueuePollTime",
    "maxBatchSize",
    "audit.enable",
    "audit.impl.class",
    "superUser",
    "X509AuthenticationProvider.superUser",
    "kerberos.removeHostFromPrincipal",
    "kerberos.removeRealmFromPrincipal",
    "kerberos.canonicalizeHostNames",
    "watchManagerName",
    "serverCnxnFactory",
    "enforceQuota",
    "sessionRequireClientSASLAuth",
    "enforce.auth.enabled",
    "enforce.auth.schemes",
    "quorum.ssl.protocol",
];

/// Prefixes of pass-through key families whose members meslint does not list one by one
/// (`authProvider.1`, `metricsProvider.httpPort`, ...).
pub static PASS_THROUGH_PREFIXES: &[&str] = &["authProvider.", "metricsProvider.", "sasl."];

/// What may follow `ssl.` or `ssl.quorum.`: the properties ZooKeeper's TLS code reads.
pub static SSL_SUFFIXES: &[&str] = &[
    "protocol",
    "enabledProtocols",
    "ciphersuites",
    "keyStore.location",
    "keyStore.password",
    "keyStore.passwordPath",
    "keyStore.type",
    "trustStore.location",
    "trustStore.password",
    "trustStore.passwordPath",
    "trustStore.type",
    "context.supplier.class",
    "hostnameVerification",
    "clientHostnameVerification",
    "allowReverseDnsLookup",
    "crl",
    "ocsp",
    "clientAuth",
    "handshakeDetectionTimeoutMillis",
    "sslProvider",
    "fipsMode",
];

/// What may follow `admin.`: the AdminServer's properties.
pub static ADMIN_SUFFIXES: &[&str] = &[
    "enableServer",
    "serverAddress",
    "serverPort",
    "idleTimeout",
    "commandURL",
    "httpVersion",
    "portUnification",
    "forceHttps",
    "needClientAuth",
    "snapshot.enabled",
    "snapshot.intervalInMS",
    "restore.enabled",
];

/// True for a known `ssl.*`, `ssl.quorum.*` or `admin.*` key.
fn is_known_family_key(key: &str) -> bool {
    if let Some(rest) = key.strip_prefix("admin.") {
        return ADMIN_SUFFIXES.contains(&rest);
    }
    let Some(rest) = key.strip_prefix("ssl.") else {
        return false;
    };
    let rest = rest.strip_prefix("quorum.").unwrap_or(rest);
    rest == "authProvider" || SSL_SUFFIXES.contains(&rest)
}

/// Every known `ssl.*`, `ssl.quorum.*` and `admin.*` key, for suggestions.
fn family_keys() -> impl Iterator<Item = String> + Clone {
    let ssl = SSL_SUFFIXES
        .iter()
        .chain(std::iter::once(&"authProvider"))
        .flat_map(|s| [format!("ssl.{s}"), format!("ssl.quorum.{s}")]);
    let admin = ADMIN_SUFFIXES.iter().map(|s| format!("admin.{s}"));
    ssl.chain(admin)
}

/// JVM properties without the `zookeeper.` prefix: zoo.cfg cannot set them.
pub static JVM_ONLY_KEYS: &[&str] = &[
    "jute.maxbuffer",
    "readonlymode.enabled",
    "java.security.auth.login.config",
    "znode.container.checkIntervalMs",
    "znode.container.maxPerMinute",
    "znode.container.maxNeverUsedIntervalMs",
    "java.net.preferIPv4Stack",
];

/// Option labels from the admin guide that are not the real property, with the key that works.
pub static DOC_LABELS: &[(&str, &str)] = &[
    ("connectionMaxTokens", "connection_throttle_tokens"),
    ("connectionTokenFillTime", "connection_throttle_fill_time"),
    ("connectionTokenFillCount", "connection_throttle_fill_count"),
    ("connectionFreezeTime", "connection_throttle_freeze_time"),
    (
        "connectionDropIncrease",
        "connection_throttle_drop_increase",
    ),
    (
        "connectionDropDecrease",
        "connection_throttle_drop_decrease",
    ),
    (
        "connectionDecreaseRatio",
        "connection_throttle_decrease_ratio",
    ),
    ("requestThrottleLimit", "request_throttle_max_requests"),
    ("requestThrottleStallTime", "request_throttle_stall_time"),
    ("requestThrottleDropStale", "request_throttle_drop_stale"),
    ("requestStaleLatencyCheck", "request_stale_latency_check"),
    (
        "requestStaleConnectionCheck",
        "request_stale_connection_check",
    ),
    (
        "advancedFlowControlEnabled",
        "netty.advancedFlowControl.enabled",
    ),
    ("maxConcurrentSnapSyncs", "leader.maxConcurrentSnapSyncs"),
    ("maxConcurrentDiffSyncs", "leader.maxConcurrentDiffSyncs"),
    ("maxTimeToWaitForEpoch", "leader.maxTimeToWaitForEpoch"),
    (
        "outstandingHandshake.limit",
        "netty.server.outstandingHandshake.limit",
    ),
    ("throttledOpWaitTime", "throttled_op_wait_time"),
];

/// The four-letter-word commands a release knows.
pub fn four_letter_words(version: ZkVersion) -> Vec<&'static str> {
    let mut words = vec![
        "conf", "cons", "crst", "dump", "envi", "gtmk", "ruok", "stmk", "srst", "srvr", "stat",
        "wchc", "wchp", "wchs", "mntr", "isro",
    ];
    if version >= ZkVersion::V3_5 {
        words.push("dirs");
    }
    if version >= ZkVersion::V3_6 {
        words.push("hash");
    }
    words
}

/// What a zoo.cfg key is to a given release.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyClass {
    /// Parsed by `QuorumPeerConfig` in this release.
    Parsed(&'static KeyInfo),
    /// Parsed only by a later release; here it is an ignored system property.
    TooNew(&'static KeyInfo),
    /// `server.N`.
    Server,
    /// Starts with `group`: read as `group.N`.
    Group,
    /// Starts with `weight`: read as `weight.N`.
    Weight,
    /// `version` (3.5+): the config version, in hex.
    Version,
    /// A pass-through key that some code reads.
    PassThrough,
    /// Starts with `zookeeper.`: becomes `zookeeper.zookeeper.<x>` and does nothing.
    ZookeeperPrefixed,
    /// A JVM-only property: zoo.cfg cannot set it.
    JvmOnly,
    /// A documentation label; the working key is given.
    DocLabel(&'static str),
    /// Nothing reads it.
    Unknown,
}

/// Says what `key` (trimmed, decoded) is to `version`.
pub fn classify(key: &str, version: ZkVersion) -> KeyClass {
    if let Some(info) = PARSED_KEYS.iter().find(|k| k.name == key) {
        return if version >= info.since {
            KeyClass::Parsed(info)
        } else {
            KeyClass::TooNew(info)
        };
    }
    if key.starts_with("server.") {
        return KeyClass::Server;
    }
    if key.starts_with("group") {
        return KeyClass::Group;
    }
    if key.starts_with("weight") {
        return KeyClass::Weight;
    }
    if key == "version" && version >= ZkVersion::V3_5 {
        return KeyClass::Version;
    }
    if key.starts_with("zookeeper.") {
        return KeyClass::ZookeeperPrefixed;
    }
    if JVM_ONLY_KEYS.contains(&key) {
        return KeyClass::JvmOnly;
    }
    if let Some((_, real)) = DOC_LABELS.iter().find(|(label, _)| *label == key) {
        return KeyClass::DocLabel(real);
    }
    if PASS_THROUGH_KEYS.contains(&key)
        || PASS_THROUGH_PREFIXES.iter().any(|p| key.starts_with(p))
        || is_known_family_key(key)
    {
        return KeyClass::PassThrough;
    }
    KeyClass::Unknown
}

/// The known key closest to `key`: same letters in another case first, then the smallest edit
/// distance (at most a third of the key's length, at least 1 and at most 3).
pub fn suggest(key: &str) -> Option<String> {
    let known = PARSED_KEYS
        .iter()
        .map(|k| k.name.to_owned())
        .chain(PASS_THROUGH_KEYS.iter().map(|k| (*k).to_owned()))
        .chain(family_keys());
    if let Some(same) = known.clone().find(|k| k.eq_ignore_ascii_case(key)) {
        return Some(same);
    }
    let limit = (key.chars().count() / 3).clamp(1, 3);
    let lower = key.to_ascii_lowercase();
    let len = lower.chars().count();
    known
        // Lengths further apart than the limit cannot be within it: skip the work.
        .filter(|k| k.len().abs_diff(len) <= limit)
        .map(|k| (edit_distance(&lower, &k.to_ascii_lowercase()), k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance over chars; inputs longer than 64 chars are never close.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().take(64).collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_classified_per_version() {
        let v34 = ZkVersion::V3_4;
        let v38 = ZkVersion::V3_8;
        assert!(matches!(classify("dataDir", v34), KeyClass::Parsed(_)));
        assert!(matches!(
            classify("standaloneEnabled", v34),
            KeyClass::TooNew(_)
        ));
        assert!(matches!(
            classify("standaloneEnabled", v38),
            KeyClass::Parsed(_)
        ));
        assert_eq!(classify("server.1", v38), KeyClass::Server);
        assert_eq!(classify("groupName", v38), KeyClass::Group);
        assert_eq!(classify("weights", v38), KeyClass::Weight);
        assert_eq!(classify("snapCount", v38), KeyClass::PassThrough);
        assert_eq!(classify("admin.serverPort", v38), KeyClass::PassThrough);
        assert_eq!(
            classify("ssl.quorum.keyStore.location", v38),
            KeyClass::PassThrough
        );
        assert_eq!(classify("ssl.keystore.location", v38), KeyClass::Unknown);
        assert_eq!(classify("admin.port", v38), KeyClass::Unknown);
        assert_eq!(
            classify("zookeeper.snapshot.trust.empty", v38),
            KeyClass::ZookeeperPrefixed
        );
        assert_eq!(classify("jute.maxbuffer", v38), KeyClass::JvmOnly);
        assert_eq!(
            classify("connectionMaxTokens", v38),
            KeyClass::DocLabel("connection_throttle_tokens")
        );
        assert_eq!(classify("clientport", v38), KeyClass::Unknown);
        assert_eq!(classify("version", v38), KeyClass::Version);
    }

    #[test]
    fn suggestions() {
        let cases = [
            ("clientport", Some("clientPort")),
            ("datadir", Some("dataDir")),
            ("tickTim", Some("tickTime")),
            ("initlimit", Some("initLimit")),
            ("snapcount", Some("snapCount")),
            ("ssl.keystore.location", Some("ssl.keyStore.location")),
            (
                "ssl.quorum.trustStore.pasword",
                Some("ssl.quorum.trustStore.password"),
            ),
            ("completelyDifferent", None),
            ("x", None),
        ];
        for (key, want) in cases {
            assert_eq!(suggest(key).as_deref(), want, "{key}");
        }
    }

    #[test]
    fn edit_distance_basics() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }
}
