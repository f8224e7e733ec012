//! Merges the raw settings of a master's or agent's sources into the flags it runs with,
//! applying the rules of Mesos's flag loader (stout `FlagsBase::load`).
//!
//! What the loader itself would refuse or silently drop (unknown names, duplicates,
//! `--name value`, `--no-` misuse, single-dash arguments) is recorded here as typed problems
//! on the process; the rules that own them say what goes wrong.
//! Everything about the values themselves is left to the rules, which read the result.

use std::collections::BTreeMap;

use crate::catalog::mesos::{self, FlagSpec, ValueType};
use crate::model::mesos::{
    ArgForm, EffectiveFlag, FlagValue, MesosProblem, MesosProcess, MesosSource, Origin, Overridden,
    RawSetting, Role, SourceKind,
};
use crate::parse::Sink;
use crate::parse::mesos_values::{looks_like_path, parse_int, read_value, split_list};
use crate::parse::zk_url::{parse_master_addr, parse_zk_url};
use crate::settings::Settings;
use crate::source::{Span, Spanned};

/// A setting that names a known flag, ready to merge.
struct Loaded<'a> {
    setting: &'a RawSetting,
    written: &'static FlagSpec,
    spec: &'static FlagSpec,
    negated: bool,
}

/// Builds the process that `sources` configure, recording what Mesos's loader would reject.
pub fn resolve(
    role: Role,
    sources: &[MesosSource],
    _settings: &Settings,
    sink: &mut Sink,
) -> MesosProcess {
    let mut adjusted = share_zk_file(role, sources);
    drop_wrapper_variables(&mut adjusted);
    let sources = adjusted.as_slice();
    // The variables by name; the command line takes those it overrides.
    let mut env: BTreeMap<String, Option<Loaded<'_>>> = BTreeMap::new();
    let mut cli: Vec<Loaded<'_>> = Vec::new();
    let mut problems = Vec::new();
    for source in sources {
        let args = &source.settings;
        let mut stopped: Option<&RawSetting> = None;
        for (i, setting) in args.iter().enumerate() {
            if let Some(terminator) = stopped {
                if setting.form != ArgForm::Terminator {
                    problems.push(MesosProblem::AfterTerminator {
                        setting: setting.clone(),
                        terminator: terminator.whole,
                    });
                }
                continue;
            }
            match setting.form {
                ArgForm::Terminator => stopped = Some(setting),
                ArgForm::SingleDash => problems.push(MesosProblem::SingleDash {
                    setting: setting.clone(),
                    role,
                }),
                ArgForm::Positional => {
                    let after_bare_flag = i
                        .checked_sub(1)
                        .and_then(|p| args.get(p))
                        .is_some_and(|p| p.form == ArgForm::Flag && p.value.is_none());
                    if !after_bare_flag && !setting.unknown {
                        problems.push(MesosProblem::StrayWord {
                            setting: setting.clone(),
                        });
                    }
                }
                ArgForm::Flag => {
                    let next = args.get(i + 1).filter(|n| n.form == ArgForm::Positional);
                    let Some(loaded) = load(setting, next, role, &mut problems) else {
                        continue;
                    };
                    if setting.origin.is_command_line() {
                        cli.push(loaded);
                    } else if let Some(Some(earlier)) =
                        env.insert(setting.key.clone(), Some(loaded))
                    {
                        // Two variables that differ only in case: one silently wins.
                        problems.push(duplicate(setting, earlier.setting, false));
                    }
                }
            }
        }
    }
    let mut merged: BTreeMap<&'static str, Vec<Loaded<'_>>> = BTreeMap::new();
    let mut beaten: BTreeMap<&'static str, Vec<Overridden>> = BTreeMap::new();
    let mut cli_keys: BTreeMap<&str, &RawSetting> = BTreeMap::new();
    for loaded in cli {
        if let Some(env_setting) = env.get_mut(&loaded.setting.key).and_then(Option::take) {
            // Same name in both places: the command line wins without a word from Mesos. An
            // image's default command that repeats the variable's value changes nothing.
            let same_default = loaded.setting.origin == Origin::Default
                && loaded.setting.value.as_ref().map(|v| &v.value)
                    == env_setting.setting.value.as_ref().map(|v| &v.value);
            if !same_default {
                problems.push(MesosProblem::EnvOverridden {
                    used: loaded.setting.clone(),
                    ignored: env_setting.setting.clone(),
                });
            }
            beaten
                .entry(loaded.spec.name)
                .or_default()
                .push(overridden(env_setting.setting));
        }
        if let Some(first) = cli_keys.insert(&loaded.setting.key, loaded.setting) {
            problems.push(duplicate(loaded.setting, first, true));
        }
        merged.entry(loaded.spec.name).or_default().push(loaded);
    }
    for loaded in env.into_values().flatten() {
        merged.entry(loaded.spec.name).or_default().push(loaded);
    }
    let mut flags = BTreeMap::new();
    for (name, all) in merged {
        let mut iter = all.into_iter();
        let Some(winner) = iter.next() else {
            continue;
        };
        let mut lost = beaten.get_mut(name).map(std::mem::take).unwrap_or_default();
        for other in iter {
            if other.setting.key != winner.setting.key {
                // Different names for one flag (alias and canonical, `x` and `no-x`).
                problems.push(duplicate(other.setting, winner.setting, true));
            }
            lost.push(overridden(other.setting));
        }
        flags.insert(name, effective(winner, lost));
    }
    let mut process = build_process(role, sources, flags, sink);
    process.problems = problems;
    process
}

/// A daemon that a script, unit or container starts itself (`ExecStart=/usr/sbin/mesos-master
/// --zk=${ZK}`) does not run through the init wrapper: the wrapper's variables in a defaults
/// file it reads (`ZK=...` in `EnvironmentFile=/etc/default/mesos-master`) are only shell
/// variables, which the command line expands; they pass no flag of their own.
fn drop_wrapper_variables(sources: &mut [MesosSource]) {
    if !sources.iter().any(|s| s.kind == SourceKind::Script) {
        return;
    }
    for source in sources.iter_mut().filter(|s| s.kind == SourceKind::EnvFile) {
        source.settings.retain(|s| s.origin != Origin::WrapperVar);
    }
}

/// Turns `/etc/mesos/zk` into the wrapper setting that reads it: the master's `--zk`, the
/// agent's `--master`. A wrapper variable that reads the file (``ZK=`cat /etc/mesos/zk` ``)
/// takes the file's value; one with a value of its own makes the file unused.
fn share_zk_file(role: Role, sources: &[MesosSource]) -> Vec<MesosSource> {
    let key = match role {
        Role::Master => "zk",
        Role::Agent => "master",
    };
    let zk_file = sources
        .iter()
        .filter(|s| s.kind == SourceKind::SharedZk)
        .flat_map(|s| s.settings.first())
        .next()
        .cloned();
    let mut out: Vec<MesosSource> = sources
        .iter()
        .filter(|s| s.kind != SourceKind::SharedZk)
        .cloned()
        .collect();
    let Some(mut zk) = zk_file else {
        return out;
    };
    let mut consumed = false;
    for setting in out.iter_mut().flat_map(|s| s.settings.iter_mut()) {
        if setting.origin == Origin::WrapperVar && setting.key == key {
            consumed = true;
            if setting
                .value
                .as_ref()
                .is_some_and(|v| v.value.contains("/etc/mesos/zk"))
            {
                setting.value = zk.value.clone();
                setting.unknown = zk.unknown;
            }
        }
    }
    if !consumed {
        zk.origin = Origin::WrapperVar;
        zk.key = key.to_owned();
        zk.display = "/etc/mesos/zk".to_owned();
        if let Some(source) = sources.iter().find(|s| s.kind == SourceKind::SharedZk) {
            let mut source = source.clone();
            source.kind = SourceKind::FlagFile;
            source.settings = vec![zk];
            out.push(source);
        }
    }
    out
}

/// Looks a flag setting up and records what the loader refuses about its shape.
fn load<'a>(
    setting: &'a RawSetting,
    next: Option<&RawSetting>,
    role: Role,
    problems: &mut Vec<MesosProblem>,
) -> Option<Loaded<'a>> {
    let env = setting.origin == Origin::Env;
    let (negated, bare) = match setting.key.strip_prefix("no-") {
        Some(rest) if !env => (true, rest),
        _ => (false, setting.key.as_str()),
    };
    let Some(written) = mesos::lookup(role, bare) else {
        if setting.origin == Origin::WrapperVar {
            // The wrapper of the other daemon reads this variable (`MASTER` for agents).
            return None;
        }
        if is_flag_name(setting, bare, role) {
            problems.push(MesosProblem::UnknownFlag {
                setting: setting.clone(),
                bare: bare.to_owned(),
                role,
            });
        }
        return None;
    };
    let spec = mesos::canonical(role, written);
    if setting.origin == Origin::CommandLine && setting.name.value != setting.key {
        problems.push(MesosProblem::NameCase {
            setting: setting.clone(),
        });
    }
    let is_bool = spec.ty == ValueType::Bool;
    if negated && !is_bool {
        problems.push(MesosProblem::NegatedNonBoolean {
            setting: setting.clone(),
            bare: bare.to_owned(),
        });
        return None;
    }
    if negated && setting.value.as_ref().is_some_and(|v| !v.value.is_empty()) {
        problems.push(MesosProblem::NegatedWithValue {
            setting: setting.clone(),
            bare: bare.to_owned(),
        });
        return None;
    }
    if setting.value.is_none() && !is_bool {
        problems.push(MesosProblem::MissingValue {
            setting: setting.clone(),
            bare: bare.to_owned(),
            next: next.cloned(),
        });
        return None;
    }
    if setting.value.is_none()
        && let Some(word) = next
        && !word.unknown
    {
        problems.push(MesosProblem::BooleanThenWord {
            setting: setting.clone(),
            bare: bare.to_owned(),
            word: word.clone(),
            negated,
        });
    }
    Some(Loaded {
        setting,
        written,
        spec,
        negated,
    })
}

/// `MESOS_*` variables (without the prefix) that scripts, bindings and the build set for
/// reasons of their own: the daemons ignore them, and nothing goes wrong.
const NOT_FLAG_VARIABLES: &[&str] = &[
    "home",
    "native_java_library",
    "native_library",
    "build_dir",
    "source_dir",
];

/// False for the unknown names the loader passes over without a problem: a variable of the
/// other daemon in a shared environment file, and variables that are not flags at all.
fn is_flag_name(setting: &RawSetting, bare: &str, role: Role) -> bool {
    let env = setting.origin == Origin::Env;
    if env && mesos::lookup(role.other(), bare).is_some() {
        // A shared environment file: the other daemon reads this one.
        return false;
    }
    if env && NOT_FLAG_VARIABLES.contains(&bare.to_ascii_lowercase().as_str()) {
        // `MESOS_HOME`, `MESOS_NATIVE_JAVA_LIBRARY`: read by scripts and frameworks, not flags.
        return false;
    }
    true
}

/// One flag set twice; `fatal` when Mesos refuses it rather than picking one.
fn duplicate(later: &RawSetting, first: &RawSetting, fatal: bool) -> MesosProblem {
    MesosProblem::DuplicateFlag {
        later: later.clone(),
        first: first.clone(),
        fatal,
    }
}

fn overridden(setting: &RawSetting) -> Overridden {
    Overridden {
        name: setting.name.clone(),
        display: setting.display.clone(),
        value: setting.value.clone(),
        origin: setting.origin,
    }
}

fn effective(loaded: Loaded<'_>, overridden: Vec<Overridden>) -> EffectiveFlag {
    let setting = loaded.setting;
    let value = match &setting.value {
        Some(v) if loaded.negated => Spanned::new("false".to_owned(), v.span),
        Some(v) => v.clone(),
        None => Spanned::new(
            if loaded.negated { "false" } else { "true" }.to_owned(),
            Span::point(setting.name.span.file, setting.name.span.end as usize),
        ),
    };
    let read = if setting.unknown {
        FlagValue::Unknown
    } else {
        read_value(loaded.spec.ty, &value.value)
    };
    EffectiveFlag {
        read,
        inline_secret: loaded.spec.secret && !looks_like_path(&value.value),
        spec: loaded.spec,
        written: loaded.written,
        name: setting.name.clone(),
        display: setting.display.clone(),
        origin: setting.origin,
        unknown: setting.unknown,
        overridden,
        items: split_list(&value.value)
            .map(|(at, item)| Spanned::new(item.to_owned(), value.sub_span(at, at + item.len())))
            .collect(),
        value,
    }
}

fn build_process(
    role: Role,
    sources: &[MesosSource],
    flags: BTreeMap<&'static str, EffectiveFlag>,
    sink: &mut Sink,
) -> MesosProcess {
    for flag in flags.values() {
        // Inline Docker credentials (`auths`) are secrets as a whole.
        if flag.spec.name == "docker_config" && flag.value.value.trim_start().starts_with('{') {
            sink.secret(flag.value.span);
        }
        // Secret flags name files; anything that is not a path may be the secret itself.
        if flag.inline_secret {
            sink.secret(flag.value.span);
        }
    }
    let zk = match (role, flags.get("zk")) {
        (Role::Master, Some(f)) => {
            let url = parse_zk_url(&f.value, sink);
            (!f.unknown).then_some(url)
        }
        _ => None,
    };
    let master = match (role, flags.get("master")) {
        (Role::Agent, Some(f)) => {
            let addr = parse_master_addr(&f.value, sink);
            (!f.unknown).then_some(addr)
        }
        _ => None,
    };
    let binary = sources.iter().find_map(|s| s.binary.clone());
    let anchor = binary
        .as_ref()
        .map(|b| b.span)
        .or_else(|| sources.first().map(|s| s.anchor))
        .or_else(|| flags.values().next().map(|f| f.name.span));
    let is_template = sources.iter().any(|s| s.open_ended) || flags.values().any(|f| f.unknown);
    let quorum = flags
        .get("quorum")
        .filter(|f| !f.unknown)
        .and_then(|f| Some(Spanned::new(parse_int(&f.value.value).ok()?, f.value.span)));
    MesosProcess {
        role,
        binary,
        flags,
        sources: sources.to_vec(),
        is_template,
        zk,
        master,
        anchor,
        quorum,
        problems: Vec::new(),
    }
}
