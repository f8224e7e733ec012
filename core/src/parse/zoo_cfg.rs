//! Reads zoo.cfg into the typed [`ZooCfg`] for one ZooKeeper release.
//!
//! Syntax-level problems (malformed escapes, a byte order mark, inline comments, duplicate
//! keys, ...) are reported here, while the text is at hand. Everything about what the values
//! mean is left to the rules, which read the model. Template control lines (`{% for %}`) are
//! not config lines and are skipped.

use crate::catalog::zookeeper::{KeyClass, KeyType, classify};
use crate::model::problems::ConfigProblem;
use crate::model::zookeeper::{CfgEntry, Role, Setting, Value, ZooCfg};
use crate::parse::Sink;
use crate::parse::java::{parse_boolean, parse_java_integer};
use crate::parse::properties::{Entry, Properties, java_trim, lex};
use crate::parse::server_line::{parse_group, parse_server, parse_weight};
use crate::settings::Settings;
use crate::source::{FileId, Span, Spanned};
use crate::template::{has_placeholder, is_control_line, is_template};
use crate::version::ZkVersion;

/// Parses one zoo.cfg for `settings.zookeeper`. Never fails.
pub fn parse_zoo_cfg(file: FileId, text: &str, settings: &Settings, sink: &mut Sink) -> ZooCfg {
    let mut problems = Vec::new();
    let props = read_properties(file, text, &mut problems);
    let mut cfg = from_entries(
        &props.entries,
        Span::point(file, text.len()),
        is_template(text),
        settings,
        sink,
        &mut problems,
    );
    mark_duplicates(&mut cfg, &control_line_starts(text), &mut problems);
    fill_typed(&mut cfg);
    cfg.problems = problems;
    cfg
}

/// The zoo.cfg a container image's entrypoint writes from the container's environment: the
/// same model as a file's, with every value pointing where the container sets it.
pub fn from_synthetic(
    entries: &[Entry],
    end: Span,
    settings: &Settings,
    sink: &mut Sink,
) -> ZooCfg {
    let mut problems = Vec::new();
    let mut cfg = from_entries(entries, end, false, settings, sink, &mut problems);
    mark_duplicates(&mut cfg, &[], &mut problems);
    fill_typed(&mut cfg);
    cfg.problems = problems;
    cfg
}

fn from_entries(
    entries: &[Entry],
    end: Span,
    is_template: bool,
    settings: &Settings,
    sink: &mut Sink,
    problems: &mut Vec<ConfigProblem>,
) -> ZooCfg {
    let version = settings.zookeeper;
    let file = end.file;
    let mut cfg = ZooCfg {
        file,
        path: String::new(),
        version,
        entries: Vec::new(),
        servers: Vec::new(),
        groups: Vec::new(),
        weights: Vec::new(),
        end,
        is_template,
        data_dir: None,
        data_log_dir: None,
        dynamic_config_file: None,
        client_port: None,
        client_port_address: None,
        secure_client_port: None,
        secure_client_port_address: None,
        tick_time: None,
        init_limit: None,
        sync_limit: None,
        min_session_timeout: None,
        max_session_timeout: None,
        election_alg: None,
        peer_type: None,
        standalone_enabled: None,
        reconfig_enabled: None,
        problems: Vec::new(),
    };
    let last = last_of_each_key(entries);
    for (entry, last) in entries.iter().zip(last) {
        let key = entry.trimmed_key();
        let class = classify(&key.value, version);
        let value = entry.trimmed_value();
        if is_secret_key(&key.value) && !value.span.is_empty() {
            sink.secret(value.span);
        }
        if !is_secret_key(&key.value) {
            // Whatever a secret holds, no message may quote it.
            check_value_syntax(entry, &key, &value, class, problems);
        }
        // Properties keeps only the last line of a key: ZooKeeper never sees the others.
        match class {
            KeyClass::Server if last => cfg.servers.push(parse_server(entry, &key, version)),
            KeyClass::Group if last => cfg.groups.push(parse_group(entry, &key, version)),
            KeyClass::Weight if last => cfg.weights.push(parse_weight(entry, &key, version)),
            _ => {}
        }
        let templated = has_placeholder(&key.value) || has_placeholder(&value.value);
        let value_text = value.value.clone();
        cfg.entries.push(CfgEntry {
            key,
            value,
            untrimmed: entry.value.clone(),
            raw_value: entry.raw_value.clone(),
            class,
            overridden: false,
            templated,
            int: parse_java_integer(&value_text, 32),
            long: parse_java_integer(&value_text, 64),
        });
    }
    cfg
}

/// For each entry, whether it is the last one with its key: `java.util.Properties` keeps only
/// that one.
pub(crate) fn last_of_each_key(entries: &[Entry]) -> Vec<bool> {
    let mut last: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        last.insert(e.key.value.as_str(), i);
    }
    (0..entries.len())
        .map(|i| entries.get(i).and_then(|e| last.get(e.key.value.as_str())) == Some(&i))
        .collect()
}

/// Lexes the text, records what is wrong at the Properties level and drops template control
/// lines. Shared with the dynamic-file parser.
pub(crate) fn read_properties(
    file: FileId,
    text: &str,
    problems: &mut Vec<ConfigProblem>,
) -> Properties {
    let mut props = lex(file, text);
    for bad in &props.malformed_escapes {
        let raw = text.get(bad.span.range()).unwrap_or("");
        problems.push(ConfigProblem::MalformedEscape {
            span: bad.span,
            raw: raw.to_owned(),
        });
    }
    let bom = ["\u{feff}", "\u{ef}\u{bb}\u{bf}"]
        .iter()
        .find(|b| text.starts_with(**b));
    if let Some(bom) = bom {
        let key = props
            .entries
            .first()
            .filter(|e| e.key.span.start == 0)
            .map(|e| {
                e.key
                    .value
                    .trim_start_matches(['\u{feff}', '\u{ef}', '\u{bb}', '\u{bf}'])
            });
        problems.push(ConfigProblem::ByteOrderMark {
            span: Span::new(file, 0, bom.len()),
            first_key: key.filter(|k| !k.is_empty()).map(str::to_owned),
        });
    }
    props.entries.retain(|e| {
        let line = text.get(e.line.range()).unwrap_or("");
        !is_control_line(line)
    });
    for e in &props.entries {
        report_non_ascii(text, e, bom.map_or(0, |b| b.len()), problems);
    }
    props
}

fn report_non_ascii(text: &str, e: &Entry, bom_len: usize, problems: &mut Vec<ConfigProblem>) {
    let secret = is_secret_key(java_trim(&e.key.value));
    for span in [e.key.span, e.value.span] {
        if secret && span == e.value.span {
            continue;
        }
        let raw = text.get(span.range()).unwrap_or("");
        let skip = if span.start == 0 { bom_len } else { 0 };
        let Some((i, c)) = raw
            .char_indices()
            .find(|&(i, c)| i >= skip && !c.is_ascii())
        else {
            continue;
        };
        problems.push(ConfigProblem::NonAscii {
            span: span.slice(i, i + c.len_utf8()),
            key: e.key.value.clone(),
            character: c,
        });
    }
}

/// Inline comments and backslashes in paths: problems only visible in the raw text.
fn check_value_syntax(
    entry: &Entry,
    key: &Spanned<String>,
    value: &Spanned<String>,
    class: KeyClass,
    problems: &mut Vec<ConfigProblem>,
) {
    if let Some(at) = inline_comment_at(&value.value) {
        let hash = value.value.get(at..).unwrap_or("");
        let (from, _) = crate::parse::properties::java_trim_range(&entry.value.value);
        let span = entry.value_span(from + at, from + value.value.len());
        problems.push(ConfigProblem::InlineComment {
            span,
            key: key.value.clone(),
            comment: hash.to_owned(),
        });
    }
    let is_path =
        matches!(class, KeyClass::Parsed(k) | KeyClass::TooNew(k) if k.kind == KeyType::Path);
    // A malformed `\u` stops ZooKeeper before the path means anything (ZK001 says so).
    if is_path && has_escape(&entry.raw_value) && !has_malformed_unicode(&entry.raw_value) {
        problems.push(ConfigProblem::BackslashInPath {
            span: entry.value.span,
            written: entry.raw_value.trim().to_owned(),
            read_as: value.value.clone(),
        });
    }
}

/// True when the raw text holds a backslash escape other than a line continuation.
fn has_escape(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'\\' {
            match bytes.get(i + 1) {
                Some(b'\n' | b'\r') => {}
                _ => return true,
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    false
}

/// True when the raw text holds a `\u` escape not followed by four hex digits.
fn has_malformed_unicode(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'\\' {
            if bytes.get(i + 1) == Some(&b'u') {
                let digits = bytes.get(i + 2..i + 6).unwrap_or(&[]);
                if digits.len() < 4 || !digits.iter().all(u8::is_ascii_hexdigit) {
                    return true;
                }
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    false
}

/// Where a `#` that follows blanks starts, if the value holds one.
fn inline_comment_at(value: &str) -> Option<usize> {
    let bytes = value.as_bytes();
    bytes
        .iter()
        .enumerate()
        .find(|&(i, &b)| {
            b == b'#' && i > 0 && bytes.get(i - 1).is_some_and(|p| *p == b' ' || *p == b'\t')
        })
        .map(|(i, _)| i)
        .filter(|_| !has_placeholder(value))
}

/// Where the template control lines (`{% if %}`, `<% else %>`) of a file start.
fn control_line_starts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive(['\n', '\r']) {
        if is_control_line(line) {
            out.push(at);
        }
        at += line.len();
    }
    out
}

/// Keys whose values are secrets: passwords of key and trust stores, and anything named so.
pub fn is_secret_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.ends_with("password") || k.contains("secret")
}

fn mark_duplicates(cfg: &mut ZooCfg, control_lines: &[usize], problems: &mut Vec<ConfigProblem>) {
    let mut last: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut overridden = Vec::new();
    for (i, e) in cfg.entries.iter().enumerate() {
        if let Some(prev) = last.insert(e.key.value.as_str(), i) {
            overridden.push((prev, i));
        }
    }
    // Report in file order for deterministic output.
    crate::sort::sort(&mut overridden);
    for &(prev, next) in &overridden {
        let (Some(a), Some(b)) = (cfg.entries.get(prev), cfg.entries.get(next)) else {
            continue;
        };
        // `control_lines` is sorted: the first one after `a` tells whether any precedes `b`.
        let after_a = control_lines.partition_point(|&o| o <= a.key.span.start as usize);
        let branches = control_lines
            .get(after_a)
            .is_some_and(|&o| o < b.key.span.start as usize);
        // Two values in different branches of a template conditional are alternatives.
        if !a.templated && !branches {
            problems.push(ConfigProblem::DuplicateKey {
                ignored: a.key.span,
                kept: b.key.span,
                key: a.key.value.clone(),
                // Whatever a secret holds, no message may quote it.
                kept_value: (!is_secret_key(&a.key.value)).then(|| b.value.value.clone()),
            });
        }
    }
    for &(prev, _) in &overridden {
        if let Some(e) = cfg.entries.get_mut(prev) {
            e.overridden = true;
        }
    }
    // Server lines: the same sid written twice (`server.1`, `server.01`); one wins.
    let mut seen: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    let mut dup = Vec::new();
    for (i, s) in cfg.servers.iter().enumerate() {
        if let Value::Known(sid) = s.sid.value
            && let Some(prev) = seen.insert(sid, i)
        {
            dup.push(prev);
        }
    }
    for i in dup {
        if let Some(s) = cfg.servers.get_mut(i) {
            s.overridden = true;
        }
    }
}

fn fill_typed(cfg: &mut ZooCfg) {
    cfg.data_dir = cfg.text_setting("dataDir");
    cfg.data_log_dir = cfg.text_setting("dataLogDir");
    cfg.dynamic_config_file = cfg.text_setting("dynamicConfigFile");
    cfg.client_port = int_setting(cfg, "clientPort", 32);
    cfg.client_port_address = cfg.text_setting("clientPortAddress");
    cfg.secure_client_port = int_setting(cfg, "secureClientPort", 32);
    cfg.secure_client_port_address = cfg.text_setting("secureClientPortAddress");
    cfg.tick_time = int_setting(cfg, "tickTime", 32);
    cfg.init_limit = int_setting(cfg, "initLimit", 32);
    cfg.sync_limit = int_setting(cfg, "syncLimit", 32);
    cfg.min_session_timeout = int_setting(cfg, "minSessionTimeout", 32);
    cfg.max_session_timeout = int_setting(cfg, "maxSessionTimeout", 32);
    cfg.election_alg = int_setting(cfg, "electionAlg", 32);
    cfg.peer_type = cfg.get("peerType").map(|e| {
        let v = if e.templated {
            Value::Unknown
        } else {
            Role::parse(&e.value.value).map_or(Value::Invalid, Value::Known)
        };
        Spanned::new(v, e.value.span)
    });
    cfg.standalone_enabled = bool_setting(cfg, "standaloneEnabled", true);
    cfg.reconfig_enabled = bool_setting(cfg, "reconfigEnabled", true);
}

/// The value of `key` as Java's `Integer.parseInt` (`bits = 32`) or `Long.parseLong`
/// (`bits = 64`) reads it.
fn int_setting(cfg: &ZooCfg, key: &str, bits: u32) -> Option<Setting<i64>> {
    cfg.get(key).map(|e| {
        let n = if bits == 32 { e.int } else { e.long };
        let v = if e.templated {
            Value::Unknown
        } else {
            n.map_or(Value::Invalid, Value::Known)
        };
        Spanned::new(v, e.value.span)
    })
}

/// The value of `key` as a boolean the way this release reads it: strict for `strict`
/// keys and for every key from 3.7, otherwise anything but `true` is false.
fn bool_setting(cfg: &ZooCfg, key: &str, strict: bool) -> Option<Setting<bool>> {
    cfg.get(key).map(|e| {
        let v = if e.templated {
            Value::Unknown
        } else {
            parse_boolean(&e.value.value, strict || cfg.version >= ZkVersion::V3_7)
        };
        Spanned::new(v, e.value.span)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;
    use crate::version::ZkVersion;

    fn parse(text: &str, version: ZkVersion) -> (ZooCfg, Sink) {
        let mut map = SourceMap::new();
        let id = map.add("zoo.cfg", text.as_bytes());
        let (decoded, _) = crate::source::decode(text.as_bytes());
        let mut sink = Sink::default();
        let settings = Settings {
            zookeeper: version,
            ..Settings::default()
        };
        (parse_zoo_cfg(id, &decoded, &settings, &mut sink), sink)
    }

    /// The code of the rule that reports each problem, in the order found.
    fn codes(cfg: &ZooCfg) -> Vec<&'static str> {
        cfg.problems
            .iter()
            .map(|p| match p {
                ConfigProblem::MalformedEscape { .. } => "ZK001",
                ConfigProblem::ByteOrderMark { .. } => "ZK002",
                ConfigProblem::NonAscii { .. } => "ZK003",
                ConfigProblem::InlineComment { .. } => "ZK004",
                ConfigProblem::BackslashInPath { .. } => "ZK005",
                ConfigProblem::DuplicateKey { .. } => "ZK006",
                ConfigProblem::DynamicVersionLine { .. }
                | ConfigProblem::DynamicKeyNotAllowed { .. } => "ZK401",
                ConfigProblem::UnusedDynamic { .. } => "ZK406",
            })
            .collect()
    }

    /// Where each problem points.
    fn spans(cfg: &ZooCfg) -> Vec<Span> {
        cfg.problems
            .iter()
            .map(|p| match p {
                ConfigProblem::MalformedEscape { span, .. }
                | ConfigProblem::ByteOrderMark { span, .. }
                | ConfigProblem::NonAscii { span, .. }
                | ConfigProblem::InlineComment { span, .. }
                | ConfigProblem::BackslashInPath { span, .. }
                | ConfigProblem::DynamicKeyNotAllowed { span, .. } => *span,
                ConfigProblem::DuplicateKey { ignored, .. } => *ignored,
                ConfigProblem::DynamicVersionLine { line, .. } => *line,
                ConfigProblem::UnusedDynamic { file, .. } => *file,
            })
            .collect()
    }

    #[test]
    fn malformed_unicode_in_a_path_is_not_also_a_backslash_path() {
        let cases = [
            ("dataDir=/var/lib/zoo\\uZZkeeper\n", vec!["ZK001"]),
            ("dataDir=/var/lib/zoo\\u12\n", vec!["ZK001"]),
            ("dataDir=C:\\zk\\data\n", vec!["ZK005"]),
            ("dataDir=/a\\u0041b\n", vec!["ZK005"]),
        ];
        for (text, expected) in cases {
            let (cfg, _) = parse(text, ZkVersion::V3_8);
            assert_eq!(codes(&cfg), expected, "{text:?}");
        }
    }

    #[test]
    fn syntax_findings() {
        let v = ZkVersion::V3_8;
        let cases: &[(&str, &[&str])] = &[
            ("dataDir=/var/lib/zookeeper\nclientPort=2181\n", &[]),
            ("clientPort=2181 # client port\n", &["ZK004"]),
            ("dataDir=/x#y\n", &[]),
            ("dataDir=C:\\zk\\data\n", &["ZK005"]),
            ("dataDir=\\uZZZZ\n", &["ZK001"]),
            ("\u{feff}tickTime=2000\n", &["ZK002"]),
            ("dataDir=/donn\u{e9}es\n", &["ZK003"]),
            ("clientPort=2181\nclientPort=2182\n", &["ZK006"]),
            (
                "<% if @a -%>\nleaderServes=yes\n<% else -%>\nleaderServes=no\n<% end -%>\n",
                &[],
            ),
            ("dataDir=/var/lib/\\\n  zookeeper\n", &[]),
            ("{% for h in hosts %}\nserver.1=a:1:2\n{% endfor %}\n", &[]),
        ];
        for (text, want) in cases {
            let (cfg, _) = parse(text, v);
            assert_eq!(codes(&cfg), *want, "{text:?}");
        }
    }

    #[test]
    fn typed_values_and_last_wins() {
        let text = "tickTime=+2000\nclientPort=2181\nclientPort=2182\nsyncEnabled=yes\nstandaloneEnabled=no\npeerType=Observer\ninitLimit={{ il }}\n";
        let (cfg, _) = parse(text, ZkVersion::V3_8);
        assert_eq!(cfg.tick_time.map(|t| t.value), Some(Value::Known(2000)));
        assert_eq!(cfg.client_port.map(|t| t.value), Some(Value::Known(2182)));
        assert_eq!(
            cfg.standalone_enabled.map(|t| t.value),
            Some(Value::Invalid)
        );
        assert_eq!(
            cfg.peer_type.map(|t| t.value),
            Some(Value::Known(Role::Observer))
        );
        assert_eq!(cfg.init_limit.map(|t| t.value), Some(Value::Unknown));
        assert_eq!(parse_boolean("yes", false), Value::Known(false));
        assert_eq!(parse_boolean("yes", true), Value::Invalid);
        assert_eq!(parse_boolean("TRUE", true), Value::Known(true));
    }

    #[test]
    fn servers_and_quorum_mode() {
        let text = "server.1=a:2888:3888\nserver.01=b:2888:3888\nserver.2=c:2888:3888\nserver.3=d:2888:3888:observer\n";
        let (cfg, _) = parse(text, ZkVersion::V3_8);
        assert_eq!(cfg.servers.len(), 4);
        assert!(cfg.servers[0].overridden);
        assert_eq!(cfg.voters().len(), 2);
        assert_eq!(cfg.observers().len(), 1);
        assert!(cfg.is_quorum_mode());
        assert_eq!(
            cfg.server(1).map(|s| s.addresses[0].host.value.as_str()),
            Some("b")
        );
        let (one, _) = parse("server.1=a:2888:3888\n", ZkVersion::V3_8);
        assert!(!one.is_quorum_mode());
        let (one_forced, _) = parse(
            "server.1=a:2888:3888\nstandaloneEnabled=false\n",
            ZkVersion::V3_8,
        );
        assert!(one_forced.is_quorum_mode());
    }

    #[test]
    fn passwords_are_secrets() {
        let (_, sink) = parse("ssl.keyStore.password=hunter2\n", ZkVersion::V3_8);
        assert_eq!(sink.secrets.len(), 1);
        let (cfg, sink) = parse(
            "ssl.quorum.trustStore.password=h\u{e9}l #2\n",
            ZkVersion::V3_8,
        );
        assert_eq!(sink.secrets.len(), 1);
        assert!(cfg.problems.is_empty(), "{:?}", cfg.problems);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in ".{0,300}", minor in 4u8..10) {
            let version = ZkVersion::ALL[usize::from(minor - 4)];
            let (cfg, _) = parse(&s, version);
            proptest::prop_assert!(cfg.entries.len() <= s.len() + 1);
            for span in spans(&cfg) {
                proptest::prop_assert!(span.end as usize <= s.len());
            }
        }

        #[test]
        fn never_panics_on_bytes(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            let (text, _) = crate::source::decode(&bytes);
            let mut map = SourceMap::new();
            let id = map.add("zoo.cfg", &bytes);
            let mut sink = Sink::default();
            let cfg = parse_zoo_cfg(id, &text, &Settings::default(), &mut sink);
            proptest::prop_assert!(cfg.end.start as usize == text.len());
        }
    }
}
