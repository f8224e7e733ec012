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
pub mod clusters;
pub mod diagnostic;
pub mod layout;
pub mod model;
pub mod net;
pub mod parse;
pub mod policy;
pub mod project;
pub mod render;
pub mod report;
pub mod rules;
pub mod secrets;
pub mod settings;
pub mod sort;
pub mod source;
pub mod template;
pub mod version;

pub use diagnostic::{Diagnostic, Finding, Label, Severity};
pub use report::{FileOutcome, FileStatus, Report};
pub use settings::Settings;
pub use source::{FileId, SourceMap, Span, Spanned};
pub use version::{MesosVersion, ZkVersion};

use crate::sort::CollectSorted;
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
    /// True for the run's `meslint.toml` whatever its name (`--config FILE`, or one found
    /// above the linted directory).
    pub project: bool,
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
            project: false,
        }
    }

    /// The run's `meslint.toml`, under any name.
    pub fn project(path: impl Into<String>, bytes: Vec<u8>) -> Self {
        Input {
            project: true,
            ..Input::file(path, bytes)
        }
    }

    pub fn unreadable(path: impl Into<String>, why: impl Into<String>) -> Self {
        Input {
            path: path.into(),
            content: InputContent::Unreadable(why.into()),
            explicit: false,
            root: None,
            project: false,
        }
    }

    pub fn skipped(path: impl Into<String>, why: impl Into<String>) -> Self {
        Input {
            path: path.into(),
            content: InputContent::Skipped(why.into()),
            explicit: false,
            root: None,
            project: false,
        }
    }

    pub fn link_outside_root(path: impl Into<String>, target: impl Into<String>) -> Self {
        Input {
            path: path.into(),
            content: InputContent::LinkOutsideRoot(target.into()),
            explicit: false,
            root: None,
            project: false,
        }
    }
}

/// Adds the findings of `meslint --probe` to a linted report: what the running cluster
/// answered ([`model::live::Live`], collected by the caller along [`model::live::Plan::of`])
/// checked against the report's model by the `PR` rules. They pass through the run's policy
/// with the lint findings, as if the rules had run in [`lint`]: selection, severities,
/// `[per-path]` and inline suppressions (an `ignore[PR001]` comment is used, not unused) and
/// the baseline.
pub fn probe_report(report: &mut Report, live: &model::live::Live) {
    let context = rules::Context::new(&report.model, &report.settings).with_live(live);
    let mut diagnostics = report.unfiltered.diagnostics.clone();
    diagnostics.extend(rules::run_live(&context));
    crate::sort::sort_by(&mut diagnostics, |a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
    let diagnostics = merge_repeats(diagnostics);
    report.diagnostics = reported(
        diagnostics,
        &report.settings,
        &report.sources,
        &report.unfiltered,
    );
}

/// Selection, severities and suppressions: the one place every diagnostic passes through, once
/// the rules of every cluster have run.
fn reported(
    diagnostics: Vec<Diagnostic>,
    settings: &Settings,
    sources: &SourceMap,
    unfiltered: &report::Unfiltered,
) -> Vec<Diagnostic> {
    let mut policy = policy::Policy::new(
        &settings.project.rules,
        &unfiltered.cluster_rules,
        sources,
        &unfiltered.files,
        &settings.baseline,
    );
    let mut diagnostics: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter_map(|d| policy.apply(d))
        .collect();
    diagnostics.extend(policy.unused());
    crate::sort::sort_by(&mut diagnostics, |a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics
}

/// The paths of the files compose files among `inputs` name in `env_file:`, and scripts in
/// `docker run --env-file`, each relative to the naming file's directory.
fn compose_env_files(inputs: &[Input]) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    for input in inputs {
        let InputContent::Bytes(bytes) = &input.content else {
            continue;
        };
        let yaml = input.path.ends_with(".yml") || input.path.ends_with(".yaml");
        let needle: &[u8] = if yaml { b"env_file" } else { b"--env-file" };
        if !bytes.windows(needle.len()).any(|w| w == needle) {
            continue;
        }
        let (text, _) = source::decode(bytes);
        let mut scratch = SourceMap::new();
        let file = scratch.add(&input.path, text.as_bytes());
        let named = if yaml {
            parse::compose::env_files_named(file, &text)
        } else {
            parse::docker_run::env_files_named(file, &text)
        };
        for named in named {
            out.insert(layout::relative_to(&input.path, &named));
        }
    }
    out
}

/// The paths that may be the env files units and scripts among `inputs` read
/// (`EnvironmentFile=/etc/default/mesos-master`, `. ./env.sh`): the named path inside any
/// directory above the file, and a file of that name beside it. A walker reads these whatever
/// their names.
pub fn sourced_env_files(inputs: &[Input]) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    for input in inputs {
        let InputContent::Bytes(bytes) = &input.content else {
            continue;
        };
        let reads = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
        if !(reads(b"EnvironmentFile=") || reads(b"source ") || reads(b". ")) {
            continue;
        }
        let (text, _) = source::decode(bytes);
        let mut scratch = SourceMap::new();
        let file = scratch.add(&input.path, text.as_bytes());
        let dir = layout::parent_dir(&input.path);
        for named in parse::mesos_cmdline::env_files_named(file, &text) {
            let name = named.rsplit('/').next().unwrap_or(&named);
            out.insert(layout::relative_to(&input.path, name));
            match named.strip_prefix('/') {
                Some(inside) => {
                    let mut at = dir;
                    loop {
                        out.insert(if at.is_empty() {
                            inside.to_owned()
                        } else {
                            format!("{at}/{inside}")
                        });
                        match at.rsplit_once('/') {
                            Some((up, _)) => at = up,
                            None if !at.is_empty() => at = "",
                            None => break,
                        }
                    }
                }
                None => {
                    out.insert(layout::relative_to(&input.path, &named));
                }
            }
        }
    }
    out
}

/// Lints a set of files as one cluster.
pub fn lint(inputs: Vec<Input>, settings: &Settings) -> Report {
    let mut inputs = inputs;
    crate::sort::sort_by(&mut inputs, |a, b| a.path.cmp(&b.path));
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
    // Files a compose service names in `env_file:` (or a `docker run` in `--env-file`) hold
    // that container's variables.
    let env_files = compose_env_files(&inputs);
    // Files a unit or script reads its variables from, whatever their name says.
    let sourced = sourced_env_files(&inputs);
    // `mesos-master/` folders outside an `etc/` that hold a Dockerfile or a script: their
    // files are the project's, not flag files.
    let project_folders = layout::project_folders(inputs.iter().map(|i| i.path.as_str()));
    // A template next to its rendered copy: the copy is what the daemon reads.
    let readable: std::collections::BTreeSet<&str> = inputs
        .iter()
        .filter(|i| matches!(i.content, InputContent::Bytes(_)))
        .map(|i| i.path.as_str())
        .collect_set();
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
                if let Some(rendered) = layout::rendered_path(&input.path)
                    && readable.contains(rendered)
                {
                    outcome(
                        &input.path,
                        FileStatus::Skipped(format!(
                            "the template of `{rendered}`, which is read instead"
                        )),
                    );
                    continue;
                }
                let (text, _) = source::decode(bytes);
                let kind = if input.project {
                    layout::FileKind::Project
                } else if env_files.contains(input.path.as_str()) {
                    layout::FileKind::EnvFile
                } else {
                    match layout::detect(&input.path, &text, input.explicit) {
                        layout::FileKind::Other if sourced.contains(input.path.as_str()) => {
                            layout::FileKind::EnvFile
                        }
                        layout::FileKind::MesosFlagFile { .. }
                            if !input.explicit
                                && project_folders.contains(layout::parent_dir(&input.path)) =>
                        {
                            outcome(
                                &input.path,
                                FileStatus::Skipped(
                                    "a file of a project folder, not a flag file of `/etc`".into(),
                                ),
                            );
                            continue;
                        }
                        kind => kind,
                    }
                };
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
                if kind != layout::FileKind::Project {
                    // meslint.toml may sit above the cluster; hosts are counted from the cluster.
                    roots.push(input.root.as_deref());
                }
                files.push((file, kind));
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
        let ranges = if secrets::is_secret_file(file.path()) {
            secrets::whole_lines(file.text())
        } else {
            secrets::secret_values(file.text())
        };
        for range in ranges {
            sink.secret(Span::new(id, range.start, range.end));
        }
    }
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
        layout::common_host_dir(
            files
                .iter()
                .filter(|(_, kind)| *kind != layout::FileKind::Project)
                .map(|(id, _)| sources.file(*id).path()),
        )
    };
    let rel = |id: FileId| layout::strip_dir(sources.file(id).path(), &root).to_owned();
    let codes: Vec<&str> = rules::ALL.iter().map(|r| r.code).collect();
    let projects: Vec<(FileId, project::Project)> = files
        .iter()
        .filter(|(_, kind)| *kind == layout::FileKind::Project)
        .map(|(id, _)| {
            let (mut project, problems) = project::parse(*id, sources.file(*id).text(), &codes);
            project
                .rules
                .set_base_dir(parent_dir(sources.file(*id).path()));
            input_problems.extend(problems.into_iter().map(InputProblem::Project));
            (*id, project)
        })
        .collect();
    // The run's own configuration (`--config`, or one found above the linted path) applies to
    // the whole tree; it marks no sub-cluster.
    let is_run_config = |id: FileId| {
        inputs
            .iter()
            .any(|i| i.project && i.path == sources.file(id).path())
    };
    let project_roots = clusters::project_roots(
        &root,
        projects
            .iter()
            .filter(|(id, _)| !is_run_config(*id))
            .map(|(id, _)| sources.file(*id).path()),
    );
    let no_split = clusters::Split::default();
    let group_of = |id: FileId, split: &clusters::Split| {
        clusters::group_of(id, &rel(id), &project_roots, split)
    };
    // The settings of the whole tree: command line, then the meslint.toml files of no
    // sub-cluster.
    let mut top_settings = settings.clone();
    for (id, project) in &projects {
        if is_run_config(*id) || group_of(*id, &no_split).is_empty() {
            top_settings = top_settings.with_project(project.clone());
        }
    }
    // Without a meslint.toml of their own, sets of hosts are clusters when their ensembles are
    // disjoint: build the rest once to see.
    let rest: Vec<(FileId, layout::FileKind)> = files
        .iter()
        .filter(|(id, _)| group_of(*id, &no_split).is_empty())
        .cloned()
        .collect();
    let split = if rest.is_empty() {
        no_split.clone()
    } else {
        let trial = assemble::cluster(
            &sources,
            &rest,
            &root,
            &top_settings,
            &mut parse::Sink::default(),
        );
        clusters::split(&trial, rel)
    };
    let mut groups: std::collections::BTreeMap<String, Vec<(FileId, layout::FileKind)>> =
        std::collections::BTreeMap::new();
    for (id, kind) in &files {
        groups
            .entry(group_of(*id, &split))
            .or_default()
            .push((*id, kind.clone()));
    }
    let mut built = Vec::new();
    // The rule selection of each cluster with a meslint.toml of its own, by its directory.
    let mut cluster_rules = Vec::new();
    for (group, group_files) in &groups {
        let group_root = match (root.as_str(), group.as_str()) {
            (r, "") => r.to_owned(),
            ("", g) => g.to_owned(),
            (r, g) => format!("{r}/{g}"),
        };
        let mut group_settings = top_settings.clone();
        for (id, project) in &projects {
            if group_of(*id, &split) == *group && !group.is_empty() && !is_run_config(*id) {
                // The cluster's own meslint.toml adds to the tree's.
                let top = &top_settings.project;
                let mut own = project.clone();
                own.masters = own.masters.or(top.masters);
                let mut hosts = top.hosts.clone();
                hosts.extend(own.hosts);
                own.hosts = hosts;
                own.rules = top.rules.within(&project.rules);
                cluster_rules.push((group_root.clone(), own.rules.clone()));
                group_settings = group_settings.with_project(own);
            }
        }
        let cluster = assemble::cluster(
            &sources,
            group_files,
            &group_root,
            &group_settings,
            &mut sink,
        );
        let group_files: Vec<FileId> = group_files.iter().map(|(id, _)| *id).collect();
        built.push((group.clone(), cluster, group_settings, group_files));
    }
    for secret in std::mem::take(&mut sink.secrets) {
        sources.redact(secret);
    }
    // The inputs are reported once, with the first cluster (or alone when no file was read).
    if built.is_empty() {
        built.push((
            String::new(),
            model::Cluster::default(),
            top_settings.clone(),
            Vec::new(),
        ));
    }
    if let Some((_, cluster, _, _)) = built.first_mut() {
        cluster.problems.inputs = input_problems;
    }
    let mut diagnostics = Vec::new();
    let mut model = model::Cluster::default();
    let mut cluster_infos = Vec::new();
    for (group, cluster, group_settings, group_files) in built {
        let context = rules::Context::new(&cluster, &group_settings);
        diagnostics.extend(rules::run(&context));
        // One model for `show` and `report`: hosts named with their cluster's directory.
        let mut info = report::ClusterInfo {
            root: group,
            hosts: Vec::new(),
            settings: group_settings,
            files: group_files,
        };
        for mut host in cluster.hosts {
            host.name = info.host_name(&host.name);
            info.hosts.push(host_info(&host, &sources));
            model.hosts.push(host);
        }
        if !info.hosts.is_empty() {
            cluster_infos.push(info);
        }
    }
    crate::sort::sort_by(&mut model.hosts, |a, b| a.name.cmp(&b.name));
    let settings = &top_settings;
    crate::sort::sort_by(&mut diagnostics, |a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
    let diagnostics = merge_repeats(diagnostics);
    let unfiltered = report::Unfiltered {
        diagnostics: diagnostics.clone(),
        files,
        cluster_rules,
    };
    Report {
        diagnostics: reported(diagnostics, settings, &sources, &unfiltered),
        sources,
        model,
        settings: settings.clone(),
        files: outcomes,
        clusters: cluster_infos,
        unfiltered,
    }
}

/// What runs on a host and which file says so.
fn host_info(host: &model::Host, sources: &SourceMap) -> report::HostInfo {
    let mut roles = Vec::new();
    for server in &host.zookeeper {
        roles.push(report::RoleInfo {
            role: "zookeeper",
            file: sources.file(server.config.file).path().to_owned(),
        });
    }
    for process in &host.mesos {
        let mut files: Vec<&str> = process
            .sources
            .iter()
            .map(|s| sources.file(s.file).path())
            .collect();
        crate::sort::sort(&mut files);
        files.dedup();
        for file in files {
            roles.push(report::RoleInfo {
                role: process.role.as_str(),
                file: file.to_owned(),
            });
        }
    }
    report::HostInfo {
        name: host.name.clone(),
        roles,
    }
}

/// `cluster` for `cluster/meslint.toml`, `` for `meslint.toml`.
fn parent_dir(path: &str) -> &str {
    path.rfind('/').map_or("", |at| &path[..at])
}

/// One mistake, one diagnostic: the same finding (code, severity, message and help, which name
/// the value at fault) written on several hosts, as a setup guide copied to every machine
/// leaves it, becomes one diagnostic with the labels of every place it is written. Grouped in
/// a map, in the sorted order, so the result stays sorted by each group's first place.
pub(crate) fn merge_repeats(diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    type Key = (&'static str, Severity, String, Option<String>);
    let mut first: std::collections::BTreeMap<Key, usize> = std::collections::BTreeMap::new();
    let mut merged: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len());
    for diagnostic in diagnostics {
        let key = (
            diagnostic.code,
            diagnostic.severity,
            diagnostic.message.clone(),
            diagnostic.help.clone(),
        );
        match first.get(&key) {
            Some(&at) => {
                let target = &mut merged[at];
                for label in diagnostic.labels {
                    if !target.labels.contains(&label) {
                        target.labels.push(label);
                    }
                }
            }
            None => {
                first.insert(key, merged.len());
                merged.push(diagnostic);
            }
        }
    }
    merged
}
