//! Reads docker-compose files (v1, v2, v3 and the Compose Specification) into [`Container`]s:
//! one per service, with its image, environment, command, entrypoint, network mode, published
//! ports and mounts, each value spanned into the YAML.
//!
//! Variables are interpolated as Compose does (`${VAR}`, `${VAR:-default}`, `${VAR-default}`,
//! `$VAR`, `$$`) from the project's `.env` file; a variable neither the file nor a default
//! gives is unknown, never wrong. What each image does with the container is not decided here
//! (see [`crate::catalog::images`]).

use crate::sort::CollectSorted;
use std::collections::BTreeMap;

use crate::model::container::{Container, EnvVar, Mount, Orchestrator, YamlError};
use crate::parse::shell::split_commands;
use crate::parse::yaml::{self, Node, NodeKind};
use crate::source::{FileId, Span, Spanned};

/// The variables of a project's `.env` file.
pub type DotEnv = BTreeMap<String, Spanned<String>>;

/// Reads a `.env` file as Compose does: `NAME=value` lines, `#` comments, quotes removed.
pub fn parse_dot_env(file: FileId, text: &str) -> DotEnv {
    parse_env_file(file, text)
        .into_iter()
        .filter_map(|v| Some((v.name.value, v.value?)))
        .collect_map()
}

/// Reads a file a service names in `env_file:` (the `.env` format): each variable with its
/// name and value spanned into the file. A value Compose would interpolate (`$X`) and a bare
/// `NAME`, which takes the variable from the shell that runs Compose, are unknown.
pub fn parse_env_file(file: FileId, text: &str) -> Vec<EnvVar> {
    let mut out = Vec::new();
    let base = text.as_ptr() as usize;
    for line in text.lines() {
        let body = line.trim_start();
        let body = body.strip_prefix("export ").unwrap_or(body);
        if body.starts_with('#') {
            continue;
        }
        let (name, value) = body.split_once('=').unwrap_or((body, ""));
        let name = name.trim();
        if name.is_empty() {
            continue;
        }
        let name_at = name.as_ptr() as usize - base;
        let name = Spanned::new(
            name.to_owned(),
            Span::new(file, name_at, name_at + name.len()),
        );
        if !body.contains('=') {
            out.push(EnvVar {
                name,
                value: None,
                unknown: true,
            });
            continue;
        }
        let (value, at) = unquote(value, value.as_ptr() as usize - base);
        out.push(EnvVar {
            name,
            value: Some(Spanned::new(
                value.to_owned(),
                Span::new(file, at, at + value.len()),
            )),
            unknown: value.contains('$'),
        });
    }
    out
}

fn unquote(value: &str, at: usize) -> (&str, usize) {
    for q in ['"', '\''] {
        if value.len() >= 2 && value.starts_with(q) && value.ends_with(q) {
            return (&value[1..value.len() - 1], at + 1);
        }
    }
    (value.trim_end(), at)
}

/// The variables of the files services name in `env_file:`, by the path as written; `None`
/// when the file is not among the linted ones.
pub type EnvFiles<'a> = dyn Fn(&str) -> Option<Vec<EnvVar>> + 'a;

/// Every service of a compose file.
pub fn parse_compose(
    file: FileId,
    text: &str,
    dot_env: &DotEnv,
    env_files: &EnvFiles<'_>,
) -> (Vec<Container>, Option<YamlError>) {
    let stream = yaml::parse(file, text);
    let error = yaml_error(&stream);
    let Some(doc) = stream.documents.first() else {
        return (Vec::new(), error);
    };
    let services = services(doc);
    let interpolate = |node: &Node| interpolate(node, dot_env);
    let containers = services
        .into_iter()
        .filter_map(|(key, service)| {
            let name = key.spanned()?;
            let mut c = Container::new(file, Orchestrator::Compose, name);
            c.anchor = key.span;
            c.image = service
                .get("image")
                .and_then(|n| interpolate(n).map(|v| v.0));
            for alias in ["hostname", "container_name"] {
                if let Some(v) = service.get(alias).and_then(Node::as_str) {
                    c.aliases.push(v.to_owned());
                }
            }
            let own = environment(service.get("environment"), dot_env);
            let (from_files, open) = env_file_variables(service, &own, env_files);
            c.env = from_files;
            c.env.extend(own);
            c.open_env = open;
            c.command = service
                .get("command")
                .map(|n| words(file, text, n, dot_env));
            c.entrypoint = service
                .get("entrypoint")
                .map(|n| words(file, text, n, dot_env));
            // `net:` is the version 1 spelling.
            c.host_network = ["network_mode", "net"]
                .iter()
                .filter_map(|k| service.get(k))
                .find(|n| n.as_str() == Some("host"))
                .map(|n| n.span);
            c.ports = service
                .get("ports")
                .map(|p| p.items().iter().filter_map(published).collect())
                .unwrap_or_default();
            c.mounts = service
                .get("volumes")
                .map(|v| v.items().iter().filter_map(mount).collect())
                .unwrap_or_default();
            c.copies = service
                .get("deploy")
                .and_then(|d| d.get("replicas"))
                .or_else(|| service.get("scale"))
                .and_then(interpolate)
                .and_then(|(n, unknown)| {
                    let count = n.value.trim().parse::<i64>().ok().filter(|_| !unknown)?;
                    (count > 1).then(|| Spanned::new(count.min(MAX_COPIES), n.span))
                });
            Some(c)
        })
        .collect();
    (containers, error)
}

/// More replicas than this are read as this many: any count of masters a cluster runs.
const MAX_COPIES: i64 = 1024;

/// The paths the services of a compose file name in `env_file:`, as written.
pub fn env_files_named(file: FileId, text: &str) -> Vec<String> {
    let stream = yaml::parse(file, text);
    let Some(doc) = stream.documents.first() else {
        return Vec::new();
    };
    services(doc)
        .into_iter()
        .flat_map(|(_, service)| env_file_paths(service))
        .map(|p| p.value)
        .collect()
}

/// The services of a compose file: under `services:`, or at the top level in version 1.
fn services(doc: &Node) -> Vec<&(Node, Node)> {
    match doc.get("services") {
        Some(s) => s.entries().iter().collect(),
        None => doc
            .entries()
            .iter()
            .filter(|(k, v)| {
                k.as_str()
                    .is_some_and(|k| !k.starts_with("x-") && k != "version")
                    && (v.get("image").is_some() || v.get("command").is_some())
            })
            .collect(),
    }
}

/// `env_file: a.env`, `env_file: [a.env, b.env]` and the long form `- path: a.env`.
fn env_file_paths(service: &Node) -> Vec<Spanned<String>> {
    let Some(node) = service.get("env_file") else {
        return Vec::new();
    };
    if let Some(path) = node.spanned() {
        return vec![path];
    }
    node.items()
        .iter()
        .filter_map(|item| item.spanned().or_else(|| item.get("path")?.spanned()))
        .collect()
}

/// The variables a service's env files give it that its `environment:` does not (Compose's
/// precedence; a later file beats an earlier one), and whether some file is out of sight.
fn env_file_variables(
    service: &Node,
    own: &[EnvVar],
    env_files: &EnvFiles<'_>,
) -> (Vec<EnvVar>, bool) {
    let mut out: Vec<EnvVar> = Vec::new();
    let paths = env_file_paths(service);
    // `env_file:` in a shape meslint does not read names files it cannot see.
    let mut open = service.get("env_file").is_some() && paths.is_empty();
    for path in paths {
        let Some(vars) = env_files(&path.value) else {
            open = true;
            continue;
        };
        for var in vars {
            if own.iter().any(|o| o.name.value == var.name.value) {
                continue;
            }
            out.retain(|o| o.name.value != var.name.value);
            out.push(var);
        }
    }
    (out, open)
}

/// The stream's syntax error, for the model.
pub fn yaml_error(stream: &yaml::YamlStream) -> Option<YamlError> {
    stream.problem.as_ref().map(|p| YamlError {
        message: p.message.clone(),
        span: p.span,
    })
}

/// `environment:` as a map (`NAME: value`) or a list (`- NAME=value`, `- NAME`).
fn environment(node: Option<&Node>, dot_env: &DotEnv) -> Vec<EnvVar> {
    let Some(node) = node else {
        return Vec::new();
    };
    match &node.kind {
        NodeKind::Map(entries) => entries
            .iter()
            .filter_map(|(k, v)| {
                let name = k.spanned()?;
                let (value, unknown) = match interpolate(v, dot_env) {
                    Some((value, unknown)) => (Some(value), unknown),
                    None => (None, true),
                };
                Some(EnvVar {
                    name,
                    value,
                    unknown,
                })
            })
            .collect(),
        NodeKind::Seq(items) => items
            .iter()
            .filter_map(|item| {
                let text = item.as_str()?;
                match text.split_once('=') {
                    Some((name, value)) => {
                        let at = name.len() + 1;
                        let raw =
                            Spanned::new(value.to_owned(), item.value_span(at, at + value.len()));
                        let (value, unknown) = interpolate_text(&raw, dot_env);
                        Some(EnvVar {
                            name: Spanned::new(name.to_owned(), item.value_span(0, name.len())),
                            value: Some(value),
                            unknown,
                        })
                    }
                    None => Some(EnvVar {
                        name: Spanned::new(text.to_owned(), item.value_span(0, text.len())),
                        value: None,
                        unknown: true,
                    }),
                }
            })
            .collect(),
        NodeKind::Scalar(_) => Vec::new(),
    }
}

/// `command:` or `entrypoint:`: a list is one argument per item; a string is split as a shell
/// would split it (Compose splits it with shlex).
fn words(file: FileId, text: &str, node: &Node, dot_env: &DotEnv) -> Vec<Spanned<String>> {
    match &node.kind {
        NodeKind::Seq(items) => items
            .iter()
            .filter_map(|i| interpolate(i, dot_env).map(|v| v.0))
            .collect(),
        NodeKind::Scalar(s) => match s.verbatim_at {
            Some(at) => split_commands(file, text, at..at + s.value.len())
                .into_iter()
                .flat_map(|c| c.words)
                .map(|w| {
                    let value = Spanned::new(w.text.clone(), w.span());
                    interpolate_text(&value, dot_env).0
                })
                .collect(),
            None => s
                .value
                .split_whitespace()
                .map(|w| Spanned::new(w.to_owned(), node.span))
                .collect(),
        },
        NodeKind::Map(_) => Vec::new(),
    }
}

/// The published part of a `ports:` item (`"8080:2181"`, `2181`, `{published: 8080}`).
fn published(node: &Node) -> Option<Spanned<String>> {
    if let Some(p) = node.get("published") {
        return p.spanned();
    }
    let value = node.spanned()?;
    value.value.contains(':').then_some(value)
}

/// A `volumes:` item: `src:dst[:mode]`, `dst` (anonymous) or the long syntax.
fn mount(node: &Node) -> Option<Mount> {
    if node.is_map() {
        let target = node.get("target")?.spanned()?;
        let source = node.get("source").and_then(Node::as_str).map(str::to_owned);
        return Some(Mount { source, target });
    }
    let text = node.as_str()?;
    let parts: Vec<&str> = text.splitn(3, ':').collect();
    let (source, target, at) = match parts.as_slice() {
        [target] => (None, *target, 0),
        [source, target, ..] => (Some((*source).to_owned()), *target, source.len() + 1),
        [] => return None,
    };
    Some(Mount {
        source,
        target: Spanned::new(target.to_owned(), node.value_span(at, at + target.len())),
    })
}

/// A scalar node's text after interpolation, and whether some of it stays unknown; `None` for
/// a null or a collection.
fn interpolate(node: &Node, dot_env: &DotEnv) -> Option<(Spanned<String>, bool)> {
    let value = node.spanned()?;
    Some(interpolate_text(&value, dot_env))
}

/// Compose's interpolation over one value: `$$` is a `$`; `${VAR}`, `${VAR:-x}`, `${VAR-x}`,
/// `${VAR:?msg}` and `$VAR` take the `.env` value, else the default, else stay unknown.
pub fn interpolate_text(value: &Spanned<String>, dot_env: &DotEnv) -> (Spanned<String>, bool) {
    let text = value.value.as_str();
    if !text.contains('$') {
        return (value.clone(), false);
    }
    let mut out = String::new();
    let mut unknown = false;
    let mut single: Option<Spanned<String>> = None;
    let mut rest = text;
    let mut pieces = 0;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        if !rest[..at].is_empty() {
            pieces += 1;
        }
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            out.push('$');
            pieces += 1;
            rest = tail;
            continue;
        }
        let (name, default, consumed) = if let Some(body) = after.strip_prefix('{') {
            let Some(close) = body.find('}') else {
                out.push_str(&rest[at..]);
                unknown = true;
                rest = "";
                break;
            };
            let inner = &body[..close];
            let (name, default) = match inner.find([':', '-', '?']) {
                Some(i) => {
                    let op = &inner[i..];
                    let default = op
                        .strip_prefix(":-")
                        .or_else(|| op.strip_prefix('-'))
                        .map(str::to_owned);
                    (&inner[..i], default)
                }
                None => (inner, None),
            };
            (name, default, close + 2)
        } else {
            let len = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            (&after[..len], None, len)
        };
        pieces += 1;
        match (dot_env.get(name), default) {
            (Some(v), _) => {
                out.push_str(&v.value);
                single = Some(v.clone());
            }
            (None, Some(d)) => out.push_str(&d),
            (None, None) => {
                out.push_str(&rest[at..at + 1 + consumed]);
                unknown = true;
            }
        }
        rest = &after[consumed.min(after.len())..];
    }
    out.push_str(rest);
    if !rest.is_empty() {
        pieces += 1;
    }
    // A value that is one `.env` variable points at the `.env` file, where it is written.
    if let (Some(v), 1, false) = (single, pieces, unknown) {
        return (v, false);
    }
    (Spanned::new(out, value.span), unknown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    fn containers(text: &str, env: &str) -> (Vec<Container>, Option<YamlError>) {
        let mut map = SourceMap::new();
        let id = map.add("docker-compose.yml", text.as_bytes());
        let env_id = map.add(".env", env.as_bytes());
        let dot_env = parse_dot_env(env_id, env);
        parse_compose(id, text, &dot_env, &|_| None)
    }

    #[test]
    fn replicas_and_scale_are_copies() {
        let text = "services:\n  a:\n    image: x\n    deploy:\n      replicas: ${N:-3}\n  \
                    b:\n    image: x\n    scale: 2\n  c:\n    image: x\n    deploy:\n      replicas: 1\n  \
                    d:\n    image: x\n    deploy:\n      replicas: ${M}\n";
        let (c, _) = containers(text, "");
        let copies: Vec<Option<i64>> = c
            .iter()
            .map(|c| c.copies.as_ref().map(|n| n.value))
            .collect();
        assert_eq!(copies, [Some(3), Some(2), None, None]);
        let at = c[1].copies.as_ref().expect("scale").span;
        assert_eq!(&text[at.range()], "2");
    }

    #[test]
    fn services_become_containers_with_spans() {
        let text = "version: '3'\nx-zk: &zk\n  image: zookeeper:3.8\n  restart: always\nservices:\n  zk1:\n    <<: *zk\n    hostname: zk1.local\n    environment:\n      ZOO_MY_ID: 1\n      ZOO_SERVERS: server.1=zk1:2888:3888;2181 server.2=zk2:2888:3888;2181\n  m1:\n    image: mesosphere/mesos-master:${TAG:-1.4.1}\n    network_mode: host\n    ports: [\"5050:5050\"]\n    command: --zk=zk://zk1:2181/mesos --quorum=${QUORUM}\n    environment:\n      - MESOS_WORK_DIR=/var/lib/mesos\n      - LIBPROCESS_IP\n    volumes:\n      - ./data:/tmp/mesos\n";
        let (c, error) = containers(text, "QUORUM=2\n");
        assert!(error.is_none());
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].image.as_ref().expect("present").value, "zookeeper:3.8");
        assert_eq!(c[0].aliases, vec!["zk1.local"]);
        let servers = c[0]
            .var("ZOO_SERVERS")
            .expect("present")
            .value
            .clone()
            .expect("present");
        assert_eq!(&text[servers.span.range()], servers.value);
        let m = &c[1];
        assert_eq!(
            m.image.as_ref().expect("present").value,
            "mesosphere/mesos-master:1.4.1"
        );
        assert!(m.host_network.is_some() && m.ports.len() == 1);
        let cmd = m.command.as_ref().expect("present");
        assert_eq!(&text[cmd[0].span.range()], "--zk=zk://zk1:2181/mesos");
        assert_eq!(cmd[1].value, "--quorum=2");
        assert_eq!(
            m.var("MESOS_WORK_DIR")
                .expect("present")
                .value
                .as_ref()
                .expect("present")
                .value,
            "/var/lib/mesos"
        );
        assert!(m.var("LIBPROCESS_IP").expect("present").unknown);
        assert_eq!(m.mounts[0].target.value, "/tmp/mesos");
    }

    #[test]
    fn interpolation_follows_compose() {
        let mut map = SourceMap::new();
        let env_id = map.add(".env", b"ZK=zk://a:2181/m\n");
        let id = map.add("c.yml", b"x");
        let env = parse_dot_env(env_id, "ZK=zk://a:2181/m\n");
        let v = |s: &str| {
            interpolate_text(&Spanned::new(s.to_owned(), Span::new(id, 0, s.len())), &env)
        };
        assert_eq!(v("${ZK}").0.span.file, env_id);
        assert_eq!(v("$$HOME").0.value, "$HOME");
        assert_eq!(v("${X:-5}").0.value, "5");
        assert_eq!(v("a${ZK}b").0.value, "azk://a:2181/mb");
        assert!(v("${NOPE}").1 && v("$NOPE").1);
    }

    #[test]
    fn env_files_give_variables_the_environment_does_not() {
        let text = "services:\n  m1:\n    image: mesosphere/mesos-master:1.4.1\n    env_file: ./master.env\n    environment:\n      MESOS_WORK_DIR: /w\n  m2:\n    image: mesosphere/mesos-master:1.4.1\n    env_file:\n      - master.env\n      - path: ./more.env\n        required: false\n  m3:\n    image: mesosphere/mesos-master:1.4.1\n    env_file: [absent.env]\n";
        let env = "# masters\nMESOS_QUORUM=1\nexport MESOS_WORK_DIR=\"/var/lib/mesos\"\nMESOS_IP\n";
        let more = "MESOS_QUORUM=2\n";
        let mut map = SourceMap::new();
        let id = map.add("p/docker-compose.yml", text.as_bytes());
        let env_id = map.add("p/master.env", env.as_bytes());
        let more_id = map.add("p/more.env", more.as_bytes());
        let files = |named: &str| match named {
            "./master.env" | "master.env" => Some(parse_env_file(env_id, env)),
            "./more.env" => Some(parse_env_file(more_id, more)),
            _ => None,
        };
        let (c, _) = parse_compose(id, text, &DotEnv::new(), &files);
        let value = |c: &Container, name: &str| c.var(name).and_then(|v| v.value.clone());
        let quorum = value(&c[0], "MESOS_QUORUM").expect("from the env file");
        assert_eq!(quorum.span.file, env_id);
        assert_eq!(&env[quorum.span.range()], "1");
        let name = &c[0].var("MESOS_QUORUM").expect("present").name;
        assert_eq!(&env[name.span.range()], "MESOS_QUORUM");
        // `environment:` beats `env_file:`, and is the only MESOS_WORK_DIR.
        assert_eq!(value(&c[0], "MESOS_WORK_DIR").expect("set").value, "/w");
        let work_dirs = c[0].env.iter().filter(|v| v.name.value == "MESOS_WORK_DIR");
        assert_eq!(work_dirs.count(), 1);
        assert!(c[0].var("MESOS_IP").expect("present").unknown);
        assert!(!c[0].open_env);
        // A later file beats an earlier one; the quoted value loses its quotes.
        let quorum = value(&c[1], "MESOS_QUORUM").expect("present");
        assert_eq!((quorum.value.as_str(), quorum.span.file), ("2", more_id));
        assert_eq!(
            value(&c[1], "MESOS_WORK_DIR").expect("set").value,
            "/var/lib/mesos"
        );
        // A file out of sight may set anything.
        assert!(c[2].open_env && c[2].env.is_empty());
        assert_eq!(
            env_files_named(id, text),
            vec!["./master.env", "master.env", "./more.env", "absent.env"]
        );
    }

    #[test]
    fn yaml_errors_are_diagnostics() {
        let (c, error) = containers("services:\n  zk: [\n", "");
        assert!(c.is_empty());
        assert!(error.expect("present").span.start >= 16);
    }
}
