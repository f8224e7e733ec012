//! `meslint.toml`: what the files alone cannot say about a cluster.
//!
//! The file is optional. It names target releases, the number of masters when only a template
//! is linted, and for each host its addresses and roles, so that `server.N` lines and zk URLs
//! that call one machine by different names are understood. Command-line flags win over it.

use std::collections::BTreeMap;

use toml::Spanned as DeSpanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::Severity;
use crate::source::{FileId, Span};
use crate::version::{MesosVersion, ZkVersion};

/// The contents of `meslint.toml`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Project {
    pub zookeeper_version: Option<ZkVersion>,
    pub mesos_version: Option<MesosVersion>,
    /// How many masters the cluster runs, when the files cannot tell.
    pub masters: Option<usize>,
    /// Hosts by the name of their directory.
    pub hosts: BTreeMap<String, HostConfig>,
    /// Gitignore-style patterns of paths, relative to the file's directory, that are not linted.
    pub exclude: Vec<String>,
    /// Rule selection, severities and per-path ignores.
    pub rules: RuleSelection,
}

/// What `meslint.toml` says about one host.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HostConfig {
    /// The address peers use for the host (an IP or a DNS name).
    pub address: Option<String>,
    /// Other names the host goes by in `server.N` lines or zk URLs.
    pub aliases: Vec<String>,
    /// `zookeeper`, `master`, `agent`: what the host runs, for hosts whose files are missing.
    pub roles: Vec<HostRole>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum HostRole {
    Zookeeper,
    Master,
    Agent,
}

/// Which rules run and how loud they are: `select`, `extend_select`, `ignore`, `[severity]`
/// and `[per-path]`. Codes may be prefixes (`ZK1`, `CX`); `ALL` selects every rule.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleSelection {
    /// Only these rules run (`None`: all of them).
    pub select: Option<Vec<String>>,
    /// Added to `select` (or to all, which changes nothing).
    pub extend_select: Vec<String>,
    /// These never run; `ignore` wins over `select`.
    pub ignore: Vec<String>,
    /// A severity per code or prefix; the longest matching entry wins.
    pub severity: BTreeMap<String, Severity>,
    /// Codes ignored in the files a glob matches, relative to the directory of `meslint.toml`.
    pub per_path: Vec<PerPath>,
}

impl RuleSelection {
    /// The selection of a cluster whose own `meslint.toml` (`inner`) lies below this one's:
    /// its `select` replaces this `select` when it has one, its lists and `[per-path]` entries
    /// add to these, and its `[severity]` entries win over these.
    pub fn within(&self, inner: &RuleSelection) -> RuleSelection {
        let mut severity = self.severity.clone();
        severity.extend(inner.severity.clone());
        RuleSelection {
            select: inner.select.clone().or_else(|| self.select.clone()),
            extend_select: [self.extend_select.clone(), inner.extend_select.clone()].concat(),
            ignore: [self.ignore.clone(), inner.ignore.clone()].concat(),
            severity,
            per_path: [self.per_path.clone(), inner.per_path.clone()].concat(),
        }
    }

    /// Sets the directory the `[per-path]` globs are relative to.
    pub fn set_base_dir(&mut self, dir: &str) {
        for entry in &mut self.per_path {
            entry.base_dir = dir.to_owned();
        }
    }
}

/// One `[per-path]` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PerPath {
    pub glob: String,
    pub codes: Vec<String>,
    /// The entry in meslint.toml, for reporting one that ignores nothing.
    pub span: Span,
    /// The directory of its `meslint.toml` as displayed (`cluster` for `cluster/meslint.toml`),
    /// which the glob is relative to.
    pub base_dir: String,
}

const TOP_KEYS: &[&str] = &[
    "zookeeper_version",
    "mesos_version",
    "masters",
    "hosts",
    "exclude",
    "select",
    "extend_select",
    "ignore",
    "severity",
    "per_path",
];
const HOST_KEYS: &[&str] = &["address", "aliases", "roles"];

/// Why `meslint.toml` (or one of its values) cannot be used. Each problem skips only its key
/// or value: the rest of the file still applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProjectProblem {
    /// The TOML does not read: `error` is the first line of the TOML reader's explanation.
    Unreadable { span: Span, error: String },
    /// A release `key` names that meslint does not know, and why.
    BadRelease {
        span: Span,
        key: &'static str,
        why: String,
    },
    /// A key meslint does not know, among the `known` keys of its table, with the known key
    /// closest to it.
    UnknownKey {
        span: Span,
        key: String,
        suggestion: Option<&'static str>,
        known: &'static [&'static str],
    },
    /// The value of `key` is not of the kind the key takes.
    WrongKind {
        span: Span,
        key: String,
        expected: ValueKind,
    },
    /// A code in `select`, `ignore`, `[severity]` or `[per-path]` that names no rule, with the
    /// code closest to it.
    UnknownCode {
        span: Span,
        code: String,
        suggestion: Option<String>,
    },
    /// A `[severity]` value that is not `error`, `warning` or `info`.
    BadSeverity { span: Span, code: String },
    /// A role of a host that is not `zookeeper`, `master` or `agent`.
    UnknownRole {
        span: Span,
        host: String,
        role: String,
    },
}

/// What a key of `meslint.toml` takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueKind {
    String,
    Strings,
    WholeNumber,
    Codes,
    Table,
    HostTable,
    CodeTable,
    GlobTable,
}

/// Reads `meslint.toml`, with what is wrong in it pointing into the file. One bad key or value
/// is recorded and skipped: the rest of the file still applies.
///
/// `codes` are the rule codes that `select`, `ignore` and the other lists may name.
pub fn parse(file: FileId, text: &str, codes: &[&str]) -> (Project, Vec<ProjectProblem>) {
    let (table, errors) = DeTable::parse_recoverable(text);
    let mut report = Reporter {
        file,
        codes,
        problems: Vec::new(),
    };
    for error in errors {
        let span = error
            .span()
            .map_or(Span::point(file, 0), |r| Span::new(file, r.start, r.end));
        report.problems.push(ProjectProblem::Unreadable {
            span,
            error: first_line(error.message()).to_owned(),
        });
    }
    let mut project = Project::default();
    for (key, value) in table.get_ref() {
        let key_span = report.span(key.span());
        let value_span = report.span(value.span());
        // `extend-select` and `per-path` are accepted as spelled in other linters.
        let name = key.get_ref().replace('-', "_");
        match name.as_str() {
            "zookeeper_version" => {
                if let Some(v) = report.string(value, "zookeeper_version") {
                    match v.parse() {
                        Ok(parsed) => project.zookeeper_version = Some(parsed),
                        Err(error) => report.problems.push(ProjectProblem::BadRelease {
                            span: value_span,
                            key: "zookeeper_version",
                            why: error.to_string(),
                        }),
                    }
                }
            }
            "mesos_version" => {
                if let Some(v) = report.string(value, "mesos_version") {
                    match v.parse() {
                        Ok(parsed) => project.mesos_version = Some(parsed),
                        Err(error) => report.problems.push(ProjectProblem::BadRelease {
                            span: value_span,
                            key: "mesos_version",
                            why: error.to_string(),
                        }),
                    }
                }
            }
            "masters" => match value
                .get_ref()
                .as_integer()
                .map(|i| i.as_str().parse::<usize>())
            {
                Some(Ok(n)) => project.masters = Some(n),
                _ => report.wrong_kind(value_span, "masters", ValueKind::WholeNumber),
            },
            "hosts" => match value.get_ref().as_table() {
                Some(hosts) => {
                    for (host, config) in hosts {
                        let config = report.host(host.get_ref(), config);
                        project.hosts.insert(host.get_ref().to_string(), config);
                    }
                }
                None => report.wrong_kind(value_span, "hosts", ValueKind::HostTable),
            },
            "exclude" => project.exclude = report.strings(value, "exclude"),
            "select" => project.rules.select = Some(report.codes(value, "select")),
            "extend_select" => project.rules.extend_select = report.codes(value, "extend_select"),
            "ignore" => project.rules.ignore = report.codes(value, "ignore"),
            "severity" => match value.get_ref().as_table() {
                Some(entries) => {
                    for (code, level) in entries {
                        let span = report.span(code.span());
                        let Some(code) = report.code(code.get_ref(), span) else {
                            continue;
                        };
                        match level.get_ref().as_str().and_then(parse_severity) {
                            Some(severity) => {
                                project.rules.severity.insert(code, severity);
                            }
                            None => report.problems.push(ProjectProblem::BadSeverity {
                                span: report.span(level.span()),
                                code,
                            }),
                        }
                    }
                }
                None => report.wrong_kind(value_span, "severity", ValueKind::CodeTable),
            },
            "per_path" => match value.get_ref().as_table() {
                Some(entries) => {
                    for (glob, codes) in entries {
                        let span = report.span(glob.span()).cover(report.span(codes.span()));
                        let codes = report.codes(codes, "per-path");
                        project.rules.per_path.push(PerPath {
                            glob: glob.get_ref().to_string(),
                            codes,
                            span,
                            base_dir: String::new(),
                        });
                    }
                }
                None => report.wrong_kind(value_span, "per-path", ValueKind::GlobTable),
            },
            _ => report.unknown_key(key.get_ref(), key_span, TOP_KEYS),
        }
    }
    (project, report.problems)
}

/// The `exclude` patterns of a `meslint.toml`, for a caller that walks directories before
/// linting; a file that cannot be read yields none (its problems are reported by [`parse`]).
pub fn exclude_patterns(text: &str) -> Vec<String> {
    let (table, _) = DeTable::parse_recoverable(text);
    let Some(exclude) = table.get_ref().get("exclude") else {
        return Vec::new();
    };
    let patterns: Option<Vec<String>> = exclude.get_ref().as_array().and_then(|items| {
        items
            .iter()
            .map(|i| i.get_ref().as_str().map(str::to_owned))
            .collect()
    });
    patterns.unwrap_or_default()
}

fn parse_severity(text: &str) -> Option<Severity> {
    match text {
        "error" => Some(Severity::Error),
        "warning" => Some(Severity::Warning),
        "info" => Some(Severity::Info),
        _ => None,
    }
}

/// Records what is wrong in meslint.toml.
struct Reporter<'s> {
    file: FileId,
    codes: &'s [&'s str],
    problems: Vec<ProjectProblem>,
}

impl Reporter<'_> {
    fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(self.file, range.start, range.end)
    }

    fn wrong_kind(&mut self, span: Span, key: &str, expected: ValueKind) {
        self.problems.push(ProjectProblem::WrongKind {
            span,
            key: key.to_owned(),
            expected,
        });
    }

    fn unknown_key(&mut self, key: &str, span: Span, known: &'static [&'static str]) {
        self.problems.push(ProjectProblem::UnknownKey {
            span,
            key: key.to_owned(),
            suggestion: closest(key, known),
            known,
        });
    }

    fn string(&mut self, value: &DeSpanned<DeValue<'_>>, key: &str) -> Option<String> {
        match value.get_ref().as_str() {
            Some(s) => Some(s.to_owned()),
            None => {
                self.wrong_kind(self.span(value.span()), key, ValueKind::String);
                None
            }
        }
    }

    /// A list of rule codes or prefixes; unknown ones are reported and left out.
    fn codes(&mut self, value: &DeSpanned<DeValue<'_>>, key: &str) -> Vec<String> {
        let Some(items) = value.get_ref().as_array() else {
            self.wrong_kind(self.span(value.span()), key, ValueKind::Codes);
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            let span = self.span(item.span());
            match item.get_ref().as_str() {
                Some(code) => out.extend(self.code(code, span)),
                None => self.wrong_kind(span, key, ValueKind::Codes),
            }
        }
        out
    }

    /// A code or prefix that names at least one rule, in upper case; `ALL` too.
    fn code(&mut self, code: &str, span: Span) -> Option<String> {
        let upper = code.to_ascii_uppercase();
        if upper == "ALL" || (!upper.is_empty() && self.codes.iter().any(|c| c.starts_with(&upper)))
        {
            return Some(upper);
        }
        self.problems.push(ProjectProblem::UnknownCode {
            span,
            code: code.to_owned(),
            suggestion: closest(&upper, self.codes).map(str::to_owned),
        });
        None
    }

    fn host(&mut self, name: &str, value: &DeSpanned<DeValue<'_>>) -> HostConfig {
        let mut config = HostConfig::default();
        let Some(table) = value.get_ref().as_table() else {
            self.wrong_kind(
                self.span(value.span()),
                &format!("hosts.{name}"),
                ValueKind::Table,
            );
            return config;
        };
        for (key, value) in table {
            let span = self.span(value.span());
            match key.get_ref().as_ref() {
                "address" => config.address = self.string(value, "address"),
                "aliases" => config.aliases = self.strings(value, "aliases"),
                "roles" => {
                    for role in self.strings(value, "roles") {
                        match role.as_str() {
                            "zookeeper" => config.roles.push(HostRole::Zookeeper),
                            "master" => config.roles.push(HostRole::Master),
                            "agent" => config.roles.push(HostRole::Agent),
                            _ => self.problems.push(ProjectProblem::UnknownRole {
                                span,
                                host: name.to_owned(),
                                role,
                            }),
                        }
                    }
                }
                other => self.unknown_key(other, self.span(key.span()), HOST_KEYS),
            }
        }
        config
    }

    fn strings(&mut self, value: &DeSpanned<DeValue<'_>>, key: &str) -> Vec<String> {
        let strings: Option<Vec<String>> = value.get_ref().as_array().and_then(|items| {
            items
                .iter()
                .map(|i| i.get_ref().as_str().map(str::to_owned))
                .collect()
        });
        strings.unwrap_or_else(|| {
            self.wrong_kind(self.span(value.span()), key, ValueKind::Strings);
            Vec::new()
        })
    }
}

/// The known word closest to a mistyped one, if any is close.
pub fn closest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| {
            (
                edit_distance(&word.to_ascii_lowercase(), &k.to_ascii_lowercase()),
                *k,
            )
        })
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min()
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text).trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    fn read(text: &str) -> (Project, Vec<String>) {
        let mut map = SourceMap::new();
        let id = map.add("meslint.toml", text.as_bytes());
        let codes: Vec<&str> = crate::rules::ALL.iter().map(|r| r.code).collect();
        let (project, problems) = parse(id, text, &codes);
        (project, problems.iter().map(|p| format!("{p:?}")).collect())
    }

    #[test]
    fn a_full_file() {
        let (project, problems) = read(
            "zookeeper_version = \"3.4\"\nmesos_version = \"1.9\"\nmasters = 3\n\
             [hosts.zk1]\naddress = \"10.0.0.1\"\naliases = [\"zk1.example\"]\nroles = [\"zookeeper\", \"master\"]\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(project.zookeeper_version, Some(ZkVersion::V3_4));
        assert_eq!(project.mesos_version, Some(MesosVersion::new(9)));
        assert_eq!(project.masters, Some(3));
        let zk1 = &project.hosts["zk1"];
        assert_eq!(zk1.address.as_deref(), Some("10.0.0.1"));
        assert_eq!(zk1.roles, [HostRole::Zookeeper, HostRole::Master]);
        assert!(project.exclude.is_empty());
        let text = "exclude = [\"staging/\", \"*.j2\"]\n";
        let (project, problems) = read(text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(project.exclude, ["staging/", "*.j2"]);
        assert_eq!(exclude_patterns(text), ["staging/", "*.j2"]);
        assert!(exclude_patterns("exclude = 3").is_empty());
    }

    #[test]
    fn problems_point_into_the_file() {
        let (_, problems) = read("zookeeper_version = \"3.10\"\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("zookeeper_version"));
        let (_, problems) = read("[hosts.a]\nadress = \"x\"\n");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("adress"), "{problems:?}");
        let (_, problems) = read("masters = \"three\"\n");
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn rule_selection_and_one_bad_key_keeps_the_rest() {
        let (project, problems) = read(
            "select = [\"zk1\", \"ML\"]\nextend-select = [\"CX101\"]\nignore = [\"ZK108\", \"QQ1\"]\n\
             masterz = 3\n[severity]\nZK101 = \"error\"\n[per-path]\n\"roles/**\" = [\"ML005\"]\n",
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("masterz")));
        assert!(problems.iter().any(|p| p.contains("QQ1")));
        let rules = &project.rules;
        assert_eq!(
            rules.select.as_deref(),
            Some(&["ZK1".to_owned(), "ML".to_owned()][..])
        );
        assert_eq!(rules.extend_select, ["CX101"]);
        assert_eq!(rules.ignore, ["ZK108"]);
        assert_eq!(rules.severity.get("ZK101"), Some(&Severity::Error));
        assert_eq!(rules.per_path[0].glob, "roles/**");
        assert_eq!(rules.per_path[0].codes, ["ML005"]);
    }

    #[test]
    fn a_syntax_error_keeps_what_could_be_read() {
        let (project, problems) = read("masters = 3\nselect = [\n");
        assert!(!problems.is_empty());
        assert_eq!(project.masters, Some(3));
    }
}
