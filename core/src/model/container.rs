//! Containers as the orchestrator files describe them: a compose service, one `docker run`, a
//! Kubernetes pod (one per StatefulSet replica). Parsers fill these records in with spans into
//! the YAML or script; the assembly turns each one into the ZooKeeper server or Mesos
//! process its image runs. What an image does is
//! [`crate::catalog::images`]'s.

use crate::catalog::images;
use crate::source::{FileId, Span, Spanned};

/// Which orchestrator file a container comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Orchestrator {
    Compose,
    DockerRun,
    Kubernetes,
}

/// One environment variable given to a container.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvVar {
    pub name: Spanned<String>,
    /// `None` when the file names the variable without a value meslint can see
    /// (`valueFrom:`, `- NAME` passed through from the shell).
    pub value: Option<Spanned<String>>,
    /// True when the value holds an interpolation or expansion meslint could not resolve.
    pub unknown: bool,
}

/// A bind mount or volume: `source:target`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mount {
    /// The host path or volume name; `None` for an anonymous volume.
    pub source: Option<String>,
    /// The path inside the container.
    pub target: Spanned<String>,
}

/// A file a ConfigMap's `data:` puts into a container.
#[derive(Clone, Debug)]
pub struct MountedFile {
    /// The path inside the container.
    pub path: String,
    /// The manifest's text with everything but the file's lines blanked, so that offsets
    /// into it are offsets into the manifest.
    pub text: std::sync::Arc<str>,
}

/// One container.
#[derive(Clone, Debug)]
pub struct Container {
    pub file: FileId,
    pub orchestrator: Orchestrator,
    /// What names the container as a host: the service name, `--name`, the pod name.
    pub name: Spanned<String>,
    /// Other names peers reach it by (`hostname:`, `container_name:`, a headless Service's
    /// DNS names).
    pub aliases: Vec<String>,
    pub image: Option<Spanned<String>>,
    pub env: Vec<EnvVar>,
    /// The command given to the container (compose `command:`, the arguments after the image,
    /// Kubernetes `args:`), one argument each; `None` when none is given.
    pub command: Option<Vec<Spanned<String>>>,
    /// An entrypoint that replaces the image's (compose `entrypoint:`, `--entrypoint`,
    /// Kubernetes `command:`).
    pub entrypoint: Option<Vec<Spanned<String>>>,
    /// Where the container is put on the host's network (`network_mode: host`, `--net=host`,
    /// `hostNetwork: true`).
    pub host_network: Option<Span>,
    /// Published ports (`ports:`, `-p`).
    pub ports: Vec<Spanned<String>>,
    pub mounts: Vec<Mount>,
    /// True when some variables come from where meslint cannot see (`env_file:` not given,
    /// `envFrom:`, `--env-file`).
    pub open_env: bool,
    /// The StatefulSet ordinal of this replica (`zk-2` is 2).
    pub ordinal: Option<i64>,
    /// The StatefulSet's `replicas:`, when the manifest gives a number.
    pub replicas: Option<Spanned<i64>>,
    /// How many alike replicas the container stands for, when its file says more than one: a
    /// Deployment's or ReplicaSet's `replicas:`, compose `deploy.replicas:` or `scale:`.
    pub copies: Option<Spanned<i64>>,
    /// Files a ConfigMap mounts into the container (a `zoo.cfg` under `/conf`).
    pub files: Vec<MountedFile>,
    /// Where to point for the container as a whole.
    pub anchor: Span,
}

impl Container {
    pub fn new(file: FileId, orchestrator: Orchestrator, name: Spanned<String>) -> Container {
        let anchor = name.span;
        Container {
            file,
            orchestrator,
            name,
            aliases: Vec::new(),
            image: None,
            env: Vec::new(),
            command: None,
            entrypoint: None,
            host_network: None,
            ports: Vec::new(),
            mounts: Vec::new(),
            open_env: false,
            ordinal: None,
            replicas: None,
            copies: None,
            files: Vec::new(),
            anchor,
        }
    }

    /// The last value given to `name` (later entries win, as in compose and Kubernetes).
    pub fn var(&self, name: &str) -> Option<&EnvVar> {
        self.env.iter().rev().find(|v| v.name.value == name)
    }

    /// The variables without which the container's image stops it, with why (see
    /// [`images::missing_required`]); a mounted zoo.cfg or myid stands in for bobrik's
    /// variables, and variables from where meslint cannot see may hold the rest.
    pub fn missing_variables(&self) -> Vec<(&'static str, &'static str)> {
        let Some(image) = self.image.as_ref().and_then(|i| images::lookup(&i.value)) else {
            return Vec::new();
        };
        if self.open_env {
            return Vec::new();
        }
        images::missing_required(image, &|v| {
            self.var(v).is_some()
                || (v == "ZK_ID" && self.mount_holding("/var/lib/zookeeper/myid").is_some())
                || (v == "ZK_CONFIG" && self.mount_holding("/etc/zookeeper/conf/zoo.cfg").is_some())
        })
    }

    /// The mount whose target holds `path`, if any.
    pub fn mount_holding(&self, path: &str) -> Option<&Mount> {
        let path = path.trim_end_matches('/');
        self.mounts.iter().find(|m| {
            let target = m.target.value.trim_end_matches('/');
            !target.is_empty()
                && (path == target
                    || path
                        .strip_prefix(target)
                        .is_some_and(|rest| rest.starts_with('/')))
        })
    }
}

/// A YAML syntax error in a compose file or manifest: the file is read up to here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    pub span: Span,
}
