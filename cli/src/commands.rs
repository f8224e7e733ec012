//! What each subcommand does, from parsed arguments to the text it prints and its exit status.

use std::io::IsTerminal;

use meslint_core::render::{clusters, human, json, overview};
use meslint_core::settings::Fixed;
use meslint_core::{FileStatus, Settings, lint, rules};

use crate::args::{Args, CheckArgs, Color, Command, Format};
use crate::{probe, walk};

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

/// What to print on standard output, and how to exit.
pub struct Output {
    pub text: String,
    pub status: Status,
}

/// meslint's own failures, as opposed to problems in the configuration it reads.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no rule has the code or name `{0}`; `meslint rules` lists them")]
    UnknownRule(String),
    #[error("no host is called `{0}`; the hosts are: {1}")]
    UnknownHost(String, String),
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
    }
}

/// Reads the paths and lints them; every subcommand that looks at a cluster starts here.
fn lint_paths(args: &CheckArgs) -> Result<(meslint_core::Report, Settings), Error> {
    let settings = Settings {
        zookeeper: args.zookeeper_version.unwrap_or_default(),
        mesos: args.mesos_version.unwrap_or_default(),
        fixed: Fixed {
            zookeeper: args.zookeeper_version.is_some(),
            mesos: args.mesos_version.is_some(),
        },
        ..Settings::default()
    };
    let options = walk::Options {
        no_ignore: args.no_ignore,
        follow_links: args.follow_links,
        exclude: args.exclude.clone(),
    };
    let inputs = walk::collect(&args.paths, &options);
    let report = lint(inputs, &settings);
    nothing_to_read(args, &report)?;
    let settings = report.settings.clone();
    Ok((report, settings))
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
    let (mut report, _) = lint_paths(args)?;
    let probed = args.probe.then(|| {
        let found = probe::run(
            &report,
            probe::Limits {
                connection: args.probe_timeout,
                total: args.probe_deadline,
            },
        );
        report.diagnostics.extend(found.diagnostics);
        report
            .diagnostics
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        found.results
    });
    let text = match args.format {
        Format::Json => match &probed {
            None => json::render(&report, env!("CARGO_PKG_VERSION")),
            Some(results) => json_text(&ProbedJson {
                report: json::JsonReport::new(&report, env!("CARGO_PKG_VERSION")),
                probe: results,
            }),
        },
        Format::Human => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            human::render(
                &report,
                human::Style {
                    color,
                    list_skipped: args.verbose,
                    ..human::Style::default()
                },
            )
        }
    };
    Ok(Output {
        text,
        status: status(&report),
    })
}

/// The JSON document of `check --probe`: the usual one, plus the probe's results.
#[derive(serde::Serialize)]
struct ProbedJson<'a> {
    #[serde(flatten)]
    report: json::JsonReport<'a>,
    probe: &'a probe::Results,
}

fn report(args: &CheckArgs) -> Result<Output, Error> {
    let (report, settings) = lint_paths(args)?;
    let tolerance = overview::tolerance(&report, &settings);
    let text = match args.format {
        Format::Json => json_text(&tolerance),
        Format::Human => overview::tolerance_text(&tolerance),
    };
    Ok(Output {
        text,
        status: status(&report),
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
    };
    Ok(Output {
        text,
        status: status(&report),
    })
}

fn show_clusters(args: &CheckArgs) -> Result<Output, Error> {
    let (report, _) = lint_paths(args)?;
    let text = match args.format {
        Format::Json => json_text(&report.clusters),
        Format::Human => clusters::text(&report),
    };
    Ok(Output {
        text,
        status: status(&report),
    })
}

fn json_text(value: &impl serde::Serialize) -> String {
    let mut text =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
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
    Output {
        text,
        status: Status::Clean,
    }
}

fn explain(code_or_name: &str) -> Result<Output, Error> {
    let rule =
        rules::find(code_or_name).ok_or_else(|| Error::UnknownRule(code_or_name.to_owned()))?;
    Ok(Output {
        text: rules::docs::rule_markdown(rule),
        status: Status::Clean,
    })
}
