//! Reads `docker run` lines of ZooKeeper images in shell scripts and in Markdown code into
//! [`Container`]s: `--name`, `-h`, `-e`/`--env`, `--env-file`, `--net=host`, `-p`, `-v`,
//! `--entrypoint`, the image and the arguments after it.
//!
//! `--env-file FILE` gives the container FILE's variables when the caller has the file (paths
//! as written; the caller resolves them against the script's directory), and `-e` beats them,
//! as in docker; a file the caller does not have may set anything.
//!
//! A named `docker run` of a Mesos image on a bridged network is a host of its own too; any
//! other stays with [`super::mesos_cmdline`], which reads it as an invocation of the daemon on
//! the script's host. Markdown is read only inside code (see
//! [`super::mesos_cmdline::regions`]).

use crate::catalog::images::{self, Runs};
use crate::model::container::{Container, EnvVar, Mount, Orchestrator};
use crate::parse::compose::EnvFiles;
use crate::parse::mesos_cmdline::{ASSIGNMENT_PREFIXES, after_and_or, regions, track_depth};
use crate::parse::mesos_words::{leading_assignments, mask_templates};
use crate::parse::shell::{Command, Word, split_commands};
use crate::parse::shell_vars::{Expansion, Vars};
use crate::source::{FileId, Span, Spanned};
use crate::template::has_placeholder;

/// At most this many containers per file.
const MAX_RUNS: usize = 64;

/// Options of `docker run` that take the next word as their value (docker/cli's
/// `docs/reference/commandline/container_run.md`: the options of type `string`, `list`,
/// `bytes`, `decimal`, `mount`, `network` or `ulimit`). Boolean options (`-d`, `--rm`,
/// `--privileged`) take none. Shared with [`super::mesos_cmdline`], which reads `docker run`
/// of Mesos images on a script's host.
pub(crate) const OPTIONS_WITH_ARGUMENT: &[&str] = &[
    "--add-host",
    "--cap-add",
    "--cpus",
    "--device",
    "--dns",
    "--entrypoint",
    "-e",
    "--env",
    "--env-file",
    "--expose",
    "-h",
    "--hostname",
    "--health-cmd",
    "--ipc",
    "-l",
    "--label",
    "--link",
    "--log-driver",
    "--log-opt",
    "-m",
    "--memory",
    "--mount",
    "--name",
    "--net",
    "--network",
    "-p",
    "--publish",
    "--pid",
    "--platform",
    "--restart",
    "--stop-signal",
    "--tmpfs",
    "-u",
    "--user",
    "--ulimit",
    "-v",
    "--volume",
    "-w",
    "--workdir",
];

/// True when a `docker run` of a Mesos image (its options before the image) starts a host of
/// its own: a container with `--name` on a bridged network, which its peers reach by that
/// name. On the host network, or unnamed, it is a process of the script's host.
pub(crate) fn mesos_container_is_host(options: &[Word]) -> bool {
    let mut named = false;
    let mut host_network = false;
    for (i, word) in options.iter().enumerate() {
        let text = word.text.as_str();
        let (opt, value) = match text.split_once('=') {
            Some((opt, value)) => (opt, Some(value)),
            None => (text, options.get(i + 1).map(|w| w.text.as_str())),
        };
        match opt {
            "--name" => named = true,
            "--net" | "--network" => host_network |= value == Some("host"),
            _ => {}
        }
    }
    named && !host_network
}

/// Every `docker run` of a ZooKeeper image in a script or document, and of a Mesos image
/// that is a host of its own ([`mesos_container_is_host`]); `env_files` gives the variables
/// of a file `--env-file` names, by the path as written. Where a value came from one of the
/// script's variables, `value_uses` gets (assignment, use).
pub fn parse_docker_runs(
    file: FileId,
    text: &str,
    env_files: &EnvFiles<'_>,
    value_uses: &mut Vec<(Span, Span)>,
) -> Vec<Container> {
    let masked = mask_templates(text);
    let mut out = Vec::new();
    let mut vars = Vars::default();
    // How deep the command sits in `if`/`case`/loops/functions: assignments there run only
    // sometimes.
    let mut depth = 0usize;
    for (range, _inline) in regions(&masked) {
        for command in split_commands(file, &masked, range) {
            if out.len() >= MAX_RUNS {
                return out;
            }
            let conditional = depth > 0 || after_and_or(&masked, &command);
            depth = track_depth(depth, &command);
            let words = &command.words;
            let Some(run) = words
                .windows(2)
                .position(|w| w[0].text.rsplit('/').next() == Some("docker") && w[1].text == "run")
            else {
                record_assignments(&command, conditional, &mut vars);
                continue;
            };
            if let Some(mut c) = container(file, &words[run + 2..], out.len(), env_files) {
                resolve(&mut c, &vars, value_uses);
                out.push(c);
            }
        }
    }
    out
}

/// Records the script's plain assignments (`ZK=zk://...`, `export Q=2`) for the values of
/// later `docker run` lines.
fn record_assignments(command: &Command, conditional: bool, vars: &mut Vars) {
    let words = command
        .words
        .iter()
        .skip_while(|w| ASSIGNMENT_PREFIXES.contains(&w.text.as_str()) || w.text.starts_with('-'));
    for (word, name, value) in leading_assignments(words) {
        let span = word.span_of(name.len() + 1, word.text.len());
        vars.assign(name, value, word.expansion, span, conditional);
    }
}

/// Gives the flags and variables of a container the values the script's variables hold
/// (`--zk="$ZK"`, `-e ZOO_SERVERS="$SERVERS"`); what the script does not say stays unknown.
fn resolve(container: &mut Container, vars: &Vars, value_uses: &mut Vec<(Span, Span)>) {
    let mut expand = |value: &mut Spanned<String>| -> bool {
        if !value.value.contains('$') {
            return true;
        }
        if value.value.contains("{{") || value.value.contains("<%") {
            return false;
        }
        match vars.expand(&value.value) {
            Expansion::Known {
                text,
                sources,
                sole,
            } => {
                value_uses.extend(sources.iter().map(|source| (*source, value.span)));
                value.value = text;
                if let Some(assignment) = sole {
                    value.span = assignment;
                }
                true
            }
            Expansion::Unknown => false,
        }
    };
    for arg in container.command.iter_mut().flatten() {
        expand(arg);
    }
    for var in &mut container.env {
        if let Some(value) = var.value.as_mut()
            && var.unknown
            && expand(value)
        {
            var.unknown = has_placeholder(&value.value);
        }
    }
}

fn spanned(word: &Word, from: usize) -> Spanned<String> {
    let text = word.text.get(from..).unwrap_or("").to_owned();
    Spanned::new(text, word.span_of(from, word.text.len()))
}

/// The paths every `docker run` of a script or document names in `--env-file`, as written.
pub fn env_files_named(file: FileId, text: &str) -> Vec<String> {
    let masked = mask_templates(text);
    let mut out = Vec::new();
    for (range, _inline) in regions(&masked) {
        for command in split_commands(file, &masked, range) {
            let words = &command.words;
            let Some(run) = words
                .windows(2)
                .position(|w| w[0].text.rsplit('/').next() == Some("docker") && w[1].text == "run")
            else {
                continue;
            };
            out.extend(
                env_file_options(&words[run + 2..])
                    .into_iter()
                    .map(|p| p.value),
            );
        }
    }
    out
}

/// The `--env-file` values among the options of a `docker run` (the words after `run`, up to
/// the image), in order. A path the shell would expand names no file of the tree.
pub(crate) fn env_file_options(words: &[Word]) -> Vec<Spanned<String>> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(word) = words.get(i) {
        let text = word.text.as_str();
        if !text.starts_with('-') {
            break;
        }
        if let Some(path) = text.strip_prefix("--env-file=") {
            out.push(spanned(word, text.len() - path.len()));
        } else if text == "--env-file"
            && let Some(next) = words.get(i + 1)
        {
            out.push(spanned(next, 0));
        }
        i += 1 + usize::from(OPTIONS_WITH_ARGUMENT.contains(&text));
    }
    out
}

/// Reads a file `--env-file` names as docker does: `NAME=value` lines taken literally (quotes
/// and `$` included), `#` comment lines, and a bare `NAME`, which passes the variable through
/// from the shell running docker (unknown).
pub fn parse_env_file(file: FileId, text: &str) -> Vec<EnvVar> {
    let mut out = Vec::new();
    let mut at = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let body = line.trim_start();
        let start = at + (line.len() - body.len());
        at += raw.len();
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let (name, value) = match body.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (body.trim_end(), None),
        };
        if name.is_empty() || name.contains(char::is_whitespace) {
            continue;
        }
        let name_span = Span::new(file, start, start + name.len());
        let name = Spanned::new(name.to_owned(), name_span);
        out.push(match value {
            Some(value) => {
                let from = start + name.value.len() + 1;
                EnvVar {
                    name,
                    value: Some(Spanned::new(
                        value.to_owned(),
                        Span::new(file, from, from + value.len()),
                    )),
                    unknown: has_placeholder(value),
                }
            }
            None => EnvVar {
                name,
                value: None,
                unknown: true,
            },
        });
    }
    out
}

fn container(
    file: FileId,
    words: &[Word],
    index: usize,
    env_files: &EnvFiles<'_>,
) -> Option<Container> {
    let mut name: Option<Spanned<String>> = None;
    let mut hostname: Option<Spanned<String>> = None;
    // `--env-file` variables first: `-e` beats them, a later file an earlier one.
    let mut env = Vec::new();
    let mut open_env = false;
    for path in env_file_options(words) {
        match env_files(&path.value) {
            Some(vars) => env.extend(vars),
            None => open_env = true,
        }
    }
    let mut host_network = None;
    let mut ports = Vec::new();
    let mut mounts = Vec::new();
    let mut entrypoint = None;
    let mut i = 0;
    while let Some(word) = words.get(i) {
        let text = word.text.as_str();
        if !text.starts_with('-') {
            break;
        }
        // `--opt=value` or `--opt value`.
        let (opt, at) = match text.split_once('=') {
            Some((opt, _)) if opt.starts_with('-') => (opt, Some((word, opt.len() + 1))),
            _ => {
                let takes = OPTIONS_WITH_ARGUMENT.contains(&text);
                let value = takes.then(|| words.get(i + 1).map(|w| (w, 0))).flatten();
                i += usize::from(takes);
                (text, value)
            }
        };
        i += 1;
        let Some((value_word, from)) = at else {
            continue;
        };
        let value = spanned(value_word, from);
        match opt {
            "-e" | "--env" => env.push(env_var(value_word, from)),
            "--name" => name = Some(value),
            "-h" | "--hostname" => hostname = Some(value),
            "--net" | "--network" if value.value == "host" => host_network = Some(value.span),
            "-p" | "--publish" => ports.push(value),
            "-v" | "--volume" => mounts.push(mount(&value)),
            "--entrypoint" => entrypoint = Some(vec![value]),
            _ => {}
        }
    }
    let image_word = words.get(i)?;
    let image = spanned(image_word, 0);
    let known = images::lookup(&image.value)?;
    let own_host = name.is_some() && host_network.is_none();
    if matches!(known.runs, Runs::Mesos(_)) && !own_host {
        return None;
    }
    let args: Vec<Spanned<String>> = words[i + 1..].iter().map(|w| spanned(w, 0)).collect();
    let label = name
        .clone()
        .or_else(|| hostname.clone())
        .unwrap_or_else(|| {
            Spanned::new(
                format!(
                    "{}-{}",
                    images::repository(&image.value).replace('/', "-"),
                    index + 1
                ),
                image.span,
            )
        });
    let mut c = Container::new(file, Orchestrator::DockerRun, label);
    c.anchor = image.span;
    c.aliases.extend(hostname.map(|h| h.value));
    c.image = Some(image);
    c.env = env;
    c.open_env = open_env;
    c.host_network = host_network;
    c.ports = ports;
    c.mounts = mounts;
    c.entrypoint = entrypoint;
    c.command = (!args.is_empty()).then_some(args);
    Some(c)
}

/// `-e NAME=value` (the text of `word` from `from` on), with spans into the word as written:
/// `"MESOS_QUORUM=$Q"` and `MESOS_QUORUM="$Q"` both point at `$Q`.
fn env_var(word: &Word, from: usize) -> EnvVar {
    let text = word.text.get(from..).unwrap_or("");
    match text.split_once('=') {
        Some((name, v)) => {
            let at = from + name.len() + 1;
            EnvVar {
                name: Spanned::new(name.to_owned(), word.span_of(from, from + name.len())),
                value: Some(Spanned::new(
                    v.to_owned(),
                    word.span_of(at, word.text.len()),
                )),
                unknown: v.contains('$') || has_placeholder(v),
            }
        }
        // `-e NAME` passes the variable through from the shell.
        None => EnvVar {
            name: spanned(word, from),
            value: None,
            unknown: true,
        },
    }
}

fn mount(value: &Spanned<String>) -> Mount {
    let parts: Vec<&str> = value.value.splitn(3, ':').collect();
    match parts.as_slice() {
        [source, target, ..] => {
            let at = source.len() + 1;
            Mount {
                source: Some((*source).to_owned()),
                target: Spanned::new(
                    (*target).to_owned(),
                    value.span.slice(at, at + target.len()),
                ),
            }
        }
        _ => Mount {
            source: None,
            target: value.clone(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    #[test]
    fn docker_run_lines_become_containers() {
        let text = "#!/bin/sh\ndocker run -d --name zk1 --net=host -v /srv/zk:/data \\\n  -e ZOO_MY_ID=1 -e \"ZOO_SERVERS=server.1=10.0.0.1:2888:3888;2181\" \\\n  zookeeper:3.8\ndocker run -d mesosphere/mesos-master:1.4.1 --quorum=1\ndocker run -p 2181:2181 -e MYID=2 mesoscloud/zookeeper\n";
        let mut map = SourceMap::new();
        let id = map.add("run.sh", text.as_bytes());
        let c = parse_docker_runs(id, text, &|_| None, &mut Vec::new());
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].name.value, "zk1");
        assert!(c[0].host_network.is_some());
        let servers = c[0]
            .var("ZOO_SERVERS")
            .expect("present")
            .value
            .clone()
            .expect("present");
        assert_eq!(
            &text[servers.span.range()],
            "server.1=10.0.0.1:2888:3888;2181"
        );
        assert_eq!(c[0].mounts[0].target.value, "/data");
        assert_eq!(c[1].name.value, "mesoscloud-zookeeper-2");
        assert_eq!(c[1].ports[0].value, "2181:2181");
    }

    #[test]
    fn named_mesos_containers_on_a_bridge_are_hosts() {
        let text = "docker run -d --name m1 -p 5050:5050 mesosphere/mesos-master:1.4.1 --quorum=1\ndocker run -d --name=m2 --net host mesosphere/mesos-master:1.4.1\ndocker run -d mesosphere/mesos-slave:1.4.1\n";
        let mut map = SourceMap::new();
        let id = map.add("run.sh", text.as_bytes());
        let c = parse_docker_runs(id, text, &|_| None, &mut Vec::new());
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].name.value, "m1");
        let command = c[0].command.as_ref().expect("flags");
        assert_eq!(&text[command[0].span.range()], "--quorum=1");
    }

    #[test]
    fn mesos_containers_take_the_script_s_variables() {
        let text = "ZK=zk://zk1:2181/mesos\nif [ -n \"$X\" ]; then\n  Q=2\nfi\nexport WORK=/w\ndocker run --name m1 -e MESOS_WORK_DIR=$WORK -e MESOS_QUORUM=$Q mesosphere/mesos-master:1.4.1 --zk=\"$ZK\" --quorum=$Q\n";
        let mut map = SourceMap::new();
        let id = map.add("run.sh", text.as_bytes());
        let c = parse_docker_runs(id, text, &|_| None, &mut Vec::new());
        let command = c[0].command.as_ref().expect("flags");
        assert_eq!(command[0].value, "--zk=zk://zk1:2181/mesos");
        assert_eq!(command[1].value, "--quorum=$Q", "set under a condition");
        let work = c[0].var("MESOS_WORK_DIR").expect("present");
        assert!(!work.unknown);
        let value = work.value.as_ref().expect("value");
        assert_eq!(&text[value.span.range()], "/w", "points at the assignment");
        assert!(c[0].var("MESOS_QUORUM").expect("present").unknown);
    }

    #[test]
    fn zookeeper_containers_take_the_script_s_variables() {
        let text = "SERVERS=\"server.1=zk1:2888:3888;2181 server.2=zk2:2888:3888;2181\"\nif [ -n \"$X\" ]; then\n  EXTRA=autopurge.purgeInterval=1\nfi\ndocker run --name zk1 -e ZOO_SERVERS=\"$SERVERS\" -e ZOO_CFG_EXTRA=$EXTRA -e ZOO_MY_ID=$UNSET zookeeper:3.8\n";
        let mut map = SourceMap::new();
        let id = map.add("run.sh", text.as_bytes());
        let mut uses = Vec::new();
        let c = parse_docker_runs(id, text, &|_| None, &mut uses);
        let servers = c[0].var("ZOO_SERVERS").expect("present");
        assert!(!servers.unknown);
        let value = servers.value.as_ref().expect("value");
        assert_eq!(
            value.value,
            "server.1=zk1:2888:3888;2181 server.2=zk2:2888:3888;2181"
        );
        assert!(
            text[value.span.range()].contains("server.1=zk1"),
            "points at the assignment"
        );
        assert!(
            c[0].var("ZOO_CFG_EXTRA").expect("present").unknown,
            "set under a condition"
        );
        assert!(c[0].var("ZOO_MY_ID").expect("present").unknown, "never set");
        let [(assignment, used)] = uses.as_slice() else {
            panic!("one use: {uses:?}")
        };
        assert!(text[assignment.range()].contains("server.1=zk1"));
        assert_eq!(
            &text[used.range()],
            "$SERVERS",
            "the use is the expansion itself"
        );
    }

    #[test]
    fn env_files_give_variables_and_e_beats_them() {
        let text = "docker run --name zk1 --env-file zk.env -e ZOO_MY_ID=1 --env-file=more.env zookeeper:3.8\ndocker run --name zk2 --env-file /etc/zk.env zookeeper:3.8\n";
        let env = "# shared\nZOO_MY_ID=9\nZOO_TICK_TIME=\"2000\"\nZOO_INIT_LIMIT=5\nPASSED\n";
        let more = "ZOO_INIT_LIMIT=10\n";
        let mut map = SourceMap::new();
        let id = map.add("run.sh", text.as_bytes());
        let env_id = map.add("zk.env", env.as_bytes());
        let more_id = map.add("more.env", more.as_bytes());
        assert_eq!(
            env_files_named(id, text),
            ["zk.env", "more.env", "/etc/zk.env"]
        );
        let files = |named: &str| match named {
            "zk.env" => Some(parse_env_file(env_id, env)),
            "more.env" => Some(parse_env_file(more_id, more)),
            _ => None,
        };
        let c = parse_docker_runs(id, text, &files, &mut Vec::new());
        assert!(!c[0].open_env);
        let value = |name: &str| c[0].var(name).and_then(|v| v.value.clone()).expect("set");
        assert_eq!(value("ZOO_MY_ID").value, "1", "-e beats the file");
        assert_eq!(
            value("ZOO_INIT_LIMIT").value,
            "10",
            "a later file beats an earlier one"
        );
        let tick = value("ZOO_TICK_TIME");
        assert_eq!(tick.value, "\"2000\"", "docker keeps the quotes");
        assert_eq!(&env[tick.span.range()], "\"2000\"");
        assert!(c[0].var("PASSED").expect("present").unknown);
        assert!(c[1].open_env, "a file out of the tree may set anything");
    }

    #[test]
    fn options_with_a_value_are_not_the_image() {
        let text = "docker run --tmpfs /tmp --expose 2181 --privileged -d zookeeper:3.8\n";
        let mut map = SourceMap::new();
        let id = map.add("run.sh", text.as_bytes());
        let c = parse_docker_runs(id, text, &|_| None, &mut Vec::new());
        assert_eq!(c.len(), 1);
        let image = c[0].image.as_ref().expect("image");
        assert_eq!(image.value, "zookeeper:3.8");
    }
}
