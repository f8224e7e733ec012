//! meslint's core: parsers for ZooKeeper and Mesos configuration, a whole-cluster model, the
//! rules that check it, and the renderers that show what they found.
//!
//! The core performs no IO. Callers (the `meslint` CLI, the browser module) read files and hand
//! them over as [`Input`]s; [`lint`] always returns a [`Report`], whatever the bytes hold.
//!
//! ```
//! use meslint_core::{lint, Input, Settings};
//!
//! let report = lint(
//!     vec![Input::file("zk1/zoo.cfg", b"dataDir=/var/lib/zookeeper\nclientPort=2181\n".to_vec())],
//!     &Settings::default(),
//! );
//! assert!(report.diagnostics.iter().all(|d| d.severity != meslint_core::Severity::Error));
//! ```

mod assemble;
pub mod catalog;
pub mod diagnostic;
pub mod layout;
pub mod model;
pub mod net;
pub mod parse;
pub mod project;
pub mod render;
pub mod report;
pub mod rules;
pub mod secrets;
pub mod settings;
pub mod source;
pub mod template;
pub mod version;

pub use diagnostic::{Diagnostic, Finding, Label, Severity};
pub use report::{FileOutcome, FileStatus, Report};
pub use settings::Settings;
pub use source::{FileId, SourceMap, Span, Spanned};
pub use version::{MesosVersion, ZkVersion};

use rules::input::binary_file::BINARY_FILE;
use rules::input::link_outside_root::LINK_OUTSIDE_ROOT;
use rules::input::template_file::TEMPLATE_FILE;
use rules::input::unreadable_file::UNREADABLE_FILE;
use rules::input::unrecognized_file::UNRECOGNIZED_FILE;

/// One file handed to meslint by its caller.
#[derive(Clone, Debug)]
pub struct Input {
    /// The path as the user should see it, relative to where they ran meslint.
    pub path: String,
    pub content: InputContent,
    /// True when the user named this file itself rather than a directory holding it.
    pub explicit: bool,
    /// The directory the user named that holds this file (`config` for `config/zk1/zoo.cfg`
    /// found by `meslint config`); host directories are counted from there.
    pub root: Option<String>,
}

/// What the caller could get of a file.
#[derive(Clone, Debug)]
pub enum InputContent {
    Bytes(Vec<u8>),
    /// The caller could not read it; the text says why (`permission denied`, `is a FIFO`, ...).
    Unreadable(String),
    /// The caller found the file and did not read it, for the reason given (`not a file meslint
    /// reads`, `excluded by --exclude '*.bak'`): counted, never linted.
    Skipped(String),
    /// A symbolic link whose target (given) lies outside the directory being linted: never
    /// read, because it would check the reading machine's files instead of the tree's.
    LinkOutsideRoot(String),
}

impl Input {
    pub fn file(path: impl Into<String>, bytes: Vec<u8>) -> Self {
        Input {
            path: path.into(),
            content: InputContent::Bytes(bytes),
            explicit: false,
            root: None,
        }
    }

    pub fn unreadable(path: impl Into<String>, why: impl Into<String>) -> Self {
        Input {
            path: path.into(),
            content: InputContent::Unreadable(why.into()),
            explicit: false,
            root: None,
        }
    }

    pub fn skipped(path: impl Into<String>, why: impl Into<String>) -> Self {
        Input {
            path: path.into(),
            content: InputContent::Skipped(why.into()),
            explicit: false,
            root: None,
        }
    }

    pub fn link_outside_root(path: impl Into<String>, target: impl Into<String>) -> Self {
        Input {
            path: path.into(),
            content: InputContent::LinkOutsideRoot(target.into()),
            explicit: false,
            root: None,
        }
    }
}

/// Lints a set of files as one cluster.
pub fn lint(inputs: Vec<Input>, settings: &Settings) -> Report {
    let mut inputs = inputs;
    inputs.sort_by(|a, b| a.path.cmp(&b.path));
    let mut sources = SourceMap::new();
    let mut diagnostics = Vec::new();
    let mut files = Vec::new();
    let mut roots: Vec<Option<&str>> = Vec::new();
    let mut outcomes = Vec::new();
    let mut outcome = |path: &str, status: FileStatus| {
        outcomes.push(FileOutcome {
            path: path.to_owned(),
            status,
        });
    };
    for input in &inputs {
        match &input.content {
            InputContent::Bytes(bytes) => {
                if !input.explicit
                    && let Some(why) = layout::not_live(&input.path)
                {
                    outcome(&input.path, FileStatus::Skipped(why.to_owned()));
                    continue;
                }
                let (text, _) = source::decode(bytes);
                let kind = layout::detect(&input.path, &text, input.explicit);
                if kind == layout::FileKind::Other && !input.explicit {
                    // Found while walking and not configuration after all: not part of the run.
                    outcome(
                        &input.path,
                        FileStatus::Skipped(
                            "its text is not ZooKeeper or Mesos configuration".into(),
                        ),
                    );
                    continue;
                }
                let status = if bytes.contains(&0) {
                    FileStatus::Skipped("binary data".into())
                } else if kind == layout::FileKind::Other {
                    FileStatus::Skipped("not a ZooKeeper or Mesos file meslint knows".into())
                } else if layout::holds_settings(&kind, &text) {
                    FileStatus::Read
                } else {
                    FileStatus::NoSettings
                };
                outcome(&input.path, status);
                let id = sources.add(&input.path, bytes);
                if bytes.contains(&0) {
                    diagnostics.push(
                        BINARY_FILE.report(
                            Finding::new(format!("`{}` holds binary data", input.path))
                                .primary(Span::point(id, 0), "binary file")
                                .help("replace it with the intended text configuration"),
                        ),
                    );
                    continue;
                }
                if kind == layout::FileKind::Other {
                    diagnostics.push(UNRECOGNIZED_FILE.report(
                        Finding::new(format!(
                            "`{}` is not a ZooKeeper or Mesos file meslint knows",
                            input.path
                        ))
                        .primary(Span::point(id, 0), "not checked")
                        .help("name it after its kind (`zoo.cfg`, `myid`, `mesos-master.env`, ...)"),
                    ));
                    continue;
                }
                if kind != layout::FileKind::Project && template::is_template(&text) {
                    let first_line = template::first_template_line(&text)
                        .or_else(|| sources.file(id).line_range(1))
                        .unwrap_or(0..0);
                    diagnostics.push(
                        TEMPLATE_FILE.report(
                            Finding::new(format!(
                                "`{}` is a template: values behind placeholders are not checked",
                                input.path
                            ))
                            .primary(Span::new(id, first_line.start, first_line.end), "template")
                            .help("lint the rendered files too for a complete check"),
                        ),
                    );
                }
                files.push((id, kind));
                roots.push(input.root.as_deref());
            }
            InputContent::Skipped(why) => outcome(&input.path, FileStatus::Skipped(why.clone())),
            InputContent::LinkOutsideRoot(target) => {
                outcome(
                    &input.path,
                    FileStatus::Skipped(format!("symbolic link out of the tree, to `{target}`")),
                );
                let id = sources.add(&input.path, b"");
                diagnostics.push(
                    LINK_OUTSIDE_ROOT.report(
                        Finding::new(format!(
                            "`{}` links to `{target}`, outside the tree: not read",
                            input.path
                        ))
                        .primary(Span::point(id, 0), "link out of the tree")
                        .help(
                            "copy what it points to into the tree, or pass --follow-links \
                             to read it from this machine",
                        ),
                    ),
                );
            }
            InputContent::Unreadable(why) => {
                outcome(&input.path, FileStatus::Skipped(why.clone()));
                let id = sources.add(&input.path, b"");
                diagnostics.push(
                    UNREADABLE_FILE.report(
                        Finding::new(format!("cannot read `{}`: {why}", input.path))
                            .primary(Span::point(id, 0), why.clone()),
                    ),
                );
            }
        }
    }
    let mut sink = parse::Sink::default();
    // Mutually exclusive template branches are one setting: parsers read the first only.
    let branchy: Vec<(FileId, String)> = sources
        .files()
        .filter_map(|(id, file)| template::first_branches_only(file.text()).map(|t| (id, t)))
        .collect();
    for (id, config) in branchy {
        sources.set_config_text(id, config);
    }
    // Any line a snippet shows may sit next to a secret: mask secret-looking values everywhere.
    for (id, file) in sources.files() {
        for range in secrets::secret_values(file.text()) {
            sink.secret(Span::new(id, range.start, range.end));
        }
    }
    let mut settings = settings.clone();
    for (id, kind) in &files {
        if *kind == layout::FileKind::Project {
            let project = project::parse(*id, sources.file(*id).text(), &mut sink);
            settings = settings.with_project(project);
        }
    }
    let settings = &settings;
    // Hosts are counted from the directories the user named; without them, from the deepest
    // directory all files share.
    let root = if !roots.is_empty() && roots.iter().all(Option::is_some) {
        layout::common_dir(
            roots
                .iter()
                .flatten()
                .map(|r| format!("{r}/-"))
                .collect::<Vec<_>>()
                .iter()
                .map(String::as_str),
        )
    } else {
        layout::common_host_dir(files.iter().map(|(id, _)| sources.file(*id).path()))
    };
    let model = assemble::cluster(&sources, &files, &root, settings, &mut sink);
    diagnostics.append(&mut sink.diagnostics);
    for secret in std::mem::take(&mut sink.secrets) {
        sources.redact(secret);
    }
    let context = rules::Context {
        cluster: &model,
        settings,
    };
    diagnostics.extend(rules::run(&context));
    point_at_uses(&mut diagnostics, &sink.resolved);
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
    once_per_ensemble(&mut diagnostics);
    Report {
        sources,
        diagnostics,
        model,
        settings: settings.clone(),
        files: outcomes,
    }
}

/// A finding about a value a script took from a variable points at the assignment (where to
/// fix); it also points at the place that uses the variable, so both are seen.
fn point_at_uses(diagnostics: &mut [Diagnostic], resolved: &[(Span, Span)]) {
    if resolved.is_empty() {
        return;
    }
    let mut uses: std::collections::BTreeMap<Span, Vec<Span>> = std::collections::BTreeMap::new();
    for (assignment, used) in resolved {
        uses.entry(*assignment).or_default().push(*used);
    }
    for diagnostic in diagnostics {
        let mut added = Vec::new();
        for label in &diagnostic.labels {
            for (assignment, used) in &uses {
                let inside = assignment.file == label.span.file
                    && assignment.start <= label.span.start
                    && label.span.end <= assignment.end;
                if !inside {
                    continue;
                }
                for used in used {
                    let shown = diagnostic
                        .labels
                        .iter()
                        .chain(&added)
                        .any(|l: &Label| l.span == *used);
                    if !shown {
                        added.push(Label {
                            span: *used,
                            message: "the value is used here".to_owned(),
                            primary: false,
                        });
                    }
                }
            }
        }
        diagnostic.labels.extend(added);
    }
}

/// Rules about the size and make-up of the ensemble fire on every server whose zoo.cfg lists
/// it; the same finding from several hosts is one fact, reported once (on the first file).
const ENSEMBLE_WIDE: &[&str] = &["ZK209", "ZK210", "ZK211", "ZK212"];

fn once_per_ensemble(diagnostics: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::BTreeSet::new();
    diagnostics
        .retain(|d| !ENSEMBLE_WIDE.contains(&d.code) || seen.insert((d.code, d.message.clone())));
}
