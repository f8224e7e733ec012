//! Reads environment files that configure Mesos: shell-sourced files (`/etc/default/mesos*`,
//! `mesos-master-env.sh`, `.env`), Docker `--env-file` files and systemd `EnvironmentFile`s.
//!
//! Every `MESOS_*` assignment becomes a setting; in the init-wrapper defaults files the
//! wrapper's own variables (`ZK`, `PORT`, `LOGS`, ...) become the flags the wrapper passes.
//! Other variables are ignored. Merging is left to [`crate::parse::mesos_loader`].

use crate::model::mesos::{ArgForm, MesosSource, Origin, RawSetting, SourceKind};
use crate::parse::Sink;
use crate::parse::mesos_words::{assignment, is_identifier, mask_secrets, mask_templates};
use crate::parse::shell::split_commands;
use crate::settings::Settings;
use crate::source::{FileId, Span, Spanned};
use crate::template::{has_placeholder, is_control_line};

/// The syntax of an environment file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnvKind {
    /// Sourced by a shell: quotes, `export`, expansions.
    Shell,
    /// `/etc/default/mesos-master` and `-slave` of the Mesosphere packages: shell syntax, plus
    /// the init wrapper's own variables.
    InitDefaults,
    /// Docker's `--env-file`: `NAME=value` lines taken literally, quotes included.
    DockerEnvFile,
    /// A systemd `EnvironmentFile`: `NAME=value`, surrounding quotes removed, no expansion.
    Systemd,
}

impl EnvKind {
    /// The syntax a file most likely has, from its path: the init wrapper's defaults files,
    /// systemd environment files (`/etc/sysconfig`, DC/OS's `/opt/mesosphere/etc`,
    /// `*.env` next to units), otherwise shell.
    pub fn for_path(path: &str) -> EnvKind {
        let path = path.replace('\\', "/");
        let name = path.rsplit('/').next().unwrap_or(&path);
        if path.ends_with("default/mesos")
            || path.contains("default/mesos-master")
            || path.contains("default/mesos-slave")
            || path.contains("default/mesos-agent")
        {
            EnvKind::InitDefaults
        } else if path.contains("/sysconfig/")
            || path.contains("opt/mesosphere/")
            || path.contains("etc/mesosphere/")
            || path.contains("run/dcos/")
        {
            EnvKind::Systemd
        } else if name.ends_with(".env") {
            EnvKind::DockerEnvFile
        } else {
            EnvKind::Shell
        }
    }
}

/// Variables of the Mesosphere init wrapper and the flags it turns them into.
pub const WRAPPER_VARIABLES: &[(&str, &str)] = &[
    ("ZK", "zk"),
    ("MASTER", "master"),
    ("IP", "ip"),
    ("PORT", "port"),
    ("CLUSTER", "cluster"),
    ("LOGS", "log_dir"),
    ("ISOLATION", "isolation"),
];

/// Reads one environment file.
pub fn parse_mesos_env(
    file: FileId,
    text: &str,
    kind: EnvKind,
    _settings: &Settings,
    sink: &mut Sink,
) -> MesosSource {
    let mut source = MesosSource::new(file, SourceKind::EnvFile, None, Span::point(file, 0));
    source.open_ended = crate::template::is_template(text);
    match kind {
        EnvKind::Shell | EnvKind::InitDefaults => read_shell(&mut source, file, text, kind),
        EnvKind::DockerEnvFile | EnvKind::Systemd => read_lines(&mut source, file, text, kind),
    }
    for setting in &source.settings {
        mask_secrets(setting, sink);
    }
    source
}

fn read_shell(source: &mut MesosSource, file: FileId, text: &str, kind: EnvKind) {
    let masked = mask_templates(text);
    for command in split_commands(file, &masked, 0..masked.len()) {
        let mut words = command.words.iter().peekable();
        // `export`, `declare -x`, `readonly` in front of assignments.
        while let Some(w) = words.peek() {
            if matches!(w.text.as_str(), "export" | "declare" | "readonly" | "local")
                || (w.text.starts_with('-') && !w.text.contains('='))
            {
                words.next();
            } else {
                break;
            }
        }
        for word in words {
            if let Some(setting) = assignment(word, 0) {
                source.settings.push(setting);
                continue;
            }
            if kind != EnvKind::InitDefaults {
                continue;
            }
            let Some((name, value)) = word.text.split_once('=') else {
                continue;
            };
            let Some((_, flag)) = WRAPPER_VARIABLES.iter().find(|(v, _)| *v == name) else {
                continue;
            };
            let value_at = name.len() + 1;
            source.settings.push(RawSetting {
                origin: Origin::WrapperVar,
                form: ArgForm::Flag,
                name: Spanned::new(name.to_owned(), word.span_of(0, name.len())),
                display: name.to_owned(),
                key: (*flag).to_owned(),
                value: Some(Spanned::new(
                    value.to_owned(),
                    word.span_of(value_at, word.text.len()),
                )),
                whole: word.span(),
                unknown: word.expansion || has_placeholder(value),
            });
        }
    }
}

fn read_lines(source: &mut MesosSource, file: FileId, text: &str, kind: EnvKind) {
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let line_at = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let body = line.trim_start();
        let body_at = line_at + (line.len() - body.len());
        if body.starts_with('#') || body.starts_with(';') || is_control_line(body) {
            continue;
        }
        let Some((name, value)) = body.split_once('=') else {
            continue;
        };
        let name = name.trim_end();
        let Some(suffix) = name.strip_prefix("MESOS_") else {
            continue;
        };
        if !is_identifier(name) {
            continue;
        }
        let mut value_at = body_at + body.len() - value.len();
        let mut value = value;
        if kind == EnvKind::Systemd {
            let trimmed = value.trim();
            value_at += value.len() - value.trim_start().len();
            value = trimmed;
            let quoted = value.len() >= 2
                && ((value.starts_with('"') && value.ends_with('"'))
                    || (value.starts_with('\'') && value.ends_with('\'')));
            if quoted {
                value = &value[1..value.len() - 1];
                value_at += 1;
            }
        }
        source.settings.push(RawSetting {
            origin: Origin::Env,
            form: ArgForm::Flag,
            name: Spanned::new(
                name.to_owned(),
                Span::new(file, body_at, body_at + name.len()),
            ),
            display: name.to_owned(),
            key: suffix.to_ascii_lowercase(),
            value: Some(Spanned::new(
                value.to_owned(),
                Span::new(file, value_at, value_at + value.len()),
            )),
            whole: Span::new(file, body_at, line_at + line.len()),
            unknown: has_placeholder(value),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;
    use proptest::prelude::*;

    fn parse(text: &str, kind: EnvKind) -> (Vec<(String, Origin, String, String)>, Sink) {
        let mut map = SourceMap::new();
        let file = map.add("env", text.as_bytes());
        let mut sink = Sink::default();
        let source = parse_mesos_env(file, text, kind, &Settings::default(), &mut sink);
        let got = source
            .settings
            .into_iter()
            .map(|s| {
                let value = s.value.expect("value");
                assert!(value.span.end as usize <= text.len());
                let raw = text[value.span.range()].to_owned();
                (s.key, s.origin, value.value, raw)
            })
            .collect();
        (got, sink)
    }

    fn row(key: &str, origin: Origin, value: &str, raw: &str) -> (String, Origin, String, String) {
        (key.to_owned(), origin, value.to_owned(), raw.to_owned())
    }

    #[test]
    fn shell_env_files() {
        let text = "# comment\nexport MESOS_ZK=\"zk://a:2181/m\"\nMESOS_work_dir=/var/lib/mesos\nOTHER=1\nset -o allexport\nMESOS_QUORUM='2' # two\n";
        let (got, _) = parse(text, EnvKind::Shell);
        assert_eq!(
            got,
            vec![
                row("zk", Origin::Env, "zk://a:2181/m", "zk://a:2181/m"),
                row("work_dir", Origin::Env, "/var/lib/mesos", "/var/lib/mesos"),
                row("quorum", Origin::Env, "2", "2"),
            ]
        );
    }

    #[test]
    fn wrapper_variables_in_init_defaults() {
        let text = "PORT=5050\nZK=`cat /etc/mesos/zk`\nLOGS=/var/log/mesos\nULIMIT=\"-n 8192\"\n";
        let (got, _) = parse(text, EnvKind::InitDefaults);
        let keys: Vec<_> = got.iter().map(|r| (r.0.as_str(), r.1)).collect();
        assert_eq!(
            keys,
            vec![
                ("port", Origin::WrapperVar),
                ("zk", Origin::WrapperVar),
                ("log_dir", Origin::WrapperVar)
            ]
        );
        let (shell, _) = parse(text, EnvKind::Shell);
        assert!(shell.is_empty());
    }

    #[test]
    fn docker_and_systemd_quotes() {
        let text = "MESOS_CLUSTER=\"prod\"\n";
        let (docker, _) = parse(text, EnvKind::DockerEnvFile);
        assert_eq!(docker[0].2, "\"prod\"");
        let (systemd, _) = parse(text, EnvKind::Systemd);
        assert_eq!(systemd[0].2, "prod");
        assert_eq!(systemd[0].3, "prod");
    }

    #[test]
    fn kinds_by_path() {
        let cases = [
            ("etc/default/mesos-master", EnvKind::InitDefaults),
            ("h1/etc/default/mesos-slave", EnvKind::InitDefaults),
            ("etc/default/mesos", EnvKind::InitDefaults),
            ("etc/default/mesos-dns", EnvKind::Shell),
            ("etc/sysconfig/mesos-master", EnvKind::Systemd),
            ("opt/mesosphere/etc/mesos-master", EnvKind::Systemd),
            ("docker/.env", EnvKind::DockerEnvFile),
            ("mesos-master-env.sh", EnvKind::Shell),
        ];
        for (path, kind) in cases {
            assert_eq!(EnvKind::for_path(path), kind, "{path}");
        }
    }

    #[test]
    fn credentials_are_masked() {
        let text = "MESOS_ZK=zk://user:secret@a:2181/m\nMESOS_PASSWORD=hunter2\n";
        let (_, sink) = parse(text, EnvKind::Shell);
        let masked: Vec<_> = sink.secrets.iter().map(|s| &text[s.range()]).collect();
        assert_eq!(masked, vec!["user:secret", "hunter2"]);
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC*") {
            for kind in [EnvKind::Shell, EnvKind::InitDefaults, EnvKind::DockerEnvFile, EnvKind::Systemd] {
                let _ = parse(&s, kind);
            }
        }

        #[test]
        fn never_panics_on_bytes(b in proptest::collection::vec(any::<u8>(), 0..200)) {
            let (s, _) = crate::source::decode(&b);
            let _ = parse(&format!("MESOS_{s}"), EnvKind::Systemd);
            let _ = parse(&format!("MESOS_ZK={s}"), EnvKind::Shell);
        }
    }
}
