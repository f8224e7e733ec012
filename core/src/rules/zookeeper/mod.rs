//! Rules about one ZooKeeper server: its zoo.cfg, its myid and its dynamic file.
//!
//! Codes: `ZK0xx` Properties syntax, `ZK1xx` keys and values, `ZK2xx` server lines and the
//! ensemble one config describes, `ZK3xx` myid, `ZK4xx` the dynamic file. Checks across hosts
//! live elsewhere.

pub mod backslash_in_path;
pub mod byte_order_mark;
pub mod client_port_mismatch;
pub mod config_rewritten_by_reconfig;
pub mod data_dir_in_tmp;
pub mod duplicate_key;
pub mod duplicate_server_id;
pub mod dynamic_config_ignored;
pub mod dynamic_file_unused;
pub mod dynamic_version_from_name;
pub mod even_ensemble;
pub mod ineffective_key;
pub mod inline_comment;
pub mod invalid_4lw_whitelist;
pub mod invalid_boolean;
pub mod invalid_client_address;
pub mod invalid_dynamic_key;
pub mod invalid_hierarchical_quorum;
pub mod invalid_myid;
pub mod invalid_number;
pub mod invalid_peer_type;
pub mod invalid_server_cnxn_factory;
pub mod invalid_server_line;
pub mod invalid_tick_time;
pub mod key_not_in_version;
pub mod malformed_unicode_escape;
pub mod misread_group_key;
pub mod misread_passthrough_value;
pub mod missing_client_port;
pub mod missing_data_dir;
pub mod missing_election_port;
pub mod missing_quorum_limits;
pub mod multi_address_needs_jvm_flag;
pub mod myid_extra_lines;
pub mod myid_not_in_server_list;
pub mod myid_out_of_range;
pub mod non_ascii_text;
pub mod observers_without_quorum;
pub mod own_address_loopback;
pub mod port_conflict;
pub mod relative_path;
pub mod same_quorum_and_election_port;
pub mod sasl_requirement_without_sasl;
pub mod server_id_out_of_range;
pub mod server_line_without_prefix;
pub mod servers_in_static_and_dynamic;
pub mod session_timeout_range;
pub mod single_server_line;
pub mod snap_retain_count_too_low;
pub mod ssl_auth_provider_missing;
pub mod trailing_blank_in_server_line;
pub mod unknown_key;
pub mod unsupported_election_alg;
pub mod unusable_data_dir;
pub mod zero_fault_tolerance;

use crate::catalog::zookeeper::KeyClass;
use crate::model::zookeeper::{CfgEntry, DynamicCfg, ServerEntry, ZkServer};
use crate::rules::Context;
use crate::version::ZkVersion;

/// Every ZooKeeper server of the cluster.
pub(crate) fn servers<'a>(ctx: &'a Context<'_>) -> impl Iterator<Item = &'a ZkServer> {
    ctx.cluster.zk_servers().map(|(_, zk)| zk)
}

/// Every server-line list a server has: the static file's, then the dynamic file's.
pub(crate) fn server_lists(zk: &ZkServer) -> impl Iterator<Item = &[ServerEntry]> {
    // ZooKeeper 3.4 never reads the dynamic file.
    let read = zk.config.version >= ZkVersion::V3_5;
    std::iter::once(zk.config.servers.as_slice()).chain(
        zk.dynamic
            .as_ref()
            .filter(|_| read)
            .map(|d: &DynamicCfg| d.servers.as_slice()),
    )
}

/// True when `group`/`weight` lines are never read: with `oraclePath` (3.8+) ZooKeeper builds
/// the oracle majority verifier, which reads only server lines.
pub(crate) fn groups_ignored(zk: &ZkServer) -> bool {
    zk.config.version >= ZkVersion::V3_8 && zk.config.get("oraclePath").is_some()
}

/// The lines ZooKeeper reads as in force, unless the dynamic file is missing.
pub(crate) fn known_servers(zk: &ZkServer) -> Option<&[ServerEntry]> {
    (!zk.servers_unknown()).then(|| zk.effective_servers())
}

/// True for an unknown key that is a server line missing its `server.` prefix:
/// `1=zk1:2888:3888`, `server1=zk1:2888:3888` or a bare `10.0.0.1:2888:3888`.
pub(crate) fn missing_server_prefix(e: &CfgEntry) -> bool {
    if e.class != KeyClass::Unknown || e.templated {
        return false;
    }
    let key = e.key.value.as_str();
    let value = e.value.value.as_str();
    let ports = |v: &str| {
        let mut parts = v.split(':');
        let q = parts.next().is_some_and(is_digits);
        let el = parts.next().is_some_and(is_digits);
        q && el
    };
    let numbered = (is_digits(key) || key.strip_prefix("server").is_some_and(is_digits))
        && value.split(':').count() >= 2;
    let bare_address = (key.contains('.') || key.starts_with('['))
        && !key.chars().any(|c| c.is_ascii_uppercase())
        && ports(value);
    numbered || bare_address
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Lints one ZooKeeper server from inline text, for rule tests.

    use crate::diagnostic::{Diagnostic, Severity};
    use crate::model::problems::Problems;
    use crate::model::zookeeper::ZkServer;
    use crate::model::{Cluster, Host};
    use crate::parse::Sink;
    use crate::parse::{myid::parse_myid, zk_dynamic::parse_dynamic, zoo_cfg::parse_zoo_cfg};
    use crate::rules::{Context, run};
    use crate::settings::Settings;
    use crate::source::SourceMap;
    use crate::version::ZkVersion;

    /// Parses zoo.cfg (+ myid, + a dynamic file `(name, text)`) for `version`, runs every rule
    /// and returns all diagnostics: the parsers' and the rules'.
    pub fn lint(
        version: ZkVersion,
        cfg: &str,
        myid: Option<&str>,
        dynamic: Option<(&str, &str)>,
    ) -> Vec<Diagnostic> {
        let settings = Settings {
            zookeeper: version,
            ..Settings::default()
        };
        let mut map = SourceMap::new();
        let mut sink = Sink::default();
        let cfg_id = map.add("zk1/zoo.cfg", cfg.as_bytes());
        let mut config = parse_zoo_cfg(cfg_id, map.file(cfg_id).text(), &settings, &mut sink);
        let mut problems = Problems::default();
        problems.config.append(&mut config.problems);
        let myid = myid.map(|text| {
            let id = map.add("zk1/data/myid", text.as_bytes());
            parse_myid(id, map.file(id).text(), &settings, &mut sink)
        });
        let dynamic = dynamic.map(|(name, text)| {
            let id = map.add(name, text.as_bytes());
            let mut dynamic = parse_dynamic(id, name, map.file(id).text(), &settings, &mut sink);
            problems.config.append(&mut dynamic.problems);
            dynamic
        });
        let server = ZkServer {
            config,
            myid,
            dynamic,
        };
        let cluster = Cluster {
            hosts: vec![Host {
                name: "zk1".into(),
                zookeeper: vec![server],
                mesos: vec![],
                ..Host::default()
            }],
            problems,
            ..Cluster::default()
        };
        let mut out = run(&Context::new(&cluster, &settings));
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out
    }

    /// The codes of the diagnostics at `severity` or worse.
    pub fn codes_at(diags: &[Diagnostic], severity: Severity) -> Vec<&'static str> {
        let mut codes: Vec<_> = diags
            .iter()
            .filter(|d| d.severity >= severity)
            .map(|d| d.code)
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }
}

#[cfg(test)]
mod tests;
