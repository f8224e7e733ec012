//! The typed model rules read: hosts, their ZooKeeper servers and Mesos processes.
//!
//! Every value a rule may point at is [`Spanned`](crate::source::Spanned). The model is built
//! by the parsers from the input files; rules never see raw text.

pub mod container;
pub mod ensemble;
pub mod identity;
pub mod live;
pub mod mesos;
pub mod problems;
pub mod zk_url;
pub mod zookeeper;

use crate::source::Span;
use mesos::MesosProcess;
use zookeeper::ZkServer;

/// The whole cluster as meslint understood it from the input files.
#[derive(Clone, Debug, Default)]
pub struct Cluster {
    /// Sorted by name.
    pub hosts: Vec<Host>,
    /// What the parsers found wrong while reading the files, for the rules that report it.
    pub problems: problems::Problems,
    /// Values a script took from a shell or systemd variable: (the assignment, the use).
    pub value_uses: Vec<(Span, Span)>,
}

/// One machine (or one directory standing for a machine).
#[derive(Clone, Debug, Default)]
pub struct Host {
    /// The directory name or label that names the host (`zk1`, `10.0.0.5`, `.` for a flat
    /// directory).
    pub name: String,
    /// ZooKeeper servers configured on this host; several for a pseudo-cluster.
    pub zookeeper: Vec<ZkServer>,
    /// Mesos masters and agents configured on this host.
    pub mesos: Vec<MesosProcess>,
    /// Other names peers reach the host by (a container's `hostname:`, a pod's DNS names).
    pub aliases: Vec<String>,
    /// The containers that make up the host, when it is one (or the host network of several).
    pub containers: Vec<container::Container>,
}

impl Host {
    /// How many alike machines the host stands for: the replicas of the Deployment or compose
    /// service it is, else one.
    pub fn copies(&self) -> usize {
        self.containers
            .iter()
            .filter_map(|c| c.copies.as_ref())
            .map(|c| usize::try_from(c.value).unwrap_or(1))
            .max()
            .unwrap_or(1)
            .max(1)
    }
}

impl Cluster {
    /// How messages name a ZooKeeper server: the host, plus its id where the host runs several
    /// servers or has no name of its own.
    pub fn describe(&self, host: &Host, server: &ZkServer) -> String {
        let id = server
            .myid
            .as_ref()
            .and_then(|m| m.id.as_ref())
            .map(|i| i.value);
        match (host.name.as_str(), id, host.zookeeper.len() > 1) {
            // Several servers and no myid: only the file tells them apart.
            (_, None, true) if !server.config.path.is_empty() => {
                format!("`{}`", server.config.path)
            }
            (".", Some(id), _) => format!("server {id}"),
            (".", None, _) => "the server".to_owned(),
            (name, Some(id), true) => format!("server {id} on {name}"),
            (name, _, _) => name.to_owned(),
        }
    }

    /// Every ZooKeeper server with the host it runs on.
    pub fn zk_servers(&self) -> impl Iterator<Item = (&Host, &ZkServer)> {
        self.hosts
            .iter()
            .flat_map(|h| h.zookeeper.iter().map(move |z| (h, z)))
    }

    /// Every Mesos master and agent with the host it runs on.
    pub fn mesos_processes(&self) -> impl Iterator<Item = (&Host, &MesosProcess)> {
        self.hosts
            .iter()
            .flat_map(|h| h.mesos.iter().map(move |m| (h, m)))
    }
}
