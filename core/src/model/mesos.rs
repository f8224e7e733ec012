//! The Mesos side of the model: the raw settings each file holds ([`MesosSource`]) and the
//! masters and agents they add up to ([`MesosProcess`]), each with the flags it would run with.
//!
//! Parsers build sources; the loader (`parse/mesos_loader.rs`) merges them the way Mesos's
//! flag loader does. Rules read only processes.

use std::collections::BTreeMap;
use std::net::Ipv4Addr;

use crate::catalog::mesos::FlagSpec;
pub use crate::catalog::mesos::Role;
use crate::model::zk_url::{MasterAddr, ZkUrl};
use crate::source::{FileId, Span, Spanned};

/// Where a setting was written, which decides how Mesos treats it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// An argument on the daemon's command line.
    CommandLine,
    /// A `MESOS_*` environment variable.
    Env,
    /// A file of the one-file-per-flag layout (`/etc/mesos-master/quorum`), which the init
    /// wrapper turns into a command-line argument.
    FlagFile,
    /// A variable of the init wrapper (`ZK`, `PORT`, ...) that it turns into an argument.
    WrapperVar,
    /// A value a package ships without the user writing it.
    Default,
}

impl Origin {
    /// True for settings that reach Mesos as command-line arguments.
    pub fn is_command_line(self) -> bool {
        !matches!(self, Origin::Env)
    }

    pub fn describe(self) -> &'static str {
        match self {
            Origin::CommandLine => "command line",
            Origin::Env => "environment",
            Origin::FlagFile => "flag file",
            Origin::WrapperVar => "init wrapper variable",
            Origin::Default => "package default",
        }
    }
}

/// The shape of one command-line argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgForm {
    /// `--name=value`, `--name`, `--no-name`; environment variables and flag files too.
    Flag,
    /// `-name=value`: Mesos skips it without a word.
    SingleDash,
    /// A word that is no flag: skipped too (but see `--name value`).
    Positional,
    /// `--`: Mesos stops reading arguments here.
    Terminator,
}

/// One setting as written in one file, before any merging.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawSetting {
    pub origin: Origin,
    pub form: ArgForm,
    /// The name as written, without dashes or `MESOS_` (`zk`, `no-switch_user`, `WORK_DIR`);
    /// the whole word for positional arguments.
    pub name: Spanned<String>,
    /// What the user would call it: `--zk`, `MESOS_ZK`, `/etc/mesos-master/zk`, `ZK`.
    pub display: String,
    /// The flag name Mesos looks up: lower-cased, `no-` kept.
    pub key: String,
    /// `None` for `--name` without `=`.
    pub value: Option<Spanned<String>>,
    /// The whole argument or line, for labels.
    pub whole: Span,
    /// True when the value holds a template placeholder or shell expansion: it is unknown.
    pub unknown: bool,
}

/// Where the raw settings of one file came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// One daemon invocation in a script, unit, compose file or document.
    Script,
    /// An environment file.
    EnvFile,
    /// One file of the one-file-per-flag layout.
    FlagFile,
    /// `/etc/mesos/zk`: the wrapper passes it as the master's `--zk` and the agent's
    /// `--master`.
    SharedZk,
}

/// The raw Mesos settings found in one file (or one invocation inside it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MesosSource {
    pub file: FileId,
    pub kind: SourceKind,
    /// Which daemon the settings are for, when the file says so.
    pub role: Option<Role>,
    /// The binary as invoked (`mesos-slave`, `./bin/mesos-master.sh`), for scripts.
    pub binary: Option<Spanned<String>>,
    /// True when `binary` is a container image (`mesosphere/mesos-slave`, a compose `image:`),
    /// not a program path.
    pub image: bool,
    pub settings: Vec<RawSetting>,
    /// True when the file is a template or passes arguments meslint cannot see (`"$@"`,
    /// `$MESOS_OPTS`): absent flags may be given there.
    pub open_ended: bool,
    /// Where to point when something is missing from this source.
    pub anchor: Span,
    /// What the parser found wrong; moved to the cluster's problems once read.
    pub problems: Vec<MesosProblem>,
}

impl MesosSource {
    pub fn new(file: FileId, kind: SourceKind, role: Option<Role>, anchor: Span) -> Self {
        MesosSource {
            file,
            kind,
            role,
            binary: None,
            image: false,
            settings: Vec::new(),
            open_ended: false,
            anchor,
            problems: Vec::new(),
        }
    }
}

/// What one script-like file holds: a source per Mesos invocation, and the values they took
/// from the file's shell or systemd variables.
#[derive(Clone, Debug, Default)]
pub struct Script {
    pub sources: Vec<MesosSource>,
    /// (the assignment, the use) of each value taken from a variable: a diagnostic that
    /// points at the assignment also points at the use.
    pub value_uses: Vec<(Span, Span)>,
}

/// A setting that lost to another one for the same flag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overridden {
    pub name: Spanned<String>,
    pub display: String,
    pub value: Option<Spanned<String>>,
    pub origin: Origin,
}

/// A span of time in nanoseconds, as stout's `Duration` holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Duration(pub i64);

impl Duration {
    pub const NANOSECOND: i64 = 1;
    pub const SECOND: i64 = 1_000_000_000;
    pub const MINUTE: i64 = 60 * Self::SECOND;

    pub fn secs(n: i64) -> Duration {
        Duration(n.saturating_mul(Self::SECOND))
    }

    pub fn mins(n: i64) -> Duration {
        Duration(n.saturating_mul(Self::MINUTE))
    }
}

/// A flag's value as Mesos's flag loader reads it for the flag's type, read once when the
/// model is built.
#[derive(Clone, Debug, PartialEq)]
pub enum FlagValue {
    /// Not read: a template placeholder or a shell expansion.
    Unknown,
    /// Accepted; the type keeps nothing more (strings, paths, JSON, lists, choices, ...).
    Accepted,
    Bool(bool),
    Int(i64),
    /// An unsigned number as Mesos reads it; `wrapped` when it was written negative and
    /// Mesos wrapped it around to `value`.
    Uint {
        value: u64,
        wrapped: bool,
    },
    Double(f64),
    Duration(Duration),
    Bytes(u64),
    Ip(Ipv4Addr),
    /// A ranges value (`[5000-10000,20000-21000]`) as Mesos's resource parser reads it, each
    /// range `(start, end)` as written. The loader takes any text; the part of the agent that
    /// uses the flag parses it later and refuses an `Err`, whose text is the reason.
    Ranges(Result<Vec<(u64, u64)>, String>),
    /// Inline JSON that parses (`file://` values and paths are `Accepted`).
    Json(serde_json::Value),
    /// The loader refuses the value; the text is Mesos's reason.
    Invalid(String),
}

/// The value one flag ends up with.
#[derive(Clone, Debug, PartialEq)]
pub struct EffectiveFlag {
    /// The catalogue entry of the canonical flag.
    pub spec: &'static FlagSpec,
    /// The entry of the name actually written (an alias, or the same as `spec`).
    pub written: &'static FlagSpec,
    /// The name as written.
    pub name: Spanned<String>,
    /// `--zk`, `MESOS_ZK`, ...
    pub display: String,
    /// The value; `true`/`false` with an empty span for `--flag` / `--no-flag`.
    pub value: Spanned<String>,
    pub origin: Origin,
    /// True when the value is a template placeholder or shell expansion.
    pub unknown: bool,
    /// Settings of the same flag that Mesos ignores in favour of this one.
    pub overridden: Vec<Overridden>,
    /// The items of a comma-separated value with narrow spans; empty items dropped.
    pub items: Vec<Spanned<String>>,
    /// The value read for the flag's type (`Unknown` when `unknown`).
    pub read: FlagValue,
    /// True for a flag that names a secret's file (`--credentials`) whose value is no path:
    /// the secret itself, masked.
    pub inline_secret: bool,
}

impl EffectiveFlag {
    /// The items of a comma-separated value with narrow spans; empty items dropped.
    pub fn items(&self) -> &[Spanned<String>] {
        &self.items
    }
}

/// One Mesos master or agent with the flags it would run with.
#[derive(Clone, Debug)]
pub struct MesosProcess {
    pub role: Role,
    /// The binary as invoked, when a script names it (`mesos-slave` vs `mesos-agent`).
    pub binary: Option<Spanned<String>>,
    /// Effective flags by canonical name.
    pub flags: BTreeMap<&'static str, EffectiveFlag>,
    /// Every source the process was built from.
    pub sources: Vec<MesosSource>,
    /// True when some flags may be set where meslint cannot see (templates, `"$@"`).
    pub is_template: bool,
    /// `--zk` (masters), parsed; `None` when absent or unknown.
    pub zk: Option<ZkUrl>,
    /// `--master` (agents), parsed; `None` when absent or unknown.
    pub master: Option<MasterAddr>,
    /// Where to point for a missing flag: the binary, or the start of the first source;
    /// `None` only for a process built from no source at all.
    pub anchor: Option<Span>,
    /// `--quorum` as a number, when set, known and a valid integer.
    pub quorum: Option<Spanned<i64>>,
    /// What the loader refused or dropped; moved to the cluster's problems once built.
    pub problems: Vec<MesosProblem>,
}

impl MesosProcess {
    /// The effective flag of a canonical name.
    pub fn flag(&self, name: &str) -> Option<&EffectiveFlag> {
        self.flags.get(name)
    }

    /// The value of a flag when it is set and known (not a template placeholder).
    pub fn known(&self, name: &str) -> Option<&Spanned<String>> {
        self.flag(name).filter(|f| !f.unknown).map(|f| &f.value)
    }

    pub fn is_set(&self, name: &str) -> bool {
        self.flags.contains_key(name)
    }

    pub fn zk(&self) -> Option<&ZkUrl> {
        self.zk.as_ref()
    }

    pub fn master(&self) -> Option<&MasterAddr> {
        self.master.as_ref()
    }

    /// `--quorum` as a number, when set, known and a valid integer.
    pub fn quorum(&self) -> Option<Spanned<i64>> {
        self.quorum.clone()
    }

    pub fn work_dir(&self) -> Option<&Spanned<String>> {
        self.known("work_dir")
    }

    pub fn log_dir(&self) -> Option<&Spanned<String>> {
        self.known("log_dir")
    }

    /// The registry backend Mesos will use: the flag or its default `replicated_log`.
    pub fn registry(&self) -> &str {
        self.flag("registry")
            .map_or("replicated_log", |f| f.value.value.as_str())
    }

    pub fn cluster_name(&self) -> Option<&Spanned<String>> {
        self.known("cluster")
    }

    pub fn ip(&self) -> Option<&Spanned<String>> {
        self.known("ip")
    }

    pub fn hostname(&self) -> Option<&Spanned<String>> {
        self.known("hostname")
    }

    /// The port the daemon listens on (5050 for masters, 5051 for agents by default).
    pub fn port(&self) -> Option<Spanned<u16>> {
        match self.flag("port") {
            Some(f) if f.unknown => None,
            Some(f) => f
                .value
                .value
                .parse()
                .ok()
                .map(|p| Spanned::new(p, f.value.span)),
            None => self.anchor.map(|a| {
                let port = match self.role {
                    Role::Master => 5050,
                    Role::Agent => 5051,
                };
                Spanned::new(port, Span::point(a.file, a.start as usize))
            }),
        }
    }

    /// The address the daemon binds, when its `--ip` names one machine (known, neither
    /// loopback nor `0.0.0.0`) and its port is known: `("10.0.0.1", 5050)`, with the span
    /// of `--ip`'s value.
    pub fn bound_address(&self) -> Option<(String, u16, Span)> {
        let ip = self.flag("ip").filter(|f| !f.unknown)?;
        let FlagValue::Ip(address) = ip.read else {
            return None;
        };
        let text = address.to_string();
        if crate::net::is_loopback(&text) || crate::net::is_wildcard(&text) {
            return None;
        }
        Some((text, self.port()?.value, ip.value.span))
    }

    /// The items of a list flag, or its default when unset; `None` when unknown.
    fn list(&self, name: &str, default: &[&str]) -> Option<Vec<String>> {
        match self.flag(name) {
            Some(f) if f.unknown => None,
            Some(f) => Some(f.items().iter().map(|i| i.value.clone()).collect()),
            None => Some(default.iter().map(|s| (*s).to_owned()).collect()),
        }
    }

    /// Containerizers in effect (default `mesos`); `None` when unknown.
    pub fn containerizers(&self) -> Option<Vec<String>> {
        self.list("containerizers", &["mesos"])
    }

    /// Isolators as written (default `posix/cpu,posix/mem`); `None` when unknown.
    pub fn isolation(&self) -> Option<Vec<String>> {
        self.list("isolation", &["posix/cpu", "posix/mem"])
    }

    /// The total of a scalar resource in the text form of `--resources` (`cpus:8;gpus(*):2`),
    /// with the span of its first entry; `None` when the flag is unset, unknown, JSON, names
    /// no such resource or gives it no number.
    pub fn scalar_resource(&self, name: &str) -> Option<Spanned<f64>> {
        let flag = self.flag("resources").filter(|f| !f.unknown)?;
        let value = &flag.value.value;
        if value.trim_start().starts_with('[') || value.starts_with("file://") {
            return None;
        }
        let mut total: Option<Spanned<f64>> = None;
        let mut offset = 0;
        for entry in value.split(';') {
            let at = offset;
            offset += entry.len() + 1;
            let Some((key, amount)) = entry.split_once(':') else {
                continue;
            };
            let resource = key.split('(').next().unwrap_or(key).trim();
            if resource != name {
                continue;
            }
            let Ok(amount) = amount.trim().parse::<f64>() else {
                return None;
            };
            match &mut total {
                Some(t) => t.value += amount,
                None => {
                    let span = flag.value.sub_span(at, at + entry.len());
                    total = Some(Spanned::new(amount, span));
                }
            }
        }
        total
    }

    /// Image providers, upper-cased as Mesos compares them; `None` when unknown.
    pub fn image_providers(&self) -> Option<Vec<String>> {
        self.list("image_providers", &[])
            .map(|v| v.into_iter().map(|p| p.to_ascii_uppercase()).collect())
    }

    /// True when the process is configured through the Mesosphere packages' init wrapper
    /// (flag files, `/etc/mesos/zk`, wrapper variables), whose package ships defaults for
    /// `work_dir`, `quorum` and the agent's `--master`.
    pub fn uses_package_layout(&self) -> bool {
        self.sources.iter().any(|s| {
            matches!(s.kind, SourceKind::FlagFile | SourceKind::SharedZk)
                || s.settings.iter().any(|x| x.origin == Origin::WrapperVar)
        })
    }

    /// True when the binary was invoked under its pre-1.0 name `mesos-slave`.
    pub fn uses_slave_binary(&self) -> bool {
        // An image's name (`cmssw/mesos-slave`) says nothing about the program inside.
        let image = self
            .sources
            .iter()
            .find(|s| s.binary.is_some())
            .is_some_and(|s| s.image);
        !image
            && self.binary.as_ref().is_some_and(|b| {
                let base = b.value.rsplit('/').next().unwrap_or(&b.value);
                matches!(base, "mesos-slave" | "mesos-slave.sh") || b.value.ends_with(" slave")
            })
    }
}

/// What Mesos's flag loader (stout `FlagsBase::load`) refuses or drops, and Mesos files that
/// are never read as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MesosProblem {
    /// An argument after `--`.
    AfterTerminator {
        setting: RawSetting,
        terminator: Span,
    },
    /// A word that is not a flag.
    StrayWord { setting: RawSetting },
    /// `-flag`: one dash.
    SingleDash { setting: RawSetting, role: Role },
    /// The same flag in the environment and on the command line.
    EnvOverridden {
        used: RawSetting,
        ignored: RawSetting,
    },
    /// A command-line flag name with capitals.
    NameCase { setting: RawSetting },
    /// `--no-x` for a flag `x` that is not a boolean.
    NegatedNonBoolean { setting: RawSetting, bare: String },
    /// `--no-x=value`.
    NegatedWithValue { setting: RawSetting, bare: String },
    /// A non-boolean flag without `=value`; `next` is the word that follows, if any.
    MissingValue {
        setting: RawSetting,
        bare: String,
        next: Option<RawSetting>,
    },
    /// `--bool value`: the flag is set and the value skipped.
    BooleanThenWord {
        setting: RawSetting,
        bare: String,
        word: RawSetting,
        negated: bool,
    },
    /// A name the loader of `role` does not know.
    UnknownFlag {
        setting: RawSetting,
        bare: String,
        role: Role,
    },
    /// One flag set twice; `fatal` when Mesos refuses to start (on the command line).
    DuplicateFlag {
        later: RawSetting,
        first: RawSetting,
        fatal: bool,
    },
    /// A flag file in `/etc/mesos/` other than `zk`.
    MisplacedFlagFile { whole: Span, file_name: String },
    /// CRLF line ends in a shell-read file; `at` is the first `\r`.
    CrlfLineEnds { at: Span, lines: usize },
    /// A UTF-8 byte order mark (`at`) opening a shell-read file or a flag file: the shell reads
    /// it as part of the first line, which sets `assigns` (its variable name, never its value),
    /// or is a `#!` line (`shebang`).
    ByteOrderMark {
        at: Span,
        flag_file: bool,
        shebang: bool,
        assigns: Option<String>,
    },
}
