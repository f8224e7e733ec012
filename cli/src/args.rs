//! Command-line arguments. The `///` comments are the `--help` text.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};
use meslint_core::{MesosVersion, ZkVersion};

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
    /// Show how many failures each tier of the cluster survives.
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
}

#[derive(Debug, clap::Args, Default)]
pub struct CheckArgs {
    /// Files or directories to lint (directories are searched recursively).
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

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
    /// One JSON document, for tools.
    Json,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Color {
    #[default]
    Auto,
    Always,
    Never,
}
