//! Finds `mesos-master` and `mesos-agent` invocations in shell scripts, systemd units, upstart
//! jobs, docker-compose files and Markdown code, and reads their arguments.
//!
//! An invocation is a command whose program is a Mesos binary (`mesos-master`,
//! `/usr/sbin/mesos-slave`, `./bin/mesos-agent.sh`, `mesos master`, a `mesosphere/mesos-*`
//! image) once assignments and wrappers such as `exec`, `nohup` or `sudo` are skipped. The
//! arguments become [`RawSetting`]s with spans into the file; nothing is merged here (see
//! [`crate::parse::mesos_loader`]).
//!
//! The seams: `invocation` finds the command that starts a daemon, `systemd` reads what a
//! unit adds to it, `docker` the container forms (`docker run`, compose, JSON arrays), and
//! `markdown` which parts of a document are code.

use crate::model::mesos::{ArgForm, MesosSource, Origin, RawSetting, Role, Script, SourceKind};
use crate::parse::Sink;
use crate::parse::compose::EnvFiles;
use crate::parse::mesos_words::{
    self, argument, assignment, is_identifier, leading_assignments, mask_secrets, mask_templates,
};
use crate::parse::shell::{Command, Word, split_commands, split_unit_commands};
use crate::parse::shell_vars::{Expansion, Vars};
use crate::settings::Settings;
use crate::sort::CollectSorted;
use crate::source::{FileId, Span, Spanned};
use crate::template::has_placeholder;

mod docker;
mod invocation;
mod markdown;
mod systemd;

use docker::{compose_env, docker_run, image_default_command, image_role, unwrap_json_array};
use invocation::{COMMAND_KEYS, Invocation, binary_role, find_invocation};
pub(crate) use markdown::regions;
use systemd::{UnitContext, is_unit, shell_c_body};

/// At most this many invocations are read from one file; real files hold a handful, and the
/// limit keeps the work linear when every invocation inherits the file's variables.
const MAX_INVOCATIONS: usize = 64;

/// An env file a unit (`EnvironmentFile=`) or script (`. FILE`, `source FILE`) reads, found in
/// the linted tree.
pub struct Followed<'a> {
    pub file: FileId,
    pub text: &'a str,
    /// True when its `MESOS_*` variables reach the daemon only through this file; false when
    /// the file is read as the host's env file already.
    pub environment: bool,
}

/// Every Mesos invocation in a script-like file, one source each, with the values they took
/// from the file's variables; `env_files` gives the variables of a file that
/// `docker run --env-file` names, by the path as written.
pub fn parse_mesos_script(
    file: FileId,
    text: &str,
    settings: &Settings,
    env_files: &EnvFiles<'_>,
    sink: &mut Sink,
) -> Script {
    parse_mesos_script_following(file, text, settings, env_files, sink, &|_| None)
}

/// The paths of the env files a unit or script reads (`EnvironmentFile=-/etc/default/x`,
/// `. ./env.sh`, `source /etc/sysconfig/mesos`), as written; paths with expansions are left out.
pub fn env_files_named(file: FileId, text: &str) -> Vec<String> {
    let masked = mask_templates(text);
    let split = if is_unit(&masked) {
        split_unit_commands
    } else {
        split_commands
    };
    split(file, &masked, 0..masked.len())
        .iter()
        .filter_map(named_env_file)
        .map(|w| w.text.trim_start_matches('-').to_owned())
        .filter(|n| !n.is_empty())
        .collect()
}

/// The word naming the env file a command reads, if it reads one.
fn named_env_file(command: &Command) -> Option<Word> {
    let first = command.words.first()?;
    let word = if let Some(at) = first
        .text
        .strip_prefix("EnvironmentFile=")
        .map(|r| first.text.len() - r.len())
    {
        first.slice(at, first.text.len())?
    } else if matches!(first.text.as_str(), "." | "source") {
        command.words.get(1)?.clone()
    } else {
        return None;
    };
    (!word.expansion && !has_placeholder(&word.text)).then_some(word)
}

/// The assignments in a followed env file: into `vars`, and the `MESOS_*` ones into `env`
/// when the daemon gets them through this file only.
fn read_followed(followed: &Followed, vars: &mut Vars, env: Option<&mut Vec<RawSetting>>) {
    let mut ignored = Vec::new();
    let mut value_uses = Vec::new();
    let env = env.unwrap_or(&mut ignored);
    let masked = mask_templates(followed.text);
    for command in split_commands(followed.file, &masked, 0..masked.len()) {
        let words = command.words.iter().skip_while(|w| w.text == "export");
        for (word, name, value) in leading_assignments(words) {
            let span = word.span_of(name.len() + 1, word.text.len());
            vars.assign(name, value, word.expansion, span, false);
            if let Some(mut setting) = assignment(word, 0) {
                resolve(&mut setting, vars, &mut value_uses);
                env.retain(|s| s.key != setting.key);
                env.push(setting);
            }
        }
    }
}

/// [`parse_mesos_script`], reading the env files the file names through `followed` (`None`
/// for a file outside the tree: its values stay unknown).
pub fn parse_mesos_script_following<'a>(
    file: FileId,
    text: &str,
    _settings: &Settings,
    env_files: &EnvFiles<'_>,
    sink: &mut Sink,
    followed: &dyn Fn(&str) -> Option<Followed<'a>>,
) -> Script {
    let mut value_uses = Vec::new();
    let masked = mask_templates(text);
    let mut commands = Vec::new();
    // Inline code in prose often shows part of a command line only.
    let mut partial = Vec::new();
    let regions = regions(&masked);
    // A guide often shows one command twice (a fenced block, then the same line again):
    // one daemon, not two.
    let document = !matches!(regions.as_slice(), [(r, false)] if *r == (0..masked.len()));
    let mut shown: Vec<Vec<(String, Option<String>)>> = Vec::new();
    for (range, inline) in regions {
        let region = masked.get(range.clone()).unwrap_or_default();
        let split = if is_unit(region) {
            split_unit_commands
        } else {
            split_commands
        };
        for command in split(file, &masked, range.clone()) {
            let command = unwrap_json_array(command);
            // `ExecStart=/bin/sh -c 'exec mesos-agent ...'`: read the quoted command itself.
            let nested = shell_c_body(&command, &masked)
                .map(|body| split_commands(file, &masked, body))
                .unwrap_or_default();
            if !nested.iter().any(|c| find_invocation(c).is_some()) {
                commands.push(command);
                partial.push(inline);
            } else {
                for command in nested {
                    commands.push(command);
                    partial.push(inline);
                }
            }
        }
    }
    let unit = UnitContext::collect(&commands, followed);
    let mut vars = unit.vars.clone();
    // How deep the current command sits in `if`/`case`/loops/functions: assignments there run
    // only sometimes.
    let mut depth = 0usize;
    let env_file = commands
        .iter()
        .any(|c| c.words.first().is_some_and(|w| w.text == "env_file:"));
    let mut sources = Vec::new();
    // The source of the compose service being read, and whether it has a `command:`.
    let mut compose: Option<usize> = None;
    let mut compose_sources: Vec<usize> = Vec::new();
    let mut compose_commands: Vec<usize> = Vec::new();
    // `MESOS_*` variables the script sets before it starts the daemon.
    let mut script_env: Vec<RawSetting> = Vec::new();
    for (index, command) in commands.iter().enumerate() {
        if sources.len() >= MAX_INVOCATIONS {
            break;
        }
        let first = command.words.first().map_or("", |w| w.text.as_str());
        if first == "image:" {
            compose = None;
            if let Some(image) = command.words.get(1)
                && let Some(role) = image_role(&image.text)
            {
                let mut source =
                    MesosSource::new(file, SourceKind::Script, Some(role), image.span());
                source.binary = Some(Spanned::new(image.text.clone(), image.span()));
                source.image = true;
                source.open_ended = env_file;
                sources.push(source);
                compose = Some(sources.len() - 1);
                compose_sources.extend(compose);
            }
            continue;
        }
        if let Some(source) = compose.and_then(|i| sources.get_mut(i)) {
            if first == "entrypoint:" {
                if let Some(w) = command.words.get(1)
                    && let Some(role) = binary_role(&w.text)
                {
                    source.role = Some(role);
                    source.binary = Some(Spanned::new(w.text.clone(), w.span()));
                    source.image = false;
                }
                continue;
            }
            if matches!(first, "command:" | "args:")
                && command
                    .words
                    .get(1)
                    .is_some_and(|w| w.text.starts_with('-'))
            {
                push_arguments(source, &command.words[1..]);
                compose_commands.extend(compose);
                continue;
            }
            if let Some(setting) = compose_env(command) {
                source.settings.push(setting);
                continue;
            }
        }
        let conditional = depth > 0 || after_and_or(&masked, command);
        depth = track_depth(depth, command);
        let Some(mut found) = find_invocation(command) else {
            let unit_line =
                first.starts_with("Environment=") || first.starts_with("EnvironmentFile=");
            if !unit_line
                && let Some(named) = named_env_file(command)
                && let Some(followed) = followed(&named.text)
            {
                // `. /etc/default/mesos`: its variables are the script's from here on.
                let env = followed.environment.then_some(&mut script_env);
                read_followed(&followed, &mut vars, env);
                continue;
            }
            if !unit_line {
                record_assignments(
                    command,
                    conditional,
                    &mut vars,
                    &mut script_env,
                    &mut value_uses,
                );
            }
            continue;
        };
        for setting in &mut found.env {
            resolve(setting, &vars, &mut value_uses);
        }
        let mut source = MesosSource::new(
            file,
            SourceKind::Script,
            Some(found.role),
            found.binary.span,
        );
        let args = command.words.get(found.args_from..).unwrap_or_default();
        // A bare `mesos-master` takes its flags from places this file does not show.
        source.open_ended = unit.environment_file
            || partial.get(index).copied().unwrap_or(false)
            || (args.is_empty()
                && found.env.is_empty()
                && script_env.is_empty()
                && unit.env.is_empty()
                && !found.docker);
        let (file_env, unseen) = env_file_settings(&found.env_files, &found.env, env_files);
        source.open_ended |= unseen;
        source.settings.extend(unit.env.iter().cloned());
        source.settings.extend(script_env.iter().cloned());
        source.settings.extend(file_env);
        source.settings.extend(found.env);
        if found.docker && args.is_empty() {
            image_default_command(&mut source, &found.binary);
        }
        source.binary = Some(found.binary);
        source.image = found.docker;
        push_arguments(&mut source, args);
        for setting in &mut source.settings {
            resolve(setting, &vars, &mut value_uses);
        }
        if document {
            let binary = source.binary.as_ref().map(|b| b.value.clone());
            let words: Vec<_> = std::iter::once((binary.unwrap_or_default(), None))
                .chain(
                    source
                        .settings
                        .iter()
                        .map(|s| (s.display.clone(), s.value.as_ref().map(|v| v.value.clone()))),
                )
                .collect();
            if shown.contains(&words) {
                continue;
            }
            shown.push(words);
        }
        sources.push(source);
    }
    for i in compose_sources {
        if compose_commands.contains(&i) {
            continue;
        }
        if let Some(source) = sources.get_mut(i)
            && let Some(image) = source.binary.clone()
        {
            image_default_command(source, &image);
        }
    }
    // Credentials in any zk URL or password-like variable, whichever daemon reads it.
    for setting in sources.iter().flat_map(|s| &s.settings) {
        mask_secrets(setting, sink);
    }
    Script {
        sources,
        value_uses,
    }
}

/// Words that may stand before a command's assignments without being a command themselves.
pub(crate) const ASSIGNMENT_PREFIXES: &[&str] = &[
    "then", "else", "do", "{", "!", "export", "readonly", "local", "declare", "typeset",
];

/// Records the assignments a command makes (`X=1`, `export X=1 Y=2`) into the file's
/// variables, and the `MESOS_*` ones into the settings the script's daemons inherit. Only
/// leading words count: `echo "MESOS_IP=..."` prints, it does not assign. An assignment under
/// a condition is no second setting: it makes the value unknown.
fn record_assignments(
    command: &Command,
    conditional: bool,
    vars: &mut Vars,
    script_env: &mut Vec<RawSetting>,
    value_uses: &mut Vec<(Span, Span)>,
) {
    // An upstart job's `env NAME=VALUE` stanza sets a variable its `exec` inherits; in a
    // shell, `env` with assignments and no command only prints, so reading it so is safe.
    let stanza = is_env_stanza(command);
    let exports = stanza
        || command
            .words
            .iter()
            .any(|w| matches!(w.text.as_str(), "export" | "-x"));
    if command.words.first().is_some_and(|w| w.text == "set") {
        if exports_all(command) {
            vars.export_all = true;
        }
        return;
    }
    let words = command
        .words
        .iter()
        .skip(usize::from(stanza))
        .skip_while(|w| ASSIGNMENT_PREFIXES.contains(&w.text.as_str()) || w.text.starts_with('-'));
    for word in words {
        // `export MESOS_QUORUM` after `MESOS_QUORUM=2`: now the daemon sees it.
        if exports && is_identifier(&word.text) {
            if let Some(at) = vars.unexported.iter().position(|s| s.display == word.text) {
                let setting = vars.unexported.remove(at);
                script_env.push(setting);
            }
            continue;
        }
        let Some((name, value)) = word.text.split_once('=') else {
            break;
        };
        if !is_identifier(name) {
            break;
        }
        let value_at = name.len() + 1;
        let span = word.span_of(value_at, word.text.len());
        vars.assign(name, value, word.expansion, span, conditional);
        let Some(mut setting) = assignment(word, 0) else {
            continue;
        };
        resolve(&mut setting, vars, value_uses);
        if !exports && !vars.export_all {
            // A shell variable the daemon does not inherit: it only feeds `$MESOS_X` uses.
            vars.unexported.retain(|s| s.key != setting.key);
            vars.unexported.push(setting);
            continue;
        }
        match script_env.iter_mut().find(|s| s.key == setting.key) {
            Some(earlier) if conditional => earlier.unknown = true,
            _ if conditional => {
                setting.unknown = true;
                script_env.push(setting);
            }
            _ => script_env.push(setting),
        }
    }
}

/// `env NAME=VALUE ...` with nothing after the assignments: an upstart `env` stanza.
fn is_env_stanza(command: &Command) -> bool {
    let mut words = command.words.iter();
    words.next().is_some_and(|w| w.text == "env")
        && command.words.len() > 1
        && words.all(|w| {
            w.text
                .split_once('=')
                .is_some_and(|(name, _)| is_identifier(name))
        })
}

/// `set -a` (or `set -o allexport`): every later assignment is exported.
fn exports_all(command: &Command) -> bool {
    let words: Vec<&str> = command.words.iter().map(|w| w.text.as_str()).collect();
    words.first() == Some(&"set")
        && (words
            .iter()
            .any(|w| w.starts_with('-') && !w.starts_with("--") && w.contains('a'))
            || words.windows(2).any(|p| p == ["-o", "allexport"]))
}

/// True when the command follows `&&` or `||` on its line: it runs only sometimes.
pub(crate) fn after_and_or(text: &str, command: &Command) -> bool {
    let Some(first) = command.words.first() else {
        return false;
    };
    let start = (first.span().start as usize).min(text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    text.get(line_start..start)
        .is_some_and(|before| before.contains("&&") || before.contains("||"))
}

/// The nesting depth after `command`: `if`, `case`, loops and function bodies open a level;
/// `fi`, `esac`, `done` and `}` close one.
pub(crate) fn track_depth(depth: usize, command: &Command) -> usize {
    let mut depth = depth;
    for (i, word) in command.words.iter().enumerate() {
        let text = word.text.as_str();
        let leading = i == 0
            || command.words[..i]
                .iter()
                .all(|w| matches!(w.text.as_str(), "then" | "else" | "do" | "!" | "{"));
        match text {
            "if" | "case" | "while" | "until" | "for" | "select" if leading => depth += 1,
            "fi" | "esac" | "done" | "}" if leading => depth = depth.saturating_sub(1),
            "function" if i == 0 => depth += 1,
            _ if i == 0 && text.ends_with("()") => depth += 1,
            _ => {}
        }
    }
    depth
}

/// The `MESOS_*` settings of the files a `docker run --env-file` names, but for those its `-e`
/// options give (docker's precedence; a later file beats an earlier one), and whether some
/// file is out of sight, so that it may set anything.
fn env_file_settings(
    paths: &[Spanned<String>],
    given: &[RawSetting],
    env_files: &EnvFiles<'_>,
) -> (Vec<RawSetting>, bool) {
    let mut unseen = false;
    let mut all = Vec::new();
    for path in paths {
        match env_files(&path.value) {
            Some(vars) => all.extend(vars.iter().filter_map(mesos_words::env_var_setting)),
            None => unseen = true,
        }
    }
    let mut seen: std::collections::BTreeSet<String> =
        given.iter().map(|s| s.key.clone()).collect_set();
    let mut kept: Vec<RawSetting> = all
        .into_iter()
        .rev()
        .filter(|s| seen.insert(s.key.clone()))
        .collect();
    kept.reverse();
    (kept, unseen)
}

/// Gives a setting whose value uses shell variables the value the file says they hold, and
/// remembers where it came from so that diagnostics can point at both places.
fn resolve(setting: &mut RawSetting, vars: &Vars, value_uses: &mut Vec<(Span, Span)>) {
    if !setting.unknown {
        return;
    }
    let Some(value) = setting.value.as_mut() else {
        return;
    };
    if !value.value.contains('$') || value.value.contains("{{") || value.value.contains("<%") {
        return;
    }
    if let Expansion::Known {
        text,
        sources,
        sole,
    } = vars.expand(&value.value)
    {
        let used = value.span;
        for source in &sources {
            value_uses.push((*source, used));
        }
        value.value = text;
        if let Some(assignment) = sole {
            value.span = assignment;
        }
        setting.unknown = has_placeholder(&value.value);
    }
}
/// Adds the arguments of an invocation; unseen arguments (`"$@"`) make the source open-ended.
fn push_arguments(source: &mut MesosSource, words: &[Word]) {
    for word in words {
        let setting = argument(word, Origin::CommandLine);
        if setting.form == ArgForm::Positional && word.expansion {
            // `"$@"`, `$MESOS_OPTS`: flags meslint cannot see.
            source.open_ended = true;
        }
        source.settings.push(setting);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docker_env_files_reach_the_daemon_and_e_beats_them() {
        let text = "docker run --net=host --env-file m.env -e MESOS_QUORUM=2 mesosphere/mesos-master:1.4.1\ndocker run --net=host --env-file /etc/m.env mesosphere/mesos-master:1.4.1\n";
        let env = "MESOS_QUORUM=1\nMESOS_WORK_DIR=/w\nOTHER=x\n";
        let mut map = crate::source::SourceMap::new();
        let file = map.add("run.sh", text.as_bytes());
        let env_id = map.add("m.env", env.as_bytes());
        let files = |named: &str| {
            (named == "m.env").then(|| crate::parse::docker_run::parse_env_file(env_id, env))
        };
        let sources = parse_mesos_script(
            file,
            text,
            &Settings::default(),
            &files,
            &mut Sink::default(),
        )
        .sources;
        let values: Vec<(&str, &str)> = sources[0]
            .settings
            .iter()
            .map(|s| {
                (
                    s.key.as_str(),
                    s.value.as_ref().map_or("", |v| v.value.as_str()),
                )
            })
            .filter(|(k, _)| *k != "registry")
            .collect();
        assert_eq!(values, [("work_dir", "/w"), ("quorum", "2")]);
        let work = &sources[0].settings[0];
        assert_eq!(work.name.span.file, env_id, "points into the env file");
        assert!(!sources[0].open_ended);
        assert!(
            sources[1].open_ended,
            "a file out of the tree may set anything"
        );
    }
    use crate::source::SourceMap;
    use proptest::prelude::*;

    fn parse(text: &str) -> Vec<MesosSource> {
        let mut map = SourceMap::new();
        let file = map.add("script", text.as_bytes());
        parse_mesos_script(
            file,
            text,
            &Settings::default(),
            &|_| None,
            &mut Sink::default(),
        )
        .sources
    }

    type Args = Vec<(String, Option<String>)>;
    type Case<'a> = (&'a str, Role, &'a str, &'a [(&'a str, Option<&'a str>)]);

    /// (role, binary, [(display, value)]) of every invocation.
    fn summary(text: &str) -> Vec<(Role, String, Args)> {
        parse(text)
            .into_iter()
            .map(|s| {
                let binary = s.binary.map(|b| b.value).unwrap_or_default();
                let args = s
                    .settings
                    .into_iter()
                    .map(|a| (a.display, a.value.map(|v| v.value)))
                    .collect();
                (s.role.unwrap_or(Role::Master), binary, args)
            })
            .collect()
    }

    fn flags(list: &[(&str, Option<&str>)]) -> Args {
        list.iter()
            .map(|(d, v)| ((*d).to_owned(), v.map(str::to_owned)))
            .collect()
    }

    #[test]
    fn invocations_in_many_shapes() {
        let cases: &[Case<'_>] = &[
            (
                "mesos-master --zk=zk://a:2181/m",
                Role::Master,
                "mesos-master",
                &[("--zk", Some("zk://a:2181/m"))],
            ),
            (
                "exec /usr/sbin/mesos-slave --master=x:5050",
                Role::Agent,
                "/usr/sbin/mesos-slave",
                &[("--master", Some("x:5050"))],
            ),
            (
                "nohup sudo -u mesos ./bin/mesos-agent.sh --work_dir=/w &",
                Role::Agent,
                "./bin/mesos-agent.sh",
                &[("--work_dir", Some("/w"))],
            ),
            (
                "MESOS_QUORUM=2 mesos-master --zk=z",
                Role::Master,
                "mesos-master",
                &[("MESOS_QUORUM", Some("2")), ("--zk", Some("z"))],
            ),
            (
                "ExecStart=/usr/bin/mesos-master \\\n  --quorum=2",
                Role::Master,
                "/usr/bin/mesos-master",
                &[("--quorum", Some("2"))],
            ),
            (
                "ExecStart=/bin/sh -c 'exec /usr/sbin/mesos-agent --work_dir=/w'",
                Role::Agent,
                "/usr/sbin/mesos-agent",
                &[("--work_dir", Some("/w"))],
            ),
            (
                "bash -ec \"mesos-master --quorum=2\"",
                Role::Master,
                "mesos-master",
                &[("--quorum", Some("2"))],
            ),
            (
                "/usr/bin/mesos master --quorum=1",
                Role::Master,
                "/usr/bin/mesos master",
                &[("--quorum", Some("1"))],
            ),
            (
                "./build/bin/mesos-master.sh --ip=",
                Role::Master,
                "./build/bin/mesos-master.sh",
                &[("--ip", Some(""))],
            ),
            (
                "mesos-slave -ip=1.2.3.4 --switch_user false",
                Role::Agent,
                "mesos-slave",
                &[
                    ("-ip=1.2.3.4", None),
                    ("--switch_user", None),
                    ("false", None),
                ],
            ),
            (
                "docker run -d -e MESOS_QUORUM=1 --net=host mesosphere/mesos-master:1.0 --zk=z",
                Role::Master,
                "mesosphere/mesos-master:1.0",
                &[("MESOS_QUORUM", Some("1")), ("--zk", Some("z"))],
            ),
            (
                // `--tmpfs` and `--stop-signal` take a value: `/tmp` is not the image.
                "docker run --tmpfs /tmp --stop-signal SIGTERM --privileged mesosphere/mesos-master:1.4 --quorum=2",
                Role::Master,
                "mesosphere/mesos-master:1.4",
                &[("--quorum", Some("2"))],
            ),
        ];
        for (text, role, binary, args) in cases {
            let got = summary(text);
            assert_eq!(
                got,
                vec![(*role, (*binary).to_owned(), flags(args))],
                "{text}"
            );
        }
    }

    #[test]
    fn named_mesos_containers_on_a_bridge_are_not_the_script_s() {
        let text = "docker run -d --name m1 mesosphere/mesos-master:1.4.1 --quorum=1\ndocker run -d --name m2 --net=host mesosphere/mesos-master:1.4.1 --quorum=2\n";
        let got = summary(text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].2, flags(&[("--quorum", Some("2"))]));
    }

    #[test]
    fn json_array_commands() {
        let compose = "agent:\n  image: mesosphere/mesos-agent:1.4.0\n  command: [\"--work_dir=/w\", \"--isolation=cgroups/cpu,cgroups/mem\"]\n";
        let got = summary(compose);
        assert_eq!(
            got[0].2,
            flags(&[
                ("--work_dir", Some("/w")),
                ("--isolation", Some("cgroups/cpu,cgroups/mem"))
            ])
        );
        let docker = "CMD [\"mesos-master\", \"--quorum=2\"]";
        let got = summary(docker);
        assert_eq!(got[0].1, "mesos-master");
        assert_eq!(got[0].2, flags(&[("--quorum", Some("2"))]));
        let sources = parse(docker);
        let value = sources[0].settings[0].value.as_ref().expect("value");
        assert_eq!(&docker[value.span.range()], "2");
    }

    #[test]
    fn non_invocations_are_skipped() {
        for text in [
            "mkdir -p /var/log/mesos-master",
            "systemctl restart mesos-master",
            "echo mesos-master --zk=x",
            "cp mesos-slave.sh /usr/bin",
            "tail -f /var/log/mesos-master.log",
            // Escapes inside `sh -c "..."` would read differently a second time: not unwrapped.
            "bash -c \"mesos-master --work_dir=\\\"/w\\\"\"",
        ] {
            assert!(parse(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn script_variables_resolve_and_only_exported_ones_reach_the_daemon() {
        let args = |text: &str| summary(text).remove(0).2;
        assert_eq!(
            args("QUORUM=1\nMESOS_ZK=zk://a/m\nmesos-master --quorum=$QUORUM\n"),
            flags(&[("--quorum", Some("1"))])
        );
        assert_eq!(
            args("export MESOS_ZK=zk://a/m\nmesos-master\n"),
            flags(&[("MESOS_ZK", Some("zk://a/m"))])
        );
        assert_eq!(
            args("MESOS_ZK=zk://a/m\nexport MESOS_ZK\nmesos-master\n"),
            flags(&[("MESOS_ZK", Some("zk://a/m"))])
        );
        assert_eq!(
            args("set -a\nMESOS_ZK=zk://a/m\nmesos-master\n"),
            flags(&[("MESOS_ZK", Some("zk://a/m"))])
        );
        // An upstart job's `env` stanzas feed its `exec` line and its environment.
        assert_eq!(
            args(
                "description \"mesos master\"\nenv MY_HOST=10.0.0.7\nenv MESOS_QUORUM=2\n\
                 exec /usr/sbin/mesos-master --ip=$MY_HOST\n"
            ),
            flags(&[("MESOS_QUORUM", Some("2")), ("--ip", Some("10.0.0.7"))])
        );
        // Set under a condition or from the outside: unknown, and no second setting.
        let sources = parse(
            "export MESOS_IP=10.0.0.1\nif [ -z \"$X\" ]; then\n  export MESOS_IP=10.0.0.2\nfi\nQ=1\n[ -n \"$Y\" ] && Q=2\nmesos-master --quorum=$Q --port=${PORT:-5050}\n",
        );
        let settings = &sources[0].settings;
        assert_eq!(settings.len(), 3, "{settings:?}");
        assert!(settings[0].unknown, "MESOS_IP depends on the branch");
        assert!(settings[1].unknown, "--quorum depends on $Y");
        assert_eq!(
            settings[2].value.as_ref().map(|v| v.value.as_str()),
            Some("5050")
        );
        assert!(!settings[2].unknown);
    }

    #[test]
    fn markdown_reads_command_blocks_only() {
        let text = "# Setup\nDon't run it as `mesos-master --quorum=1` alone.\n```\nmesos-agent --work_dir=/w \\\n  --master=h:5050\n```\nIt's done.\n\n    mesos-master --quorum=2\n\nThen run mesos-master --quorum=3 on each.\n";
        let got = summary(text);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(
            got[0].2,
            flags(&[("--work_dir", Some("/w")), ("--master", Some("h:5050"))])
        );
        assert_eq!(got[1].2, flags(&[("--quorum", Some("2"))]));
    }

    #[test]
    fn a_guide_that_shows_one_command_twice_starts_one_daemon() {
        let command = "mesos-master --zk=zk://a:2181/m --quorum=1";
        let text = format!(
            "# Setup\n```bash\n{command}\n```\nOr:\n\n    {command}\n\n```\n{command} --port=5051\n```\n"
        );
        let got = summary(&text);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(
            got[1].2.last(),
            Some(&("--port".to_owned(), Some("5051".to_owned())))
        );
        // A script that runs one command twice runs it twice.
        assert_eq!(summary(&format!("{command}\n{command}\n")).len(), 2);
    }

    #[test]
    fn a_guide_s_prompt_is_not_the_program() {
        let text = "Run:\n```shell\n$ ./bin/mesos-master.sh --ip=127.0.0.1\n```\n";
        let got = summary(text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].2, flags(&[("--ip", Some("127.0.0.1"))]));
    }

    #[test]
    fn prose_that_mentions_a_command_is_not_one() {
        let text = "Steps:\n* `mesos-master --quorum=1` (don't forget it)\n";
        assert!(parse(text).is_empty());
        let script = "# run `mesos-master --quorum=1`\nmesos-agent --work_dir=/w\n";
        let sources = parse(script);
        assert_eq!(sources.len(), 1);
        assert!(!sources[0].open_ended);
        let rst = "Setup\n=====\n\nStart mesos-master --quorum=1 like this::\n\n\tmesos-master --quorum=2 \\\n\t  --work_dir=/w\n\nDone.\n";
        let got = summary(rst);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            got[0].2,
            flags(&[("--quorum", Some("2")), ("--work_dir", Some("/w"))])
        );
        // Sphinx indents its literal blocks by three spaces; the prose around them is no command.
        let sphinx = "Setup\n=====\n\nThe mesos-master --quorum=7 flag.\n\n.. code-block:: bash\n\n   mesos-master --quorum=2 \\\n     --work_dir=/w\n\nThen::\n\n  mesos-agent --work_dir=/a\n\nDone, mesos-master --quorum=9 runs.\n";
        let got = summary(sphinx);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(
            got[0].2,
            flags(&[("--quorum", Some("2")), ("--work_dir", Some("/w"))])
        );
        assert_eq!(got[1].2, flags(&[("--work_dir", Some("/a"))]));
    }

    #[test]
    fn followed_env_files_feed_the_command() {
        let mut map = SourceMap::new();
        let env_text = "QUORUM=1\nMESOS_WORK_DIR=/w\n";
        let env = map.add("etc/default/mesos-master", env_text.as_bytes());
        let lookup = |named: &str| {
            (named == "/etc/default/mesos-master" || named == "./env.sh").then_some(Followed {
                file: env,
                text: env_text,
                environment: true,
            })
        };
        let read = |map: &mut SourceMap, text: &str| {
            let file = map.add("s", text.as_bytes());
            let mut sink = Sink::default();
            parse_mesos_script_following(
                file,
                text,
                &Settings::default(),
                &|_| None,
                &mut sink,
                &lookup,
            )
            .sources
        };
        let unit = "[Service]\nEnvironmentFile=-/etc/default/mesos-master\nExecStart=/usr/sbin/mesos-master --quorum=${QUORUM}\n";
        let got = read(&mut map, unit);
        assert!(!got[0].open_ended, "the env file was read");
        let values: Vec<_> = got[0]
            .settings
            .iter()
            .map(|s| (s.key.clone(), s.value.as_ref().map(|v| v.value.clone())))
            .collect();
        assert!(
            values.contains(&("quorum".into(), Some("1".into()))),
            "{values:?}"
        );
        assert!(
            values.contains(&("work_dir".into(), Some("/w".into()))),
            "{values:?}"
        );
        // A script's `. FILE` reads the same way; a file outside the tree stays unknown.
        let script = ". ./env.sh\nexec mesos-master --quorum=$QUORUM\n";
        let got = read(&mut map, script);
        assert_eq!(
            got[0]
                .settings
                .last()
                .and_then(|s| s.value.clone())
                .map(|v| v.value),
            Some("1".into())
        );
        let unit = "[Service]\nEnvironmentFile=/etc/other\nExecStart=/usr/sbin/mesos-master --quorum=${QUORUM}\n";
        let got = read(&mut map, unit);
        assert!(got[0].open_ended);
        assert!(
            got[0]
                .settings
                .iter()
                .all(|s| s.key != "quorum" || s.unknown)
        );
        assert_eq!(
            env_files_named(env, "EnvironmentFile=-/etc/a\n. ./b.sh\nsource $X/c\n"),
            ["/etc/a".to_owned(), "./b.sh".to_owned()]
        );
    }

    #[test]
    fn units_and_compose_files() {
        let unit = "[Service]\nEnvironment=\"MESOS_QUORUM=2\" MESOS_WORK_DIR=/w\nExecStart=/usr/sbin/mesos-master --zk=z\n";
        let got = summary(unit);
        assert_eq!(
            got[0].2,
            flags(&[
                ("MESOS_QUORUM", Some("2")),
                ("MESOS_WORK_DIR", Some("/w")),
                ("--zk", Some("z"))
            ])
        );
        // systemd splits at a `;` that is a word of its own only.
        let unit =
            "[Service]\nExecStart=/usr/sbin/mesos-agent --resources=cpus:32;gpus:4 --work_dir=/w\n";
        assert_eq!(
            summary(unit)[0].2,
            flags(&[
                ("--resources", Some("cpus:32;gpus:4")),
                ("--work_dir", Some("/w"))
            ])
        );
        let compose =
            "master:\n  image: mesosphere/mesos-master:1.0\n  command: --quorum=1 --zk=z\n";
        let got = summary(compose);
        assert_eq!(got[0].0, Role::Master);
        assert_eq!(
            got[0].2,
            flags(&[("--quorum", Some("1")), ("--zk", Some("z"))])
        );
    }

    #[test]
    fn compose_environment_and_image_default_command() {
        let compose = "services:\n  master:\n    image: mesosphere/mesos-master:1.0.1\n    environment:\n      MESOS_ZK: zk://a:2181/mesos\n      MESOS_REGISTRY: replicated_log # comment\n  agent:\n    image: mesosphere/mesos-slave:1.0.1\n    environment:\n      - MESOS_MASTER=zk://a:2181/mesos\n  zk:\n    image: zookeeper\n    environment:\n      MESOS_ZK: not-ours\n";
        let got = summary(compose);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, Role::Master);
        assert_eq!(
            got[0].2,
            flags(&[
                ("MESOS_ZK", Some("zk://a:2181/mesos")),
                ("MESOS_REGISTRY", Some("replicated_log")),
                ("--registry", Some("in_memory")),
            ])
        );
        let image = "  image: mesosphere/mesos-master:1.0.1";
        let default = parse(compose).remove(0).settings.remove(2);
        let at = compose.find(image).expect("present") + 9;
        assert_eq!(default.origin, Origin::Default);
        assert_eq!(default.name.span.range(), at..at + image.len() - 9);
        let value = default.value.expect("in_memory");
        assert_eq!(value.span.range(), default.whole.range());
        assert_eq!(got[1].0, Role::Agent);
        assert_eq!(
            got[1].2,
            flags(&[("MESOS_MASTER", Some("zk://a:2181/mesos"))])
        );
    }

    #[test]
    fn templates_and_expansions_are_unknown() {
        let sources = parse("mesos-master --zk={{ zk_url }} --quorum=<%= @q %> \"$@\"");
        let source = &sources[0];
        assert!(source.open_ended);
        let unknown: Vec<_> = source
            .settings
            .iter()
            .map(|s| (s.key.as_str(), s.unknown))
            .collect();
        assert_eq!(unknown[..2], [("zk", true), ("quorum", true)]);
    }

    #[test]
    fn credentials_in_arguments_are_masked() {
        let text = "mesos-master --master=zk://u:pw@h:2181/m MESOS_PASSWORD=x";
        let mut map = SourceMap::new();
        let file = map.add("script", text.as_bytes());
        let mut sink = Sink::default();
        let _ = parse_mesos_script(file, text, &Settings::default(), &|_| None, &mut sink);
        let masked: Vec<_> = sink.secrets.iter().map(|s| &text[s.range()]).collect();
        assert_eq!(masked, vec!["u:pw"]);
    }

    #[test]
    fn value_spans_are_narrow() {
        let text = "mesos-master --zk=\"zk://a:2181/m\" --ip=";
        let sources = parse(text);
        let settings = &sources[0].settings;
        let zk = settings[0].value.as_ref().expect("value");
        assert_eq!(&text[zk.span.range()], "zk://a:2181/m");
        assert_eq!(&text[settings[0].name.span.range()], "zk");
        let ip = settings[1].value.as_ref().expect("value");
        assert!(ip.span.is_empty());
        assert_eq!(ip.span.start as usize, text.len());
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC*") {
            let _ = parse(&s);
            let _ = parse(&format!("mesos-master {s}"));
            let _ = parse(&format!("image: mesosphere/mesos-master\ncommand: [{s}"));
            let _ = parse(&format!("CMD [\"mesos-agent\", {s}"));
            let _ = mask_templates(&s);
        }

        #[test]
        fn never_panics_on_bytes(b in proptest::collection::vec(any::<u8>(), 0..200)) {
            let (s, _) = crate::source::decode(&b);
            let _ = parse(&format!("mesos-agent {s}"));
        }

        #[test]
        fn masking_keeps_length(s in "\\PC*") {
            prop_assert_eq!(mask_templates(&s).len(), s.len());
        }
    }
}
