//! Reads Kubernetes manifests (multi-document YAML) into [`Container`]s: one per Pod, one per
//! Deployment (its replicas are alike), one per StatefulSet replica, named as Kubernetes names
//! the pod (`zk-0`) with the DNS names its headless Service gives it
//! (`zk-0.zk-hs.default.svc.cluster.local`).
//!
//! Container `env` values are read; `valueFrom` and `envFrom` are unknown. `$(VAR)` references
//! and Helm placeholders (`{{ .Values.x }}`) are unknown values, never wrong: Helm templates
//! are masked before the YAML is read so that they parse. Which image runs what is not
//! decided here.

use crate::sort::CollectSorted;
use std::collections::BTreeMap;
use std::sync::Arc;

use crate::model::container::{Container, EnvVar, Mount, MountedFile, Orchestrator, YamlError};
use crate::parse::compose::yaml_error;
use crate::parse::yaml::{self, Node};
use crate::source::{FileId, Spanned};
use crate::template::has_placeholder;

/// More replicas than this are read as this many: enough for any ensemble, and linear work.
const MAX_REPLICAS: i64 = 64;

/// Replaces Helm/Jinja tags with same-length text that YAML reads as a plain scalar (or, on a
/// line of its own, as a comment), so that every span still points at the same byte.
pub fn mask_templates(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        let control = (t.starts_with("{{") && t.ends_with("}}") && t.matches("{{").count() == 1)
            || (t.starts_with("{%") && t.ends_with("%}"));
        if control {
            let lead = line.len() - line.trim_start().len();
            out.push_str(&line[..lead]);
            out.push('#');
            out.push_str(&line[lead + 1..]);
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("{{") {
            let Some(end) = rest[at..].find("}}") else {
                break;
            };
            out.push_str(&rest[..at]);
            let tag = &rest[at..at + end + 2];
            // Same bytes, same length: multi-byte characters inside a tag become several `_`.
            out.push_str(&"_".repeat(tag.len()));
            rest = &rest[at + end + 2..];
        }
        out.push_str(rest);
    }
    out
}

/// The text of a scalar as written in `original` (before masking), and whether it holds a
/// template placeholder.
pub fn scalar(node: &Node, original: &str) -> Option<(Spanned<String>, bool)> {
    let value = node.spanned()?;
    let written = original.get(value.span.range()).unwrap_or("");
    if has_placeholder(written) {
        return Some((Spanned::new(written.to_owned(), value.span), true));
    }
    let unknown = value.value.contains("$(");
    Some((value, unknown))
}

/// Every pod-like container of a manifest.
pub fn parse_manifests(file: FileId, text: &str) -> (Vec<Container>, Option<YamlError>) {
    let masked = mask_templates(text);
    let stream = yaml::parse(file, &masked);
    let error = yaml_error(&stream);
    let mut out = Vec::new();
    let items: Vec<&Node> = stream
        .documents
        .iter()
        .flat_map(|doc| match doc.get("kind").and_then(Node::as_str) {
            Some("List") => doc.get("items").map(|i| i.items().iter().collect()),
            _ => Some(vec![doc]),
        })
        .flatten()
        .collect();
    let config_maps = config_maps(text, &items);
    for item in items {
        workload(file, text, item, &config_maps, &mut out);
    }
    (out, error)
}

/// The files of each ConfigMap (`data:` entries written as `|` blocks), by ConfigMap name.
type ConfigMaps = BTreeMap<String, Vec<(String, Arc<str>)>>;

fn config_maps(text: &str, items: &[&Node]) -> ConfigMaps {
    let mut out = ConfigMaps::new();
    for item in items {
        if item.get("kind").and_then(Node::as_str) != Some("ConfigMap") {
            continue;
        }
        let Some(name) = item
            .get("metadata")
            .and_then(|m| m.get("name"))
            .and_then(Node::as_str)
        else {
            continue;
        };
        let data = item.get("data").map(Node::entries).unwrap_or(&[]);
        let files = data
            .iter()
            .filter_map(|(key, value)| Some((key.as_str()?.to_owned(), block(text, value)?)))
            .collect();
        out.insert(name.to_owned(), files);
    }
    out
}

/// A `|` block scalar's lines, in a copy of `text` where everything else is blanked: a
/// properties reader skips the indentation, and its spans are the manifest's.
fn block(text: &str, node: &Node) -> Option<Arc<str>> {
    let start = node.span.start as usize;
    let end = (node.span.end as usize).min(text.len());
    // The span starts at the block's first line; the `|` ends the line before it.
    let before = text.get(..start)?.trim_end_matches([' ', '\t']);
    let indicator = before.strip_suffix('\n')?.trim_end();
    if !["|", "|-", "|+"].iter().any(|i| indicator.ends_with(i)) {
        return None;
    }
    let body = start;
    let mut bytes = text.as_bytes().to_vec();
    for (i, b) in bytes.iter_mut().enumerate() {
        if !(body..end).contains(&i) && *b != b'\n' {
            *b = b' ';
        }
    }
    String::from_utf8(bytes).ok().map(Arc::from)
}

fn workload(
    file: FileId,
    text: &str,
    doc: &Node,
    config_maps: &ConfigMaps,
    out: &mut Vec<Container>,
) {
    let Some(kind) = doc.get("kind").and_then(Node::as_str) else {
        return;
    };
    let Some(name_node) = doc.get("metadata").and_then(|m| m.get("name")) else {
        return;
    };
    let Some((name, _)) = scalar(name_node, text) else {
        return;
    };
    let namespace = doc
        .get("metadata")
        .and_then(|m| m.get("namespace"))
        .and_then(Node::as_str)
        .unwrap_or("default")
        .to_owned();
    let spec = doc.get("spec");
    let pod_spec = match kind {
        "Pod" => spec,
        "Deployment" | "StatefulSet" | "ReplicaSet" | "DaemonSet" => spec
            .and_then(|s| s.get("template"))
            .and_then(|t| t.get("spec")),
        _ => None,
    };
    let Some(pod_spec) = pod_spec else { return };
    let written_replicas = spec
        .and_then(|s| s.get("replicas"))
        .and_then(|r| scalar(r, text))
        .and_then(|(r, unknown)| {
            let n = r.value.parse::<i64>().ok().filter(|_| !unknown)?;
            Some(Spanned::new(n, r.span))
        });
    let replicas = written_replicas
        .as_ref()
        .map_or(1, |r| r.value)
        .clamp(0, MAX_REPLICAS);
    let pods: Vec<(String, Option<i64>, Vec<String>)> = if kind == "StatefulSet" {
        let service = spec
            .and_then(|s| s.get("serviceName"))
            .and_then(Node::as_str)
            .map(str::to_owned);
        (0..replicas)
            .map(|i| {
                let pod = format!("{}-{i}", name.value);
                let aliases = service
                    .iter()
                    .flat_map(|svc| {
                        [
                            format!("{pod}.{svc}"),
                            format!("{pod}.{svc}.{namespace}"),
                            format!("{pod}.{svc}.{namespace}.svc"),
                            format!("{pod}.{svc}.{namespace}.svc.cluster.local"),
                        ]
                    })
                    .collect();
                (pod, Some(i), aliases)
            })
            .collect()
    } else {
        let hostname = pod_spec.get("hostname").and_then(Node::as_str);
        let pod = hostname.map_or_else(|| name.value.clone(), str::to_owned);
        vec![(pod, None, Vec::new())]
    };
    let host_network = pod_spec
        .get("hostNetwork")
        .filter(|n| n.as_str() == Some("true"))
        .map(|n| n.span);
    // Volume name -> ConfigMap name.
    let volumes: BTreeMap<&str, &str> = pod_spec
        .get("volumes")
        .map(Node::items)
        .unwrap_or(&[])
        .iter()
        .filter_map(|v| {
            let config_map = v.get("configMap")?;
            // `items:` renames the files: not followed.
            if config_map.get("items").is_some() {
                return None;
            }
            Some((v.get("name")?.as_str()?, config_map.get("name")?.as_str()?))
        })
        .collect_map();
    let containers = pod_spec.get("containers").map(Node::items).unwrap_or(&[]);
    for (pod, ordinal, aliases) in pods {
        for spec in containers {
            let mut c = Container::new(
                file,
                Orchestrator::Kubernetes,
                Spanned::new(pod.clone(), name.span),
            );
            c.anchor = spec.get("name").map_or(name.span, |n| n.span);
            c.ordinal = ordinal;
            if kind == "StatefulSet" {
                c.replicas = written_replicas.clone();
            } else if matches!(kind, "Deployment" | "ReplicaSet") {
                c.copies = written_replicas
                    .as_ref()
                    .filter(|r| r.value > 1)
                    .map(|r| Spanned::new(r.value.min(MAX_REPLICAS), r.span));
            }
            c.aliases = aliases.clone();
            c.image = spec.get("image").and_then(|n| scalar(n, text)).map(|v| v.0);
            c.host_network = host_network;
            c.open_env = spec.get("envFrom").is_some();
            c.env = spec
                .get("env")
                .map(|e| e.items().iter().filter_map(|v| env_var(v, text)).collect())
                .unwrap_or_default();
            c.entrypoint = spec.get("command").map(|n| list(n, text));
            c.command = spec.get("args").map(|n| list(n, text));
            c.mounts = spec
                .get("volumeMounts")
                .map(|m| {
                    m.items()
                        .iter()
                        .filter_map(|v| {
                            Some(Mount {
                                source: v.get("name").and_then(Node::as_str).map(str::to_owned),
                                target: v.get("mountPath")?.spanned()?,
                            })
                        })
                        .collect()
                })
                .unwrap_or_default();
            c.files = mounted_files(spec, &volumes, config_maps);
            out.push(c);
        }
    }
}

/// The ConfigMap files a container's `volumeMounts` put in it: every key under the mount
/// path, or the one `subPath` names at the mount path itself.
fn mounted_files(
    spec: &Node,
    volumes: &BTreeMap<&str, &str>,
    config_maps: &ConfigMaps,
) -> Vec<MountedFile> {
    let mut out = Vec::new();
    for mount in spec.get("volumeMounts").map(Node::items).unwrap_or(&[]) {
        let (Some(volume), Some(at)) = (
            mount.get("name").and_then(Node::as_str),
            mount.get("mountPath").and_then(Node::as_str),
        ) else {
            continue;
        };
        let Some(files) = volumes.get(volume).and_then(|m| config_maps.get(*m)) else {
            continue;
        };
        let sub_path = mount.get("subPath").and_then(Node::as_str);
        for (key, text) in files {
            let path = match sub_path {
                Some(sub) if sub == key => at.trim_end_matches('/').to_owned(),
                Some(_) => continue,
                None => format!("{}/{key}", at.trim_end_matches('/')),
            };
            out.push(MountedFile {
                path,
                text: Arc::clone(text),
            });
        }
    }
    out
}

fn env_var(node: &Node, text: &str) -> Option<EnvVar> {
    let name = node.get("name")?.spanned()?;
    match node.get("value").and_then(|v| scalar(v, text)) {
        Some((value, unknown)) => Some(EnvVar {
            name,
            value: Some(value),
            unknown,
        }),
        // `valueFrom:` (a ConfigMap, a Secret, the pod's own fields): not visible here.
        None => Some(EnvVar {
            name,
            value: None,
            unknown: true,
        }),
    }
}

fn list(node: &Node, text: &str) -> Vec<Spanned<String>> {
    match node.items() {
        [] => scalar(node, text).map(|v| vec![v.0]).unwrap_or_default(),
        items => items
            .iter()
            .filter_map(|i| scalar(i, text))
            .map(|v| v.0)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    fn read(text: &str) -> Vec<Container> {
        let mut map = SourceMap::new();
        let id = map.add("zk.yaml", text.as_bytes());
        let (out, error) = parse_manifests(id, text);
        assert!(error.is_none(), "{error:?}");
        out
    }

    #[test]
    fn statefulset_replicas_are_pods_with_dns_names() {
        let text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: zk-hs\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: zk\n  namespace: data\nspec:\n  serviceName: zk-hs\n  replicas: {{ .Values.replicas }}\n  template:\n    spec:\n      containers:\n      - name: zookeeper\n        image: \"zookeeper:3.8\"\n        env:\n        - name: ZOO_SERVERS\n          value: server.1=zk-0.zk-hs:2888:3888;2181\n        - name: ZOO_MY_ID\n          valueFrom:\n            fieldRef: {fieldPath: metadata.name}\n        command: [\"sh\", \"-c\", \"ZOO_MY_ID=$((${HOSTNAME##*-}+1)) /docker-entrypoint.sh zkServer.sh start-foreground\"]\n";
        let pods = read(text);
        assert_eq!(pods.len(), 1, "unknown replicas read as one");
        let p = &pods[0];
        assert_eq!(p.name.value, "zk-0");
        assert!(
            p.aliases
                .contains(&"zk-0.zk-hs.data.svc.cluster.local".to_owned())
        );
        assert_eq!(p.ordinal, Some(0));
        let servers = p
            .var("ZOO_SERVERS")
            .expect("present")
            .value
            .clone()
            .expect("present");
        assert_eq!(&text[servers.span.range()], servers.value);
        assert!(p.var("ZOO_MY_ID").expect("present").value.is_none());
        assert_eq!(p.entrypoint.as_ref().expect("present").len(), 3);
        assert!(p.replicas.is_none(), "a placeholder is no count");
        let deployment = text
            .replace("StatefulSet", "Deployment")
            .replace("{{ .Values.replicas }}", "3");
        let pods = read(&deployment);
        assert_eq!(pods.len(), 1, "a Deployment's replicas are one host");
        assert_eq!(pods[0].copies.as_ref().map(|c| c.value), Some(3));
        assert!(pods[0].replicas.is_none());
        let three = text.replace("{{ .Values.replicas }}", "3");
        let pods = read(&three);
        assert_eq!(pods.len(), 3);
        let replicas = pods[2].replicas.as_ref().expect("written");
        assert_eq!((replicas.value, &three[replicas.span.range()]), (3, "3"));
    }

    #[test]
    fn config_map_files_are_mounted_with_manifest_spans() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: zk\nspec:\n  containers:\n  - name: zk\n    image: zookeeper:3.8\n    volumeMounts:\n    - {name: conf, mountPath: /conf}\n    - {name: one, mountPath: /etc/zk/zoo.cfg, subPath: zoo.cfg}\n  volumes:\n  - {name: conf, configMap: {name: zk-conf}}\n  - {name: one, configMap: {name: zk-conf}}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: zk-conf\ndata:\n  zoo.cfg: |\n    tickTime=2000\n    server.1=zk:2888:3888\n  inline: \"a=1\"\n";
        let pods = read(text);
        let files = &pods[0].files;
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            vec!["/conf/zoo.cfg", "/etc/zk/zoo.cfg"],
            "blocks only"
        );
        let cfg = &files[0].text;
        assert_eq!(cfg.len(), text.len());
        let at = text.find("server.1").expect("present");
        assert_eq!(&cfg[at..at + 8], "server.1");
        assert!(!cfg.contains("kind") && !cfg.contains("zoo.cfg: |"));
    }

    #[test]
    fn helm_control_lines_are_masked() {
        let text = "a: 1\n{{- if .Values.x }}\nb: {{ .Values.b }}\n{{- end }}\n";
        let masked = mask_templates(text);
        assert_eq!(masked.len(), text.len());
        assert!(masked.contains("#{- if"));
        assert!(masked.contains("b: _"));
    }
}
