//! Command-line arguments. The `///` comments are the `--help` text.

use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};
use meslint_core::{MesosVersion, Severity, ZkVersion};

/// Lints Apache Mesos and ZooKeeper cluster configuration before it ships.
///
/// Give it the directories or files of a cluster: one directory per host (`zk1/zoo.cfg`,
/// `zk1/myid`, `master1/mesos-master.env`, ...), host-root trees (`node1/etc/zookeeper/conf/zoo.cfg`),
/// or single files. meslint never writes to them.
///
/// Exit status: 0 when no errors were found, 1 when errors were found, 2 when meslint itself
/// failed (bad arguments, unreadable input).
#[derive(Debug, Parser)]
#[command(name = "meslint", version, args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files and directories (the default command).
    Check(CheckArgs),
    /// Show how many failures each tier of each cluster survives.
    Report(CheckArgs),
    /// Show every effective setting of one host, with where it comes from (secrets masked).
    Show {
        /// The host: its directory name, as in diagnostics.
        #[arg(required_unless_present = "clusters")]
        host: Option<String>,
        /// List the clusters found instead: their hosts, what runs on each and which file made it.
        #[arg(long)]
        clusters: bool,
        #[command(flatten)]
        args: CheckArgs,
    },
    /// List every rule with its code, name, severity and summary.
    Rules,
    /// Print the documentation of one rule, by code (`ZK101`) or name.
    Explain {
        /// A rule code or name.
        rule: String,
    },
    /// Print a shell completion script (`meslint completions bash > /etc/bash_completion.d/meslint`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): `meslint man > meslint.1`.
    Man,
}

/// The subcommand names, for "did you mean" on a mistyped one.
pub const SUBCOMMANDS: &[&str] = &[
    "check",
    "report",
    "show",
    "rules",
    "explain",
    "completions",
    "man",
];

/// A first argument that is no existing path but close to a subcommand's name is a typo, not a
/// path to lint: `meslint explian` says "did you mean `explain`" instead of "cannot read".
pub fn mistyped_subcommand(args: &[std::ffi::OsString]) -> Option<(String, &'static str)> {
    let first = args.get(1)?.to_str()?;
    if first.starts_with('-') || SUBCOMMANDS.contains(&first) || Path::new(first).exists() {
        return None;
    }
    SUBCOMMANDS
        .iter()
        .map(|name| (edit_distance(first, name), *name))
        .filter(|(distance, name)| {
            *distance <= 2 && *distance < name.len().max(first.len()) / 2 + 1
        })
        .min()
        .map(|(_, name)| (first.to_owned(), name))
}

/// Levenshtein distance, over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
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

#[derive(Debug, clap::Args, Default)]
pub struct CheckArgs {
    /// Files or directories to lint (directories are searched recursively); `-` reads
    /// standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// The configuration file [default: the nearest meslint.toml at or above the linted path].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Accept the findings recorded in FILE (see --write-baseline): only new ones are reported.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record every finding of this run in FILE, to adopt meslint on an existing cluster.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// The PATHs are changed files (as pre-commit passes them): lint the cluster around them
    /// (the directory of the nearest meslint.toml, else the current directory) and report only
    /// the findings with a label in one of them.
    #[arg(long)]
    pub changed_files: bool,

    /// With `-` as the path: lint standard input as the file PATH inside the cluster around it
    /// on disk (for editors; the file itself is not read or written), and report only the
    /// findings with a label in PATH. Without it, `-` is linted alone, known by its text.
    #[arg(long, value_name = "PATH", conflicts_with = "changed_files")]
    pub stdin_filename: Option<PathBuf>,

    /// Write the output to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output_file: Option<PathBuf>,

    /// Exit 0 even when problems were found (meslint's own failures still exit 2).
    #[arg(long)]
    pub exit_zero: bool,

    /// The least severity that makes meslint exit 1.
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = FailLevel::Error)]
    pub fail_level: FailLevel,

    /// Print only the diagnostics: no summary line, and nothing at all when there are none.
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Print how many diagnostics each rule produced instead of the diagnostics.
    #[arg(long)]
    pub statistics: bool,

    /// ZooKeeper release to check against, 3.4 to 3.9 [default: meslint.toml's, else 3.8].
    #[arg(long, value_name = "VERSION")]
    pub zookeeper_version: Option<ZkVersion>,

    /// Mesos release to check against, 1.0 to 1.11 [default: meslint.toml's, else 1.11].
    #[arg(long, value_name = "VERSION")]
    pub mesos_version: Option<MesosVersion>,

    /// Also ask the running cluster: connect to every ZooKeeper server and zk URL host the
    /// configuration names (and nothing else), ask each for `srvr`, and open a client session
    /// through each zk URL to read the masters registered under its path.
    #[arg(long)]
    pub probe: bool,

    /// Time limit for each connection and each answer of `--probe`, e.g. `2s`, `500ms`.
    #[arg(long, value_name = "DURATION", default_value = "2s", value_parser = parse_duration)]
    pub probe_timeout: Duration,

    /// Time limit for the whole of `--probe`; what has not answered by then is reported as
    /// not answering.
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_duration)]
    pub probe_deadline: Duration,

    /// When to color human output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub color: Color,

    /// Lint files that `.gitignore` and `.ignore` files exclude too.
    #[arg(long)]
    pub no_ignore: bool,

    /// Leave out paths matching this gitignore-style pattern (repeatable), as `exclude` in
    /// meslint.toml does.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Follow symbolic links, even out of the directory being linted (read this machine's files).
    #[arg(long)]
    pub follow_links: bool,

    /// List every file found and not read, with the reason.
    #[arg(long, short)]
    pub verbose: bool,
}

/// Reads `2s`, `1500ms` or a plain number of seconds (`2`, `0.5`).
fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let (number, scale) = if let Some(ms) = text.strip_suffix("ms") {
        (ms, 0.001)
    } else if let Some(s) = text.strip_suffix('s') {
        (s, 1.0)
    } else {
        (text, 1.0)
    };
    let value: f64 = number
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a duration like `2s` or `500ms`"))?;
    let seconds = value * scale;
    if !(0.001..=3600.0).contains(&seconds) {
        return Err(format!("`{text}` is outside 1ms to 3600s"));
    }
    Ok(Duration::from_secs_f64(seconds))
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Source snippets with labels, for people.
    #[default]
    Human,
    /// One line per diagnostic: `file:line:col: severity[CODE] message`.
    Concise,
    /// One JSON document, for tools (schema: docs/schema/report.schema.json).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other dashboards.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// JUnit XML.
    Junit,
    /// Checkstyle XML.
    Checkstyle,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum FailLevel {
    #[default]
    Error,
    Warning,
    Info,
}

impl FailLevel {
    pub fn severity(self) -> Severity {
        match self {
            FailLevel::Error => Severity::Error,
            FailLevel::Warning => Severity::Warning,
            FailLevel::Info => Severity::Info,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Color {
    #[default]
    Auto,
    Always,
    Never,
}
