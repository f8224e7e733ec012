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
pub mod settings;
pub mod source;
pub mod template;
pub mod version;

pub use diagnostic::{Diagnostic, Finding, Label, Severity};
pub use report::Report;
pub use settings::Settings;
pub use source::{FileId, SourceMap, Span, Spanned};
pub use version::{MesosVersion, ZkVersion};

use rules::input::binary_file::BINARY_FILE;
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
}

/// Lints a set of files as one cluster.
pub fn lint(inputs: Vec<Input>, settings: &Settings) -> Report {
    let mut inputs = inputs;
    inputs.sort_by(|a, b| a.path.cmp(&b.path));
    let mut sources = SourceMap::new();
    let mut diagnostics = Vec::new();
    let mut files = Vec::new();
    let mut roots: Vec<Option<&str>> = Vec::new();
    for input in &inputs {
        match &input.content {
            InputContent::Bytes(bytes) => {
                let (text, _) = source::decode(bytes);
                let kind = layout::detect(&input.path, &text, input.explicit);
                if kind == layout::FileKind::Other && !input.explicit {
                    // Found while walking and not configuration after all: not part of the run.
                    continue;
                }
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
            InputContent::Unreadable(why) => {
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
    for secret in sink.secrets {
        sources.redact(secret);
    }
    let context = rules::Context {
        cluster: &model,
        settings,
    };
    diagnostics.extend(rules::run(&context));
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
    once_per_ensemble(&mut diagnostics);
    Report {
        sources,
        diagnostics,
        model,
        settings: settings.clone(),
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
