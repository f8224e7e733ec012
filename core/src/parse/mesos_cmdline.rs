//! Finds `mesos-master` and `mesos-agent` invocations in shell scripts, systemd units, upstart
//! jobs, docker-compose files and Markdown code, and reads their arguments.
//!
//! An invocation is a command whose program is a Mesos binary (`mesos-master`,
//! `/usr/sbin/mesos-slave`, `./bin/mesos-agent.sh`, `mesos master`, a `mesosphere/mesos-*`
//! image) once assignments and wrappers such as `exec`, `nohup` or `sudo` are skipped. The
//! arguments become [`RawSetting`]s with spans into the file; nothing is merged here (see
//! [`crate::parse::mesos_loader`]).

use crate::model::mesos::{ArgForm, MesosSource, Origin, RawSetting, Role, SourceKind};
use crate::parse::Sink;
use crate::parse::shell::{Command, Word, split_commands};
use crate::settings::Settings;
use crate::source::{FileId, Span, Spanned};
use crate::template::has_placeholder;

/// Every Mesos invocation in a script-like file, one source each.
pub fn parse_mesos_script(
    file: FileId,
    text: &str,
    _settings: &Settings,
    _sink: &mut Sink,
) -> Vec<MesosSource> {
    let masked = mask_templates(text);
    let mut commands = Vec::new();
    for range in regions(&masked) {
        commands.extend(split_commands(file, &masked, range));
    }
    let unit = UnitContext::collect(&commands);
    let mut sources = Vec::new();
    let mut image_role: Option<(Role, Spanned<String>)> = None;
    for command in &commands {
        if let Some(role) = compose_image(command) {
            image_role = role;
        }
        let Some(found) = find_invocation(command, image_role.as_ref()) else {
            continue;
        };
        let mut source = MesosSource::new(
            file,
            SourceKind::Script,
            Some(found.role),
            found.binary.span,
        );
        source.binary = Some(found.binary);
        source.open_ended = unit.environment_file;
        source.settings.extend(unit.env.iter().cloned());
        source.settings.extend(found.env);
        for word in command.words.iter().skip(found.args_from) {
            let setting = argument(word, Origin::CommandLine);
            if setting.form == ArgForm::Positional && word.expansion {
                // `"$@"`, `$MESOS_OPTS`: flags meslint cannot see.
                source.open_ended = true;
            }
            source.settings.push(setting);
        }
        sources.push(source);
    }
    sources
}

/// Reads one command-line word as stout's loader classifies it.
pub fn argument(word: &Word, origin: Origin) -> RawSetting {
    let text = word.text.as_str();
    let trimmed_start = text.len() - text.trim_start().len();
    let trimmed = text.trim();
    let unknown = word.expansion || has_placeholder(text);
    let whole = word.span();
    let positional = |form| RawSetting {
        origin,
        form,
        name: Spanned::new(trimmed.to_owned(), whole),
        display: trimmed.to_owned(),
        key: trimmed.to_owned(),
        value: None,
        whole,
        unknown,
    };
    if trimmed == "--" {
        return positional(ArgForm::Terminator);
    }
    let Some(body) = trimmed.strip_prefix("--") else {
        if trimmed.starts_with('-') && trimmed.len() > 1 {
            let mut setting = positional(ArgForm::SingleDash);
            setting.key = trimmed.trim_start_matches('-').to_ascii_lowercase();
            return setting;
        }
        return positional(ArgForm::Positional);
    };
    let name_at = trimmed_start + 2;
    let (name, value) = match body.split_once('=') {
        Some((n, v)) => (n, Some(v)),
        None => (body, None),
    };
    let value = value.map(|v| {
        let at = name_at + name.len() + 1;
        Spanned::new(v.to_owned(), word.span_of(at, at + v.len()))
    });
    RawSetting {
        origin,
        form: ArgForm::Flag,
        name: Spanned::new(name.to_owned(), word.span_of(name_at, name_at + name.len())),
        display: format!("--{name}"),
        key: name.to_ascii_lowercase(),
        value,
        whole,
        unknown,
    }
}

/// Replaces the insides of template tags with same-length text free of shell syntax, so that
/// `--zk={{ zk_url }}` stays one word and every offset still points at the same byte.
pub fn mask_templates(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    const TAGS: &[(&str, &str)] = &[("{{", "}}"), ("{%", "%}"), ("<%", "%>"), ("{#", "#}")];
    while !rest.is_empty() {
        let next = TAGS
            .iter()
            .filter_map(|(open, close)| rest.find(open).map(|i| (i, *open, *close)))
            .min_by_key(|(i, _, _)| *i);
        let Some((i, _, close)) = next else {
            out.push_str(rest);
            break;
        };
        out.push_str(&rest[..i]);
        let tag = &rest[i..];
        let line_end = tag.find('\n').unwrap_or(tag.len());
        let end = tag[..line_end]
            .find(close)
            .map_or(line_end, |j| j + close.len());
        let inner = &tag[..end];
        let masked: String = inner
            .chars()
            .map(|c| match c {
                ' ' | '\t' | '\'' | '"' | ';' | '|' | '&' | '\\' | '#' | '`' | '$' | '(' | ')' => {
                    '_'
                }
                '<' => '{',
                '>' => '}',
                c => c,
            })
            .collect();
        out.push_str(&masked);
        rest = &tag[end..];
    }
    out
}

/// The byte ranges worth reading as shell: the whole file, or for Markdown the fenced code
/// blocks and inline code spans.
fn regions(text: &str) -> Vec<std::ops::Range<usize>> {
    let is_markdown = text
        .lines()
        .any(|l| l.trim_start().starts_with("```") || l.trim_start().starts_with("~~~"));
    if !is_markdown {
        return std::iter::once(0..text.len()).collect();
    }
    let mut out = Vec::new();
    let mut offset = 0;
    let mut fence_start: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            match fence_start.take() {
                Some(s) => out.push(s..start),
                None => fence_start = Some(offset),
            }
            continue;
        }
        if fence_start.is_some() {
            continue;
        }
        // Inline code: text between pairs of backticks on one line.
        let mut ticks = line.match_indices('`').map(|(i, _)| i);
        while let (Some(a), Some(b)) = (ticks.next(), ticks.next()) {
            out.push(start + a + 1..start + b);
        }
    }
    if let Some(s) = fence_start {
        out.push(s..text.len());
    }
    out
}

/// Settings that systemd unit lines give every invocation in the file.
#[derive(Default)]
struct UnitContext {
    env: Vec<RawSetting>,
    /// An `EnvironmentFile=` line: more settings live in a file meslint may not see here.
    environment_file: bool,
}

impl UnitContext {
    fn collect(commands: &[Command]) -> Self {
        let mut unit = UnitContext::default();
        for command in commands {
            let Some(first) = command.words.first() else {
                continue;
            };
            if first.text.starts_with("EnvironmentFile=") {
                unit.environment_file = true;
            }
            let Some(rest_at) = first
                .text
                .strip_prefix("Environment=")
                .map(|r| first.text.len() - r.len())
            else {
                continue;
            };
            if let Some(s) = assignment(first, rest_at) {
                unit.env.push(s);
            }
            unit.env.extend(
                command
                    .words
                    .iter()
                    .skip(1)
                    .filter_map(|w| assignment(w, 0)),
            );
        }
        unit
    }
}

/// `MESOS_NAME=value` in `word.text[from..]` as an environment setting; other variables are
/// not Mesos's business.
pub fn assignment(word: &Word, from: usize) -> Option<RawSetting> {
    let text = word.text.get(from..)?;
    let (name, value) = text.split_once('=')?;
    if !is_identifier(name) {
        return None;
    }
    let suffix = name.strip_prefix("MESOS_")?;
    let value_at = from + name.len() + 1;
    Some(RawSetting {
        origin: Origin::Env,
        form: ArgForm::Flag,
        name: Spanned::new(name.to_owned(), word.span_of(from, from + name.len())),
        display: name.to_owned(),
        key: suffix.to_ascii_lowercase(),
        value: Some(Spanned::new(
            value.to_owned(),
            word.span_of(value_at, value_at + value.len()),
        )),
        whole: word.span_of(from, word.text.len()),
        unknown: word.expansion || has_placeholder(value),
    })
}

pub fn is_identifier(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The daemon a program name starts, by its last path component.
fn binary_role(program: &str) -> Option<Role> {
    let base = program.rsplit('/').next().unwrap_or(program);
    let base = base.strip_suffix(".sh").unwrap_or(base);
    match base {
        "mesos-master" => Some(Role::Master),
        "mesos-agent" | "mesos-slave" => Some(Role::Agent),
        _ => None,
    }
}

/// The daemon a `mesos <subcommand>` starts.
fn subcommand_role(word: &str) -> Option<Role> {
    match word {
        "master" => Some(Role::Master),
        "agent" | "slave" => Some(Role::Agent),
        _ => None,
    }
}

/// The daemon a Docker image runs, from its name (`mesosphere/mesos-master:1.0.1`).
fn image_role(image: &str) -> Option<Role> {
    let name = image.rsplit('/').next().unwrap_or(image);
    let name = name.split(':').next().unwrap_or(name);
    binary_role(name)
}

/// Programs that run the command that follows them.
const WRAPPERS: &[&str] = &[
    "exec",
    "nohup",
    "sudo",
    "env",
    "time",
    "nice",
    "ionice",
    "setsid",
    "command",
    "stdbuf",
    "chpst",
    "numactl",
    "taskset",
    "timeout",
    "su-exec",
    "gosu",
    "eval",
    "$",
    "mesos-daemon.sh",
];
/// Wrappers whose next word is an argument of theirs (a user name, a duration).
const WRAPPERS_WITH_ARGUMENT: &[&str] = &["gosu", "su-exec", "timeout", "-u", "-g", "-n"];

struct Invocation {
    role: Role,
    binary: Spanned<String>,
    /// Environment assignments before the program (`MESOS_X=1 mesos-master`, `docker -e`).
    env: Vec<RawSetting>,
    /// Index of the first argument word.
    args_from: usize,
}

/// `image: mesosphere/mesos-master:...` and `entrypoint: mesos-slave` lines of compose files:
/// `Some` on such a line, holding the daemon the service runs if it is a Mesos one.
#[allow(clippy::option_option)]
fn compose_image(command: &Command) -> Option<Option<(Role, Spanned<String>)>> {
    let [key, value, ..] = command.words.as_slice() else {
        return None;
    };
    let role = match key.text.as_str() {
        "image:" => image_role(&value.text),
        "entrypoint:" => binary_role(&value.text),
        _ => return None,
    };
    Some(role.map(|r| (r, Spanned::new(value.text.clone(), value.span()))))
}

fn find_invocation(
    command: &Command,
    image: Option<&(Role, Spanned<String>)>,
) -> Option<Invocation> {
    let words = &command.words;
    let mut env = Vec::new();
    let mut skip_argument = false;
    // A compose `command:` with flags only: the image's entry point is the binary.
    if let (Some(first), Some(second), Some((role, binary))) = (words.first(), words.get(1), image)
        && first.text == "command:"
        && second.text.starts_with("--")
    {
        return Some(Invocation {
            role: *role,
            binary: binary.clone(),
            env,
            args_from: 1,
        });
    }
    for (i, word) in words.iter().enumerate() {
        let mut text = word.text.as_str();
        let mut from = 0;
        if i == 0
            && let Some(rest) = text.strip_prefix("ExecStart=")
        {
            let rest = rest.trim_start_matches(['-', '@', '+', '!', ':']);
            from = text.len() - rest.len();
            text = rest;
        }
        if skip_argument {
            skip_argument = false;
            continue;
        }
        if let Some(role) = binary_role(text) {
            return Some(Invocation {
                role,
                binary: Spanned::new(text.to_owned(), word.span_of(from, word.text.len())),
                env,
                args_from: i + 1,
            });
        }
        let base = text.rsplit('/').next().unwrap_or(text);
        if base == "mesos"
            && let Some(next) = words.get(i + 1)
            && let Some(role) = subcommand_role(&next.text)
        {
            let span = word.span().cover(next.span());
            return Some(Invocation {
                role,
                binary: Spanned::new(format!("{text} {}", next.text), span),
                env,
                args_from: i + 2,
            });
        }
        if base == "docker" && words.get(i + 1).is_some_and(|w| w.text == "run") {
            return docker_run(words, i + 2);
        }
        if text.contains('=') && !text.starts_with('-') {
            if let Some(setting) = assignment(word, from) {
                env.push(setting);
            }
            continue;
        }
        if WRAPPERS_WITH_ARGUMENT.contains(&base) {
            skip_argument = true;
            continue;
        }
        let prefix_like = WRAPPERS.contains(&base)
            || text.starts_with('-')
            || text.ends_with(':')
            || text.is_empty();
        if !prefix_like {
            return None;
        }
    }
    None
}

/// Docker options that take a separate argument.
const DOCKER_OPTIONS_WITH_ARGUMENT: &[&str] = &[
    "-v",
    "--volume",
    "-p",
    "--publish",
    "--name",
    "--net",
    "--network",
    "-w",
    "--workdir",
    "--entrypoint",
    "--env-file",
    "--restart",
    "-h",
    "--hostname",
    "--add-host",
    "--link",
    "-l",
    "--label",
    "--cpus",
    "-m",
    "--memory",
    "-u",
    "--user",
    "--pid",
    "--ipc",
    "--log-driver",
    "--log-opt",
    "--mount",
    "--device",
    "--dns",
    "--cap-add",
    "--privileged=",
    "--ulimit",
];

/// `docker run [options] mesosphere/mesos-master[:tag] [flags]`.
fn docker_run(words: &[Word], from: usize) -> Option<Invocation> {
    let mut env = Vec::new();
    let mut i = from;
    while let Some(word) = words.get(i) {
        let text = word.text.as_str();
        if text == "-e" || text == "--env" {
            if let Some(s) = words.get(i + 1).and_then(|w| assignment(w, 0)) {
                env.push(s);
            }
            i += 2;
            continue;
        }
        if let Some(rest) = text
            .strip_prefix("--env=")
            .or_else(|| text.strip_prefix("-e="))
        {
            if let Some(s) = assignment(word, text.len() - rest.len()) {
                env.push(s);
            }
            i += 1;
            continue;
        }
        if text.starts_with('-') {
            i += if DOCKER_OPTIONS_WITH_ARGUMENT.contains(&text) {
                2
            } else {
                1
            };
            continue;
        }
        let role = image_role(text)?;
        return Some(Invocation {
            role,
            binary: Spanned::new(text.to_owned(), word.span()),
            env,
            args_from: i + 1,
        });
    }
    None
}

/// A span covering nothing at the start of a file, for sources that name no binary.
pub fn file_start(file: FileId) -> Span {
    Span::point(file, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;
    use proptest::prelude::*;

    fn parse(text: &str) -> Vec<MesosSource> {
        let mut map = SourceMap::new();
        let file = map.add("script", text.as_bytes());
        parse_mesos_script(file, text, &Settings::default(), &mut Sink::default())
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
    fn non_invocations_are_skipped() {
        for text in [
            "mkdir -p /var/log/mesos-master",
            "systemctl restart mesos-master",
            "echo mesos-master --zk=x",
            "cp mesos-slave.sh /usr/bin",
            "tail -f /var/log/mesos-master.log",
        ] {
            assert!(parse(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn markdown_reads_code_only() {
        let text = "# Setup\nDon't run it as `mesos-master --quorum=1` alone.\n```\nmesos-agent --work_dir=/w \\\n  --master=h:5050\n```\nIt's done.\n";
        let got = summary(text);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].2, flags(&[("--quorum", Some("1"))]));
        assert_eq!(
            got[1].2,
            flags(&[("--work_dir", Some("/w")), ("--master", Some("h:5050"))])
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
