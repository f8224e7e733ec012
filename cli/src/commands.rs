//! What each subcommand does, from parsed arguments to the text it prints and its exit status.

use std::collections::BTreeSet;
use std::io::IsTerminal;

use clap::CommandFactory;

use meslint_core::render::{
    checkstyle, clusters, concise, github, gitlab, human, json, junit, overview, sarif,
};
use meslint_core::settings::Fixed;
use meslint_core::{FileStatus, Input, InputContent, Settings, layout, lint, rules};

use crate::args::{Args, CheckArgs, Color, Command, Format};
use crate::{probe, walk};

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The exit status of a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// No errors (warnings and infos may have been printed).
    Clean = 0,
    /// At least one error was found in the configuration.
    Errors = 1,
    /// meslint itself could not do its job: bad arguments or unreadable input.
    Failure = 2,
}

/// What to print, where, and how to exit.
pub struct Output {
    pub text: String,
    pub status: Status,
    /// `--output-file`: write the text there instead of to standard output.
    pub file: Option<std::path::PathBuf>,
}

impl Output {
    fn stdout(text: String, status: Status) -> Self {
        Output {
            text,
            status,
            file: None,
        }
    }
}

/// meslint's own failures, as opposed to problems in the configuration it reads.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no rule has the code or name `{0}`; `meslint rules` lists them")]
    UnknownRule(String),
    #[error("no host is called `{0}`; the hosts are: {1}")]
    UnknownHost(String, String),
    #[error("`meslint {0}` prints `--format human` or `--format json`")]
    FormatNotSupported(&'static str),
    #[error("{0}")]
    Io(String),
    #[error("{0}")]
    Usage(String),
    #[error("`{0}` holds no file meslint reads ({1} skipped; --verbose lists them){2}")]
    NothingToRead(String, usize, String),
}

pub fn run(args: Args) -> Result<Output, Error> {
    match args.command {
        None => check(&args.check),
        Some(Command::Check(check_args)) => check(&check_args),
        Some(Command::Report(check_args)) => report(&check_args),
        Some(Command::Show {
            host,
            clusters: true,
            mut args,
        }) => {
            // `show --clusters repo/`: the first word is a path, not a host.
            if let Some(path) = host {
                let given_paths = args.paths != [std::path::PathBuf::from(".")];
                if !given_paths {
                    args.paths.clear();
                }
                args.paths.insert(0, path.into());
            }
            show_clusters(&args)
        }
        Some(Command::Show { host, args, .. }) => show(host.as_deref().unwrap_or_default(), &args),
        Some(Command::Rules) => Ok(list_rules()),
        Some(Command::Explain { rule }) => explain(&rule),
        Some(Command::Completions { shell }) => Ok(completions(shell)),
        Some(Command::Man) => man(),
    }
}

/// Reads the paths and lints them; every subcommand that looks at a cluster starts here.
fn lint_paths(args: &CheckArgs) -> Result<(meslint_core::Report, Settings), Error> {
    let (report, _) = lint_and_probe(args, None)?;
    let settings = report.settings.clone();
    Ok((report, settings))
}

/// Lints the paths and, with `limits`, probes the running cluster; the probe's findings pass
/// through the same policy, the changed-file filter and `--write-baseline` as the others.
fn lint_and_probe(
    args: &CheckArgs,
    limits: Option<probe::Limits>,
) -> Result<(meslint_core::Report, Option<probe::Results>), Error> {
    let baseline = match (&args.baseline, &args.write_baseline) {
        // A new baseline records every finding, whatever an old one accepted.
        (Some(path), None) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::Io(format!("cannot read `{}`: {e}", path.display())))?;
            meslint_core::policy::read_baseline(&text).map_err(|e| {
                Error::Io(format!(
                    "`{}` is not a meslint baseline: {e}",
                    path.display()
                ))
            })?
        }
        _ => Default::default(),
    };
    let settings = Settings {
        zookeeper: args.zookeeper_version.unwrap_or_default(),
        mesos: args.mesos_version.unwrap_or_default(),
        fixed: Fixed {
            zookeeper: args.zookeeper_version.is_some(),
            mesos: args.mesos_version.is_some(),
        },
        baseline,
        ..Settings::default()
    };
    let options = walk::Options {
        no_ignore: args.no_ignore,
        follow_links: args.follow_links,
        exclude: args.exclude.clone(),
        // An unreadable `--config` is reported when it is read as the run's configuration.
        config_exclude: args.config.as_ref().map(|path| {
            std::fs::read_to_string(path)
                .map(|text| meslint_core::project::exclude_patterns(&text))
                .unwrap_or_default()
        }),
    };
    let (inputs, focus) = gather(args, &options)?;
    let mut report = lint(inputs, &settings);
    let probed = limits.map(|limits| probe::run(&mut report, limits));
    if let Some(focus) = &focus {
        // Only what touches the files asked about; the rest of the cluster was read for context.
        let sources = &report.sources;
        report.diagnostics.retain(|d| {
            d.labels
                .iter()
                .any(|l| focus.contains(sources.file(l.span.file).path()))
        });
    } else {
        nothing_to_read(args, &report)?;
    }
    if let Some(path) = &args.write_baseline {
        let baseline = meslint_core::policy::baseline_of(&report.diagnostics, &report.sources);
        std::fs::write(path, meslint_core::policy::write_baseline(&baseline))
            .map_err(|e| Error::Io(format!("cannot write `{}`: {e}", path.display())))?;
    }
    Ok((report, probed))
}

/// The files to lint, and the ones whose diagnostics are reported when that is not all of them
/// (`--changed-files`, `-`).
fn gather(
    args: &CheckArgs,
    options: &walk::Options,
) -> Result<(Vec<Input>, Option<BTreeSet<String>>), Error> {
    let stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    if !stdin {
        if args.stdin_filename.is_some() {
            return Err(Error::Usage(
                "--stdin-filename names the buffer read from standard input: give `-` as the path"
                    .into(),
            ));
        }
        let changed = args
            .changed_files
            .then(|| crate::config::changed_set(&args.paths));
        let paths = match &changed {
            Some(_) => vec![crate::config::cluster_around(&args.paths)],
            None => args.paths.clone(),
        };
        let mut inputs = walk::collect(&paths, options);
        crate::config::add(&mut inputs, &paths, args.config.as_deref());
        return Ok((inputs, changed));
    }
    if args.paths.len() > 1 {
        return Err(Error::Usage(
            "`-` (standard input) is linted alone: give no other path beside it".into(),
        ));
    }
    if args.changed_files {
        return Err(Error::Usage(
            "--changed-files takes the changed files' paths, not `-`".into(),
        ));
    }
    let buffer = walk::read_stdin().map_err(Error::Io)?;
    let Some(name) = &args.stdin_filename else {
        // The buffer alone: what it is can only come from its text.
        let (text, _) = meslint_core::source::decode(&buffer);
        if layout::detect(layout::STDIN, &text, true) == layout::FileKind::Other {
            return Err(Error::Usage(
                "cannot tell from its text what standard input holds (a zoo.cfg, MESOS_* \
                 variables, a Mesos command line or unit, a compose file or a Kubernetes \
                 manifest); name it with --stdin-filename PATH, e.g. --stdin-filename zk1/myid"
                    .into(),
            ));
        }
        let mut input = Input::file(layout::STDIN, buffer);
        input.explicit = true;
        let mut inputs = vec![input];
        crate::config::add(&mut inputs, &[".".into()], args.config.as_deref());
        return Ok((inputs, Some(BTreeSet::from([layout::STDIN.to_owned()]))));
    };
    // The buffer as the file it names, in the cluster around that file on disk.
    let placed = crate::config::place(name).map_err(Error::Usage)?;
    let mut inputs = walk::collect(std::slice::from_ref(&placed.dir), options);
    let content = InputContent::Bytes(buffer);
    match inputs.iter_mut().find(|i| i.path == placed.path) {
        Some(input) => input.content = content,
        None => {
            // Not on disk yet, or left out by the walk: the editor asked about it all the same.
            inputs.push(Input {
                content,
                root: Some(walk::display(&placed.dir)),
                ..Input::file(placed.path.clone(), Vec::new())
            });
            inputs.sort_by(|a, b| a.path.cmp(&b.path));
        }
    }
    if let Some(input) = inputs.iter_mut().find(|i| i.path == placed.path) {
        // As a file named on the command line, it is read whatever its name.
        input.explicit = true;
    }
    crate::config::add(
        &mut inputs,
        std::slice::from_ref(&placed.dir),
        args.config.as_deref(),
    );
    Ok((inputs, Some(BTreeSet::from([placed.path]))))
}

/// A directory given on the command line in which meslint read nothing is a wrong path, not a
/// clean cluster: CI must not pass on it.
fn nothing_to_read(args: &CheckArgs, report: &meslint_core::Report) -> Result<(), Error> {
    for path in &args.paths {
        if !path.is_dir() {
            continue;
        }
        let shown = walk::display(path);
        let below = |file: &str| shown.is_empty() || file.starts_with(&format!("{shown}/"));
        let read = report
            .files
            .iter()
            .any(|f| below(&f.path) && !matches!(f.status, FileStatus::Skipped(_)));
        // A binary myid or a link out of the tree was not read, but it was reported.
        let reported = report.diagnostics.iter().any(|d| {
            d.labels
                .iter()
                .any(|l| below(report.sources.file(l.span.file).path()))
        });
        if !read && !reported {
            let skipped = report.files.iter().filter(|f| below(&f.path)).count();
            let mut list = String::new();
            if args.verbose {
                for file in report.files.iter().filter(|f| below(&f.path)) {
                    if let FileStatus::Skipped(why) = &file.status {
                        list.push_str(&format!("\n  skipped {}: {why}", file.path));
                    }
                }
            }
            let name = if shown.is_empty() {
                ".".to_owned()
            } else {
                shown
            };
            return Err(Error::NothingToRead(name, skipped, list));
        }
    }
    Ok(())
}

fn check(args: &CheckArgs) -> Result<Output, Error> {
    let limits = args.probe.then_some(probe::Limits {
        connection: args.probe_timeout,
        total: args.probe_deadline,
    });
    let (report, probed) = lint_and_probe(args, limits)?;
    let text = if args.statistics {
        statistics(&report, args.format)
    } else {
        match args.format {
            Format::Human => {
                let color = use_color(args.color);
                let terminal = std::io::stdout().is_terminal() && args.output_file.is_none();
                let mut style = human::Style {
                    color,
                    // Links only where colour is on: terminals that show neither would print
                    // the escape codes.
                    links: terminal && color,
                    list_skipped: args.verbose,
                    ..human::Style::default()
                };
                if terminal
                    && let Some((terminal_size::Width(width), _)) = terminal_size::terminal_size()
                {
                    style.width = usize::from(width).max(40);
                }
                if args.quiet {
                    human::render_diagnostics(&report, style)
                } else {
                    human::render(&report, style)
                }
            }
            Format::Concise => concise::render(&report),
            Format::Json => match &probed {
                None => json::render(&report, VERSION),
                Some(results) => json_text(&ProbedJson {
                    report: json::JsonReport::new(&report, VERSION),
                    probe: results,
                }),
            },
            Format::Sarif => sarif::render(&report, VERSION),
            Format::Github => github::render(&report),
            Format::Gitlab => gitlab::render(&report),
            Format::Junit => junit::render(&report),
            Format::Checkstyle => checkstyle::render(&report),
        }
    };
    Ok(Output {
        text,
        status: check_status(&report, args),
        file: args.output_file.clone(),
    })
}

/// Colour for `--color auto`: only on a terminal, never when `NO_COLOR` is set to something
/// (an empty `NO_COLOR` does not count, as no-color.org says) or the terminal is `dumb`.
fn use_color(choice: Color) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
            std::io::stdout().is_terminal() && !no_color && !dumb
        }
    }
}

/// The JSON document of `check --probe`: the usual one, plus the probe's results.
#[derive(serde::Serialize)]
struct ProbedJson<'a> {
    #[serde(flatten)]
    report: json::JsonReport<'a>,
    probe: &'a probe::Results,
}

/// `--statistics`: how many diagnostics each code produced, most first.
fn statistics(report: &meslint_core::Report, format: Format) -> String {
    let mut counts: std::collections::BTreeMap<&str, (usize, &str, meslint_core::Severity)> =
        std::collections::BTreeMap::new();
    for d in &report.diagnostics {
        counts.entry(d.code).or_insert((0, d.name, d.severity)).0 += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
    if format == Format::Json {
        let rows: Vec<_> = rows
            .iter()
            .map(|(code, (count, name, _))| {
                serde_json::json!({"code": code, "name": name, "count": count})
            })
            .collect();
        return json_text(&rows);
    }
    rows.iter()
        .map(|(code, (count, name, _))| format!("{count:>5}  {code:<6} {name}\n"))
        .collect()
}

fn report(args: &CheckArgs) -> Result<Output, Error> {
    let (report, _) = lint_paths(args)?;
    let tolerance = overview::tolerance(&report);
    let text = match args.format {
        Format::Json => json_text(&tolerance),
        Format::Human => overview::tolerance_text(&tolerance),
        _ => return Err(Error::FormatNotSupported("report")),
    };
    Ok(Output {
        text,
        status: status(&report),
        file: args.output_file.clone(),
    })
}

fn show(host: &str, args: &CheckArgs) -> Result<Output, Error> {
    let (report, _) = lint_paths(args)?;
    let rows = overview::host_settings(&report, host).ok_or_else(|| {
        Error::UnknownHost(host.to_owned(), overview::host_names(&report).join(", "))
    })?;
    let text = match args.format {
        Format::Json => json_text(&rows),
        Format::Human => overview::host_settings_text(host, &rows),
        _ => return Err(Error::FormatNotSupported("show")),
    };
    Ok(Output {
        text,
        status: status(&report),
        file: args.output_file.clone(),
    })
}

fn show_clusters(args: &CheckArgs) -> Result<Output, Error> {
    let (report, _) = lint_paths(args)?;
    let text = match args.format {
        Format::Json => json_text(&report.clusters),
        Format::Human => clusters::text(&report),
        _ => return Err(Error::FormatNotSupported("show --clusters")),
    };
    Ok(Output {
        text,
        status: status(&report),
        file: args.output_file.clone(),
    })
}

fn json_text(value: &impl serde::Serialize) -> String {
    let mut text =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

/// `check`'s exit status: `--fail-level` and `--exit-zero` apply; an unreadable input is still
/// meslint's own failure.
fn check_status(report: &meslint_core::Report, args: &CheckArgs) -> Status {
    let threshold = args.fail_level.severity();
    if report.had_unreadable_input() {
        Status::Failure
    } else if !args.exit_zero && report.diagnostics.iter().any(|d| d.severity >= threshold) {
        Status::Errors
    } else {
        Status::Clean
    }
}

fn status(report: &meslint_core::Report) -> Status {
    if report.had_unreadable_input() {
        Status::Failure
    } else if report.count(meslint_core::Severity::Error) > 0 {
        Status::Errors
    } else {
        Status::Clean
    }
}

fn list_rules() -> Output {
    let mut text = String::new();
    for rule in rules::ALL {
        text.push_str(&format!(
            "{:<7} {:<8} {:<36} {}\n",
            rule.code,
            rule.severity.as_str(),
            rule.name,
            rule.summary()
        ));
    }
    Output::stdout(text, Status::Clean)
}

fn completions(shell: clap_complete::Shell) -> Output {
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut Args::command(), "meslint", &mut buffer);
    Output::stdout(String::from_utf8_lossy(&buffer).into_owned(), Status::Clean)
}

fn man() -> Result<Output, Error> {
    let mut buffer = Vec::new();
    clap_mangen::Man::new(Args::command())
        .render(&mut buffer)
        .map_err(|e| Error::Io(e.to_string()))?;
    Ok(Output::stdout(
        String::from_utf8_lossy(&buffer).into_owned(),
        Status::Clean,
    ))
}

fn explain(code_or_name: &str) -> Result<Output, Error> {
    let rule =
        rules::find(code_or_name).ok_or_else(|| Error::UnknownRule(code_or_name.to_owned()))?;
    let text = format!(
        "{}\nDocumentation: {}\n",
        rules::docs::rule_markdown(rule),
        rules::docs::url(rule)
    );
    Ok(Output::stdout(text, Status::Clean))
}
