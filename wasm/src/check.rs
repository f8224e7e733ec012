//! The browser module's logic in plain Rust, without JavaScript types: which files and options
//! a caller may pass, and the reports built from them. `lib.rs` only converts to and from
//! JavaScript values, so everything here is tested natively too.
//!
//! Reports come from the core's renderers (`render::json`, `render::human`); this module adds
//! only what a JavaScript editor needs on top: UTF-16 offsets for every label.

use meslint_core::sort::CollectSorted;
use std::collections::BTreeMap;

use meslint_core::render::{human, json};
use meslint_core::settings::Fixed;
use meslint_core::source::decode;
use meslint_core::{Input, InputContent, MesosVersion, Report, Settings, ZkVersion, lint, rules};
use serde_json::Value;

/// The largest file the module accepts, the same limit the CLI reads up to.
pub const MAX_FILE_SIZE: usize = 16 * 1024 * 1024;

/// One file as the page holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileIn {
    /// `/`-separated, relative to the cluster directory: `zk1/zoo.cfg`, `node1/etc/mesos/zk`.
    pub path: String,
    pub content: ContentIn,
    /// Named on its own (like `meslint notes.txt`) rather than found in the cluster directory:
    /// a file meslint does not know is then reported instead of skipped.
    pub explicit: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContentIn {
    Bytes(Vec<u8>),
    /// The caller could not read the file; the text says why.
    Unreadable(String),
    /// The caller found the file and did not read it (its name is none meslint reads); the
    /// text says why. Only its name counts: a `Dockerfile` beside `mesos-master/credentials`
    /// makes that folder a project folder rather than a flag directory.
    Skipped(String),
}

/// What a run targets and which diagnostics it keeps.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub zookeeper: Option<ZkVersion>,
    pub mesos: Option<MesosVersion>,
    /// Keep only diagnostics whose code starts with one of these (or whose rule has this name).
    pub select: Vec<String>,
    /// Then drop those whose code starts with one of these (or whose rule has this name).
    pub ignore: Vec<String>,
}

/// A caller's mistake: bad options or files. It becomes a JavaScript exception, never a panic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError(pub String);

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Options {
    /// Reads the version strings and rule selectors a caller gave, rejecting unknown ones.
    pub fn parse(
        zookeeper: Option<&str>,
        mesos: Option<&str>,
        select: Vec<String>,
        ignore: Vec<String>,
    ) -> Result<Options, InputError> {
        let zookeeper = zookeeper
            .map(|v| {
                v.parse::<ZkVersion>()
                    .map_err(|e| InputError(e.to_string()))
            })
            .transpose()?;
        let mesos = mesos
            .map(|v| {
                v.parse::<MesosVersion>()
                    .map_err(|e| InputError(e.to_string()))
            })
            .transpose()?;
        for selector in select.iter().chain(&ignore) {
            if !rules::ALL.iter().any(|r| selects(selector, r.code, r.name)) {
                return Err(InputError(format!(
                    "no rule has a code or name matching `{selector}`"
                )));
            }
        }
        Ok(Options {
            zookeeper,
            mesos,
            select,
            ignore,
        })
    }

    fn settings(&self) -> Settings {
        Settings {
            zookeeper: self.zookeeper.unwrap_or_default(),
            mesos: self.mesos.unwrap_or_default(),
            fixed: Fixed {
                zookeeper: self.zookeeper.is_some(),
                mesos: self.mesos.is_some(),
            },
            ..Settings::default()
        }
    }

    fn keeps(&self, code: &str, name: &str) -> bool {
        (self.select.is_empty() || self.select.iter().any(|s| selects(s, code, name)))
            && !self.ignore.iter().any(|s| selects(s, code, name))
    }
}

/// `ZK`, `ZK1`, `zk101` and `even_ensemble` all select ZK211 (even_ensemble).
fn selects(selector: &str, code: &str, name: &str) -> bool {
    let selector = selector.trim();
    !selector.is_empty()
        && (name == selector
            || code
                .get(..selector.len())
                .is_some_and(|prefix| prefix.eq_ignore_ascii_case(selector)))
}

/// The path as meslint shows it: `/` separators, no leading `./`. Empty paths are refused.
pub fn normalize_path(path: &str) -> Result<String, InputError> {
    let path = path.replace('\\', "/");
    let mut trimmed = path.as_str();
    while let Some(rest) = trimmed.strip_prefix("./") {
        trimmed = rest;
    }
    let trimmed = trimmed.trim_end_matches('/');
    if trimmed.is_empty() || trimmed == "." {
        return Err(InputError(format!("`{path}` is not a file path")));
    }
    if trimmed.contains('\0') {
        return Err(InputError("a file path holds a NUL character".to_owned()));
    }
    Ok(trimmed.to_owned())
}

/// Lints the files as one cluster, the way `meslint .` lints the directory that holds them.
pub fn run(files: &[FileIn], options: &Options) -> Report {
    let inputs = files
        .iter()
        .map(|file| {
            let content = match &file.content {
                ContentIn::Bytes(bytes) if bytes.len() > MAX_FILE_SIZE => {
                    InputContent::Unreadable(format!(
                        "file is {} bytes, larger than the {MAX_FILE_SIZE} bytes meslint reads",
                        bytes.len()
                    ))
                }
                ContentIn::Bytes(bytes) => InputContent::Bytes(bytes.clone()),
                ContentIn::Unreadable(why) => InputContent::Unreadable(why.clone()),
                ContentIn::Skipped(why) => InputContent::Skipped(why.clone()),
            };
            Input {
                path: file.path.clone(),
                content,
                explicit: file.explicit,
                // Files of the cluster directory are counted from its top, as `meslint .` does.
                root: (!file.explicit).then(String::new),
                project: false,
            }
        })
        .collect::<Vec<_>>();
    let mut inputs = inputs;
    // The CLI reads each path once; a page may hold two files under one name.
    meslint_core::sort::sort_by(&mut inputs, |a, b| a.path.cmp(&b.path));
    inputs.dedup_by(|a, b| a.path == b.path);
    let mut report = lint(inputs, &options.settings());
    report.diagnostics.retain(|d| options.keeps(d.code, d.name));
    report
}

/// The document `meslint --format json` prints, as a value, with `utf16_start` and
/// `utf16_end` added to every label: offsets into the file's text as the caller passed it.
pub fn json_report(files: &[FileIn], options: &Options) -> Value {
    let report = run(files, options);
    let document = json::JsonReport::new(&report, env!("CARGO_PKG_VERSION"));
    let mut value = serde_json::to_value(&document).unwrap_or(Value::Null);
    let mut texts: BTreeMap<&str, Utf16Index> = BTreeMap::new();
    for f in files {
        // The first file of a name is the one linted (see `run`).
        texts.entry(f.path.as_str()).or_insert_with(|| {
            Utf16Index::new(match &f.content {
                ContentIn::Bytes(bytes) => decode(bytes).0,
                ContentIn::Unreadable(_) | ContentIn::Skipped(_) => String::new(),
            })
        });
    }
    let Some(diagnostics) = value.get_mut("diagnostics").and_then(Value::as_array_mut) else {
        return value;
    };
    for (out, diagnostic) in diagnostics.iter_mut().zip(&report.diagnostics) {
        let Some(labels) = out.get_mut("labels").and_then(Value::as_array_mut) else {
            continue;
        };
        for (out, label) in labels.iter_mut().zip(&diagnostic.labels) {
            let path = report.sources.file(label.span.file).path();
            let (start, end) = texts.get(path).map_or((0, 0), |index| {
                (
                    index.offset(label.span.start as usize),
                    index.offset(label.span.end as usize),
                )
            });
            if let Some(object) = out.as_object_mut() {
                object.insert("utf16_start".to_owned(), start.into());
                object.insert("utf16_end".to_owned(), end.into());
            }
        }
    }
    value
}

/// The human report, as `meslint --color never` prints it.
pub fn text_report(files: &[FileIn], options: &Options) -> String {
    let report = run(files, options);
    human::render(&report, human::Style::default())
}

/// Each file's text with every secret meslint finds in it replaced by `*`, or `None` for a
/// file meslint does not read (it cannot tell what in it is secret). Of two files with one
/// path, the second is never read either.
pub fn masked(files: &[FileIn]) -> Vec<(String, Option<String>)> {
    let report = run(files, &Options::default());
    let read: BTreeMap<&str, &str> = report
        .sources
        .files()
        .map(|(_, f)| (f.path(), f.text()))
        .collect_map();
    let mut seen = std::collections::BTreeSet::new();
    files
        .iter()
        .map(|f| {
            let first = seen.insert(f.path.as_str());
            let text = read
                .get(f.path.as_str())
                .filter(|_| first)
                .map(|t| (*t).to_owned());
            (f.path.clone(), text)
        })
        .collect()
}

/// Turns byte offsets into a text into UTF-16 offsets, one line at a time.
struct Utf16Index {
    text: String,
    /// (byte offset, UTF-16 offset) of the start of every line.
    lines: Vec<(usize, usize)>,
}

impl Utf16Index {
    fn new(text: String) -> Self {
        let mut lines = vec![(0, 0)];
        let mut units = 0;
        for (i, c) in text.char_indices() {
            units += c.len_utf16();
            if c == '\n' {
                lines.push((i + 1, units));
            }
        }
        Utf16Index { text, lines }
    }

    fn offset(&self, byte: usize) -> usize {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        let line = self.lines.partition_point(|(start, _)| *start <= byte) - 1;
        let (start, units) = self.lines[line];
        units + self.text[start..byte].encode_utf16().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_offsets_count_surrogate_pairs() {
        let index = Utf16Index::new("a😀b\néc".to_owned());
        assert_eq!(index.offset(0), 0);
        assert_eq!(index.offset(1), 1);
        assert_eq!(
            index.offset(5),
            3,
            "the emoji is four bytes, two UTF-16 units"
        );
        assert_eq!(index.offset(3), 1, "inside a character: its start");
        assert_eq!(index.offset(7), 5, "after the line end");
        assert_eq!(index.offset(9), 6);
        assert_eq!(index.offset(99), 7);
    }

    #[test]
    fn selectors_match_code_prefixes_and_names() {
        assert!(selects("ZK", "ZK211", "even_ensemble"));
        assert!(selects("zk2", "ZK211", "even_ensemble"));
        assert!(selects("even_ensemble", "ZK211", "even_ensemble"));
        assert!(!selects("ZK3", "ZK211", "even_ensemble"));
        assert!(!selects("", "ZK211", "even_ensemble"));
        assert!(Options::parse(None, None, vec!["QQ".into()], vec![]).is_err());
        assert!(Options::parse(Some("3.10"), None, vec![], vec![]).is_err());
        assert!(Options::parse(Some("3.4"), Some("1.0"), vec!["CX".into()], vec![]).is_ok());
    }

    #[test]
    fn paths_are_normalized() {
        assert_eq!(
            normalize_path("./zk1/zoo.cfg").as_deref(),
            Ok("zk1/zoo.cfg")
        );
        assert_eq!(normalize_path("zk1\\myid").as_deref(), Ok("zk1/myid"));
        assert!(normalize_path("./").is_err());
        assert!(normalize_path("").is_err());
    }
}
