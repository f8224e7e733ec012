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

use model::problems::InputProblem;

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
    let mut input_problems = Vec::new();
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
        let path = input.path.clone();
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
                let file = sources.add(&input.path, bytes);
                if bytes.contains(&0) {
                    input_problems.push(InputProblem::Binary { file, path });
                    continue;
                }
                if kind == layout::FileKind::Other {
                    input_problems.push(InputProblem::Unrecognized { file, path });
                    continue;
                }
                if kind != layout::FileKind::Project && template::is_template(&text) {
                    let first_line = template::first_template_line(&text)
                        .or_else(|| sources.file(file).line_range(1))
                        .unwrap_or(0..0);
                    input_problems.push(InputProblem::Template {
                        line: Span::new(file, first_line.start, first_line.end),
                        path,
                    });
                }
                files.push((file, kind));
                roots.push(input.root.as_deref());
            }
            InputContent::Skipped(why) => outcome(&input.path, FileStatus::Skipped(why.clone())),
            InputContent::LinkOutsideRoot(target) => {
                outcome(
                    &input.path,
                    FileStatus::Skipped(format!("symbolic link out of the tree, to `{target}`")),
                );
                let file = sources.add(&input.path, b"");
                input_problems.push(InputProblem::LinkOutsideRoot {
                    file,
                    path,
                    target: target.clone(),
                });
            }
            InputContent::Unreadable(why) => {
                outcome(&input.path, FileStatus::Skipped(why.clone()));
                let file = sources.add(&input.path, b"");
                input_problems.push(InputProblem::Unreadable {
                    file,
                    path,
                    why: why.clone(),
                });
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
            let (project, problems) = project::parse(*id, sources.file(*id).text());
            input_problems.extend(problems.into_iter().map(InputProblem::Project));
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
    let mut model = assemble::cluster(&sources, &files, &root, settings, &mut sink);
    model.problems.inputs = input_problems;
    model.value_uses = std::mem::take(&mut sink.resolved);
    for secret in sink.secrets {
        sources.redact(secret);
    }
    let context = rules::Context::new(&model, settings);
    let mut diagnostics = rules::run(&context);
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
    Report {
        sources,
        diagnostics,
        model,
        settings: settings.clone(),
        files: outcomes,
    }
}
