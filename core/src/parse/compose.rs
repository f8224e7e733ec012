//! Reads docker-compose files (v1, v2, v3 and the Compose Specification) into [`Container`]s:
//! one per service, with its image, environment, command, entrypoint, network mode, published
//! ports and mounts, each value spanned into the YAML.
//!
//! Variables are interpolated as Compose does (`${VAR}`, `${VAR:-default}`, `${VAR-default}`,
//! `$VAR`, `$$`) from the project's `.env` file; a variable neither the file nor a default
//! gives is unknown, never wrong. What each image does with the container is not decided here
//! (see [`crate::catalog::images`]).

use std::collections::BTreeMap;

use crate::model::container::{Container, EnvVar, Mount, Orchestrator, YamlError};
use crate::parse::shell::split_commands;
use crate::parse::yaml::{self, Node, NodeKind};
use crate::source::{FileId, Span, Spanned};

/// The variables of a project's `.env` file.
pub type DotEnv = BTreeMap<String, Spanned<String>>;

/// Reads a `.env` file as Compose does: `NAME=value` lines, `#` comments, quotes removed.
pub fn parse_dot_env(file: FileId, text: &str) -> DotEnv {
    let mut out = DotEnv::new();
    let base = text.as_ptr() as usize;
    for line in text.lines() {
        let body = line.trim_start();
        let body = body.strip_prefix("export ").unwrap_or(body);
        if body.starts_with('#') {
            continue;
        }
        let Some((name, value)) = body.split_once('=') else {
            continue;
        };
        let name = name.trim();
        if name.is_empty() {
            continue;
        }
        let (value, at) = unquote(value, value.as_ptr() as usize - base);
        out.insert(
            name.to_owned(),
            Spanned::new(value.to_owned(), Span::new(file, at, at + value.len())),
        );
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

/// Every service of a compose file.
pub fn parse_compose(
    file: FileId,
    text: &str,
    dot_env: &DotEnv,
) -> (Vec<Container>, Option<YamlError>) {
    let stream = yaml::parse(file, text);
    let error = yaml_error(&stream);
    let Some(doc) = stream.documents.first() else {
        return (Vec::new(), error);
    };
    let services: Vec<&(Node, Node)> = match doc.get("services") {
        Some(s) => s.entries().iter().collect(),
        // Version 1: services at the top level.
        None => doc
            .entries()
            .iter()
            .filter(|(k, v)| {
                k.as_str()
                    .is_some_and(|k| !k.starts_with("x-") && k != "version")
                    && (v.get("image").is_some() || v.get("command").is_some())
            })
            .collect(),
    };
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
            c.env = environment(service.get("environment"), dot_env);
            c.open_env = service.get("env_file").is_some();
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
            Some(c)
        })
        .collect();
    (containers, error)
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
        parse_compose(id, text, &dot_env)
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
    fn yaml_errors_are_diagnostics() {
        let (c, error) = containers("services:\n  zk: [\n", "");
        assert!(c.is_empty());
        assert!(error.expect("present").span.start >= 16);
    }
}
