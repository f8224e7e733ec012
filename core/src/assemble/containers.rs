//! Turns containers (compose services, `docker run`s, Kubernetes pods) into hosts of the
//! cluster model, doing what each image's entrypoint does: a Mesos image's command becomes the
//! daemon's flags (or the image's default command does), a ZooKeeper image's variables become
//! the zoo.cfg and myid its entrypoint writes. The same rules then check them as they check
//! files on disk.
//!
//! Each container is one host, named as peers inside the network reach it (the service name,
//! `--name`, the pod name), except that containers of one file on the host network share one
//! host: they share its ports and its `127.0.0.1`. That host is named by the file
//! (`compose.yaml (host network)`).

use crate::sort::CollectSorted;
use std::collections::BTreeMap;

use crate::catalog::images::{self, Image, Runs, ZkScript};
use crate::catalog::mesos::Role;
use crate::layout::{self, FileKind};
use crate::model::Host;
use crate::model::container::{Container, EnvVar};
use crate::model::mesos::{ArgForm, MesosSource, Origin, SourceKind};
use crate::model::problems::Problems;
use crate::model::zookeeper::{ConfigProblem, MyId, MyIdProblem, ZkServer};
use crate::parse::java::parse_java_integer;
use crate::parse::properties::Entry;
use crate::parse::shell::Word;
use crate::parse::{Sink, compose, docker_run, kubernetes, mesos_loader, mesos_words, zoo_cfg};
use crate::settings::Settings;
use crate::source::{FileId, SourceMap, Span, Spanned};
use crate::template::has_placeholder;

/// The hosts every container file describes; what is wrong in the files goes into `problems`,
/// where scripts use values of their variables into `value_uses`.
pub fn hosts(
    sources: &SourceMap,
    files: &[(FileId, FileKind)],
    root: &str,
    settings: &Settings,
    sink: &mut Sink,
    problems: &mut Problems,
    value_uses: &mut Vec<(Span, Span)>,
) -> Vec<Host> {
    let mut containers = Vec::new();
    let by_path = env_file_index(sources, files);
    for (id, kind) in files {
        let text = sources.file(*id).text();
        match kind {
            FileKind::Compose => {
                let dot_env = dot_env_for(sources, *id);
                let compose_path = sources.file(*id).path();
                // `env_file:` paths are relative to the compose file's directory.
                let env_files = |named: &str| {
                    let wanted = layout::relative_to(compose_path, named);
                    let file = *by_path.get(wanted.as_str())?;
                    Some(compose::parse_env_file(file, sources.file(file).text()))
                };
                let (found, error) = compose::parse_compose(*id, text, &dot_env, &env_files);
                containers.extend(found);
                problems.yaml.extend(error);
            }
            FileKind::Kubernetes => {
                let (found, error) = kubernetes::parse_manifests(*id, text);
                containers.extend(found);
                problems.yaml.extend(error);
            }
            FileKind::Script | FileKind::DockerRun => {
                let env_files = docker_env_files(sources, &by_path, *id);
                containers.extend(docker_run::parse_docker_runs(
                    *id, text, &env_files, value_uses,
                ));
            }
            _ => {}
        }
    }
    // Containers on the host network share one host per file, named by the file's path from
    // the cluster's directory: peers reach them at the machine's address, not by their names.
    let mut hosts: BTreeMap<String, Host> = BTreeMap::new();
    for container in containers {
        let name = match container.host_network {
            Some(_) => {
                let path = layout::strip_dir(sources.file(container.file).path(), root);
                format!("{path} (host network)")
            }
            None => container.name.value.clone(),
        };
        let host = hosts.entry(name.clone()).or_insert_with(|| Host {
            name,
            ..Host::default()
        });
        place(host, container, settings, sink, problems);
    }
    hosts
        .into_values()
        .filter(|h| {
            !h.zookeeper.is_empty()
                || !h.mesos.is_empty()
                || h.containers
                    .iter()
                    .any(|c| !c.missing_variables().is_empty())
        })
        .collect()
}

/// The files compose's `env_file:` and `docker run --env-file` name, by path.
pub(super) fn env_file_index<'a>(
    sources: &'a SourceMap,
    files: &[(FileId, FileKind)],
) -> BTreeMap<&'a str, FileId> {
    files
        .iter()
        .filter(|(_, kind)| *kind == FileKind::EnvFile)
        .map(|(id, _)| (sources.file(*id).path(), *id))
        .collect_map()
}

/// The variables of a file a `docker run --env-file` in `script` names, read as docker reads
/// them; the path is taken relative to the script's directory.
pub(super) fn docker_env_files<'a>(
    sources: &'a SourceMap,
    index: &'a BTreeMap<&'a str, FileId>,
    script: FileId,
) -> impl Fn(&str) -> Option<Vec<EnvVar>> + 'a {
    let script_path = sources.file(script).path();
    move |named: &str| {
        let wanted = layout::relative_to(script_path, named);
        let file = *index.get(wanted.as_str())?;
        Some(docker_run::parse_env_file(file, sources.file(file).text()))
    }
}

/// The project's `.env`: the file of that name in the compose file's directory.
fn dot_env_for(sources: &SourceMap, compose: FileId) -> compose::DotEnv {
    let path = sources.file(compose).path();
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    let wanted = if dir.is_empty() {
        ".env".to_owned()
    } else {
        format!("{dir}/.env")
    };
    sources
        .files()
        .find(|(_, f)| f.path() == wanted)
        .map(|(id, f)| compose::parse_dot_env(id, f.text()))
        .unwrap_or_default()
}

/// Runs the container's image: adds its ZooKeeper server or Mesos process to `host`.
fn place(
    host: &mut Host,
    mut container: Container,
    settings: &Settings,
    sink: &mut Sink,
    problems: &mut Problems,
) {
    host.aliases.extend(container.aliases.iter().cloned());
    let image = container
        .image
        .as_ref()
        .and_then(|i| images::lookup(&i.value));
    // mesoscloud/zookeeper and jplock/zookeeper declare `VOLUME /tmp/zookeeper` (their
    // Dockerfiles): the dataDir in `/tmp` is a volume.
    if let (Some(image), Some(Runs::ZooKeeper(ZkScript::Mesoscloud | ZkScript::Jplock))) =
        (&container.image, image.map(|i| i.runs))
    {
        let target = Spanned::new("/tmp/zookeeper".to_owned(), image.span);
        container.mounts.push(crate::model::container::Mount {
            source: None,
            target,
        });
    }
    match image.map(|i| i.runs) {
        Some(Runs::Mesos(role)) => {
            if let Some(process) = mesos_process(&container, role, image, settings, sink, problems)
            {
                host.mesos.push(process);
            }
        }
        Some(Runs::ZooKeeper(script)) => {
            if let Some(server) = zookeeper_server(&container, script, settings, sink, problems) {
                host.zookeeper.push(server);
            }
        }
        None => {
            // An image meslint does not know, named after a Mesos daemon.
            let repo = container
                .image
                .as_ref()
                .map(|i| images::repository(&i.value))
                .unwrap_or_default();
            let role = if repo.contains("mesos-master") {
                Some(Role::Master)
            } else if repo.contains("mesos-slave") || repo.contains("mesos-agent") {
                Some(Role::Agent)
            } else {
                None
            };
            if let Some(role) = role
                && let Some(process) =
                    mesos_process(&container, role, None, settings, sink, problems)
            {
                host.mesos.push(process);
            }
        }
    }
    host.containers.push(container);
}

/// The Mesos process a container runs: `MESOS_*` variables, then the command (the image's
/// entrypoint is the binary), else the image's default command.
fn mesos_process(
    container: &Container,
    role: Role,
    image: Option<&Image>,
    settings: &Settings,
    sink: &mut Sink,
    problems: &mut Problems,
) -> Option<crate::model::mesos::MesosProcess> {
    let anchor = container
        .image
        .as_ref()
        .map_or(container.anchor, |i| i.span);
    let mut source = MesosSource::new(container.file, SourceKind::Script, Some(role), anchor);
    source.binary = container.image.clone();
    source.image = true;
    // An image meslint does not know may add flags in its entrypoint: what is absent here may
    // be given there, as with a template.
    source.open_ended = container.open_env || image.is_none();
    for var in &container.env {
        if let Some(setting) = mesos_words::env_var_setting(var) {
            source.settings.push(setting);
        }
    }
    let mut args: Vec<&Spanned<String>> = Vec::new();
    if let Some(entrypoint) = &container.entrypoint {
        let binary = entrypoint.first().map(|w| w.value.as_str()).unwrap_or("");
        let base = binary.rsplit('/').next().unwrap_or(binary);
        if base.starts_with("mesos-master")
            || base.starts_with("mesos-slave")
            || base.starts_with("mesos-agent")
        {
            args.extend(entrypoint.iter().skip(1));
        } else {
            // A wrapper script of the user's: what it passes on is not visible.
            source.open_ended = true;
        }
    }
    match &container.command {
        Some(command) => args.extend(command.iter()),
        None if container.entrypoint.is_none() => {
            for default in image.map_or(&[][..], |i| i.default_args) {
                let word = Word::from_spanned(&Spanned::new((*default).to_owned(), anchor), false);
                let mut setting = mesos_words::argument(&word, Origin::Default);
                setting.whole = anchor;
                source.settings.push(setting);
            }
        }
        None => {}
    }
    for arg in args {
        let word = Word::from_spanned(arg, arg.value.contains('$') || has_placeholder(&arg.value));
        let setting = mesos_words::argument(&word, Origin::CommandLine);
        if setting.form == ArgForm::Positional && word.expansion {
            source.open_ended = true;
        }
        source.settings.push(setting);
    }
    for setting in &source.settings {
        mesos_words::mask_secrets(setting, sink);
    }
    problems.mesos.append(&mut source.problems);
    let mut process = mesos_loader::resolve(role, &[source], settings, sink);
    problems.mesos.append(&mut process.problems);
    Some(process)
}

/// The zoo.cfg lines an image writes: each line's key and value pieces.
struct Lines {
    entries: Vec<Entry>,
}

impl Lines {
    fn push(&mut self, key: Spanned<String>, pieces: &[Spanned<String>]) {
        self.entries.push(Entry::synthetic(key, pieces));
    }

    /// One `key=value` item written in a variable (`server.1=zk1:2888:3888;2181`).
    fn item(&mut self, item: &Spanned<String>) {
        let text = &item.value;
        let sub = |from: usize, to: usize| Spanned::sub_span(item, from, to);
        match text.split_once('=') {
            Some((key, value)) => {
                let at = key.len() + 1;
                self.push(
                    Spanned::new(key.to_owned(), sub(0, key.len())),
                    &[Spanned::new(value.to_owned(), sub(at, text.len()))],
                );
            }
            None => self.push(item.clone(), &[]),
        }
    }
}

/// The pieces of a variable's value separated by `sep` (`None`: shell word splitting), with
/// narrow spans. A template expression is one piece whatever it holds: `{{ .Values.servers |
/// quote }}` is one unknown value, not five words.
fn split(value: &Spanned<String>, sep: Option<char>) -> Vec<Spanned<String>> {
    let text = value.value.as_str();
    let mut out = Vec::new();
    let mut start = 0;
    let mut closing: Option<&str> = None;
    let is_sep = |c: char| match sep {
        Some(s) => c == s,
        None => c.is_ascii_whitespace(),
    };
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let rest = &text[i..];
        closing = match closing {
            Some(end) if rest.starts_with(end) => None,
            Some(end) => Some(end),
            None => template_opening(rest),
        };
        // An expression left open runs to the end of the value.
        if closing.is_some() && i < text.len() {
            continue;
        }
        if i == text.len() || is_sep(c) {
            let piece = &text[start..i];
            let trimmed = piece.trim();
            if !trimmed.is_empty() {
                let at = start + (piece.len() - piece.trim_start().len());
                out.push(Spanned::new(
                    trimmed.to_owned(),
                    Spanned::sub_span(value, at, at + trimmed.len()),
                ));
            }
            start = i + c.len_utf8();
        }
    }
    out
}

/// True for a piece that is one template expression (`{{ .Values.servers }}`), which may
/// stand for any number of lines; a shell variable left unknown stands for one value.
fn is_template_expression(piece: &str) -> bool {
    ["{{", "{%", "<%"]
        .iter()
        .any(|open| piece.starts_with(open))
}

/// The end of the template expression `text` starts with (`}}` for `{{`), if it starts one.
fn template_opening(text: &str) -> Option<&'static str> {
    [("{{", "}}"), ("{%", "%}"), ("<%", "%>"), ("${", "}")]
        .into_iter()
        .find(|(open, _)| text.starts_with(open))
        .map(|(_, close)| close)
}

/// The ZooKeeper server a container runs, with the zoo.cfg and myid its image writes; `None`
/// when the zoo.cfg comes from a mounted file instead.
fn zookeeper_server(
    container: &Container,
    script: ZkScript,
    settings: &Settings,
    sink: &mut Sink,
    problems: &mut Problems,
) -> Option<ZkServer> {
    let image = container.image.as_ref()?;
    let at_image = |text: &str| Spanned::new(text.to_owned(), image.span);
    let var = |name: &str| container.var(name);
    // An unknown value keeps its text: the zoo.cfg parser sees the placeholder in it.
    let known = |name: &str| -> Option<Spanned<String>> { var(name)?.value.clone() };
    let mut lines = Lines {
        entries: Vec::new(),
    };
    let key_of = |name: &str, key: &str| -> Spanned<String> {
        var(name).map_or_else(
            || at_image(key),
            |v| Spanned::new(key.to_owned(), v.name.span),
        )
    };
    let config_mounted =
        |paths: &[&str]| paths.iter().any(|p| container.mount_holding(p).is_some());
    // A container its image stops never runs ZooKeeper: nothing more to check about it.
    if !container.missing_variables().is_empty() {
        return None;
    }
    let myid_var;
    let mut myid_default: Option<&str> = None;
    match script {
        ZkScript::Official => {
            let conf_dir = known("ZOO_CONF_DIR").map_or_else(|| "/conf".to_owned(), |v| v.value);
            if container.mounts.iter().any(|m| {
                let t = m.target.value.trim_end_matches('/');
                t == conf_dir || t == format!("{conf_dir}/zoo.cfg")
            }) {
                // A zoo.cfg a ConfigMap of the manifest mounts is read; any other mount is
                // out of sight.
                let wanted = format!("{conf_dir}/zoo.cfg");
                let mounted = container.files.iter().find(|f| f.path == wanted)?;
                return mounted_zookeeper(container, &mounted.text, settings, sink, problems);
            }
            let v34 = images::tag(&image.value).is_some_and(|t| t.starts_with("3.4"));
            let keys = if v34 {
                images::OFFICIAL_KEYS_34
            } else {
                images::OFFICIAL_KEYS
            };
            for (key, name, default) in keys {
                let value = known(name).unwrap_or_else(|| at_image(default));
                lines.push(key_of(name, key), &[value]);
            }
            match known("ZOO_SERVERS") {
                Some(servers) => split(&servers, None).iter().for_each(|s| lines.item(s)),
                // 3.5+ images then write `server.1=localhost:2888:3888;2181`: with
                // standaloneEnabled that is a standalone server on client port 2181.
                None if !v34 => lines.push(at_image("clientPort"), &[at_image("2181")]),
                None => {}
            }
            if let Some(w) = known("ZOO_4LW_COMMANDS_WHITELIST") {
                lines.push(
                    key_of("ZOO_4LW_COMMANDS_WHITELIST", "4lw.commands.whitelist"),
                    &[w],
                );
            }
            if let Some(extra) = known("ZOO_CFG_EXTRA") {
                split(&extra, None).iter().for_each(|s| lines.item(s));
            }
            myid_var = "ZOO_MY_ID";
            myid_default = Some("1");
        }
        ZkScript::Mesoscloud => {
            for (key, value) in images::MESOSCLOUD_CFG {
                lines.push(at_image(key), &[at_image(value)]);
            }
            if let Some(servers) = known("SERVERS") {
                for (n, host) in split(&servers, Some(',')).iter().enumerate() {
                    lines.push(
                        Spanned::new(format!("server.{}", n + 1), host.span),
                        &[host.clone(), at_image(":2888:3888")],
                    );
                }
            }
            myid_var = "MYID";
            myid_default = Some("1");
        }
        ZkScript::Bobrik => {
            if config_mounted(&["/etc/zookeeper/conf", "/etc/zookeeper/conf/zoo.cfg"]) {
                return None;
            }
            lines.push(at_image("dataDir"), &[at_image("/var/lib/zookeeper")]);
            if let Some(config) = known("ZK_CONFIG") {
                split(&config, Some(',')).iter().for_each(|s| lines.item(s));
            }
            myid_var = "ZK_ID";
        }
        ZkScript::Jplock => {
            if config_mounted(&["/opt/zookeeper/conf", "/opt/zookeeper/conf/zoo.cfg"]) {
                return None;
            }
            for (key, value) in images::ZOO_SAMPLE_CFG {
                lines.push(at_image(key), &[at_image(value)]);
            }
            if let Some(servers) = known("SERVERS") {
                split(&servers, Some(','))
                    .iter()
                    .for_each(|s| lines.item(s));
            }
            myid_var = "SERVER_ID";
        }
        ZkScript::Confluent => {
            if let Some(port) = known("ZOOKEEPER_CLIENT_PORT") {
                lines.push(key_of("ZOOKEEPER_CLIENT_PORT", "clientPort"), &[port]);
            }
            lines.push(at_image("dataDir"), &[at_image("/var/lib/zookeeper/data")]);
            lines.push(
                at_image("dataLogDir"),
                &[at_image("/var/lib/zookeeper/log")],
            );
            for (name, key) in images::CONFLUENT_KEYS {
                if let Some(value) = known(name) {
                    lines.push(key_of(name, key), &[value]);
                }
            }
            if let Some(servers) = known("ZOOKEEPER_SERVERS") {
                for (n, item) in split(&servers, Some(';')).iter().enumerate() {
                    let text = &item.value;
                    let (key, value) = match text.split_once('|') {
                        Some((id, rest)) => {
                            let at = id.len() + 1;
                            (
                                Spanned::new(
                                    format!("server.{id}"),
                                    Spanned::sub_span(item, 0, id.len()),
                                ),
                                Spanned::new(
                                    rest.to_owned(),
                                    Spanned::sub_span(item, at, text.len()),
                                ),
                            )
                        }
                        None => (
                            Spanned::new(format!("server.{}", n + 1), item.span),
                            item.clone(),
                        ),
                    };
                    lines.push(key, &[value]);
                }
            }
            myid_var = "ZOOKEEPER_SERVER_ID";
        }
    }
    let end = Span::point(container.file, container.anchor.end as usize);
    let tagged = tagged_release(image, settings);
    let settings = tagged.as_ref().unwrap_or(settings);
    let mut config = zoo_cfg::from_synthetic(&lines.entries, end, settings, sink);
    // Variables from where meslint cannot see (`env_file:` outside the tree, `envFrom:`,
    // `--env-file`) may write any line, the server list included: as with a template, what
    // is absent is not reported. So may a variable that is a template expression
    // (`ZOO_SERVERS: {{ .Values.servers }}`): it stands for lines, not for one line's value.
    config.is_template |= container.open_env
        || lines
            .entries
            .iter()
            .any(|e| e.value.value.is_empty() && is_template_expression(&e.key.value));
    // A default the image writes, then the same key given in a variable it appends later
    // (`autopurge.purgeInterval=24` in `ZOO_CFG_EXTRA`): the value given wins, as meant.
    config.problems.retain(
        |p| !matches!(p, ConfigProblem::DuplicateKey { ignored, .. } if *ignored == image.span),
    );
    problems.config.append(&mut config.problems);
    let myid = myid(container, myid_var, myid_default, image, settings);
    Some(ZkServer {
        config,
        myid,
        dynamic: None,
    })
}

/// With no release chosen (`--zookeeper-version`, `meslint.toml`), the image's tag says which
/// one the container runs: the settings for it, when they differ.
fn tagged_release(image: &Spanned<String>, settings: &Settings) -> Option<Settings> {
    let chosen = settings.fixed.zookeeper || settings.project.zookeeper_version.is_some();
    images::zookeeper_release(&image.value)
        .filter(|v| !chosen && *v != settings.zookeeper)
        .map(|zookeeper| Settings {
            zookeeper,
            ..settings.clone()
        })
}

/// The ZooKeeper server of an official-image container whose zoo.cfg a ConfigMap mounts:
/// that file, and the myid the entrypoint writes from `ZOO_MY_ID` (or the pod's ordinal).
fn mounted_zookeeper(
    container: &Container,
    text: &str,
    settings: &Settings,
    sink: &mut Sink,
    problems: &mut Problems,
) -> Option<ZkServer> {
    let image = container.image.as_ref()?;
    let tagged = tagged_release(image, settings);
    let settings = tagged.as_ref().unwrap_or(settings);
    let mut config = zoo_cfg::parse_zoo_cfg(container.file, text, settings, sink);
    config.is_template |= container.open_env;
    problems.config.append(&mut config.problems);
    let mut myid = myid(container, "ZOO_MY_ID", Some("1"), image, settings);
    // Replicas that mount their zoo.cfg often get their myid from elsewhere (an init
    // container): the image's default `1` for each of them is a guess, not a fact.
    if let Some(m) = myid.as_mut()
        && container.ordinal.is_some()
        && m.first_line.span == image.span
    {
        m.id = None;
        m.problem = Some(MyIdProblem::Templated);
    }
    Some(ZkServer {
        config,
        myid,
        dynamic: None,
    })
}

/// The myid an image writes: its variable, a StatefulSet ordinal that the pod's command derives
/// it from (`${HOSTNAME##*-}`), or the image's default.
fn myid(
    container: &Container,
    name: &str,
    default: Option<&str>,
    image: &Spanned<String>,
    _settings: &Settings,
) -> Option<MyId> {
    let from_ordinal = || -> Option<MyId> {
        let ordinal = container.ordinal?;
        let words = container
            .entrypoint
            .iter()
            .chain(container.command.iter())
            .flatten();
        let derivation = words.into_iter().find(|w| {
            let t = w.value.as_str();
            t.contains("HOSTNAME") || t.contains("hostname")
        })?;
        let compact: String = derivation.value.split_whitespace().collect();
        let offset = i64::from(compact.contains("+1"));
        let id = ordinal + offset;
        Some(MyId {
            file: container.file,
            first_line: Spanned::new(id.to_string(), derivation.span),
            id: Some(Spanned::new(id, derivation.span)),
            problem: None,
            extra_lines: None,
        })
    };
    let (text, span) = match container.var(name) {
        Some(EnvVar {
            value: Some(v),
            unknown: false,
            ..
        }) => (v.value.clone(), v.span),
        Some(v) => {
            return from_ordinal().or(Some(MyId {
                file: container.file,
                first_line: Spanned::new(format!("{{{{ {name} }}}}"), v.name.span),
                id: None,
                problem: Some(MyIdProblem::Templated),
                extra_lines: None,
            }));
        }
        None => {
            if let Some(m) = from_ordinal() {
                return Some(m);
            }
            // Variables from where meslint cannot see may set it: the default is a guess.
            if container.open_env && default.is_some() {
                return Some(MyId {
                    file: container.file,
                    first_line: Spanned::new(format!("{{{{ {name} }}}}"), image.span),
                    id: None,
                    problem: Some(MyIdProblem::Templated),
                    extra_lines: None,
                });
            }
            (default?.to_owned(), image.span)
        }
    };
    let id = parse_java_integer(&text, 64).map(|n| Spanned::new(n, span));
    let problem = match id {
        Some(_) => None,
        None if text.is_empty() => Some(MyIdProblem::Empty),
        None if parse_java_integer(text.trim(), 64).is_some() => Some(MyIdProblem::Blanks),
        None => Some(MyIdProblem::NotANumber),
    };
    Some(MyId {
        file: container.file,
        first_line: Spanned::new(text, span),
        id,
        problem,
        extra_lines: None,
    })
}

#[cfg(test)]
mod tests {
    use super::split;
    use crate::source::{SourceMap, Span, Spanned};
    use crate::{Input, Settings, lint};

    #[test]
    fn a_template_expression_is_one_piece() {
        let pieces = |text: &str, sep: Option<char>| -> Vec<String> {
            let file = SourceMap::new().add("env", text.as_bytes());
            let value = Spanned::new(text.to_owned(), Span::new(file, 0, text.len()));
            split(&value, sep).into_iter().map(|p| p.value).collect()
        };
        assert_eq!(
            pieces("{{ .Values.servers | quote }}", None),
            ["{{ .Values.servers | quote }}"]
        );
        assert_eq!(
            pieces("a=1 {% for s in servers %}{{ s }} {% endfor %} b=2", None),
            [
                "a=1",
                "{% for s in servers %}{{ s }}",
                "{% endfor %}",
                "b=2"
            ]
        );
        assert_eq!(
            pieces("zk1,{{ .Values.zk2 }},zk3", Some(',')),
            ["zk1", "{{ .Values.zk2 }}", "zk3"]
        );
        assert_eq!(pieces("${A:-x y} {{ open", None), ["${A:-x y}", "{{ open"]);
        assert_eq!(
            pieces("server.1=a server.2=b", None),
            ["server.1=a", "server.2=b"]
        );
    }

    #[test]
    fn host_network_host_is_named_by_the_file_from_the_linted_root() {
        let compose = "services:\n  agent:\n    image: mesosphere/mesos-slave:1.4.1\n    network_mode: host\n    environment:\n      MESOS_MASTER: zk://zk1:2181/mesos\n      MESOS_WORK_DIR: /var/lib/mesos\n";
        let input = Input {
            root: Some("/srv/cluster".to_owned()),
            ..Input::file(
                "/srv/cluster/node1/docker-compose.yml",
                compose.as_bytes().to_vec(),
            )
        };
        let report = lint(vec![input], &Settings::default());
        let names: Vec<&str> = report.model.hosts.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(names, ["node1/docker-compose.yml (host network)"]);
    }
}
