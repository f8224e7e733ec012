//! The ZooKeeper side of the model: a server's zoo.cfg, myid and dynamic file, typed for the
//! target release.
//!
//! Values are kept as ZooKeeper would read them for `settings.zookeeper`: numbers as Java parses
//! them, server lines split per release. Everything a rule can blame is [`Spanned`]. A value
//! holding a template placeholder is [`Value::Unknown`]: never wrong, never used in arithmetic.
//! This module builds nothing itself and parses nothing: the parsers fill it in, values already
//! read the way Java reads them.

use crate::catalog::zookeeper::KeyClass;
use crate::diagnostic::Severity;
use crate::source::{FileId, Span, Spanned};
use crate::version::ZkVersion;

/// One ZooKeeper server: its static config with the myid and dynamic file that belong to it.
#[derive(Clone, Debug)]
pub struct ZkServer {
    pub config: ZooCfg,
    /// `None` when no myid file was given to meslint (not a finding by itself).
    pub myid: Option<MyId>,
    /// The file `dynamicConfigFile` names, when it was given to meslint.
    pub dynamic: Option<DynamicCfg>,
}

/// A value as ZooKeeper would read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value<T> {
    Known(T),
    /// Holds a template placeholder: known only once the template is rendered.
    Unknown,
    /// ZooKeeper cannot read it (the reason is reported where the value is checked).
    Invalid,
}

impl<T> Value<T> {
    pub fn known(&self) -> Option<&T> {
        match self {
            Value::Known(v) => Some(v),
            _ => None,
        }
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Value::Unknown)
    }
}

/// A setting read from zoo.cfg.
pub type Setting<T> = Spanned<Value<T>>;

/// A server's role in the ensemble.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Participant,
    Observer,
}

impl Role {
    /// Reads `participant` / `observer` in any case.
    pub fn parse(text: &str) -> Option<Role> {
        if text.eq_ignore_ascii_case("participant") {
            Some(Role::Participant)
        } else if text.eq_ignore_ascii_case("observer") {
            Some(Role::Observer)
        } else {
            None
        }
    }
}

/// One key of zoo.cfg as ZooKeeper sees it: key and value trimmed.
#[derive(Clone, Debug)]
pub struct CfgEntry {
    pub key: Spanned<String>,
    /// The trimmed value.
    pub value: Spanned<String>,
    /// The value before trimming (what `server.`/`group`/`weight` lines are parsed from on 3.5+).
    pub untrimmed: Spanned<String>,
    /// The raw source text of the value, escapes not yet decoded.
    pub raw_value: String,
    /// What the key is to the target release.
    pub class: KeyClass,
    /// A later line sets the same key; ZooKeeper never reads this one.
    pub overridden: bool,
    /// The key or the value holds a template placeholder.
    pub templated: bool,
    /// The trimmed value as Java's `Integer.parseInt` reads it; `None` when it cannot.
    pub int: Option<i64>,
    /// The trimmed value as Java's `Long.parseLong` reads it; `None` when it cannot.
    pub long: Option<i64>,
}

/// What is wrong with one `server.N`, `group.N` or `weight.N` line for the target release.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineProblem {
    pub kind: ProblemKind,
    pub message: String,
    pub label: String,
    pub span: Span,
    pub help: String,
    pub severity: Severity,
}

/// Sorts line problems between the rules that report them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// The line does not have a form the release reads.
    Syntax,
    /// Blanks at the end of the value, which 3.5+ does not trim from these lines.
    TrailingBlank,
    /// `|` separated addresses.
    MultiAddress,
    /// The id after `server.`, `group.` or `weight.` is not a number.
    Id,
    /// A `group.N` or `weight.N` value ZooKeeper cannot read.
    Group,
}

/// One `server.N` line.
#[derive(Clone, Debug)]
pub struct ServerEntry {
    /// The whole key, e.g. `server.01`.
    pub key: Spanned<String>,
    /// The server id, `Long.parseLong` of what follows the first `.`.
    pub sid: Setting<i64>,
    /// The value as the release parses it (trimmed on 3.4, untrimmed on 3.5+).
    pub value: Spanned<String>,
    pub addresses: Vec<ServerAddress>,
    pub client: Option<ClientAddress>,
    /// The effective role: observer when an address says so.
    pub role: Role,
    /// Where the role was written, if it was.
    pub role_span: Option<Span>,
    pub problems: Vec<LineProblem>,
    /// A later line has the same sid; ZooKeeper keeps only one of them.
    pub overridden: bool,
    /// The line holds a template placeholder.
    pub templated: bool,
}

/// One `host:quorumPort:electionPort[:role]` part of a server line.
#[derive(Clone, Debug)]
pub struct ServerAddress {
    pub host: Spanned<String>,
    pub quorum_port: Option<Setting<i64>>,
    pub election_port: Option<Setting<i64>>,
    pub role: Option<Spanned<String>>,
}

/// The `;[host:]port` client part of a server line (3.5+).
#[derive(Clone, Debug)]
pub struct ClientAddress {
    pub host: Option<Spanned<String>>,
    pub port: Setting<i64>,
}

/// One `group.G=sid:sid:...` line.
#[derive(Clone, Debug)]
pub struct GroupEntry {
    pub key: Spanned<String>,
    pub gid: Setting<i64>,
    pub members: Vec<Setting<i64>>,
    pub problems: Vec<LineProblem>,
    pub templated: bool,
}

/// One `weight.S=w` line.
#[derive(Clone, Debug)]
pub struct WeightEntry {
    pub key: Spanned<String>,
    pub sid: Setting<i64>,
    pub weight: Setting<i64>,
    pub problems: Vec<LineProblem>,
    pub templated: bool,
}

/// A parsed zoo.cfg for one release.
#[derive(Clone, Debug)]
pub struct ZooCfg {
    pub file: FileId,
    /// The file's path as the user sees it, for naming a server that has no myid on a host
    /// that runs several (`a/zoo3.cfg`); empty until the cluster is built.
    pub path: String,
    pub version: ZkVersion,
    /// Every key in file order, duplicates included.
    pub entries: Vec<CfgEntry>,
    pub servers: Vec<ServerEntry>,
    pub groups: Vec<GroupEntry>,
    pub weights: Vec<WeightEntry>,
    /// An empty span at the end of the file, for keys that are missing.
    pub end: Span,
    /// The file holds template syntax: missing keys may come from the template engine.
    pub is_template: bool,
    pub data_dir: Option<Setting<String>>,
    pub data_log_dir: Option<Setting<String>>,
    pub dynamic_config_file: Option<Setting<String>>,
    pub client_port: Option<Setting<i64>>,
    pub client_port_address: Option<Setting<String>>,
    pub secure_client_port: Option<Setting<i64>>,
    pub secure_client_port_address: Option<Setting<String>>,
    pub tick_time: Option<Setting<i64>>,
    pub init_limit: Option<Setting<i64>>,
    pub sync_limit: Option<Setting<i64>>,
    pub min_session_timeout: Option<Setting<i64>>,
    pub max_session_timeout: Option<Setting<i64>>,
    pub election_alg: Option<Setting<i64>>,
    pub peer_type: Option<Setting<Role>>,
    pub standalone_enabled: Option<Setting<bool>>,
    pub reconfig_enabled: Option<Setting<bool>>,
    /// What the parser found wrong in the text; moved to the cluster's [`Problems`] once read.
    ///
    /// [`Problems`]: super::problems::Problems
    pub problems: Vec<ConfigProblem>,
}

/// A parsed myid file.
#[derive(Clone, Debug)]
pub struct MyId {
    pub file: FileId,
    /// The first line, exactly as ZooKeeper passes it to `Long.parseLong` (no line end).
    pub first_line: Spanned<String>,
    /// The id, when the first line is a Java long.
    pub id: Option<Spanned<i64>>,
    /// Why the first line is not a number, if it is not.
    pub problem: Option<MyIdProblem>,
    /// The lines after the first one that hold anything but blanks.
    pub extra_lines: Option<Span>,
}

/// Why ZooKeeper cannot read a myid file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MyIdProblem {
    Empty,
    /// Debian's `replace this text with ...` placeholder.
    Placeholder,
    ByteOrderMark,
    /// A number with blanks around it.
    Blanks,
    NotANumber,
    /// A template placeholder: unknown, not wrong.
    Templated,
}

/// A parsed dynamic config file (3.5+).
#[derive(Clone, Debug)]
pub struct DynamicCfg {
    pub file: FileId,
    pub file_name: String,
    /// The version from the hex suffix of the file name; 0 when the suffix is not hex.
    pub version: u64,
    pub servers: Vec<ServerEntry>,
    pub groups: Vec<GroupEntry>,
    pub weights: Vec<WeightEntry>,
    pub end: Span,
    /// What the parser found wrong in the text; moved to the cluster's problems once read.
    pub problems: Vec<ConfigProblem>,
}

impl ZooCfg {
    /// The entry ZooKeeper reads for `key` (the last one), if any.
    pub fn get(&self, key: &str) -> Option<&CfgEntry> {
        self.entries.iter().rev().find(|e| e.key.value == key)
    }

    /// Where to point for a key the file lacks: the line of a key that belongs with it (the
    /// timing keys go together, so does the storage), else the start of the file. Never the
    /// end of the file, whose last line is usually an unrelated `server.N`.
    pub fn missing_key_anchor(&self, key: &str) -> Span {
        let neighbours: &[&str] = match key {
            "initLimit" | "syncLimit" => &["tickTime", "initLimit", "syncLimit"],
            "dataDir" => &["dataLogDir", "clientPort"],
            "clientPort" => &["clientPortAddress", "dataDir"],
            _ => &[],
        };
        neighbours
            .iter()
            .filter(|k| **k != key)
            .find_map(|k| self.get(k))
            .map_or(Span::point(self.file, 0), |e| {
                e.key.span.cover(e.value.span)
            })
    }

    /// True when some key is itself a template placeholder (`{{ k }}={{ v }}` in a loop), so
    /// any key may be set once the template is rendered.
    pub fn has_templated_keys(&self) -> bool {
        self.entries
            .iter()
            .any(|e| crate::template::has_placeholder(&e.key.value))
    }

    /// The value of `key` as text (last line wins); unknown when templated.
    pub fn text_setting(&self, key: &str) -> Option<Setting<String>> {
        self.get(key).map(|e| {
            let v = if e.templated {
                Value::Unknown
            } else {
                Value::Known(e.value.value.clone())
            };
            Spanned::new(v, e.value.span)
        })
    }

    /// tickTime as ZooKeeper uses it: the value, or 3000 when absent.
    pub fn effective_tick_time(&self) -> Option<i64> {
        match &self.tick_time {
            None => Some(3000),
            Some(t) => t.value.known().copied(),
        }
    }

    /// `standaloneEnabled`, true unless set to false (3.5+; 3.4 is always "standalone enabled").
    pub fn standalone_enabled(&self) -> bool {
        self.version < ZkVersion::V3_5
            || self
                .standalone_enabled
                .as_ref()
                .is_none_or(|s| s.value != Value::Known(false))
    }

    /// The server lines ZooKeeper keeps (one per sid).
    pub fn server(&self, sid: i64) -> Option<&ServerEntry> {
        effective(&self.servers).find(|s| s.sid.value == Value::Known(sid))
    }

    pub fn voters(&self) -> Vec<&ServerEntry> {
        effective(&self.servers)
            .filter(|s| s.role == Role::Participant)
            .collect()
    }

    pub fn observers(&self) -> Vec<&ServerEntry> {
        effective(&self.servers)
            .filter(|s| s.role == Role::Observer)
            .collect()
    }

    /// True when ZooKeeper would start a quorum peer from these server lines (see
    /// [`ZkServer::is_quorum_mode`] for the dynamic file).
    pub fn is_quorum_mode(&self) -> bool {
        quorum_mode(self, &self.servers)
    }

    /// The admin server port (3.5+): `None` when the admin server is disabled or the release
    /// has none.
    pub fn admin_port(&self) -> Option<i64> {
        if self.version < ZkVersion::V3_5 {
            return None;
        }
        if self
            .get("admin.enableServer")
            .is_some_and(|e| e.value.value == "false")
        {
            return None;
        }
        let port = self
            .get("admin.serverPort")
            .and_then(|e| e.value.value.parse::<i64>().ok())
            .unwrap_or(8080);
        Some(port)
    }
}

impl ZkServer {
    /// The server lines in force: the dynamic file's when `dynamicConfigFile` is used (3.5+),
    /// else the static file's.
    pub fn effective_servers(&self) -> &[ServerEntry] {
        match (&self.dynamic, self.uses_dynamic_file()) {
            (Some(d), true) => &d.servers,
            _ => &self.config.servers,
        }
    }

    /// The group lines in force (dynamic or static, as for servers).
    pub fn effective_groups(&self) -> &[GroupEntry] {
        match (&self.dynamic, self.uses_dynamic_file()) {
            (Some(d), true) => &d.groups,
            _ => &self.config.groups,
        }
    }

    /// The weight lines in force.
    pub fn effective_weights(&self) -> &[WeightEntry] {
        match (&self.dynamic, self.uses_dynamic_file()) {
            (Some(d), true) => &d.weights,
            _ => &self.config.weights,
        }
    }

    /// True when `dynamicConfigFile` is set and the release reads it (3.5+).
    pub fn uses_dynamic_file(&self) -> bool {
        self.config.version >= ZkVersion::V3_5 && self.config.dynamic_config_file.is_some()
    }

    /// True when the server lines in force are unknown: `dynamicConfigFile` is used but its
    /// file was not given to meslint.
    pub fn servers_unknown(&self) -> bool {
        self.uses_dynamic_file() && self.dynamic.is_none()
    }

    pub fn voters(&self) -> Vec<&ServerEntry> {
        effective(self.effective_servers())
            .filter(|s| s.role == Role::Participant)
            .collect()
    }

    pub fn observers(&self) -> Vec<&ServerEntry> {
        effective(self.effective_servers())
            .filter(|s| s.role == Role::Observer)
            .collect()
    }

    pub fn server(&self, sid: i64) -> Option<&ServerEntry> {
        effective(self.effective_servers()).find(|s| s.sid.value == Value::Known(sid))
    }

    /// True when ZooKeeper runs this server as a quorum peer rather than standalone.
    pub fn is_quorum_mode(&self) -> bool {
        quorum_mode(&self.config, self.effective_servers())
    }

    /// This server's own line, found through its myid.
    pub fn own_server(&self) -> Option<&ServerEntry> {
        let id = self.myid.as_ref()?.id.as_ref()?.value;
        self.server(id)
    }
}

/// The lines that survive duplicate sids.
pub fn effective(servers: &[ServerEntry]) -> impl Iterator<Item = &ServerEntry> {
    servers.iter().filter(|s| !s.overridden)
}

fn quorum_mode(cfg: &ZooCfg, servers: &[ServerEntry]) -> bool {
    let voters = effective(servers)
        .filter(|s| s.role == Role::Participant)
        .count();
    let lines = effective(servers).count();
    if cfg.version < ZkVersion::V3_5 {
        // 3.4 drops a single voter line ("only one server specified") and runs standalone.
        voters > 1 || (lines > 0 && voters != 1)
    } else {
        !cfg.standalone_enabled() || voters > 1
    }
}

/// Problems of Properties text (zoo.cfg and the dynamic file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigProblem {
    /// `\u` not followed by four hex digits; `raw` is the escape as written.
    MalformedEscape { span: Span, raw: String },
    /// A byte order mark, and the key ZooKeeper then misreads, if any.
    ByteOrderMark {
        span: Span,
        first_key: Option<String>,
    },
    /// A non-ASCII character in a key or value.
    NonAscii {
        span: Span,
        key: String,
        character: char,
    },
    /// ` #...` at the end of a value, which Properties keeps as part of the value.
    InlineComment {
        span: Span,
        key: String,
        comment: String,
    },
    /// A path value written with backslashes, and what Properties makes of it.
    BackslashInPath {
        span: Span,
        written: String,
        read_as: String,
    },
    /// A key set twice; `kept_value` is `None` where the value is a secret or not shown.
    DuplicateKey {
        ignored: Span,
        kept: Span,
        key: String,
        kept_value: Option<String>,
    },
    /// A `version` line in a dynamic file; `version` is the one the file name gives.
    DynamicVersionLine { line: Span, version: u64 },
    /// A key other than server, group and weight in a dynamic file.
    DynamicKeyNotAllowed { span: Span, key: String },
    /// A dynamic file no zoo.cfg of its host names in `dynamicConfigFile`: `file` is its first
    /// line, `named` the `dynamicConfigFile` of a zoo.cfg there that names another file.
    UnusedDynamic {
        file: Span,
        name: String,
        named: Option<Span>,
    },
}
