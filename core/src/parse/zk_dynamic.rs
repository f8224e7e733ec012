//! Reads a dynamic config file (ZooKeeper 3.5+): only `server.N`, `group.N` and `weight.N`
//! keys, values untrimmed, and the config version taken from the file name.
//!
//! Keys ZooKeeper refuses here (`version`, `clientPort`, ...) are reported while parsing;
//! everything else is left to the rules.

use std::collections::HashMap;

use crate::catalog::zookeeper::{KeyClass, classify};
use crate::model::problems::ConfigProblem;
use crate::model::zookeeper::{DynamicCfg, Value};
use crate::parse::Sink;
use crate::parse::server_line::{parse_group, parse_server, parse_weight};
use crate::parse::zoo_cfg::{last_of_each_key, read_properties};
use crate::settings::Settings;
use crate::source::{FileId, Span};
use crate::template::has_placeholder;
use crate::version::ZkVersion;

/// Parses a dynamic file named `file_name` (its last `.` suffix, read as hex, is the version).
pub fn parse_dynamic(
    file: FileId,
    file_name: &str,
    text: &str,
    settings: &Settings,
    sink: &mut Sink,
) -> DynamicCfg {
    if settings.zookeeper < ZkVersion::V3_5 {
        // ZooKeeper 3.4 never opens the file (`dynamic_config_ignored` says so), so nothing in
        // it can stop this server: read it as 3.5 would, keeping only the secrets to mask.
        let as_read_by = Settings {
            zookeeper: ZkVersion::V3_5,
            ..settings.clone()
        };
        let mut unread = Sink::default();
        let mut cfg = parse_dynamic(file, file_name, text, &as_read_by, &mut unread);
        sink.secrets.extend(unread.secrets);
        cfg.problems.clear();
        return cfg;
    }
    let version = settings.zookeeper;
    let mut problems = Vec::new();
    let props = read_properties(file, text, &mut problems);
    let mut cfg = DynamicCfg {
        file,
        file_name: file_name.to_owned(),
        version: version_from_name(file_name),
        servers: Vec::new(),
        groups: Vec::new(),
        weights: Vec::new(),
        end: Span::point(file, text.len()),
        problems: Vec::new(),
    };
    let mut seen: HashMap<String, Span> = HashMap::new();
    let last = last_of_each_key(&props.entries);
    for (entry, last) in props.entries.iter().zip(last) {
        let key = entry.trimmed_key();
        if let Some(earlier) = seen.insert(key.value.clone(), key.span)
            && !has_placeholder(&key.value)
        {
            problems.push(ConfigProblem::DuplicateKey {
                ignored: earlier,
                kept: key.span,
                key: key.value.clone(),
                kept_value: None,
            });
        }
        match classify(&key.value, version) {
            // Properties keeps only the last line of a key: ZooKeeper never sees the others.
            KeyClass::Server | KeyClass::Group | KeyClass::Weight if !last => {}
            KeyClass::Server => cfg.servers.push(parse_server(entry, &key, version)),
            KeyClass::Group => cfg.groups.push(parse_group(entry, &key, version)),
            KeyClass::Weight => cfg.weights.push(parse_weight(entry, &key, version)),
            KeyClass::Version => problems.push(ConfigProblem::DynamicVersionLine {
                line: entry.line,
                version: cfg.version,
            }),
            _ if has_placeholder(&key.value) => {}
            _ => problems.push(ConfigProblem::DynamicKeyNotAllowed {
                span: key.span,
                key: key.value.clone(),
            }),
        }
    }
    // The same sid twice: one line wins.
    let mut sids: HashMap<i64, usize> = HashMap::new();
    let mut dup = Vec::new();
    for (i, s) in cfg.servers.iter().enumerate() {
        if let Value::Known(sid) = s.sid.value
            && let Some(prev) = sids.insert(sid, i)
        {
            dup.push(prev);
        }
    }
    for i in dup {
        if let Some(s) = cfg.servers.get_mut(i) {
            s.overridden = true;
        }
    }
    cfg.problems = problems;
    cfg
}

/// The config version ZooKeeper takes from the text after the last `.`, read as hex; 0 when
/// that text is not hex.
pub fn version_from_name(file_name: &str) -> u64 {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    base.rsplit_once('.')
        .and_then(|(_, suffix)| u64::from_str_radix(suffix, 16).ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    fn parse(name: &str, text: &str) -> (DynamicCfg, Sink) {
        let mut map = SourceMap::new();
        let id = map.add(name, text.as_bytes());
        let mut sink = Sink::default();
        let cfg = parse_dynamic(id, name, text, &Settings::default(), &mut sink);
        (cfg, sink)
    }

    #[test]
    fn versions_from_names() {
        let cases = [
            ("zoo.cfg.dynamic.100000000", 0x1_0000_0000),
            ("zoo.cfg.dynamic", 0),
            ("/etc/zk/zoo.cfg.dynamic.dead", 0xdead),
            ("dyn", 0),
        ];
        for (name, want) in cases {
            assert_eq!(version_from_name(name), want, "{name}");
        }
    }

    #[test]
    fn only_server_group_weight_keys() {
        let text = "server.1=a:2888:3888;2181\nserver.2=b:2888:3888;2181\nclientPort=2181\nversion=1\ngroup.1=1:2\nweight.1=1\n";
        let (cfg, _) = parse("zoo.cfg.dynamic.1", text);
        assert_eq!(cfg.servers.len(), 2);
        assert_eq!(cfg.groups.len(), 1);
        assert_eq!(cfg.weights.len(), 1);
        assert!(
            matches!(
                cfg.problems.as_slice(),
                [
                    ConfigProblem::DynamicKeyNotAllowed { key, .. },
                    ConfigProblem::DynamicVersionLine { version: 1, .. },
                ] if key == "clientPort"
            ),
            "{:?}",
            cfg.problems
        );
    }

    #[test]
    fn values_are_untrimmed() {
        let (cfg, _) = parse("zoo.cfg.dynamic", "server.1=a:2888:3888;2181  \n");
        assert_eq!(cfg.servers[0].problems.len(), 1);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in ".{0,200}") {
            let (cfg, _) = parse("zoo.cfg.dynamic.1", &s);
            proptest::prop_assert!(cfg.servers.len() <= s.len());
        }
    }
}
