//! Merges the raw settings of a master's or agent's sources into the flags it runs with,
//! applying the rules of Mesos's flag loader (stout `FlagsBase::load`).
//!
//! What the loader itself would refuse or silently drop (unknown names, duplicates,
//! `--name value`, `--no-` misuse, single-dash arguments) is reported here, into the sink.
//! Everything about the values themselves is left to the rules, which read the result.

use std::collections::BTreeMap;

use crate::catalog::mesos::{self, FlagSpec, ValueType};
use crate::diagnostic::{Finding, Severity};
use crate::model::mesos::{
    ArgForm, EffectiveFlag, MesosProcess, MesosSource, Origin, Overridden, RawSetting, Role,
    SourceKind,
};
use crate::parse::Sink;
use crate::parse::mesos_values::{parse_int, split_list};
use crate::parse::zk_url::{parse_master_addr, parse_zk_url};
use crate::rules::mesos::{
    arguments_after_terminator::ARGUMENTS_AFTER_TERMINATOR, duplicate_flag::DUPLICATE_FLAG,
    env_overridden::ENV_OVERRIDDEN, flag_name_case::FLAG_NAME_CASE,
    ignored_argument::IGNORED_ARGUMENT, negated_non_boolean::NEGATED_NON_BOOLEAN,
    space_separated_value::SPACE_SEPARATED_VALUE, unknown_flag::UNKNOWN_FLAG,
};
use crate::settings::Settings;
use crate::source::{Span, Spanned};

/// A setting that names a known flag, ready to merge.
struct Loaded<'a> {
    setting: &'a RawSetting,
    written: &'static FlagSpec,
    spec: &'static FlagSpec,
    negated: bool,
}

/// Builds the process that `sources` configure, reporting what Mesos's loader would reject.
pub fn resolve(
    role: Role,
    sources: &[MesosSource],
    settings: &Settings,
    sink: &mut Sink,
) -> MesosProcess {
    let adjusted = share_zk_file(role, sources);
    let sources = adjusted.as_slice();
    let mut env: BTreeMap<String, Loaded<'_>> = BTreeMap::new();
    let mut cli: Vec<Loaded<'_>> = Vec::new();
    for source in sources {
        let args = &source.settings;
        let mut stopped: Option<&RawSetting> = None;
        for (i, setting) in args.iter().enumerate() {
            if let Some(terminator) = stopped {
                if setting.form != ArgForm::Terminator {
                    sink.push(
                        ARGUMENTS_AFTER_TERMINATOR.report(
                            Finding::new(format!(
                                "`{}` comes after `--` and is ignored",
                                setting.display
                            ))
                            .primary(setting.whole, "ignored by Mesos")
                            .secondary(terminator.whole, "Mesos stops reading arguments here")
                            .help("move the argument before `--`, or remove the `--`"),
                        ),
                    );
                }
                continue;
            }
            match setting.form {
                ArgForm::Terminator => stopped = Some(setting),
                ArgForm::SingleDash => report_single_dash(setting, role, settings, sink),
                ArgForm::Positional => {
                    let after_bare_flag = i
                        .checked_sub(1)
                        .and_then(|p| args.get(p))
                        .is_some_and(|p| p.form == ArgForm::Flag && p.value.is_none());
                    if !after_bare_flag && !setting.unknown {
                        sink.push(
                            IGNORED_ARGUMENT.report(
                                Finding::new(format!(
                                    "`{}` is not a flag and is ignored",
                                    setting.display
                                ))
                                .primary(setting.whole, "skipped by Mesos")
                                .help("flags are written `--name=value`; remove the stray word"),
                            ),
                        );
                    }
                }
                ArgForm::Flag => {
                    let next = args.get(i + 1).filter(|n| n.form == ArgForm::Positional);
                    let Some(loaded) = load(setting, next, role, settings, sink) else {
                        continue;
                    };
                    if setting.origin.is_command_line() {
                        cli.push(loaded);
                    } else if let Some(earlier) = env.insert(setting.key.clone(), loaded) {
                        // Two variables that differ only in case: one silently wins.
                        report_duplicate(setting, earlier.setting, Severity::Warning, sink);
                    }
                }
            }
        }
    }
    let mut merged: BTreeMap<&'static str, Vec<Loaded<'_>>> = BTreeMap::new();
    let mut beaten: BTreeMap<&'static str, Vec<Overridden>> = BTreeMap::new();
    let mut cli_keys: BTreeMap<&str, &RawSetting> = BTreeMap::new();
    for loaded in cli {
        if let Some(env_setting) = env.remove(&loaded.setting.key) {
            // Same name in both places: the command line wins without a word from Mesos.
            sink.push(
                ENV_OVERRIDDEN.report(
                    Finding::new(format!(
                        "`{}` overrides `{}`",
                        loaded.setting.display, env_setting.setting.display
                    ))
                    .primary(loaded.setting.whole, "this value is used")
                    .secondary(env_setting.setting.whole, "this value is ignored")
                    .help("set the flag in one place only"),
                ),
            );
            beaten
                .entry(loaded.spec.name)
                .or_default()
                .push(overridden(env_setting.setting));
        }
        if let Some(first) = cli_keys.insert(&loaded.setting.key, loaded.setting) {
            report_duplicate(loaded.setting, first, Severity::Error, sink);
        }
        merged.entry(loaded.spec.name).or_default().push(loaded);
    }
    for (_, loaded) in env {
        merged.entry(loaded.spec.name).or_default().push(loaded);
    }
    let mut flags = BTreeMap::new();
    for (name, all) in merged {
        let mut iter = all.into_iter();
        let Some(winner) = iter.next() else {
            continue;
        };
        let mut lost = beaten.remove(name).unwrap_or_default();
        for other in iter {
            if other.setting.key != winner.setting.key {
                // Different names for one flag (alias and canonical, `x` and `no-x`).
                report_duplicate(other.setting, winner.setting, Severity::Error, sink);
            }
            lost.push(overridden(other.setting));
        }
        flags.insert(name, effective(winner, lost));
    }
    build_process(role, sources, flags, sink)
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

/// Looks a flag setting up and reports what the loader refuses about its shape.
fn load<'a>(
    setting: &'a RawSetting,
    next: Option<&RawSetting>,
    role: Role,
    settings: &Settings,
    sink: &mut Sink,
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
        report_unknown(setting, bare, role, settings, sink);
        return None;
    };
    let spec = mesos::canonical(role, written);
    if setting.origin == Origin::CommandLine && setting.name.value != setting.key {
        sink.push(
            FLAG_NAME_CASE.report(
                Finding::new(format!(
                    "`{}` is read as `--{}`",
                    setting.display, setting.key
                ))
                .primary(setting.name.span, "Mesos lower-cases flag names")
                .help(format!("write `--{}`", setting.key)),
            ),
        );
    }
    let is_bool = spec.ty == ValueType::Bool;
    if negated && !is_bool {
        sink.push(
            NEGATED_NON_BOOLEAN.report(
                Finding::new(format!(
                    "`{}` negates `{bare}`, which is not a boolean",
                    setting.display
                ))
                .primary(setting.name.span, "only boolean flags take `--no-`")
                .help(format!(
                    "Mesos fails with: Failed to load non-boolean flag '{bare}' via 'no-{bare}'; \
                     write `--{bare}=<value>`"
                )),
            ),
        );
        return None;
    }
    if negated && setting.value.as_ref().is_some_and(|v| !v.value.is_empty()) {
        let value = setting.value.as_ref().map_or(setting.whole, |v| v.span);
        sink.push(
            NEGATED_NON_BOOLEAN.report(
                Finding::new(format!("`{}` takes no value", setting.display))
                    .primary(value, "a value after `--no-` is refused")
                    .help(format!(
                        "write `--no-{bare}` or `--{bare}=false`; Mesos fails with: Failed to \
                         load boolean flag '{bare}' via 'no-{bare}' with value"
                    )),
            ),
        );
        return None;
    }
    if setting.value.is_none() && !is_bool {
        let finding = match next {
            Some(word) => Finding::new(format!(
                "`{} {}` is not `{}={}`",
                setting.display, word.display, setting.display, word.display
            ))
            .primary(setting.whole, "read as a flag without a value")
            .secondary(word.whole, "skipped by Mesos")
            .help(format!(
                "write `{}={}`; Mesos fails with: Failed to load non-boolean flag '{bare}': \
                 Missing value",
                setting.display, word.display
            )),
            None => Finding::new(format!("`{}` has no value", setting.display))
                .primary(setting.whole, "a value is required")
                .help(format!(
                    "write `{}=<value>`; Mesos fails with: Failed to load non-boolean flag \
                     '{bare}': Missing value",
                    setting.display
                )),
        };
        sink.push(SPACE_SEPARATED_VALUE.report(finding));
        return None;
    }
    if setting.value.is_none()
        && let Some(word) = next
        && !word.unknown
    {
        let meaning = if negated { "false" } else { "true" };
        sink.push(
            SPACE_SEPARATED_VALUE.report(
                Finding::new(format!(
                    "`{} {}` sets `{bare}` to {meaning} and ignores `{}`",
                    setting.display, word.display, word.display
                ))
                .primary(word.whole, "skipped by Mesos")
                .secondary(setting.whole, format!("sets `{bare}` to {meaning}"))
                .help(format!("write `--{bare}={}`", word.display))
                .severity(Severity::Warning),
            ),
        );
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

fn report_unknown(
    setting: &RawSetting,
    bare: &str,
    role: Role,
    settings: &Settings,
    sink: &mut Sink,
) {
    let env = setting.origin == Origin::Env;
    if env && mesos::lookup(role.other(), bare).is_some() {
        // A shared environment file: the other daemon reads this one.
        return;
    }
    if env && NOT_FLAG_VARIABLES.contains(&bare.to_ascii_lowercase().as_str()) {
        // `MESOS_HOME`, `MESOS_NATIVE_JAVA_LIBRARY`: read by scripts and frameworks, not flags.
        return;
    }
    let suggestion = mesos::suggest(role, bare, settings.mesos);
    let shown = |name: &str| {
        if env {
            format!("MESOS_{}", name.to_ascii_uppercase())
        } else if setting.origin == Origin::FlagFile {
            name.to_owned()
        } else {
            format!("--{name}")
        }
    };
    let mut finding = if env {
        Finding::new(format!(
            "`{}` is not a {} flag and is ignored",
            setting.display,
            role.binary()
        ))
        .primary(setting.name.span, "unknown variable, silently ignored")
        .severity(Severity::Warning)
    } else {
        Finding::new(format!(
            "`{}` is not a {} flag",
            setting.display,
            role.binary()
        ))
        .primary(setting.name.span, "unknown flag")
    };
    let other_role = mesos::lookup(role.other(), bare).is_some();
    finding = match (suggestion, other_role) {
        (Some(s), _) => finding.help(format!("did you mean `{}`?", shown(s))),
        (None, true) => finding.help(format!(
            "`{bare}` is a flag of {}; remove it here",
            role.other().binary()
        )),
        (None, false) if env => finding.help("remove the variable or fix its name"),
        (None, false) => finding.help(format!(
            "Mesos fails with: Failed to load unknown flag '{bare}'; remove it or fix its name"
        )),
    };
    sink.push(UNKNOWN_FLAG.report(finding));
}

fn report_single_dash(setting: &RawSetting, role: Role, settings: &Settings, sink: &mut Sink) {
    let key = setting.key.split('=').next().unwrap_or("");
    let known = mesos::lookup(role, key).is_some();
    let suggestion = if known {
        Some(key)
    } else {
        mesos::suggest(role, key, settings.mesos)
    };
    let mut finding = Finding::new(format!(
        "`{}` has a single dash and is ignored",
        setting.display
    ))
    .primary(setting.whole, "skipped by Mesos without a word");
    finding = match suggestion {
        Some(name) => finding.help(format!("write `--{name}=...`")),
        None => finding.help("Mesos reads only arguments that start with `--`"),
    };
    sink.push(IGNORED_ARGUMENT.report(finding));
}

fn report_duplicate(later: &RawSetting, first: &RawSetting, severity: Severity, sink: &mut Sink) {
    let message = if later.display == first.display {
        format!("`{}` is set twice", later.display)
    } else {
        format!(
            "`{}` and `{}` set the same flag",
            first.display, later.display
        )
    };
    let help = if severity == Severity::Error {
        format!(
            "keep one; Mesos fails with: Flag '{}' is already loaded via name '{}'",
            later.key, first.key
        )
    } else {
        "keep one; which one Mesos uses depends on the environment's order".to_owned()
    };
    sink.push(
        DUPLICATE_FLAG.report(
            Finding::new(message)
                .primary(later.whole, "set again here")
                .secondary(first.whole, "first set here")
                .help(help)
                .severity(severity),
        ),
    );
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
    EffectiveFlag {
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
        if flag.spec.secret {
            let path_like = crate::parse::mesos_values::looks_like_path(&flag.value.value);
            if !path_like {
                sink.secret(flag.value.span);
            }
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
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::mesos::Role;
    use crate::parse::mesos_env::EnvKind;
    use crate::rules::mesos::testing::{codes, lint_env, lint_script};

    const AGENT: &str = "mesos-agent --work_dir=/var/lib/mesos --master=10.0.0.1:5050";
    const MASTER: &str = "mesos-master --work_dir=/var/lib/mesos";

    /// Only the loader's own codes (MS0xx).
    fn loader_codes(text: &str) -> Vec<(&'static str, &'static str)> {
        codes(&lint_script(text, 11))
            .into_iter()
            .filter(|(c, _)| c.starts_with("MS0"))
            .collect()
    }

    #[test]
    fn command_line_forms_of_section_one() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            // `--name=value`, value may hold `=` or be empty (for strings).
            (" --default_role=a=b", &[]),
            (" --hostname=", &[]),
            // `--name` alone: booleans only.
            (" --switch_user", &[]),
            (" --recover", &[("MS003", "error")]),
            // `--no-name`: booleans only, never with a value (empty is fine).
            (" --no-switch_user", &[]),
            (" --no-switch_user=", &[]),
            (" --no-recover", &[("MS004", "error")]),
            (" --no-switch_user=false", &[("MS004", "error")]),
            // `--name value`.
            (" --recover cleanup", &[("MS003", "error")]),
            (" --switch_user false", &[("MS003", "warning")]),
            // Single dash and stray words are skipped.
            (" -ip=10.0.0.2", &[("MS005", "warning")]),
            (" stray", &[("MS005", "warning")]),
            // `--` ends the flags.
            (" -- --quiet", &[("MS006", "warning")]),
            // Names are lower-cased; `-` and `_` are not interchangeable.
            (" --Quiet", &[("MS008", "info")]),
            (" --work-dir=/x", &[("MS001", "error")]),
            // Unknown, duplicate, alias with canonical, `--x` with `--no-x`.
            (" --bogus=1", &[("MS001", "error")]),
            (" --port=1 --port=2", &[("MS002", "error")]),
            (
                " --slave_subsystems=cpu --agent_subsystems=cpu",
                &[("MS002", "error")],
            ),
            (" --quiet --no-quiet", &[("MS002", "error")]),
        ];
        for (args, want) in cases {
            let text = format!("{AGENT}{args}");
            assert_eq!(loader_codes(&text), *want, "{text}");
        }
    }

    #[test]
    fn environment_rules_of_section_one() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            // Same name in env and CLI: the CLI wins silently (info).
            ("MESOS_PORT=1 {AGENT} --port=2", &[("MS007", "info")]),
            // Alias in env, canonical on the CLI: error.
            (
                "MESOS_SLAVE_SUBSYSTEMS=cpu {AGENT} --agent_subsystems=cpu",
                &[("MS002", "error")],
            ),
            // Env true, CLI `--no-`: different names, error.
            (
                "MESOS_SWITCH_USER=true {AGENT} --no-switch_user",
                &[("MS002", "error")],
            ),
            // Unknown env var: ignored (warning); known to the other daemon: nothing.
            (
                "MESOS_ISOLATOR=cgroups/cpu {AGENT}",
                &[("MS001", "warning")],
            ),
            ("MESOS_QUORUM=2 {AGENT}", &[]),
            // Variables that scripts and bindings use, not flags: nothing.
            ("MESOS_HOME=/opt/mesos {AGENT}", &[]),
            (
                "MESOS_NATIVE_JAVA_LIBRARY=/usr/lib/libmesos.so {AGENT}",
                &[],
            ),
            // `MESOS_NO_FOO` negates nothing: it is flag `no_foo`.
            ("MESOS_NO_SWITCH_USER=1 {AGENT}", &[("MS001", "warning")]),
            // Case of the suffix does not matter.
            ("MESOS_work_dir=/w mesos-agent --master=h:5050", &[]),
        ];
        for (template, want) in cases {
            let text = template.replace("{AGENT}", AGENT);
            assert_eq!(loader_codes(&text), *want, "{text}");
        }
    }

    #[test]
    fn env_files_merge_like_the_environment() {
        let text = "MESOS_QUORUM=2\nMESOS_quorum=3\nMESOS_ZK=zk://a:2181/m\n";
        let got = codes(&lint_env(text, EnvKind::Shell, Role::Master, 11));
        assert!(got.contains(&("MS002", "warning")), "{got:?}");
    }

    #[test]
    fn unknown_flag_suggests_a_name() {
        let diagnostics = lint_script(&format!("{MASTER} --qourum=2"), 11);
        let d = diagnostics
            .iter()
            .find(|d| d.code == "MS001")
            .expect("unknown flag");
        assert_eq!(d.message, "`--qourum` is not a mesos-master flag");
        assert_eq!(d.help.as_deref(), Some("did you mean `--quorum`?"));
    }

    #[test]
    fn wrapper_variable_and_flag_file_collide() {
        use crate::model::mesos::Role;
        use crate::parse::Sink;
        use crate::parse::mesos_flag_file::parse_mesos_flag_file;
        use crate::parse::mesos_loader::resolve;
        use crate::settings::Settings;
        use crate::source::SourceMap;
        let settings = Settings::default();
        let mut map = SourceMap::new();
        let mut sink = Sink::default();
        let defaults = "ZK=`cat /etc/mesos/zk`\nPORT=5050\n";
        let d = map.add("etc/default/mesos-master", defaults.as_bytes());
        let env = crate::parse::mesos_env::parse_mesos_env(
            d,
            defaults,
            EnvKind::InitDefaults,
            &settings,
            &mut sink,
        );
        let z = map.add("etc/mesos/zk", b"zk://a:2181/mesos\n");
        let zk = parse_mesos_flag_file(z, None, "zk", "zk://a:2181/mesos\n", &settings, &mut sink);
        let p = map.add("etc/mesos-master/port", b"5050\n");
        let port = parse_mesos_flag_file(
            p,
            Some(Role::Master),
            "port",
            "5050\n",
            &settings,
            &mut sink,
        );
        let process = resolve(Role::Master, &[env, zk, port], &settings, &mut sink);
        assert_eq!(
            process.zk().map(|u| u.path.value.as_str()),
            Some("/mesos"),
            "the zk file feeds ZK="
        );
        let dup: Vec<_> = sink
            .diagnostics
            .iter()
            .filter(|d| d.code == "MS002")
            .collect();
        assert_eq!(dup.len(), 1, "{:?}", sink.diagnostics);
        assert_eq!(dup[0].message, "`PORT` and `port` set the same flag");
    }
}
